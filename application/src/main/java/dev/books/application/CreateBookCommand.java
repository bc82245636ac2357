package dev.books.application;

import java.util.Objects;

/**
 * A new book as a client describes it, unchecked: null stands for an absent field. Only {@code title} and
 * {@code author} are required. {@code problems} carries what the driving adapter already found wrong while binding
 * the request; the use case checks the rest and reports everything in one refusal.
 */
public record CreateBookCommand(
        String title, String author, String category, String isbn, Integer publishedYear, BindingProblems problems) {

    public CreateBookCommand {
        Objects.requireNonNull(problems, "problems");
    }

    /** A command with nothing found while binding it. */
    public CreateBookCommand(String title, String author, String category, String isbn, Integer publishedYear) {
        this(title, author, category, isbn, publishedYear, BindingProblems.NONE);
    }
}
