package dev.books.adapter.http;

import static dev.books.adapter.http.ApiAssertions.assertProblem;
import static dev.books.adapter.http.ApiAssertions.errors;
import static dev.books.adapter.http.ApiAssertions.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CreateBookTest {

    private RunningApi api;

    @BeforeEach
    void start() {
        api = RunningApi.start();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void creates_a_book_and_answers_201_with_location_etag_and_the_book() {
        api.clock.set(Instant.parse("2026-03-04T05:06:07.123456789Z"));

        HttpResponse<String> response = api.post("/books", """
                {"title": "  The   Left Hand of Darkness ", "author": "Ursula K. Le Guin",
                 "category": "Science Fiction", "isbn": "0-441-47812-3", "publishedYear": 1969}""");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode book = json(response);
        String id = book.path("id").asText();
        assertThat(response.headers().firstValue("Location")).contains("/books/" + id);
        assertThat(response.headers().firstValue("ETag")).contains("\"1\"");
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(book.path("title").asText()).isEqualTo("The Left Hand of Darkness");
        assertThat(book.path("author").asText()).isEqualTo("Ursula K. Le Guin");
        assertThat(book.path("category").asText()).isEqualTo("Science Fiction");
        assertThat(book.path("isbn").asText()).isEqualTo("9780441478125");
        assertThat(book.path("publishedYear").asInt()).isEqualTo(1969);
        assertThat(book.path("version").asLong()).isEqualTo(1);
        assertThat(book.path("createdAt").asText()).isEqualTo("2026-03-04T05:06:07.123456Z");
        assertThat(book.path("updatedAt").asText()).isEqualTo("2026-03-04T05:06:07.123456Z");
        assertThat(book.path("createdBy").asText()).isEqualTo("key:" + RunningApi.KEY_NAME);
        assertThat(book.path("updatedBy").asText()).isEqualTo("key:" + RunningApi.KEY_NAME);
        assertThat(fieldNames(book)).containsExactly("id", "title", "author", "category", "isbn", "publishedYear",
                "version", "createdAt", "updatedAt", "createdBy", "updatedBy");
        assertThat(api.get("/books/" + id).body()).isEqualTo(response.body());
    }

    @Test
    void absent_optional_fields_are_null_in_the_answer() {
        JsonNode book = json(api.post("/books", "{\"title\": \"Dune\", \"author\": \"Frank Herbert\"}"));

        assertThat(book.has("category")).isTrue();
        assertThat(book.path("category").isNull()).isTrue();
        assertThat(book.path("isbn").isNull()).isTrue();
        assertThat(book.path("publishedYear").isNull()).isTrue();
    }

    @Test
    void explicit_nulls_for_optional_fields_mean_absent() {
        HttpResponse<String> response = api.post("/books",
                "{\"title\": \"Dune\", \"author\": \"Frank Herbert\", \"category\": null, \"isbn\": null,"
                        + " \"publishedYear\": null}");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(json(response).path("isbn").isNull()).isTrue();
    }

    @Test
    void accepts_json_with_an_explicit_utf8_charset_and_non_ascii_text() {
        HttpResponse<String> response = api.send(api.request("/books")
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"title\": \"Straße der Ölsardinen\", \"author\": \"Jörg 東京\"}")));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(json(response).path("author").asText()).isEqualTo("Jörg 東京");
    }

    @Test
    void a_duplicate_isbn_is_409() {
        api.post("/books", "{\"title\": \"Dune\", \"author\": \"Frank Herbert\", \"isbn\": \"9780441013593\"}");

        HttpResponse<String> response =
                api.post("/books", "{\"title\": \"Other\", \"author\": \"Someone\", \"isbn\": \"978-0-441-01359-3\"}");

        JsonNode problem = assertProblem(response, 409, "duplicate-book");
        assertThat(problem.path("detail").asText()).contains("ISBN");
    }

    @Test
    void the_same_title_and_author_ignoring_case_and_spacing_is_409() {
        api.post("/books", "{\"title\": \"Dune\", \"author\": \"Frank Herbert\"}");

        HttpResponse<String> response = api.post("/books", "{\"title\": \"  DUNE \", \"author\": \"frank   herbert\"}");

        JsonNode problem = assertProblem(response, 409, "duplicate-book");
        assertThat(problem.path("detail").asText()).contains("title and author");
        assertThat(api.repository.size()).isEqualTo(1);
    }

    @Test
    void one_422_lists_binding_validation_and_domain_failures_together() {
        HttpResponse<String> response = api.outOfContract().post("/books", """
                {"title": 42, "category": "%s", "isbn": "978-0-00-000000-1", "publishedYear": 0,
                 "id": "x", "color": "red"}""".formatted("   "));

        JsonNode problem = assertProblem(response, 422, "invalid-book");
        assertThat(errors(problem)).containsExactly(
                entry("title", "must be a string"),            // binding: wrong JSON type
                entry("author", "is required"),                // Bean Validation: @NotNull
                entry("category", "must not be blank"),        // domain
                entry("isbn", "has an invalid check digit"),   // domain
                entry("publishedYear", "must be 1 or later"),  // Bean Validation: @Min
                entry("id", "is read-only"),                   // binding
                entry("color", "is not a field of a book"));   // binding
        assertThat(api.repository.size()).isZero();
    }

    @Test
    void domain_failures_alone_are_all_listed_by_the_use_case() {
        HttpResponse<String> response = api.outOfContract().post("/books", """
                {"title": "%s", "author": "Anon", "publishedYear": 2028}""".formatted("x".repeat(201)));

        assertThat(errors(assertProblem(response, 422, "invalid-book"))).containsExactly(
                entry("title", "must be at most 200 characters (got 201)"),
                entry("publishedYear", "must be 2027 or earlier"));
    }

    @Test
    void the_year_bound_follows_the_clock_when_reported_with_other_failures() {
        HttpResponse<String> response = api.outOfContract().post("/books", "{\"author\": \"Anon\", \"publishedYear\": 2028}");

        assertThat(errors(assertProblem(response, 422, "invalid-book"))).containsExactly(
                entry("title", "is required"),
                entry("publishedYear", "must be 2027 or earlier"));
    }

    @Test
    void raw_text_beyond_the_transport_cap_is_refused_by_bean_validation() {
        HttpResponse<String> response = api.outOfContract().post("/books", """
                {"title": "%s", "author": "Anon", "isbn": "%s"}""".formatted("t".repeat(1001), "9".repeat(33)));

        assertThat(errors(assertProblem(response, 422, "invalid-book"))).containsExactly(
                entry("title", "must be at most 1000 characters"),
                entry("isbn", "must be an ISBN-10 or ISBN-13"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "version", "createdAt", "updatedAt"})
    void read_only_fields_are_422(String field) {
        HttpResponse<String> response = api.outOfContract().post("/books",
                "{\"title\": \"Dune\", \"author\": \"Frank Herbert\", \"" + field + "\": 1}");

        assertThat(errors(assertProblem(response, 422, "invalid-book"))).containsExactly(entry(field, "is read-only"));
    }

    @Test
    void an_unknown_field_is_422() {
        HttpResponse<String> response =
                api.outOfContract().post("/books", "{\"title\": \"Dune\", \"author\": \"Frank Herbert\", \"Title\": \"x\"}");

        assertThat(errors(assertProblem(response, 422, "invalid-book")))
                .containsExactly(entry("Title", "is not a field of a book"));
    }

    @Test
    void a_number_for_the_title_is_422() {
        HttpResponse<String> response = api.outOfContract().post("/books", "{\"title\": 1984, \"author\": \"George Orwell\"}");

        assertThat(errors(assertProblem(response, 422, "invalid-book")))
                .containsExactly(entry("title", "must be a string"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1999\"", "1999.5", "1999.0", "1.999e3", "true", "[1999]", "{}"})
    void a_year_that_is_not_a_json_integer_is_422(String year) {
        HttpResponse<String> response =
                api.outOfContract().post("/books",
                        "{\"title\": \"Dune\", \"author\": \"Frank Herbert\", \"publishedYear\": " + year + "}");

        assertThat(errors(assertProblem(response, 422, "invalid-book")))
                .containsExactly(entry("publishedYear", "must be an integer"));
    }

    @Test
    void a_year_beyond_the_integer_range_is_422() {
        HttpResponse<String> response = api.outOfContract().post("/books",
                "{\"title\": \"Dune\", \"author\": \"Frank Herbert\", \"publishedYear\": 99999999999}");

        assertThat(errors(assertProblem(response, 422, "invalid-book")))
                .containsExactly(entry("publishedYear", "is out of range"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"title\": \"Dune\",", "{title: \"Dune\"}", "{\"title\": 'Dune'}", "nul",
            "{\"title\": \"Dune\"} {\"title\": \"Dune\"}", "{\"title\": \"Dune\"} x", "{\"a\": NaN}",
            "{\"title\": \"Dune\", /* c */ \"author\": \"x\"}"})
    void malformed_json_is_400(String body) {
        assertProblem(api.outOfContract().post("/books", body), 400, "malformed-json");
    }

    @Test
    void an_empty_body_is_400() {
        assertProblem(api.outOfContract().post("/books", ""), 400, "malformed-json");
    }

    @Test
    void a_field_given_twice_is_400() {
        HttpResponse<String> response =
                api.post("/books", "{\"title\": \"Dune\", \"author\": \"Frank Herbert\", \"title\": \"Emma\"}");

        assertThat(assertProblem(response, 400, "malformed-json").path("detail").asText()).contains("twice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{\"title\": \"Dune\", \"author\": \"Frank Herbert\"}]", "\"Dune\"", "42", "null"})
    void a_body_that_is_not_a_json_object_is_400(String body) {
        JsonNode problem = assertProblem(api.outOfContract().post("/books", body), 400, "malformed-json");
        assertThat(problem.path("detail").asText()).contains("JSON object");
    }

    @Test
    void invalid_utf8_in_the_body_is_400() {
        byte[] body = "{\"title\": \"Dune?\", \"author\": \"x\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        body[14] = (byte) 0xC3; // a lead byte followed by '"', which cannot continue it
        HttpResponse<String> response = api.outOfContract().send(api.request("/books")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertProblem(response, 400, "malformed-json");
    }

    @Test
    void a_missing_content_type_is_415() {
        HttpResponse<String> response = api.outOfContract().send(api.request("/books")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\": \"Dune\", \"author\": \"Frank Herbert\"}")));

        assertProblem(response, 415, "unsupported-media-type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/xml", "application/merge-patch+json",
            "application/json; charset=ISO-8859-1", "application/x-www-form-urlencoded", "application/jsonx"})
    void a_wrong_content_type_is_415(String contentType) {
        HttpResponse<String> response = api.outOfContract().send(api.request("/books").header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\": \"Dune\", \"author\": \"Frank Herbert\"}")));

        assertProblem(response, 415, "unsupported-media-type");
        assertThat(api.repository.size()).isZero();
    }

    @Test
    void a_compressed_body_is_415() {
        HttpResponse<String> response = api.outOfContract().send(api.request("/books")
                .header("Content-Type", "application/json").header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertProblem(response, 415, "unsupported-media-type");
    }

    @Test
    void a_2_mib_body_is_413() {
        byte[] body = new byte[2 * 1024 * 1024];
        Arrays.fill(body, (byte) ' ');
        HttpResponse<String> response = api.outOfContract().send(api.request("/books")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertProblem(response, 413, "payload-too-large");
    }

    @RepeatedTest(5)
    void a_2_mib_body_is_reliably_413_as_the_body_is_drained() {
        byte[] body = new byte[2 * 1024 * 1024];
        Arrays.fill(body, (byte) '{');
        HttpResponse<String> response = api.outOfContract().send(api.request("/books")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertProblem(response, 413, "payload-too-large");
    }

    @Test
    void a_huge_body_announced_with_expect_100_continue_is_refused_before_it_is_sent() {
        // Raw: Java 17's HttpClient waits forever when Expect: 100-continue gets a final answer instead of 100.
        RunningApi.RawResponse response = api.raw("POST /books HTTP/1.1\r\nContent-Type: application/json\r\n"
                + "Expect: 100-continue\r\nContent-Length: 33554432", new byte[0]);

        assertThat(response.status()).isEqualTo(413); // and not "100 Continue" first
        assertThat(json(response.body()).path("type").asText()).isEqualTo("urn:books:problem:payload-too-large");
    }

    @Test
    void a_chunked_body_over_the_limit_is_413_too() {
        StringBuilder chunked = new StringBuilder();
        String chunk = " ".repeat(0x10000);
        for (int i = 0; i < 17; i++) {
            chunked.append("10000\r\n").append(chunk).append("\r\n");
        }
        chunked.append("0\r\n\r\n");

        RunningApi.RawResponse response = api.raw(
                "POST /books HTTP/1.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked",
                chunked.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(json(response.body()).path("type").asText()).isEqualTo("urn:books:problem:payload-too-large");
    }

    @Test
    void a_body_of_exactly_the_limit_is_read() {
        String json = "{\"title\": \"Dune\", \"author\": \"Frank Herbert\"}";
        String padded = json + " ".repeat(HttpSettings.DEFAULT_MAX_REQUEST_BODY_BYTES - json.length());

        assertThat(api.post("/books", padded).statusCode()).isEqualTo(201);
    }

    private static java.util.List<String> fieldNames(JsonNode node) {
        java.util.List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
