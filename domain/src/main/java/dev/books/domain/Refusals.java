package dev.books.domain;

/**
 * The wording of every rule's refusal, written once: the value objects refuse with these, and adapters and tests
 * that need a message read it from here instead of copying it.
 */
public final class Refusals {

    public static final String REQUIRED = "is required";
    public static final String BLANK = "must not be blank";
    public static final String CONTROL_CHARACTERS = "must not contain control characters";
    public static final String BROKEN_UNICODE = "must be valid Unicode text";
    public static final String NOTHING_VISIBLE = "must contain at least one visible character";
    public static final String NOT_AN_ISBN = "must be an ISBN-10 or ISBN-13";
    public static final String ISBN_PREFIX = "an ISBN-13 starts with 978 or 979";
    public static final String ISBN_CHECK_DIGIT = "has an invalid check digit";
    public static final String YEAR_TOO_EARLY = "must be " + PublicationYear.EARLIEST + " or later";

    private Refusals() {
    }

    /** A text longer than its field allows, once normalised. */
    public static String tooLong(int maxLength, int length) {
        return "must be at most " + maxLength + " characters (got " + length + ")";
    }

    /** A year later than the clock allows. */
    public static String yearTooLate(int latest) {
        return "must be " + latest + " or earlier";
    }
}
