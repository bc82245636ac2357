package dev.books.domain;

/** A book's author (or authors, as one display string): the same rules as a {@link Title}. */
public record Author(String value) {

    public static final int MAX_LENGTH = 200;

    public Author {
        value = Text.checked("author", value, MAX_LENGTH);
    }

    /**
     * The form two authors are compared in: equal keys mean the same text ignoring case, spacing, invisible
     * characters and Unicode form: composed or decomposed accents, full-width letters, ligatures (ADR 0009).
     */
    public String matchKey() {
        return Text.matchKey(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
