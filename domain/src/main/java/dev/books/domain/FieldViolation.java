package dev.books.domain;

import java.util.Objects;

/** One field of a book (named as in the API: {@code title}, {@code publishedYear}…) and what is wrong with it. */
public record FieldViolation(String field, String message) {

    public FieldViolation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field + " " + message;
    }
}
