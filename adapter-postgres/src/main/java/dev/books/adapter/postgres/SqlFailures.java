package dev.books.adapter.postgres;

import dev.books.domain.DuplicateBookException;
import dev.books.domain.StoreUnavailableException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * The one place where a failed database call gets its domain meaning:
 * <ul>
 *   <li>a unique violation (SQLState 23505) of a known constraint becomes {@link DuplicateBookException} with that
 *       constraint's rule;</li>
 *   <li>a database that cannot be reached, is shutting down, is out of resources or did not answer in time becomes
 *       {@link StoreUnavailableException};</li>
 *   <li>anything else (a unique violation of another constraint included) is a bug, and is returned unchanged for
 *       the caller to rethrow.</li>
 * </ul>
 * The constraint is read from the server's error fields, which pgjdbc keeps even with
 * {@code logServerErrorDetail=false} (that setting only keeps the offending values out of the message).
 */
final class SqlFailures {

    /** The unique constraints of {@code V1__create_books.sql}, by the rule each enforces. */
    static final Map<String, DuplicateBookException.Rule> RULES_BY_CONSTRAINT = Map.of(
            "books_isbn_unique", DuplicateBookException.Rule.ISBN,
            "books_work_unique", DuplicateBookException.Rule.TITLE_AND_AUTHOR);

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String QUERY_CANCELED = "57014";
    /** admin_shutdown, crash_shutdown, cannot_connect_now. */
    private static final Set<String> SHUTTING_DOWN = Set.of("57P01", "57P02", "57P03");
    private static final String CONNECTION_EXCEPTION_CLASS = "08";
    private static final String INSUFFICIENT_RESOURCES_CLASS = "53";

    private SqlFailures() {
    }

    /** What the caller should throw for this failure: a domain exception, or the failure itself. */
    static RuntimeException toDomain(RuntimeException failure) {
        PoolerHints.notePreparedStatementClash(failure);
        if (isUnavailable(failure)) {
            return new StoreUnavailableException(describeUnavailable(failure), failure);
        }
        return duplicateRule(failure).<RuntimeException>map(DuplicateBookException::new).orElse(failure);
    }

    /** Whether the failure means the database cannot be reached, is not ready, or did not answer in time. */
    static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            // HikariCP: no connection became free (or could be opened) within connectionTimeout.
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            // A pooler that refuses the session settings will refuse them every time: a configuration to fix.
            if (t instanceof SQLException sql && PoolerHints.refusedStartupOptions(sql)) {
                return false;
            }
            if (t instanceof SQLException sql && isUnavailableState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUnavailableState(String state) {
        return state != null && (state.startsWith(CONNECTION_EXCEPTION_CLASS)
                || state.startsWith(INSUFFICIENT_RESOURCES_CLASS)
                || SHUTTING_DOWN.contains(state)
                || QUERY_CANCELED.equals(state));
    }

    private static String describeUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && QUERY_CANCELED.equals(sql.getSQLState())) {
                return "the database did not answer in time";
            }
        }
        return "the database cannot be reached";
    }

    private static Optional<DuplicateBookException.Rule> duplicateRule(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PSQLException psql && UNIQUE_VIOLATION.equals(psql.getSQLState())) {
                ServerErrorMessage server = psql.getServerErrorMessage();
                return Optional.ofNullable(server == null ? null : server.getConstraint())
                        .map(RULES_BY_CONSTRAINT::get);
            }
        }
        return Optional.empty();
    }
}
