package dev.books.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a page of books ended, so that the next page can continue right after it (keyset pagination: stable
 * under concurrent inserts and deletes, and as fast for the thousandth page as for the first).
 */
public sealed interface Cursor {

    /** The book the page ended with. */
    BookId id();

    /** In the default order, newest first: {@code createdAt} descending, then {@code id} descending. */
    record ByRecency(Instant createdAt, BookId id) implements Cursor {
        public ByRecency {
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(id, "id");
        }
    }

    /** In search order, best match first: relevance (as the store scored it) descending, then {@code id} ascending. */
    record ByRelevance(float relevance, BookId id) implements Cursor {
        public ByRelevance {
            if (!Float.isFinite(relevance)) {
                throw new IllegalArgumentException("relevance must be finite, was " + relevance);
            }
            Objects.requireNonNull(id, "id");
        }
    }
}
