package dev.books.application;

import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Property-based checks on plain JUnit (the domain's tests have the same harness): a property is checked against
 * hand-picked edge cases, then against inputs drawn from a seeded {@link Random}; a failure names the input and the
 * seed. {@code -Dbooks.properties.seed=N} draws other inputs.
 */
final class PropertyCheck {

    private static final long DEFAULT_SEED = 2026_01_01L;

    private PropertyCheck() {
    }

    static <T> void forAll(int tries, List<T> edgeCases, Function<Random, T> generator, Consumer<T> property) {
        for (T edgeCase : edgeCases) {
            check(edgeCase, property, "the edge case");
        }
        long seed = Long.getLong("books.properties.seed", DEFAULT_SEED);
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

    private static String describe(Object input) {
        if (!(input instanceof CharSequence text)) {
            return String.valueOf(input);
        }
        StringBuilder out = new StringBuilder("\"");
        text.chars().forEach(c -> out.append(c >= 0x20 && c < 0x7F && c != '"' && c != '\\'
                ? String.valueOf((char) c) : String.format("\\u%04X", c)));
        return out.append('"').toString();
    }
}
