package dev.books.adapter.postgres;

import java.nio.charset.StandardCharsets;

/**
 * Rows in the text format of {@code COPY … FROM STDIN}: fields separated by tabs, rows ended by newlines,
 * {@code \N} for null, and backslash escapes for the characters that would break that framing. The domain keeps
 * control characters out of every text field; escaping them anyway costs nothing and keeps the format honest.
 */
final class CopyText {

    private final StringBuilder rows;
    private boolean rowStarted;

    CopyText(int expectedRows) {
        this.rows = new StringBuilder(expectedRows * 192);
    }

    CopyText text(String value) {
        separate();
        if (value == null) {
            rows.append("\\N");
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> rows.append("\\\\");
                case '\t' -> rows.append("\\t");
                case '\n' -> rows.append("\\n");
                case '\r' -> rows.append("\\r");
                default -> rows.append(c);
            }
        }
        return this;
    }

    /**
     * A {@code text[]}, or null: {@code {"a","b"}}. Every element is quoted, so that a word like {@code null} stays a
     * word; {@code "} and {@code \} inside one are escaped for the array, and then, as the whole field is, for COPY.
     */
    CopyText words(String[] words) {
        if (words == null) {
            return text(null);
        }
        StringBuilder array = new StringBuilder(words.length * 12).append('{');
        for (int i = 0; i < words.length; i++) {
            array.append(i == 0 ? "\"" : ",\"");
            for (int j = 0; j < words[i].length(); j++) {
                char c = words[i].charAt(j);
                if (c == '"' || c == '\\') {
                    array.append('\\');
                }
                array.append(c);
            }
            array.append('"');
        }
        return text(array.append('}').toString());
    }

    /** A value whose text form needs no escaping: a number, a UUID, an ISO-8601 instant. */
    CopyText plain(Object value) {
        separate();
        rows.append(value == null ? "\\N" : value.toString());
        return this;
    }

    CopyText endRow() {
        rows.append('\n');
        rowStarted = false;
        return this;
    }

    byte[] toBytes() {
        return rows.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** How many characters the rows written so far take. */
    int length() {
        return rows.length();
    }

    /** Forgets the rows written so far, keeping the buffer. */
    void clear() {
        rows.setLength(0);
        rowStarted = false;
    }

    private void separate() {
        if (rowStarted) {
            rows.append('\t');
        }
        rowStarted = true;
    }
}
