package dev.books.application;

import dev.books.domain.Book;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A page of books and, when more follow, the opaque cursor that continues the same query after it.
 */
public record BookPage(List<Book> items, Optional<String> nextCursor) {

    public BookPage {
        items = List.copyOf(items);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
