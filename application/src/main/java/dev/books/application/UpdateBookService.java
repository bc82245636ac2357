package dev.books.application;

import dev.books.domain.Actor;
import dev.books.domain.Author;
import dev.books.domain.Book;
import dev.books.domain.BookDetails;
import dev.books.domain.BookNotFoundException;
import dev.books.domain.BookRepository;
import dev.books.domain.Category;
import dev.books.domain.InvalidBookException;
import dev.books.domain.Isbn;
import dev.books.domain.PublicationYear;
import dev.books.domain.Title;
import dev.books.domain.VersionConflictException;
import dev.books.domain.Violations;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;

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
    public Book update(UpdateBookCommand command, Actor actor) {
        if (!command.problems().isEmpty()) {
            throw refusal(command);
        }
        if (command.expectedVersion().isEmpty()) {
            return books.change(command.id(), current -> revise(current, command, actor));
        }
        long expected = command.expectedVersion().getAsLong();
        Book current = books.findById(command.id()).orElseThrow(() -> new BookNotFoundException(command.id()));
        if (current.version() != expected) {
            throw new VersionConflictException(current.id(), expected);
        }
        Book revised = revise(current, command, actor);
        return revised.equals(current) ? current : books.update(revised, expected);
    }

    /**
     * The refusal of a command the adapter could not bind completely: what it found, and what the rules find in the
     * other changed fields, each checked on its own (the book is not read: a body that cannot apply to any book is
     * refused before the question of which book arises). Clearing a required field is refused; clearing an
     * optional one is not a problem.
     */
    private InvalidBookException refusal(UpdateBookCommand command) {
        Violations violations = CreateBookService.after(command.problems());
        check(violations, "title", command.title(), Title::new, true);
        check(violations, "author", command.author(), Author::new, true);
        check(violations, "category", command.category(), Category::new, false);
        check(violations, "isbn", command.isbn(), Isbn::new, false);
        if (command.publishedYear() instanceof Change.SetTo<Integer> year) {
            violations.attempt("publishedYear", () -> PublicationYear.of(year.value(), clock));
        }
        try {
            violations.throwIfAny();
        } catch (InvalidBookException refused) {
            return refused;
        }
        throw new IllegalStateException("binding problems always refuse the command");
    }

    private static void check(Violations violations, String field, Change<String> change,
                              Function<String, ?> rule, boolean required) {
        if (change instanceof Change.SetTo<String> set) {
            violations.attempt(field, () -> rule.apply(set.value()));
        } else if (change instanceof Change.Clear<String> && required) {
            violations.attempt(field, () -> rule.apply(null));
        }
    }

    /** The book with the command applied: its next version, or the book itself when nothing changes. */
    private Book revise(Book current, UpdateBookCommand command, Actor actor) {
        BookDetails changed = applyChanges(command, current.details());
        return changed.equals(current.details()) ? current : current.revise(changed, clock, actor);
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
