package dev.books.domain;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * The reading half of {@link BookRepository}: what the use cases that only read (get, list, export) need. A store
 * may answer it from copies that trail its writes (read replicas), on one condition: <b>every read sees every write
 * acknowledged before the read began</b>, whoever wrote it and through whichever instance of the service. A book
 * created, changed or deleted and then read back is read back as it was written; never the version before, never
 * a 404 for a book just created, never a deleted book again. Reads the store runs within
 * {@link ConsistencyTokens#readingAfter} need only see what that token covers.
 *
 * <p>Every method may throw {@link StoreUnavailableException} when the store cannot be reached or does not answer
 * in time.
 */
public interface BookReads {

    Optional<Book> findById(BookId id);

    /** One page of the books matching the query, and the position of the next page if there are more. */
    BookPage find(BookQuery query);

    /**
     * Hands every stored book to {@code action}, newest first, as the catalogue stood at one moment: a book
     * written while the reading goes on is handed over as it was when the reading began (a deleted one included),
     * a book created since is not. For exports and backups; the books are not all held in memory at once unless
     * the store is memory itself. An exception from {@code action} ends the reading and propagates.
     */
    void forEachBook(Consumer<? super Book> action);
}
