package dev.books.adapter.postgres;

import dev.books.domain.Book;
import dev.books.domain.DuplicateBookException;
import dev.books.domain.SkippedBook;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.copy.CopyIn;

/**
 * A load alongside stored books (see ADR 0007, ADR 0018): indexes stay, the table stays open to readers and writers,
 * and the GIN indexes take new entries into their pending lists meanwhile ({@link GinPendingLists}). Each
 * batch is copied into a temporary staging table and moved by one {@code INSERT … SELECT … ORDER BY ord
 * ON CONFLICT DO NOTHING}: the unique indexes decide, race-free, which rows are new, in input order, and no stored
 * row is ever touched. Rows that did not go in are then asked why (ISBN first, as {@code insert} reports it).
 */
final class SharedLoad extends TransactionalLoad {

    static final String CREATE_STAGING =
            "CREATE TEMPORARY TABLE books_load_batch (ord integer NOT NULL, LIKE books) ON COMMIT DROP";
    static final String COPY_STAGING = "COPY books_load_batch (ord, " + BookRow.WRITTEN_COLUMNS + ") FROM STDIN";
    static final String MOVE_STAGED = "INSERT INTO books (" + BookRow.WRITTEN_COLUMNS + ")\nSELECT "
            + BookRow.WRITTEN_COLUMNS
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

    private final Jdbi jdbi;
    private long stored;
    private final GinPendingLists pendingLists;
    private boolean stagingUsed;

    private SharedLoad(Handle handle, SearchDictionary dictionary, Jdbi jdbi, GinPendingLists pendingLists) {
        super(handle, dictionary);
        this.jdbi = jdbi;
        this.pendingLists = pendingLists;
    }

    /**
     * Begins the load on a handle whose transaction holds the load lock, and creates its staging table;
     * {@code pendingLists} are the GIN indexes switched to a pending list for it, switched back when it ends.
     */
    static SharedLoad begin(Handle handle, SearchDictionary dictionary, Jdbi jdbi, GinPendingLists pendingLists) {
        handle.execute(CREATE_STAGING);
        return new SharedLoad(handle, dictionary, jdbi, pendingLists);
    }

    @Override
    List<SkippedBook> store(List<Book> books) throws SQLException {
        if (stagingUsed) {
            handle.execute("TRUNCATE books_load_batch");
        }
        stagingUsed = true;
        // On a connection of its own, while the batch is stored; committed before the load is (ADR 0021).
        dictionary.add(books);
        byte[] bytes = staged(books);
        CopyIn copy = copyIn(COPY_STAGING);
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        int inserted = handle.createUpdate(MOVE_STAGED).execute();
        stored += inserted;
        return inserted == books.size() ? List.of() : whySkipped(books);
    }

    @Override
    long kept() {
        return stored;
    }

    @Override
    String finish() {
        long flushStarted = System.nanoTime();
        pendingLists.flush(handle);
        return " (GIN pending lists merged in " + (System.nanoTime() - flushStarted) / 1_000_000 + " ms)";
    }

    @Override
    void committed() {
        pendingLists.restore(jdbi);
    }

    @Override
    void abandoned() {
        pendingLists.restore(jdbi);
    }

    /** The books as staging rows: each one's position in the batch, then its {@link BookRow}. */
    private static byte[] staged(List<Book> books) {
        CopyText rows = new CopyText(books.size());
        for (int ord = 0; ord < books.size(); ord++) {
            rows.plain(ord);
            BookRow.copy(books.get(ord), rows).endRow();
        }
        return rows.toBytes();
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
