package dev.books.application;

import dev.books.domain.Actor;
import dev.books.domain.Book;

/** Driving port: add a book to the catalogue. */
public interface CreateBook {

    /**
     * Adds the book, attributed to {@code actor} (its {@code createdBy} and {@code updatedBy}).
     *
     * @return the book as stored, with its new id and version 1
     * @throws dev.books.domain.InvalidBookException   listing every failing field
     * @throws dev.books.domain.DuplicateBookException when the ISBN or the work is already catalogued
     */
    Book create(CreateBookCommand command, Actor actor);

    /** As {@link #create(CreateBookCommand, Actor)}, by no one in particular ({@link Actor#ANONYMOUS}). */
    default Book create(CreateBookCommand command) {
        return create(command, Actor.ANONYMOUS);
    }
}
