package dev.books.adapter.http.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "0190a5e4-1c2d-7e8f-9a0b-1c2d3e4f5a6b", "trace:span.1_x",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void a_sane_client_id_is_kept(String id) {
        assertThat(RequestIds.accept(id)).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a\nb", "ä", "<x>", "a/b", "a\"b",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void anything_else_is_replaced(String id) {
        assertThat(RequestIds.accept(id)).isNotEqualTo(id).matches("[0-9a-f]{32}");
    }

    @Test
    void a_missing_id_is_generated_and_generated_ids_differ() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(RequestIds.accept(null));
        }
        assertThat(ids).hasSize(1000);
    }
}
