package dev.books.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.books.domain.IdempotencyKey;
import dev.books.domain.LoggedRequest;
import dev.books.domain.RequestClaim;
import dev.books.domain.RequestLog;
import dev.books.testkit.RequestLogContract;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The request-log contract against real PostgreSQL, plus what only a real database can get wrong. The pool has a
 * connection per racer, so the concurrency tests race in the database rather than queue for connections.
 */
class JdbiRequestLogTest extends RequestLogContract {

    private static MigratedTestDatabase testDatabase;
    private static PostgresDatabase database;
    private static Jdbi jdbi;

    @BeforeAll
    static void createDatabase() {
        testDatabase = MigratedTestDatabase.create(RACERS);
        database = testDatabase.database();
        jdbi = testDatabase.jdbi();
    }

    @AfterAll
    static void dropDatabase() {
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    @Override
    protected RequestLog emptyLog() {
        jdbi.useHandle(handle -> handle.execute("TRUNCATE idempotency_keys"));
        return database.requestLog();
    }

    @Test
    void a_claim_stores_the_row_as_the_migration_describes_it() {
        RequestClaim claim = claimed("k-1", "fp-1");

        Map<String, Object> row = jdbi.withHandle(handle -> handle.createQuery(
                "SELECT scope, idempotency_key, fingerprint, owner, claimed_at, lease_until, expires_at, response"
                        + " FROM idempotency_keys").mapToMap().one());

        assertThat(row).containsEntry("scope", SCOPE).containsEntry("idempotency_key", "k-1")
                .containsEntry("fingerprint", "fp-1").containsEntry("owner", claim.owner())
                .containsEntry("response", null);
        assertThat(instant(row.get("lease_until"))).isEqualTo(claim.leaseUntil());
        assertThat(instant(row.get("expires_at"))).isEqualTo(claim.expiresAt());
    }

    @Test
    void a_refused_claim_leaves_the_held_row_as_it_was() {
        RequestClaim holder = claimed("k-1", "fp-1");
        List<Map<String, Object>> before = rows();

        clock.advance(Duration.ofSeconds(30));
        assertThat(heldAs("k-1", "fp-2")).contains(LoggedRequest.inFlight("fp-1"));

        assertThat(rows()).isEqualTo(before);
        assertThat(holder.owner()).isEqualTo(rows().get(0).get("owner"));
    }

    @Test
    void a_purge_reads_the_expiry_index_oldest_first() {
        fillAndAnalyse(20_000);
        Instant fewExpired = clock.instant().plus(TIME_TO_LIVE).plusSeconds(50);

        String plan = jdbi.withHandle(handle -> String.join("\n", handle.createQuery("EXPLAIN "
                        + JdbiRequestLog.PURGE).bind("now", fewExpired.atOffset(ZoneOffset.UTC)).bind("max", 1000)
                .mapTo(String.class).list()));

        assertThat(plan).contains("idempotency_keys_expires_idx");
        assertThat(database.requestLog().purgeExpired(fewExpired, 1000)).isEqualTo(51);
        assertThat(heldAs("k-50", "fp-new")).as("purged").isEmpty();
        assertThat(heldAs("k-51", "fp-new")).as("kept: expires a second later")
                .contains(LoggedRequest.completed("fp", response("\u0000")));
    }

    /** Stale statistics of a large table once led the planner to rescan the batch per row and purge them all. */
    @Test
    void a_purge_removes_no_more_than_its_batch_whatever_the_statistics_say() {
        fillAndAnalyse(20_000);
        jdbi.useHandle(handle -> handle.execute("TRUNCATE idempotency_keys"));
        for (int i = 0; i < 25; i++) {
            claimed("k-" + i, "fp");
        }
        clock.advance(TIME_TO_LIVE);

        assertThat(database.requestLog().purgeExpired(clock.instant(), 10)).isEqualTo(10);
        assertThat(database.requestLog().purgeExpired(clock.instant(), 10)).isEqualTo(10);
        assertThat(database.requestLog().purgeExpired(clock.instant(), 10)).isEqualTo(5);
    }

    @Test
    void instants_keep_their_microseconds() {
        clock.set(Instant.parse("2026-03-01T10:15:30.123456Z"));
        RequestClaim claim = claimOf(new IdempotencyKey(SCOPE, "precise"), "fp", Duration.ofNanos(1_000),
                Duration.ofHours(1));
        assertThat(database.requestLog().claim(claim)).isEmpty();

        assertThat(heldAs("precise", "fp")).as("a microsecond short of the lease").isPresent();
        clock.advance(Duration.ofNanos(1_000));
        assertThat(heldAs("precise", "fp")).as("the lease is over").isEmpty();
    }

    /** Completed keys claimed a second apart from now on, and fresh statistics about them. */
    private void fillAndAnalyse(int keys) {
        Instant start = clock.instant();
        jdbi.useHandle(handle -> {
            PreparedBatch batch = handle.prepareBatch("INSERT INTO idempotency_keys (scope, idempotency_key,"
                    + " fingerprint, owner, claimed_at, lease_until, expires_at, response)"
                    + " VALUES (:scope, :key, 'fp', :owner, :claimedAt, :leaseUntil, :expiresAt, '\\x00')");
            for (int i = 0; i < keys; i++) {
                Instant claimedAt = start.plusSeconds(i);
                batch.bind("scope", SCOPE).bind("key", "k-" + i).bind("owner", UUID.randomUUID())
                        .bind("claimedAt", claimedAt.atOffset(ZoneOffset.UTC))
                        .bind("leaseUntil", claimedAt.plus(LEASE).atOffset(ZoneOffset.UTC))
                        .bind("expiresAt", claimedAt.plus(TIME_TO_LIVE).atOffset(ZoneOffset.UTC))
                        .add();
            }
            batch.execute();
            handle.execute("ANALYZE idempotency_keys");
        });
    }

    private static List<Map<String, Object>> rows() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM idempotency_keys ORDER BY idempotency_key")
                .mapToMap().list());
    }

    private static Instant instant(Object timestamp) {
        return ((java.sql.Timestamp) timestamp).toInstant();
    }
}
