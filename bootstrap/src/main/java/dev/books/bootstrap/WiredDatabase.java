package dev.books.bootstrap;

import dev.books.adapter.postgres.PostgresDatabase;
import dev.books.adapter.postgres.PostgresSettings;
import dev.books.adapter.postgres.ReadReplicaSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The database the configuration names, ready for use: the embedded one (started here, stopped by
 * {@link #close()}) or BOOKS_DB_URL's, connected through the pool and with the schema brought up to date. The
 * one-shot commands open it with {@link #open(Settings)}, the service with {@link #openForService}.
 */
final class WiredDatabase implements AutoCloseable {

    private final EmbeddedDatabase embedded;
    private final PostgresDatabase database;
    /** The migration started by {@link #connectForService}, until {@link #awaitSchema()} has joined it. */
    private CompletableFuture<Void> schema;

    private WiredDatabase(EmbeddedDatabase embedded, PostgresDatabase database) {
        this.embedded = embedded;
        this.database = database;
    }

    /** Starts (if embedded), connects and migrates; on failure stops whatever had started and rethrows. */
    static WiredDatabase open(Settings config) {
        return open(config, null, false);
    }

    /**
     * As {@link #open(Settings)}, with the pool's metrics in {@code meters}, except that BOOKS_DB_URL's database
     * need not answer yet: the service then starts unready, answers 503, and migrates once the database is there
     * (an orchestrator that restarts a service whose database is away would only delay its recovery).
     */
    static WiredDatabase openForService(Settings config, MeterRegistry meters) {
        return open(config, meters, true);
    }

    /**
     * As {@link #openForService}, but the schema is migrated on a thread of its own: the service builds its HTTP
     * side meanwhile (mostly loading classes, on the machine's other core) and calls {@link #awaitSchema()} before
     * it uses the database or serves.
     */
    static WiredDatabase connectForService(Settings config, MeterRegistry meters) {
        WiredDatabase wired = connect(config, meters);
        Runnable migration = wired.embedded == null ? wired.database::migrateWhenReachable : wired.database::migrate;
        wired.schema = CompletableFuture.runAsync(migration, task -> {
            Thread thread = new Thread(task, "books-migrate");
            thread.setDaemon(true);
            thread.start();
        });
        return wired;
    }

    /**
     * Waits for the migration {@link #connectForService} started: returns once the schema is up to date (or, the
     * database being away, once its migration is left to the background); rethrows what made it fail.
     */
    void awaitSchema() {
        try {
            schema.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }

    /** As {@link #awaitSchema()}, ignoring a failure (the caller is already failing for another reason). */
    void awaitSchemaQuietly() {
        if (schema != null) {
            schema.exceptionally(failure -> null).join();
        }
    }

    private static WiredDatabase open(Settings config, MeterRegistry meters, boolean databaseMayBeAway) {
        WiredDatabase wired = connect(config, meters);
        try {
            if (databaseMayBeAway && wired.embedded == null) {
                wired.database.migrateWhenReachable();
            } else {
                wired.database.migrate();
            }
            return wired;
        } catch (RuntimeException e) {
            wired.close();
            throw e;
        }
    }

    /** Starts (if embedded) and connects, without migrating; on failure stops whatever had started and rethrows. */
    private static WiredDatabase connect(Settings config, MeterRegistry meters) {
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
            database = config.dbRead().isPresent() && embedded == null
                    ? PostgresDatabase.connect(settings, readReplica(config, config.dbRead().get()), meters)
                    : PostgresDatabase.connect(settings, meters);
            return new WiredDatabase(embedded, database);
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

    /** Whether the embedded database was created by this start (never true for BOOKS_DB_URL's). */
    boolean isNewEmbeddedDatabase() {
        return embedded != null && embedded.isNew();
    }

    /** Closes the pool (a migration still running fails on it) and stops the embedded database. */
    @Override
    public void close() {
        database.close();
        if (embedded != null) {
            embedded.close();
        }
    }

    private static PostgresSettings settings(Settings config, String url, String user, String password) {
        return new PostgresSettings(url, user, password, config.dbPoolSize(), config.dbConnectTimeout(),
                config.dbStatementTimeout(), config.dbSocketTimeout());
    }

    /** The read replica's connection: its own URL and pool size, the primary's credentials unless it has its own. */
    private static ReadReplicaSettings readReplica(Settings config, ReadReplicaConfig read) {
        return new ReadReplicaSettings(new PostgresSettings(read.url(),
                read.user().or(config::dbUser).orElse(null), read.password().or(config::dbPassword).orElse(null),
                read.poolSize(), config.dbConnectTimeout(), config.dbStatementTimeout(), config.dbSocketTimeout()),
                read.maxLag());
    }
}
