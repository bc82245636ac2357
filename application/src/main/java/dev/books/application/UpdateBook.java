package dev.books.application;

import dev.books.domain.Actor;
import dev.books.domain.Book;

/** Driving port: change some of a book's details. */
public interface UpdateBook {

    /**
     * Changes the book; a new version is attributed to {@code actor} (its {@code updatedBy}).
     *
     * @return the book as stored: the next version, or the same version when the change changes nothing
     * @throws dev.books.domain.BookNotFoundException    when no book has the id
     * @throws dev.books.domain.VersionConflictException when an expected version is given and is not current
     * @throws dev.books.domain.InvalidBookException     listing every failing field
     * @throws dev.books.domain.DuplicateBookException   when the new ISBN or work belongs to another book
     */
    Book update(UpdateBookCommand command, Actor actor);

    /** As {@link #update(UpdateBookCommand, Actor)}, by no one in particular ({@link Actor#ANONYMOUS}). */
    default Book update(UpdateBookCommand command) {
        return update(command, Actor.ANONYMOUS);
    }
}
