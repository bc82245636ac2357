package dev.books.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Which failed connection attempts are repeated, and what ends the repeating. */
class ReconnectingDataSourceTest {

    private static final Duration QUICK = Duration.ofMillis(5);

    @Test
    void an_unreachable_database_is_tried_again_until_it_answers() throws SQLException {
        ScriptedDriver driver = new ScriptedDriver(List.of(
                new SQLException("Connection to 127.0.0.1:5432 refused", "08001"),
                new SQLException("the database system is starting up", "57P03"),
                new SQLException("sorry, too many clients already", "53300")));

        Connection connection = new ReconnectingDataSource(driver, QUICK).getConnection();

        assertThat(connection).isSameAs(ScriptedDriver.CONNECTION);
        assertThat(driver.attempts).hasValue(4);
    }

    @Test
    void a_refusal_that_waiting_cannot_cure_fails_at_once() {
        SQLException badPassword = new SQLException("password authentication failed for user \"books\"", "28P01");
        ScriptedDriver driver = new ScriptedDriver(List.of(badPassword));

        assertThatThrownBy(() -> new ReconnectingDataSource(driver, QUICK).getConnection()).isSameAs(badPassword);
        assertThat(driver.attempts).hasValue(1);
    }

    @Test
    void closing_ends_the_retrying_with_the_last_failure() {
        ScriptedDriver driver = new ScriptedDriver(null);
        ReconnectingDataSource source = new ReconnectingDataSource(driver, QUICK);
        CompletableFuture<Connection> attempt = CompletableFuture.supplyAsync(() -> {
            try {
                return source.getConnection();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        await(() -> driver.attempts.get() >= 3);

        source.close();

        assertThat(attempt).failsWithin(Duration.ofSeconds(2)).withThrowableThat()
                .havingRootCause().isInstanceOf(SQLException.class).withMessageContaining("refused");
    }

    @Test
    void an_interrupt_ends_the_retrying_and_stays_set() throws InterruptedException {
        ScriptedDriver driver = new ScriptedDriver(null);
        ReconnectingDataSource source = new ReconnectingDataSource(driver, Duration.ofSeconds(30));
        CompletableFuture<Boolean> interruptedAfterwards = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                source.getConnection();
                interruptedAfterwards.completeExceptionally(new AssertionError("connected"));
            } catch (SQLException expected) {
                interruptedAfterwards.complete(Thread.currentThread().isInterrupted());
            }
        });
        caller.start();
        await(() -> driver.attempts.get() >= 1);

        caller.interrupt();

        assertThat(interruptedAfterwards).succeedsWithin(Duration.ofSeconds(2)).isEqualTo(true);
        caller.join();
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 2 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    /** Fails with the given failures in order and then connects; with none given, is refused forever. */
    private static final class ScriptedDriver implements DataSource {

        static final Connection CONNECTION = (Connection) Proxy.newProxyInstance(
                ReconnectingDataSourceTest.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });

        final AtomicInteger attempts = new AtomicInteger();
        private final Deque<SQLException> failures;

        ScriptedDriver(List<SQLException> failures) {
            this.failures = failures == null ? null : new ArrayDeque<>(failures);
        }

        @Override
        public Connection getConnection() throws SQLException {
            attempts.incrementAndGet();
            if (failures == null) {
                throw new SQLException("Connection to 127.0.0.1:5432 refused", "08001");
            }
            SQLException next = failures.poll();
            if (next != null) {
                throw next;
            }
            return CONNECTION;
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
