package dev.books.bootstrap;

import dev.books.adapter.http.HttpApi;
import dev.books.adapter.postgres.PostgresDatabase;
import dev.books.adapter.postgres.PostgresSettings;
import dev.books.application.BookUseCases;
import dev.books.application.BulkUseCases;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Books service: the database (embedded or external), the pool, the use cases and the HTTP server,
 * wired by hand. {@link #close()} stops them in reverse order.
 */
final class BooksServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BooksServer.class);

    private final EmbeddedDatabase embedded;
    private final PostgresDatabase database;
    private final Javalin http;

    private BooksServer(EmbeddedDatabase embedded, PostgresDatabase database, Javalin http) {
        this.embedded = embedded;
        this.database = database;
        this.http = http;
    }

    /** Starts everything the configuration describes; on failure, stops whatever had started and rethrows. */
    static BooksServer start(BooksConfig config) {
        long started = System.nanoTime();
        EmbeddedDatabase embedded = null;
        PostgresDatabase database = null;
        try {
            PostgresSettings settings;
            if (config.usesEmbeddedDatabase()) {
                embedded = EmbeddedDatabase.start(Path.of(config.dataDir()));
                settings = postgresSettings(config, embedded.jdbcUrl(), embedded.user(), "");
            } else {
                settings = postgresSettings(config, config.dbUrl().orElseThrow(), config.dbUser().orElse(null),
                        config.dbPassword().orElse(null));
            }
            database = PostgresDatabase.connect(settings);
            database.migrate();
            if (embedded != null && embedded.isNew()) {
                loadSampleBooks(database);
            }
            BookUseCases useCases = BookUseCases.using(database.bookRepository(), Clock.systemUTC());
            Javalin http = HttpApi.create(useCases).start(config.httpPort());
            log.info("Books is serving on port {} (started in {} ms)", http.port(),
                    (System.nanoTime() - started) / 1_000_000);
            return new BooksServer(embedded, database, http);
        } catch (RuntimeException e) {
            closeQuietly(database);
            closeQuietly(embedded);
            throw e;
        }
    }

    /** The port the HTTP server listens on (the real one when 0 was asked for). */
    int port() {
        return http.port();
    }

    @Override
    public void close() {
        log.info("Books is shutting down");
        http.stop();
        database.close();
        if (embedded != null) {
            embedded.close();
        }
        log.info("Books stopped");
    }

    /** A nicety for newcomers: a failure is logged, and the service starts with an empty catalogue. */
    private static void loadSampleBooks(PostgresDatabase database) {
        try {
            SampleBooks.load(BulkUseCases.using(database.bookRepository(), database.bookBulkLoader(),
                    Clock.systemUTC()).importBooks());
        } catch (RuntimeException e) {
            log.warn("Could not load the sample books; the catalogue starts empty", e);
        }
    }

    private static PostgresSettings postgresSettings(BooksConfig config, String url, String user, String password) {
        return new PostgresSettings(url, user, password, config.dbPoolSize(), config.dbConnectTimeout(),
                config.dbStatementTimeout(), config.dbSocketTimeout());
    }

    private static void closeQuietly(AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            log.warn("Could not close {} after a failed start", resource, e);
        }
    }
}
