package dev.books.application;

import dev.books.domain.BookId;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A partial change to a book: each field is kept, set or cleared. With an {@code expectedVersion} the change is
 * made only if the book is still at that version (optimistic locking on the client's side); without one it is
 * applied to whatever version is current, atomically, and never refused because other writers changed the book
 * at the same time.
 */
public record UpdateBookCommand(
        BookId id,
        Change<String> title,
        Change<String> author,
        Change<String> category,
        Change<String> isbn,
        Change<Integer> publishedYear,
        OptionalLong expectedVersion) {

    public UpdateBookCommand {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(isbn, "isbn");
        Objects.requireNonNull(publishedYear, "publishedYear");
        Objects.requireNonNull(expectedVersion, "expectedVersion");
    }
}
