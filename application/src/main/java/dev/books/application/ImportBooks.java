package dev.books.application;

/**
 * Driving port: load many books at once from raw records (a file, say). Each record is checked with the same rules
 * as {@link CreateBook}; valid, unique ones are stored together when the input has been read to its end, and each
 * rejected one is reported with its position and every reason.
 *
 * <p>All or nothing: the accepted books become visible at once when the import completes. Nothing is stored when it
 * does not complete: in strict mode at the first rejected record, and whenever reading the input or the store
 * fails. Books already in the catalogue are never changed.
 */
public interface ImportBooks {

    /** Records per batch unless the command says otherwise. */
    int DEFAULT_BATCH_SIZE = 10_000;

    /**
     * @throws dev.books.domain.StoreUnavailableException when the store cannot be reached, or another import is
     *                                                    running; nothing is stored
     */
    ImportSummary importBooks(ImportBooksCommand command);
}
