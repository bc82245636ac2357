package dev.books.adapter.http.security;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token buckets, one per caller (Bucket4j): {@code perMinute} requests a minute, refilled continuously, a burst of a
 * minute's worth at most. Per instance: each instance limits on its own (docs/security.md). The buckets of at most
 * {@link #MAX_CALLERS} callers are kept, the least recently seen forgotten first, so that callers who vary their
 * address cost bounded memory (a forgotten caller starts with a full bucket).
 */
final class RateLimiter {

    static final int MAX_CALLERS = 100_000;
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final String policy;
    private final int perMinute;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_CALLERS;
        }
    };

    /** @param policy the name the {@code RateLimit-Policy} header gives this limit */
    RateLimiter(String policy, int perMinute) {
        this.policy = policy;
        this.perMinute = perMinute;
    }

    /** Takes one request from the caller's bucket: whether it may go on, and what the headers say. */
    Decision take(String caller) {
        ConsumptionProbe probe = bucket(caller).tryConsumeAndReturnRemaining(1);
        long waitSeconds = (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L;
        return new Decision(probe.isConsumed(), probe.getRemainingTokens(), waitSeconds);
    }

    /** Whether the caller has no request left, without taking one. */
    boolean isExhausted(String caller) {
        return bucket(caller).getAvailableTokens() < 1;
    }

    /** {@code RateLimit} (draft-ietf-httpapi-ratelimit-headers) for a decision of this limit. */
    String header(Decision decision) {
        return decision.header(policy);
    }

    /** {@code RateLimit-Policy} (draft-ietf-httpapi-ratelimit-headers): the quota and its window, in seconds. */
    String policyHeader() {
        return "\"" + policy + "\";q=" + perMinute + ";w=" + WINDOW.toSeconds();
    }

    private synchronized Bucket bucket(String caller) {
        return buckets.computeIfAbsent(caller, ignored -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, WINDOW).build())
                .build());
    }

    /**
     * The outcome of taking a request: whether it may go on, what is left, and (when not) how long until it may.
     */
    record Decision(boolean allowed, long remaining, long retryAfterSeconds) {

        /** {@code RateLimit}: what is left of the quota now, and when it is full again at the latest. */
        String header(String policy) {
            return "\"" + policy + "\";r=" + remaining + ";t=" + retryAfterSeconds;
        }
    }
}
