package dev.books.adapter.postgres;

import dev.books.domain.Book;
import dev.books.domain.BookBulkLoader;
import dev.books.domain.BulkLoad;
import dev.books.domain.Category;
import dev.books.domain.DuplicateBookException;
import dev.books.domain.Isbn;
import dev.books.domain.PublicationYear;
import dev.books.domain.SkippedBook;
import dev.books.domain.StoreUnavailableException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.util.PSQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link BookBulkLoader} over PostgreSQL. A load is one transaction on a connection of its own (no statement
 * timeout: building an index over a million rows takes a while). Each batch is copied ({@code COPY}) into a
 * temporary staging table and moved into {@code books} by one {@code INSERT … SELECT … ORDER BY ord
 * ON CONFLICT DO NOTHING}: the unique indexes decide, race-free, which rows are new, in input order, and no stored
 * row is ever touched. Rows that did not go in are then asked why (ISBN first, as {@code insert} reports it).
 *
 * <p>Two ways to load, chosen when the load begins (see ADR 0007):
 * <ul>
 *   <li><b>into an empty catalogue</b>: the load takes the table for itself ({@code ACCESS EXCLUSIVE}: readers and
 *       writers wait until it ends), drops the secondary indexes (the trigram GIN indexes cost ~20× more per row
 *       than the rest of an insert), and rebuilds them from their own definitions before the commit;</li>
 *   <li><b>alongside stored books</b>, or when the empty table is busy for more than a second: indexes stay, the
 *       table stays open to readers and writers, and each row pays for its index entries.</li>
 * </ul>
 * Loads are serialised by a transaction-scoped advisory lock: a second one fails at once rather than deadlock.
 */
final class JdbiBookBulkLoader implements BookBulkLoader {

    private static final Logger LOG = LoggerFactory.getLogger(JdbiBookBulkLoader.class);

    /** The advisory lock that admits one load per database at a time ("BookLoad" in ASCII). */
    static final long LOAD_LOCK = 0x426F_6F6B_4C6F_6164L;
    /** How long a load into an empty table waits for readers to let go before it settles for the shared way. */
    static final String EXCLUSIVE_LOCK_WAIT = "1s";
    /** Memory for rebuilding the indexes; per session, freed at the commit. */
    static final String INDEX_BUILD_MEMORY = "256MB";

    static final String CREATE_STAGING =
            "CREATE TEMPORARY TABLE books_load_batch (ord integer NOT NULL, LIKE books) ON COMMIT DROP";
    static final String COPY_STAGING = "COPY books_load_batch (ord, " + BookRow.COLUMNS + ") FROM STDIN";
    static final String MOVE_STAGED = "INSERT INTO books (" + BookRow.COLUMNS + ")\nSELECT " + BookRow.COLUMNS
            + "\nFROM books_load_batch ORDER BY ord\nON CONFLICT DO NOTHING";
    /** Only after a batch lost rows: lets {@link #WHY_SKIPPED} find a row's batch position by its id. */
    static final String INDEX_STAGING = "CREATE INDEX IF NOT EXISTS books_load_batch_id ON books_load_batch (id)";
    /**
     * Only after a batch lost rows: which ones, and for each rule the row now holding the same key, as the batch
     * position it came from (-1 when it was stored before the batch; this transaction sees its own rows). A rival
     * from later in the batch did not exist yet when the skipped row was tried, so it does not count.
     */
    static final String WHY_SKIPPED = """
            SELECT s.ord,
                   (SELECT coalesce(t.ord, -1) FROM books b LEFT JOIN books_load_batch t ON t.id = b.id
                    WHERE b.isbn = s.isbn) AS isbn_rival,
                   (SELECT coalesce(t.ord, -1) FROM books b LEFT JOIN books_load_batch t ON t.id = b.id
                    WHERE b.title_key = s.title_key AND b.author_key = s.author_key) AS work_rival
            FROM books_load_batch s
            WHERE NOT EXISTS (SELECT 1 FROM books b WHERE b.id = s.id)
            ORDER BY s.ord""";
    /** The indexes a load into an empty table may drop and rebuild: all but the primary key and unique ones. */
    static final String SECONDARY_INDEXES = """
            SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
            FROM pg_index i
            WHERE i.indrelid = 'books'::regclass AND NOT i.indisunique AND NOT i.indisprimary
            ORDER BY i.indexrelid""";

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
            List<SecondaryIndex> dropped = takeTableIfEmpty(handle) ? dropSecondaryIndexes(handle) : null;
            handle.execute(CREATE_STAGING);
            return new Load(handle, dropped);
        } catch (RuntimeException e) {
            abandon(handle);
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

    private static List<SecondaryIndex> dropSecondaryIndexes(Handle handle) {
        List<SecondaryIndex> indexes = handle.createQuery(SECONDARY_INDEXES)
                .map((rs, ctx) -> new SecondaryIndex(rs.getString("name"), rs.getString("definition"))).list();
        for (SecondaryIndex index : indexes) {
            handle.execute("DROP INDEX " + index.name());
        }
        LOG.info("Bulk load into an empty catalogue: the books table is locked until the load ends, and {} "
                + "secondary indexes are rebuilt when it commits", indexes.size());
        return indexes;
    }

    private static boolean isLockTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PSQLException psql && LOCK_NOT_AVAILABLE.equals(psql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Rolls back whatever the handle's transaction did and closes it, quietly: we are already failing. */
    private static void abandon(Handle handle) {
        try {
            if (handle.isInTransaction()) {
                handle.rollback();
            }
        } catch (RuntimeException e) {
            LOG.debug("Rolling back an abandoned bulk load failed", e);
        }
        try {
            handle.close();
        } catch (RuntimeException e) {
            LOG.debug("Closing an abandoned bulk load failed", e);
        }
    }

    /** An index dropped for the load, and the statement that builds it again. */
    private record SecondaryIndex(String name, String definition) {
    }

    /** One load: its transaction, and the indexes to rebuild when it commits (null when none were dropped). */
    private static final class Load implements BulkLoad {

        private final Handle handle;
        private final List<SecondaryIndex> dropped;
        private final long started = System.nanoTime();
        private long kept;
        private boolean open = true;
        private boolean stagingUsed;

        Load(Handle handle, List<SecondaryIndex> dropped) {
            this.handle = handle;
            this.dropped = dropped;
        }

        @Override
        public List<SkippedBook> add(List<Book> books) {
            requireOpen();
            if (books.isEmpty()) {
                return List.of();
            }
            try {
                if (stagingUsed) {
                    handle.execute("TRUNCATE books_load_batch");
                }
                stagingUsed = true;
                copyToStaging(books);
                int inserted = handle.createUpdate(MOVE_STAGED).execute();
                kept += inserted;
                return inserted == books.size() ? List.of() : whySkipped(books);
            } catch (JdbiException e) {
                fail();
                throw SqlFailures.toDomain(e);
            } catch (SQLException e) {
                fail();
                throw SqlFailures.toDomain(new IllegalStateException("copying a batch of books failed", e));
            }
        }

        @Override
        public void commit() {
            requireOpen();
            try {
                long rebuildStarted = System.nanoTime();
                if (dropped != null) {
                    handle.execute("SET LOCAL maintenance_work_mem = '" + INDEX_BUILD_MEMORY + "'");
                    for (SecondaryIndex index : dropped) {
                        handle.execute(index.definition());
                    }
                    // Fresh statistics, so that the first queries after a big load are planned for its size.
                    handle.execute("ANALYZE books");
                }
                long rebuildMillis = (System.nanoTime() - rebuildStarted) / 1_000_000;
                handle.commit();
                open = false;
                handle.close();
                LOG.info("Bulk load committed: {} books in {} ms{}", kept, (System.nanoTime() - started) / 1_000_000,
                        dropped == null ? "" : " (indexes rebuilt in " + rebuildMillis + " ms)");
            } catch (JdbiException e) {
                fail();
                throw SqlFailures.toDomain(e);
            }
        }

        @Override
        public void close() {
            if (open) {
                open = false;
                abandon(handle);
            }
        }

        private void copyToStaging(List<Book> books) throws SQLException {
            CopyText rows = new CopyText(books.size());
            int ord = 0;
            for (Book book : books) {
                rows.plain(ord++)
                        .plain(book.id())
                        .text(book.title().value())
                        .text(book.author().value())
                        .text(book.category().map(Category::value).orElse(null))
                        .plain(book.isbn().map(Isbn::value).orElse(null))
                        .plain(book.publishedYear().map(PublicationYear::value).orElse(null))
                        .plain(book.version())
                        .plain(book.createdAt())
                        .plain(book.updatedAt())
                        .text(book.title().matchKey())
                        .text(book.author().matchKey())
                        .text(book.category().map(Category::matchKey).orElse(null))
                        .endRow();
            }
            byte[] bytes = rows.toBytes();
            CopyIn copy = handle.getConnection().unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_STAGING);
            try {
                copy.writeToCopy(bytes, 0, bytes.length);
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        }

        private List<SkippedBook> whySkipped(List<Book> books) {
            handle.execute(INDEX_STAGING);
            return handle.createQuery(WHY_SKIPPED).map((rs, ctx) -> {
                int ord = rs.getInt("ord");
                Book book = books.get(ord);
                if (wasThereFirst(rs.getObject("isbn_rival", Integer.class), ord)) {
                    return new SkippedBook(book, DuplicateBookException.Rule.ISBN);
                }
                if (wasThereFirst(rs.getObject("work_rival", Integer.class), ord)) {
                    return new SkippedBook(book, DuplicateBookException.Rule.TITLE_AND_AUTHOR);
                }
                throw new IllegalStateException("book " + book.id() + " was not stored, but breaks no uniqueness rule"
                        + " (an id taken twice, or its rival deleted meanwhile)");
            }).list();
        }

        private static boolean wasThereFirst(Integer rivalOrd, int ord) {
            return rivalOrd != null && rivalOrd < ord;
        }

        private void requireOpen() {
            if (!open) {
                throw new IllegalStateException("the load has ended");
            }
        }

        private void fail() {
            open = false;
            abandon(handle);
        }
    }
}
