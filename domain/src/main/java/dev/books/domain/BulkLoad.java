package dev.books.domain;

import java.util.List;

/**
 * One bulk load in progress (see {@link BookBulkLoader}). Used by one thread; nothing it adds is visible to anyone
 * else until {@link #commit()}.
 */
public interface BulkLoad extends AutoCloseable {

    /**
     * Adds new books (made by {@link Book#create}), in order. Keeps each book unless its ISBN or its
     * {@linkplain WorkKey work} is already stored or was kept earlier in this load (this batch included): those are
     * skipped, each with the rule it breaks ({@link DuplicateBookException.Rule#ISBN} when it breaks both, as
     * {@link BookRepository#insert} reports it).
     *
     * @return the skipped books, in the order given; empty when every book was kept
     * @throws IllegalStateException     after {@link #commit()} or {@link #close()}
     * @throws StoreUnavailableException when the store cannot be reached; the load is then lost
     */
    List<SkippedBook> add(List<Book> books);

    /**
     * Stores every kept book, all at once, and ends the load.
     *
     * @throws IllegalStateException     after {@link #commit()} or {@link #close()}
     * @throws StoreUnavailableException when the store cannot be reached; nothing is stored
     */
    void commit();

    /** Ends the load; without a {@link #commit()} before it, nothing the load added is stored. Idempotent. */
    @Override
    void close();
}
