package dev.books.adapter.http.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestTargetsTest {

    @ParameterizedTest
    @ValueSource(strings = {"/books", "/books/abc", "/books/%41%42", "/books/caf%C3%A9", "/books/%F0%9F%93%9A",
            "/books/%25"})
    void clean_paths_pass(String path) {
        assertThat(RequestTargets.isCleanlyEncoded(path, true)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/books/%00", "/books/%1F", "/books/%7f", "/books/%FF", "/books/%C3%28", "/books/%E2%82",
            "/books/%ED%A0%80", "/books/%G1", "/books/%4", "/books/%", "/books/%%41"})
    void paths_with_bad_escapes_or_control_characters_are_refused(String path) {
        assertThat(RequestTargets.isCleanlyEncoded(path, true)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"title=caf%C3%A9&limit=2", "q=a+b", "title=%00", "a=%0A"})
    void queries_may_carry_any_text_the_domain_then_judges(String query) {
        assertThat(RequestTargets.isCleanlyEncoded(query, false)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"title=%FF", "title=%", "title=%zz", "q=%C0%AF"})
    void queries_with_bad_escapes_are_refused(String query) {
        assertThat(RequestTargets.isCleanlyEncoded(query, false)).isFalse();
    }
}
