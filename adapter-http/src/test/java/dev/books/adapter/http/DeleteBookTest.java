package dev.books.adapter.http;

import static dev.books.adapter.http.ApiAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeleteBookTest {

    private RunningApi api;
    private String location;

    @BeforeEach
    void start() {
        api = RunningApi.start();
        location = api.post("/books", "{\"title\": \"Dune\", \"author\": \"Frank Herbert\"}")
                .headers().firstValue("Location").orElseThrow();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void deletes_and_answers_204_without_a_body() {
        HttpResponse<String> response = api.delete(location);

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("Content-Type")).isEmpty();
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        assertProblem(api.get(location), 404, "book-not-found");
    }

    @Test
    void a_second_delete_is_404() {
        api.delete(location);

        assertProblem(api.delete(location), 404, "book-not-found");
    }

    @Test
    void a_current_if_match_deletes() {
        assertThat(api.delete(location, "If-Match", "\"1\"").statusCode()).isEqualTo(204);
    }

    @Test
    void a_stale_if_match_is_412_and_keeps_the_book() {
        api.patch(location, "{\"category\": \"SF\"}");

        assertProblem(api.delete(location, "If-Match", "\"1\""), 412, "version-conflict");
        assertProblem(api.delete(location, "If-Match", "W/\"2\""), 412, "version-conflict");
        assertThat(api.get(location).statusCode()).isEqualTo(200);
    }

    @Test
    void if_match_star_deletes_an_existing_book_and_404s_a_missing_one() {
        assertThat(api.delete(location, "If-Match", "*").statusCode()).isEqualTo(204);
        assertProblem(api.delete(location, "If-Match", "*"), 404, "book-not-found");
    }

    @Test
    void a_malformed_id_is_400() {
        assertProblem(api.outOfContract().delete("/books/123"), 400, "malformed-id");
    }
}
