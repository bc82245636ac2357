package dev.books.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.books.application.Claim;
import dev.books.application.IdempotencyUseCases;
import dev.books.application.PurgeExpiredKeys;
import dev.books.domain.StoreUnavailableException;
import dev.books.testkit.InMemoryRequestLog;
import dev.books.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class ExpiredKeyPurgerTest {

    private final RecordingLogger log = new RecordingLogger();

    /** A purge that answers from a script: a count of keys removed, or a failure. */
    private static final class ScriptedPurge implements PurgeExpiredKeys {

        private final Deque<IntSupplier> script = new ArrayDeque<>();
        private final List<Integer> asked = new ArrayList<>();

        ScriptedPurge then(int removed) {
            script.add(() -> removed);
            return this;
        }

        ScriptedPurge thenFail(RuntimeException failure) {
            script.add(() -> {
                throw failure;
            });
            return this;
        }

        @Override
        public int purge(int max) {
            asked.add(max);
            return script.isEmpty() ? 0 : script.poll().getAsInt();
        }
    }

    @Test
    void a_run_purges_batch_after_batch_until_one_comes_back_short() {
        ScriptedPurge purge = new ScriptedPurge().then(1_000).then(1_000).then(7);
        try (ExpiredKeyPurger purger = new ExpiredKeyPurger(purge, log)) {

            assertThat(purger.purgeNow()).isEqualTo(2_007);
        }

        assertThat(purge.asked).containsExactly(1_000, 1_000, 1_000);
        assertThat(log.at(Level.DEBUG)).singleElement()
                .satisfies(event -> assertThat(event.message()).startsWith("Purged 2007 expired idempotency key(s)"));
    }

    @Test
    void a_run_stops_after_its_most_batches_and_leaves_the_rest_for_the_next() {
        ScriptedPurge purge = new ScriptedPurge();
        for (int i = 0; i < 150; i++) {
            purge.then(ExpiredKeyPurger.BATCH);
        }
        try (ExpiredKeyPurger purger = new ExpiredKeyPurger(purge, log)) {

            assertThat(purger.purgeNow()).isEqualTo(100_000);
            assertThat(purge.asked).hasSize(ExpiredKeyPurger.MOST_BATCHES);
            assertThat(purger.purgeNow()).isEqualTo(50_000);
        }
    }

    @Test
    void an_unavailable_store_is_one_warning_without_a_stack_trace_until_the_purge_works_again() {
        StoreUnavailableException down = new StoreUnavailableException("the database cannot be reached", null);
        ScriptedPurge purge = new ScriptedPurge().then(3).thenFail(down).thenFail(down).thenFail(down).then(5)
                .thenFail(down);
        try (ExpiredKeyPurger purger = new ExpiredKeyPurger(purge, log)) {
            for (int run = 0; run < 6; run++) {
                purger.purgeNow();
            }
        }

        assertThat(log.at(Level.WARN)).hasSize(2).allSatisfy(event -> {
            assertThat(event.message()).isEqualTo("Cannot purge expired idempotency keys: the database cannot be"
                    + " reached (tried again every run, logged again once it works)");
            assertThat(event.throwable()).isNull();
        });
        assertThat(log.at(Level.INFO)).extracting(RecordingLogger.Event::message)
                .containsExactly("Purging expired idempotency keys works again");
        assertThat(log.events()).extracting(RecordingLogger.Event::level).containsExactly(
                Level.DEBUG, Level.WARN, Level.DEBUG, Level.DEBUG, Level.INFO, Level.DEBUG, Level.WARN);
    }

    @Test
    void an_unexpected_failure_is_warned_once_with_its_stack_trace() {
        IllegalStateException bug = new IllegalStateException("a bug");
        ScriptedPurge purge = new ScriptedPurge().thenFail(bug).thenFail(bug);
        try (ExpiredKeyPurger purger = new ExpiredKeyPurger(purge, log)) {
            purger.purgeNow();
            purger.purgeNow();
        }

        assertThat(log.at(Level.WARN)).singleElement().satisfies(event -> assertThat(event.throwable()).isSameAs(bug));
    }

    @Test
    void keys_purged_by_a_failed_run_before_it_failed_are_counted() {
        ScriptedPurge purge = new ScriptedPurge().then(1_000).thenFail(new IllegalStateException("a bug"));
        try (ExpiredKeyPurger purger = new ExpiredKeyPurger(purge, log)) {

            assertThat(purger.purgeNow()).isEqualTo(1_000);
        }
    }

    @Test
    void once_started_it_purges_expired_keys_on_its_own_until_closed() throws InterruptedException {
        MutableClock clock = MutableClock.startingAtNewYear2026();
        InMemoryRequestLog requestLog = new InMemoryRequestLog();
        IdempotencyUseCases idempotency = IdempotencyUseCases.using(requestLog, clock, Duration.ofHours(1));
        ((Claim.Granted) idempotency.idempotentRequests().claim("POST /books", "k-1", "fp")).complete(new byte[1]);
        clock.advance(Duration.ofHours(1));
        AtomicInteger runs = new AtomicInteger();
        PurgeExpiredKeys counted = max -> {
            runs.incrementAndGet();
            return idempotency.purgeExpiredKeys().purge(max);
        };

        ExpiredKeyPurger purger = ExpiredKeyPurger.start(counted, Duration.ofMillis(10), Duration.ofMillis(10));
        try {
            for (int waited = 0; requestLog.size() > 0 && waited < 5_000; waited += 10) {
                Thread.sleep(10);
            }
            assertThat(requestLog.size()).isZero();
        } finally {
            purger.close();
        }

        int runsAtClose = runs.get();
        Thread.sleep(100);
        assertThat(runs.get()).as("no run after close").isEqualTo(runsAtClose);
    }

    @Test
    void the_service_purges_every_ten_minutes_in_batches_of_a_thousand() {
        assertThat(ExpiredKeyPurger.EVERY).isEqualTo(Duration.ofMinutes(10));
        assertThat(ExpiredKeyPurger.BATCH).isEqualTo(1_000);
    }
}
