package dev.books.bootstrap;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The BOOKS_* environment for a test's own Books process: a database of its own on the server named by
 * BOOKS_TEST_DB_URL (created here, dropped by {@link #close()}) with API keys required (BOOKS_AUTH=keys), or else
 * the embedded one in {@code dataDir}. {@link #createKey} makes a key the way an operator would.
 */
final class TestDatabaseEnvironment implements AutoCloseable {

    private final String database;
    private final Map<String, String> environment = new HashMap<>();

    TestDatabaseEnvironment(Path dataDir) {
        environment.put("BOOKS_HTTP_PORT", "0");
        environment.put("BOOKS_DATA_DIR", dataDir.toString());
        environment.put("BOOKS_LOG_LEVEL", "warn");
        String externalUrl = System.getenv("BOOKS_TEST_DB_URL");
        if (externalUrl == null || externalUrl.isBlank()) {
            database = null;
            return;
        }
        database = "books_boot_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        adminExecute("CREATE DATABASE " + database);
        environment.put("BOOKS_DB_URL", externalUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + database + "$1"));
        environment.put("BOOKS_DB_USER", System.getenv("BOOKS_TEST_DB_USER"));
        environment.put("BOOKS_DB_PASSWORD", System.getenv("BOOKS_TEST_DB_PASSWORD"));
        environment.put("BOOKS_AUTH", "keys");
    }

    /**
     * An API key with every scope, made with {@code books.jar keys create} in this environment. Before the service
     * starts: the embedded database cannot be opened twice.
     */
    String createKey(String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"keys", "create", "--name", name, "--scopes",
                "books:read,books:write,books:delete,books:admin"}, with(), InputStream.nullInputStream(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        if (status != 0) {
            throw new IllegalStateException("keys create failed (" + status + "): " + err.toString(StandardCharsets.UTF_8));
        }
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    /** The environment plus these settings. */
    Map<String, String> with(String... nameValuePairs) {
        Map<String, String> copy = new HashMap<>(environment);
        for (int i = 0; i + 1 < nameValuePairs.length; i += 2) {
            copy.put(nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return copy;
    }

    @Override
    public void close() {
        if (database != null) {
            adminExecute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private static void adminExecute(String sql) {
        try (Connection connection = DriverManager.getConnection(System.getenv("BOOKS_TEST_DB_URL"),
                System.getenv("BOOKS_TEST_DB_USER"), System.getenv("BOOKS_TEST_DB_PASSWORD"));
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the test database: " + sql, e);
        }
    }
}
