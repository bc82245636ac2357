package dev.books.domain;

import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Property-based checks on plain JUnit: a property is checked against hand-picked edge cases, then against many
 * inputs drawn from a seeded {@link Random}. A failure names the input (escaped, so invisible characters show) and
 * the seed, so it can be replayed. {@code -Dbooks.properties.seed=N} draws other inputs;
 * {@code -Dbooks.properties.tries=N} draws more.
 */
final class PropertyCheck {

    private static final long DEFAULT_SEED = 2026_01_01L;
    private static final int DEFAULT_TRIES = 1_000;

    private PropertyCheck() {
    }

    static <T> void forAll(Function<Random, T> generator, Consumer<T> property) {
        forAll(List.of(), generator, property);
    }

    static <T> void forAll(List<T> edgeCases, Function<Random, T> generator, Consumer<T> property) {
        for (T edgeCase : edgeCases) {
            check(edgeCase, property, "the edge case");
        }
        long seed = Long.getLong("books.properties.seed", DEFAULT_SEED);
        int tries = Integer.getInteger("books.properties.tries", DEFAULT_TRIES);
        Random random = new Random(seed);
        for (int i = 1; i <= tries; i++) {
            check(generator.apply(random), property, "try " + i + " of " + tries + " (seed " + seed + ")");
        }
    }

    private static <T> void check(T input, Consumer<T> property, String where) {
        try {
            property.accept(input);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("property failed on " + where + " with input " + describe(input) + "\n" + e, e);
        }
    }

    /** The input with everything outside printable ASCII written as a Java escape. */
    static String describe(Object input) {
        if (!(input instanceof CharSequence text)) {
            return String.valueOf(input);
        }
        StringBuilder out = new StringBuilder("\"");
        text.chars().forEach(c -> {
            if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
                out.append((char) c);
            } else {
                out.append(String.format("\\u%04X", c));
            }
        });
        return out.append('"').toString();
    }
}
