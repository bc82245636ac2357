package dev.books.domain;

/** A shelf a book belongs on ("Science Fiction"): trimmed, whitespace collapsed, 1..50 characters. */
public record Category(String value) {

    public static final int MAX_LENGTH = 50;

    public Category {
        value = Text.checked("category", value, MAX_LENGTH);
    }

    /** The form two categories are compared in when "equal ignoring case". */
    public String matchKey() {
        return Text.fold(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
