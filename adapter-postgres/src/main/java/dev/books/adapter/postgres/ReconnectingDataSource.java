package dev.books.adapter.postgres;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Where the pool gets its new connections: while the database cannot be reached, an attempt is repeated every
 * {@link #RETRY_INTERVAL} until it succeeds or the pool closes, instead of failing.
 *
 * <p>HikariCP answers each failed attempt by sleeping twice as long as before, up to 5 s (not configurable). After an
 * outage of a few seconds the pool would therefore hear of the database's return up to 5 s late, and requests would
 * get 503 all that time (measured by {@code bench/faults}: 2.8 s after a {@code kill -9} of the postmaster). Retrying
 * here, every attempt HikariCP makes lasts until the database answers, so its back-off never grows. Requests are not
 * held up meanwhile: they wait for a pooled connection only up to the connection timeout, as before.
 *
 * <p>Only failures that mean "not reachable (yet)" are retried ({@link SqlFailures#isUnavailable}: refused, timed
 * out, starting up, too many connections); a refused password or an unknown database fails at once, as before.
 */
final class ReconnectingDataSource implements DataSource {

    /** Short enough to notice a return at once, long enough not to storm a database that is starting up. */
    static final Duration RETRY_INTERVAL = Duration.ofMillis(250);

    private final DataSource driver;
    private final long retryIntervalMillis;
    private volatile boolean closed;

    ReconnectingDataSource(DataSource driver) {
        this(driver, RETRY_INTERVAL);
    }

    ReconnectingDataSource(DataSource driver, Duration retryInterval) {
        this.driver = driver;
        this.retryIntervalMillis = retryInterval.toMillis();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return retrying(driver::getConnection);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return retrying(() -> driver.getConnection(username, password));
    }

    /** Ends the retrying (an attempt in progress fails as it would have); called before the pool closes. */
    void close() {
        closed = true;
    }

    private Connection retrying(Attempt attempt) throws SQLException {
        while (true) {
            try {
                return attempt.connect();
            } catch (SQLException e) {
                if (closed || !SqlFailures.isUnavailable(e)) {
                    throw e;
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(retryIntervalMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    @FunctionalInterface
    private interface Attempt {
        Connection connect() throws SQLException;
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return driver.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        driver.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        driver.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return driver.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return driver.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : driver.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || driver.isWrapperFor(type);
    }
}
