package dev.books.application;

import dev.books.domain.Actor;
import dev.books.domain.Book;
import dev.books.domain.BookDetails;
import dev.books.domain.BookRepository;
import dev.books.domain.Violations;
import java.time.Clock;

final class CreateBookService implements CreateBook {

    /** A collector of violations that starts from what the adapter found while binding. */
    static Violations after(BindingProblems problems) {
        return Violations.after(problems.violations(), problems.unlisted(), BookDetails.FIELDS);
    }

    private final BookRepository books;
    private final Clock clock;

    CreateBookService(BookRepository books, Clock clock) {
        this.books = books;
        this.clock = clock;
    }

    @Override
    public Book create(CreateBookCommand command, Actor actor) {
        BookDetails details = BookDetails.from(command.title(), command.author(), command.category(),
                command.isbn(), command.publishedYear(), clock, after(command.problems()));
        return books.insert(Book.create(details, clock, actor));
    }
}
