package dev.books.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.books.bootstrap.CommandLine.Export;
import dev.books.bootstrap.CommandLine.Help;
import dev.books.bootstrap.CommandLine.Import;
import dev.books.bootstrap.CommandLine.Migrate;
import dev.books.bootstrap.CommandLine.Serve;
import dev.books.bootstrap.CommandLine.UsageException;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void no_arguments_or_serve_serve() {
        assertThat(CommandLine.parse()).isEqualTo(new Serve());
        assertThat(CommandLine.parse("serve")).isEqualTo(new Serve());
    }

    @Test
    void migrate_migrates() {
        assertThat(CommandLine.parse("migrate")).isEqualTo(new Migrate());
    }

    @Test
    void import_takes_one_file_and_strict_before_or_after_it() {
        assertThat(CommandLine.parse("import", "books.ndjson")).isEqualTo(new Import("books.ndjson", false));
        assertThat(CommandLine.parse("import", "--strict", "books.json")).isEqualTo(new Import("books.json", true));
        assertThat(CommandLine.parse("import", "-", "--strict")).isEqualTo(new Import("-", true));
    }

    @Test
    void export_takes_an_optional_file() {
        assertThat(CommandLine.parse("export")).isEqualTo(new Export(Optional.empty()));
        assertThat(CommandLine.parse("export", "out.ndjson")).isEqualTo(new Export(Optional.of("out.ndjson")));
    }

    @Test
    void help_wins_wherever_it_is_asked_for() {
        assertThat(CommandLine.parse("--help")).isEqualTo(new Help());
        assertThat(CommandLine.parse("-h")).isEqualTo(new Help());
        assertThat(CommandLine.parse("help")).isEqualTo(new Help());
        assertThat(CommandLine.parse("import", "--strict", "--help")).isEqualTo(new Help());
        assertThat(CommandLine.parse("nonsense", "-h")).isEqualTo(new Help());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "frobnicate                      | unknown command 'frobnicate'",
        "import                          | import needs a FILE (or - for standard input)",
        "import a.json b.json            | import takes one FILE, not 2",
        "import --force a.json           | import has no option --force (only --strict)",
        "export a.ndjson b.ndjson        | export takes at most one FILE, not 2",
        "export --gzip                   | export has no option --gzip",
        "migrate now                     | migrate takes no arguments (got 'now')",
        "serve --port=9000               | serve takes no arguments (got '--port=9000')"})
    void nonsense_is_a_usage_error_that_says_what_is_wrong(String arguments, String message) {
        assertThatThrownBy(() -> CommandLine.parse(arguments.split(" +")))
                .isInstanceOf(UsageException.class).hasMessage(message);
    }
}
