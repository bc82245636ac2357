package dev.books.application;

/**
 * A new book as a client describes it, unchecked: null stands for an absent field. Only {@code title} and
 * {@code author} are required.
 */
public record CreateBookCommand(String title, String author, String category, String isbn, Integer publishedYear) {
}
