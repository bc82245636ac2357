package dev.books.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * The driven port that remembers requests by {@linkplain IdempotencyKey idempotency key}, so that a request retried
 * with the same key runs once: every implementation must pass the {@code RequestLogContract} suite of the testkit.
 *
 * <p>A key is <em>live</em> from its claim until its {@link RequestClaim#expiresAt() expiry}. While its request is in
 * flight, the claim holds only until its {@link RequestClaim#leaseUntil() lease} ends: an instance that died
 * mid-request must not hold the key for a whole day. A key that is not live (never claimed, released, expired, or in
 * flight past its lease) counts as absent, and the next claim replaces whatever is left of it.
 *
 * <p>Each method is one atomic step in the store: of many concurrent claims of an absent key exactly one succeeds,
 * and only the attempt that made a claim ({@link RequestClaim#owner()}) can complete or release it. "Expired" and
 * "past the lease" mean at or after that instant. Every method may throw {@link StoreUnavailableException} when the
 * store cannot be reached or does not answer in time.
 */
public interface RequestLog {

    /**
     * Claims {@code claim.key()} for a request in flight, unless it is live; like {@code Map.putIfAbsent}.
     *
     * @return empty when the claim is stored (the caller holds the key now, until {@code claim.leaseUntil()});
     *         otherwise what the log holds for the live key, which this call leaves as it was
     */
    Optional<LoggedRequest> claim(RequestClaim claim);

    /**
     * Records the response of a request in flight: from now until the key expires, {@link #claim} answers with it.
     * Does nothing unless {@code claim} is still in flight and still the one stored (not completed, released, or
     * replaced by another attempt after its lease ended). A claim may complete after its lease as long as no other
     * attempt has replaced it.
     */
    void complete(RequestClaim claim, StoredResponse response);

    /**
     * Forgets a claim whose request failed, so that a retry runs again. Does nothing unless {@code claim} is still in
     * flight and still the one stored: a completed request is never forgotten before it expires.
     */
    void release(RequestClaim claim);

    /**
     * Removes up to {@code max} keys that expired at or before {@code now}, oldest first; for housekeeping, since an
     * expired key counts as absent anyway.
     *
     * @return how many were removed: fewer than {@code max} means none is left to remove
     * @throws IllegalArgumentException when {@code max} is less than 1
     */
    int purgeExpired(Instant now, int max);
}
