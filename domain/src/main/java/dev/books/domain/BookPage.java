package dev.books.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One page of books, in the query's order, and where the next page starts if there is one. */
public record BookPage(List<Book> books, Optional<Cursor> next) {

    public BookPage {
        books = List.copyOf(books);
        Objects.requireNonNull(next, "next");
    }
}
