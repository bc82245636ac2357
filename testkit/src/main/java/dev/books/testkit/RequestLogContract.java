package dev.books.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.books.domain.IdempotencyKey;
import dev.books.domain.LoggedRequest;
import dev.books.domain.RequestClaim;
import dev.books.domain.RequestLog;
import dev.books.domain.StoredResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link RequestLog} must show. Extend it and return a new, empty log from
 * {@link #emptyLog()}:
 * <pre>{@code
 * class MyRequestLogTest extends RequestLogContract {
 *     @Override
 *     protected RequestLog emptyLog() {
 *         return new MyRequestLog(freshDatabase());
 *     }
 * }
 * }</pre>
 * The suite covers claims and what a held key answers, scopes, expiry, leases and their takeover, that only the
 * attempt that claimed a key completes or releases it, purging, and concurrent claims. Claims are made at the time
 * of {@link #clock}, which moves only when a test moves it.
 */
public abstract class RequestLogContract {

    /** How many threads race in the concurrency tests. */
    protected static final int RACERS = 16;
    protected static final Duration LEASE = Duration.ofSeconds(60);
    protected static final Duration TIME_TO_LIVE = Duration.ofHours(24);
    protected static final String SCOPE = "POST /books";

    protected final MutableClock clock = MutableClock.startingAtNewYear2026();
    protected RequestLog log;

    /** A new log with no keys in it; called before every test. */
    protected abstract RequestLog emptyLog();

    @BeforeEach
    void startEmpty() {
        log = emptyLog();
    }

    // ---------------------------------------------------------------- helpers for this suite and its subclasses

    /** A new attempt's claim in {@link #SCOPE}, made now, with the usual lease and time to live. */
    protected RequestClaim claimOf(String key, String fingerprint) {
        return claimOf(new IdempotencyKey(SCOPE, key), fingerprint, LEASE, TIME_TO_LIVE);
    }

    protected RequestClaim claimOf(IdempotencyKey key, String fingerprint, Duration lease, Duration timeToLive) {
        Instant now = clock.instant();
        return new RequestClaim(key, fingerprint, UUID.randomUUID(), now, now.plus(lease), now.plus(timeToLive));
    }

    /** Claims the key for a new attempt and checks that the claim is granted; returns it. */
    protected RequestClaim claimed(String key, String fingerprint) {
        RequestClaim claim = claimOf(key, fingerprint);
        assertThat(log.claim(claim)).as("claim of %s", key).isEmpty();
        return claim;
    }

    /** What a new attempt at the key would meet: empty when it would be granted (and then it is). */
    protected Optional<LoggedRequest> heldAs(String key, String fingerprint) {
        return log.claim(claimOf(key, fingerprint));
    }

    protected static StoredResponse response(String text) {
        return new StoredResponse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Runs {@code action(i)} for i in 0..{@link #RACERS} on as many threads released at once; returns each result. */
    protected static <T> List<T> race(IntFunction<T> action) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            CountDownLatch ready = new CountDownLatch(RACERS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                int racer = i;
                Callable<T> call = () -> {
                    ready.countDown();
                    go.await();
                    return action.apply(racer);
                };
                futures.add(pool.submit(call));
            }
            ready.await();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                try {
                    results.add(future.get(60, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    throw new AssertionError("a racer failed", e.getCause());
                } catch (TimeoutException e) {
                    throw new AssertionError("a racer did not finish within 60 s", e);
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------------------------------ the suite

    @Nested
    @DisplayName("claims")
    class Claims {

        @Test
        void a_first_claim_is_granted_and_the_next_meets_it_in_flight() {
            claimed("k-1", "fp-1");

            assertThat(heldAs("k-1", "fp-1")).contains(LoggedRequest.inFlight("fp-1"));
            assertThat(heldAs("k-1", "fp-1")).contains(LoggedRequest.inFlight("fp-1"));
        }

        @Test
        void a_completed_request_answers_every_later_claim_with_its_response() {
            RequestClaim claim = claimed("k-1", "fp-1");
            byte[] everyByte = new byte[256];
            for (int i = 0; i < everyByte.length; i++) {
                everyByte[i] = (byte) i;
            }

            log.complete(claim, new StoredResponse(everyByte));

            assertThat(heldAs("k-1", "fp-1")).contains(LoggedRequest.completed("fp-1", new StoredResponse(everyByte)));
            assertThat(heldAs("k-1", "fp-1").orElseThrow().response().orElseThrow().bytes()).isEqualTo(everyByte);
        }

        @Test
        void an_empty_response_is_a_completed_request_not_one_in_flight() {
            log.complete(claimed("k-1", "fp-1"), new StoredResponse(new byte[0]));

            LoggedRequest held = heldAs("k-1", "fp-1").orElseThrow();
            assertThat(held.isCompleted()).isTrue();
            assertThat(held.response().orElseThrow().bytes()).isEmpty();
        }

        @Test
        void the_largest_response_survives_the_round_trip() {
            byte[] largest = new byte[StoredResponse.MAX_BYTES];
            new java.util.Random(7).nextBytes(largest);

            log.complete(claimed("k-1", "fp-1"), new StoredResponse(largest));

            assertThat(heldAs("k-1", "fp-1").orElseThrow().response().orElseThrow().bytes()).isEqualTo(largest);
        }

        @Test
        void a_claim_with_another_fingerprint_meets_the_holders_and_changes_nothing() {
            RequestClaim first = claimed("k-1", "fp-1");

            assertThat(heldAs("k-1", "fp-2")).contains(LoggedRequest.inFlight("fp-1"));

            log.complete(first, response("created"));
            assertThat(heldAs("k-1", "fp-2")).contains(LoggedRequest.completed("fp-1", response("created")));
            assertThat(heldAs("k-1", "fp-1")).contains(LoggedRequest.completed("fp-1", response("created")));
        }

        @Test
        void a_refused_claim_takes_nothing_from_the_holder() {
            RequestClaim holder = claimed("k-1", "fp-1");
            RequestClaim refused = claimOf("k-1", "fp-1");
            assertThat(log.claim(refused)).isPresent();

            log.complete(refused, response("from the refused attempt"));
            assertThat(heldAs("k-1", "fp-1")).contains(LoggedRequest.inFlight("fp-1"));

            log.complete(holder, response("from the holder"));
            assertThat(heldAs("k-1", "fp-1")).contains(LoggedRequest.completed("fp-1", response("from the holder")));
        }
    }

    @Nested
    @DisplayName("scopes")
    class Scopes {

        @Test
        void the_same_key_in_two_scopes_is_two_keys() {
            IdempotencyKey alice = new IdempotencyKey("POST /books alice", "k-1");
            IdempotencyKey bob = new IdempotencyKey("POST /books bob", "k-1");
            RequestClaim alices = claimOf(alice, "fp-a", LEASE, TIME_TO_LIVE);
            RequestClaim bobs = claimOf(bob, "fp-b", LEASE, TIME_TO_LIVE);

            assertThat(log.claim(alices)).isEmpty();
            assertThat(log.claim(bobs)).isEmpty();
            log.complete(alices, response("alice's"));

            assertThat(log.claim(claimOf(alice, "fp-a", LEASE, TIME_TO_LIVE)))
                    .contains(LoggedRequest.completed("fp-a", response("alice's")));
            assertThat(log.claim(claimOf(bob, "fp-b", LEASE, TIME_TO_LIVE))).contains(LoggedRequest.inFlight("fp-b"));
        }

        @Test
        void keys_differing_only_in_case_or_spacing_are_two_keys() {
            claimed("abc", "fp-1");

            assertThat(heldAs("ABC", "fp-2")).isEmpty();
            assertThat(heldAs("abc ", "fp-3")).isEmpty();
            assertThat(heldAs("abc", "fp-4")).contains(LoggedRequest.inFlight("fp-1"));
        }

        @Test
        void scopes_and_keys_are_stored_exactly_whatever_their_characters() {
            IdempotencyKey odd = new IdempotencyKey("POST /books \u00e9l\u00e8ve \ud83d\udcda 'quoted' \\ %_",
                    " \"~`'\\%_* ");
            RequestClaim claim = claimOf(odd, "fp-1", LEASE, TIME_TO_LIVE);
            assertThat(log.claim(claim)).isEmpty();
            log.complete(claim, response("odd"));

            assertThat(log.claim(claimOf(odd, "fp-1", LEASE, TIME_TO_LIVE)))
                    .contains(LoggedRequest.completed("fp-1", response("odd")));
            assertThat(log.claim(claimOf(new IdempotencyKey("POST /books \u00e9l\u00e8ve", " \"~`'\\%_* "),
                    "fp-2", LEASE, TIME_TO_LIVE))).isEmpty();
        }
    }

    @Nested
    @DisplayName("expiry")
    class Expiry {

        @Test
        void a_completed_key_holds_until_its_expiry_and_is_absent_from_then_on() {
            log.complete(claimed("k-1", "fp-1"), response("first"));

            clock.advance(TIME_TO_LIVE.minusMillis(1));
            assertThat(heldAs("k-1", "fp-1")).contains(LoggedRequest.completed("fp-1", response("first")));

            clock.advance(Duration.ofMillis(1));
            assertThat(heldAs("k-1", "fp-2")).as("expired: the new claim is granted").isEmpty();
            assertThat(heldAs("k-1", "fp-1")).contains(LoggedRequest.inFlight("fp-2"));
        }

        @Test
        void a_claim_that_replaces_an_expired_one_brings_its_own_lease_and_expiry() {
            log.complete(claimed("k-1", "fp-1"), response("first"));
            clock.advance(TIME_TO_LIVE);
            RequestClaim second = claimed("k-1", "fp-2");

            clock.advance(LEASE.minusMillis(1));
            assertThat(heldAs("k-1", "fp-2")).contains(LoggedRequest.inFlight("fp-2"));
            log.complete(second, response("second"));

            clock.advance(TIME_TO_LIVE.minus(LEASE));
            assertThat(heldAs("k-1", "fp-2")).contains(LoggedRequest.completed("fp-2", response("second")));
            clock.advance(Duration.ofMillis(1));
            assertThat(heldAs("k-1", "fp-3")).isEmpty();
        }

        @Test
        void a_claim_in_flight_expires_too_even_within_its_lease() {
            RequestClaim shortLived = claimOf(new IdempotencyKey(SCOPE, "k-1"), "fp-1", LEASE, Duration.ofSeconds(30));
            assertThat(log.claim(shortLived)).isEmpty();

            clock.advance(Duration.ofSeconds(30));

            assertThat(heldAs("k-1", "fp-2")).isEmpty();
        }

        @Test
        void the_attempt_whose_key_expired_and_was_claimed_again_cannot_complete_it() {
            RequestClaim old = claimed("k-1", "fp-1");
            clock.advance(TIME_TO_LIVE);
            RequestClaim fresh = claimed("k-1", "fp-1");

            log.complete(old, response("old"));
            assertThat(heldAs("k-1", "fp-1")).contains(LoggedRequest.inFlight("fp-1"));

            log.complete(fresh, response("fresh"));
            assertThat(heldAs("k-1", "fp-1")).contains(LoggedRequest.completed("fp-1", response("fresh")));
        }
    }

    @Nested
    @DisplayName("leases")
    class Leases {

        @Test
        void a_claim_in_flight_holds_until_its_lease_ends_and_is_taken_over_from_then_on() {
            claimed("k-1", "fp-1");

            clock.advance(LEASE.minusMillis(1));
            assertThat(heldAs("k-1", "fp-1")).contains(LoggedRequest.inFlight("fp-1"));

            clock.advance(Duration.ofMillis(1));
            assertThat(heldAs("k-1", "fp-1")).as("the lease is over: taken over").isEmpty();
            assertThat(heldAs("k-1", "fp-1")).as("and the new claim holds").contains(LoggedRequest.inFlight("fp-1"));
        }

        @Test
        void a_completed_request_outlives_its_lease() {
            log.complete(claimed("k-1", "fp-1"), response("done"));

            clock.advance(LEASE.multipliedBy(10));

            assertThat(heldAs("k-1", "fp-1")).contains(LoggedRequest.completed("fp-1", response("done")));
        }

        @Test
        void the_attempt_that_lost_its_lease_can_neither_complete_nor_release_the_new_claim() {
            RequestClaim stale = claimed("k-1", "fp-1");
            clock.advance(LEASE);
            RequestClaim takeover = claimed("k-1", "fp-1");

            log.release(stale);
            assertThat(heldAs("k-1", "fp-1")).as("released by the stale attempt: nothing")
                    .contains(LoggedRequest.inFlight("fp-1"));
            log.complete(stale, response("stale"));
            assertThat(heldAs("k-1", "fp-1")).as("completed by the stale attempt: nothing")
                    .contains(LoggedRequest.inFlight("fp-1"));

            log.complete(takeover, response("takeover"));
            assertThat(heldAs("k-1", "fp-1")).contains(LoggedRequest.completed("fp-1", response("takeover")));
        }

        @Test
        void a_claim_past_its_lease_still_completes_when_nobody_took_it_over() {
            RequestClaim slow = claimed("k-1", "fp-1");
            clock.advance(LEASE.plusSeconds(5));

            log.complete(slow, response("slow but done"));

            assertThat(heldAs("k-1", "fp-1")).contains(LoggedRequest.completed("fp-1", response("slow but done")));
        }
    }

    @Nested
    @DisplayName("complete and release")
    class CompleteAndRelease {

        @Test
        void only_the_attempt_that_claimed_a_key_completes_it() {
            RequestClaim owner = claimed("k-1", "fp-1");
            RequestClaim impostor = new RequestClaim(owner.key(), owner.fingerprint(), UUID.randomUUID(),
                    owner.claimedAt(), owner.leaseUntil(), owner.expiresAt());

            log.complete(impostor, response("impostor"));

            assertThat(heldAs("k-1", "fp-1")).contains(LoggedRequest.inFlight("fp-1"));
        }

        @Test
        void a_completed_response_is_never_replaced() {
            RequestClaim claim = claimed("k-1", "fp-1");
            log.complete(claim, response("first"));

            log.complete(claim, response("second"));

            assertThat(heldAs("k-1", "fp-1")).contains(LoggedRequest.completed("fp-1", response("first")));
        }

        @Test
        void a_released_claim_is_forgotten_so_that_a_retry_runs_again() {
            log.release(claimed("k-1", "fp-1"));

            assertThat(heldAs("k-1", "fp-2")).isEmpty();
        }

        @Test
        void only_the_attempt_that_claimed_a_key_releases_it() {
            RequestClaim owner = claimed("k-1", "fp-1");

            log.release(claimOf("k-1", "fp-1"));

            assertThat(heldAs("k-1", "fp-1")).contains(LoggedRequest.inFlight("fp-1"));
            log.release(owner);
            assertThat(heldAs("k-1", "fp-1")).isEmpty();
        }

        @Test
        void a_completed_request_is_not_released() {
            RequestClaim claim = claimed("k-1", "fp-1");
            log.complete(claim, response("kept"));

            log.release(claim);

            assertThat(heldAs("k-1", "fp-1")).contains(LoggedRequest.completed("fp-1", response("kept")));
        }

        @Test
        void a_released_claim_cannot_complete_afterwards() {
            RequestClaim claim = claimed("k-1", "fp-1");
            log.release(claim);

            log.complete(claim, response("too late"));

            assertThat(heldAs("k-1", "fp-1")).isEmpty();
        }

        @Test
        void completing_or_releasing_a_key_never_claimed_does_nothing() {
            RequestClaim never = claimOf("never", "fp-1");

            log.complete(never, response("ghost"));
            log.release(never);

            assertThat(heldAs("never", "fp-2")).isEmpty();
        }
    }

    @Nested
    @DisplayName("purging")
    class Purging {

        @Test
        void only_expired_keys_are_purged_at_most_max_at_a_time_oldest_first() {
            RequestClaim oldest = claimed("k-0", "fp");
            log.complete(oldest, response("0"));
            clock.advance(Duration.ofMinutes(1));
            claimed("k-1", "fp");
            clock.advance(Duration.ofMinutes(1));
            log.complete(claimed("k-2", "fp"), response("2"));
            clock.advance(Duration.ofMinutes(1));
            log.complete(claimed("k-3", "fp"), response("3"));
            Instant kThreeExpires = clock.instant().plus(TIME_TO_LIVE);
            clock.advance(TIME_TO_LIVE.minusMinutes(1));

            assertThat(log.purgeExpired(clock.instant(), 2)).isEqualTo(2);
            assertThat(heldAs("k-2", "fp-new")).as("expired at this instant, not yet purged: absent anyway").isEmpty();
            assertThat(log.purgeExpired(clock.instant(), 2)).as("k-2 was just claimed again").isZero();
            assertThat(log.purgeExpired(kThreeExpires.minusMillis(1), 10)).isZero();
            assertThat(log.purgeExpired(kThreeExpires, 10)).isEqualTo(1);
            assertThat(heldAs("k-2", "fp")).contains(LoggedRequest.inFlight("fp-new"));
        }

        @Test
        void a_purge_removes_expired_claims_in_flight_but_keeps_those_only_past_their_lease() {
            claimed("expired", "fp");
            clock.advance(TIME_TO_LIVE);
            claimed("lease-over", "fp");
            clock.advance(LEASE);

            assertThat(log.purgeExpired(clock.instant(), 10)).isEqualTo(1);
            assertThat(heldAs("lease-over", "fp-2")).as("absent, though still stored until it expires").isEmpty();
        }

        @Test
        void a_purge_in_batches_removes_everything_expired() {
            IntStream.range(0, 25).forEach(i -> claimed("k-" + i, "fp"));
            clock.advance(TIME_TO_LIVE);

            List<Integer> batches = new ArrayList<>();
            int removed;
            do {
                removed = log.purgeExpired(clock.instant(), 10);
                batches.add(removed);
            } while (removed == 10);

            assertThat(batches).containsExactly(10, 10, 5);
            assertThat(log.purgeExpired(clock.instant(), 10)).isZero();
        }

        @Test
        void a_purge_of_an_empty_log_removes_nothing() {
            assertThat(log.purgeExpired(clock.instant(), 100)).isZero();
        }

        @Test
        void a_purge_needs_room_for_at_least_one_key() {
            assertThatThrownBy(() -> log.purgeExpired(clock.instant(), 0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    @DisplayName("concurrency")
    class Concurrency {

        @Test
        void of_many_concurrent_claims_of_a_key_exactly_one_is_granted() throws InterruptedException {
            List<Optional<LoggedRequest>> outcomes = race(i -> log.claim(claimOf("contested", "fp-" + i)));

            List<Integer> granted = IntStream.range(0, RACERS).filter(i -> outcomes.get(i).isEmpty()).boxed().toList();
            assertThat(granted).hasSize(1);
            String winner = "fp-" + granted.get(0);
            assertThat(outcomes).filteredOn(Optional::isPresent)
                    .hasSize(RACERS - 1)
                    .allSatisfy(outcome -> assertThat(outcome).contains(LoggedRequest.inFlight(winner)));
        }

        @Test
        void of_many_concurrent_takeovers_of_a_lease_that_ended_exactly_one_is_granted() throws InterruptedException {
            claimed("abandoned", "fp");
            clock.advance(LEASE);

            List<Optional<LoggedRequest>> outcomes = race(i -> log.claim(claimOf("abandoned", "fp-" + i)));

            assertThat(outcomes).filteredOn(Optional::isEmpty).hasSize(1);
            assertThat(outcomes).filteredOn(Optional::isPresent).allSatisfy(outcome ->
                    assertThat(outcome.orElseThrow().fingerprint()).isNotEqualTo("fp"));
        }

        @Test
        void concurrent_claims_of_different_keys_are_all_granted() throws InterruptedException {
            List<Optional<LoggedRequest>> outcomes = race(i -> log.claim(claimOf("key-" + i, "fp")));

            assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).isEmpty());
        }

        @Test
        void a_purge_racing_new_claims_of_expired_keys_never_removes_a_new_claim() throws InterruptedException {
            IntStream.range(0, RACERS).forEach(i -> claimed("k-" + i, "old"));
            clock.advance(TIME_TO_LIVE);
            Instant now = clock.instant();

            List<Integer> purged = race(i -> {
                if (i % 2 == 0) {
                    return log.purgeExpired(now, 3);
                }
                for (int k = i - 1; k <= i; k++) {
                    assertThat(log.claim(claimOf("k-" + k, "new"))).isEmpty();
                }
                return 0;
            });

            assertThat(purged.stream().mapToInt(Integer::intValue).sum()).isLessThanOrEqualTo(RACERS);
            IntStream.range(0, RACERS).forEach(i ->
                    assertThat(heldAs("k-" + i, "new")).as("k-%d", i).contains(LoggedRequest.inFlight("new")));
        }
    }
}
