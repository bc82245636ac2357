package dev.books.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConsistencyTokenTest {

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"0/16B3748", "FFFFFFFF/FFFFFFFF", "m1", "!", "~!#$%&'()*+,-./:;<=>?@[]^_`{|}\"\\"})
    void visible_ascii_without_spaces_is_a_token_kept_exactly_as_written(String text) {
        assertThat(ConsistencyToken.parse(text)).map(ConsistencyToken::value).contains(text);
        assertThat(new ConsistencyToken(text).value()).isEqualTo(text);
    }

    @Test
    void the_longest_token_has_64_characters() {
        assertThat(ConsistencyToken.parse("t".repeat(64))).isPresent();
        assertThat(ConsistencyToken.parse("t".repeat(65))).isEmpty();
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", " ", "0/1 ", "tab\there", "new\nline", "del\u007f", "caf\u00e9", "\ud83d\udcda"})
    void what_cannot_be_a_token_parses_to_nothing_and_is_refused_by_the_constructor(String text) {
        assertThat(ConsistencyToken.parse(text)).isEmpty();
        assertThatThrownBy(() -> new ConsistencyToken(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void no_text_is_no_token() {
        assertThat(ConsistencyToken.parse(null)).isEmpty();
    }
}
