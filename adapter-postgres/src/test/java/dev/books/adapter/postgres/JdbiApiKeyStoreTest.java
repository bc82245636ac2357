package dev.books.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.books.access.ApiKeyStore;
import dev.books.access.ApiKeys;
import dev.books.access.Scope;
import dev.books.testkit.ApiKeyStoreContract;
import dev.books.testkit.MutableClock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The API-key store contract against real PostgreSQL, plus what is kept of a key in its row: never its secret. */
class JdbiApiKeyStoreTest extends ApiKeyStoreContract {

    private static MigratedTestDatabase testDatabase;
    private static PostgresDatabase database;
    private static Jdbi jdbi;

    @BeforeAll
    static void createDatabase() {
        testDatabase = MigratedTestDatabase.create(2);
        database = testDatabase.database();
        jdbi = testDatabase.jdbi();
    }

    @AfterAll
    static void dropDatabase() {
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    @Override
    protected ApiKeyStore emptyStore() {
        jdbi.useHandle(handle -> handle.execute("TRUNCATE api_keys"));
        return database.apiKeyStore();
    }

    @Test
    void the_row_holds_the_hash_of_the_secret_never_the_secret() {
        ApiKeys keys = new ApiKeys(store, MutableClock.startingAtNewYear2026());
        ApiKeys.CreatedApiKey created = keys.create("importer", Set.of(Scope.WRITE, Scope.READ), Optional.empty());
        String secret = created.secret().substring("books_".length() + 13);

        Map<String, Object> row = jdbi.withHandle(handle -> handle.createQuery(
                "SELECT name, encode(secret_hash, 'base64') AS hash, array_to_string(scopes, ',') AS scopes"
                        + " FROM api_keys").mapToMap().one());

        assertThat(row).containsEntry("name", "importer").containsEntry("scopes", "books:read,books:write");
        assertThat((String) row.get("hash")).doesNotContain(secret);
        assertThat(keys.authenticate(created.secret())).isPresent();
    }
}
