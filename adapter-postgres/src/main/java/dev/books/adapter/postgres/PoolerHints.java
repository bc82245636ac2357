package dev.books.adapter.postgres;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What gives away a connection pooler between Books and PostgreSQL (PgBouncer), and what to do about it. Books sends
 * its session settings ({@code statement_timeout}, {@code jit}, {@code max_parallel_workers_per_gather}) in the
 * startup packet's {@code options}, and pgjdbc prepares a statement on the server after its fifth use; PgBouncer
 * 1.18 refuses {@code options} (or drops them when told to ignore them), and in transaction pooling hands a
 * session's prepared statements to other sessions. Each sign is told once, with the remedy.
 */
final class PoolerHints {

    static final String REMEDY = "a connection pooler such as PgBouncer is in between: set statement_timeout, jit=off"
            + " and max_parallel_workers_per_gather=0 where every session gets them (ALTER ROLE … SET, or"
            + " ALTER DATABASE … SET),"
            + " let the pooler ignore the options startup parameter, and with transaction pooling add"
            + " prepareThreshold=0 to the JDBC URL (docs/scaling.md, PgBouncer)";

    /** A setting of Books' own that only the startup packet's options set (a placeholder: PostgreSQL knows no such name). */
    static final String MARK = "books.startup_options";

    private static final Logger LOG = LoggerFactory.getLogger(PoolerHints.class);
    private static final String PROTOCOL_VIOLATION = "08P01";
    /** duplicate_prepared_statement, invalid_sql_statement_name: a prepared statement another session made or lost. */
    private static final Set<String> FOREIGN_PREPARED_STATEMENT = Set.of("42P05", "26000");
    private static final AtomicBoolean CLASH_TOLD = new AtomicBoolean();

    private PoolerHints() {
    }

    /** Whether the server (a pooler) refused the session settings of the startup packet. */
    static boolean refusedStartupOptions(SQLException failure) {
        String message = failure.getMessage();
        return PROTOCOL_VIOLATION.equals(failure.getSQLState()) && message != null
                && message.toLowerCase(Locale.ROOT).contains("unsupported startup parameter");
    }

    /** Logs the remedy once, at the first statement that met another session's prepared statements. */
    static void notePreparedStatementClash(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && FOREIGN_PREPARED_STATEMENT.contains(sql.getSQLState())) {
                if (CLASH_TOLD.compareAndSet(false, true)) {
                    LOG.error("A statement met a prepared statement of another session (SQLSTATE {}: {}): {}",
                            sql.getSQLState(), sql.getMessage(), REMEDY);
                }
                return;
            }
        }
    }
}
