package dev.books.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.books.application.CreateBookCommand;
import dev.books.application.ImportRecord;
import dev.books.domain.Book;
import dev.books.domain.BookDetails;
import dev.books.testkit.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NdjsonBookWriterTest {

    private final MutableClock clock = MutableClock.startingAtNewYear2026();

    private Book book(String title, String author, String category, String isbn, Integer year) {
        return Book.create(BookDetails.from(title, author, category, isbn, year, clock), clock);
    }

    private static String write(Book... books) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (NdjsonBookWriter writer = new NdjsonBookWriter(bytes)) {
            for (Book book : books) {
                writer.write(book);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writes_one_line_per_book_with_the_create_fields_and_without_absent_ones() {
        String ndjson = write(
                book("Dune", "Frank Herbert", "Science Fiction", "0-441-01359-7", 1965),
                book("Beowulf", "Anonymous", null, null, null));

        assertThat(ndjson).isEqualTo("""
                {"title":"Dune","author":"Frank Herbert","category":"Science Fiction","isbn":"9780441013593","publishedYear":1965}
                {"title":"Beowulf","author":"Anonymous"}
                """);
    }

    @Test
    void what_it_writes_reads_back_as_the_same_fields() {
        Book tricky = book("\"Quoted\" \\ back/slash — Ñandú 📚", "Gabriel García Márquez", "Ficción", null, 1967);

        List<ImportRecord> records = new ArrayList<>();
        try (BookRecordReader reader = BookRecordReader.of(
                new ByteArrayInputStream(write(tricky, tricky).getBytes(StandardCharsets.UTF_8)))) {
            reader.forEachRemaining(records::add);
        }

        assertThat(records).hasSize(2).allSatisfy(record -> {
            assertThat(record.problems()).isEmpty();
            assertThat(record.fields()).contains(new CreateBookCommand(tricky.title().value(),
                    tricky.author().value(), "Ficción", null, 1967));
        });
    }

    @Test
    void nothing_to_write_writes_nothing() {
        assertThat(write()).isEmpty();
    }
}
