package dev.books.adapter.http;

import static dev.books.adapter.http.ApiAssertions.assertProblem;
import static dev.books.adapter.http.ApiAssertions.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.books.adapter.http.problem.ProblemTranslation;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorResponsesTest {

    /** What slf4j-simple (which writes to the current System.err) logs while {@code action} runs. */
    private static String capturingStandardError(Runnable action) {
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static final String SOME_ID = "/books/01890a5d-ac96-774b-bcce-b302099a8057";

    @Test
    void an_unknown_route_is_404() {
        try (RunningApi running = RunningApi.start()) {
            RunningApi api = running.outOfContract(); // paths the OpenAPI document does not name
            assertProblem(api.get("/authors"), 404, "not-found");
            assertProblem(api.get("/books/" + "01890a5d-ac96-774b-bcce-b302099a8057/chapters"), 404, "not-found");
            assertProblem(api.post("/", "{}"), 404, "not-found");
        }
    }

    @Test
    void a_wrong_method_on_a_known_route_is_405_with_allow() {
        try (RunningApi running = RunningApi.start()) {
            RunningApi api = running.outOfContract(); // methods the OpenAPI document does not name
            HttpResponse<String> put = api.send(api.request("/books").PUT(HttpRequest.BodyPublishers.ofString("{}")));
            HttpResponse<String> post = api.post(SOME_ID, "{}");
            HttpResponse<String> options =
                    api.send(api.request(SOME_ID).method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

            assertProblem(put, 405, "method-not-allowed");
            assertThat(put.headers().firstValue("Allow")).contains("GET, POST, HEAD");
            assertProblem(post, 405, "method-not-allowed");
            assertThat(post.headers().firstValue("Allow")).contains("GET, PATCH, DELETE, HEAD");
            assertThat(options.statusCode()).isEqualTo(405);
            assertThat(options.headers().firstValue("Allow")).contains("GET, PATCH, DELETE, HEAD");
        }
    }

    @Test
    void an_unavailable_store_is_503_with_retry_after() {
        try (RunningApi api = RunningApi.start()) {
            api.repository.setAvailable(false);

            HttpResponse<String> response = api.get("/books");
            HttpResponse<String> create = api.post("/books", "{\"title\": \"Dune\", \"author\": \"Frank Herbert\"}");

            assertProblem(response, 503, "store-unavailable");
            assertThat(response.headers().firstValue("Retry-After")).contains("7");
            assertThat(response.body()).doesNotContain("in-memory");
            assertProblem(create, 503, "store-unavailable");
        }
    }

    @Test
    void a_bug_is_a_generic_500_without_internals() {
        try (RunningApi api = RunningApi.over(FailingBookRepository.withBug())) {
            for (HttpResponse<String> response : java.util.List.of(
                    api.get(SOME_ID),
                    api.get("/books"),
                    api.post("/books", "{\"title\": \"Dune\", \"author\": \"Frank Herbert\"}"),
                    api.delete(SOME_ID))) {
                JsonNode problem = assertProblem(response, 500, "internal-error");
                assertThat(problem.path("detail").asText()).isEqualTo(ProblemTranslation.INTERNAL_ERROR_DETAIL);
                assertThat(response.body()).doesNotContain("SQL", "postgres", "Exception", "java.", "dev.books",
                        "IllegalState", "select");
            }
        }
    }

    @Test
    void a_bug_is_logged_once_at_error_with_its_stack_trace_and_request_id() {
        try (RunningApi api = RunningApi.over(FailingBookRepository.withBug())) {
            String log = capturingStandardError(() -> api.get(SOME_ID, "X-Request-Id", "trace-me-1"));

            assertThat(log.lines().filter(line -> line.startsWith("ERROR"))).hasSize(1);
            assertThat(log).contains("ERROR", "trace-me-1", "IllegalStateException", "\tat ", "Caused by");
        }
    }

    @Test
    void an_error_thrown_while_serving_is_a_500_problem_too() {
        try (RunningApi api = RunningApi.over(FailingBookRepository.withError())) {
            var response = new java.util.concurrent.atomic.AtomicReference<HttpResponse<String>>();
            String log = capturingStandardError(() -> response.set(api.get(SOME_ID, "X-Request-Id", "trace-me-2")));

            JsonNode problem = assertProblem(response.get(), 500, "internal-error");
            assertThat(problem.path("requestId").asText()).isEqualTo("trace-me-2");
            assertThat(response.get().body()).doesNotContain("invariant", "org.", "Assertion");
            assertThat(log.lines().filter(line -> line.startsWith("ERROR"))).hasSize(1);
            assertThat(log).contains("trace-me-2", "AssertionError");
        }
    }

    @Test
    void a_sane_request_id_is_echoed_everywhere() {
        try (RunningApi api = RunningApi.start()) {
            String id = "client-42.retry:1_A";
            HttpResponse<String> created = api.post("/books", "{\"title\": \"Dune\", \"author\": \"Frank Herbert\"}",
                    "X-Request-Id", id);
            String location = created.headers().firstValue("Location").orElseThrow();

            assertThat(created.headers().firstValue("X-Request-Id")).contains(id);
            assertThat(api.get(location, "X-Request-Id", id, "If-None-Match", "\"1\"").headers()
                    .firstValue("X-Request-Id")).contains(id);
            HttpResponse<String> notFound = api.outOfContract().get("/nowhere", "X-Request-Id", id);
            assertThat(notFound.headers().firstValue("X-Request-Id")).contains(id);
            assertThat(json(notFound).path("requestId").asText()).isEqualTo(id);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "<script>", "ünïcode", "x/y", "a;b"})
    void an_insane_request_id_is_replaced(String id) {
        try (RunningApi api = RunningApi.start()) {
            String echoed = api.get("/books", "X-Request-Id", id).headers().firstValue("X-Request-Id").orElseThrow();

            assertThat(echoed).isNotEqualTo(id).matches("[0-9a-f]{32}");
        }
    }

    @Test
    void a_too_long_request_id_is_replaced() {
        try (RunningApi api = RunningApi.start()) {
            String id = "a".repeat(65);
            assertThat(api.get("/books", "X-Request-Id", id).headers().firstValue("X-Request-Id").orElseThrow())
                    .hasSize(32);
            assertThat(api.get("/books", "X-Request-Id", id.substring(1)).headers().firstValue("X-Request-Id"))
                    .contains(id.substring(1));
        }
    }

    @Test
    void generated_request_ids_differ() {
        try (RunningApi api = RunningApi.start()) {
            assertThat(api.get("/books").headers().firstValue("X-Request-Id"))
                    .isNotEqualTo(api.get("/books").headers().firstValue("X-Request-Id"));
        }
    }

    @Test
    void method_override_headers_are_refused() {
        try (RunningApi api = RunningApi.start()) {
            String location = api.post("/books", "{\"title\": \"Dune\", \"author\": \"Frank Herbert\"}")
                    .headers().firstValue("Location").orElseThrow();

            assertProblem(api.get(location, "X-HTTP-Method-Override", "DELETE"), 400, "bad-request");
            assertThat(api.get(location).statusCode()).isEqualTo(200);
        }
    }
}
