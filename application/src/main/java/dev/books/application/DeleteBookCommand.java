package dev.books.application;

import dev.books.domain.BookId;
import java.util.Objects;
import java.util.OptionalLong;

/** Remove a book; with an {@code expectedVersion}, only if it is still at that version. */
public record DeleteBookCommand(BookId id, OptionalLong expectedVersion) {

    public DeleteBookCommand {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(expectedVersion, "expectedVersion");
    }
}
