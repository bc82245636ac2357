package dev.books.application;

import dev.books.domain.BookId;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A partial change to a book: each field is kept, set or cleared. With an {@code expectedVersion} the change is
 * made only if the book is still at that version (optimistic locking on the client's side); without one it is
 * applied to whatever version is current, atomically, and never refused because other writers changed the book
 * at the same time. {@code problems} carries what the driving adapter already found wrong while binding the request:
 * with any, the change is refused, listing them and whatever the rules find in the other changed fields.
 */
public record UpdateBookCommand(
        BookId id,
        Change<String> title,
        Change<String> author,
        Change<String> category,
        Change<String> isbn,
        Change<Integer> publishedYear,
        OptionalLong expectedVersion,
        BindingProblems problems) {

    public UpdateBookCommand {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(isbn, "isbn");
        Objects.requireNonNull(publishedYear, "publishedYear");
        Objects.requireNonNull(expectedVersion, "expectedVersion");
        Objects.requireNonNull(problems, "problems");
    }

    /** A command with nothing found while binding it. */
    public UpdateBookCommand(BookId id, Change<String> title, Change<String> author, Change<String> category,
                             Change<String> isbn, Change<Integer> publishedYear, OptionalLong expectedVersion) {
        this(id, title, author, category, isbn, publishedYear, expectedVersion, BindingProblems.NONE);
    }
}
