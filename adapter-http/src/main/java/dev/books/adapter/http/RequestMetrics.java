package dev.books.adapter.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
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

    private final MeterRegistry registry;

    RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(String method, String route, int status, long nanos) {
        Timer.builder(NAME)
                .description("HTTP requests served, by method, route template and status class")
                .tag("method", method)
                .tag("route", route)
                .tag("status", statusClass(status))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
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
}
