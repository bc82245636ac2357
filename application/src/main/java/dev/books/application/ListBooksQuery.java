package dev.books.application;

import java.util.List;
import java.util.Objects;

/**
 * A page of the catalogue as a client asks for it, unchecked; null stands for an absent parameter.
 *
 * @param title    only books with exactly this title, ignoring case, spacing and Unicode form
 * @param author   only books by exactly this author, ignoring case, spacing and Unicode form
 * @param category only books in exactly this category, ignoring case, spacing and Unicode form
 * @param text     fuzzy search over titles and authors, best match first
 * @param limit    page size, 1 to {@link ListBooks#MAX_LIMIT}; {@link ListBooks#DEFAULT_LIMIT} when null
 * @param cursor   the {@link BookListing#nextCursor()} of the previous page of the same query
 * @param problems what the driving adapter already found wrong with the parameters (a limit that is not a number,
 *                 a parameter given twice); reported together with the rules' findings
 */
public record ListBooksQuery(
        String title, String author, String category, String text, Integer limit, String cursor,
        BindingProblems problems) {

    /** The parameters of a page of the catalogue, in the order their failures are reported. */
    public static final List<String> PARAMETERS = List.of("title", "author", "category", "q", "limit", "cursor");

    public ListBooksQuery {
        Objects.requireNonNull(problems, "problems");
    }

    /** A query with nothing found while binding it. */
    public ListBooksQuery(String title, String author, String category, String text, Integer limit, String cursor) {
        this(title, author, category, text, limit, cursor, BindingProblems.NONE);
    }
}
