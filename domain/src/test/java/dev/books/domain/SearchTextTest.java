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
        void punctuation_alone_is_a_valid_search_text() {
            // Valid, though it has no word for a store to look for (the store's concern: ADR 0012, 0016).
            assertThat(new SearchText("?!").value()).isEqualTo("?!");
        }

        @Test
        void is_compared_by_the_key_titles_and_authors_are_compared_by() {
            String typed = "\uFF2C\uFF25 GUIN Stra\u00DFe";

            assertThat(new SearchText(typed).matchKey()).isEqualTo(new Title(typed).matchKey())
                    .isEqualTo("le guin strasse");
        }
    }
}
