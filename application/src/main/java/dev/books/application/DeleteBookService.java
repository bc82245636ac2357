package dev.books.application;

import dev.books.domain.Actor;
import dev.books.domain.BookRepository;

final class DeleteBookService implements DeleteBook {

    private final BookRepository books;

    DeleteBookService(BookRepository books) {
        this.books = books;
    }

    @Override
    public void delete(DeleteBookCommand command, Actor actor) {
        books.delete(command.id(), command.expectedVersion(), actor);
    }
}
