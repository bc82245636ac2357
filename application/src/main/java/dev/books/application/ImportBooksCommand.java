package dev.books.application;

import dev.books.domain.Actor;
import java.util.Iterator;
import java.util.Objects;

/**
 * An import: the records to load, read lazily from {@code records}, and how to load them.
 *
 * @param records   read one by one; whatever it throws ends the import with nothing stored, and is rethrown
 * @param strict    stop at the first rejected record, storing nothing; otherwise load what is valid and unique and
 *                  report the rest
 * @param batchSize how many records are checked and handed to the store together; it bounds the memory an import
 *                  needs and sets how often progress is reported
 * @param actor     to whom the imported books are attributed ({@code createdBy}, {@code updatedBy})
 */
public record ImportBooksCommand(Iterator<ImportRecord> records, boolean strict, int batchSize,
        ImportListener listener, Actor actor) {

    public ImportBooksCommand {
        Objects.requireNonNull(records, "records");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(actor, "actor");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
    }

    /** Loads every valid, unique record, {@link ImportBooks#DEFAULT_BATCH_SIZE} at a time, reporting to no one. */
    public static ImportBooksCommand of(Iterator<ImportRecord> records) {
        return new ImportBooksCommand(records, false, ImportBooks.DEFAULT_BATCH_SIZE, ImportListener.none(),
                Actor.ANONYMOUS);
    }

    public ImportBooksCommand strict(boolean value) {
        return new ImportBooksCommand(records, value, batchSize, listener, actor);
    }

    public ImportBooksCommand withBatchSize(int value) {
        return new ImportBooksCommand(records, strict, value, listener, actor);
    }

    public ImportBooksCommand withListener(ImportListener value) {
        return new ImportBooksCommand(records, strict, batchSize, value, actor);
    }

    public ImportBooksCommand by(Actor value) {
        return new ImportBooksCommand(records, strict, batchSize, listener, value);
    }
}
