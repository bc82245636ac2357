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
    class UnicodeForms {

        private static final String CAFE_COMPOSED = "Caf\u00E9";
        private static final String CAFE_DECOMPOSED = "Cafe\u0301";

        @ParameterizedTest
        @EnumSource(TextValue.class)
        void decomposed_accents_are_stored_composed(TextValue value) {
            assertThat(value.of(CAFE_DECOMPOSED)).isEqualTo(CAFE_COMPOSED).hasSize(4);
            assertThat(value.of(CAFE_COMPOSED)).isEqualTo(CAFE_COMPOSED);
            assertThat(value.of("\u1100\u1161\u11A8")).as("Hangul jamo compose too").isEqualTo("\uAC01");
        }

        @ParameterizedTest
        @EnumSource(TextValue.class)
        void compatibility_characters_are_stored_as_written(TextValue value) {
            assertThat(value.of("\uFF24\uFF55\uFF4E\uFF45")).isEqualTo("\uFF24\uFF55\uFF4E\uFF45");
            assertThat(value.of("\uFB01sh E=mc\u00B2")).isEqualTo("\uFB01sh E=mc\u00B2");
        }

        static Stream<Arguments> sameKey() {
            return forEachValue(new Object[][] {
                {"composed and decomposed accents", CAFE_COMPOSED, CAFE_DECOMPOSED},
                {"accents in another canonical order", "a\u0323\u0302", "a\u0302\u0323"},
                {"full-width and ASCII letters", "\uFF24\uFF55\uFF4E\uFF45", "Dune"},
                {"full-width and ideographic spaces", "\uFF24\uFF55\uFF4E\uFF45\u3000\uFF12", "dune 2"},
                {"a ligature and its letters", "\uFB01sh", "FISH"},
                {"a superscript and its digit", "E=mc\u00B2", "e=mc2"},
                {"a circled digit and its digit", "Chapter \u2460", "chapter 1"},
                {"a Roman numeral sign and letters", "Rocky \u2163", "ROCKY IV"},
                {"mathematical bold and plain letters", "\uD835\uDC00\uD835\uDC01", "ab"},
                {"half-width and full-width katakana", "\uFF76\uFF80\uFF76\uFF85", "\u30AB\u30BF\u30AB\u30CA"},
                {"a square symbol and its letters", "\u3300", "\u30A2\u30D1\u30FC\u30C8"},
                {"a long s with dots and s with dots", "\u1E9B\u0323", "\u1E69"},
                {"a word-final sigma written either way", "\u039F\u0394\u03A5\u03A3\u03A3\u0395\u03A5\u03A3",
                    "\u03BF\u03B4\u03C5\u03C3\u03C3\u03B5\u03C5\u03C3"},
                {"a variation selector and none", "\u263A\uFE0F smile", "\u263A smile"},
                {"a joiner and none", "a\u200Db", "ab"},
                {"a Hangul filler inside and none", "Dune\u3164", "Dune"},
                {"a blank braille pattern and a space", "Dune\u2800Messiah", "Dune Messiah"},
            });
        }

        @ParameterizedTest(name = "{0}: {1}")
        @MethodSource("sameKey")
        void texts_that_differ_only_in_unicode_form_have_the_same_match_key(
                TextValue value, String description, String one, String other) {
            assertThat(value.matchKeyOf(one)).isEqualTo(value.matchKeyOf(other));
        }

        static Stream<Arguments> differentKeys() {
            return forEachValue(new Object[][] {
                {"an accent and none", CAFE_COMPOSED, "Cafe"},
                {"two different accents", "r\u00E9sum\u00E9", "r\u00E8sum\u00E8"},
                {"a space and none", "Du ne", "Dune"},
                {"a hyphen and a space", "Catch-22", "Catch 22"},
            });
        }

        @ParameterizedTest(name = "{0}: {1}")
        @MethodSource("differentKeys")
        void texts_that_differ_in_what_a_reader_sees_keep_different_keys(
                TextValue value, String description, String one, String other) {
            assertThat(value.matchKeyOf(one)).isNotEqualTo(value.matchKeyOf(other));
        }

        @ParameterizedTest
        @EnumSource(TextValue.class)
        void a_match_key_is_compatibility_normalised_and_folded(TextValue value) {
            assertThat(value.matchKeyOf("\uFF24\uFF55\uFF4E\uFF45")).isEqualTo("dune");
            assertThat(value.matchKeyOf("\uFB01sh")).isEqualTo("fish");
            assertThat(value.matchKeyOf(CAFE_DECOMPOSED)).isEqualTo("caf\u00E9");
        }

        @ParameterizedTest
        @EnumSource(TextValue.class)
        void text_that_expands_beyond_300_characters_for_comparison_is_refused(TextValue value) {
            // U+3300 SQUARE APAATO stands for four katakana: 75 of them make a key of exactly 300 characters.
            String square = "\u3300";
            int fits = Math.min(75, value.maxLength);
            assertThat(value.matchKeyOf(square.repeat(fits))).hasSize(4 * fits);
            if (value.maxLength > 75) {
                assertRefused(value, square.repeat(76),
                        "must be at most 300 characters once expanded for comparison (got 304)");
            }
            // U+FDFA expands to 18 characters: 17 of them fit any field's length and still make too long a key.
            assertRefused(value, "\uFDFA".repeat(17),
                    "must be at most 300 characters once expanded for comparison (got 306)");
        }
    }

    @Nested
    class InvisibleText {

        private static String formatting(String codePoint) {
            return "must not contain invisible formatting characters (found " + codePoint + ")";
        }

        static Stream<Arguments> bidiControls() {
            return forEachValue(new Object[][] {
                {"\u202A", "U+202A LEFT-TO-RIGHT EMBEDDING"},
                {"\u202B", "U+202B RIGHT-TO-LEFT EMBEDDING"},
                {"\u202C", "U+202C POP DIRECTIONAL FORMATTING"},
                {"\u202D", "U+202D LEFT-TO-RIGHT OVERRIDE"},
                {"\u202E", "U+202E RIGHT-TO-LEFT OVERRIDE"},
                {"\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"},
                {"\u2067", "U+2067 RIGHT-TO-LEFT ISOLATE"},
                {"\u2068", "U+2068 FIRST STRONG ISOLATE"},
                {"\u2069", "U+2069 POP DIRECTIONAL ISOLATE"},
                {"\u200E", "U+200E LEFT-TO-RIGHT MARK"},
                {"\u200F", "U+200F RIGHT-TO-LEFT MARK"},
                {"\u061C", "U+061C ARABIC LETTER MARK"},
            });
        }

        @ParameterizedTest(name = "{0} with {2}")
        @MethodSource("bidiControls")
        void bidirectional_controls_are_refused_wherever_they_are_and_named(
                TextValue value, String control, String named) {
            assertRefused(value, control + "Dune", formatting(named));
            assertRefused(value, "Du" + control + "ne", formatting(named));
            assertRefused(value, "Dune" + control, formatting(named));
            assertRefused(value, control, formatting(named));
        }

        static Stream<Arguments> otherFormatCharacters() {
            return forEachValue(new Object[][] {
                {"\u200B", "U+200B ZERO WIDTH SPACE"},
                {"\u2060", "U+2060 WORD JOINER"},
                {"\uFEFF", "U+FEFF ZERO WIDTH NO-BREAK SPACE"},
                {"\u00AD", "U+00AD SOFT HYPHEN"},
                {"\u180E", "U+180E MONGOLIAN VOWEL SEPARATOR"},
                {"\u2062", "U+2062 INVISIBLE TIMES"},
                {"\u206A", "U+206A INHIBIT SYMMETRIC SWAPPING"},
                {"\uFFF9", "U+FFF9 INTERLINEAR ANNOTATION ANCHOR"},
                {"\uDB40\uDC41", "U+E0041 TAG LATIN CAPITAL LETTER A"},
                {"\uDB40\uDC01", "U+E0001 LANGUAGE TAG"},
                {"\u2065", "U+2065"},
            });
        }

        @ParameterizedTest(name = "{0} with {2}")
        @MethodSource("otherFormatCharacters")
        void other_invisible_format_characters_are_refused_and_named(TextValue value, String format, String named) {
            assertRefused(value, "Du" + format + "ne", formatting(named));
            assertRefused(value, format, formatting(named));
        }

        static Stream<Arguments> nothingVisible() {
            return forEachValue(new Object[][] {
                {"the Hangul choseong filler", "\u115F"},
                {"the Hangul jungseong filler", "\u1160"},
                {"the Hangul filler", "\u3164"},
                {"the half-width Hangul filler", "\uFFA0"},
                {"the blank braille pattern", "\u2800"},
                {"fillers between spaces", " \u3164 \u2800 \uFFA0 "},
                {"a variation selector", "\uFE0F"},
                {"the combining grapheme joiner", "\u034F"},
                {"combining accents alone", "\u0301\u0308"},
                {"a combining accent after a space", " \u0301"},
                {"an ideographic variation selector", "\uDB40\uDD00"},
            });
        }

        @ParameterizedTest(name = "{0} that is {1}")
        @MethodSource("nothingVisible")
        void text_with_nothing_visible_in_it_is_refused(TextValue value, String description, String raw) {
            assertRefused(value, raw, "must contain at least one visible character");
        }

        static Stream<Arguments> joinersWhereTheyJoin() {
            return forEachValue(new Object[][] {
                {"an emoji family (ZWJ between emoji)", "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67"},
                {"a heart on fire (ZWJ after a variation selector)", "\u2764\uFE0F\u200D\uD83D\uDD25"},
                {"a technologist with a skin tone (ZWJ after a modifier)",
                    "\uD83D\uDC69\uD83C\uDFFD\u200D\uD83D\uDCBB"},
                {"Persian with a ZWNJ inside a word", "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645"},
                {"a Devanagari conjunct with ZWJ after a virama", "\u0915\u094D\u200D\u0937"},
                {"a Malayalam chillu ending the text (ZWJ last)", "\u0D05\u0D35\u0D28\u0D4D\u200D"},
            });
        }

        @ParameterizedTest(name = "{0} with {1}")
        @MethodSource("joinersWhereTheyJoin")
        void zero_width_joiners_and_non_joiners_are_kept_right_after_a_character(
                TextValue value, String description, String raw) {
            assertThat(value.of(raw)).isEqualTo(raw);
        }

        static Stream<Arguments> joinersThatJoinNothing() {
            return forEachValue(new Object[][] {
                {"a ZWJ first", "\u200DDune", "U+200D ZERO WIDTH JOINER"},
                {"a ZWNJ first", "\u200CDune", "U+200C ZERO WIDTH NON-JOINER"},
                {"a ZWJ after a space", "Dune \u200DMessiah", "U+200D ZERO WIDTH JOINER"},
                {"two joiners in a row", "Du\u200D\u200Cne", "U+200C ZERO WIDTH NON-JOINER"},
                {"a joiner alone", "\u200D", "U+200D ZERO WIDTH JOINER"},
            });
        }

        @ParameterizedTest(name = "{0} with {1}")
        @MethodSource("joinersThatJoinNothing")
        void a_joiner_that_follows_no_character_is_refused_as_formatting(
                TextValue value, String description, String raw, String named) {
            assertRefused(value, raw, formatting(named));
        }

        @ParameterizedTest
        @EnumSource(TextValue.class)
        void variation_selectors_fillers_and_marks_are_kept_inside_visible_text(TextValue value) {
            String emojiStyle = "\u263A\uFE0F";
            String ideographicVariant = "\u845B\uDB40\uDD00";
            String oldHangul = "\u1100\u1160";
            String keycap = "1\uFE0F\u20E3";

            assertThat(value.of(emojiStyle)).isEqualTo(emojiStyle);
            assertThat(value.of(ideographicVariant)).isEqualTo(ideographicVariant);
            assertThat(value.of(oldHangul)).isEqualTo(oldHangul);
            assertThat(value.of(keycap)).isEqualTo(keycap);
        }

        @ParameterizedTest
        @EnumSource(TextValue.class)
        void the_first_problem_in_the_text_is_the_one_reported(TextValue value) {
            assertRefused(value, "\u202EDune\u0000", formatting("U+202E RIGHT-TO-LEFT OVERRIDE"));
            assertRefused(value, "Dune\u0000\u202E", "must not contain control characters");
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
