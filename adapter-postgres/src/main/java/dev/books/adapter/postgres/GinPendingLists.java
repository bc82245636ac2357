package dev.books.adapter.postgres;

import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GIN's pending list, switched on for the GIN indexes (the search words, ADR 0016) while a load alongside stored
 * books runs ({@link SharedLoad}, ADR 0018). With {@code fastupdate = off} (ADR 0008) every row's keys go into the index trees one by one, the
 * larger part of such a load's cost; with the pending list they are appended, then merged in bulk (when the list
 * passes {@value #PENDING_LIST_KB} kB, and once more before the commit). Changing the option takes the index
 * exclusively, which a load must not hold for its duration (readers would wait), so it is switched in short
 * transactions of its own, before the load and after it. The index-level {@code gin_pending_list_limit} it sets
 * alongside marks the change as a load's: a load that crashed in between leaves it, and the next load puts the
 * index back as it was ({@link #restoreLeftovers}).
 */
final class GinPendingLists {

    private static final Logger LOG = LoggerFactory.getLogger(JdbiBookBulkLoader.class);

    /** The pending list's size during a load, in kB; an unusual value, so that it also marks the change as ours. */
    static final int PENDING_LIST_KB = 16_411;
    /** Switching waits at most this long for the index's readers and writers; the load goes on without it. */
    private static final String SWITCH_LOCK_WAIT = "1s";

    /** The GIN indexes of books kept without a pending list, as the schema defines them. */
    private static final String WITHOUT_PENDING_LIST = """
            SELECT quote_ident(n.nspname) || '.' || quote_ident(ic.relname)
            FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam
            JOIN pg_namespace n ON n.oid = ic.relnamespace
            WHERE i.indrelid = 'books'::regclass AND am.amname = 'gin'
              AND 'fastupdate=off' = ANY (ic.reloptions)
            ORDER BY i.indexrelid""";
    /** The GIN indexes of books a load switched and did not switch back. */
    private static final String SWITCHED = """
            SELECT quote_ident(n.nspname) || '.' || quote_ident(ic.relname)
            FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam
            JOIN pg_namespace n ON n.oid = ic.relnamespace
            WHERE i.indrelid = 'books'::regclass AND am.amname = 'gin'
              AND 'gin_pending_list_limit=%d' = ANY (ic.reloptions)
            ORDER BY i.indexrelid""".formatted(PENDING_LIST_KB);

    private final List<String> indexes;

    private GinPendingLists(List<String> indexes) {
        this.indexes = indexes;
    }

    /** None switched: for a load that does not need it. */
    static GinPendingLists none() {
        return new GinPendingLists(List.of());
    }

    /**
     * Puts back the indexes a crashed load left switched. Run by a load that holds the load lock (and no lock on
     * books), on a connection of its own.
     */
    static void restoreLeftovers(Jdbi jdbi) {
        List<String> left = jdbi.withHandle(handle -> handle.createQuery(SWITCHED).mapTo(String.class).list());
        if (!left.isEmpty()) {
            LOG.info("A bulk load that did not end left the pending list of {} on: switching it off", left);
            new GinPendingLists(left).restore(jdbi, false);
        }
    }

    /**
     * Switches the pending list on for the GIN indexes that have it off, each in a short transaction of its own,
     * on a connection of its own (the caller's must hold no lock on books). An index whose users do not let go
     * within a second stays as it is.
     */
    static GinPendingLists switchOn(Jdbi jdbi) {
        return new GinPendingLists(jdbi.withHandle(handle -> handle.createQuery(WITHOUT_PENDING_LIST)
                .mapTo(String.class).list().stream()
                .filter(index -> switched(handle, index, "SET (fastupdate = on, gin_pending_list_limit = "
                        + PENDING_LIST_KB + ")"))
                .toList()));
    }

    /** Merges the pending lists into the index trees, in the load's transaction, so that it commits none. */
    void flush(Handle load) {
        indexes.forEach(index -> clean(load, index));
    }

    /**
     * Switches the pending lists off again, once the load has ended: under the load lock, so that a load begun
     * since then (which puts leftovers back itself) is not disturbed; merges what other writers put in the lists
     * meanwhile.
     */
    void restore(Jdbi jdbi) {
        restore(jdbi, true);
    }

    private void restore(Jdbi jdbi, boolean takeLoadLock) {
        if (indexes.isEmpty()) {
            return;
        }
        try {
            jdbi.useHandle(handle -> {
                if (takeLoadLock && !handle.createQuery("SELECT pg_try_advisory_lock(:key)")
                        .bind("key", JdbiBookBulkLoader.LOAD_LOCK).mapTo(Boolean.class).one()) {
                    LOG.info("Another bulk load has begun: it switches the pending lists of {} off", indexes);
                    return;
                }
                for (String index : indexes) {
                    if (switched(handle, index, "SET (fastupdate = off), RESET (gin_pending_list_limit)")) {
                        clean(handle, index);
                    } else {
                        LOG.warn("Could not switch the pending list of {} off again; the next bulk load will", index);
                    }
                }
                // Closing the session releases the load lock.
            });
        } catch (JdbiException e) {
            LOG.warn("Could not switch the GIN pending lists off again after a bulk load; the next load will", e);
        }
    }

    private static void clean(Handle handle, String index) {
        handle.createQuery("SELECT gin_clean_pending_list('" + index + "'::regclass)").mapTo(Long.class).one();
    }

    private static boolean switched(Handle handle, String index, String change) {
        try {
            handle.useTransaction(transaction -> {
                transaction.execute("SET LOCAL lock_timeout = '" + SWITCH_LOCK_WAIT + "'");
                transaction.execute("ALTER INDEX " + index + " " + change);
            });
            return true;
        } catch (JdbiException e) {
            if (!JdbiBookBulkLoader.isLockTimeout(e)) {
                throw e;
            }
            LOG.info("{} is in use: left as it is ({})", index, change);
            return false;
        }
    }
}
