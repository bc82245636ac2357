package dev.books.bootstrap;

import dev.books.access.ApiKeys;
import dev.books.adapter.http.HttpApi;
import dev.books.adapter.http.HttpSettings;
import dev.books.adapter.http.operations.Operations;
import dev.books.adapter.http.operations.ReadinessCheck;
import dev.books.adapter.http.operations.ShutdownSignal;
import dev.books.adapter.postgres.PostgresDatabase;
import dev.books.application.BookUseCases;
import dev.books.application.BulkUseCases;
import dev.books.application.IdempotencyUseCases;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Books service: the database (embedded or external), the pool, the use cases, the purge of expired
 * idempotency keys and the HTTP server, wired by hand. {@link #close()} shuts down gracefully, in reverse order.
 */
final class BooksServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BooksServer.class);

    private final Metrics metrics;
    private final WiredDatabase database;
    private final ExpiredKeyPurger purger;
    private final Javalin http;
    private final ShutdownSignal shuttingDown;
    private final Duration drain;

    private BooksServer(Metrics metrics, WiredDatabase database, ExpiredKeyPurger purger, Javalin http,
                        ShutdownSignal shuttingDown, Duration drain) {
        this.metrics = metrics;
        this.database = database;
        this.purger = purger;
        this.http = http;
        this.shuttingDown = shuttingDown;
        this.drain = drain;
    }

    /** Starts everything the configuration describes; on failure, stops whatever had started and rethrows. */
    static BooksServer start(Settings config) {
        Optional<String> refusal = config.problemServing();
        if (refusal.isPresent()) {
            throw new ConfigException(refusal.get());
        }
        long started = System.nanoTime();
        Metrics metrics = new Metrics();
        WiredDatabase database = null;
        ExpiredKeyPurger purger = null;
        try {
            // The schema migrates on its own thread while the HTTP side is built (classes loaded, routes and
            // validators made): neither touches the other until the schema is joined below, before serving.
            database = WiredDatabase.connectForService(config, metrics.registry());
            Clock clock = Clock.systemUTC();
            PostgresDatabase store = database.database();
            BookUseCases useCases = BookUseCases.using(store.bookRepository(), store.bookReads(),
                    store.consistencyTokens(), clock);
            IdempotencyUseCases idempotency = IdempotencyUseCases.using(database.database().requestLog(), clock,
                    config.idempotencyTtl());
            ApiKeys apiKeys = new ApiKeys(database.database().apiKeyStore(), clock);
            HttpSettings httpSettings = new HttpSettings(HttpSettings.DEFAULT_MAX_REQUEST_BODY_BYTES,
                    HttpSettings.DEFAULT_RETRY_AFTER_SECONDS, config.accessLog(), config.shutdownTimeout())
                    .withSecurity(config.security());
            ShutdownSignal shuttingDown = new ShutdownSignal();
            Operations operations =
                    new Operations(metrics.registry(), readiness(database.database(), config), shuttingDown);
            Javalin app = HttpApi.create(useCases, idempotency.idempotentRequests(), apiKeys, httpSettings, operations);

            database.awaitSchema();
            if (database.isNewEmbeddedDatabase()) {
                loadSampleBooks(database.database());
            }
            purger = ExpiredKeyPurger.start(idempotency.purgeExpiredKeys());
            if (config.makesDevelopmentKey()) {
                DevelopmentKey.ensure(apiKeys, Path.of(config.dataDir()));
            }
            Javalin http = app.start(config.httpPort());
            log.info("Books is serving on port {} (started in {} ms)", http.port(),
                    (System.nanoTime() - started) / 1_000_000);
            return new BooksServer(metrics, database, purger, http, shuttingDown, config.shutdownDrain());
        } catch (RuntimeException e) {
            closeQuietly(purger);
            if (database != null) {
                // A start that failed beside the migration lets it finish first: nothing runs on after it.
                database.awaitSchemaQuietly();
            }
            closeQuietly(database);
            closeQuietly(metrics);
            throw e;
        }
    }

    /** The port the HTTP server listens on (the real one when 0 was asked for). */
    int port() {
        return http.port();
    }

    /**
     * Shuts down gracefully: readiness turns 503 at once; after the drain time (BOOKS_SHUTDOWN_DRAIN, default none)
     * the server stops accepting connections and requests in flight finish (up to BOOKS_SHUTDOWN_TIMEOUT); then
     * the purge of expired idempotency keys stops, then the pool closes, then the embedded database stops.
     */
    @Override
    public void close() {
        long started = System.nanoTime();
        shuttingDown.raise();
        if (!drain.isZero()) {
            log.info("Books is shutting down: unready now, still serving for {} ms while load balancers catch up",
                    drain.toMillis());
            sleep(drain);
        }
        log.info("Books is shutting down: no new connections; waiting for requests in flight");
        http.stop();
        log.info("HTTP server stopped after {} ms", (System.nanoTime() - started) / 1_000_000);
        purger.close();
        database.close();
        metrics.close();
        log.info("Books stopped in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    /** The primary decides readiness; the read replica is reported beside it (reads go to the primary without it). */
    private static ReadinessCheck readiness(PostgresDatabase database, Settings config) {
        long timeoutMillis = config.readinessTimeout().toMillis();
        return new ReadinessCheck() {
            @Override
            public Optional<String> notReadyBecause() {
                return database.isReachable(config.readinessTimeout())
                        ? Optional.empty()
                        : Optional.of("The database did not answer within " + timeoutMillis + " ms.");
            }

            @Override
            public Map<String, String> optionalChecks() {
                return database.readReplicaState().map(state -> Map.of("readReplica", state)).orElse(Map.of());
            }
        };
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
