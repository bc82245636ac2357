package dev.books.application;

/**
 * A page of the catalogue as a client asks for it, unchecked; null stands for an absent parameter.
 *
 * @param title    only books with exactly this title, ignoring case, spacing and Unicode form
 * @param author   only books by exactly this author, ignoring case, spacing and Unicode form
 * @param category only books in exactly this category, ignoring case, spacing and Unicode form
 * @param text     fuzzy search over titles and authors, best match first
 * @param limit    page size, 1 to {@link ListBooks#MAX_LIMIT}; {@link ListBooks#DEFAULT_LIMIT} when null
 * @param cursor   the {@link BookListing#nextCursor()} of the previous page of the same query
 */
public record ListBooksQuery(
        String title, String author, String category, String text, Integer limit, String cursor) {
}
