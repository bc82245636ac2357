package dev.books.adapter.postgres;

import dev.books.domain.BookBulkLoader;
import dev.books.domain.BulkLoad;
import dev.books.domain.StoreUnavailableException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.postgresql.util.PSQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link BookBulkLoader} over PostgreSQL. A load is one transaction on a connection of its own (no statement
 * timeout: rebuilding indexes over a million rows takes a while), so it stores everything or nothing. Two ways to
 * load, chosen when it begins (see ADR 0007):
 * <ul>
 *   <li>{@link ExclusiveLoad}, <b>into an empty table</b> (and readers let go within a second): the load takes the
 *       table for itself, drops its indexes, streams the books in with one {@code COPY}, finds duplicates in memory
 *       and rebuilds the indexes before the commit.</li>
 *   <li>{@link SharedLoad}, <b>alongside stored books</b>: indexes stay, the table stays open to readers and
 *       writers, and each batch moves in through a staging table, the unique indexes deciding which rows are
 *       new.</li>
 * </ul>
 * Loads are serialised by a transaction-scoped advisory lock: a second one fails at once rather than deadlock.
 * {@link TransactionalLoad} holds what both share: the transaction, the life cycle, the failure handling.
 */
final class JdbiBookBulkLoader implements BookBulkLoader {

    private static final Logger LOG = LoggerFactory.getLogger(JdbiBookBulkLoader.class);

    /** The advisory lock that admits one load per database at a time ("BookLoad" in ASCII). */
    static final long LOAD_LOCK = 0x426F_6F6B_4C6F_6164L;
    /** How long a load into an empty table waits for readers to let go before it settles for the shared way. */
    static final String EXCLUSIVE_LOCK_WAIT = "1s";

    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final Jdbi jdbi;

    JdbiBookBulkLoader(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public BulkLoad begin() {
        Handle handle = open();
        try {
            handle.begin();
            if (!handle.createQuery("SELECT pg_try_advisory_xact_lock(:key)").bind("key", LOAD_LOCK)
                    .mapTo(Boolean.class).one()) {
                throw new StoreUnavailableException("another bulk load into this catalogue is in progress", null);
            }
            return takeTableIfEmpty(handle) ? ExclusiveLoad.begin(handle) : SharedLoad.begin(handle);
        } catch (RuntimeException e) {
            TransactionalLoad.abandon(handle);
            throw e instanceof JdbiException ? SqlFailures.toDomain(e) : e;
        }
    }

    private Handle open() {
        try {
            return jdbi.open();
        } catch (JdbiException e) {
            throw SqlFailures.toDomain(e);
        }
    }

    /**
     * Takes the table for this load when it is empty and readers let go within a second; otherwise leaves it
     * shared. Emptiness is checked again under the lock, so no book can slip in between.
     */
    private static boolean takeTableIfEmpty(Handle handle) {
        if (!isEmpty(handle)) {
            return false;
        }
        handle.savepoint("take_table");
        try {
            handle.execute("SET LOCAL lock_timeout = '" + EXCLUSIVE_LOCK_WAIT + "'");
            handle.execute("LOCK TABLE books IN ACCESS EXCLUSIVE MODE");
            if (isEmpty(handle)) {
                handle.execute("SET LOCAL lock_timeout TO DEFAULT");
                handle.releaseSavepoint("take_table");
                return true;
            }
        } catch (JdbiException e) {
            if (!isLockTimeout(e)) {
                throw e;
            }
            LOG.info("The empty books table is in use: loading alongside its readers and writers (slower)");
        }
        // Back to before the LOCK: a lock taken in a rolled-back savepoint is released with it.
        handle.rollbackToSavepoint("take_table");
        return false;
    }

    private static boolean isEmpty(Handle handle) {
        return handle.createQuery("SELECT NOT EXISTS (SELECT 1 FROM books)").mapTo(Boolean.class).one();
    }

    private static boolean isLockTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PSQLException psql && LOCK_NOT_AVAILABLE.equals(psql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
