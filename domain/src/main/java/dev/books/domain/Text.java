package dev.books.domain;

import java.util.Locale;

/** The text rules shared by titles, authors and categories: normalise, then check. */
final class Text {

    private Text() {
    }

    /**
     * Trims the text and collapses every run of whitespace (tabs, line breaks, no-break spaces…) into one space.
     * Returns null for null.
     */
    static String normalize(String raw) {
        if (raw == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(raw.length());
        boolean pendingSpace = false;
        for (int i = 0; i < raw.length(); ) {
            int cp = raw.codePointAt(i);
            i += Character.charCount(cp);
            if (isSpace(cp)) {
                pendingSpace = out.length() > 0;
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    /** Why a normalised text is not acceptable, or null when it is. */
    static String problem(String normalized, int maxLength) {
        if (normalized == null) {
            return "is required";
        }
        if (normalized.isEmpty()) {
            return "must not be blank";
        }
        int length = normalized.codePointCount(0, normalized.length());
        if (length > maxLength) {
            return "must be at most " + maxLength + " characters (got " + length + ")";
        }
        for (int i = 0; i < normalized.length(); ) {
            int cp = normalized.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.CONTROL) {
                return "must not contain control characters";
            }
            if (type == Character.SURROGATE) {
                return "must be valid Unicode text";
            }
        }
        return null;
    }

    /** The checked, normalised value, or an {@link InvalidBookException} naming the field. */
    static String checked(String field, String raw, int maxLength) {
        String normalized = normalize(raw);
        String problem = problem(normalized, maxLength);
        if (problem != null) {
            throw new InvalidBookException(field, problem);
        }
        return normalized;
    }

    /**
     * The key under which two texts are "the same" ignoring case: full Unicode case folding approximated by
     * upper- then lower-casing (so "STRASSE" and "straße" meet), independent of the default locale.
     */
    static String fold(String normalized) {
        return normalized.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    private static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }
}
