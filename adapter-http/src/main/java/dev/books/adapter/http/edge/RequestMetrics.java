package dev.books.adapter.http.edge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One timer per (method, route template, status class): {@code http_server_requests_seconds} in Prometheus, a
 * histogram with buckets from 1 ms to 10 s. Tagged by the route's template ({@code /books/{id}}), never by the raw
 * path, so the number of series stays fixed whatever clients send.
 */
final class RequestMetrics {

    static final String NAME = "http.server.requests";
    /** The route tag of requests that matched no route (404s, targets refused at the edge). */
    static final String NO_ROUTE = "none";
    /** Any other token is a valid HTTP method too: counted as one, so clients cannot mint series. */
    private static final Set<String> KNOWN_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT");
    static final String OTHER_METHOD = "other";

    /** Why the edge refused or dropped an exchange that no route answered: a fixed set, so fixed series. */
    static final Set<String> REFUSALS = Set.of("body-too-large", "body-budget", "body-deadline", "timeout",
            "client-abort", "transfer-coding", "bad-message");
    static final String REFUSED = "http.server.refused";

    private final MeterRegistry registry;
    /** The timers already registered, found without building a meter id on every request. */
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> refusals = new ConcurrentHashMap<>();

    RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(String method, String route, int status, long nanos) {
        String knownMethod = KNOWN_METHODS.contains(method) ? method : OTHER_METHOD;
        timers.computeIfAbsent(new TimerKey(knownMethod, route, statusClass(status)), this::register)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Counts an exchange the edge refused or lost before any route: {@code http_server_refused_total{reason}}, for
     * the operator to tell hostile or broken clients from server trouble.
     */
    void refused(String reason) {
        if (!REFUSALS.contains(reason)) {
            throw new IllegalArgumentException("unknown refusal reason " + reason);
        }
        refusals.computeIfAbsent(reason, this::registerRefusal).increment();
    }

    private Counter registerRefusal(String reason) {
        return Counter.builder(REFUSED)
                .description("Requests refused or lost at the edge before any route, by reason")
                .tag("reason", reason)
                .register(registry);
    }

    private Timer register(TimerKey key) {
        return Timer.builder(NAME)
                .description("HTTP requests served, by method, route template and status class")
                .tag("method", key.method())
                .tag("route", key.route())
                .tag("status", key.statusClass())
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
    }

    private static String statusClass(int status) {
        return switch (status / 100) {
            case 1 -> "1xx";
            case 2 -> "2xx";
            case 3 -> "3xx";
            case 4 -> "4xx";
            default -> "5xx";
        };
    }

    /** Methods are the standard ones (or "other") and routes are Javalin's templates (or "none"): few keys. */
    private record TimerKey(String method, String route, String statusClass) {
    }
}
