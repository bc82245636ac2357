package dev.books.adapter.postgres;

import dev.books.domain.BookBulkLoader;
import dev.books.domain.BulkLoad;
import dev.books.domain.StoreUnavailableException;
import java.time.Duration;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.postgresql.util.PSQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link BookBulkLoader} over PostgreSQL. A load is all or nothing, on connections of its own (no statement
 * timeout: building indexes over a million rows takes a while). Three ways to load, chosen when it begins (ADR 0007,
 * ADR 0018):
 * <ul>
 *   <li>{@link SwapLoad}, <b>into an empty table</b> (and writers let go within a second): readers go on, writers
 *       wait; the books stream into a fresh table whose indexes are built in several sessions at once, and which
 *       is swapped in for the empty one in one short transaction.</li>
 *   <li>{@link ExclusiveLoad}, into an empty table that a fresh one could not stand in for (a view over it, a
 *       trigger… see {@link TableShape}): the load takes the table for itself, drops its indexes, streams the books
 *       in and rebuilds the indexes, one after the other, before the commit.</li>
 *   <li>{@link SharedLoad}, <b>alongside stored books</b>: indexes stay, the table stays open to readers and
 *       writers, and each batch moves in through a staging table, the unique indexes deciding which rows are
 *       new.</li>
 * </ul>
 * Loads are serialised by an advisory lock held by the load's main transaction: a second one fails at once rather
 * than deadlock. {@link TransactionalLoad} holds what they share: the transaction, the life cycle, the failure
 * handling.
 */
final class JdbiBookBulkLoader implements BookBulkLoader {

    private static final Logger LOG = LoggerFactory.getLogger(JdbiBookBulkLoader.class);

    /** The advisory lock that admits one load per database at a time ("BookLoad" in ASCII). */
    static final long LOAD_LOCK = 0x426F_6F6B_4C6F_6164L;
    /** How long a load into an empty table waits for the lock it needs before it settles for the shared way. */
    static final String EXCLUSIVE_LOCK_WAIT = "1s";

    private static final String LOCK_NOT_AVAILABLE = "55P03";

    /** How long a load into an empty catalogue tries to take it exclusively for the swap, by default. */
    static final Duration SWAP_PATIENCE = Duration.ofSeconds(10);

    private final Jdbi jdbi;
    private final Duration swapPatience;

    JdbiBookBulkLoader(Jdbi jdbi) {
        this(jdbi, SWAP_PATIENCE);
    }

    /** @param swapPatience how long {@link SwapLoad} tries to take the table for the swap before it moves rows */
    JdbiBookBulkLoader(Jdbi jdbi, Duration swapPatience) {
        this.jdbi = jdbi;
        this.swapPatience = swapPatience;
    }

    @Override
    public BulkLoad begin() {
        Handle handle = open();
        GinPendingLists pendingLists = GinPendingLists.none();
        SearchDictionary dictionary = SearchDictionary.forLoad(jdbi);
        try {
            handle.begin();
            if (!handle.createQuery("SELECT pg_try_advisory_xact_lock(:key)").bind("key", LOAD_LOCK)
                    .mapTo(Boolean.class).one()) {
                throw new StoreUnavailableException("another bulk load into this catalogue is in progress", null);
            }
            // Looked at in a savepoint rolled back at once: the locks the query took on the table and its indexes
            // go with it, so that the indexes' options can be changed on another connection.
            handle.savepoint("probe");
            boolean empty = isEmpty(handle);
            handle.rollbackToSavepoint("probe");
            GinPendingLists.restoreLeftovers(jdbi);
            if (!empty) {
                pendingLists = GinPendingLists.switchOn(jdbi);
                return SharedLoad.begin(handle, dictionary, jdbi, pendingLists);
            }
            TableShape shape = TableShape.read(handle);
            if (!shape.obstacles().isEmpty()) {
                LOG.info("The books table cannot be swapped for a fresh one ({}): loading into it in place, which "
                        + "locks it for readers too", String.join("; ", shape.obstacles()));
                return takeTableIfEmpty(handle, "ACCESS EXCLUSIVE") ? ExclusiveLoad.begin(handle, dictionary)
                        : SharedLoad.begin(handle, dictionary, jdbi, pendingLists);
            }
            return takeTableIfEmpty(handle, "SHARE") ? SwapLoad.begin(handle, dictionary, jdbi, shape, swapPatience)
                    : SharedLoad.begin(handle, dictionary, jdbi, pendingLists);
        } catch (RuntimeException e) {
            TransactionalLoad.abandon(handle);
            dictionary.close();
            pendingLists.restore(jdbi);
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
     * Locks the table in {@code mode} when it is still empty and the lock comes within a second; otherwise leaves
     * it shared. Emptiness is checked again under the lock, so no book can slip in between.
     */
    private static boolean takeTableIfEmpty(Handle handle, String mode) {
        handle.savepoint("take_table");
        try {
            handle.execute("SET LOCAL lock_timeout = '" + EXCLUSIVE_LOCK_WAIT + "'");
            handle.execute("LOCK TABLE books IN " + mode + " MODE");
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

    static boolean isLockTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PSQLException psql && LOCK_NOT_AVAILABLE.equals(psql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
