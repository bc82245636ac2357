package dev.books.testkit;

import java.util.HashSet;
import java.util.Set;

/**
 * Trigram similarity as PostgreSQL's pg_trgm computes {@code similarity(a, b)}, with which the PostgreSQL adapter
 * ranks search results, so that {@link WordSearch} (and with it {@link InMemoryBookRepository}) ranks them exactly
 * like the database does. Search ranking is the store's concern (ADR 0012, 0016): the domain only says what a
 * search text is.
 *
 * <p>pg_trgm splits a text into words (runs of letters and digits), lower-cases each word, pads it with two
 * spaces in front and one behind, and takes every three consecutive characters of that as a trigram. The
 * similarity of two texts is the number of distinct trigrams they share divided by the number of distinct
 * trigrams in either, computed in single precision ({@code float4}).
 *
 * <p>Known differences, both outside the Latin alphabet: pg_trgm classifies letters by the database's
 * {@code LC_CTYPE} (under the {@code C} locale no non-ASCII character is a letter) where this class uses
 * Unicode; and pg_trgm stores a trigram of multi-byte characters as a 3-byte hash, which can, rarely, collide.
 */
public final class TrigramSimilarity {

    private TrigramSimilarity() {
    }

    /** {@code similarity(a, b)}: 0 when either text has no trigram, 1 for texts with the same trigrams. */
    public static float similarity(String a, String b) {
        Set<String> left = trigrams(a);
        Set<String> right = trigrams(b);
        if (left.isEmpty() || right.isEmpty()) {
            return 0f;
        }
        int common = 0;
        Set<String> smaller = left.size() <= right.size() ? left : right;
        Set<String> larger = smaller == left ? right : left;
        for (String trigram : smaller) {
            if (larger.contains(trigram)) {
                common++;
            }
        }
        return (float) common / (float) (left.size() + right.size() - common);
    }

    /** The distinct trigrams of a text, as pg_trgm's {@code show_trgm} lists them (in no particular order). */
    public static Set<String> trigrams(String text) {
        Set<String> trigrams = new HashSet<>();
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (!isWordCharacter(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            while (i < text.length() && isWordCharacter(text.codePointAt(i))) {
                i += Character.charCount(text.codePointAt(i));
            }
            addWordTrigrams(lowerCase(text.substring(start, i)), trigrams);
        }
        return trigrams;
    }

    private static void addWordTrigrams(String word, Set<String> trigrams) {
        int[] padded = ("  " + word + " ").codePoints().toArray();
        for (int k = 0; k + 3 <= padded.length; k++) {
            trigrams.add(new String(padded, k, 3));
        }
    }

    /** Character by character, as pg_trgm's {@code towlower} does: "İ" becomes "i", not "i" + combining dot. */
    private static String lowerCase(String word) {
        return word.codePoints().map(Character::toLowerCase)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    private static boolean isWordCharacter(int cp) {
        return Character.isLetterOrDigit(cp);
    }
}
