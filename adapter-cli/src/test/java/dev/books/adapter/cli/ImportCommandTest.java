package dev.books.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.books.application.BulkUseCases;
import dev.books.domain.Book;
import dev.books.domain.BookQuery;
import dev.books.domain.Actor;
import dev.books.testkit.InMemoryBookRepository;
import dev.books.testkit.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import command over the in-memory store: what it prints, what it returns, what it stores. */
class ImportCommandTest {

    private static final String GOOD_AND_BAD = """
            {"title":"Dune","author":"Frank Herbert","category":"Science Fiction","isbn":"0-441-01359-7","publishedYear":1965}
            {"title":"Emma","author":"Jane Austen","publishedYear":1815}
            {"title":"","author":"Nobody","isbn":"9780441013590"}
            {"title":"DUNE","author":"frank herbert"}

            {"title":"Beowulf","author":"Anonymous","pages":182}
            {"title":"Persuasion","author":"Jane Austen"}
            """;

    @TempDir
    Path directory;

    private static final Actor IMPORTER = new Actor("cli:librarian");

    private final MutableClock clock = MutableClock.startingAtNewYear2026();
    private final InMemoryBookRepository store = new InMemoryBookRepository();
    private final Console out = new Console();
    private final Console err = new Console();

    private ExitStatus run(String file, boolean strict, InputStream stdin) {
        return new ImportCommand(BulkUseCases.using(store, store, clock).importBooks(), stdin, out.stream, err.stream,
                IMPORTER).run(file, strict);
    }

    private ExitStatus run(String content, boolean strict) throws IOException {
        Path file = Files.writeString(directory.resolve("books.ndjson"), content);
        return run(file.toString(), strict, InputStream.nullInputStream());
    }

    private List<String> titles() {
        return store.find(BookQuery.newest(100)).books().stream().map(book -> book.title().value()).sorted().toList();
    }

    @Test
    void loads_the_valid_records_lists_the_rejected_ones_and_prints_the_totals() throws IOException {
        ExitStatus status = run(GOOD_AND_BAD, false);

        assertThat(status).isEqualTo(ExitStatus.OK);
        assertThat(titles()).containsExactly("Dune", "Emma", "Persuasion");
        assertThat(out.text()).startsWith("""
                rejected line 3: title must not be blank; isbn has an invalid check digit
                rejected line 4: duplicate, a book with this title and author already exists
                rejected line 6: pages is not a field of a book
                Imported 3 books from""");
        assertThat(out.text()).contains("(6 records read) in 0.0 s.\n")
                .endsWith("Rejected 3 records: 2 invalid, 1 duplicate.\n");
        assertThat(err.text()).isEmpty();
    }

    @Test
    void in_strict_mode_stops_at_the_first_rejected_record_and_stores_nothing() throws IOException {
        ExitStatus status = run(GOOD_AND_BAD, true);

        assertThat(status).isEqualTo(ExitStatus.INPUT_REFUSED);
        assertThat(titles()).isEmpty();
        assertThat(out.text()).isEqualTo("""
                rejected line 3: title must not be blank; isbn has an invalid check digit
                Stopped at the first rejected record (--strict), line 3: nothing was imported.
                """);
    }

    @Test
    void input_that_breaks_off_is_reported_where_it_breaks_and_nothing_is_stored() throws IOException {
        ExitStatus status = run("""
                {"title":"Dune","author":"Frank Herbert"}
                {"title":"Emma","author":"Jane Austen"
                {"title":"Persuasion","author":"Jane Austen"}
                """, false);

        assertThat(status).isEqualTo(ExitStatus.INPUT_REFUSED);
        assertThat(titles()).isEmpty();
        assertThat(err.text()).startsWith(directory.resolve("books.ndjson") + ", line 3, column 1: not well-formed JSON")
                .endsWith("The input breaks off there; nothing was imported. Fix it and run the import again.\n");
    }

    @Test
    void reads_a_json_array_from_standard_input() {
        String array = "[{\"title\":\"Dune\",\"author\":\"Frank Herbert\"}, {\"title\":\"Dune\",\"author\":\"Frank Herbert\"}]";

        ExitStatus status = run("-", false,
                new ByteArrayInputStream(array.getBytes(StandardCharsets.UTF_8)));

        assertThat(status).isEqualTo(ExitStatus.OK);
        assertThat(titles()).containsExactly("Dune");
        assertThat(out.text()).startsWith("rejected index 1 (line 1): duplicate, a book with this title and author")
                .contains("Imported 1 book from standard input (2 records read)");
    }

    @Test
    void lists_the_first_hundred_rejected_records_and_counts_the_rest() throws IOException {
        String manyBad = IntStream.rangeClosed(1, 130).mapToObj(n -> "{\"title\":\"Book " + n + "\"}")
                .collect(Collectors.joining("\n"));

        run(manyBad, false);

        List<String> lines = out.text().lines().toList();
        assertThat(lines).hasSize(ImportCommand.LISTED_REJECTIONS + 3);
        assertThat(lines.get(0)).isEqualTo("rejected line 1: author is required");
        assertThat(lines.get(99)).isEqualTo("rejected line 100: author is required");
        assertThat(lines.get(100)).isEqualTo("(further rejected records are counted, not listed)");
        assertThat(lines.get(102))
                .isEqualTo("Rejected 130 records: 130 invalid, 0 duplicates (the first 100 are listed above, 30 more are not).");
    }

    @Test
    void a_file_that_does_not_exist_is_a_usage_error() {
        ExitStatus status = run(directory.resolve("missing.ndjson").toString(), false, InputStream.nullInputStream());

        assertThat(status).isEqualTo(ExitStatus.USAGE);
        assertThat(err.text()).contains("missing.ndjson: no such file.");
        assertThat(out.text()).isEmpty();
    }

    @Test
    void a_directory_is_a_usage_error() {
        assertThat(run(directory.toString(), false, InputStream.nullInputStream())).isEqualTo(ExitStatus.USAGE);
        assertThat(err.text()).contains("it is a directory");
    }

    @Test
    void an_input_that_fails_while_read_is_a_failure_and_stores_nothing() {
        InputStream failing = new InputStream() {
            private final InputStream first = new ByteArrayInputStream(
                    "{\"title\":\"Dune\",\"author\":\"Frank Herbert\"}\n".getBytes(StandardCharsets.UTF_8));

            @Override
            public int read() throws IOException {
                int next = first.read();
                if (next < 0) {
                    throw new IOException("the disk went away");
                }
                return next;
            }
        };

        ExitStatus status = run("-", false, failing);

        assertThat(status).isEqualTo(ExitStatus.FAILURE);
        assertThat(err.text()).isEqualTo("Reading standard input failed: the disk went away; nothing was imported.\n");
        assertThat(titles()).isEmpty();
    }

    @Test
    void the_books_stored_are_new_books_at_version_one() throws IOException {
        run(GOOD_AND_BAD, false);

        assertThat(store.find(BookQuery.newest(10)).books()).extracting(Book::version).containsOnly(1L);
    }

    @Test
    void the_books_stored_are_attributed_to_whoever_ran_the_import() throws IOException {
        run(GOOD_AND_BAD, false);

        assertThat(store.find(BookQuery.newest(10)).books()).isNotEmpty()
                .extracting(Book::createdBy, Book::updatedBy)
                .containsOnly(org.assertj.core.groups.Tuple.tuple(IMPORTER, IMPORTER));
    }
}
