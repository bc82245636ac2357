package org.example.bookshelf.adapter.sqlite;

import dev.books.domain.StoreUnavailableException;
import java.sql.SQLException;

/** What a failure of SQLite means to the use cases: the one translation of this adapter's errors. */
final class SqliteFailures {

    private static final int CONSTRAINT = 19;
    private static final int BUSY = 5;
    private static final int LOCKED = 6;
    private static final int READ_ONLY = 8;
    private static final int IO_ERROR = 10;
    private static final int CORRUPT = 11;
    private static final int FULL = 13;
    private static final int CANNOT_OPEN = 14;
    private static final int NOT_A_DATABASE = 26;

    private SqliteFailures() {
    }

    /** Whether a statement broke a constraint (a unique index: the caller knows which rules it has). */
    static boolean isConstraintViolation(SQLException e) {
        return primaryCode(e) == CONSTRAINT;
    }

    /**
     * A failure of the store itself (busy past the timeout, a full or read-only disk, a file that is not a database)
     * becomes {@link StoreUnavailableException}, the store's way of saying it cannot serve now; anything else is a bug
     * in this adapter's SQL, and stays one.
     */
    static RuntimeException translate(SQLException e) {
        return switch (primaryCode(e)) {
            case BUSY, LOCKED, READ_ONLY, IO_ERROR, CORRUPT, FULL, CANNOT_OPEN, NOT_A_DATABASE ->
                    new StoreUnavailableException("the SQLite database cannot be used now: " + e.getMessage(), e);
            default -> new IllegalStateException("SQLite refused a statement of this adapter", e);
        };
    }

    /** SQLite's primary result code: the low byte of an extended one. */
    private static int primaryCode(SQLException e) {
        return e.getErrorCode() & 0xFF;
    }
}
