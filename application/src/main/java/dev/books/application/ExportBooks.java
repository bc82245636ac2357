package dev.books.application;

import dev.books.domain.Book;
import java.util.function.Consumer;

/**
 * Driving port: hand every book of the catalogue to a sink, newest first, a page at a time (never the whole
 * catalogue in memory). Not a snapshot: a book created while the export runs is not included, and one deleted
 * while it runs may or may not be; none is handed out twice.
 */
public interface ExportBooks {

    /**
     * @throws dev.books.domain.StoreUnavailableException when the store cannot be reached
     */
    ExportSummary export(Consumer<Book> sink);
}
