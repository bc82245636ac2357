package dev.books.adapter.postgres;

import dev.books.domain.Book;
import dev.books.domain.BookId;
import dev.books.domain.BookPage;
import dev.books.domain.BookQuery;
import dev.books.domain.BookReads;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BookReads} on a read replica, each read seeing every write acknowledged before it began.
 *
 * <p>A read takes a <em>fence</em>: the client's token when it sent one ({@link TokenScope}), otherwise the primary's
 * position fetched after the read arrived ({@link PrimaryPosition}, one fetch for many reads). On a replica
 * connection it asks how far the replica has replayed; if that is at least the fence (or the server is not in
 * recovery: a promoted standby, or {@code preferSecondary} landing on the primary), the read runs next, on the same
 * connection, in a statement whose snapshot is taken after that answer and so holds every write up to the fence.
 * Otherwise it asks again every millisecond for up to {@link ReadReplica#FENCE_WAIT}, when the replica's measured lag
 * fits in that wait, and then gives up: the read runs on the primary.
 *
 * <p>Reads go straight to the primary while the replica is not serving ({@link ReplicaHealth}), and when a read
 * fails on the replica (it is then retried there once, on the primary). A look-up by id without a token also runs
 * on the primary: its fence would cost the primary one statement, as much as the look-up itself (ADR 0015).
 * Every read is counted by where it ran and why ({@link ReadMetrics}).
 */
final class ReplicaBookReads implements BookReads {

    static final String REPLAYED = "SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn()::text AS replayed";

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaBookReads.class);
    private static final long POLL_NANOS = 1_000_000;
    private static final String QUERY_CANCELED = "57014";

    private final JdbiBookRepository primary;
    private final Jdbi replica;
    private final PrimaryPosition position;
    private final TokenScope scope;
    private final ReplicaHealth health;
    private final ReadMetrics metrics;
    private final long fenceWaitNanos;
    /** SQLSTATEs of failed replica reads already logged: each is logged once, then only counted. */
    private final Set<String> failuresLogged = ConcurrentHashMap.newKeySet();

    ReplicaBookReads(JdbiBookRepository primary, Jdbi replica, PrimaryPosition position, TokenScope scope,
            ReplicaHealth health, ReadMetrics metrics, long fenceWaitNanos) {
        this.primary = primary;
        this.replica = replica;
        this.position = position;
        this.scope = scope;
        this.health = health;
        this.metrics = metrics;
        this.fenceWaitNanos = fenceWaitNanos;
    }

    @Override
    public Optional<Book> findById(BookId id) {
        if (scope.current() == null) {
            metrics.read(ReadMetrics.Reason.BY_ID_WITHOUT_TOKEN);
            return primary.findById(id);
        }
        return onReplica(handle -> JdbiBookRepository.findById(handle, id)).orElseGet(() -> primary.findById(id));
    }

    @Override
    public BookPage find(BookQuery query) {
        return onReplica(handle -> JdbiBookRepository.find(handle, query)).orElseGet(() -> primary.find(query));
    }

    /** Once the first book is handed over there is no going back to the primary: a failure then propagates. */
    @Override
    public void forEachBook(Consumer<? super Book> action) {
        Optional<Handle> atFence = replicaAtFence();
        if (atFence.isEmpty()) {
            primary.forEachBook(action);
            return;
        }
        try (Handle handle = atFence.get()) {
            JdbiBookRepository.forEachBook(handle, action);
            metrics.read(ReadMetrics.Reason.FENCE_REACHED);
        } catch (JdbiException e) {
            throw SqlFailures.toDomain(e);
        }
    }

    /** The read's result from the replica, or empty when it must run on the primary (why is counted). */
    private <T> Optional<T> onReplica(HandleCallback<T, RuntimeException> read) {
        Optional<Handle> atFence = replicaAtFence();
        if (atFence.isEmpty()) {
            return Optional.empty();
        }
        try (Handle handle = atFence.get()) {
            T result = read.withHandle(handle);
            metrics.read(ReadMetrics.Reason.FENCE_REACHED);
            return Optional.of(result);
        } catch (JdbiException e) {
            failed(e);
            return Optional.empty();
        }
    }

    /** A replica connection that has replayed the read's fence, or empty when the read must go to the primary. */
    private Optional<Handle> replicaAtFence() {
        ReplicaHealth.State state = health.state();
        if (state != ReplicaHealth.State.SERVING) {
            metrics.read(state == ReplicaHealth.State.LAGGING
                    ? ReadMetrics.Reason.REPLICA_LAGGING : ReadMetrics.Reason.REPLICA_DOWN);
            return Optional.empty();
        }
        Lsn fence = fence();
        Handle handle = null;
        try {
            handle = replica.open();
            if (reached(handle, fence)) {
                return Optional.of(handle);
            }
            metrics.read(ReadMetrics.Reason.BEHIND_FENCE);
        } catch (JdbiException e) {
            failed(e);
        }
        closeQuietly(handle);
        return Optional.empty();
    }

    /**
     * The client's token when it is one the primary has reached; otherwise (no token, or one from beyond anything
     * the primary has written: forged, or from another cluster) the primary's position now.
     */
    private Lsn fence() {
        Lsn token = scope.current();
        if (token != null) {
            if (position.latestKnown().isAtLeast(token)) {
                metrics.fenceFromToken();
                return token;
            }
            Lsn now = position.current();
            if (now.isAtLeast(token)) {
                metrics.fenceFromToken();
                return token;
            }
            metrics.fenceFromPrimary();
            return now;
        }
        metrics.fenceFromPrimary();
        return position.current();
    }

    /** Whether the server behind {@code handle} has replayed {@code fence}, asking again for a bounded while. */
    private boolean reached(Handle handle, Lsn fence) {
        long deadline = System.nanoTime() + (health.lagNanos() <= fenceWaitNanos ? fenceWaitNanos : 0);
        while (true) {
            Replay replay = handle.createQuery(REPLAYED)
                    .map((rs, ctx) -> new Replay(rs.getBoolean("standby"), rs.getString("replayed")))
                    .one();
            if (!replay.standby() || replay.replayed().map(replayed -> replayed.isAtLeast(fence)).orElse(false)) {
                return true;
            }
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /**
     * A read failed on the replica: it will be answered by the primary. A lost connection marks the replica
     * unreachable (until the probe finds it again); anything else is logged once per SQLSTATE, then only counted.
     */
    private void failed(JdbiException failure) {
        metrics.read(ReadMetrics.Reason.REPLICA_FAILED);
        String state = sqlState(failure);
        if (SqlFailures.isUnavailable(failure) && !QUERY_CANCELED.equals(state)) {
            health.unreachable(describe(failure));
        } else if (failuresLogged.add(String.valueOf(state))) {
            LOG.warn("A read failed on the read replica and was answered by the primary ({}); further failures with"
                    + " SQLSTATE {} are only counted (books_db_reads_total{{reason=\"replica-failed\"}})",
                    describe(failure), state);
        }
    }

    static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /** The SQLSTATE and the driver's message: no row values, since the driver is told to leave them out. */
    static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return "SQLSTATE " + sql.getSQLState() + ": " + sql.getMessage();
            }
        }
        return failure.toString();
    }

    private static void closeQuietly(Handle handle) {
        if (handle == null) {
            return;
        }
        try {
            handle.close();
        } catch (JdbiException e) {
            // A broken connection: the pool discards it.
        }
    }

    /** What the replica said of itself: whether it is in recovery, and how far it has replayed. */
    private record Replay(boolean standby, String replayedText) {

        Optional<Lsn> replayed() {
            return Lsn.parse(replayedText);
        }
    }
}
