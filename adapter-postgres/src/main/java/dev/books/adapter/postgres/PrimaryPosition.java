package dev.books.adapter.postgres;

import dev.books.domain.StoreUnavailableException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * How far the primary has written: a position that covers every write acknowledged before a reader asked, fetched
 * for many readers at once. A reader needs a position fetched <em>after</em> it arrived, so readers that arrive
 * while a fetch is running wait for the next one, which the first of them starts when the running one ends: however
 * many readers arrive, at most one fetch runs, and each serves everyone who arrived before it started. Under load
 * one tiny statement on the primary ({@link #CURRENT}, no table) serves many reads.
 *
 * <p>The flush position covers every commit acknowledged to a client: with {@code synchronous_commit} on (the
 * default, and anything but {@code off}) a commit is acknowledged only once its record is flushed. It is also as far
 * as a standby can have received. With {@code synchronous_commit = off} only the insert position covers them, and
 * a standby receives it once the WAL writer has flushed it (within {@code wal_writer_delay}, 200 ms by default):
 * until then reads fall back to the primary. Correct, but the replica helps little.
 */
final class PrimaryPosition {

    /**
     * On a primary, how far its log is flushed; but where commits are acknowledged before their flush
     * ({@code synchronous_commit = off}, read from the session, whose defaults the writers' sessions share), how far
     * it is inserted, which such a commit has reached. On a standby (a URL that reaches one by mistake, or a cluster
     * in the middle of a failover), how far it has replayed, which is all it can vouch for.
     */
    static final String CURRENT = "SELECT (CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn()"
            + " WHEN current_setting('synchronous_commit') = 'off' THEN pg_current_wal_insert_lsn()"
            + " ELSE pg_current_wal_flush_lsn() END)::text";

    private final Supplier<Lsn> fetch;
    private final Runnable onFetch;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition roundEnded = lock.newCondition();
    /** The round readers join now: not started yet. Guarded by {@link #lock}. */
    private Round gathering;
    /** Whether a round's fetch is running. Guarded by {@link #lock}. */
    private boolean fetching;
    private final AtomicReference<Lsn> latest = new AtomicReference<>(new Lsn(0));

    /**
     * @param fetch   asks the primary (one statement); throws {@link StoreUnavailableException} when it cannot
     * @param onFetch called before each fetch, for the metrics
     */
    PrimaryPosition(Supplier<Lsn> fetch, Runnable onFetch) {
        this.fetch = fetch;
        this.onFetch = onFetch;
    }

    /**
     * A position fetched after this call began: it covers every write acknowledged before it.
     *
     * @throws StoreUnavailableException when the primary cannot be asked
     */
    Lsn current() {
        Round round;
        lock.lock();
        try {
            if (gathering == null) {
                gathering = new Round();
            }
            round = gathering;
            while (!round.ended) {
                if (!fetching && gathering == round) {
                    lead(round);
                } else {
                    roundEnded.awaitUninterruptibly();
                }
            }
        } finally {
            lock.unlock();
        }
        return round.outcome();
    }

    /** The furthest position any fetch has returned: a lower bound of the primary's, known without asking. */
    Lsn latestKnown() {
        return latest.get();
    }

    /** Runs the round's fetch without the lock; the caller holds it before and after. */
    private void lead(Round round) {
        fetching = true;
        gathering = null;
        Lsn position = null;
        RuntimeException failure = null;
        lock.unlock();
        try {
            onFetch.run();
            position = fetch.get();
            Lsn fetched = position;
            latest.accumulateAndGet(fetched, Lsn::max);
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            lock.lock();
            fetching = false;
            round.end(position, failure);
            roundEnded.signalAll();
        }
    }

    /** One fetch and the readers it serves. Guarded by the lock. */
    private static final class Round {
        private boolean ended;
        private Lsn position;
        private RuntimeException failure;

        void end(Lsn fetched, RuntimeException failed) {
            this.ended = true;
            this.position = fetched;
            // An Error of the fetch propagates from the leader; its followers learn only that there is no answer.
            this.failure = fetched == null && failed == null
                    ? new IllegalStateException("the fetch of the primary's position ended without an answer")
                    : failed;
        }

        /** The position, or for each reader its own exception (one instance is not thrown on many threads). */
        Lsn outcome() {
            if (failure == null) {
                return position;
            }
            if (failure instanceof StoreUnavailableException unavailable) {
                throw new StoreUnavailableException(unavailable.getMessage(), unavailable);
            }
            throw new IllegalStateException("could not ask the primary how far it has written", failure);
        }
    }
}
