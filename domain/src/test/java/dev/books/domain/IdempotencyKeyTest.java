package dev.books.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdempotencyKeyTest {

    private static final String SCOPE = "POST /books";

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"8e03978e-40d5-43e8-bc93-6894a57f9324", "a", " ", "with \"quotes\" and \\ back",
        "~!#$%&'()*+,-./:;<=>?@[]^_`{|}"})
    void one_to_255_printable_ascii_characters_are_a_key_kept_exactly_as_sent(String value) {
        assertThat(new IdempotencyKey(SCOPE, value).value()).isEqualTo(value);
    }

    @Test
    void the_longest_key_has_255_characters() {
        assertThat(new IdempotencyKey(SCOPE, "k".repeat(255)).value()).hasSize(255);
        assertRefused("k".repeat(256), "must be at most 255 characters (got 256)");
    }

    @Test
    void an_empty_key_is_refused() {
        assertRefused("", "must not be empty");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"tab\there", "new\nline", "del\u007f", "nul\u0000", "caf\u00e9", "\u00a0no-break",
        "\ud83d\udcda", "\ud800"})
    void a_key_with_anything_but_printable_ascii_is_refused_without_repeating_it(String value) {
        assertThatThrownBy(() -> new IdempotencyKey(SCOPE, value))
                .isInstanceOfSatisfying(InvalidIdempotencyKeyException.class, e -> {
                    assertThat(e.reason()).startsWith("must hold printable ASCII characters only");
                    assertThat(e.getMessage()).doesNotContain(value);
                    assertThat(e.code()).isEqualTo("invalid-idempotency-key");
                });
    }

    @Test
    void the_refusal_names_the_first_offending_position() {
        assertRefused("ok\u00e9", "must hold printable ASCII characters only (the one at position 3 is not)");
    }

    @Test
    void keys_differ_by_case_and_by_scope() {
        assertThat(new IdempotencyKey(SCOPE, "abc")).isEqualTo(new IdempotencyKey(SCOPE, "abc"))
                .isNotEqualTo(new IdempotencyKey(SCOPE, "ABC"))
                .isNotEqualTo(new IdempotencyKey("POST /books client-2", "abc"));
    }

    @Test
    void a_scope_is_any_text_of_1_to_512_characters_without_control_characters() {
        assertThat(new IdempotencyKey("POST /books \u00e9l\u00e8ve@\u00e9cole", "k").scope())
                .isEqualTo("POST /books \u00e9l\u00e8ve@\u00e9cole");
        assertThat(new IdempotencyKey("s".repeat(512), "k").scope()).hasSize(512);

        assertThatThrownBy(() -> new IdempotencyKey("", "k")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IdempotencyKey("s".repeat(513), "k")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IdempotencyKey("a\u0000b", "k")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_bad_scope_is_a_bug_not_the_clients_refusal_even_with_a_bad_key() {
        assertThatThrownBy(() -> new IdempotencyKey("", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .isNotInstanceOf(BookException.class);
    }

    private static void assertRefused(String value, String reason) {
        assertThatThrownBy(() -> new IdempotencyKey(SCOPE, value))
                .isInstanceOfSatisfying(InvalidIdempotencyKeyException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).isEqualTo("the idempotency key " + reason);
                });
    }
}
