package dev.books.testkit;

import dev.books.domain.IdempotencyKey;
import dev.books.domain.LoggedRequest;
import dev.books.domain.RequestClaim;
import dev.books.domain.RequestLog;
import dev.books.domain.StoreUnavailableException;
import dev.books.domain.StoredResponse;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link RequestLog} in memory that behaves like the PostgreSQL one: the same liveness rules (expiry, leases), the
 * same ownership checks, atomically (every method holds one lock). Passes {@link RequestLogContract}. For tests and
 * demos; it forgets everything when the JVM stops, and holds at most as many keys as callers claim until purged.
 *
 * <p>{@link #setAvailable(boolean) setAvailable(false)} makes every call fail as an unreachable database would.
 */
public final class InMemoryRequestLog implements RequestLog {

    private final Map<IdempotencyKey, Entry> entries = new HashMap<>();
    private volatile boolean available = true;

    /** While false, every call throws {@link StoreUnavailableException}, as when the database is down. */
    public void setAvailable(boolean available) {
        this.available = available;
    }

    /** How many keys are held, live or not yet purged. */
    public synchronized int size() {
        requireAvailable();
        return entries.size();
    }

    @Override
    public synchronized Optional<LoggedRequest> claim(RequestClaim claim) {
        requireAvailable();
        Entry held = entries.get(claim.key());
        if (held != null && held.isLiveAt(claim.claimedAt())) {
            return Optional.of(held.logged());
        }
        entries.put(claim.key(), new Entry(claim, null));
        return Optional.empty();
    }

    @Override
    public synchronized void complete(RequestClaim claim, StoredResponse response) {
        requireAvailable();
        Entry held = entries.get(claim.key());
        if (held != null && held.isInFlightFor(claim)) {
            entries.put(claim.key(), new Entry(held.claim(), response));
        }
    }

    @Override
    public synchronized void release(RequestClaim claim) {
        requireAvailable();
        Entry held = entries.get(claim.key());
        if (held != null && held.isInFlightFor(claim)) {
            entries.remove(claim.key());
        }
    }

    @Override
    public synchronized int purgeExpired(Instant now, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1 (got " + max + ")");
        }
        requireAvailable();
        List<IdempotencyKey> expired = entries.entrySet().stream()
                .filter(entry -> !entry.getValue().claim().expiresAt().isAfter(now))
                .sorted(Comparator.comparing(entry -> entry.getValue().claim().expiresAt()))
                .limit(max)
                .map(Map.Entry::getKey)
                .toList();
        expired.forEach(entries::remove);
        return expired.size();
    }

    private void requireAvailable() {
        if (!available) {
            throw new StoreUnavailableException("the in-memory store is switched off", null);
        }
    }

    /** A held key: the claim that holds it and, once completed, its response (null while in flight). */
    private record Entry(RequestClaim claim, StoredResponse response) {

        /** Not expired and, while in flight, within its lease. */
        boolean isLiveAt(Instant now) {
            return claim.expiresAt().isAfter(now) && (response != null || claim.leaseUntil().isAfter(now));
        }

        boolean isInFlightFor(RequestClaim attempt) {
            return response == null && claim.owner().equals(attempt.owner());
        }

        LoggedRequest logged() {
            return response == null
                    ? LoggedRequest.inFlight(claim.fingerprint())
                    : LoggedRequest.completed(claim.fingerprint(), response);
        }
    }
}
