package dev.books.adapter.http.operations;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Objects;

/**
 * What the operational routes need from the process around the API: the registry that {@code /metrics} exposes
 * (request metrics are recorded into it; the caller binds JVM and pool metrics to it as well), the check that
 * {@code /health/ready} runs against the database, and the signal that turns readiness off for a shutdown.
 */
public record Operations(PrometheusMeterRegistry metrics, ReadinessCheck database, ShutdownSignal shutdown) {

    public Operations {
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(shutdown, "shutdown");
    }

    /** A registry of its own and no database to check: for tests and for embedding over an in-memory store. */
    public static Operations standalone() {
        return new Operations(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), ReadinessCheck.ALWAYS,
                new ShutdownSignal());
    }
}
