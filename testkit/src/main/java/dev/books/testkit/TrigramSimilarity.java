package dev.books.testkit;

import dev.books.domain.Book;
import dev.books.domain.SearchText;
import java.util.HashSet;
import java.util.Set;

/**
 * Trigram similarity as PostgreSQL's pg_trgm computes {@code similarity(a, b)}, and search relevance as the
 * PostgreSQL adapter ranks with it, so that {@link InMemoryBookRepository} ranks search results exactly like the
 * database does. Search ranking is the store's concern (ADR 0012): the domain only says what a search text is.
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

    /** The least relevance a match must have: pg_trgm's default {@code similarity_threshold}. */
    public static final double THRESHOLD = 0.3;

    private TrigramSimilarity() {
    }

    /** A book's relevance to a search text: {@code greatest(similarity(title, text), similarity(author, text))}. */
    public static float relevance(Book book, SearchText text) {
        return Math.max(similarity(book.title().value(), text.value()),
                similarity(book.author().value(), text.value()));
    }

    /** Whether a relevance reaches the threshold, compared as pg_trgm compares it ({@code float4 >= float8}). */
    public static boolean isMatch(float relevance) {
        return relevance >= THRESHOLD;
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
