package dev.books.domain;

import static dev.books.domain.PropertyCheck.forAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("Title, Author, Category and SearchText, for any text")
class TextValuesPropertiesTest {

    private static final List<String> EDGE_CASES = Arrays.asList(
            null, "", " ", "\u00A0", "a", " a ", "\uD800", "\uD83D\uDCDA", "a".repeat(50), "a".repeat(51),
            "a".repeat(200), "a".repeat(201), "\uD83D\uDCDA".repeat(200), "\uD83D\uDCDA".repeat(201), "a\u0000b");

    /** Raw text and the whitespace runs to put around and between the words of its value. */
    private record Respacing(String raw, List<String> runs) {
    }

    @ParameterizedTest
    @EnumSource(TextValue.class)
    void any_text_becomes_a_tidy_value_or_is_refused_on_its_field_with_a_reason(TextValue kind) {
        forAll(EDGE_CASES, Generators::anyText, raw -> {
            String value;
            try {
                value = kind.of(raw);
            } catch (InvalidBookException refused) {
                assertThat(refused.violations()).singleElement().satisfies(violation -> {
                    assertThat(violation.field()).isEqualTo(kind.field);
                    assertThat(violation.message()).isNotBlank();
                });
                return;
            }
            assertThat(value).doesNotStartWith(" ").doesNotEndWith(" ").doesNotContain("  ");
            assertThat(value.codePoints()).noneMatch(c -> c != ' ' && (Character.isWhitespace(c)
                    || Character.isSpaceChar(c) || Character.getType(c) == Character.CONTROL
                    || Character.getType(c) == Character.SURROGATE));
            assertThat(value.codePoints()).as("format characters other than joiners")
                    .noneMatch(c -> Character.getType(c) == Character.FORMAT && c != 0x200C && c != 0x200D);
            assertThat(value.codePoints()).as("something visible").anyMatch(TextValuesPropertiesTest::isInk);
            assertThat(Normalizer.isNormalized(value, Normalizer.Form.NFC)).as("in composed form").isTrue();
            assertThat(value.codePointCount(0, value.length())).isBetween(1, kind.maxLength);
            assertThat(kind.of(value)).as("a value made again from its own text").isEqualTo(value);
        });
    }

    @ParameterizedTest
    @EnumSource(TextValue.class)
    void composed_and_decomposed_input_make_the_same_value_or_the_same_refusal(TextValue kind) {
        forAll(EDGE_CASES, random -> random.nextBoolean() ? Generators.formsText(random) : Generators.anyText(random),
                raw -> {
            if (raw == null) {
                return;
            }
            String decomposed = Normalizer.normalize(raw, Normalizer.Form.NFD);
            String composed = Normalizer.normalize(raw, Normalizer.Form.NFC);

            assertThat(outcome(kind, decomposed)).isEqualTo(outcome(kind, raw)).isEqualTo(outcome(kind, composed));
        });
    }

    @ParameterizedTest
    @EnumSource(TextValue.class)
    void text_in_any_compatibility_form_has_the_match_key_of_its_plain_form(TextValue kind) {
        forAll(Generators::formsText, raw -> {
            String key;
            String plain;
            String plainKey;
            try {
                key = kind.matchKeyOf(raw);
                plain = Normalizer.normalize(raw, Normalizer.Form.NFKD);
                plainKey = kind.matchKeyOf(plain);
            } catch (InvalidBookException refused) {
                // Expanded compatibility characters may make the plain form too long: nothing to compare.
                return;
            }

            assertThat(plainKey).isEqualTo(key);
        });
    }

    @ParameterizedTest
    @EnumSource(TextValue.class)
    void a_match_key_is_normalised_folded_visible_text_and_its_own_key(TextValue kind) {
        forAll(random -> random.nextBoolean() ? Generators.formsText(random) : Generators.anyText(random), raw -> {
            String key;
            try {
                key = kind.matchKeyOf(raw);
            } catch (InvalidBookException refused) {
                return;
            }

            assertThat(key).isNotEmpty().doesNotStartWith(" ").doesNotEndWith(" ").doesNotContain("  ");
            assertThat(Normalizer.isNormalized(key, Normalizer.Form.NFKC)).as("in compatibility form").isTrue();
            assertThat(key.codePoints()).as("characters drawn as nothing")
                    .noneMatch(c -> Visibility.isDefaultIgnorable(c) || c == 0x2800);
            assertThat(key.codePointCount(0, key.length())).isLessThanOrEqualTo(Text.MAX_KEY_LENGTH);
            assertThat(Text.matchKey(key)).as("its own key").isEqualTo(key);
        });
    }

    @ParameterizedTest
    @EnumSource(TextValue.class)
    void a_value_does_not_care_how_its_words_are_spaced(TextValue kind) {
        forAll(random -> new Respacing(Generators.anyText(random),
                Stream.generate(() -> Generators.whitespaceRun(random)).limit(kind.maxLength + 1).toList()),
                sample -> {
            String value;
            try {
                value = kind.of(sample.raw());
            } catch (InvalidBookException refused) {
                return;
            }
            StringBuilder respaced = new StringBuilder(sample.runs().get(0));
            String[] words = value.split(" ");
            for (int i = 0; i < words.length; i++) {
                respaced.append(words[i]).append(sample.runs().get(i + 1));
            }

            assertThat(kind.of(respaced.toString())).isEqualTo(value);
            assertThat(kind.matchKeyOf(respaced.toString())).isEqualTo(kind.matchKeyOf(value));
        });
    }

    @ParameterizedTest
    @EnumSource(TextValue.class)
    void the_match_key_of_ascii_text_ignores_case(TextValue kind) {
        forAll(Generators::asciiText, text -> assertThat(kind.matchKeyOf(text.toUpperCase(Locale.ROOT)))
                .isEqualTo(kind.matchKeyOf(text.toLowerCase(Locale.ROOT)))
                .isEqualTo(kind.matchKeyOf(text)));
    }

    /** The value made from the text, or the message it was refused with. */
    private static String outcome(TextValue kind, String raw) {
        try {
            return "value " + kind.of(raw);
        } catch (InvalidBookException refused) {
            return "refused: " + refused.getMessage();
        }
    }

    /** Ink a reader can see: not whitespace, a control, a format character, a mark, a filler or a blank. */
    private static boolean isInk(int c) {
        int type = Character.getType(c);
        return !Character.isWhitespace(c) && !Character.isSpaceChar(c) && type != Character.CONTROL
                && type != Character.FORMAT && type != Character.SURROGATE && type != Character.NON_SPACING_MARK
                && type != Character.ENCLOSING_MARK && !Visibility.isDefaultIgnorable(c) && c != 0x2800;
    }

    @Test
    void a_search_text_follows_the_title_rules_but_is_refused_as_query_parameter_q() {
        forAll(EDGE_CASES, Generators::anyText, raw -> {
            SearchText text;
            try {
                text = new SearchText(raw);
            } catch (InvalidQueryException refused) {
                FieldViolation violation = refused.violations().get(0);
                assertThat(refused.violations()).hasSize(1);
                assertThat(violation.field()).isEqualTo("q");
                assertThatThrownBy(() -> new Title(raw)).isInstanceOfSatisfying(InvalidBookException.class,
                        e -> assertThat(e.violations().get(0).message()).isEqualTo(violation.message()));
                return;
            }
            assertThat(text.value()).isEqualTo(new Title(raw).value());
        });
    }
}
