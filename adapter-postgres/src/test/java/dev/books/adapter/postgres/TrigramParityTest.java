package dev.books.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.books.testkit.TrigramSimilarity;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The testkit's {@link TrigramSimilarity} and PostgreSQL's {@code similarity()} give the same float, bit for bit, on
 * generated text: ASCII words in both cases, digits, punctuation and accented Latin letters, as titles and authors
 * have them, full-width letters (letters to both) and combining accents (word separators to both). This is what
 * lets the in-memory fake rank search results exactly like the database ({@code WordSearchParityTest}).
 */
class TrigramParityTest {

    private static final int PAIRS = 400;
    /** Fixed, so that a failure can be reproduced; change it to explore other text. */
    private static final long SEED = 20_260_101L;

    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    private static final String UPPER = LOWER.toUpperCase(Locale.ROOT);
    private static final String DIGITS = "0123456789";
    private static final String ACCENTED = "àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿßœÀÁÂÄÅÆÇÈÉÊËÍÎÏÑÓÔÖØÚÛÜŒ";
    private static final String PUNCTUATION = ".,;:!?'\"()-&/";
    /** Full-width letters (kept as such in stored text: only match keys fold them) and combining accents. */
    private static final String FULL_WIDTH = "\uFF21\uFF22\uFF23\uFF44\uFF45\uFF46\uFF4E\uFF55\uFF10\uFF11";
    private static final String COMBINING = "\u0300\u0301\u0302\u0308\u0327";

    private static MigratedTestDatabase testDatabase;
    private static PostgresDatabase database;

    @BeforeAll
    static void createDatabase() {
        testDatabase = MigratedTestDatabase.create(1);
        database = testDatabase.database();
    }

    @AfterAll
    static void dropDatabase() {
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    @Test
    void the_testkit_computes_similarity_exactly_as_pg_trgm_does() throws SQLException {
        Random random = new Random(SEED);
        List<String> left = new ArrayList<>();
        List<String> right = new ArrayList<>();
        for (int i = 0; i < PAIRS; i++) {
            String text = text(random);
            left.add(text);
            // Half the pairs are near-misses of each other, so that similarities spread over (0, 1], not just 0.
            right.add(i % 2 == 0 ? typo(text, random) : text(random));
        }

        float[] fromDatabase = similarities(left, right);

        List<String> mismatches = new ArrayList<>();
        int nonZero = 0;
        for (int i = 0; i < PAIRS; i++) {
            float fromTestkit = TrigramSimilarity.similarity(left.get(i), right.get(i));
            if (Float.floatToIntBits(fromTestkit) != Float.floatToIntBits(fromDatabase[i])) {
                mismatches.add("similarity('" + left.get(i) + "', '" + right.get(i) + "'): PostgreSQL "
                        + fromDatabase[i] + ", testkit " + fromTestkit);
            }
            nonZero += fromTestkit > 0 ? 1 : 0;
        }
        assertThat(mismatches).isEmpty();
        assertThat(nonZero).as("pairs with some similarity").isGreaterThan(PAIRS / 2);
    }

    /** One round trip for all pairs, in input order. */
    private static float[] similarities(List<String> left, List<String> right) throws SQLException {
        String sql = "SELECT similarity(a, b) FROM unnest(?::text[], ?::text[]) WITH ORDINALITY AS p(a, b, n)"
                + " ORDER BY n";
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            Array as = connection.createArrayOf("text", left.toArray());
            Array bs = connection.createArrayOf("text", right.toArray());
            statement.setArray(1, as);
            statement.setArray(2, bs);
            float[] result = new float[left.size()];
            try (ResultSet rs = statement.executeQuery()) {
                for (int i = 0; rs.next(); i++) {
                    result[i] = rs.getFloat(1);
                }
            }
            return result;
        }
    }

    /** One to five words joined by spaces or punctuation. */
    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        int words = 1 + random.nextInt(5);
        for (int w = 0; w < words; w++) {
            if (w > 0) {
                text.append(random.nextInt(4) == 0 ? pick(PUNCTUATION, random) + " " : " ");
            }
            text.append(word(random));
        }
        return text.toString();
    }

    private static String word(Random random) {
        StringBuilder word = new StringBuilder();
        int length = 1 + random.nextInt(9);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(12);
            word.append(kind < 6 ? String.valueOf(pick(LOWER, random))
                    : kind < 7 ? String.valueOf(pick(UPPER, random))
                    : kind < 8 ? String.valueOf(pick(DIGITS, random))
                    : kind < 9 ? String.valueOf(pick(ACCENTED, random))
                    : kind < 10 ? String.valueOf(pick(PUNCTUATION, random))
                    : kind < 11 ? String.valueOf(pick(FULL_WIDTH, random))
                    : pick(LOWER, random) + String.valueOf(pick(COMBINING, random)));
        }
        return word.toString();
    }

    /** The text with one character replaced, dropped or changed in case. */
    private static String typo(String text, Random random) {
        int at = random.nextInt(text.length());
        return switch (random.nextInt(3)) {
            case 0 -> text.substring(0, at) + pick(LOWER + ACCENTED, random) + text.substring(at + 1);
            case 1 -> text.length() > 1 ? text.substring(0, at) + text.substring(at + 1) : text + "x";
            default -> text.substring(0, at) + text.substring(at).toUpperCase(Locale.ROOT);
        };
    }

    private static char pick(String characters, Random random) {
        return characters.charAt(random.nextInt(characters.length()));
    }
}
