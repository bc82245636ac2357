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

    /**
     * How often a change without an expected version is re-applied when another writer got in between our read
     * and our conditional write. A few suffice: each retry starts from the newest version.
     */
    private static final int MAX_ATTEMPTS = 5;

    private final BookRepository books;
    private final Clock clock;

    UpdateBookService(BookRepository books, Clock clock) {
        this.books = books;
        this.clock = clock;
    }

    @Override
    public Book update(UpdateBookCommand command) {
        for (int attempt = 1; ; attempt++) {
            Book current = books.findById(command.id()).orElseThrow(() -> new BookNotFoundException(command.id()));
            command.expectedVersion().ifPresent(expected -> {
                if (expected != current.version()) {
                    throw new VersionConflictException(current.id(), expected);
                }
            });
            BookDetails changed = applyChanges(command, current.details());
            if (changed.equals(current.details())) {
                return current;
            }
            try {
                return books.update(current.revise(changed, clock), current.version());
            } catch (VersionConflictException raced) {
                if (command.expectedVersion().isPresent() || attempt == MAX_ATTEMPTS) {
                    throw raced;
                }
                // Another writer changed the book after we read it; the caller asked for "apply to the current
                // version", so apply the change again to the newer one rather than overwrite theirs.
            }
        }
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
