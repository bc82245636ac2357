package dev.books.adapter.postgres;

import dev.books.domain.Book;
import dev.books.domain.DuplicateBookException;
import dev.books.domain.SkippedBook;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * New books streamed into a table that has no unique index yet, by one {@code COPY} that stays open across batches
 * (the server stores batch <i>n</i> while Java reads and checks batch <i>n+1</i>), duplicates found in memory
 * ({@link LoadKeys}). The loads into an empty catalogue use it ({@link ExclusiveLoad}, {@link SwapLoad}); the unique
 * indexes they build afterwards are the final check.
 */
final class BookCopy {

    private static final Logger LOG = LoggerFactory.getLogger(JdbiBookBulkLoader.class);
    /** Rows are sent once they take this many characters. */
    private static final int CHUNK_CHARS = 64 * 1024;

    private final Handle handle;
    private final String sql;
    private final LoadKeys keys = new LoadKeys();
    /**
     * The rows not sent yet. Sent in chunks well below G1's humongous-object size: a whole batch as one string, then
     * one byte array, cost three arrays of megabytes each, which G1 handles apart from other objects, and the
     * collections they brought on took several percent of an import.
     */
    private final CopyText rows = new CopyText(CHUNK_CHARS / 128);
    private CopyIn copy;
    private long kept;

    /**
     * @param sql the {@code COPY … FROM STDIN} of {@link BookRow#WRITTEN_COLUMNS}, run on {@code handle} at the first
     *            row
     */
    BookCopy(Handle handle, String sql) {
        this.handle = handle;
        this.sql = sql;
    }

    /** Sends the books that are new to this load; returns the others, each with the rule it breaks. */
    List<SkippedBook> add(List<Book> books) throws SQLException {
        List<SkippedBook> skipped = new ArrayList<>();
        for (Book book : books) {
            Optional<DuplicateBookException.Rule> rule = keys.keep(book);
            if (rule.isPresent()) {
                skipped.add(new SkippedBook(book, rule.get()));
            } else {
                BookRow.copy(book, rows).endRow();
                kept++;
                if (rows.length() >= CHUNK_CHARS) {
                    send();
                }
            }
        }
        send();
        if (copy != null) {
            // Sent now, so that the server stores this batch while the next one is read and checked.
            copy.flushCopy();
        }
        return skipped;
    }

    private void send() throws SQLException {
        if (rows.length() == 0) {
            return;
        }
        if (copy == null) {
            copy = handle.getConnection().unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        }
        byte[] bytes = rows.toBytes();
        rows.clear();
        copy.writeToCopy(bytes, 0, bytes.length);
    }

    /** How many books were sent. */
    long kept() {
        return kept;
    }

    /** Ends the {@code COPY}, checking that the server stored every row sent. */
    void end() throws SQLException {
        if (copy != null) {
            long copied = copy.endCopy();
            if (copied != kept) {
                throw new IllegalStateException("COPY stored " + copied + " rows, not the " + kept + " given");
            }
        }
    }

    /** Cancels a {@code COPY} still in progress, quietly: the load is already failing. */
    void cancel() {
        if (copy != null && copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException e) {
                LOG.debug("Cancelling the COPY of an abandoned bulk load failed", e);
            }
        }
    }
}
