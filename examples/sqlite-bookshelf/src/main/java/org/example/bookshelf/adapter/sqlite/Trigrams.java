package org.example.bookshelf.adapter.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sqlite.Function;

/**
 * How this store searches: as the Books service does (its ADR 0016), so that both answer a search alike (the
 * repository contract holds every store to that). A book matches when it has every word of the search text, or a
 * slip of it: two neighbouring letters swapped, one left out, or one added (a–z, or 0–9 in a number). Words are the
 * runs of letters and digits of the match keys without accents, and a book's also include each two neighbours
 * written together ("leguin" finds "Le Guin"). A match's relevance is pg_trgm's similarity between the book's keys
 * and the text's, without accents: the words' trigrams (each lower-cased and padded with two spaces in front and one
 * behind), the share of distinct trigrams they have in common, in single precision.
 *
 * <p>Registered on a connection as the SQL function {@code books_relevance(title_key, author_key, text_key)}: the
 * relevance of a match, -1 for a book that does not match, so that the store filters and orders by it.
 */
final class Trigrams {

    static final String FUNCTION = "books_relevance";

    /** The relevance of a book that does not match: below every match's. */
    static final double NO_MATCH = -1;
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";
    private static final String DIGITS = "0123456789";

    private Trigrams() {
    }

    static void register(Connection connection) throws SQLException {
        Function.create(connection, FUNCTION, new Function() {
            @Override
            protected void xFunc() throws SQLException {
                String book = unaccent(value_text(0) + " " + value_text(1));
                String text = unaccent(value_text(2));
                result(matches(book, text) ? (double) similarity(book, text) : NO_MATCH);
            }
        }, 3, Function.FLAG_DETERMINISTIC);
    }

    static boolean matches(String book, String text) {
        List<String> wanted = words(text);
        List<String> own = words(book);
        Set<String> ownWords = new HashSet<>(own);
        for (int i = 0; i + 1 < own.size(); i++) {
            ownWords.add(own.get(i) + own.get(i + 1));
        }
        return !wanted.isEmpty() && wanted.stream().allMatch(word -> slips(word).stream().anyMatch(ownWords::contains));
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        int[] codePoints = text.codePoints().toArray();
        int start = 0;
        while (start < codePoints.length) {
            int end = start;
            while (end < codePoints.length && Character.isLetterOrDigit(codePoints[end])) {
                end++;
            }
            if (end > start) {
                words.add(new String(codePoints, start, end - start));
            }
            start = end + 1;
        }
        return words;
    }

    private static Set<String> slips(String word) {
        int[] cps = word.codePoints().toArray();
        String alphabet = word.chars().allMatch(c -> c >= '0' && c <= '9') ? DIGITS : LETTERS;
        Set<String> slips = new HashSet<>();
        slips.add(word);
        for (int i = 0; i + 1 < cps.length; i++) {
            int[] swapped = cps.clone();
            swapped[i] = cps[i + 1];
            swapped[i + 1] = cps[i];
            slips.add(new String(swapped, 0, swapped.length));
        }
        for (int i = 0; i < cps.length && cps.length > 1; i++) {
            slips.add(new String(cps, 0, i) + new String(cps, i + 1, cps.length - i - 1));
        }
        for (int i = 0; i <= cps.length; i++) {
            for (char c : alphabet.toCharArray()) {
                slips.add(new String(cps, 0, i) + c + new String(cps, i, cps.length - i));
            }
        }
        return slips;
    }

    /** As PostgreSQL's unaccent treats the letters books are written in (Latin and Greek marks, a few spelt out). */
    static String unaccent(String key) {
        StringBuilder out = new StringBuilder(key.length());
        key.codePoints().forEach(cp -> {
            String spelt = switch (cp) {
                case 'æ' -> "ae";
                case 'œ' -> "oe";
                case 'ø' -> "o";
                case 'ł', 'ŀ' -> "l";
                case 'đ', 'ð' -> "d";
                case 'þ' -> "th";
                case 'ı' -> "i";
                case 'ħ' -> "h";
                case 'ŧ' -> "t";
                case 'ſ' -> "s";
                case 'ё' -> "е";
                default -> null;
            };
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            if (spelt != null) {
                out.append(spelt);
            } else if (cp >= 0x80 && (script == Character.UnicodeScript.LATIN || script == Character.UnicodeScript.GREEK)) {
                Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFD).codePoints()
                        .filter(part -> Character.getType(part) != Character.NON_SPACING_MARK)
                        .forEach(out::appendCodePoint);
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    static float similarity(String a, String b) {
        Set<String> left = trigrams(a);
        Set<String> right = trigrams(b);
        if (left.isEmpty() || right.isEmpty()) {
            return 0f;
        }
        Set<String> shared = new HashSet<>(left);
        shared.retainAll(right);
        return (float) shared.size() / (float) (left.size() + right.size() - shared.size());
    }

    private static Set<String> trigrams(String text) {
        Set<String> trigrams = new HashSet<>();
        int[] codePoints = text.codePoints().toArray();
        int start = 0;
        while (start < codePoints.length) {
            if (!Character.isLetterOrDigit(codePoints[start])) {
                start++;
                continue;
            }
            int end = start;
            StringBuilder padded = new StringBuilder("  ");
            while (end < codePoints.length && Character.isLetterOrDigit(codePoints[end])) {
                // One code point at a time, as pg_trgm lowers each character on its own.
                padded.appendCodePoint(Character.toLowerCase(codePoints[end]));
                end++;
            }
            int[] word = padded.append(' ').codePoints().toArray();
            for (int i = 0; i + 3 <= word.length; i++) {
                trigrams.add(new String(word, i, 3));
            }
            start = end;
        }
        return trigrams;
    }
}
