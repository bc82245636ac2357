package dev.books.domain;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The driven port through which the catalogue is stored: every implementation must pass the
 * {@code BookRepositoryContract} suite of the testkit.
 *
 * <p>The uniqueness rules ({@link DuplicateBookException.Rule}) and version checks are the store's to enforce,
 * atomically with the write (a unique index, a conditional update), never by reading first: two concurrent
 * writers of the same work must see exactly one success.
 *
 * <p>Every method may throw {@link StoreUnavailableException} when the store cannot be reached or does not answer
 * in time.
 */
public interface BookRepository {

    /**
     * Stores a new book and returns it as stored.
     *
     * @throws DuplicateBookException when its ISBN or its {@linkplain WorkKey work} is already in the catalogue
     */
    Book insert(Book book);

    Optional<Book> findById(BookId id);

    /** One page of the books matching the query, and the position of the next page if there are more. */
    BookSlice find(BookQuery query);

    /**
     * Hands every stored book to {@code action}, newest first, as the catalogue stood at one moment: a book
     * written while the reading goes on is handed over as it was when the reading began (a deleted one included),
     * a book created since is not. For exports and backups; the books are not all held in memory at once unless
     * the store is memory itself. An exception from {@code action} ends the reading and propagates.
     */
    void forEachBook(Consumer<? super Book> action);

    /**
     * Replaces the stored book that has {@code revised.id()} with {@code revised}, provided the stored one is still
     * at {@code expectedVersion}; returns it as stored.
     *
     * @throws BookNotFoundException    when no book has that id
     * @throws VersionConflictException when the stored book is at another version
     * @throws DuplicateBookException   when the new ISBN or work belongs to another book
     */
    Book update(Book revised, long expectedVersion);

    /**
     * Removes a book, provided it is at {@code expectedVersion} when one is given.
     *
     * @throws BookNotFoundException    when no book has that id
     * @throws VersionConflictException when an expected version is given and the book is at another
     */
    void delete(BookId id, OptionalLong expectedVersion);
}
