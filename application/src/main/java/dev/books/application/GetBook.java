package dev.books.application;

import dev.books.domain.Book;
import dev.books.domain.BookId;

/** Driving port: read one book. */
public interface GetBook {

    /** @throws dev.books.domain.BookNotFoundException when no book has this id */
    Book get(BookId id);
}
