package dev.books.adapter.postgres;

import dev.books.domain.Book;
import dev.books.domain.BulkLoad;
import dev.books.domain.SkippedBook;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both ways of loading share ({@link ExclusiveLoad}, {@link SharedLoad}): the transaction the load runs in, its
 * life cycle (add, then commit or close), and the failure handling: any failure rolls everything back, closes the
 * connection and ends the load, and reaches the caller with its domain meaning ({@link SqlFailures}).
 */
abstract class TransactionalLoad implements BulkLoad {

    private static final Logger LOG = LoggerFactory.getLogger(JdbiBookBulkLoader.class);

    final Handle handle;
    /** Where the loads that store books batch by batch add each batch's search words first (ADR 0021). */
    final SearchDictionary dictionary;
    private final long started = System.nanoTime();
    private boolean open = true;

    /** @param dictionary closed when the load ends, however it ends */
    TransactionalLoad(Handle handle, SearchDictionary dictionary) {
        this.handle = handle;
        this.dictionary = dictionary;
    }

    @Override
    public final List<SkippedBook> add(List<Book> books) {
        requireOpen();
        if (books.isEmpty()) {
            return List.of();
        }
        return failingSafely("copying a batch of books", () -> store(books));
    }

    @Override
    public final void commit() {
        requireOpen();
        String finishing = failingSafely("finishing a bulk load", () -> {
            dictionary.awaitAdded();
            String note = finish();
            handle.commit();
            open = false;
            handle.close();
            dictionary.close();
            return note;
        });
        committed();
        LOG.info("Bulk load committed: {} books in {} ms{}", kept(), (System.nanoTime() - started) / 1_000_000,
                finishing);
    }

    @Override
    public final void close() {
        if (open) {
            fail();
        }
    }

    /** How many books this load has stored so far. */
    abstract long kept();

    /** Stores a batch inside the transaction; returns the skipped books. */
    abstract List<SkippedBook> store(List<Book> books) throws SQLException;

    /** Whatever must happen before the commit; returns a note for the log. */
    abstract String finish() throws SQLException;

    /** Called once when the load ends without a commit, before its transaction is rolled back. */
    void abort() {
    }

    /** Called once after the commit, the handle closed. */
    void committed() {
    }

    /** Called once when the load ends without a commit, after its transaction was rolled back and its handle closed. */
    void abandoned() {
    }

    /** Starts a {@code COPY … FROM STDIN} on the load's connection. */
    final CopyIn copyIn(String sql) throws SQLException {
        return handle.getConnection().unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
    }

    /** Rolls back whatever the handle's transaction did and closes it, quietly: we are already failing. */
    static void abandon(Handle handle) {
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

    /** A step of the load, which may fail in the database or in the COPY stream. */
    private interface Step<T> {
        T run() throws SQLException;
    }

    /** Runs a step; if it fails, ends the load (rolled back, connection closed) before passing the failure on. */
    private <T> T failingSafely(String doing, Step<T> step) {
        try {
            return step.run();
        } catch (JdbiException e) {
            fail();
            throw SqlFailures.toDomain(e);
        } catch (SQLException e) {
            fail();
            throw SqlFailures.toDomain(new IllegalStateException(doing + " failed", e));
        } catch (RuntimeException e) {
            fail();
            throw e;
        }
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
        closeQuietly(dictionary);
        abandoned();
    }

    private static void closeQuietly(SearchDictionary dictionary) {
        try {
            dictionary.close();
        } catch (RuntimeException e) {
            LOG.debug("Closing the search dictionary's connection of an abandoned bulk load failed", e);
        }
    }
}
