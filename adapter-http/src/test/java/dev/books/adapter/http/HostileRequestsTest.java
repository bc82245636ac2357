package dev.books.adapter.http;

import static dev.books.adapter.http.ApiAssertions.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests no well-behaved client sends, written byte for byte: whatever they are, the answer is a 4xx problem
 * with a request id and nothing about the server's insides.
 */
class HostileRequestsTest {

    private static final String ID = "01890a5d-ac96-774b-bcce-b302099a8057";
    private static RunningApi api;

    @BeforeAll
    static void start() {
        api = RunningApi.start();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    static Stream<Arguments> oddPaths() {
        return Stream.of(
                odd("GET /books/%00", 400, "bad-request"),
                odd("GET /books/..%2F..%2Fetc%2Fpasswd", 400, "bad-request"),
                odd("GET /books/%2e%2e/%2e%2e/etc/passwd", 400, "bad-request"),
                odd("GET //books", 400, "bad-request"),
                odd("GET /books//" + ID, 400, "bad-request"),
                odd("GET /books/" + "a".repeat(2000), 400, "malformed-id"),
                odd("GET /books/%FF", 400, "bad-request"),
                odd("GET /books/%C3%28", 400, "bad-request"),
                odd("GET /books/%G1", 400, "bad-request"),
                odd("GET /books/%", 400, "bad-request"),
                odd("GET /books/%u0041", 400, "bad-request"),
                odd("GET /books/%0A", 400, "bad-request"),
                odd("GET /books/" + ID + "%20", 400, "malformed-id"),
                odd("GET /books/;jsessionid=1", 400, "malformed-id"),
                odd("GET /books?limit=%FF", 400, "bad-request"),
                odd("GET /books?title=%E2%82", 400, "bad-request"),
                odd("GET /books?title=%00", 400, "invalid-query"),
                odd("GET /books?cursor=%27%20or%201%3D1--", 400, "invalid-query"),
                odd("DELETE /books/%00", 400, "bad-request"),
                odd("GET *", 400, "bad-request"),
                odd("GET /books/\u00ff", 400, "bad-request"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oddPaths")
    void odd_paths_get_a_problem(String requestLine, int status, String code) {
        RunningApi.RawResponse response = api.raw(requestLine + " HTTP/1.1");

        JsonNode problem = assertCleanProblem(response);
        assertThat(response.status()).isEqualTo(status);
        assertThat(problem.path("type").asText()).isEqualTo("urn:books:problem:" + code);
    }

    static Stream<Arguments> badRequests() {
        String json = "Content-Type: application/json";
        return Stream.of(
                bad("POST /books HTTP/1.1\r\n" + json, "{"),
                bad("POST /books HTTP/1.1\r\n" + json, "[]"),
                bad("POST /books HTTP/1.1\r\n" + json, "[".repeat(5000)),
                bad("POST /books HTTP/1.1\r\n" + json, "{\"title\": \"Dune\", \"author\": \"x\", \"publishedYear\": 1"
                        + "0".repeat(2000) + "}"),
                bad("POST /books HTTP/1.1\r\n" + json, "{\"title\": \"x\", \"author\": \"y\", \"publishedYear\": 1e999999}"),
                bad("POST /books HTTP/1.1\r\n" + json, "{\"title\": \"\\ud800\", \"author\": \"\\u0000\"}"),
                bad("POST /books HTTP/1.1\r\n" + json, "{\"" + "k".repeat(100_000) + "\": 1}"),
                bad("POST /books HTTP/1.1\r\n" + json, "{\"title\": \"x\", \"author\": \"y\", \"isbn\": \"" + "9".repeat(500) + "\"}"),
                bad("POST /books HTTP/1.1\r\n" + json, "\u00ef\u00bb\u00bf{\"title\": \"x\"}"),
                bad("POST /books HTTP/1.1\r\nContent-Type: application/json; charset=utf-16", "{}"),
                bad("POST /books HTTP/1.1\r\nContent-Type: text/plain", "{}"),
                bad("POST /books HTTP/1.1", "{}"),
                bad("POST /books HTTP/1.1\r\n" + json + "\r\nContent-Length: abc", ""),
                bad("POST /books HTTP/1.1\r\n" + json + "\r\nTransfer-Encoding: chunked", "zz\r\nbroken"),
                bad("PATCH /books/" + ID + " HTTP/1.1\r\n" + json, "null"),
                bad("PATCH /books/" + ID + " HTTP/1.1\r\n" + json + "\r\nIf-Match: garbage", "{}"),
                bad("GET /books/" + ID + " HTTP/1.1\r\nIf-None-Match: \"unterminated", ""),
                bad("GET /books?limit=abc&limit=-5&q=&cursor=%%% HTTP/1.1", ""),
                bad("GET /books HTTP/1.1\r\nX-HTTP-Method-Override: DELETE", ""),
                bad("GET /books HTTP/2.5", ""),
                bad("GET /books HTTP/1.1\r\nTransfer-Encoding: gzip", ""),
                bad("GET /books HTTP/1.1\r\nX-Huge: " + "x".repeat(20_000), ""),
                bad("GET /books?" + "a".repeat(10_000) + " HTTP/1.1", ""),
                bad("BREW /books HTTP/1.1", ""),
                bad("GARBAGE", ""),
                bad("GET /books/" + ID + " HTTP/1.1\r\nX-Request-Id: \u00ff\u00fe", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void bad_requests_are_never_5xx_always_problems_never_internals(String head, String body) {
        RunningApi.RawResponse response = api.raw(head, body.getBytes(StandardCharsets.ISO_8859_1));

        assertThat(response.status()).as(response.body()).isBetween(400, 499);
        assertCleanProblem(response);
    }

    private static JsonNode assertCleanProblem(RunningApi.RawResponse response) {
        assertThat(response.header("Content-Type")).as(response.toString()).isEqualTo("application/problem+json");
        assertThat(response.header("X-Request-Id")).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception", "at dev.", "java.", "SQL", "org.", "jetty", "Jetty",
                "javalin", "<html");
        JsonNode problem = json(response.body());
        assertThat(problem.path("type").asText()).startsWith("urn:books:problem:");
        assertThat(problem.path("status").asInt()).isEqualTo(response.status());
        assertThat(problem.path("requestId").asText()).isEqualTo(response.header("X-Request-Id"));
        return problem;
    }

    private static Arguments odd(String requestLine, int status, String code) {
        String name = requestLine.length() > 60 ? requestLine.substring(0, 60) + "..." : requestLine;
        return Arguments.of(Named.of(name, requestLine), status, code);
    }

    private static Arguments bad(String head, String body) {
        String firstLine = head.split("\r\n")[0];
        String name = (firstLine.length() > 50 ? firstLine.substring(0, 50) + "..." : firstLine)
                + (head.contains("\r\n") ? " +headers" : "")
                + (body.isEmpty() ? "" : " body=" + (body.length() > 30 ? body.substring(0, 30) + "..." : body));
        return Arguments.of(Named.of(name, head), body);
    }
}
