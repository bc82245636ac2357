package dev.books.application;

import dev.books.domain.BookRepository;

final class DeleteBookService implements DeleteBook {

    private final BookRepository books;

    DeleteBookService(BookRepository books) {
        this.books = books;
    }

    @Override
    public void delete(DeleteBookCommand command) {
        books.delete(command.id(), command.expectedVersion());
    }
}
