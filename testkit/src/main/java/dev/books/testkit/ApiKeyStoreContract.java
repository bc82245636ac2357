package dev.books.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.books.access.ApiKey;
import dev.books.access.ApiKeyStore;
import dev.books.access.DuplicateKeyNameException;
import dev.books.access.Scope;
import dev.books.access.StoredApiKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ApiKeyStore} must show. Extend it and return a new, empty store from
 * {@link #emptyStore()}.
 */
public abstract class ApiKeyStoreContract {

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    protected ApiKeyStore store;

    /** A new store with no keys; called before every test. */
    protected abstract ApiKeyStore emptyStore();

    @BeforeEach
    void startEmpty() {
        store = emptyStore();
    }

    /** A key to store: its id and hash made from {@code seed}, created {@code minutes} after a fixed instant. */
    protected static StoredApiKey key(String name, int seed, int minutes, Scope... scopes) {
        byte[] hash = new byte[32];
        Arrays.fill(hash, (byte) seed);
        String id = String.format("%012x", seed);
        return new StoredApiKey(new ApiKey(id, name, EnumSet.copyOf(Arrays.asList(scopes)),
                CREATED.plus(Duration.ofMinutes(minutes)), Optional.empty(),
                Optional.of(CREATED.plus(Duration.ofDays(90))), Optional.empty()), hash);
    }

    @Test
    void a_stored_key_is_found_by_its_id_with_its_hash() {
        StoredApiKey importer = key("importer", 1, 0, Scope.WRITE, Scope.READ);
        store.add(importer);

        assertThat(store.find(importer.key().id())).contains(importer);
        assertThat(store.find("ffffffffffff")).isEmpty();
    }

    @Test
    void names_are_unique_even_among_revoked_keys() {
        store.add(key("importer", 1, 0, Scope.WRITE));
        store.revoke("importer", CREATED);

        assertThatThrownBy(() -> store.add(key("importer", 2, 1, Scope.WRITE)))
                .isInstanceOf(DuplicateKeyNameException.class);
    }

    @Test
    void keys_are_listed_newest_first() {
        store.add(key("first", 1, 0, Scope.READ));
        store.add(key("second", 2, 5, Scope.READ));

        assertThat(store.all()).extracting(ApiKey::name).containsExactly("second", "first");
    }

    @Test
    void a_key_is_revoked_once_and_keeps_the_time_of_its_revocation() {
        StoredApiKey importer = key("importer", 1, 0, Scope.WRITE);
        store.add(importer);
        Instant at = CREATED.plus(Duration.ofHours(1));

        assertThat(store.revoke("importer", at)).isTrue();
        assertThat(store.revoke("importer", at.plusSeconds(60))).isFalse();
        assertThat(store.revoke("nobody", at)).isFalse();
        assertThat(store.find(importer.key().id()).orElseThrow().key().revoked()).contains(at);
    }

    @Test
    void its_last_use_is_noted() {
        StoredApiKey importer = key("importer", 1, 0, Scope.WRITE);
        store.add(importer);
        Instant at = CREATED.plus(Duration.ofMinutes(30));

        store.touch(importer.key().id(), at);

        assertThat(store.find(importer.key().id()).orElseThrow().key().lastUsed()).contains(at);
        assertThat(store.all().get(0).lastUsed()).contains(at);
    }

    @Test
    void scopes_and_expiry_read_back_as_written() {
        StoredApiKey admin = key("ops", 3, 0, Scope.ADMIN, Scope.READ, Scope.DELETE);
        store.add(admin);

        ApiKey read = store.find(admin.key().id()).orElseThrow().key();
        assertThat(read.scopes()).containsExactlyInAnyOrder(Scope.ADMIN, Scope.READ, Scope.DELETE);
        assertThat(read.expires()).isEqualTo(admin.key().expires());
        assertThat(read.created()).isEqualTo(admin.key().created());
    }
}
