package dev.books.domain;

import java.util.OptionalLong;
import java.util.function.UnaryOperator;

/**
 * The driven port through which the catalogue is stored: every implementation must pass the
 * {@code BookRepositoryContract} suite of the testkit.
 *
 * <p>The uniqueness rules ({@link DuplicateBookException.Rule}) and version checks are the store's to enforce,
 * atomically with the write (a unique index, a conditional update), never by reading first: two concurrent
 * writers of the same work must see exactly one success.
 *
 * <p>Two ways to change a book: {@link #update} for a writer that must have seen a particular version (it is
 * refused if another writer came first), {@link #change} for one that wants its change applied to whatever
 * version is current (it waits for the writers before it and is never refused for the race).
 *
 * <p>Its reads ({@link BookReads}) see every write acknowledged before they began, like every {@link BookReads}; here,
 * where writes are decided, they also see the writes acknowledged since, up to the moment they run (a store with
 * read replicas answers them from its primary).
 *
 * <p>Every method may throw {@link StoreUnavailableException} when the store cannot be reached or does not answer
 * in time.
 */
public interface BookRepository extends BookReads {

    /**
     * Stores a new book and returns it as stored.
     *
     * @throws DuplicateBookException when its ISBN or its {@linkplain WorkKey work} is already in the catalogue
     */
    Book insert(Book book);

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
     * Applies {@code revision} to the book as it is stored now and stores what it returns, atomically: no other
     * write to that book can come between the reading and the writing. However many callers change the same book
     * at once, each change is applied on top of the one before it; none is lost, and none is refused for the race.
     *
     * <p>{@code revision} is given the current book and returns either that book unchanged (equal to it: nothing is
     * written, the version stays) or its next version as {@link Book#revise} makes it ({@link Book#isNextVersionOf}
     * holds), which is stored as it is. Anything else is a bug in the caller: {@link IllegalArgumentException},
     * nothing written.
     *
     * <p>{@code revision} runs at most once per call, and only after the book was found; the store never retries
     * it. It runs while the book is locked against other writers (PostgreSQL: a row lock held by an open
     * transaction), so it must be quick, must not block or wait for anything, must not call this or any other
     * store, and must do nothing but compute its result from the book it is given (reading a clock is fine). An
     * exception it throws ends the change with nothing written and propagates unchanged.
     *
     * @return the book as stored: the revised one, or the current one when the revision returned it unchanged
     * @throws BookNotFoundException  when no book has that id (the revision does not run)
     * @throws DuplicateBookException when the revised ISBN or work belongs to another book (nothing is written)
     */
    Book change(BookId id, UnaryOperator<Book> revision);

    /**
     * Removes a book, provided it is at {@code expectedVersion} when one is given, and keeps a trace of the deletion
     * (which book, at which version, by whom, when) atomically with it: a deleted book leaves no row, but its
     * deletion is accounted for.
     *
     * @throws BookNotFoundException    when no book has that id
     * @throws VersionConflictException when an expected version is given and the book is at another
     */
    void delete(BookId id, OptionalLong expectedVersion, Actor actor);

    /** As {@link #delete(BookId, OptionalLong, Actor)}, by no one in particular ({@link Actor#ANONYMOUS}). */
    default void delete(BookId id, OptionalLong expectedVersion) {
        delete(id, expectedVersion, Actor.ANONYMOUS);
    }
}
