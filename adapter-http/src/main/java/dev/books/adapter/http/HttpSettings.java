package dev.books.adapter.http;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How the HTTP API behaves where a deployment may choose.
 *
 * @param maxRequestBodyBytes the largest request body accepted (larger ones get 413)
 * @param retryAfterSeconds   what Retry-After tells clients when the store is unavailable (503)
 * @param accessLog           whether to log one line per request (logger {@code dev.books.adapter.http.access})
 * @param clock               the clock the use cases run on; the adapter consults the domain's time-dependent rules
 *                            (the publication year's upper bound) with it when it reports all failing fields at once
 * @param shutdownTimeout     how long stopping the server waits for requests in flight
 * @param limits              the bounds on bodies in flight, their pace, and threads
 */
public record HttpSettings(
        int maxRequestBodyBytes, long retryAfterSeconds, boolean accessLog, Clock clock, Duration shutdownTimeout,
        EdgeLimits limits) {

    /** 1 MiB. */
    public static final int DEFAULT_MAX_REQUEST_BODY_BYTES = 1024 * 1024;
    public static final long DEFAULT_RETRY_AFTER_SECONDS = 5;
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(20);
    /** 1 GiB: bodies are read into memory, and this API's bodies are a few hundred bytes. */
    public static final int MAX_REQUEST_BODY_BYTES_LIMIT = 1 << 30;

    public HttpSettings {
        if (maxRequestBodyBytes < 1 || maxRequestBodyBytes > MAX_REQUEST_BODY_BYTES_LIMIT) {
            throw new IllegalArgumentException("maxRequestBodyBytes must be from 1 to " + MAX_REQUEST_BODY_BYTES_LIMIT
                    + ", was " + maxRequestBodyBytes);
        }
        if (retryAfterSeconds < 0) {
            throw new IllegalArgumentException("retryAfterSeconds must not be negative, was " + retryAfterSeconds);
        }
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        if (shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("shutdownTimeout must not be negative, was " + shutdownTimeout);
        }
        Objects.requireNonNull(limits, "limits");
        if (limits.bodyBytesInFlight() < maxRequestBodyBytes) {
            throw new IllegalArgumentException("limits.bodyBytesInFlight (" + limits.bodyBytesInFlight()
                    + ") must hold at least one body of maxRequestBodyBytes (" + maxRequestBodyBytes + ")");
        }
    }

    /** With the default edge limits. */
    public HttpSettings(int maxRequestBodyBytes, long retryAfterSeconds, boolean accessLog, Clock clock,
                        Duration shutdownTimeout) {
        this(maxRequestBodyBytes, retryAfterSeconds, accessLog, clock, shutdownTimeout, EdgeLimits.defaults());
    }

    /** With the default shutdown timeout. */
    public HttpSettings(int maxRequestBodyBytes, long retryAfterSeconds, boolean accessLog, Clock clock) {
        this(maxRequestBodyBytes, retryAfterSeconds, accessLog, clock, DEFAULT_SHUTDOWN_TIMEOUT);
    }

    /** 1 MiB bodies, Retry-After 5 seconds, access log on, the system clock in UTC, 20 s to finish on stop. */
    public static HttpSettings defaults() {
        return new HttpSettings(DEFAULT_MAX_REQUEST_BODY_BYTES, DEFAULT_RETRY_AFTER_SECONDS, true, Clock.systemUTC());
    }

    public HttpSettings withClock(Clock newClock) {
        return new HttpSettings(maxRequestBodyBytes, retryAfterSeconds, accessLog, newClock, shutdownTimeout, limits);
    }
}
