package dev.books.adapter.postgres;

import java.util.function.Consumer;
import org.flywaydb.core.api.MigrationVersion;
import org.jdbi.v3.core.Jdbi;

/**
 * A {@link PostgresTestDatabase} with the schema migrated (fully, or up to a version) and a pool on it: the fixture
 * most test classes share.
 * Create it in {@code @BeforeAll}, close it in {@code @AfterAll}: the pool closes first, then the database is
 * dropped. If creating it fails half-way, what was made is cleaned up before the failure propagates.
 */
final class MigratedTestDatabase implements AutoCloseable {

    private final PostgresTestDatabase server;
    private final PostgresDatabase database;
    private final Jdbi jdbi;

    private MigratedTestDatabase(PostgresTestDatabase server, PostgresDatabase database) {
        this.server = server;
        this.database = database;
        this.jdbi = Jdbi.create(database.dataSource());
    }

    static MigratedTestDatabase create() {
        return create(PostgresSettings.DEFAULT_POOL_SIZE);
    }

    static MigratedTestDatabase create(int poolSize) {
        return create(poolSize, PostgresDatabase::migrate);
    }

    /**
     * The schema as it was at {@code version}, for a test of the migrations after it: it stores rows as the code of
     * that version did, then calls {@code database().migrate()}.
     */
    static MigratedTestDatabase atVersion(String version) {
        return create(PostgresSettings.DEFAULT_POOL_SIZE,
                database -> database.migrateTo(MigrationVersion.fromVersion(version)));
    }

    private static MigratedTestDatabase create(int poolSize, Consumer<PostgresDatabase> migration) {
        PostgresTestDatabase server = PostgresTestDatabase.create();
        try {
            PostgresDatabase database = PostgresDatabase.connect(server.settings(poolSize));
            try {
                migration.accept(database);
                return new MigratedTestDatabase(server, database);
            } catch (RuntimeException e) {
                database.close();
                throw e;
            }
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** The database itself: for plain connections outside the pool, or a second pool on it. */
    PostgresTestDatabase server() {
        return server;
    }

    PostgresDatabase database() {
        return database;
    }

    /** Plain JDBI on the pool, for the tests' own SQL (truncating, inspecting). */
    Jdbi jdbi() {
        return jdbi;
    }

    @Override
    public void close() {
        try {
            database.close();
        } finally {
            server.close();
        }
    }
}
