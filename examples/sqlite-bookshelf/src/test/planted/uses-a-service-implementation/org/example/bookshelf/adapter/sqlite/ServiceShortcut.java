package org.example.bookshelf.adapter.sqlite;

import dev.books.application.CreateBook;
import dev.books.domain.BookRepository;
import java.time.Clock;

/** Planted: an adapter that builds a use case's implementation itself instead of asking BookUseCases. */
final class ServiceShortcut {

    private ServiceShortcut() {
    }

    static CreateBook createBook(BookRepository books) {
        return new dev.books.application.CreateBookService(books, Clock.systemUTC());
    }
}
