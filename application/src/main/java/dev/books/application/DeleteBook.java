package dev.books.application;

import dev.books.domain.Actor;
/** Driving port: remove a book from the catalogue. */
public interface DeleteBook {

    /**
     * Removes the book; the store keeps a trace of the deletion, attributed to {@code actor}.
     *
     * @throws dev.books.domain.BookNotFoundException    when no book has the id
     * @throws dev.books.domain.VersionConflictException when an expected version is given and is not current
     */
    void delete(DeleteBookCommand command, Actor actor);

    /** As {@link #delete(DeleteBookCommand, Actor)}, by no one in particular ({@link Actor#ANONYMOUS}). */
    default void delete(DeleteBookCommand command) {
        delete(command, Actor.ANONYMOUS);
    }
}
