package dev.books.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.books.application.BulkUseCases;
import dev.books.application.ImportSummary;
import dev.books.testkit.InMemoryBookRepository;
import dev.books.testkit.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The shipped sample catalogue passes every rule of the domain (ISBN checksums included) without a rejection. */
class SampleBooksTest {

    @Test
    void every_sample_book_imports_and_there_are_at_least_a_hundred() throws IOException {
        InMemoryBookRepository store = new InMemoryBookRepository();

        ImportSummary summary = SampleBooks.load(
                BulkUseCases.using(store, store, MutableClock.startingAtNewYear2026()).importBooks());

        assertThat(summary.rejected()).isZero();
        assertThat(summary.imported()).isGreaterThanOrEqualTo(100).isEqualTo(summary.read()).isEqualTo(lines());
        assertThat(store.size()).isEqualTo(summary.imported());
    }

    private static long lines() throws IOException {
        try (InputStream input = SampleBooks.class.getClassLoader().getResourceAsStream(SampleBooks.RESOURCE)) {
            return new String(input.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank()).count();
        }
    }
}
