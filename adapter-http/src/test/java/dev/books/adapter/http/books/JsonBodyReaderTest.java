package dev.books.adapter.http.books;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonBodyReaderTest {

    private static final Set<String> JSON = Set.of("application/json");

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "Application/JSON", "application/json;charset=utf-8",
            "application/json; charset=\"UTF-8\"", "application/json ; foo=bar"})
    void json_in_utf8_is_accepted(String contentType) {
        assertThat(JsonBodyReader.isAccepted(contentType, JSON)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "text/json", "application/json-seq", "application/json; charset=latin1",
            "application/json; charset=utf-16", "application/*", "*/*"})
    void anything_else_is_not(String contentType) {
        assertThat(JsonBodyReader.isAccepted(contentType, JSON)).isFalse();
    }
}
