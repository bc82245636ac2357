package dev.books.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * One page of books to read from a {@link BookRepository}.
 *
 * <p>The exact filters compare {@linkplain Title#matchKey() ignoring case, spacing and Unicode form}. Without
 * {@code text} the page is in {@linkplain Cursor.ByRecency recency order}; with it, only the books the store finds
 * relevant enough to the text are returned, in {@linkplain Cursor.ByRelevance relevance order} (how relevance is
 * measured is the store's to say: ADR 0012). {@code after}, when present, must be of the kind the order calls for.
 */
public record BookQuery(
        Optional<Title> title,
        Optional<Author> author,
        Optional<Category> category,
        Optional<SearchText> text,
        int limit,
        Optional<Cursor> after) {

    public BookQuery {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(after, "after");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        boolean searching = text.isPresent();
        after.ifPresent(position -> {
            if (searching != position instanceof Cursor.ByRelevance) {
                throw new IllegalArgumentException("a position " + position + " does not fit this query's order");
            }
        });
    }

    /** The first {@code limit} books, newest first, unfiltered. */
    public static BookQuery newest(int limit) {
        return new BookQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), limit,
                Optional.empty());
    }

    /** Whether the query ranks by relevance to a search text. */
    public boolean isSearch() {
        return text.isPresent();
    }

    public BookQuery withTitle(Title value) {
        return new BookQuery(Optional.of(value), author, category, text, limit, after);
    }

    public BookQuery withAuthor(Author value) {
        return new BookQuery(title, Optional.of(value), category, text, limit, after);
    }

    public BookQuery withCategory(Category value) {
        return new BookQuery(title, author, Optional.of(value), text, limit, after);
    }

    public BookQuery withText(SearchText value) {
        return new BookQuery(title, author, category, Optional.of(value), limit, Optional.empty());
    }

    public BookQuery after(Cursor position) {
        return new BookQuery(title, author, category, text, limit, Optional.of(position));
    }
}
