package dev.books.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class SearchTextTest {

    private static void assertRefused(String raw, String message) {
        assertThatThrownBy(() -> new SearchText(raw))
                .isInstanceOfSatisfying(InvalidQueryException.class, e -> {
                    assertThat(e.violations()).containsExactly(new FieldViolation("q", message));
                    assertThat(e.code()).isEqualTo("invalid-query");
                });
    }

    private static Book book(String title, String author) {
        StoppedClock clock = new StoppedClock("2026-01-01T00:00:00Z");
        return Book.create(BookDetails.from(title, author, null, null, null, clock), clock);
    }

    @Nested
    class WhatMayBeSearchedFor {

        @Test
        void is_normalised_like_a_title() {
            assertThat(new SearchText("  the\t\tHOBBIT\u00A0").value()).isEqualTo("the HOBBIT");
            assertThat(new SearchText("the hobbit")).hasToString("the hobbit");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "\t\n", "\u3000"})
        void not_blank_text(String raw) {
            assertRefused(raw, "must not be blank");
        }

        @ParameterizedTest
        @NullSource
        void not_null(String raw) {
            assertRefused(raw, "is required");
        }

        @Test
        void up_to_200_characters() {
            assertThat(new SearchText("x".repeat(200)).value()).hasSize(200);
            assertRefused("x".repeat(201), "must be at most 200 characters (got 201)");
        }

        @Test
        void no_control_characters_or_broken_unicode() {
            assertRefused("hobbit\u0000", "must not contain control characters");
            assertRefused("hobbit\uD800", "must be valid Unicode text");
        }

        @Test
        void is_composed_like_a_title_and_refuses_invisible_text_as_a_title_does() {
            assertThat(new SearchText("Cafe\u0301").value()).isEqualTo("Caf\u00E9");
            assertRefused("\u200B", "must not contain invisible formatting characters (found U+200B ZERO WIDTH SPACE)");
            assertRefused("\u3164", "must contain at least one visible character");
        }

        @Test
        void punctuation_alone_is_a_valid_search_that_finds_nothing() {
            SearchText punctuation = new SearchText("?!");

            assertThat(punctuation.relevanceOf(book("?!", "?!"))).isZero();
        }
    }

    @Nested
    class Relevance {

        private final Book hobbit = book("The Hobbit", "J.R.R. Tolkien");

        @Test
        void is_the_title_similarity_when_the_title_fits_better() {
            assertThat(new SearchText("hobbit").relevanceOf(hobbit)).isEqualTo(7f / 11f);
        }

        @Test
        void is_the_author_similarity_when_the_author_fits_better() {
            assertThat(new SearchText("Tolkien").relevanceOf(hobbit)).isEqualTo(8f / 12f);
        }

        @Test
        void a_decomposed_text_finds_a_composed_title_as_well_as_a_composed_text_does() {
            Book cafe = book("Caf\u00E9 Society", "Somebody");

            float decomposed = new SearchText("cafe\u0301").relevanceOf(cafe);

            assertThat(decomposed).isEqualTo(new SearchText("caf\u00E9").relevanceOf(cafe)).isGreaterThan(0.3f);
        }

        @Test
        void a_relevance_of_0_3_in_single_precision_matches_as_in_postgresql() {
            // 0.3f is 0.300000011920929; PostgreSQL compares float4 >= float8 after widening, so it matches.
            assertThat(new SearchText("x").matches(0.3f)).isTrue();
            assertThat(new SearchText("x").matches(Math.nextDown(0.3f))).isFalse();
            assertThat(new SearchText("x").matches(1f)).isTrue();
            assertThat(new SearchText("x").matches(0f)).isFalse();
        }

        @Test
        void the_threshold_is_pg_trgms_default() {
            assertThat(SearchText.THRESHOLD).isEqualTo(0.3);
        }
    }
}
