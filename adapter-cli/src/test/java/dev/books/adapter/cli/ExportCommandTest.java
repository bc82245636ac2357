package dev.books.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.books.application.BulkUseCases;
import dev.books.application.CreateBookCommand;
import dev.books.domain.Book;
import dev.books.domain.BookDetails;
import dev.books.domain.BookQuery;
import dev.books.domain.Actor;
import dev.books.testkit.InMemoryBookRepository;
import dev.books.testkit.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {

    @TempDir
    Path directory;

    private final MutableClock clock = MutableClock.startingAtNewYear2026();
    private final InMemoryBookRepository store = new InMemoryBookRepository();
    private final Console out = new Console();
    private final Console err = new Console();

    private Book stored(String title, String author, String category, String isbn, Integer year) {
        clock.advance(Duration.ofMillis(1));
        return store.insert(Book.create(BookDetails.from(title, author, category, isbn, year, clock), clock));
    }

    private ExitStatus export(String file, PrintStream stdout) {
        return new ExportCommand(BulkUseCases.using(store, store, clock).exportBooks(), stdout, err.stream).run(file);
    }

    @Test
    void writes_every_book_newest_first_to_standard_output_and_the_totals_to_standard_error() {
        stored("Emma", "Jane Austen", null, null, 1815);
        stored("Dune", "Frank Herbert", "Science Fiction", "0441013597", 1965);

        ExitStatus status = export(null, out.stream);

        assertThat(status).isEqualTo(ExitStatus.OK);
        assertThat(out.text()).isEqualTo("""
                {"title":"Dune","author":"Frank Herbert","category":"Science Fiction","isbn":"9780441013593","publishedYear":1965}
                {"title":"Emma","author":"Jane Austen","publishedYear":1815}
                """);
        assertThat(err.text()).isEqualTo("Exported 2 books to standard output in 0.0 s.\n");
    }

    @Test
    void replaces_a_file_whole_and_leaves_no_partial_file_behind() throws IOException {
        Path file = Files.writeString(directory.resolve("books.ndjson"), "old content\n");
        stored("Emma", "Jane Austen", null, null, 1815);

        ExitStatus status = export(file.toString(), out.stream);

        assertThat(status).isEqualTo(ExitStatus.OK);
        assertThat(Files.readString(file)).isEqualTo("{\"title\":\"Emma\",\"author\":\"Jane Austen\",\"publishedYear\":1815}\n");
        assertThat(out.text()).isEqualTo("Exported 1 book to " + file + " in 0.0 s.\n");
        try (var files = Files.list(directory)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void a_file_that_cannot_be_written_is_a_failure() {
        stored("Emma", "Jane Austen", null, null, 1815);

        ExitStatus status = export(directory.resolve("no/such/dir/books.ndjson").toString(), out.stream);

        assertThat(status).isEqualTo(ExitStatus.FAILURE);
        assertThat(err.text()).startsWith("Cannot write " + directory.resolve("no/such/dir/books.ndjson"));
    }

    @Test
    void stops_when_standard_output_is_closed() {
        IntStream.range(0, ExportCommand.CHECK_EVERY * 3).forEach(n -> stored("Title " + n, "Author", null, null, null));
        int[] written = {0};
        PrintStream closedPipe = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                if (++written[0] > 1_000) {
                    throw new IOException("Broken pipe");
                }
            }
        }, false);

        ExitStatus status = export("-", closedPipe);

        assertThat(status).isEqualTo(ExitStatus.FAILURE);
        assertThat(err.text()).isEqualTo("Export stopped: standard output was closed.\n");
    }

    @Test
    void what_it_exports_imports_cleanly_into_another_catalogue() {
        IntStream.range(0, 25).forEach(n -> stored("Title " + n, "Author " + n % 4, n % 2 == 0 ? "Even" : null,
                null, 1900 + n));
        stored("Ñandú \"y\" \\ 📚", "García Márquez", null, "9780060883287", 1967);
        export(null, out.stream);

        InMemoryBookRepository other = new InMemoryBookRepository();
        Console importOut = new Console();
        ExitStatus status = new ImportCommand(BulkUseCases.using(other, other, clock).importBooks(),
                new ByteArrayInputStream(out.bytes()), importOut.stream, err.stream, Actor.ANONYMOUS).run("-", true);

        assertThat(status).isEqualTo(ExitStatus.OK);
        assertThat(details(other)).isEqualTo(details(store));
    }

    private static List<CreateBookCommand> details(InMemoryBookRepository repository) {
        return repository.find(BookQuery.newest(100)).books().stream()
                .map(book -> new CreateBookCommand(book.title().value(), book.author().value(),
                        book.category().map(c -> c.value()).orElse(null), book.isbn().map(i -> i.value()).orElse(null),
                        book.publishedYear().map(y -> y.value()).orElse(null)))
                .sorted(java.util.Comparator.comparing(CreateBookCommand::title))
                .toList();
    }
}
