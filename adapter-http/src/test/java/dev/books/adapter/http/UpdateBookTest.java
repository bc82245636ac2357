package dev.books.adapter.http;

import static dev.books.adapter.http.ApiAssertions.assertProblem;
import static dev.books.adapter.http.ApiAssertions.errors;
import static dev.books.adapter.http.ApiAssertions.etag;
import static dev.books.adapter.http.ApiAssertions.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UpdateBookTest {

    private static final String UNKNOWN = "/books/01890a5d-ac96-774b-bcce-b302099a8057";

    private RunningApi api;
    private String location;

    @BeforeEach
    void start() {
        api = RunningApi.start();
        location = api.post("/books", """
                {"title": "Dune", "author": "Frank Herbert", "category": "SF", "isbn": "9780441013593",
                 "publishedYear": 1965}""").headers().firstValue("Location").orElseThrow();
        api.clock.advance(Duration.ofMinutes(1));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void a_merge_patch_changes_only_the_fields_it_names() {
        HttpResponse<String> response = api.patch(location, "{\"category\": \"Science Fiction\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(etag(response)).isEqualTo("\"2\"");
        JsonNode book = json(response);
        assertThat(book.path("category").asText()).isEqualTo("Science Fiction");
        assertThat(book.path("title").asText()).isEqualTo("Dune");
        assertThat(book.path("isbn").asText()).isEqualTo("9780441013593");
        assertThat(book.path("publishedYear").asInt()).isEqualTo(1965);
        assertThat(book.path("version").asLong()).isEqualTo(2);
        assertThat(book.path("createdAt").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(book.path("updatedAt").asText()).isEqualTo("2026-01-01T00:01:00Z");
    }

    @Test
    void null_clears_an_optional_field() {
        JsonNode book = json(api.patch(location, "{\"category\": null, \"isbn\": null, \"publishedYear\": null}"));

        assertThat(book.path("category").isNull()).isTrue();
        assertThat(book.path("isbn").isNull()).isTrue();
        assertThat(book.path("publishedYear").isNull()).isTrue();
        assertThat(book.path("title").asText()).isEqualTo("Dune");
    }

    @Test
    void clearing_the_year_beside_a_failing_field_is_422_for_that_field_alone() {
        HttpResponse<String> response = api.outOfContract().patch(location, "{\"publishedYear\": null, \"x\": 1}");

        assertThat(errors(assertProblem(response, 422, "invalid-book")))
                .containsExactly(entry("x", "is not a field of a book"));
    }

    @Test
    void null_for_title_or_author_is_422() {
        HttpResponse<String> response = api.outOfContract().patch(location, "{\"title\": null, \"author\": null}");

        assertThat(errors(assertProblem(response, 422, "invalid-book")))
                .containsExactly(entry("title", "is required"), entry("author", "is required"));
        assertThat(json(api.get(location)).path("version").asLong()).isEqualTo(1);
    }

    @Test
    void a_patch_that_changes_nothing_keeps_the_version_and_etag() {
        HttpResponse<String> empty = api.patch(location, "{}");
        HttpResponse<String> same = api.patch(location, "{\"title\": \"Dune\", \"isbn\": \"0-441-01359-7\"}");

        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(etag(empty)).isEqualTo("\"1\"");
        assertThat(same.statusCode()).isEqualTo(200);
        assertThat(etag(same)).isEqualTo("\"1\"");
        assertThat(json(same).path("updatedAt").asText()).isEqualTo("2026-01-01T00:00:00Z");
    }

    @Test
    void application_json_is_accepted_too() {
        HttpResponse<String> response = api.send(api.request(location).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"publishedYear\": 1966}")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("publishedYear").asInt()).isEqualTo(1966);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json-patch+json", "text/plain"})
    void other_media_types_are_415(String contentType) {
        HttpResponse<String> response = api.outOfContract().send(api.request(location).header("Content-Type", contentType)
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"publishedYear\": 1966}")));

        assertProblem(response, 415, "unsupported-media-type");
    }

    @Test
    void a_missing_content_type_is_415() {
        HttpResponse<String> response = api.outOfContract().send(api.request(location)
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"publishedYear\": 1966}")));

        assertProblem(response, 415, "unsupported-media-type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"Dune\"", "null", "[{\"op\": \"replace\", \"path\": \"/title\", \"value\": \"x\"}]"})
    void the_patch_must_be_a_json_object(String body) {
        assertProblem(api.outOfContract().patch(location, body), 400, "malformed-json");
    }

    @Test
    void malformed_json_is_400() {
        assertProblem(api.outOfContract().patch(location, "{\"title\": "), 400, "malformed-json");
    }

    @Test
    void every_failing_field_is_listed() {
        HttpResponse<String> response = api.outOfContract().patch(location, """
                {"title": "", "author": ["x"], "isbn": "123", "publishedYear": "1999", "version": 3,
                 "subtitle": "x"}""");

        assertThat(errors(assertProblem(response, 422, "invalid-book"))).containsExactly(
                entry("title", "must not be blank"),
                entry("author", "must be a string"),
                entry("isbn", "must be an ISBN-10 or ISBN-13"),
                entry("publishedYear", "must be an integer"),
                entry("version", "is read-only"),
                entry("subtitle", "is not a field of a book"));
    }

    @Test
    void domain_failures_alone_come_from_the_use_case() {
        HttpResponse<String> response = api.patch(location, "{\"title\": \" \", \"publishedYear\": 3000}");

        assertThat(errors(assertProblem(response, 422, "invalid-book")))
                .containsExactly(entry("title", "must not be blank"), entry("publishedYear", "must be 2027 or earlier"));
    }

    @Test
    void a_current_if_match_lets_the_change_through() {
        HttpResponse<String> response = api.patch(location, "{\"publishedYear\": 1966}", "If-Match", "\"1\"");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(etag(response)).isEqualTo("\"2\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"2\"", "\"0\"", "W/\"1\"", "\"01\"", "\"abc\"", "\"3\", \"4\"", "W/\"1\", \"5\""})
    void a_stale_or_weak_if_match_is_412(String ifMatch) {
        HttpResponse<String> response = api.patch(location, "{\"publishedYear\": 1966}", "If-Match", ifMatch);

        assertProblem(response, 412, "version-conflict");
        assertThat(json(api.get(location)).path("publishedYear").asInt()).isEqualTo(1965);
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "\"7\", \"1\"", "W/\"1\", \"1\""})
    void if_match_star_or_a_list_naming_the_current_version_matches(String ifMatch) {
        HttpResponse<String> response = api.patch(location, "{\"publishedYear\": 1966}", "If-Match", ifMatch);

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void a_stale_etag_after_someone_elses_change_is_412() {
        String first = etag(api.get(location));
        api.patch(location, "{\"category\": \"Classics\"}");

        HttpResponse<String> response = api.patch(location, "{\"category\": \"Mine\"}", "If-Match", first);

        assertProblem(response, 412, "version-conflict");
    }

    @Test
    void a_malformed_if_match_is_400() {
        assertProblem(api.outOfContract().patch(location, "{}", "If-Match", "1"), 400, "bad-request");
    }

    @Test
    void an_unknown_book_is_404_even_with_if_match() {
        assertProblem(api.patch(UNKNOWN, "{\"category\": \"x\"}"), 404, "book-not-found");
        assertProblem(api.patch(UNKNOWN, "{\"category\": \"x\"}", "If-Match", "*"), 404, "book-not-found");
        assertProblem(api.patch(UNKNOWN, "{\"category\": \"x\"}", "If-Match", "W/\"1\""), 404, "book-not-found");
    }

    @Test
    void a_malformed_id_is_400() {
        assertProblem(api.outOfContract().patch("/books/nope", "{}"), 400, "malformed-id");
    }

    @Test
    void taking_another_books_isbn_or_work_is_409() {
        api.post("/books", "{\"title\": \"Emma\", \"author\": \"Jane Austen\", \"isbn\": \"9780141439587\"}");

        assertProblem(api.patch(location, "{\"isbn\": \"9780141439587\"}"), 409, "duplicate-book");
        assertProblem(api.patch(location, "{\"title\": \"EMMA\", \"author\": \"jane austen\"}"), 409, "duplicate-book");
    }
}
