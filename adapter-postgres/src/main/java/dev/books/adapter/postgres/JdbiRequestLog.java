package dev.books.adapter.postgres;

import dev.books.domain.LoggedRequest;
import dev.books.domain.RequestClaim;
import dev.books.domain.RequestLog;
import dev.books.domain.StoredResponse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * The {@link RequestLog} over PostgreSQL's {@code idempotency_keys} table: one statement per operation, in
 * autocommit, each atomic on its own. Failures are given their domain meaning by {@link SqlFailures}.
 *
 * <p>Package-private: {@link PostgresDatabase} hands it out, on the pool the repository uses.
 */
final class JdbiRequestLog implements RequestLog {

    /** Whether the row held for the key counts as absent when this claim is made: expired, or in flight past its lease. */
    private static final String ABSENT = "(held.expires_at <= EXCLUDED.claimed_at"
            + " OR (held.response IS NULL AND held.lease_until <= EXCLUDED.claimed_at))";

    /**
     * Claims the key in one statement that always returns the row held for it: the new claim when it is stored (an
     * insert, or the replacement of an absent row), otherwise the live row, left as it was. The returned owner tells
     * the two apart. On a live row the update writes the values it read back (a dead tuple per refused claim, which
     * only retries make): the price of needing no second statement, between which and this one the row could vanish.
     * Concurrent claims of one key queue on its row lock, and each decides on the row as the previous one left it.
     */
    static final String CLAIM = """
            INSERT INTO idempotency_keys AS held (scope, idempotency_key, fingerprint, owner, claimed_at, lease_until,
                                                  expires_at, response)
            VALUES (:scope, :key, :fingerprint, :owner, :claimedAt, :leaseUntil, :expiresAt, NULL)
            ON CONFLICT (scope, idempotency_key) DO UPDATE SET
            """ + replacing("fingerprint") + ",\n"
            + replacing("owner") + ",\n"
            + replacing("claimed_at") + ",\n"
            + replacing("lease_until") + ",\n"
            + replacing("expires_at") + ",\n"
            + "    response = CASE WHEN " + ABSENT + " THEN NULL ELSE held.response END\n"
            + "RETURNING owner, fingerprint, response";

    static final String COMPLETE = """
            UPDATE idempotency_keys SET response = :response
            WHERE scope = :scope AND idempotency_key = :key AND owner = :owner AND response IS NULL""";

    static final String RELEASE = """
            DELETE FROM idempotency_keys
            WHERE scope = :scope AND idempotency_key = :key AND owner = :owner AND response IS NULL""";

    /**
     * Oldest first through idempotency_keys_expires_idx; rows another session holds (a claim replacing one) are
     * skipped, and a row such a claim renewed is no longer expired when re-checked. The batch is a materialised CTE,
     * chosen once: as a subquery the planner may rescan it per row of a nested loop, and each rescan skips the rows
     * this statement already deleted and takes the next ones, far past the limit (seen with the statistics of a
     * larger table: a nested loop, 25 rescans, 25 rows deleted for a limit of 10).
     */
    static final String PURGE = """
            WITH expired AS MATERIALIZED (
                SELECT scope, idempotency_key FROM idempotency_keys
                WHERE expires_at <= :now
                ORDER BY expires_at
                LIMIT :max
                FOR UPDATE SKIP LOCKED)
            DELETE FROM idempotency_keys AS k
            USING expired
            WHERE k.scope = expired.scope AND k.idempotency_key = expired.idempotency_key AND k.expires_at <= :now""";

    private final Jdbi jdbi;

    JdbiRequestLog(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<LoggedRequest> claim(RequestClaim claim) {
        return call(handle -> bindClaim(handle.createQuery(CLAIM), claim)
                .bind("fingerprint", claim.fingerprint())
                .bind("claimedAt", utc(claim.claimedAt()))
                .bind("leaseUntil", utc(claim.leaseUntil()))
                .bind("expiresAt", utc(claim.expiresAt()))
                .map((rs, ctx) -> rs.getObject("owner", UUID.class).equals(claim.owner())
                        ? Optional.<LoggedRequest>empty()
                        : Optional.of(held(rs.getString("fingerprint"), rs.getBytes("response"))))
                .one());
    }

    @Override
    public void complete(RequestClaim claim, StoredResponse response) {
        call(handle -> bindClaim(handle.createUpdate(COMPLETE), claim).bind("response", response.bytes()).execute());
    }

    @Override
    public void release(RequestClaim claim) {
        call(handle -> bindClaim(handle.createUpdate(RELEASE), claim).execute());
    }

    @Override
    public int purgeExpired(Instant now, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1 (got " + max + ")");
        }
        return call(handle -> handle.createUpdate(PURGE).bind("now", utc(now)).bind("max", max).execute());
    }

    private static String replacing(String column) {
        return "    " + column + " = CASE WHEN " + ABSENT + " THEN EXCLUDED." + column + " ELSE held." + column + " END";
    }

    private static <S extends SqlStatement<S>> S bindClaim(S statement, RequestClaim claim) {
        return statement
                .bind("scope", claim.key().scope())
                .bind("key", claim.key().value())
                .bind("owner", claim.owner());
    }

    private static LoggedRequest held(String fingerprint, byte[] response) {
        return response == null
                ? LoggedRequest.inFlight(fingerprint)
                : LoggedRequest.completed(fingerprint, new StoredResponse(response));
    }

    /** As {@link BookRow}: {@code OffsetDateTime} in UTC binds as {@code timestamptz} without the JVM's zone. */
    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private <T> T call(HandleCallback<T, RuntimeException> work) {
        return SqlFailures.withHandle(jdbi, work);
    }
}
