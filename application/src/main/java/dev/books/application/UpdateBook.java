package dev.books.application;

import dev.books.domain.Book;

/** Driving port: change some of a book's details. */
public interface UpdateBook {

    /**
     * @return the book as stored: the next version, or the same version when the change changes nothing
     * @throws dev.books.domain.BookNotFoundException    when no book has the id
     * @throws dev.books.domain.VersionConflictException when an expected version is given and is not current
     * @throws dev.books.domain.InvalidBookException     listing every failing field
     * @throws dev.books.domain.DuplicateBookException   when the new ISBN or work belongs to another book
     */
    Book update(UpdateBookCommand command);
}
