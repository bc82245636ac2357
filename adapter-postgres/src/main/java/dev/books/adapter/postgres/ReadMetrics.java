package dev.books.adapter.postgres;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The read replica's meters: where each read went and why ({@code books_db_reads_total{endpoint,reason}}), where
 * its fence came from ({@code books_db_fences_total{source}}) and how many statements the primary ran for them
 * ({@code books_db_fence_fetches_total}: fences over fetches is how many reads one fetch served), and the replica's
 * state and lag as the probe last saw them ({@code books_db_replica_serving}, {@code books_db_replica_lag_seconds}).
 */
final class ReadMetrics {

    /** Why a read went where it went: the {@code reason} tag. */
    enum Reason {
        /** On the replica, which had replayed the fence. */
        FENCE_REACHED("fence-reached", "replica"),
        /** On the primary: a look-up by id without a token costs the primary as much as its fence would. */
        BY_ID_WITHOUT_TOKEN("by-id-without-token", "primary"),
        /** On the primary: the replica is down, starting up, or not probed yet. */
        REPLICA_DOWN("replica-down", "primary"),
        /** On the primary: the replica trails by more than the maximum lag. */
        REPLICA_LAGGING("replica-lagging", "primary"),
        /** On the primary: the replica had not replayed the fence within the wait. */
        BEHIND_FENCE("behind-fence", "primary"),
        /** On the primary: the read failed on the replica. */
        REPLICA_FAILED("replica-failed", "primary");

        private final String tag;
        private final String endpoint;

        Reason(String tag, String endpoint) {
            this.tag = tag;
            this.endpoint = endpoint;
        }
    }

    private final MeterRegistry registry;
    private final Map<Reason, Counter> reads = new ConcurrentHashMap<>();
    private final Counter fencesFromPrimary;
    private final Counter fencesFromTokens;
    private final Counter fenceFetches;

    ReadMetrics(MeterRegistry registry, ReplicaHealth health) {
        this.registry = registry;
        this.fencesFromPrimary = Counter.builder("books.db.fences").tag("source", "primary")
                .description("Reads on the replica whose fence was asked of the primary").register(registry);
        this.fencesFromTokens = Counter.builder("books.db.fences").tag("source", "token")
                .description("Reads on the replica whose fence was the client's consistency token").register(registry);
        this.fenceFetches = Counter.builder("books.db.fence.fetches")
                .description("Statements run on the primary for fences and tokens (each serves every reader waiting)")
                .register(registry);
        Gauge.builder("books.db.replica.serving", health, h -> h.isServing() ? 1 : 0)
                .description("1 while reads go to the read replica, 0 while they go to the primary")
                .register(registry);
        TimeGauge.builder("books.db.replica.lag", health, TimeUnit.NANOSECONDS, ReplicaHealth::lagNanos)
                .description("How long the write the probe last followed took to become visible on the replica")
                .register(registry);
    }

    void read(Reason reason) {
        reads.computeIfAbsent(reason, r -> Counter.builder("books.db.reads")
                .tag("endpoint", r.endpoint).tag("reason", r.tag)
                .description("Reads that may use the replica, by where they ran and why")
                .register(registry)).increment();
    }

    void fenceFromPrimary() {
        fencesFromPrimary.increment();
    }

    void fenceFromToken() {
        fencesFromTokens.increment();
    }

    void fenceFetched() {
        fenceFetches.increment();
    }
}
