package dev.books.bootstrap;

import dev.books.adapter.postgres.PostgresDatabase;
import dev.books.adapter.postgres.PostgresSettings;
import dev.books.adapter.postgres.ReadReplicaSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;

/**
 * The database the configuration names, ready for use: the embedded one (started here, stopped by
 * {@link #close()}) or BOOKS_DB_URL's, connected through the pool and with the schema brought up to date. The
 * one-shot commands open it with {@link #open(Settings)}, the service with {@link #openForService}.
 */
final class WiredDatabase implements AutoCloseable {

    private final EmbeddedDatabase embedded;
    private final PostgresDatabase database;

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

    private static WiredDatabase open(Settings config, MeterRegistry meters, boolean databaseMayBeAway) {
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
            if (databaseMayBeAway && embedded == null) {
                database.migrateWhenReachable();
            } else {
                database.migrate();
            }
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
