package dev.books.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ActorTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "tab\there", "caf\u00e9", "line\nbreak"})
    void refuses_names_that_are_not_printable_ascii_words(String name) {
        assertThatIllegalArgumentException().isThrownBy(() -> new Actor(name));
    }

    @Test
    void refuses_names_longer_than_the_limit() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Actor("a".repeat(Actor.MAX_LENGTH + 1)));
        assertThat(new Actor("a".repeat(Actor.MAX_LENGTH)).name()).hasSize(Actor.MAX_LENGTH);
    }

    @Test
    void a_name_from_outside_input_keeps_printable_characters_and_replaces_the_rest() {
        assertThat(Actor.named("jwt:", "ana mar\u00eda\n").name()).isEqualTo("jwt:ana_mar_a_");
    }

    @Test
    void a_name_from_outside_input_is_cut_to_the_limit() {
        assertThat(Actor.named("jwt:", "x".repeat(1_000)).name()).hasSize(Actor.MAX_LENGTH).startsWith("jwt:x");
    }

    @Test
    void prints_as_its_name() {
        assertThat(Actor.ANONYMOUS).hasToString("anonymous");
    }
}
