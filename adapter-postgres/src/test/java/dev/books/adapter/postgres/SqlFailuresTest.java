package dev.books.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.books.domain.DuplicateBookException;
import dev.books.domain.StoreUnavailableException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.postgresql.util.ServerErrorMessage;

/** The translation table, row by row, including the states a test cannot easily provoke on a real server. */
class SqlFailuresTest {

    @ParameterizedTest(name = "SQLState {0}")
    @ValueSource(strings = {"08000", "08001", "08003", "08006", "08P01", "57P01", "57P02", "57P03", "57014", "53000",
            "53100", "53200", "53300", "40001", "40P01", "55P03"})
    void states_of_an_unreachable_shutting_down_busy_slow_or_deadlocked_database_mean_unavailable(String state) {
        RuntimeException failure = executing(new SQLException("server says no", state));

        assertThat(SqlFailures.toDomain(failure)).isInstanceOf(StoreUnavailableException.class).hasCause(failure);
    }

    @Test
    void a_pooler_that_refuses_the_session_settings_is_a_configuration_to_fix_not_an_outage_to_wait_out() {
        SQLException refused = new SQLException("FATAL: unsupported startup parameter: options", "08P01");
        RuntimeException failure = new ConnectionException(refused);

        assertThat(PoolerHints.refusedStartupOptions(refused)).isTrue();
        assertThat(SqlFailures.isUnavailable(failure)).as("not retried by ReconnectingDataSource").isFalse();
        assertThat(SqlFailures.toDomain(failure)).isSameAs(failure);
        assertThat(PoolerHints.refusedStartupOptions(new SQLException("FATAL: protocol violation", "08P01")))
                .isFalse();
    }

    @ParameterizedTest(name = "SQLState {0}")
    @ValueSource(strings = {"42P05", "26000"})
    void another_sessions_prepared_statement_is_a_bug_passed_on_unchanged(String state) {
        RuntimeException failure = executing(new SQLException("prepared statement \"S_1\" already exists", state));

        assertThat(SqlFailures.toDomain(failure)).isSameAs(failure);
    }

    @Test
    void no_free_connection_in_the_pool_means_unavailable() {
        RuntimeException failure = new ConnectionException(
                new SQLTransientConnectionException("books-db - Connection is not available, request timed out"));

        assertThat(SqlFailures.toDomain(failure)).isInstanceOf(StoreUnavailableException.class)
                .hasMessage("the database cannot be reached");
    }

    @Test
    void a_deadlock_victim_is_told_a_retry_may_succeed() {
        RuntimeException failure = executing(new SQLException("deadlock detected", "40P01"));

        assertThat(SqlFailures.toDomain(failure)).isInstanceOf(StoreUnavailableException.class)
                .hasMessage("the database gave up on a conflicting change; retrying may succeed");
    }

    @Test
    void a_cancelled_statement_says_it_took_too_long() {
        RuntimeException failure = executing(new PSQLException("canceling statement", PSQLState.QUERY_CANCELED));

        assertThat(SqlFailures.toDomain(failure)).hasMessage("the database did not answer in time");
    }

    @Test
    void a_unique_violation_names_its_rule_by_constraint() {
        assertThat(SqlFailures.toDomain(uniqueViolation("books_isbn_unique")))
                .isInstanceOfSatisfying(DuplicateBookException.class,
                        e -> assertThat(e.rule()).isEqualTo(DuplicateBookException.Rule.ISBN));
        assertThat(SqlFailures.toDomain(uniqueViolation("books_work_unique")))
                .isInstanceOfSatisfying(DuplicateBookException.class,
                        e -> assertThat(e.rule()).isEqualTo(DuplicateBookException.Rule.TITLE_AND_AUTHOR));
    }

    @Test
    void a_unique_violation_of_any_other_constraint_is_passed_on_unchanged() {
        RuntimeException primaryKey = uniqueViolation("books_pkey");
        RuntimeException unnamed = executing(new PSQLException("duplicate", PSQLState.UNIQUE_VIOLATION));

        assertThat(SqlFailures.toDomain(primaryKey)).isSameAs(primaryKey);
        assertThat(SqlFailures.toDomain(unnamed)).isSameAs(unnamed);
    }

    @ParameterizedTest(name = "SQLState {0}")
    @ValueSource(strings = {"42P01", "42703", "22001", "23502", "23514", "XX000"})
    void every_other_failure_is_a_bug_and_passed_on_unchanged(String state) {
        RuntimeException failure = executing(new SQLException("something else", state));

        assertThat(SqlFailures.toDomain(failure)).isSameAs(failure);
    }

    @Test
    void a_failure_without_any_sql_exception_is_passed_on_unchanged() {
        RuntimeException failure = new IllegalStateException("not from the database");

        assertThat(SqlFailures.toDomain(failure)).isSameAs(failure);
    }

    private static RuntimeException uniqueViolation(String constraint) {
        // The fields of a server ErrorResponse: severity, SQLState, message, constraint name.
        ServerErrorMessage server = new ServerErrorMessage("SERROR\0C23505\0Mduplicate key value violates unique"
                + " constraint \"" + constraint + "\"\0n" + constraint + "\0");
        return executing(new PSQLException(server, false));
    }

    private static RuntimeException executing(SQLException cause) {
        return new UnableToExecuteStatementException(cause, null);
    }
}
