package dev.books.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("TrigramSimilarity, for any two texts")
class TrigramSimilarityPropertiesTest {

    private static final long SEED = 2026_01_01L;
    private static final int TRIES = 1_000;

    /** Characters that have broken text handling somewhere before: case oddities, surrogates, marks, ZWJ. */
    private static final String[] TRICKY = {
        "\u0000", "\u00A0", "\u200B", "\u200D", "\uFEFF", "\uD800", "\uDC00", "ß", "İ", "ı", "ﬁ", "Σ", "ς",
        "\u0301", "\uD83D\uDCDA", "\uD835\uDD04", "\uFF24", "\u00B2", "\u3000", "漢", "ж", "ك",
    };

    private record Pair(String a, String b) {
    }

    private static boolean hasLetterOrDigit(String text) {
        return text.codePoints().anyMatch(Character::isLetterOrDigit);
    }

    /** Checks the property on {@link #TRIES} inputs drawn from a fixed seed; a failure names the try. */
    private static <T> void forAll(Function<Random, T> generator, Consumer<T> property) {
        Random random = new Random(SEED);
        for (int i = 1; i <= TRIES; i++) {
            T input = generator.apply(random);
            try {
                property.accept(input);
            } catch (AssertionError e) {
                throw new AssertionError("try " + i + " (seed " + SEED + ") failed on " + input, e);
            }
        }
    }

    /** Any text: ASCII, whitespace, any BMP char (lone surrogates and controls too), beyond the BMP, tricky ones. */
    private static String anyText(Random random) {
        int pieces = random.nextInt(random.nextBoolean() ? 8 : 200);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            switch (random.nextInt(6)) {
                case 0, 1 -> text.append((char) (' ' + random.nextInt(0x5F)));
                case 2 -> text.append((char) random.nextInt(0x10000));
                case 3 -> text.appendCodePoint(0x10000 + random.nextInt(Character.MAX_CODE_POINT - 0xFFFF));
                default -> text.append(TRICKY[random.nextInt(TRICKY.length)]);
            }
        }
        return text.toString();
    }

    /** Text from printable ASCII and spaces only, with a letter in it. */
    private static String asciiText(Random random) {
        char[] text = new char[1 + random.nextInt(40)];
        for (int i = 0; i < text.length; i++) {
            text[i] = (char) (' ' + random.nextInt(0x5F));
        }
        text[random.nextInt(text.length)] = (char) ('a' + random.nextInt(26));
        return new String(text);
    }

    @Test
    void is_a_number_from_0_to_1() {
        forAll(random -> new Pair(anyText(random), anyText(random)), pair -> assertThat(
                TrigramSimilarity.similarity(pair.a(), pair.b())).isBetween(0f, 1f));
    }

    @Test
    void is_symmetric() {
        forAll(random -> new Pair(anyText(random), anyText(random)), pair -> assertThat(
                TrigramSimilarity.similarity(pair.a(), pair.b()))
                .isEqualTo(TrigramSimilarity.similarity(pair.b(), pair.a())));
    }

    @Test
    void a_text_is_wholly_similar_to_itself_when_it_has_a_letter_or_digit_and_not_at_all_otherwise() {
        forAll(TrigramSimilarityPropertiesTest::anyText, text -> assertThat(TrigramSimilarity.similarity(text, text))
                .isEqualTo(hasLetterOrDigit(text) ? 1f : 0f));
    }

    @Test
    void ignores_case_and_punctuation_between_words() {
        forAll(TrigramSimilarityPropertiesTest::asciiText, text -> {
            String shouted = text.toUpperCase(Locale.ROOT).replace(' ', '!');

            assertThat(TrigramSimilarity.similarity(text, shouted)).isEqualTo(hasLetterOrDigit(text) ? 1f : 0f);
        });
    }
}
