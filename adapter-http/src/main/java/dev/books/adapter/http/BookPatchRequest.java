package dev.books.adapter.http;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/**
 * The values a {@code PATCH /books/{id}} body sets, once bound (null where a field is absent or cleared), for the
 * same transport checks as {@link CreateBookRequest}.
 */
record BookPatchRequest(
        @Size(max = BookConstraints.MAX_RAW_TEXT, message = BookConstraints.TOO_LONG)
        String title,

        @Size(max = BookConstraints.MAX_RAW_TEXT, message = BookConstraints.TOO_LONG)
        String author,

        @Size(max = BookConstraints.MAX_RAW_TEXT, message = BookConstraints.TOO_LONG)
        String category,

        @Size(max = BookConstraints.MAX_RAW_ISBN, message = BookConstraints.NOT_AN_ISBN)
        String isbn,

        @Min(value = 1, message = BookConstraints.YEAR_TOO_SMALL)
        Integer publishedYear) {
}
