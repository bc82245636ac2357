package dev.books.application;

import dev.books.domain.Book;
import dev.books.domain.BookDetails;
import dev.books.domain.BookNotFoundException;
import dev.books.domain.BookRepository;
import dev.books.domain.Category;
import dev.books.domain.Isbn;
import dev.books.domain.PublicationYear;
import dev.books.domain.VersionConflictException;
import java.time.Clock;
import java.util.Objects;

final class UpdateBookService implements UpdateBook {

    private final BookRepository books;
    private final Clock clock;

    UpdateBookService(BookRepository books, Clock clock) {
        this.books = books;
        this.clock = clock;
    }

    /**
     * Without an expected version the store applies the change to the current book under its lock, so concurrent
     * writers queue up instead of refusing each other. With one, the client must have seen that version: a stale
     * one is refused before anything is locked, and the conditional write refuses a writer that lost the race.
     */
    @Override
    public Book update(UpdateBookCommand command) {
        if (command.expectedVersion().isEmpty()) {
            return books.change(command.id(), current -> revise(current, command));
        }
        long expected = command.expectedVersion().getAsLong();
        Book current = books.findById(command.id()).orElseThrow(() -> new BookNotFoundException(command.id()));
        if (current.version() != expected) {
            throw new VersionConflictException(current.id(), expected);
        }
        Book revised = revise(current, command);
        return revised.equals(current) ? current : books.update(revised, expected);
    }

    /** The book with the command applied: its next version, or the book itself when nothing changes. */
    private Book revise(Book current, UpdateBookCommand command) {
        BookDetails changed = applyChanges(command, current.details());
        return changed.equals(current.details()) ? current : current.revise(changed, clock);
    }

    private BookDetails applyChanges(UpdateBookCommand command, BookDetails current) {
        Integer currentYear = current.publishedYear().map(PublicationYear::value).orElse(null);
        Integer newYear = command.publishedYear().applyTo(currentYear);
        // The clock judges only a year that changes (as Book.revise does): a stored "next year" must not block
        // an unrelated change on an instance whose clock is a little behind the one that stored it.
        boolean yearKept = Objects.equals(newYear, currentYear);
        BookDetails changed = BookDetails.from(
                command.title().applyTo(current.title().value()),
                command.author().applyTo(current.author().value()),
                command.category().applyTo(current.category().map(Category::value).orElse(null)),
                command.isbn().applyTo(current.isbn().map(Isbn::value).orElse(null)),
                yearKept ? null : newYear,
                clock);
        return yearKept
                ? new BookDetails(changed.title(), changed.author(), changed.category(), changed.isbn(),
                        current.publishedYear())
                : changed;
    }
}
