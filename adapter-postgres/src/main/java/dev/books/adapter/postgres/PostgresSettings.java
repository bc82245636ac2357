package dev.books.adapter.postgres;

import java.time.Duration;
import java.util.Objects;

/**
 * Where PostgreSQL is and how long to wait for it: the connection pool's size, how long a caller waits for a
 * connection, how long one statement may run on the server, and how long the driver waits on a silent socket.
 *
 * @param jdbcUrl           a {@code jdbc:postgresql://host:port/database} URL; its own parameters are kept, but the
 *                          timeouts and safety settings of this record win over them
 * @param password          empty when the server does not ask for one (trust or peer authentication)
 * @param connectionTimeout how long a caller waits for a pooled connection (and for a new one to open) before the
 *                          store counts as unavailable; at least 250 ms (HikariCP's floor)
 * @param statementTimeout  the server-side {@code statement_timeout} of every session
 * @param socketTimeout     how long the driver waits for any answer; longer than {@code statementTimeout}, so that a
 *                          slow statement is cancelled by the server (and the connection survives) rather than cut
 *                          off by the driver; applied in whole seconds, rounded up
 */
public record PostgresSettings(String jdbcUrl, String user, String password, int poolSize,
        Duration connectionTimeout, Duration statementTimeout, Duration socketTimeout) {

    /** A pool for one small service instance; raise it with the database's {@code max_connections} in mind. */
    public static final int DEFAULT_POOL_SIZE = 10;
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(15);

    private static final String URL_PREFIX = "jdbc:postgresql:";
    private static final Duration SHORTEST_CONNECTION_TIMEOUT = Duration.ofMillis(250);

    public PostgresSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        Objects.requireNonNull(statementTimeout, "statementTimeout");
        Objects.requireNonNull(socketTimeout, "socketTimeout");
        if (!jdbcUrl.startsWith(URL_PREFIX)) {
            throw new IllegalArgumentException("jdbcUrl must start with " + URL_PREFIX);
        }
        if (user.isBlank()) {
            throw new IllegalArgumentException("user must not be blank");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1, was " + poolSize);
        }
        if (connectionTimeout.compareTo(SHORTEST_CONNECTION_TIMEOUT) < 0) {
            throw new IllegalArgumentException(
                    "connectionTimeout must be at least " + SHORTEST_CONNECTION_TIMEOUT + ", was " + connectionTimeout);
        }
        if (statementTimeout.isNegative() || statementTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("statementTimeout must be at least 1 ms, was " + statementTimeout);
        }
        if (socketTimeout.compareTo(statementTimeout) <= 0) {
            throw new IllegalArgumentException("socketTimeout (" + socketTimeout
                    + ") must be longer than statementTimeout (" + statementTimeout + ")");
        }
    }

    /** The given server and credentials with the default pool size and timeouts. */
    public static PostgresSettings withDefaults(String jdbcUrl, String user, String password) {
        return new PostgresSettings(jdbcUrl, user, password, DEFAULT_POOL_SIZE, DEFAULT_CONNECTION_TIMEOUT,
                DEFAULT_STATEMENT_TIMEOUT, DEFAULT_SOCKET_TIMEOUT);
    }

    /** The socket timeout as pgjdbc takes it: whole seconds, rounded up. */
    int socketTimeoutSeconds() {
        return wholeSecondsRoundedUp(socketTimeout);
    }

    /** pgjdbc's TCP connect timeout: whole seconds, no longer than the wait for a connection (rounded up). */
    int connectTimeoutSeconds() {
        return wholeSecondsRoundedUp(connectionTimeout);
    }

    /** Never prints the password: settings end up in logs and exception messages. */
    @Override
    public String toString() {
        return "PostgresSettings[jdbcUrl=" + withoutQuery(jdbcUrl) + ", user=" + user + ", password=***, poolSize="
                + poolSize + ", connectionTimeout=" + connectionTimeout + ", statementTimeout=" + statementTimeout
                + ", socketTimeout=" + socketTimeout + "]";
    }

    /** The URL without its parameters, which may carry a password. */
    static String withoutQuery(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }

    private static int wholeSecondsRoundedUp(Duration duration) {
        long millis = duration.toMillis();
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, (millis + 999) / 1000));
    }
}
