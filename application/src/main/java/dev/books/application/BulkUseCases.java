package dev.books.application;

import dev.books.domain.BookBulkLoader;
import dev.books.domain.BookReads;
import java.time.Clock;
import java.util.Objects;

/**
 * The way in for moving many books at once: hands out {@link ImportBooks} and {@link ExportBooks}, wired to a
 * store's {@link BookBulkLoader} and {@link BookReads} (a {@code BookRepository}, or a store's read replicas) and a
 * clock.
 * <pre>{@code
 * BulkUseCases bulk = BulkUseCases.using(repository, bulkLoader, Clock.systemUTC());
 * ImportSummary summary = bulk.importBooks().importBooks(ImportBooksCommand.of(records));
 * }</pre>
 * Stateless and thread-safe (an import itself runs on the calling thread).
 */
public final class BulkUseCases {

    private final ImportBooks importBooks;
    private final ExportBooks exportBooks;

    private BulkUseCases(BookReads books, BookBulkLoader loader, Clock clock) {
        this.importBooks = new ImportBooksService(loader, clock);
        this.exportBooks = new ExportBooksService(books, clock);
    }

    public static BulkUseCases using(BookReads books, BookBulkLoader loader, Clock clock) {
        return new BulkUseCases(Objects.requireNonNull(books, "books"), Objects.requireNonNull(loader, "loader"),
                Objects.requireNonNull(clock, "clock"));
    }

    public ImportBooks importBooks() {
        return importBooks;
    }

    public ExportBooks exportBooks() {
        return exportBooks;
    }
}
