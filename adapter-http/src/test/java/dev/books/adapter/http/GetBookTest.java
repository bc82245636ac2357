package dev.books.adapter.http;

import static dev.books.adapter.http.ApiAssertions.assertProblem;
import static dev.books.adapter.http.ApiAssertions.etag;
import static dev.books.adapter.http.ApiAssertions.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GetBookTest {

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
    void answers_200_with_the_book_and_its_etag() {
        HttpResponse<String> response = api.get(location);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(etag(response)).isEqualTo("\"1\"");
        assertThat(json(response).path("title").asText()).isEqualTo("Dune");
        assertThat(location).endsWith(json(response).path("id").asText());
    }

    @Test
    void the_id_may_be_written_in_upper_case() {
        assertThat(api.get(location.toUpperCase(java.util.Locale.ROOT).replace("/BOOKS/", "/books/")).statusCode())
                .isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1\"", "W/\"1\"", "*", "\"7\", \"1\"", "W/\"9\",W/\"1\""})
    void a_matching_if_none_match_is_304_with_etag_and_no_body(String ifNoneMatch) {
        HttpResponse<String> response = api.get(location, "If-None-Match", ifNoneMatch);

        assertThat(response.statusCode()).isEqualTo(304);
        assertThat(etag(response)).isEqualTo("\"1\"");
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(response.body()).isEmpty();
        // RFC 9110 8.6: a 304 must not carry a Content-Length other than the 200's; sending none is simplest.
        assertThat(response.headers().firstValue("Content-Length")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"2\"", "W/\"2\"", "\"01\"", "\"x1\""})
    void a_stale_if_none_match_gets_the_book(String ifNoneMatch) {
        HttpResponse<String> response = api.get(location, "If-None-Match", ifNoneMatch);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("version").asLong()).isEqualTo(1);
    }

    @Test
    void after_a_change_the_old_etag_no_longer_matches() {
        api.patch(location, "{\"category\": \"Science Fiction\"}");

        HttpResponse<String> response = api.get(location, "If-None-Match", "\"1\"");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(etag(response)).isEqualTo("\"2\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "\"1", "\"1 \"", "W/1", "\"1\" x", ","})
    void a_malformed_if_none_match_is_400(String ifNoneMatch) {
        assertProblem(api.outOfContract().get(location, "If-None-Match", ifNoneMatch), 400, "bad-request");
    }

    @Test
    void an_unknown_id_is_404() {
        HttpResponse<String> response = api.get("/books/01890a5d-ac96-774b-bcce-b302099a8057");

        assertThat(assertProblem(response, 404, "book-not-found").path("detail").asText())
                .contains("01890a5d-ac96-774b-bcce-b302099a8057");
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "not-a-uuid", "01890a5d-ac96-774b-bcce-b302099a805", "01890a5dac96774bbccefb302099a8057",
            "1-1-1-1-1", "01890a5d-ac96-774b-bcce-b302099a805g", "%20", "01890a5d-ac96-774b-bcce-b302099a8057x"})
    void a_malformed_id_is_400(String id) {
        assertProblem(api.outOfContract().get("/books/" + id), 400, "malformed-id");
    }

    @Test
    void head_answers_the_headers_of_get_without_a_body() {
        HttpResponse<String> response =
                api.send(api.request(location).method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(etag(response)).isEqualTo("\"1\"");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void head_of_an_unknown_book_is_404() {
        HttpResponse<String> response = api.send(api.request("/books/01890a5d-ac96-774b-bcce-b302099a8057")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
    }
}
