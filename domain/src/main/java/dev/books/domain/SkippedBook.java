package dev.books.domain;

import java.util.Objects;

/** A book a {@link BulkLoad} did not keep, and the uniqueness rule it would have broken. */
public record SkippedBook(Book book, DuplicateBookException.Rule rule) {

    public SkippedBook {
        Objects.requireNonNull(book, "book");
        Objects.requireNonNull(rule, "rule");
    }
}
