package dev.books.application;

import dev.books.domain.Book;
import dev.books.domain.BookId;
import dev.books.domain.BookNotFoundException;
import dev.books.domain.BookReads;

final class GetBookService implements GetBook {

    private final BookReads books;

    GetBookService(BookReads books) {
        this.books = books;
    }

    @Override
    public Book get(BookId id) {
        return books.findById(id).orElseThrow(() -> new BookNotFoundException(id));
    }
}
