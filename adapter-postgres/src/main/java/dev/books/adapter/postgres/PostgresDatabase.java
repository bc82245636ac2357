package dev.books.adapter.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.books.access.ApiKeyStore;
import dev.books.domain.BookBulkLoader;
import dev.books.domain.BookReads;
import dev.books.domain.BookRepository;
import dev.books.domain.ConsistencyTokens;
import dev.books.domain.RequestLog;
import dev.books.domain.StoreUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The books database: a HikariCP pool of pgjdbc connections, the schema migrations, and the {@link BookRepository}
 * and {@link RequestLog} on top. Made by {@link #connect(PostgresSettings)}, closed once at shutdown.
 *
 * <p>Connecting does not wait for the database: the service can start while it is down
 * ({@link #migrateWhenReachable}), {@link #isReachable} says when it is back, and every repository call fails fast in
 * the meantime with {@link StoreUnavailableException}.
 *
 * <p>With a read replica ({@link ReadReplicaSettings}) it has a second pool, and {@link #bookReads()} reads there
 * whatever need not run on the primary, each read seeing every write acknowledged before it began (ADR 0015);
 * {@link #consistencyTokens()} hands out and takes back the tokens that spare such reads a question to the primary.
 */
public final class PostgresDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresDatabase.class);
    private static final String POOL_NAME = "books-db";
    private static final String READ_POOL_NAME = "books-db-read";
    /**
     * How long pgjdbc trusts what it learnt of a host of a multi-host URL (which is the primary, which is down): after
     * a failover, a standby it found read-only is asked again this soon. Its default is 10 s.
     */
    private static final int HOST_RECHECK_SECONDS = 1;
    private static final String APPLICATION_NAME = "books";
    private static final long LONGEST_VALIDATION_MILLIS = 5_000;
    /** Probes stuck on a silent socket are not joined by more: past this many, the answer is "unreachable". */
    private static final int MAX_PENDING_PROBES = 2;
    /** How often a schema migration the database was not there for is tried again. */
    private static final Duration MIGRATION_RETRY_INTERVAL = ReconnectingDataSource.RETRY_INTERVAL;
    private static final String SCHEMA_PENDING = "the database has not answered since the start, so the schema is not"
            + " migrated yet";

    private final ReconnectingDataSource connections;
    private final HikariDataSource pool;
    private final Duration statementTimeout;
    /** Whether pgjdbc prepares statements on the server (prepareThreshold above 0), which transaction pooling breaks. */
    private final boolean preparesOnServer;
    private final PGSimpleDataSource migrations;
    private final Jdbi jdbi;
    private final BookRepository repository;
    private final BookBulkLoader bulkLoader;
    private final RequestLog requestLog;
    private final ApiKeyStore apiKeys;
    /** Null without a read replica. */
    private final ReadReplica replica;
    private final ThreadPoolExecutor probes;
    private final AtomicBoolean lastProbeAnswered = new AtomicBoolean(true);
    /** Why the pool is closed to the application until a migration succeeds; null when it is open. */
    private volatile String schemaPending;
    private volatile Thread migrator;

    private PostgresDatabase(Pool primary, Duration statementTimeout, boolean preparesOnServer,
            PGSimpleDataSource migrations,
            PGSimpleDataSource bulkLoads, Pool readPool, Duration maxLag, MeterRegistry meters) {
        this.connections = primary.connections();
        this.statementTimeout = statementTimeout;
        this.preparesOnServer = preparesOnServer;
        this.pool = primary.pool();
        this.migrations = migrations;
        this.jdbi = Jdbi.create(this::pooledConnection).installPlugin(new PostgresPlugin());
        JdbiBookRepository books = new JdbiBookRepository(jdbi);
        this.repository = books;
        this.bulkLoader = new JdbiBookBulkLoader(Jdbi.create(bulkLoads).installPlugin(new PostgresPlugin()));
        this.requestLog = new JdbiRequestLog(jdbi);
        this.apiKeys = new JdbiApiKeyStore(jdbi);
        this.replica = readPool == null ? null : new ReadReplica(readPool.pool(), readPool.connections(), jdbi, books,
                () -> schemaPending == null, maxLag, meters);
        this.probes = new ThreadPoolExecutor(0, MAX_PENDING_PROBES, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, POOL_NAME + "-probe");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Builds the pool (without waiting for the database to answer) and the repository on it. */
    public static PostgresDatabase connect(PostgresSettings settings) {
        return connect(settings, null);
    }

    /**
     * As {@link #connect(PostgresSettings)}, with the pool's gauges and timers (HikariCP's own Micrometer
     * tracker: {@code hikaricp_connections_active}, {@code _pending}, {@code _acquire}…) in {@code meters}.
     */
    public static PostgresDatabase connect(PostgresSettings settings, MeterRegistry meters) {
        return connect(settings, Optional.empty(), meters);
    }

    /**
     * As {@link #connect(PostgresSettings, MeterRegistry)}, with a read replica: a second pool
     * ({@code hikaricp_*{pool="books-db-read"}}), and {@link #bookReads()} reading there.
     */
    public static PostgresDatabase connect(PostgresSettings settings, ReadReplicaSettings readReplica,
            MeterRegistry meters) {
        return connect(settings, Optional.of(readReplica), meters);
    }

    private static PostgresDatabase connect(PostgresSettings settings, Optional<ReadReplicaSettings> readReplica,
            MeterRegistry meters) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(readReplica, "readReplica");
        Pool primary = pool(POOL_NAME, driverDataSource(settings, APPLICATION_NAME), settings, meters);
        Pool reads = readReplica.map(replica -> pool(READ_POOL_NAME,
                driverDataSource(replica.connection(), APPLICATION_NAME + "-read"), replica.connection(), meters))
                .orElse(null);
        return new PostgresDatabase(primary, settings.statementTimeout(),
                primary.driver().getPrepareThreshold() > 0, migrationDataSource(settings),
                bulkLoadDataSource(settings), reads,
                readReplica.map(ReadReplicaSettings::maxLag).orElse(null),
                meters == null ? new SimpleMeterRegistry() : meters);
    }

    /** A pool of connections opened by {@code driver}, retried while the server is away. */
    private static Pool pool(String name, PGSimpleDataSource driver, PostgresSettings settings, MeterRegistry meters) {
        ReconnectingDataSource connections = new ReconnectingDataSource(driver);
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setDataSource(connections);
        config.setMaximumPoolSize(settings.poolSize());
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        config.setValidationTimeout(Math.min(settings.connectionTimeout().toMillis(), LONGEST_VALIDATION_MILLIS));
        // Start even when the database is down: the pool fills once it answers.
        config.setInitializationFailTimeout(-1);
        if (meters != null) {
            config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
        }
        HikariDataSource pool = new HikariDataSource(config);
        LOG.info("PostgreSQL pool {}: {} as {}, {} connections; timeouts: connection {} ms, statement {} ms, "
                + "socket {} s", name, describe(driver), settings.user(), settings.poolSize(),
                settings.connectionTimeout().toMillis(), settings.statementTimeout().toMillis(),
                settings.socketTimeoutSeconds());
        return new Pool(driver, connections, pool);
    }

    /** A pool and what feeds it. */
    private record Pool(PGSimpleDataSource driver, ReconnectingDataSource connections, HikariDataSource pool) {
    }

    /**
     * Brings the schema up to date with the migrations in {@code db/migration} and the Java ones (V2,
     * {@link NormalizeStoredText}); logs what it applied.
     *
     * @throws StoreUnavailableException when the database cannot be reached
     * @throws IllegalStateException naming the stored books a person must correct, delete or choose between before
     *     V2 can normalise their text (nothing is changed then)
     */
    public void migrate() {
        migrateTo(MigrationVersion.LATEST);
    }

    /** Applies the migrations up to and including {@code target}: for tests that start from an older schema. */
    void migrateTo(MigrationVersion target) {
        try {
            MigrateResult result = Flyway.configure(PostgresDatabase.class.getClassLoader())
                    .dataSource(migrations)
                    .locations("classpath:db/migration")
                    // Registered, not found by scanning: the migration that needs the domain's key function lives
                    // in this package, package-private, like the rest of the adapter.
                    .javaMigrations(new NormalizeStoredText())
                    .target(target)
                    .failOnMissingLocations(true)
                    .loggers("slf4j")
                    .load()
                    .migrate();
            schemaPending = null;
            if (result.migrationsExecuted == 0) {
                LOG.info("Database schema is up to date at version {}", result.initialSchemaVersion);
            } else {
                LOG.info("Applied {} migration(s): schema version {} -> {}", result.migrationsExecuted,
                        result.initialSchemaVersion == null ? "none" : result.initialSchemaVersion,
                        result.targetSchemaVersion);
            }
            warnUnlessUnicodeCharacterClasses();
            warnUnlessSessionSettingsArrived();
        } catch (FlywayException | JdbiException e) {
            // Flyway says only "Migration failed"; the books that need a decision are what the operator must see.
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof StoredTextConflictException conflict) {
                    throw conflict;
                }
                if (cause instanceof SQLException sql && PoolerHints.refusedStartupOptions(sql)) {
                    throw new IllegalStateException("The database refused the session settings Books sends when it"
                            + " connects (" + sql.getMessage() + "): " + PoolerHints.REMEDY, e);
                }
            }
            throw SqlFailures.toDomain(e);
        }
    }

    /**
     * As {@link #migrate()} when the database answers. When it does not, returns at once and keeps trying in the
     * background (every 250 ms); until a migration succeeds every repository call fails with
     * {@link StoreUnavailableException} and {@link #isReachable} is false, so that a service started while its
     * database is down answers 503 and turns ready once the schema is in place. A failure other than the database's
     * absence (a broken migration, a missing privilege) is logged with its stack trace and ends the trying: the
     * service stays unready.
     */
    public void migrateWhenReachable() {
        try {
            migrate();
        } catch (StoreUnavailableException e) {
            schemaPending = SCHEMA_PENDING;
            LOG.warn("The database does not answer ({}); requests get 503 until it does and the schema is migrated",
                    e.getMessage());
            Thread thread = new Thread(this::keepMigrating, POOL_NAME + "-migrator");
            thread.setDaemon(true);
            migrator = thread;
            thread.start();
        }
    }

    /** The migrator's loop; {@link #close()} ends it by clearing {@link #migrator}. */
    private void keepMigrating() {
        while (migrator == Thread.currentThread()) {
            try {
                TimeUnit.MILLISECONDS.sleep(MIGRATION_RETRY_INTERVAL.toMillis());
                migrate();
                LOG.info("The database answers: schema migrated, serving");
                return;
            } catch (InterruptedException closing) {
                return;
            } catch (StoreUnavailableException stillAway) {
                // the next round
            } catch (RuntimeException e) {
                if (migrator == Thread.currentThread()) {
                    LOG.error("Could not migrate the schema; Books stays unready until it is restarted", e);
                }
                return;
            }
        }
    }

    /** The {@link BookRepository} on this database's pool. */
    public BookRepository bookRepository() {
        return repository;
    }

    /**
     * The reads that need not run on the primary: on the read replica when there is one (each seeing every write
     * acknowledged before it began), otherwise the {@link #bookRepository()} itself.
     */
    public BookReads bookReads() {
        return replica == null ? repository : replica.reads();
    }

    /** The tokens of the read replica's reads; {@link ConsistencyTokens#NONE} without one. */
    public ConsistencyTokens consistencyTokens() {
        return replica == null ? ConsistencyTokens.NONE : replica.tokens();
    }

    /**
     * How the read replica is, as readiness reports it: {@code UP} (reads go there), {@code LAGGING} or {@code DOWN}
     * (reads go to the primary meanwhile); empty without one. Not a condition of readiness: the primary serves all.
     */
    public Optional<String> readReplicaState() {
        return replica == null ? Optional.empty() : Optional.of(replica.state().report());
    }

    /** The {@link BookBulkLoader} of this database: each load on a connection of its own, outside the pool. */
    public BookBulkLoader bookBulkLoader() {
        return bulkLoader;
    }

    /** The {@link RequestLog} (idempotency keys) on this database's pool. */
    public RequestLog requestLog() {
        return requestLog;
    }

    /** The {@link ApiKeyStore} (API keys, as hashes) on this database's pool. */
    public ApiKeyStore apiKeyStore() {
        return apiKeys;
    }

    /** Whether a {@code SELECT 1} comes back within {@code timeout}; false on any failure. For readiness checks. */
    public boolean isReachable(Duration timeout) {
        Future<Integer> probe;
        try {
            probe = probes.submit(() -> jdbi.withHandle(handle -> handle.createQuery("SELECT 1")
                    .mapTo(Integer.class).one()));
        } catch (RejectedExecutionException e) {
            return answered(false, "earlier probes are still waiting for an answer");
        }
        try {
            return answered(probe.get(timeout.toNanos(), TimeUnit.NANOSECONDS) == 1, "SELECT 1 did not return 1");
        } catch (InterruptedException e) {
            probe.cancel(true);
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return answered(false, String.valueOf(e.getCause()));
        } catch (TimeoutException e) {
            probe.cancel(true);
            return answered(false, "no answer within " + timeout.toMillis() + " ms");
        }
    }

    /** The pool, for metrics and health checks; the application's own access goes through the repository. */
    public DataSource dataSource() {
        return pool;
    }

    /** Closes the pool: in-flight statements finish, new calls fail. */
    @Override
    public void close() {
        Thread running = migrator;
        migrator = null;
        if (running != null) {
            running.interrupt();
        }
        probes.shutdownNow();
        if (replica != null) {
            replica.close();
        }
        connections.close();
        pool.close();
        LOG.info("PostgreSQL pool {} closed", POOL_NAME);
    }

    /** Every connection the application (and the readiness probe) uses: from the pool, once the schema is there. */
    private Connection pooledConnection() throws SQLException {
        String pending = schemaPending;
        if (pending != null) {
            throw new SQLTransientConnectionException(pending);
        }
        return pool.getConnection();
    }

    /** Logs a change of reachability once, not every probe. */
    private boolean answered(boolean reachable, String whyNot) {
        if (lastProbeAnswered.getAndSet(reachable) != reachable) {
            if (reachable) {
                LOG.info("The database answers again");
            } else {
                LOG.warn("The database does not answer: {}", whyNot);
            }
        }
        return reachable;
    }

    /**
     * pg_trgm finds words by the database's LC_CTYPE: under a non-UTF-8 one (such as {@code C}) no accented letter
     * is part of a word, and search would rank "García" as if it were the two words "Garc" and "a".
     */
    private void warnUnlessUnicodeCharacterClasses() {
        String ctype = jdbi.withHandle(handle -> handle.createQuery(
                "SELECT datctype FROM pg_database WHERE datname = current_database()").mapTo(String.class).one());
        String normalized = ctype.toLowerCase(Locale.ROOT).replace("-", "");
        if (!normalized.endsWith(".utf8")) {
            LOG.warn("The database's LC_CTYPE is {}; fuzzy search treats only ASCII letters as letters. "
                    + "Create the database with a UTF-8 locale (e.g. C.UTF-8) for search to see accented letters", ctype);
        }
    }

    /**
     * A pooled session without the mark of the startup packet's options did not get them: a pooler dropped them
     * (PgBouncer with {@code ignore_startup_parameters = options}), and each session has what the role or database
     * says instead. Told once at start, with what those say and what the URL lacks.
     */
    private void warnUnlessSessionSettingsArrived() {
        Map<String, Object> session = jdbi.withHandle(handle -> handle.createQuery(
                "SELECT current_setting('" + PoolerHints.MARK + "', true) AS mark,"
                        + " (SELECT setting FROM pg_settings WHERE name = 'statement_timeout') AS statement_timeout")
                .mapToMap().one());
        if (!"on".equals(session.get("mark"))) {
            LOG.warn("Sessions do not get the settings Books sends when it connects (their statement_timeout is {} ms,"
                    + " Books asks for {} ms; prepareThreshold=0 is {} in the URL): {}", session.get("statement_timeout"),
                    statementTimeout.toMillis(), preparesOnServer ? "not" : "set", PoolerHints.REMEDY);
        }
    }

    private static PGSimpleDataSource driverDataSource(PostgresSettings settings, String applicationName) {
        PGSimpleDataSource driver = unpooled(settings, applicationName);
        driver.setSocketTimeout(settings.socketTimeoutSeconds());
        driver.setReWriteBatchedInserts(true);
        driver.setOptions(withOptions(driver.getOptions(),
                "-c statement_timeout=" + settings.statementTimeout().toMillis()
                        // Short statements only: the planner overestimates what a search matches (hundreds of
                        // slips, most in no book), and would compile it (JIT) or start workers for it, each
                        // costing more than the search itself (ADR 0016).
                        + " -c jit=off -c max_parallel_workers_per_gather=0"
                        // A mark that only these options set: a session without it did not get them (a pooler).
                        + " -c " + PoolerHints.MARK + "=on"));
        return driver;
    }

    /**
     * Flyway's own connections, outside the pool: a migration must not wait for (or hold) the application's
     * connections, and may run longer than any request is allowed to (an index build on a large table), so these
     * sessions have neither a statement timeout nor a socket timeout. They are opened at start-up only.
     */
    private static PGSimpleDataSource migrationDataSource(PostgresSettings settings) {
        PGSimpleDataSource driver = unpooled(settings, APPLICATION_NAME + "-migrations");
        driver.setOptions(withOptions(driver.getOptions(), "-c statement_timeout=0"));
        return driver;
    }

    private static PGSimpleDataSource unpooled(PostgresSettings settings, String applicationName) {
        PGSimpleDataSource driver = new PGSimpleDataSource();
        // The URL's own parameters first; every setting below overrides what it says.
        driver.setURL(settings.jdbcUrl());
        driver.setUser(settings.user());
        driver.setPassword(settings.password());
        driver.setApplicationName(applicationName);
        driver.setConnectTimeout(settings.connectTimeoutSeconds());
        driver.setLoginTimeout(settings.connectTimeoutSeconds());
        driver.setTcpKeepAlive(true);
        if (!settings.jdbcUrl().contains("hostRecheckSeconds=")) {
            driver.setHostRecheckSeconds(HOST_RECHECK_SECONDS);
        }
        // Keeps row values (an ISBN, a title) out of exception messages and hence out of logs.
        driver.setLogServerErrorDetail(false);
        return driver;
    }

    /**
     * Bulk loads' own connections, outside the pool, for the same reasons as the migrations': a load is one long
     * transaction whose last statements rebuild indexes, so neither a statement timeout nor a socket timeout
     * applies (TCP keep-alive still notices a dead peer). One per running load.
     */
    private static PGSimpleDataSource bulkLoadDataSource(PostgresSettings settings) {
        PGSimpleDataSource driver = unpooled(settings, APPLICATION_NAME + "-bulk-load");
        driver.setOptions(withOptions(driver.getOptions(), "-c statement_timeout=0"));
        return driver;
    }

    /**
     * Session settings travel in the startup packet, after any the URL brings (the last {@code -c} wins): they hold
     * from a connection's first statement on, and no statement run on a pooled connection can lose them.
     */
    private static String withOptions(String fromUrl, String ours) {
        return fromUrl == null || fromUrl.isBlank() ? ours : fromUrl + " " + ours;
    }

    private static String describe(PGSimpleDataSource driver) {
        String[] hosts = driver.getServerNames();
        int[] ports = driver.getPortNumbers();
        StringBuilder where = new StringBuilder("postgresql://");
        for (int i = 0; i < hosts.length; i++) {
            where.append(i == 0 ? "" : ",").append(hosts[i]);
            if (ports != null && i < ports.length && ports[i] != 0) {
                where.append(':').append(ports[i]);
            }
        }
        return where.append('/').append(driver.getDatabaseName()).toString();
    }
}
