package org.example.bookshelf.adapter.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import org.sqlite.Function;

/**
 * How this store ranks a search: as PostgreSQL's pg_trgm does, so that the Books service and this store answer a
 * search alike (the repository contract holds every store to that ranking). A text's trigrams are those of its words
 * (runs of letters and digits), each lower-cased and padded with two spaces in front and one behind; two texts are
 * as similar as the share of their distinct trigrams they have in common, in single precision. A book's relevance is
 * the better of its title's and its author's similarity to the search text.
 *
 * <p>Registered on a connection as the SQL function {@code books_relevance(title, author, text)}, so that the
 * store filters and orders by it.
 */
final class Trigrams {

    static final String FUNCTION = "books_relevance";

    /** The least relevance a match has (pg_trgm's default {@code similarity_threshold}). */
    static final double THRESHOLD = 0.3;

    private Trigrams() {
    }

    static void register(Connection connection) throws SQLException {
        Function.create(connection, FUNCTION, new Function() {
            @Override
            protected void xFunc() throws SQLException {
                String text = value_text(2);
                result((double) Math.max(similarity(value_text(0), text), similarity(value_text(1), text)));
            }
        }, 3, Function.FLAG_DETERMINISTIC);
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
