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
import java.util.Optional;
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
 * timeout: rebuilding indexes over a million rows takes a while), so it stores everything or nothing. Two ways to
 * load, chosen when it begins (see ADR 0007):
 * <ul>
 *   <li><b>Into an empty table</b> (and readers let go within a second): the load takes the table for itself
 *       ({@code ACCESS EXCLUSIVE}: readers and writers wait until it ends), drops every index (and the primary-key
 *       and unique constraints), streams the books into it with one {@code COPY}, finds duplicates in memory
 *       ({@link LoadKeys}), and rebuilds every index from its own definition, in its original order, before the
 *       commit. Maintaining the indexes row by row would cost several times more: the trigram indexes most, then
 *       the unique index over title and author, whose keys arrive in random order.</li>
 *   <li><b>Alongside stored books</b>: indexes stay, the table stays open to readers and writers. Each batch is
 *       copied into a temporary staging table and moved by one {@code INSERT … SELECT … ORDER BY ord
 *       ON CONFLICT DO NOTHING}: the unique indexes decide, race-free, which rows are new, in input order, and no
 *       stored row is ever touched. Rows that did not go in are then asked why (ISBN first, as {@code insert}
 *       reports it).</li>
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

    static final String COPY_BOOKS = "COPY books (" + BookRow.COLUMNS + ") FROM STDIN";
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
    /**
     * Every index of the table in creation order (the order PostgreSQL checks unique indexes in, which decides the
     * rule a book breaking both is refused by), with the constraint it backs, if any, and how to build each again.
     */
    static final String INDEXES = """
            SELECT i.indexrelid::regclass::text AS index_name,
                   quote_ident(c.conname) AS constraint_name,
                   pg_get_constraintdef(c.oid) AS constraint_definition,
                   pg_get_indexdef(i.indexrelid) AS index_definition
            FROM pg_index i
            LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.conrelid = i.indrelid
                                     AND c.contype IN ('p', 'u', 'x')
            WHERE i.indrelid = 'books'::regclass
            ORDER BY i.indexrelid""";
    /** Foreign keys pointing at the table pin its primary-key and unique constraints. */
    static final String REFERENCED = "SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE confrelid = 'books'::regclass)";

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
            if (takeTableIfEmpty(handle)) {
                return new ExclusiveLoad(handle, dropIndexes(handle));
            }
            handle.execute(CREATE_STAGING);
            return new SharedLoad(handle);
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

    /** Drops the indexes this load may rebuild, and returns how to rebuild each, in creation order. */
    private static List<Index> dropIndexes(Handle handle) {
        boolean referenced = handle.createQuery(REFERENCED).mapTo(Boolean.class).one();
        List<Index> dropped = new ArrayList<>();
        for (Index index : handle.createQuery(INDEXES).map((rs, ctx) -> new Index(rs.getString("index_name"),
                rs.getString("constraint_name"), rs.getString("constraint_definition"),
                rs.getString("index_definition"))).list()) {
            if (index.constraint() == null) {
                handle.execute("DROP INDEX " + index.name());
                dropped.add(index);
            } else if (!referenced) {
                handle.execute("ALTER TABLE books DROP CONSTRAINT " + index.constraint());
                dropped.add(index);
            }
        }
        LOG.info("Bulk load into an empty catalogue: the books table is locked until the load ends, and its {} "
                + "indexes are rebuilt when it commits", dropped.size());
        return dropped;
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

    /** The books as rows in {@code COPY}'s text format: {@link BookRow#COLUMNS}, after {@code ord} if asked. */
    private static byte[] rows(List<Book> books, boolean withOrd) {
        CopyText rows = new CopyText(books.size());
        int ord = 0;
        for (Book book : books) {
            if (withOrd) {
                rows.plain(ord++);
            }
            rows.plain(book.id())
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
        return rows.toBytes();
    }

    private static CopyIn copyIn(Handle handle, String sql) throws SQLException {
        return handle.getConnection().unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
    }

    /** An index dropped for the load, and how to build it again: as a constraint when it backs one. */
    private record Index(String name, String constraint, String constraintDefinition, String definition) {

        String rebuild() {
            return constraint == null ? definition
                    : "ALTER TABLE books ADD CONSTRAINT " + constraint + " " + constraintDefinition;
        }
    }

    /** What both kinds of load share: the transaction, the life cycle, the failure handling. */
    private abstract static class Load implements BulkLoad {

        final Handle handle;
        final long started = System.nanoTime();
        long kept;
        private boolean open = true;

        Load(Handle handle) {
            this.handle = handle;
        }

        @Override
        public final List<SkippedBook> add(List<Book> books) {
            requireOpen();
            if (books.isEmpty()) {
                return List.of();
            }
            try {
                return store(books);
            } catch (JdbiException e) {
                fail();
                throw SqlFailures.toDomain(e);
            } catch (SQLException e) {
                fail();
                throw SqlFailures.toDomain(new IllegalStateException("copying a batch of books failed", e));
            } catch (RuntimeException e) {
                fail();
                throw e;
            }
        }

        @Override
        public final void commit() {
            requireOpen();
            try {
                String finishing = finish();
                handle.commit();
                open = false;
                handle.close();
                LOG.info("Bulk load committed: {} books in {} ms{}", kept, (System.nanoTime() - started) / 1_000_000,
                        finishing);
            } catch (JdbiException e) {
                fail();
                throw SqlFailures.toDomain(e);
            } catch (SQLException e) {
                fail();
                throw SqlFailures.toDomain(new IllegalStateException("finishing a bulk load failed", e));
            } catch (RuntimeException e) {
                fail();
                throw e;
            }
        }

        @Override
        public final void close() {
            if (open) {
                fail();
            }
        }

        /** Stores a batch inside the transaction; returns the skipped books. */
        abstract List<SkippedBook> store(List<Book> books) throws SQLException;

        /** Whatever must happen before the commit; returns a note for the log. */
        abstract String finish() throws SQLException;

        /** Called once when the load ends without a commit. */
        void abort() {
        }

        private void requireOpen() {
            if (!open) {
                throw new IllegalStateException("the load has ended");
            }
        }

        private void fail() {
            open = false;
            abort();
            abandon(handle);
        }
    }

    /** Into an empty table held exclusively: one streaming COPY, duplicates found in memory, indexes rebuilt. */
    private static final class ExclusiveLoad extends Load {

        private final List<Index> dropped;
        private final LoadKeys keys = new LoadKeys();
        private CopyIn copy;

        ExclusiveLoad(Handle handle, List<Index> dropped) {
            super(handle);
            this.dropped = dropped;
        }

        @Override
        List<SkippedBook> store(List<Book> books) throws SQLException {
            List<Book> keep = new ArrayList<>(books.size());
            List<SkippedBook> skipped = new ArrayList<>();
            for (Book book : books) {
                Optional<DuplicateBookException.Rule> rule = keys.keep(book);
                if (rule.isPresent()) {
                    skipped.add(new SkippedBook(book, rule.get()));
                } else {
                    keep.add(book);
                }
            }
            if (!keep.isEmpty()) {
                if (copy == null) {
                    copy = copyIn(handle, COPY_BOOKS);
                }
                byte[] bytes = rows(keep, false);
                copy.writeToCopy(bytes, 0, bytes.length);
                // Sent now, so that the server stores this batch while the next one is read and checked.
                copy.flushCopy();
                kept += keep.size();
            }
            return skipped;
        }

        @Override
        String finish() throws SQLException {
            if (copy != null) {
                long copied = copy.endCopy();
                if (copied != kept) {
                    throw new IllegalStateException("COPY stored " + copied + " rows, not the " + kept + " given");
                }
            }
            long rebuildStarted = System.nanoTime();
            handle.execute("SET LOCAL maintenance_work_mem = '" + INDEX_BUILD_MEMORY + "'");
            for (Index index : dropped) {
                handle.execute(index.rebuild());
            }
            // Fresh statistics, so that the first queries after a big load are planned for its size.
            handle.execute("ANALYZE books");
            return " (indexes rebuilt in " + (System.nanoTime() - rebuildStarted) / 1_000_000 + " ms)";
        }

        @Override
        void abort() {
            if (copy != null && copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException e) {
                    LOG.debug("Cancelling the COPY of an abandoned bulk load failed", e);
                }
            }
        }
    }

    /** Alongside stored books: each batch through a staging table and INSERT … ON CONFLICT DO NOTHING. */
    private static final class SharedLoad extends Load {

        private boolean stagingUsed;

        SharedLoad(Handle handle) {
            super(handle);
        }

        @Override
        List<SkippedBook> store(List<Book> books) throws SQLException {
            if (stagingUsed) {
                handle.execute("TRUNCATE books_load_batch");
            }
            stagingUsed = true;
            byte[] bytes = rows(books, true);
            CopyIn copy = copyIn(handle, COPY_STAGING);
            try {
                copy.writeToCopy(bytes, 0, bytes.length);
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
            int inserted = handle.createUpdate(MOVE_STAGED).execute();
            kept += inserted;
            return inserted == books.size() ? List.of() : whySkipped(books);
        }

        @Override
        String finish() {
            return "";
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
    }
}
