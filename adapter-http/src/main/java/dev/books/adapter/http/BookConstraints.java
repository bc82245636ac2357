package dev.books.adapter.http;

/** The bounds and messages the request records share with each other (and, in wording, with the domain). */
final class BookConstraints {

    /**
     * Raw text fields are refused beyond this many UTF-16 units as received: far above what the domain accepts
     * (200 characters once whitespace is collapsed), so it only stops absurd input before it is normalised.
     */
    static final int MAX_RAW_TEXT = 1000;
    /** The domain refuses longer raw ISBNs with the same message. */
    static final int MAX_RAW_ISBN = 32;

    static final String REQUIRED = "is required";
    static final String TOO_LONG = "must be at most {max} characters";
    static final String NOT_AN_ISBN = "must be an ISBN-10 or ISBN-13";
    static final String YEAR_TOO_SMALL = "must be 1 or later";

    private BookConstraints() {
    }
}
