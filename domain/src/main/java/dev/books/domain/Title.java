package dev.books.domain;

/** A book's title: trimmed, inner whitespace collapsed, 1..200 characters, no control characters. */
public record Title(String value) {

    public static final int MAX_LENGTH = 200;

    public Title {
        value = Text.checked("title", value, MAX_LENGTH);
    }

    /** The form two titles are compared in when "equal ignoring case". */
    public String matchKey() {
        return Text.fold(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
