package dev.books.domain;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The text rules shared by titles, authors, categories and search texts: normalise, then check; and the match key
 * under which two texts are the same (ADR 0003, ADR 0009).
 */
final class Text {

    static final String REQUIRED = Refusals.REQUIRED;
    static final String BLANK = Refusals.BLANK;
    static final String CONTROL_CHARACTERS = Refusals.CONTROL_CHARACTERS;
    static final String BROKEN_UNICODE = Refusals.BROKEN_UNICODE;
    static final String NOTHING_VISIBLE = Refusals.NOTHING_VISIBLE;

    /**
     * The longest match key, in code points. A key is the text with compatibility characters expanded, which can
     * make it many times longer than the text ("ﷺ" alone expands to 18 characters); PostgreSQL indexes the title and
     * author keys together and refuses an index entry beyond 2,704 bytes. 300 code points are at most 1,200 bytes of
     * UTF-8, so two keys always fit, and only text made mostly of such characters is refused.
     */
    static final int MAX_KEY_LENGTH = 300;

    /** Below U+0300 (the first combining mark) every character is in NFC, whatever follows it. */
    private static final char NFC_SAFE = '\u0300';
    /** Below U+00A0 (the no-break space, the first character NFKC replaces) every character is in NFKC. */
    private static final char NFKC_SAFE = '\u00A0';
    private static final char ASCII_END = '\u0080';
    private static final int FINAL_SIGMA = 0x03C2;
    private static final int SIGMA = 0x03C3;

    private Text() {
    }

    /**
     * The text in Unicode's composed form (NFC: "e" followed by a combining acute accent becomes "é"), trimmed, and
     * with every run of whitespace (tabs, line breaks, no-break spaces…) collapsed into one space. Returns null for
     * null.
     */
    static String normalize(String raw) {
        if (raw == null) {
            return null;
        }
        return collapseSpaces(allBelow(raw, NFC_SAFE) ? raw : Normalizer.normalize(raw, Normalizer.Form.NFC));
    }

    /** Why a normalised text is not acceptable, or null when it is. */
    static String problem(String normalized, int maxLength) {
        if (normalized == null) {
            return REQUIRED;
        }
        if (normalized.isEmpty()) {
            return BLANK;
        }
        int length = normalized.codePointCount(0, normalized.length());
        if (length > maxLength) {
            return tooLong(maxLength, length);
        }
        boolean visible = false;
        // The start of the text, like a space, has nothing for a joiner to join.
        Visibility previous = Visibility.SPACE;
        for (int i = 0; i < normalized.length(); ) {
            int cp = normalized.codePointAt(i);
            i += Character.charCount(cp);
            Visibility kind = Visibility.of(cp);
            if (kind == Visibility.CONTROL) {
                return CONTROL_CHARACTERS;
            }
            if (kind == Visibility.SURROGATE) {
                return BROKEN_UNICODE;
            }
            // Format characters are refused; a joiner only where it has no character before it to join.
            if (kind == Visibility.FORMAT
                    || kind == Visibility.JOINER && (previous == Visibility.SPACE || previous == Visibility.JOINER)) {
                return formatting(cp);
            }
            visible |= kind == Visibility.VISIBLE;
            previous = kind;
        }
        return visible ? null : NOTHING_VISIBLE;
    }

    /** The checked, normalised value of a field that has a match key, or an {@link InvalidBookException} naming it. */
    static String checked(String field, String raw, int maxLength) {
        String normalized = normalize(raw);
        String problem = problem(normalized, maxLength);
        if (problem == null) {
            String key = matchKey(normalized);
            int keyLength = key.codePointCount(0, key.length());
            if (keyLength > MAX_KEY_LENGTH) {
                problem = keyTooLong(keyLength);
            }
        }
        if (problem != null) {
            throw new InvalidBookException(field, problem);
        }
        return normalized;
    }

    /**
     * The key under which two normalised texts are the same work, the same author, the same shelf: compatibility
     * characters replaced by what they stand for (NFKC: "ﬁ" → "fi", "Ｄ" → "D", "²" → "2"), case folded (upper- then
     * lower-casing with {@code Locale.ROOT}, so "STRASSE" meets "straße" whatever the default locale, and every
     * sigma "σ", as Unicode case folding has it, where lower-casing guesses at a word-final "ς"), characters
     * Unicode says to draw as nothing (joiners, variation selectors, fillers) left out, and spacing collapsed again.
     * Normalised again after folding and after leaving characters out, because both can undo a normal form.
     */
    static String matchKey(String normalized) {
        if (allBelow(normalized, ASCII_END)) {
            // Already NFKC, nothing to drop, spacing collapsed by normalize: folding is all there is to do.
            return normalized.toLowerCase(Locale.ROOT);
        }
        String folded = compatible(compatible(normalized).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT));
        StringBuilder key = new StringBuilder(folded.length());
        boolean pendingSpace = false;
        boolean dropped = false;
        for (int i = 0; i < folded.length(); ) {
            int cp = folded.codePointAt(i);
            i += Character.charCount(cp);
            if (Visibility.isDefaultIgnorable(cp)) {
                dropped = true;
            } else if (isSpace(cp) || cp == Visibility.BRAILLE_PATTERN_BLANK) {
                pendingSpace = key.length() > 0;
            } else {
                if (pendingSpace) {
                    key.append(' ');
                    pendingSpace = false;
                }
                // Lower-casing picks "ς" or "σ" by guessing where a word ends; case folding says "σ" always.
                key.appendCodePoint(cp == FINAL_SIGMA ? SIGMA : cp);
            }
        }
        return dropped ? compatible(key.toString()) : key.toString();
    }

    private static String tooLong(int maxLength, int length) {
        return Refusals.tooLong(maxLength, length);
    }

    private static String keyTooLong(int keyLength) {
        return "must be at most " + MAX_KEY_LENGTH + " characters once expanded for comparison (got " + keyLength + ")";
    }

    /** The message for a format character where it may not be: named, since the reader cannot see it. */
    private static String formatting(int cp) {
        String name = Character.getName(cp);
        return "must not contain invisible formatting characters (found " + String.format(Locale.ROOT, "U+%04X", cp)
                + (name == null ? "" : " " + name) + ")";
    }

    private static String compatible(String text) {
        return allBelow(text, NFKC_SAFE) ? text : Normalizer.normalize(text, Normalizer.Form.NFKC);
    }

    /**
     * Whether every char of the text is below the limit: the fast path for the common case, since
     * {@code Normalizer.isNormalized} costs more than normalising.
     */
    private static boolean allBelow(String text, char limit) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= limit) {
                return false;
            }
        }
        return true;
    }

    private static String collapseSpaces(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean pendingSpace = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
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

    private static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }
}
