package dev.books.adapter.http;

import static dev.books.adapter.http.ApiAssertions.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.books.domain.InvalidBookException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The defects an adversarial client found in the fat jar (issue 8), each written as the request that showed it:
 * every one of these failed before the fix.
 */
class HostileTrafficTest {

    private static final String JSON = "Content-Type: application/json";
    private static RunningApi api;

    @BeforeAll
    static void start() {
        api = RunningApi.start();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static int titled(String title) {
        return json(api.get("/books?title=" + title).body()).path("items").size();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/books", "/ws", "/books/01890a5d-ac96-774b-bcce-b302099a8057", "/metrics"})
    void a_websocket_handshake_opens_no_session_and_sets_no_cookie(String path) {
        for (int i = 0; i < 50; i++) {
            RunningApi.RawResponse response = api.raw("GET " + path + " HTTP/1.1\r\nConnection: Upgrade\r\n"
                    + "Upgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13");

            assertThat(response.header("Set-Cookie")).as(response.toString()).isNull();
            assertThat(response.status()).as(response.toString()).isIn(200, 404);
        }
    }

    @Test
    void a_body_naming_a_hundred_thousand_unknown_fields_gets_a_small_422_listing_the_first_twenty() {
        StringBuilder body = new StringBuilder("{\"title\":\"Tree\",\"author\":\"T\"");
        for (int i = 0; i < 100_000; i++) {
            body.append(",\"").append(Integer.toString(i, 36)).append("\":1");
        }
        body.append('}');
        assertThat(body.length()).isLessThan(HttpSettings.DEFAULT_MAX_REQUEST_BODY_BYTES);

        RunningApi.RawResponse response =
                api.raw("POST /books HTTP/1.1\r\n" + JSON, body.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body().length()).as("bytes of the problem").isLessThan(4 * 1024);
        JsonNode problem = json(response.body());
        assertThat(problem.path("errors")).hasSize(InvalidBookException.MAX_LISTED);
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("0");
        assertThat(problem.path("totalErrors").asInt()).isEqualTo(100_000);
        assertThat(titled("Tree")).isZero();
    }

    @Test
    void a_few_unknown_fields_are_all_listed_and_no_total_is_added() {
        RunningApi.RawResponse response = api.raw("POST /books HTTP/1.1\r\n" + JSON,
                "{\"title\":\"Tree\",\"author\":\"T\",\"a\":1,\"b\":[{}]}".getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(422);
        JsonNode problem = json(response.body());
        assertThat(problem.path("errors")).hasSize(2);
        assertThat(problem.has("totalErrors")).isFalse();
    }

    static Stream<String> transferCodings() {
        return Stream.of("Transfer-Encoding: gzip, chunked", "Transfer-Encoding: deflate, chunked",
                "Transfer-Encoding: foo, chunked", "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked",
                "Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked", "Transfer-Encoding: identity, chunked");
    }

    @ParameterizedTest
    @MethodSource("transferCodings")
    void a_transfer_coding_other_than_chunked_alone_is_refused_and_creates_nothing(String codings) {
        String json = "{\"title\":\"Smuggled\",\"author\":\"Someone\"}";
        byte[] chunked = (Integer.toHexString(json.length()) + "\r\n" + json + "\r\n0\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);

        RunningApi.RawResponse response = api.raw("POST /books HTTP/1.1\r\n" + JSON + "\r\n" + codings, chunked);

        // Jetty refuses some of these itself (chunked twice); the rest reach the edge handler.
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(titled("Smuggled")).isZero();
    }

    @Test
    void chunked_alone_is_still_read() {
        String json = "{\"title\":\"Chunked\",\"author\":\"Someone\"}";
        byte[] chunked = (Integer.toHexString(json.length()) + "\r\n" + json + "\r\n0\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);

        RunningApi.RawResponse response =
                api.raw("POST /books HTTP/1.1\r\n" + JSON + "\r\nTransfer-Encoding: chunked", chunked);

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        api.delete(response.header("Location"));
    }

    @Test
    void repeated_if_match_lines_are_one_list() {
        String location = api.post("/books", "{\"title\":\"Tags\",\"author\":\"Lines\"}").headers()
                .firstValue("Location").orElseThrow();
        String patch = "PATCH " + location + " HTTP/1.1\r\nContent-Type: application/merge-patch+json\r\n";
        byte[] change = "{\"category\":\"A\"}".getBytes(StandardCharsets.UTF_8);

        // The book is at version 1: "5" alone does not name it, "5" and "1" together do.
        assertThat(api.raw(patch + "If-Match: \"5\"", change).status()).isEqualTo(412);
        RunningApi.RawResponse both = api.raw(patch + "If-Match: \"5\"\r\nIf-Match: \"1\"", change);
        assertThat(both.status()).as(both.toString()).isEqualTo(200);
        assertThat(both.header("ETag")).isEqualTo("\"2\"");
        api.delete(location);
    }

    @Test
    void repeated_if_none_match_lines_are_one_list() {
        String location = api.post("/books", "{\"title\":\"Tags\",\"author\":\"None match\"}").headers()
                .firstValue("Location").orElseThrow();

        RunningApi.RawResponse response =
                api.raw("GET " + location + " HTTP/1.1\r\nIf-None-Match: \"5\"\r\nIf-None-Match: \"1\"");

        assertThat(response.status()).isEqualTo(304);
        api.delete(location);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health/live", "/health/ready", "/metrics", "/openapi.json", "/openapi.yaml", "/docs"})
    void head_on_an_operations_route_carries_the_headers_of_get(String path) {
        RunningApi.RawResponse get = api.raw("GET " + path + " HTTP/1.1");
        RunningApi.RawResponse head = api.raw("HEAD " + path + " HTTP/1.1");

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Type")).isEqualTo(get.header("Content-Type"));
        assertThat(head.body()).isEmpty();
        if (head.header("Content-Length") != null) {
            assertThat(head.header("Content-Length")).isEqualTo(get.header("Content-Length"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"title=\u00ff\u00fe", "author=\u00c3\u0028", "q=caf\u00e9"})
    void raw_bytes_that_are_not_utf8_in_the_query_are_400_like_their_percent_escapes(String query) {
        RunningApi.RawResponse raw = api.raw("GET /books?" + query + " HTTP/1.1");

        assertThat(raw.status()).as(raw.toString()).isEqualTo(400);
        assertThat(json(raw.body()).path("type").asText()).isEqualTo("urn:books:problem:bad-request");
    }

    @Test
    void raw_utf8_in_the_query_is_read_as_its_percent_escapes_are() {
        api.post("/books", "{\"title\":\"Caf\u00e9\",\"author\":\"Raw\"}");
        String raw = new String("Caf\u00e9".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);

        RunningApi.RawResponse response = api.raw("GET /books?title=" + raw + " HTTP/1.1");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(json(response.body()).path("items")).hasSize(1);
    }

    @Test
    void of_the_webjar_only_the_files_docs_loads_are_served() {
        Matcher folder = Pattern.compile("/webjars/swagger-ui/[^/]+/").matcher(api.get("/docs").body());
        assertThat(folder.find()).isTrue();
        String assets = folder.group();

        for (String file : new String[] {"swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js",
                "favicon-32x32.png"}) {
            assertThat(api.asset(assets + file).statusCode()).as(file).isEqualTo(200);
        }
        for (String stray : new String[] {"index.html", "swagger-initializer.js", "oauth2-redirect.html",
                "index.css", "swagger-ui.js", "", "../"}) {
            RunningApi.RawResponse response = api.raw("GET " + assets + stray + " HTTP/1.1");
            assertThat(response.status()).as(stray).isIn(400, 404);
            assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        }
    }
}
