package dev.books.domain;

/**
 * A book's title: in composed Unicode form (NFC), trimmed, inner whitespace collapsed, 1..200 characters, with at
 * least one visible character and no control or invisible formatting characters (ADR 0009).
 */
public record Title(String value) {

    public static final int MAX_LENGTH = 200;

    public Title {
        value = Text.checked("title", value, MAX_LENGTH);
    }

    /**
     * The form two titles are compared in: equal keys mean the same text ignoring case, spacing, invisible
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
