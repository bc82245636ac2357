package dev.books.domain;

import static dev.books.domain.PropertyCheck.forAll;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("TrigramSimilarity, for any two texts")
class TrigramSimilarityPropertiesTest {

    private record Pair(String a, String b) {
    }

    private static boolean hasLetterOrDigit(String text) {
        return text.codePoints().anyMatch(Character::isLetterOrDigit);
    }

    @Test
    void is_a_number_from_0_to_1() {
        forAll(random -> new Pair(Generators.anyText(random), Generators.anyText(random)), pair -> assertThat(
                TrigramSimilarity.similarity(pair.a(), pair.b())).isBetween(0f, 1f));
    }

    @Test
    void is_symmetric() {
        forAll(random -> new Pair(Generators.anyText(random), Generators.anyText(random)), pair -> assertThat(
                TrigramSimilarity.similarity(pair.a(), pair.b()))
                .isEqualTo(TrigramSimilarity.similarity(pair.b(), pair.a())));
    }

    @Test
    void a_text_is_wholly_similar_to_itself_when_it_has_a_letter_or_digit_and_not_at_all_otherwise() {
        forAll(Generators::anyText, text -> assertThat(TrigramSimilarity.similarity(text, text))
                .isEqualTo(hasLetterOrDigit(text) ? 1f : 0f));
    }

    @Test
    void ignores_case_and_punctuation_between_words() {
        forAll(Generators::asciiText, text -> {
            String shouted = text.toUpperCase(Locale.ROOT).replace(' ', '!');

            assertThat(TrigramSimilarity.similarity(text, shouted)).isEqualTo(hasLetterOrDigit(text) ? 1f : 0f);
        });
    }
}
