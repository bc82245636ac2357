package org.example.bookshelf.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line drives the Books use cases over the SQLite store: their rules and refusals come along. */
class MainTest {

    @TempDir
    Path directory;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void added_books_are_listed_newest_first_and_found_despite_a_typo() {
        assertThat(run("add", "Dune", "Frank Herbert", "0-441-01359-7")).isZero();
        assertThat(run("add", "The Left Hand of Darkness", "Ursula K. Le Guin")).isZero();
        out.reset();

        assertThat(run("list")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines())
                .satisfiesExactly(
                        line -> assertThat(line).endsWith("The Left Hand of Darkness by Ursula K. Le Guin"),
                        line -> assertThat(line).endsWith("Dune by Frank Herbert (ISBN 9780441013593)"));
        out.reset();

        assertThat(run("search", "left hand of darknes")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("The Left Hand of Darkness")
                .doesNotContain("Dune");
    }

    @Test
    void a_refusal_of_the_use_cases_is_reported_with_its_code_and_exit_status_1() {
        run("add", "Dune", "Frank Herbert");

        assertThat(run("add", "  DUNE ", "frank   herbert")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("duplicate-book: ");
        assertThat(run("add", "Dune Messiah", "Frank Herbert", "12345")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("invalid-book");
    }

    @Test
    void a_command_line_it_does_not_understand_gets_the_usage_and_exit_status_2() {
        assertThat(run("shelve", "Dune")).isEqualTo(2);
        assertThat(run("add", "Only a title")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(Main.USAGE);
    }

    private int run(String... words) {
        String[] args = new String[words.length + 2];
        args[0] = "--db";
        args[1] = directory.resolve("shelf.db").toString();
        System.arraycopy(words, 0, args, 2, words.length);
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
