package dev.books.adapter.http;

import dev.books.adapter.http.edge.EdgeLimits;
import dev.books.adapter.http.security.SecuritySettings;
import java.time.Duration;
import java.util.Objects;

/**
 * How the HTTP API behaves where a deployment may choose.
 *
 * @param maxRequestBodyBytes the largest request body accepted (larger ones get 413)
 * @param retryAfterSeconds   what Retry-After tells clients when the store is unavailable (503)
 * @param accessLog           whether to log one line per request (logger {@code dev.books.adapter.http.access})
 * @param shutdownTimeout     how long stopping the server waits for requests in flight
 * @param limits              the bounds on bodies in flight, their pace, and threads
 * @param security            who may do what, and how they say who they are
 */
public record HttpSettings(
        int maxRequestBodyBytes, long retryAfterSeconds, boolean accessLog, Duration shutdownTimeout,
        EdgeLimits limits, SecuritySettings security) {

    /** 1 MiB. */
    public static final int DEFAULT_MAX_REQUEST_BODY_BYTES = 1024 * 1024;
    public static final long DEFAULT_RETRY_AFTER_SECONDS = 5;
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(20);
    /** 1 GiB: a ceiling no deployment should come near; this API's bodies are a few hundred bytes. */
    public static final int MAX_REQUEST_BODY_BYTES_LIMIT = 1 << 30;

    public HttpSettings {
        if (maxRequestBodyBytes < 1 || maxRequestBodyBytes > MAX_REQUEST_BODY_BYTES_LIMIT) {
            throw new IllegalArgumentException("maxRequestBodyBytes must be from 1 to " + MAX_REQUEST_BODY_BYTES_LIMIT
                    + ", was " + maxRequestBodyBytes);
        }
        if (retryAfterSeconds < 0) {
            throw new IllegalArgumentException("retryAfterSeconds must not be negative, was " + retryAfterSeconds);
        }
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        if (shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("shutdownTimeout must not be negative, was " + shutdownTimeout);
        }
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(security, "security");
        if (limits.bodyBytesInFlight() < maxRequestBodyBytes) {
            throw new IllegalArgumentException("limits.bodyBytesInFlight (" + limits.bodyBytesInFlight()
                    + ") must hold at least one body of maxRequestBodyBytes (" + maxRequestBodyBytes + ")");
        }
    }

    /** With the default edge limits and API keys required for writes ({@link SecuritySettings#keysOnly()}). */
    public HttpSettings(int maxRequestBodyBytes, long retryAfterSeconds, boolean accessLog, Duration shutdownTimeout) {
        this(maxRequestBodyBytes, retryAfterSeconds, accessLog, shutdownTimeout, EdgeLimits.defaults(),
                SecuritySettings.keysOnly());
    }

    /** These settings with other security. */
    public HttpSettings withSecurity(SecuritySettings newSecurity) {
        return new HttpSettings(maxRequestBodyBytes, retryAfterSeconds, accessLog, shutdownTimeout, limits,
                newSecurity);
    }

    /**
     * 1 MiB bodies, Retry-After 5 seconds, access log on, 20 s to finish on stop, the default edge limits, API keys
     * required for writes.
     */
    public static HttpSettings defaults() {
        return new HttpSettings(DEFAULT_MAX_REQUEST_BODY_BYTES, DEFAULT_RETRY_AFTER_SECONDS, true,
                DEFAULT_SHUTDOWN_TIMEOUT);
    }
}
