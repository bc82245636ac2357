package dev.books.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Title, Author and Category")
class TextValuesTest {

    private static final String BOOKS = "\uD83D\uDCDA"; // 📚, one code point, two chars

    /** Every case for every one of the three values. */
    private static Stream<Arguments> forEachValue(Object[][] cases) {
        return Stream.of(TextValue.values()).flatMap(value -> Stream.of(cases).map(row -> {
            Object[] arguments = new Object[row.length + 1];
            arguments[0] = value;
            System.arraycopy(row, 0, arguments, 1, row.length);
            return Arguments.of(arguments);
        }));
    }

    private static void assertRefused(TextValue value, String raw, String message) {
        assertThatThrownBy(() -> value.of(raw))
                .isInstanceOfSatisfying(InvalidBookException.class, e -> assertThat(e.violations())
                        .containsExactly(new FieldViolation(value.field, message)));
    }

    @Nested
    class Whitespace {

        static Stream<Arguments> messyWhitespace() {
            return forEachValue(new Object[][] {
                {"spaces around it", "  Dune  ", "Dune"},
                {"a tab inside", "Dune\tMessiah", "Dune Messiah"},
                {"line breaks inside", "Dune \n\r\n Messiah", "Dune Messiah"},
                {"a no-break space (U+00A0)", "Dune\u00A0Messiah", "Dune Messiah"},
                {"an ideographic space (U+3000)", "Dune\u3000Messiah", "Dune Messiah"},
                {"a line separator (U+2028)", "Dune\u2028Messiah", "Dune Messiah"},
                {"thin, narrow and em spaces", "\u2003Dune\u2009\u202FMessiah\u00A0", "Dune Messiah"},
                {"runs of spaces between words", "Children   of    Dune", "Children of Dune"},
            });
        }

        @ParameterizedTest(name = "{0} with {1}")
        @MethodSource("messyWhitespace")
        void is_trimmed_and_every_run_of_any_kind_of_whitespace_becomes_one_space(
                TextValue value, String description, String raw, String expected) {
            assertThat(value.of(raw)).isEqualTo(expected);
        }

        @ParameterizedTest
        @EnumSource(TextValue.class)
        void tidy_text_is_kept_exactly_as_given(TextValue value) {
            assertThat(value.of("Cien años de soledad " + BOOKS)).isEqualTo("Cien años de soledad " + BOOKS);
        }
    }

    @Nested
    class RequiredAndBlank {

        @ParameterizedTest
        @EnumSource(TextValue.class)
        void null_is_refused_as_required(TextValue value) {
            assertRefused(value, null, "is required");
        }

        static Stream<Arguments> blanks() {
            return forEachValue(new Object[][] {
                {"empty", ""},
                {"spaces", "   "},
                {"tabs and line breaks", "\t\n\r\n"},
                {"no-break and ideographic spaces", "\u00A0\u3000"},
            });
        }

        @ParameterizedTest(name = "{0} that is {1}")
        @MethodSource("blanks")
        void blank_text_is_refused_as_blank(TextValue value, String description, String raw) {
            assertRefused(value, raw, "must not be blank");
        }
    }

    @Nested
    class LengthInCodePoints {

        @ParameterizedTest(name = "{0} may have {1} characters")
        @CsvSource({"TITLE, 200", "AUTHOR, 200", "CATEGORY, 50"})
        void the_documented_limit_is_accepted_and_one_more_is_refused(TextValue value, int limit) {
            assertThat(value.of("a".repeat(limit))).hasSize(limit);
            assertRefused(value, "a".repeat(limit + 1),
                    "must be at most " + limit + " characters (got " + (limit + 1) + ")");
        }

        @ParameterizedTest
        @EnumSource(TextValue.class)
        void an_emoji_counts_as_one_character_though_java_needs_two_chars_for_it(TextValue value) {
            String atTheLimit = BOOKS.repeat(value.maxLength);

            assertThat(value.of(atTheLimit)).isEqualTo(atTheLimit).hasSize(2 * value.maxLength);
            assertRefused(value, atTheLimit + BOOKS,
                    "must be at most " + value.maxLength + " characters (got " + (value.maxLength + 1) + ")");
        }

        @ParameterizedTest
        @EnumSource(TextValue.class)
        void the_length_is_counted_after_whitespace_is_collapsed(TextValue value) {
            String padded = "  " + "a".repeat(value.maxLength - 2) + "\t\t\t\n b   ";

            assertThat(value.of(padded)).hasSize(value.maxLength);
        }
    }

    @Nested
    class Characters {

        static Stream<Arguments> controlCharacters() {
            return forEachValue(new Object[][] {
                {"NUL", "Dune\u0000"},
                {"BEL", "Du\u0007ne"},
                {"ESC (a terminal escape)", "\u001B[31mDune"},
                {"DEL", "Dune\u007F"},
                {"NEL (a C1 control, not whitespace to Java)", "Dune\u0085Messiah"},
                {"CSI", "\u009BDune"},
            });
        }

        @ParameterizedTest(name = "{0} with {1}")
        @MethodSource("controlCharacters")
        void control_characters_are_refused(TextValue value, String description, String raw) {
            assertRefused(value, raw, "must not contain control characters");
        }

        static Stream<Arguments> loneSurrogates() {
            return forEachValue(new Object[][] {
                {"a lone high surrogate", "Dune\uD83D"},
                {"a lone low surrogate", "\uDCDADune"},
                {"a pair in the wrong order", "Du\uDCDA\uD83Dne"},
                {"a high surrogate before a space", "\uD83D Dune"},
            });
        }

        @ParameterizedTest(name = "{0} with {1}")
        @MethodSource("loneSurrogates")
        void broken_utf16_is_refused(TextValue value, String description, String raw) {
            assertRefused(value, raw, "must be valid Unicode text");
        }

        @ParameterizedTest
        @EnumSource(TextValue.class)
        void letters_from_any_script_and_symbols_are_welcome(TextValue value) {
            String mixed = "Война и мир · 三体 · Ἰλιάς · " + BOOKS;

            assertThat(value.of(mixed)).isEqualTo(mixed);
        }
    }

    @Nested
    class MatchKey {

        @ParameterizedTest
        @EnumSource(TextValue.class)
        void ignores_case_and_spacing(TextValue value) {
            assertThat(value.matchKeyOf("  the   HOBBIT "))
                    .isEqualTo(value.matchKeyOf("The Hobbit"))
                    .isEqualTo(value.matchKeyOf("the\u00A0hobbit"));
        }

        @ParameterizedTest
        @EnumSource(TextValue.class)
        void folds_case_beyond_ascii_so_that_sharp_s_meets_double_s(TextValue value) {
            assertThat(value.matchKeyOf("STRASSE")).isEqualTo(value.matchKeyOf("straße"));
            assertThat(value.matchKeyOf("ΟΔΥΣΣΕΙΑ")).isEqualTo(value.matchKeyOf("οδυσσεια"));
        }

        @ParameterizedTest
        @EnumSource(TextValue.class)
        void tells_different_words_apart(TextValue value) {
            assertThat(value.matchKeyOf("The Hobbit")).isNotEqualTo(value.matchKeyOf("The Hobbits"));
        }

        @Test
        void does_not_depend_on_the_default_locale() {
            Locale original = Locale.getDefault();
            String rootKey = new Title("TITLE IN ISTANBUL").matchKey();
            try {
                // Under Turkish rules "I" lower-cases to a dotless "ı": a locale-sensitive key would differ.
                Locale.setDefault(Locale.forLanguageTag("tr-TR"));
                assertThat(new Title("TITLE IN ISTANBUL").matchKey()).isEqualTo(rootKey).isEqualTo("title in istanbul");
            } finally {
                Locale.setDefault(original);
            }
        }
    }

    @Nested
    class AsValues {

        @Test
        void equal_texts_make_equal_values_and_to_string_is_the_text() {
            assertThat(new Title(" Dune ")).isEqualTo(new Title("Dune")).hasToString("Dune");
            assertThat(new Author("Frank\tHerbert")).isEqualTo(new Author("Frank Herbert"))
                    .hasToString("Frank Herbert");
            assertThat(new Category("Science  Fiction")).isEqualTo(new Category("Science Fiction"))
                    .hasToString("Science Fiction");
        }

        @Test
        void values_differing_only_in_case_are_different_values_with_the_same_match_key() {
            Title lower = new Title("dune");
            Title upper = new Title("DUNE");

            assertThat(lower).isNotEqualTo(upper);
            assertThat(lower.matchKey()).isEqualTo(upper.matchKey());
        }
    }
}
