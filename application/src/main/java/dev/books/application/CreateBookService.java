package dev.books.application;

import dev.books.domain.Book;
import dev.books.domain.BookDetails;
import dev.books.domain.BookRepository;
import java.time.Clock;

final class CreateBookService implements CreateBook {

    private final BookRepository books;
    private final Clock clock;

    CreateBookService(BookRepository books, Clock clock) {
        this.books = books;
        this.clock = clock;
    }

    @Override
    public Book create(CreateBookCommand command) {
        BookDetails details = BookDetails.from(command.title(), command.author(), command.category(),
                command.isbn(), command.publishedYear(), clock);
        return books.insert(Book.create(details, clock));
    }
}
