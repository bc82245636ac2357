package dev.books.application;

/**
 * Hears about a running import, on the importing thread: each rejected record, in input order, and the progress
 * after every batch. Every method does nothing unless overridden.
 */
public interface ImportListener {

    /** A listener that ignores everything. */
    static ImportListener none() {
        return new ImportListener() {
        };
    }

    /** A record was not loaded. Reported in input order, each batch's after the batch is stored. */
    default void rejected(ImportRejection rejection) {
    }

    /** Another batch of records was read and stored (not yet committed). */
    default void progressed(ImportProgress progress) {
    }

    /** The whole input is read; the accepted books are being committed (which can take a while). */
    default void committing(ImportProgress progress) {
    }
}
