package dev.books.application;

import dev.books.domain.Book;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ListBooks} answers: the books of one {@link dev.books.domain.BookPage page} and, when more follow,
 * its {@link dev.books.domain.Cursor cursor} encoded for clients (opaque; see {@link CursorCodec}), which continues
 * the same query after it.
 */
public record BookListing(List<Book> items, Optional<String> nextCursor) {

    public BookListing {
        items = List.copyOf(items);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
