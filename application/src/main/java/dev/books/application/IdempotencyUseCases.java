package dev.books.application;

import dev.books.domain.RequestLog;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The way in for idempotency keys: hands out {@link IdempotentRequests} (for the driving adapter that runs
 * requests) and {@link PurgeExpiredKeys} (for housekeeping), wired to a {@link RequestLog}, a clock and the time a
 * key is remembered.
 * <pre>{@code
 * IdempotencyUseCases idempotency = IdempotencyUseCases.using(requestLog, Clock.systemUTC(),
 *         IdempotencyUseCases.DEFAULT_TIME_TO_LIVE);
 * Claim claim = idempotency.idempotentRequests().claim("POST /books", key, fingerprint);
 * }</pre>
 * Stateless and thread-safe (a {@link Claim.Granted} belongs to the request that got it).
 */
public final class IdempotencyUseCases {

    /** How long a key is remembered from its first claim unless configured otherwise: a day, as clients expect. */
    public static final Duration DEFAULT_TIME_TO_LIVE = Duration.ofHours(24);

    /**
     * How long a claim holds while its request is in flight; past it, the instance that runs the request is
     * presumed dead and a retry may take the key over. It must outlast any request: a create runs three statements
     * (claim, insert, complete), each bounded by the wait for a connection plus the socket timeout (3 s + 15 s by
     * default, so under a minute together), and shutdown waits at most BOOKS_SHUTDOWN_TIMEOUT (20 s) for requests
     * in flight. Should a request outlive it anyway, a retry runs again and the duplicate-work rule refuses the
     * second create (409): never a second book.
     */
    public static final Duration LEASE = Duration.ofSeconds(60);

    private final IdempotentRequests idempotentRequests;
    private final PurgeExpiredKeys purgeExpiredKeys;

    private IdempotencyUseCases(RequestLog log, Clock clock, Duration timeToLive) {
        this.idempotentRequests = new IdempotentRequestsService(log, clock, timeToLive, LEASE);
        this.purgeExpiredKeys = new PurgeExpiredKeysService(log, clock);
    }

    /**
     * @param timeToLive how long a key is remembered from its first claim; at least {@link #LEASE}
     * @throws IllegalArgumentException when {@code timeToLive} is shorter than {@link #LEASE}
     */
    public static IdempotencyUseCases using(RequestLog log, Clock clock, Duration timeToLive) {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(timeToLive, "timeToLive");
        if (timeToLive.compareTo(LEASE) < 0) {
            throw new IllegalArgumentException("an idempotency key lives at least as long as a lease ("
                    + LEASE.toSeconds() + " s), got " + timeToLive);
        }
        return new IdempotencyUseCases(log, clock, timeToLive);
    }

    public IdempotentRequests idempotentRequests() {
        return idempotentRequests;
    }

    public PurgeExpiredKeys purgeExpiredKeys() {
        return purgeExpiredKeys;
    }
}
