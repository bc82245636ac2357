package dev.books.adapter.postgres;

import dev.books.domain.Book;
import dev.books.domain.SkippedBook;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A load into an empty catalogue by swapping in a fresh table (see ADR 0018). {@link JdbiBookBulkLoader} holds the
 * empty {@code books} table in {@code SHARE} mode for the whole load: readers go on (and see it empty), writers wait,
 * so no book written meanwhile can be lost. The books stream into a fresh table {@value TableShape#LOADING_TABLE}
 * ({@code LIKE books}: columns, defaults, checks) on a second connection, whose transaction commits once they are
 * all in; then every index of {@code books} is built on it, in several sessions at once ({@link ParallelIndexBuilds}:
 * that is what the commit was for), and beside them the books' search words go into the dictionary
 * ({@link SearchDictionary}); finally the load's own transaction takes {@code books} exclusively for a
 * moment, drops it, renames the fresh table and its indexes into its place, and gives it the old one's grants,
 * comment, owner and the foreign keys that pointed at it, then commits: readers see the empty catalogue or the full
 * one, never part of it. A failure at any point leaves {@code books} as it was and drops the fresh table.
 *
 * <p>When the table stays in use so long that the exclusive lock cannot be had within {@link #swapPatience}, the
 * books are moved into {@code books} by one {@code INSERT … SELECT} instead: slow (every index maintained row by
 * row) but still all or nothing.
 */
final class SwapLoad extends TransactionalLoad {

    private static final Logger LOG = LoggerFactory.getLogger(JdbiBookBulkLoader.class);

    /** How many sessions build indexes at once: the machine this was measured on has two cores (performance.md). */
    static final int INDEX_SESSIONS = 2;
    /** How long each attempt at the exclusive lock for the swap waits; readers queue behind it meanwhile. */
    private static final String SWAP_LOCK_WAIT = "1s";
    private static final String INDEX_PREFIX = TableShape.LOADING_TABLE + "_";

    private final Jdbi jdbi;
    private final TableShape shape;
    private final Duration swapPatience;
    private final Handle filling;
    private final BookCopy copy;
    /** Whether the fresh table outlives a failure: from the commit of its filling on. */
    private boolean tableCommitted;

    private SwapLoad(Handle handle, SearchDictionary dictionary, Jdbi jdbi, TableShape shape, Duration swapPatience,
            Handle filling) {
        super(handle, dictionary);
        this.jdbi = jdbi;
        this.shape = shape;
        this.swapPatience = swapPatience;
        this.filling = filling;
        this.copy = new BookCopy(filling, "COPY " + shape.loading() + " (" + BookRow.WRITTEN_COLUMNS
                + ") FROM STDIN WITH (FREEZE)");
    }

    /**
     * Begins the load: {@code handle}'s transaction holds the empty {@code books} in {@code SHARE} mode and the load
     * lock; a fresh table is created (a crashed load's left over dropped first) in a transaction of its own.
     */
    static SwapLoad begin(Handle handle, SearchDictionary dictionary, Jdbi jdbi, TableShape shape,
            Duration swapPatience) {
        Handle filling = jdbi.open();
        try {
            // Only a table of ours is in the way (TableShape's obstacles), and no other load runs: a leftover.
            filling.execute("DROP TABLE IF EXISTS " + shape.loading());
            filling.begin();
            // Created and filled in one transaction: COPY FREEZE writes the rows frozen, so that no later reader
            // must set their hint bits, and vacuum has nothing to do on them.
            filling.execute("CREATE TABLE " + shape.loading() + " (LIKE " + shape.books() + " INCLUDING DEFAULTS"
                    + " INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMPRESSION INCLUDING COMMENTS)"
                    + (shape.options() == null ? "" : " WITH (" + shape.options() + ")"));
            filling.execute("COMMENT ON TABLE " + shape.loading() + " IS '" + TableShape.LOADING_MARK + "'");
        } catch (RuntimeException e) {
            abandon(filling);
            throw e;
        }
        LOG.info("Bulk load into an empty catalogue: into a fresh table, swapped in when it commits; readers go on "
                + "meanwhile, writers wait. {} indexes to build", shape.indexes().size());
        return new SwapLoad(handle, dictionary, jdbi, shape, swapPatience, filling);
    }

    @Override
    List<SkippedBook> store(List<Book> books) throws SQLException {
        return copy.add(books);
    }

    @Override
    long kept() {
        return copy.kept();
    }

    @Override
    String finish() throws SQLException {
        copy.end();
        // Fresh statistics, so that the first queries after a big load are planned for its size.
        filling.execute("ANALYZE " + shape.loading());
        filling.commit();
        tableCommitted = true;
        filling.close();
        long buildStarted = System.nanoTime();
        ParallelIndexBuilds.run(jdbi, indexJobs(), INDEX_SESSIONS,
                List.of("SET maintenance_work_mem = '" + ExclusiveLoad.INDEX_BUILD_MEMORY + "'"));
        long built = System.nanoTime();
        String how = takeBooksExclusively() ? swap() : moveRows();
        return " (indexes built in " + (built - buildStarted) / 1_000_000 + " ms, " + how + " in "
                + (System.nanoTime() - built) / 1_000_000 + " ms)";
    }

    @Override
    void abort() {
        copy.cancel();
        abandon(filling);
    }

    @Override
    void abandoned() {
        if (!tableCommitted) {
            return;
        }
        // Under the load lock again, so that a load begun since then keeps its own fresh table.
        try (Handle handle = jdbi.open()) {
            handle.begin();
            if (handle.createQuery("SELECT pg_try_advisory_xact_lock(:key)").bind("key", JdbiBookBulkLoader.LOAD_LOCK)
                    .mapTo(Boolean.class).one()) {
                handle.execute("DROP TABLE IF EXISTS " + shape.loading());
            }
            handle.commit();
        } catch (JdbiException e) {
            LOG.warn("Could not drop {} after a failed bulk load; the next load drops it", shape.loading(), e);
        }
    }

    /**
     * One job per index, building it on the fresh table under a temporary name; the unique ones in a single job, in
     * their original order, so that their creation order (which decides the rule a book breaking both is refused by)
     * stays the same.
     */
    private List<ParallelIndexBuilds.Job> indexJobs() {
        List<ParallelIndexBuilds.Job> jobs = new ArrayList<>();
        List<String> unique = new ArrayList<>();
        int uniqueWeight = 0;
        for (int i = 0; i < shape.indexes().size(); i++) {
            TableShape.Index index = shape.indexes().get(i);
            String build = index.build(INDEX_PREFIX + i, shape.loading());
            if (index.unique()) {
                unique.add(build);
                uniqueWeight += index.weight();
            } else {
                jobs.add(new ParallelIndexBuilds.Job(List.of(build), index.weight()));
            }
        }
        if (!unique.isEmpty()) {
            jobs.add(new ParallelIndexBuilds.Job(unique, uniqueWeight));
        }
        // The loaded books' search words, committed before the swap makes the books visible (ADR 0021): read from
        // the rows as the search-words index reads them (ADR 0022), so it weighs about as much.
        jobs.add(new ParallelIndexBuilds.Job(List.of(SearchDictionary.addWordsOfTable(shape.loading())),
                TableShape.Index.GIN_WEIGHT));
        return jobs;
    }

    /**
     * Takes {@code books} in {@code ACCESS EXCLUSIVE} mode, upgrading the load's {@code SHARE} lock; waits a second
     * at a time, letting queued readers through in between, for at most {@link #swapPatience}. False when it could
     * not be had: the load's {@code SHARE} lock is kept either way.
     */
    private boolean takeBooksExclusively() {
        long deadline = System.nanoTime() + swapPatience.toNanos();
        while (true) {
            handle.savepoint("swap_lock");
            try {
                handle.execute("SET LOCAL lock_timeout = '" + SWAP_LOCK_WAIT + "'");
                handle.execute("LOCK TABLE " + shape.books() + " IN ACCESS EXCLUSIVE MODE");
                handle.execute("SET LOCAL lock_timeout TO DEFAULT");
                handle.releaseSavepoint("swap_lock");
                return true;
            } catch (JdbiException e) {
                if (!JdbiBookBulkLoader.isLockTimeout(e)) {
                    throw e;
                }
                handle.rollbackToSavepoint("swap_lock");
            }
            if (System.nanoTime() >= deadline) {
                LOG.info("The books table stayed in use for {} s: moving the loaded books into it row by row "
                        + "(slower)", swapPatience.toSeconds());
                return false;
            }
            pause();
        }
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to swap the loaded books in", e);
        }
    }

    /** Puts the fresh table in the place of {@code books}, which the load's transaction holds exclusively. */
    private String swap() {
        TableShape now = TableShape.read(handle);
        if (!now.obstacles().isEmpty() || !now.indexes().equals(shape.indexes())) {
            throw new IllegalStateException("the books table changed during the bulk load (its indexes, or "
                    + String.join("; ", now.obstacles()) + "); nothing was imported: run the import again");
        }
        now.referencedBy().forEach(key -> handle.execute(key.drop()));
        handle.execute("DROP TABLE " + shape.books());
        handle.execute("ALTER TABLE " + shape.loading() + " RENAME TO books");
        for (int i = 0; i < now.indexes().size(); i++) {
            TableShape.Index index = now.indexes().get(i);
            handle.execute(index.adopt(INDEX_PREFIX + i, shape.schema(), shape.books()));
            if (index.commentLiteral() != null) {
                handle.execute("COMMENT ON INDEX " + shape.schema() + "." + index.name() + " IS "
                        + index.commentLiteral());
            }
        }
        handle.execute("COMMENT ON TABLE " + shape.books() + " IS " + now.commentLiteral());
        handle.execute("ALTER TABLE " + shape.books() + " OWNER TO " + now.owner());
        now.grants().forEach(grant -> handle.execute(grant.on(shape.books())));
        now.referencedBy().forEach(key -> handle.execute(key.add()));
        return "swapped in";
    }

    /** Moves the books into {@code books}, which the load's transaction holds in {@code SHARE} mode (no writer). */
    private String moveRows() {
        handle.execute("INSERT INTO " + shape.books() + " (" + BookRow.WRITTEN_COLUMNS + ") SELECT "
                + BookRow.WRITTEN_COLUMNS + " FROM " + shape.loading());
        handle.execute("DROP TABLE " + shape.loading());
        handle.execute("ANALYZE " + shape.books());
        return "moved row by row";
    }
}
