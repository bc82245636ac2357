package dev.books.adapter.http;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /books} once bound, before the domain checks it.
 *
 * <p>The constraints are the transport's: presence, a cap on raw text (generous, so that it never refuses what
 * the domain would accept after collapsing whitespace) and the year's lower bound. Their messages read like the
 * domain's. The domain's own rules (lengths after normalisation, ISBN checksums, the year's upper bound) stay in
 * the domain.
 */
record CreateBookRequest(
        @NotNull(message = BookConstraints.REQUIRED)
        @Size(max = BookConstraints.MAX_RAW_TEXT, message = BookConstraints.TOO_LONG)
        String title,

        @NotNull(message = BookConstraints.REQUIRED)
        @Size(max = BookConstraints.MAX_RAW_TEXT, message = BookConstraints.TOO_LONG)
        String author,

        @Size(max = BookConstraints.MAX_RAW_TEXT, message = BookConstraints.TOO_LONG)
        String category,

        @Size(max = BookConstraints.MAX_RAW_ISBN, message = BookConstraints.NOT_AN_ISBN)
        String isbn,

        @Min(value = 1, message = BookConstraints.YEAR_TOO_SMALL)
        Integer publishedYear) {
}
