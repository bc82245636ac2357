package dev.books.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.books.adapter.http.operations.Operations;
import dev.books.adapter.http.operations.ReadinessCheck;
import dev.books.adapter.http.operations.ShutdownSignal;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Liveness, readiness and the Prometheus metrics. */
class OperationsEndpointsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicReference<Optional<String>> databaseProblem = new AtomicReference<>(Optional.empty());
    private final ShutdownSignal shutdown = new ShutdownSignal();
    private RunningApi api;

    @BeforeEach
    void start() {
        api = RunningApi.withOperations(new Operations(registry, databaseProblem::get, shutdown));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void liveness_answers_up_while_the_process_runs() {
        HttpResponse<String> live = get("/health/live");

        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(live.body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(live.headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void readiness_answers_up_when_the_database_does() {
        HttpResponse<String> ready = get("/health/ready");

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("{\"status\":\"UP\",\"checks\":{\"database\":\"UP\"}}");
    }

    @Test
    void readiness_is_a_503_problem_naming_the_reason_when_the_database_does_not_answer() {
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
    void readiness_reports_the_read_replica_beside_the_database_and_is_not_decided_by_it() {
        api.close();
        AtomicReference<String> replica = new AtomicReference<>("LAGGING");
        api = RunningApi.withOperations(new Operations(registry, new ReadinessCheck() {
            @Override
            public Optional<String> notReadyBecause() {
                return databaseProblem.get();
            }

            @Override
            public Map<String, String> optionalChecks() {
                return Map.of("readReplica", replica.get());
            }
        }, new ShutdownSignal())); // the first API's stop raised the shared one

        HttpResponse<String> ready = get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("{\"status\":\"UP\",\"checks\":{\"database\":\"UP\",\"readReplica\":\"LAGGING\"}}");

        replica.set("DOWN");
        databaseProblem.set(Optional.of("The database did not answer within 2000 ms."));
        HttpResponse<String> notReady = get("/health/ready");
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(notReady.body()).contains("\"checks\":{\"database\":\"DOWN\",\"readReplica\":\"DOWN\"}");
    }

    @Test
    void readiness_turns_503_once_shutdown_begins_while_the_api_still_serves() {
        shutdown.raise();

        HttpResponse<String> ready = get("/health/ready");

        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("shutting down").doesNotContain("checks");
        assertThat(get("/books").statusCode()).isEqualTo(200);
    }

    @Test
    void metrics_count_requests_per_route_template_method_and_status_class() {
        String location = api.post("/books", "{\"title\": \"Counted\", \"author\": \"Meter Reader\"}")
                .headers().firstValue("Location").orElseThrow();
        String id = location.substring("/books/".length());
        get(location);
        get(location);
        get("/books/0190a5d0-0000-7000-8000-000000000000");
        api.outOfContract().get("/no/such/route");

        HttpResponse<String> metrics = get("/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
        assertThat(metrics.body())
                .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/books/{id}\",status=\"2xx\"} 2")
                .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/books/{id}\",status=\"4xx\"} 1")
                .contains("http_server_requests_seconds_count{method=\"GET\",route=\"none\",status=\"4xx\"} 1")
                .contains("http_server_requests_seconds_bucket{method=\"GET\",route=\"/books/{id}\",status=\"2xx\",le=")
                .as("never one series per raw path").doesNotContain(id);
    }

    @Test
    void requests_with_made_up_methods_share_one_series() throws Exception {
        HttpClient raw = HttpClient.newHttpClient();
        for (String method : new String[] {"BREW", "WHEN", "XYZZY"}) {
            raw.send(HttpRequest.newBuilder(api.uri("/books")).method(method, HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString());
        }

        String metrics = get("/metrics").body();

        // Recorded once the response is written, so the last exchange may not be counted yet: no exact count.
        assertThat(metrics).contains("http_server_requests_seconds_count{method=\"other\",route=\"none\",status=\"4xx\"}")
                .doesNotContain("BREW").doesNotContain("WHEN").doesNotContain("XYZZY");
    }

    private HttpResponse<String> get(String path) {
        return api.get(path);
    }
}
