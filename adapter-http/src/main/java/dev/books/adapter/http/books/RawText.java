package dev.books.adapter.http.books;

import jakarta.validation.constraints.Size;

/**
 * The text fields of a body as received, for the one check the transport makes on them: a cap on their raw length,
 * far above anything a book's rules accept (200 characters once whitespace is collapsed), so that it only stops
 * absurd input before the use case normalises it. Its message is the transport's own; every rule of a book, with
 * its wording, is the domain's.
 */
record RawText(
        @Size(max = RawText.MAX_CHARACTERS, message = RawText.TOO_LONG) String title,
        @Size(max = RawText.MAX_CHARACTERS, message = RawText.TOO_LONG) String author,
        @Size(max = RawText.MAX_CHARACTERS, message = RawText.TOO_LONG) String category) {

    /** In UTF-16 units as received. */
    static final int MAX_CHARACTERS = 1000;
    static final String TOO_LONG = "must be at most {max} characters";
}
