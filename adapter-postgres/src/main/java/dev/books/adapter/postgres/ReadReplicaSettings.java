package dev.books.adapter.postgres;

import java.time.Duration;
import java.util.Objects;

/**
 * Where reads that need not run on the primary may go: a hot standby, an AlloyDB read pool, or a multi-host URL
 * with {@code targetServerType=preferSecondary}; and how far it may trail the primary before reads leave it.
 *
 * @param connection its URL, credentials, pool size and timeouts (a pool of its own)
 * @param maxLag     how long a write may take to become visible there; beyond it (as the probe measures every
 *                   {@value ReadReplica#PROBE_INTERVAL_MILLIS} ms) reads go to the primary until it catches up
 */
public record ReadReplicaSettings(PostgresSettings connection, Duration maxLag) {

    public static final Duration DEFAULT_MAX_LAG = Duration.ofSeconds(5);

    public ReadReplicaSettings {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(maxLag, "maxLag");
        if (maxLag.isNegative() || maxLag.isZero()) {
            throw new IllegalArgumentException("maxLag must be positive, was " + maxLag);
        }
    }
}
