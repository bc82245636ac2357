package dev.books.adapter.postgres;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether reads may go to the read replica, as its probe and the reads themselves last found it: one log line per
 * change of state (a WARN when reads leave the replica, an INFO when they come back), never one per request.
 */
final class ReplicaHealth {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaHealth.class);

    /** What readiness reports for the replica, and why reads are where they are. */
    enum State {
        /** Not probed yet: reads go to the primary. */
        STARTING("DOWN"),
        /** Reads go to the replica. */
        SERVING("UP"),
        /** It trails the primary by more than the maximum lag: reads go to the primary. */
        LAGGING("LAGGING"),
        /** It cannot be reached, or is starting up: reads go to the primary. */
        UNREACHABLE("DOWN");

        private final String report;

        State(String report) {
            this.report = report;
        }

        /** As {@code /health/ready} says it: UP, LAGGING or DOWN. */
        String report() {
            return report;
        }
    }

    private final long maxLagMillis;
    private final AtomicReference<State> state = new AtomicReference<>(State.STARTING);
    private final AtomicLong lagNanos = new AtomicLong();

    ReplicaHealth(long maxLagMillis) {
        this.maxLagMillis = maxLagMillis;
    }

    State state() {
        return state.get();
    }

    boolean isServing() {
        return state.get() == State.SERVING;
    }

    /** How long the last write the probe followed took to become visible there (or at least, when it lags). */
    long lagNanos() {
        return lagNanos.get();
    }

    /** The probe saw a write become visible there after {@code lag}. */
    void caughtUp(long lag) {
        lagNanos.set(lag);
        if (TimeUnit.NANOSECONDS.toMillis(lag) > maxLagMillis) {
            fellBehind(lag);
        } else if (state.getAndSet(State.SERVING) != State.SERVING) {
            LOG.info("The read replica serves reads (a write became visible there after {} ms)", millis(lag));
        }
    }

    /** The probe waited the maximum lag for a write to become visible there, in vain. */
    void fellBehind(long atLeast) {
        lagNanos.set(atLeast);
        if (state.getAndSet(State.LAGGING) != State.LAGGING) {
            LOG.warn("The read replica trails the primary by more than {} ms (at least {} ms): reads go to the primary"
                    + " until it catches up", maxLagMillis, millis(atLeast));
        }
    }

    /** The replica could not be reached, or refused a connection (starting up, shutting down). */
    void unreachable(String why) {
        if (state.getAndSet(State.UNREACHABLE) != State.UNREACHABLE) {
            LOG.warn("The read replica cannot be used ({}): reads go to the primary until it answers", why);
        }
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
