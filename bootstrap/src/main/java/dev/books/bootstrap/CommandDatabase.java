package dev.books.bootstrap;

import dev.books.adapter.postgres.PostgresDatabase;
import dev.books.adapter.postgres.PostgresSettings;
import java.nio.file.Path;

/**
 * The database a one-shot command works on, wired as {@link BooksServer} wires the service's: the embedded one
 * (started for the command, stopped after it) or BOOKS_DB_URL's, with the schema brought up to date.
 */
final class CommandDatabase implements AutoCloseable {

    private final EmbeddedDatabase embedded;
    private final PostgresDatabase database;

    private CommandDatabase(EmbeddedDatabase embedded, PostgresDatabase database) {
        this.embedded = embedded;
        this.database = database;
    }

    /** Starts (if embedded), connects and migrates; on failure stops whatever had started and rethrows. */
    static CommandDatabase open(BooksConfig config) {
        EmbeddedDatabase embedded = null;
        PostgresDatabase database = null;
        try {
            PostgresSettings settings;
            if (config.usesEmbeddedDatabase()) {
                embedded = EmbeddedDatabase.start(Path.of(config.dataDir()));
                settings = settings(config, embedded.jdbcUrl(), embedded.user(), "");
            } else {
                settings = settings(config, config.dbUrl().orElseThrow(), config.dbUser().orElse(null),
                        config.dbPassword().orElse(null));
            }
            database = PostgresDatabase.connect(settings);
            database.migrate();
            return new CommandDatabase(embedded, database);
        } catch (RuntimeException e) {
            if (database != null) {
                database.close();
            }
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    PostgresDatabase database() {
        return database;
    }

    @Override
    public void close() {
        database.close();
        if (embedded != null) {
            embedded.close();
        }
    }

    private static PostgresSettings settings(BooksConfig config, String url, String user, String password) {
        return new PostgresSettings(url, user, password, config.dbPoolSize(), config.dbConnectTimeout(),
                config.dbStatementTimeout(), config.dbSocketTimeout());
    }
}
