package dev.books.adapter.http.edge;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds that keep any mix of requests, however hostile, from exhausting the server's memory or threads.
 * docs/reliability.md explains each number.
 *
 * @param bodyBytesInFlight  how many bytes of request bodies may be held in memory at once, all requests together;
 *                           a body that would pass it is answered 503 with Retry-After
 * @param bodyDeadline       how long a request body may take to arrive in full before its connection is closed
 * @param minRequestDataRate the slowest a request body may arrive, in bytes per second, before 408
 * @param maxThreads         the most threads serving requests (bodies are received without one)
 * @param threadIdleTimeout  how long a thread beyond the minimum stays idle before it ends
 * @param connectionIdleTimeout how long a connection may stay silent (between requests, or in the middle of one)
 *                           before it is closed
 */
public record EdgeLimits(
        long bodyBytesInFlight, Duration bodyDeadline, long minRequestDataRate, int maxThreads,
        Duration threadIdleTimeout, Duration connectionIdleTimeout) {

    public static final long DEFAULT_BODY_BYTES_IN_FLIGHT = 64L * 1024 * 1024;
    public static final Duration DEFAULT_BODY_DEADLINE = Duration.ofSeconds(10);
    public static final long DEFAULT_MIN_REQUEST_DATA_RATE = 512;
    public static final int DEFAULT_MAX_THREADS = 100;
    public static final Duration DEFAULT_THREAD_IDLE_TIMEOUT = Duration.ofSeconds(5);
    /** Jetty's default; longer than the usual load balancer's keep-alive, so the balancer closes first. */
    public static final Duration DEFAULT_CONNECTION_IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** Threads kept even when idle: enough for the selectors and acceptors Jetty takes from the same pool. */
    static final int MIN_THREADS = 8;

    public EdgeLimits {
        Objects.requireNonNull(bodyDeadline, "bodyDeadline");
        Objects.requireNonNull(threadIdleTimeout, "threadIdleTimeout");
        Objects.requireNonNull(connectionIdleTimeout, "connectionIdleTimeout");
        if (bodyBytesInFlight < 1) {
            throw new IllegalArgumentException("bodyBytesInFlight must be positive, was " + bodyBytesInFlight);
        }
        requirePositive("bodyDeadline", bodyDeadline);
        if (minRequestDataRate < 0) {
            throw new IllegalArgumentException("minRequestDataRate must not be negative, was " + minRequestDataRate);
        }
        if (maxThreads < MIN_THREADS * 2) {
            throw new IllegalArgumentException("maxThreads must be at least " + MIN_THREADS * 2 + ", was " + maxThreads);
        }
        requirePositive("threadIdleTimeout", threadIdleTimeout);
        requirePositive("connectionIdleTimeout", connectionIdleTimeout);
    }

    /**
     * 64 MiB of bodies in flight, 10 s to send one, at least 512 bytes/s, 100 threads idling out after 5 s, silent
     * connections closed after 30 s.
     */
    public static EdgeLimits defaults() {
        return new EdgeLimits(DEFAULT_BODY_BYTES_IN_FLIGHT, DEFAULT_BODY_DEADLINE, DEFAULT_MIN_REQUEST_DATA_RATE,
                DEFAULT_MAX_THREADS, DEFAULT_THREAD_IDLE_TIMEOUT, DEFAULT_CONNECTION_IDLE_TIMEOUT);
    }

    /** These limits with another body deadline, minimum data rate and connection idle timeout (tests use it). */
    public EdgeLimits withTimings(Duration newBodyDeadline, long newMinRequestDataRate,
                                  Duration newConnectionIdleTimeout) {
        return new EdgeLimits(bodyBytesInFlight, newBodyDeadline, newMinRequestDataRate, maxThreads,
                threadIdleTimeout, newConnectionIdleTimeout);
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
