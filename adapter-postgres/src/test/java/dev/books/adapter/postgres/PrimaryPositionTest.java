package dev.books.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.books.domain.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The single flight of the primary's position: readers share fetches, but never one that started before they
 * arrived. The "primary" here is a counter that moves on every write, and each fetch returns the counter as it
 * stands when the fetch starts.
 */
class PrimaryPositionTest {

    private static final int READERS = 32;

    private final AtomicLong written = new AtomicLong();
    private final AtomicInteger fetches = new AtomicInteger();

    @Test
    void one_reader_alone_gets_a_fetch_of_its_own() {
        PrimaryPosition position = new PrimaryPosition(() -> new Lsn(written.get()), fetches::incrementAndGet);

        written.set(7);
        assertThat(position.current()).isEqualTo(new Lsn(7));
        written.set(9);
        assertThat(position.current()).isEqualTo(new Lsn(9));

        assertThat(fetches).hasValue(2);
        assertThat(position.latestKnown()).isEqualTo(new Lsn(9));
    }

    @Test
    void concurrent_readers_share_fetches_and_each_sees_every_write_made_before_it_asked() throws Exception {
        PrimaryPosition position = new PrimaryPosition(() -> {
            long now = written.get();
            sleepMillis(5); // a round trip, during which more readers arrive
            return new Lsn(now);
        }, fetches::incrementAndGet);
        ExecutorService pool = Executors.newFixedThreadPool(READERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<long[]>> answers = new ArrayList<>();
            for (int i = 0; i < READERS * 10; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    long writtenBefore = written.incrementAndGet(); // this reader's own write, acknowledged
                    return new long[] {writtenBefore, position.current().value()};
                }));
            }
            start.countDown();
            for (Future<long[]> answer : answers) {
                long[] got = answer.get(30, TimeUnit.SECONDS);
                assertThat(got[1]).as("the position covers the reader's own write").isGreaterThanOrEqualTo(got[0]);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(fetches.get()).as("fetches for %d readers", READERS * 10).isLessThan(READERS * 10 / 2);
    }

    @Test
    void when_the_primary_cannot_be_asked_every_waiting_reader_gets_an_exception_of_its_own() throws Exception {
        CountDownLatch fetching = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        PrimaryPosition position = new PrimaryPosition(() -> {
            fetching.countDown();
            await(release);
            throw new StoreUnavailableException("the database cannot be reached", null);
        }, fetches::incrementAndGet);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<Throwable> leader = pool.submit(() -> failureOf(position));
            fetching.await(5, TimeUnit.SECONDS);
            Future<Throwable> follower = pool.submit(() -> failureOf(position));
            Future<Throwable> another = pool.submit(() -> failureOf(position));
            sleepMillis(50);
            release.countDown();

            Throwable first = leader.get(5, TimeUnit.SECONDS);
            Throwable second = follower.get(5, TimeUnit.SECONDS);
            Throwable third = another.get(5, TimeUnit.SECONDS);
            assertThat(List.of(first, second, third)).allSatisfy(failure ->
                    assertThat(failure).isInstanceOf(StoreUnavailableException.class)
                            .hasMessage("the database cannot be reached"));
            assertThat(second).isNotSameAs(third);
        } finally {
            pool.shutdownNow();
        }
        assertThat(fetches).as("the two that arrived during the first fetch shared the second").hasValue(2);
    }

    @Test
    void after_a_failure_the_next_reader_asks_again() {
        AtomicInteger calls = new AtomicInteger();
        PrimaryPosition position = new PrimaryPosition(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("a bug");
            }
            return new Lsn(3);
        }, fetches::incrementAndGet);

        assertThatThrownBy(position::current).isInstanceOf(IllegalStateException.class)
                .hasRootCauseMessage("a bug");
        assertThat(position.current()).isEqualTo(new Lsn(3));
    }

    private static Throwable failureOf(PrimaryPosition position) {
        try {
            position.current();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
