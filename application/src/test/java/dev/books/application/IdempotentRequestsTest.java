package dev.books.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.books.domain.Book;
import dev.books.domain.DuplicateBookException;
import dev.books.domain.InvalidBookException;
import dev.books.domain.InvalidIdempotencyKeyException;
import dev.books.domain.StoreUnavailableException;
import dev.books.domain.StoredResponse;
import dev.books.testkit.InMemoryBookRepository;
import dev.books.testkit.InMemoryRequestLog;
import dev.books.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdempotentRequestsTest {

    private static final String SCOPE = "POST /books";

    private final MutableClock clock = MutableClock.startingAtNewYear2026();
    private final InMemoryRequestLog log = new InMemoryRequestLog();
    private final IdempotencyUseCases idempotency =
            IdempotencyUseCases.using(log, clock, IdempotencyUseCases.DEFAULT_TIME_TO_LIVE);
    private final IdempotentRequests requests = idempotency.idempotentRequests();

    private Claim claim(String key, String fingerprint) {
        return requests.claim(SCOPE, key, fingerprint);
    }

    private Claim.Granted granted(String key, String fingerprint) {
        Claim claim = claim(key, fingerprint);
        assertThat(claim).isInstanceOf(Claim.Granted.class);
        return (Claim.Granted) claim;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Nested
    class Answers {

        @Test
        void a_new_key_is_granted_and_a_retry_meanwhile_is_in_progress() {
            granted("k-1", "fp-1");

            assertThat(claim("k-1", "fp-1")).isEqualTo(new Claim.InProgress());
        }

        @Test
        void a_retry_after_completion_replays_the_response() {
            granted("k-1", "fp-1").complete(bytes("201 created"));

            assertThat(claim("k-1", "fp-1")).isEqualTo(new Claim.Replay(bytes("201 created")));
        }

        @Test
        void another_request_under_the_same_key_is_a_mismatch_whether_the_first_runs_or_is_done() {
            Claim.Granted first = granted("k-1", "fp-1");
            assertThat(claim("k-1", "fp-2")).isEqualTo(new Claim.Mismatch());

            first.complete(bytes("201 created"));
            assertThat(claim("k-1", "fp-2")).isEqualTo(new Claim.Mismatch());
        }

        @Test
        void a_released_key_is_granted_again() {
            granted("k-1", "fp-1").release();

            assertThat(claim("k-1", "fp-2")).isInstanceOf(Claim.Granted.class);
        }

        @Test
        void scopes_keep_keys_apart() {
            granted("k-1", "fp-1").complete(bytes("alice's"));

            assertThat(requests.claim("POST /books bob", "k-1", "fp-1")).isInstanceOf(Claim.Granted.class);
        }

        @Test
        void a_replay_hands_out_copies() {
            byte[] response = bytes("201 created");
            granted("k-1", "fp-1").complete(response);
            response[0] = 'X';

            Claim.Replay replay = (Claim.Replay) claim("k-1", "fp-1");
            replay.response()[0] = 'Y';

            assertThat(replay.response()).isEqualTo(bytes("201 created"));
            assertThat(claim("k-1", "fp-1")).isEqualTo(new Claim.Replay(bytes("201 created")));
            assertThat(replay).hasToString("Replay[11 bytes]");
        }
    }

    @Nested
    class Time {

        @Test
        void a_key_is_remembered_for_its_time_to_live_from_its_first_claim() {
            granted("k-1", "fp-1").complete(bytes("first"));

            clock.advance(Duration.ofHours(24).minusMillis(1));
            assertThat(claim("k-1", "fp-2")).isEqualTo(new Claim.Mismatch());

            clock.advance(Duration.ofMillis(1));
            assertThat(claim("k-1", "fp-2")).isInstanceOf(Claim.Granted.class);
        }

        @Test
        void the_time_to_live_is_the_configured_one() {
            IdempotentRequests shortMemory = IdempotencyUseCases.using(log, clock, Duration.ofMinutes(5))
                    .idempotentRequests();
            ((Claim.Granted) shortMemory.claim(SCOPE, "k-1", "fp-1")).complete(bytes("first"));

            clock.advance(Duration.ofMinutes(5));

            assertThat(shortMemory.claim(SCOPE, "k-1", "fp-1")).isInstanceOf(Claim.Granted.class);
        }

        @Test
        void a_request_abandoned_in_flight_holds_its_key_for_the_lease_then_a_retry_takes_over() {
            Claim.Granted abandoned = granted("k-1", "fp-1");

            clock.advance(IdempotencyUseCases.LEASE.minusMillis(1));
            assertThat(claim("k-1", "fp-1")).isEqualTo(new Claim.InProgress());

            clock.advance(Duration.ofMillis(1));
            Claim.Granted takeover = granted("k-1", "fp-1");

            abandoned.complete(bytes("late"));
            assertThat(claim("k-1", "fp-1")).as("the late completion changed nothing")
                    .isEqualTo(new Claim.InProgress());
            takeover.complete(bytes("takeover"));
            assertThat(claim("k-1", "fp-1")).isEqualTo(new Claim.Replay(bytes("takeover")));
        }

        @Test
        void a_lease_is_a_minute() {
            assertThat(IdempotencyUseCases.LEASE).isEqualTo(Duration.ofSeconds(60));
            assertThat(IdempotencyUseCases.DEFAULT_TIME_TO_LIVE).isEqualTo(Duration.ofHours(24));
        }

        @Test
        void a_time_to_live_shorter_than_a_lease_is_refused() {
            assertThatThrownBy(() -> IdempotencyUseCases.using(log, clock, Duration.ofSeconds(59)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(IdempotencyUseCases.using(log, clock, Duration.ofSeconds(60))).isNotNull();
        }

        @Test
        void expired_keys_are_purged_by_the_clock_of_the_use_cases() {
            granted("k-1", "fp").complete(bytes("1"));
            granted("k-2", "fp");
            clock.advance(Duration.ofHours(1));
            granted("k-3", "fp");
            clock.advance(Duration.ofHours(23));

            assertThat(idempotency.purgeExpiredKeys().purge(100)).isEqualTo(2);
            assertThat(log.size()).isEqualTo(1);
        }
    }

    @Nested
    class TheGrantedHandle {

        @Test
        void completes_or_releases_once() {
            Claim.Granted completed = granted("k-1", "fp");
            completed.complete(bytes("done"));
            assertThatThrownBy(() -> completed.complete(bytes("again"))).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(completed::release).isInstanceOf(IllegalStateException.class);

            Claim.Granted released = granted("k-2", "fp");
            released.release();
            assertThatThrownBy(released::release).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> released.complete(bytes("late"))).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void a_response_too_large_to_keep_is_refused_and_the_claim_can_still_be_released() {
            Claim.Granted claim = granted("k-1", "fp");

            assertThatThrownBy(() -> claim.complete(new byte[StoredResponse.MAX_BYTES + 1]))
                    .isInstanceOf(IllegalArgumentException.class);
            claim.release();

            assertThat(claim("k-1", "fp")).isInstanceOf(Claim.Granted.class);
        }

        @Test
        void a_completion_that_failed_on_the_store_can_be_tried_again() {
            Claim.Granted claim = granted("k-1", "fp");
            log.setAvailable(false);
            assertThatThrownBy(() -> claim.complete(bytes("done"))).isInstanceOf(StoreUnavailableException.class);

            log.setAvailable(true);
            claim.complete(bytes("done"));

            assertThat(claim("k-1", "fp")).isEqualTo(new Claim.Replay(bytes("done")));
        }

        @Test
        void a_claim_on_a_store_that_cannot_be_reached_fails_as_the_store_does() {
            log.setAvailable(false);

            assertThatThrownBy(() -> claim("k-1", "fp")).isExactlyInstanceOf(StoreUnavailableException.class);
        }
    }

    @Nested
    class Keys {

        @ParameterizedTest(name = "[{0}]")
        @ValueSource(strings = {"", "caf\u00e9", "tab\t", "line\n"})
        void a_key_that_is_not_1_to_255_printable_ascii_characters_is_the_clients_error(String key) {
            assertThatThrownBy(() -> claim(key, "fp"))
                    .isInstanceOfSatisfying(InvalidIdempotencyKeyException.class,
                            e -> assertThat(e.code()).isEqualTo("invalid-idempotency-key"));
        }

        @Test
        void the_longest_key_is_255_characters() {
            assertThat(claim("k".repeat(255), "fp")).isInstanceOf(Claim.Granted.class);
            assertThatThrownBy(() -> claim("k".repeat(256), "fp"))
                    .isInstanceOfSatisfying(InvalidIdempotencyKeyException.class,
                            e -> assertThat(e.reason()).isEqualTo("must be at most 255 characters (got 256)"));
        }

        @Test
        void an_invalid_key_claims_nothing() {
            assertThatThrownBy(() -> claim("caf\u00e9", "fp")).isInstanceOf(InvalidIdempotencyKeyException.class);

            assertThat(log.size()).isZero();
        }

        @Test
        void a_bad_scope_or_fingerprint_is_the_adapters_bug_not_the_clients_error() {
            assertThatThrownBy(() -> requests.claim("", "k-1", "fp"))
                    .isExactlyInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> claim("k-1", "f".repeat(257)))
                    .isExactlyInstanceOf(IllegalArgumentException.class);
        }
    }

    /** How a create behaves when a driving adapter puts it behind a key, as ADR 0010 describes. */
    @Nested
    class BehindACreate {

        private final InMemoryBookRepository repository = new InMemoryBookRepository();
        private final CreateBook createBook = BookUseCases.using(repository, clock).createBook();
        private final CreateBookCommand dune = new CreateBookCommand("Dune", "Frank Herbert", null, null, 1965);

        /** What an adapter does: claim, run, keep the response on success, release on failure. */
        private Claim createOnce(String key, CreateBookCommand command, Supplier<String> fingerprint) {
            Claim claim = claim(key, fingerprint.get());
            if (claim instanceof Claim.Granted granted) {
                Book book;
                try {
                    book = createBook.create(command);
                } catch (RuntimeException e) {
                    granted.release();
                    throw e;
                }
                granted.complete(bytes("201 " + book.id()));
            }
            return claim;
        }

        @Test
        void a_retried_create_replays_the_first_response_and_stores_one_book() {
            Claim first = createOnce("k-1", dune, () -> "fp-dune");
            Claim retry = createOnce("k-1", dune, () -> "fp-dune");

            assertThat(first).isInstanceOf(Claim.Granted.class);
            assertThat(retry).isInstanceOf(Claim.Replay.class);
            assertThat(repository.size()).isEqualTo(1);
        }

        @Test
        void a_refused_create_is_not_kept_so_its_retry_runs_again_and_is_refused_again() {
            CreateBookCommand invalid = new CreateBookCommand("", "Frank Herbert", null, null, 1965);

            assertThatThrownBy(() -> createOnce("k-1", invalid, () -> "fp-invalid"))
                    .isInstanceOf(InvalidBookException.class);
            assertThatThrownBy(() -> createOnce("k-1", invalid, () -> "fp-invalid"))
                    .isInstanceOf(InvalidBookException.class);
            assertThat(repository.size()).isZero();
        }

        @Test
        void a_create_that_died_after_its_commit_answers_its_retry_with_a_duplicate_not_a_second_book() {
            granted("k-1", "fp-dune");
            createBook.create(dune);
            // The instance dies here: the claim is never completed nor released.
            clock.advance(IdempotencyUseCases.LEASE);

            assertThatThrownBy(() -> createOnce("k-1", dune, () -> "fp-dune"))
                    .isInstanceOf(DuplicateBookException.class);
            assertThat(repository.size()).isEqualTo(1);
            assertThat(claim("k-1", "fp-dune")).as("the failed retry released its claim")
                    .isInstanceOf(Claim.Granted.class);
        }
    }
}
