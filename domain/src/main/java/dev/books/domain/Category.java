package dev.books.domain;

/** A shelf a book belongs on ("Science Fiction"): the same rules as a {@link Title}, but 1..50 characters. */
public record Category(String value) {

    public static final int MAX_LENGTH = 50;

    public Category {
        value = Text.checked("category", value, MAX_LENGTH);
    }

    /**
     * The form two categories are compared in: equal keys mean the same text ignoring case, spacing, invisible
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
