package dev.books.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.books.application.BookUseCases;
import dev.books.application.CreateBookCommand;
import dev.books.domain.Book;
import dev.books.testkit.InMemoryBookRepository;
import dev.books.testkit.MutableClock;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Liveness, readiness and the Prometheus metrics. */
class OperationsEndpointsTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final MutableClock clock = MutableClock.startingAtNewYear2026();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicReference<Optional<String>> databaseProblem = new AtomicReference<>(Optional.empty());
    private final ShutdownSignal shutdown = new ShutdownSignal();
    private BookUseCases useCases;
    private Javalin app;

    @BeforeEach
    void start() {
        useCases = BookUseCases.using(new InMemoryBookRepository(), clock);
        app = HttpApi.create(useCases, HttpSettings.defaults().withClock(clock),
                new Operations(registry, databaseProblem::get, shutdown)).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    @Test
    void liveness_answers_up_while_the_process_runs() throws Exception {
        HttpResponse<String> live = get("/health/live");

        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(live.body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(live.headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void readiness_answers_up_when_the_database_does() throws Exception {
        HttpResponse<String> ready = get("/health/ready");

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("{\"status\":\"UP\",\"checks\":{\"database\":\"UP\"}}");
    }

    @Test
    void readiness_is_a_503_problem_naming_the_reason_when_the_database_does_not_answer() throws Exception {
        databaseProblem.set(Optional.of("The database did not answer within 2000 ms."));

        HttpResponse<String> ready = get("/health/ready");

        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(ready.body()).contains("\"type\":\"urn:books:problem:not-ready\"")
                .contains("did not answer within 2000 ms").contains("\"checks\":{\"database\":\"DOWN\"}")
                .contains("\"requestId\":\"" + ready.headers().firstValue("X-Request-Id").orElseThrow() + "\"");
        assertThat(get("/health/live").statusCode()).as("liveness does not depend on the database").isEqualTo(200);
    }

    @Test
    void readiness_turns_503_once_shutdown_begins_while_the_api_still_serves() throws Exception {
        shutdown.raise();

        HttpResponse<String> ready = get("/health/ready");

        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("shutting down").doesNotContain("checks");
        assertThat(get("/books").statusCode()).isEqualTo(200);
    }

    @Test
    void metrics_count_requests_per_route_template_method_and_status_class() throws Exception {
        Book book = useCases.createBook().create(new CreateBookCommand("Counted", "Meter Reader", null, null, null));
        get("/books/" + book.id());
        get("/books/" + book.id());
        get("/books/0190a5d0-0000-7000-8000-000000000000");
        get("/no/such/route");

        HttpResponse<String> metrics = get("/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
        assertThat(metrics.body())
                .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/books/{id}\",status=\"2xx\"} 2")
                .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/books/{id}\",status=\"4xx\"} 1")
                .contains("http_server_requests_seconds_count{method=\"GET\",route=\"none\",status=\"4xx\"} 1")
                .contains("http_server_requests_seconds_bucket{method=\"GET\",route=\"/books/{id}\",status=\"2xx\",le=")
                .as("never one series per raw path").doesNotContain(book.id().toString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
