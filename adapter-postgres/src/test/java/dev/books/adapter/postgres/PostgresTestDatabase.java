package dev.books.adapter.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A new, empty database for one test class ({@code books_test_<random>}), dropped by {@link #close()}. The server
 * is chosen once per JVM, first available of:
 * <ol>
 *   <li>{@code BOOKS_TEST_DB_URL} (+ {@code BOOKS_TEST_DB_USER}, {@code BOOKS_TEST_DB_PASSWORD}): a server you
 *       run;</li>
 *   <li>a Testcontainers PostgreSQL, when a Docker engine answers;</li>
 *   <li>an embedded PostgreSQL (zonky), from binaries on the test classpath.</li>
 * </ol>
 * Databases are created from {@code template0} with a UTF-8 {@code libc} locale, so that pg_trgm classifies
 * accented letters as letters (as the testkit's {@code TrigramSimilarity} does), whatever the server's default.
 *
 * <pre>{@code
 * static PostgresTestDatabase testDatabase = PostgresTestDatabase.create();   // in @BeforeAll
 * PostgresDatabase database = PostgresDatabase.connect(testDatabase.settings());
 * ...
 * testDatabase.close();                                                   // in @AfterAll, after the pool
 * }</pre>
 * {@link MigratedTestDatabase} does exactly that, schema migration included, for a test class.
 */
final class PostgresTestDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresTestDatabase.class);
    /** Tried in order; the first the server's C library knows wins (C.UTF-8 is missing on some macOS versions). */
    private static final List<String> UTF8_LOCALES = List.of("C.UTF-8", "en_US.UTF-8", "en_US.utf8");

    private final Server server;
    private final String name;

    private PostgresTestDatabase(Server server, String name) {
        this.server = server;
        this.name = name;
    }

    /** Creates a new database on the chosen server. */
    static PostgresTestDatabase create() {
        Server server = ChosenServer.SERVER;
        String name = "books_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = server.connectToAdminDatabase(); Statement statement = admin.createStatement()) {
            createUtf8Database(statement, name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + " on " + server.source(), e);
        }
        return new PostgresTestDatabase(server, name);
    }

    String name() {
        return name;
    }

    String jdbcUrl() {
        return server.jdbcUrlFor(name);
    }

    /** Default settings, but with room for {@code poolSize} connections. */
    PostgresSettings settings(int poolSize) {
        PostgresSettings defaults = PostgresSettings.withDefaults(jdbcUrl(), server.user(), server.password());
        return new PostgresSettings(defaults.jdbcUrl(), defaults.user(), defaults.password(), poolSize,
                defaults.connectionTimeout(), defaults.statementTimeout(), defaults.socketTimeout());
    }

    PostgresSettings settings() {
        return settings(PostgresSettings.DEFAULT_POOL_SIZE);
    }

    /** A plain connection to this database, outside any pool (to hold locks, run DDL, inspect plans). */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), server.user(), server.password());
    }

    /** Drops the database, ending any session still connected to it. */
    @Override
    public void close() {
        try (Connection admin = server.connectToAdminDatabase(); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test database " + name, e);
        }
    }

    private static void createUtf8Database(Statement statement, String name) throws SQLException {
        String provider = serverVersion(statement) >= 150000 ? " LOCALE_PROVIDER libc" : "";
        SQLException lastFailure = null;
        for (String locale : UTF8_LOCALES) {
            try {
                statement.execute("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'" + provider
                        + " LOCALE '" + locale + "'");
                return;
            } catch (SQLException e) {
                lastFailure = e;
            }
        }
        throw lastFailure;
    }

    private static int serverVersion(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SHOW server_version_num")) {
            rs.next();
            return Integer.parseInt(rs.getString(1));
        }
    }

    /** A PostgreSQL server to make test databases on. */
    private record Server(String source, String adminUrl, String user, String password) {

        private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/?]*)(/[^?]*)?(\\?.*)?$");

        Connection connectToAdminDatabase() throws SQLException {
            return DriverManager.getConnection(adminUrl, user, password);
        }

        /** The admin URL with another database name; host, port and parameters kept. */
        String jdbcUrlFor(String database) {
            Matcher url = URL.matcher(adminUrl);
            if (!url.matches()) {
                throw new IllegalStateException("expected jdbc:postgresql://host[:port]/database[?...], got "
                        + PostgresSettings.withoutQuery(adminUrl));
            }
            return url.group(1) + "/" + database + (url.group(3) == null ? "" : url.group(3));
        }
    }

    /** The server for this JVM, chosen on first use (class initialisation is lazy and thread-safe). */
    private static final class ChosenServer {

        static final Server SERVER = choose();

        private static Server choose() {
            long start = System.nanoTime();
            Server server = fromEnvironment().or(ChosenServer::fromTestcontainers).orElseGet(ChosenServer::embedded);
            LOG.info("Test databases come from {} (ready in {} ms)", server.source(),
                    Duration.ofNanos(System.nanoTime() - start).toMillis());
            return server;
        }

        private static Optional<Server> fromEnvironment() {
            String url = System.getenv("BOOKS_TEST_DB_URL");
            if (url == null || url.isBlank()) {
                return Optional.empty();
            }
            String user = Optional.ofNullable(System.getenv("BOOKS_TEST_DB_USER")).orElse("postgres");
            String password = Optional.ofNullable(System.getenv("BOOKS_TEST_DB_PASSWORD")).orElse("");
            return Optional.of(new Server("BOOKS_TEST_DB_URL (" + PostgresSettings.withoutQuery(url) + ")", url,
                    user, password));
        }

        private static Optional<Server> fromTestcontainers() {
            boolean docker;
            try {
                docker = DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException | LinkageError e) {
                LOG.debug("No Docker engine for Testcontainers", e);
                docker = false;
            }
            if (!docker) {
                return Optional.empty();
            }
            // Started once and left running: Testcontainers' reaper removes it when the JVM ends.
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:17");
            container.start();
            return Optional.of(new Server("Testcontainers " + container.getDockerImageName(),
                    container.getJdbcUrl(), container.getUsername(), container.getPassword()));
        }

        private static Server embedded() {
            try {
                // Stopped by its own shutdown hook when the JVM ends.
                EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "off")
                        .setServerConfig("full_page_writes", "off")
                        .start();
                String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
                return new Server("embedded PostgreSQL (zonky) on port " + postgres.getPort(), url, "postgres", "");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start an embedded PostgreSQL", e);
            }
        }
    }

    @Override
    public String toString() {
        return name + " on " + server.source();
    }
}
