package dev.books.adapter.postgres;

import dev.books.domain.Book;
import dev.books.domain.SkippedBook;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A load into an empty table held exclusively (see ADR 0007), when a fresh table could not stand in for it (a view
 * over it, a trigger…: {@link TableShape}'s obstacles; otherwise {@link SwapLoad}). {@link JdbiBookBulkLoader} has
 * taken the table for it ({@code ACCESS EXCLUSIVE}: readers and writers wait until it ends); it drops every index
 * (and the primary-key and unique constraints), streams the books in with one {@code COPY} ({@link BookCopy}) and
 * rebuilds every index from its own definition, in its original order, before the commit. Maintaining the indexes
 * row by row would cost several times more: the GIN index of search words most, then the unique index over title and author,
 * whose keys arrive in random order.
 */
final class ExclusiveLoad extends TransactionalLoad {

    private static final Logger LOG = LoggerFactory.getLogger(JdbiBookBulkLoader.class);

    static final String COPY_BOOKS = "COPY books (" + BookRow.WRITTEN_COLUMNS + ") FROM STDIN";
    /** Memory for rebuilding the indexes; per session, freed at the commit. */
    static final String INDEX_BUILD_MEMORY = "256MB";

    private final List<DroppedIndexes.Index> dropped;
    private final BookCopy copy;

    private ExclusiveLoad(Handle handle, SearchDictionary dictionary, List<DroppedIndexes.Index> dropped) {
        super(handle, dictionary);
        this.dropped = dropped;
        this.copy = new BookCopy(handle, COPY_BOOKS);
    }

    /** Begins the load on a handle whose transaction holds the empty table exclusively. */
    static ExclusiveLoad begin(Handle handle, SearchDictionary dictionary) {
        List<DroppedIndexes.Index> dropped = DroppedIndexes.drop(handle);
        LOG.info("Bulk load into an empty catalogue: the books table is locked until the load ends, and its {} "
                + "indexes are rebuilt when it commits", dropped.size());
        return new ExclusiveLoad(handle, dictionary, dropped);
    }

    @Override
    List<SkippedBook> store(List<Book> books) throws SQLException {
        // On a connection of its own, while the batch is stored; committed before the load is (ADR 0021).
        dictionary.add(books);
        return copy.add(books);
    }

    @Override
    long kept() {
        return copy.kept();
    }

    @Override
    String finish() throws SQLException {
        copy.end();
        long rebuildStarted = System.nanoTime();
        handle.execute("SET LOCAL maintenance_work_mem = '" + INDEX_BUILD_MEMORY + "'");
        DroppedIndexes.rebuild(handle, dropped);
        // Fresh statistics, so that the first queries after a big load are planned for its size.
        handle.execute("ANALYZE books");
        return " (indexes rebuilt in " + (System.nanoTime() - rebuildStarted) / 1_000_000 + " ms)";
    }

    @Override
    void abort() {
        copy.cancel();
    }
}
