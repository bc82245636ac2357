package dev.books.domain;

/**
 * How a code point shows on screen, as far as the text rules care (ADR 0009): whether it is ink a reader can see,
 * the space between words, or one of the characters that are drawn as nothing yet change what is displayed.
 */
enum Visibility {

    /** Ink of its own: letters, digits, punctuation, symbols, spacing marks, private-use and unassigned characters. */
    VISIBLE,
    /** Whitespace (after normalisation, only the one space between words). */
    SPACE,
    /** A combining mark (an accent, an enclosing keycap): drawn, but on the character before it. */
    MARK,
    /**
     * Drawn as nothing, but harmless and needed by some scripts: variation selectors (emoji and ideographic
     * variants), the combining grapheme joiner, Mongolian and Khmer ignorables, the Hangul fillers, the blank braille
     * pattern. Allowed in text; never counted as visible; left out of match keys (see {@link Text#matchKey}).
     */
    IGNORABLE,
    /**
     * The zero-width joiner and non-joiner: they join or separate the characters around them (emoji sequences,
     * Indic conjuncts, Persian word forms), so they are allowed right after another character.
     */
    JOINER,
    /**
     * Every other format character (general category Cf: bidirectional controls, zero-width spaces, the soft hyphen,
     * word joiners, tags…) and the code points Unicode reserves for future ones: they change display without being
     * seen. Refused.
     */
    FORMAT,
    /** A C0 or C1 control character. Refused. */
    CONTROL,
    /** Half of a UTF-16 surrogate pair, alone: not Unicode text. Refused. */
    SURROGATE;

    private static final int DELETE = 0x7F;
    private static final int ZERO_WIDTH_NON_JOINER = 0x200C;
    private static final int ZERO_WIDTH_JOINER = 0x200D;
    static final int BRAILLE_PATTERN_BLANK = 0x2800;

    /**
     * Unicode's Default_Ignorable_Code_Point property as of Unicode 15.1 (DerivedCoreProperties.txt; the same ranges
     * as ICU4J 74 derives), as sorted, inclusive ranges: what a renderer draws as nothing when it has no glyph for
     * it. The JDK does not expose the property.
     */
    private static final int[][] DEFAULT_IGNORABLE = {
        {0x00AD, 0x00AD}, {0x034F, 0x034F}, {0x061C, 0x061C}, {0x115F, 0x1160}, {0x17B4, 0x17B5}, {0x180B, 0x180F},
        {0x200B, 0x200F}, {0x202A, 0x202E}, {0x2060, 0x206F}, {0x3164, 0x3164}, {0xFE00, 0xFE0F}, {0xFEFF, 0xFEFF},
        {0xFFA0, 0xFFA0}, {0xFFF0, 0xFFF8}, {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A}, {0xE0000, 0xE0FFF},
    };

    static Visibility of(int codePoint) {
        if (codePoint > ' ' && codePoint < DELETE) {
            return VISIBLE;
        }
        int type = Character.getType(codePoint);
        if (type == Character.SURROGATE) {
            return SURROGATE;
        }
        if (type == Character.CONTROL && !Character.isWhitespace(codePoint)) {
            return CONTROL;
        }
        if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
            return SPACE;
        }
        if (codePoint == ZERO_WIDTH_JOINER || codePoint == ZERO_WIDTH_NON_JOINER) {
            return JOINER;
        }
        if (type == Character.FORMAT) {
            return FORMAT;
        }
        if (isDefaultIgnorable(codePoint)) {
            // Unassigned ones are reserved for format characters not invented yet.
            return type == Character.UNASSIGNED ? FORMAT : IGNORABLE;
        }
        if (codePoint == BRAILLE_PATTERN_BLANK) {
            return IGNORABLE;
        }
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) {
            return MARK;
        }
        return VISIBLE;
    }

    /** Whether Unicode says a renderer without a glyph for it should draw nothing. */
    static boolean isDefaultIgnorable(int codePoint) {
        int low = 0;
        int high = DEFAULT_IGNORABLE.length - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int[] range = DEFAULT_IGNORABLE[middle];
            if (codePoint < range[0]) {
                high = middle - 1;
            } else if (codePoint > range[1]) {
                low = middle + 1;
            } else {
                return true;
            }
        }
        return false;
    }
}
