package dev.books.application;

import dev.books.domain.Book;
import java.util.function.Consumer;

/**
 * Driving port: hand every book of the catalogue to a sink, newest first, as the catalogue stood when the export
 * began ({@link dev.books.domain.BookRepository#forEachBook}): writes made while it runs do not show, so an export
 * taken from a live service is a consistent copy.
 */
public interface ExportBooks {

    /**
     * @throws dev.books.domain.StoreUnavailableException when the store cannot be reached
     */
    ExportSummary export(Consumer<Book> sink);
}
