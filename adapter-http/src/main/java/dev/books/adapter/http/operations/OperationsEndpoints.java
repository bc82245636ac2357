package dev.books.adapter.http.operations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.books.adapter.http.problem.ProblemWriter;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The routes for operators and orchestrators: liveness (the process answers), readiness (it can serve: not
 * shutting down, database answering) and the Prometheus metrics.
 */
final class OperationsEndpoints {

    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String JSON = "application/json";
    private static final byte[] LIVE = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
    private static final ObjectWriter READINESS = JsonMapper.builder().build().writerFor(Readiness.class);
    static final String SHUTTING_DOWN = "Books is shutting down and takes no new work.";

    private final PrometheusMeterRegistry metrics;
    private final ReadinessCheck database;
    private final ShutdownSignal shutdown;
    private final ProblemWriter problems;

    OperationsEndpoints(Operations operations, ProblemWriter problems) {
        this.metrics = operations.metrics();
        this.database = operations.database();
        this.shutdown = operations.shutdown();
        this.problems = problems;
    }

    /** From now on readiness answers 503: called the moment the server starts stopping, at the latest. */
    void shuttingDown() {
        shutdown.raise();
    }

    void live(Context ctx) {
        ctx.header("Cache-Control", "no-store").contentType(JSON).result(LIVE);
    }

    void ready(Context ctx) throws JsonProcessingException {
        boolean stopping = shutdown.isRaised();
        Optional<String> problem = stopping ? Optional.of(SHUTTING_DOWN) : database.notReadyBecause();
        if (problem.isEmpty()) {
            ctx.header("Cache-Control", "no-store").contentType(JSON)
                    .result(READINESS.writeValueAsBytes(new Readiness("UP", checks("UP"))));
            return;
        }
        // While shutting down the database is not asked at all, so its state is not reported.
        problems.notReady(ctx, problem.get(), stopping ? null : checks("DOWN"));
    }

    /** The database first, then what the instance can serve without. */
    private Map<String, String> checks(String databaseState) {
        Map<String, String> checks = new LinkedHashMap<>();
        checks.put("database", databaseState);
        checks.putAll(database.optionalChecks());
        return checks;
    }

    /** The body of a 200 from {@code /health/ready}. */
    record Readiness(String status, Map<String, String> checks) {
    }

    void metrics(Context ctx) {
        ctx.header("Cache-Control", "no-store").contentType(PROMETHEUS_TEXT).result(metrics.scrape());
    }
}
