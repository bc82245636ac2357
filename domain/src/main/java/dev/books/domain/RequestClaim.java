package dev.books.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One request's claim on an idempotency key, as handed to {@link RequestLog#claim}: who claims it ({@code owner},
 * new for every attempt, so that only this attempt can later complete or release what it claimed), the
 * {@code fingerprint} of the request (the driving adapter's digest of what makes two requests "the same": 1 to
 * {@value #MAX_FINGERPRINT_LENGTH} printable ASCII characters), when, how long the claim holds while the request is
 * in flight ({@code leaseUntil}), and when the key is forgotten ({@code expiresAt}).
 */
public record RequestClaim(
        IdempotencyKey key,
        String fingerprint,
        UUID owner,
        Instant claimedAt,
        Instant leaseUntil,
        Instant expiresAt) {

    public static final int MAX_FINGERPRINT_LENGTH = 256;

    /** @throws IllegalArgumentException for a fingerprint out of bounds, or a lease or expiry not after the claim */
    public RequestClaim {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(claimedAt, "claimedAt");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (fingerprint.isEmpty() || fingerprint.length() > MAX_FINGERPRINT_LENGTH
                || !fingerprint.chars().allMatch(c -> IdempotencyKey.isPrintableAscii((char) c))) {
            throw new IllegalArgumentException("a fingerprint has 1 to " + MAX_FINGERPRINT_LENGTH
                    + " printable ASCII characters");
        }
        if (!leaseUntil.isAfter(claimedAt) || !expiresAt.isAfter(claimedAt)) {
            throw new IllegalArgumentException("a claim's lease and expiry come after the claim");
        }
    }
}
