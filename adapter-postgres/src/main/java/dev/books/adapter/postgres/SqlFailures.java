package dev.books.adapter.postgres;

import dev.books.domain.DuplicateBookException;
import dev.books.domain.StoreUnavailableException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
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
    /** Serialization failure (40001) and deadlock (40P01): the server rolled the transaction back; a retry may pass. */
    private static final Set<String> ROLLED_BACK = Set.of("40001", "40P01");
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private SqlFailures() {
    }

    /** Runs {@code work} on a handle of its own; a failure comes out as {@link #toDomain} translates it. */
    static <T> T withHandle(Jdbi jdbi, HandleCallback<T, RuntimeException> work) {
        try {
            return jdbi.withHandle(work);
        } catch (JdbiException e) {
            throw toDomain(e);
        }
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
                || ROLLED_BACK.contains(state)
                || LOCK_NOT_AVAILABLE.equals(state)
                || QUERY_CANCELED.equals(state));
    }

    private static String describeUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String state = t instanceof SQLException sql ? sql.getSQLState() : null;
            if (QUERY_CANCELED.equals(state)) {
                return "the database did not answer in time";
            }
            if (LOCK_NOT_AVAILABLE.equals(state) || state != null && ROLLED_BACK.contains(state)) {
                return "the database gave up on a conflicting change; retrying may succeed";
            }
        }
        return "the database cannot be reached";
    }

    /** Whether the failure is a unique violation of the named constraint. */
    static boolean violates(Throwable failure, String constraint) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PSQLException psql && UNIQUE_VIOLATION.equals(psql.getSQLState())) {
                ServerErrorMessage server = psql.getServerErrorMessage();
                return server != null && constraint.equals(server.getConstraint());
            }
        }
        return false;
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
