package dev.books.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.books.access.ApiKey;
import dev.books.access.ApiKeys;
import dev.books.access.DuplicateKeyNameException;
import dev.books.access.Principal;
import dev.books.access.Scope;
import dev.books.domain.Actor;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The API-key use cases over the in-memory store: a key is shown once, kept as a hash, checked, revoked. */
class ApiKeysTest {

    private final MutableClock clock = MutableClock.startingAtNewYear2026();
    private final InMemoryApiKeyStore store = new InMemoryApiKeyStore();
    private final ApiKeys keys = new ApiKeys(store, clock);

    @Test
    void a_created_key_authenticates_as_its_name_with_its_scopes() {
        ApiKeys.CreatedApiKey created = keys.create("importer", Set.of(Scope.WRITE), Optional.empty());

        assertThat(created.secret()).startsWith(ApiKeys.PREFIX).hasSize(ApiKeys.PREFIX.length() + 12 + 1 + 43);
        assertThat(keys.authenticate(created.secret()))
                .contains(new Principal(new Actor("key:importer"), Set.of(Scope.WRITE)));
        assertThat(created.toString()).doesNotContain(created.secret());
    }

    @Test
    void only_the_hash_of_the_secret_is_kept() {
        ApiKeys.CreatedApiKey created = keys.create("importer", Set.of(Scope.WRITE), Optional.empty());
        String secret = created.secret().substring(created.secret().lastIndexOf('_') + 1);

        byte[] stored = store.find(created.key().id()).orElseThrow().secretHash();
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(secret);
        assertThat(store.all()).extracting(ApiKey::name).containsExactly("importer");
    }

    @Test
    void a_wrong_secret_an_unknown_id_and_garbage_authenticate_nothing() {
        ApiKeys.CreatedApiKey created = keys.create("importer", Set.of(Scope.WRITE), Optional.empty());
        String secret = created.secret();
        String wrongSecret = secret.substring(0, secret.length() - 1) + (secret.endsWith("A") ? "B" : "A");
        String unknownId = ApiKeys.PREFIX + "000000000000" + secret.substring(secret.lastIndexOf('_'));

        assertThat(keys.authenticate(wrongSecret)).isEmpty();
        assertThat(keys.authenticate(unknownId)).isEmpty();
        assertThat(keys.authenticate("books_")).isEmpty();
        assertThat(keys.authenticate("not a key")).isEmpty();
    }

    @Test
    void a_revoked_key_stops_authenticating_within_the_cache_time_on_every_instance() {
        ApiKeys.CreatedApiKey created = keys.create("importer", Set.of(Scope.WRITE), Optional.empty());
        ApiKeys otherInstance = new ApiKeys(store, clock);
        assertThat(otherInstance.authenticate(created.secret())).isPresent();

        assertThat(keys.revoke("importer")).isTrue();

        assertThat(keys.authenticate(created.secret())).as("where it was revoked: at once").isEmpty();
        clock.advance(ApiKeys.CACHE_TTL.plusMillis(1));
        assertThat(otherInstance.authenticate(created.secret())).as("elsewhere: after the cache time").isEmpty();
    }

    @Test
    void a_key_past_its_expiry_authenticates_nothing() {
        ApiKeys.CreatedApiKey created = keys.create("ci", Set.of(Scope.READ), Optional.of(Duration.ofDays(1)));
        assertThat(keys.authenticate(created.secret())).isPresent();

        clock.advance(Duration.ofDays(1));

        assertThat(keys.authenticate(created.secret())).isEmpty();
    }

    @Test
    void its_last_use_is_noted_at_most_once_a_minute() {
        ApiKeys.CreatedApiKey created = keys.create("importer", Set.of(Scope.WRITE), Optional.empty());
        keys.authenticate(created.secret());
        clock.advance(Duration.ofMinutes(2));
        keys.authenticate(created.secret());
        var firstNoted = store.all().get(0).lastUsed();

        clock.advance(Duration.ofSeconds(10));
        keys.authenticate(created.secret());

        assertThat(firstNoted).contains(clock.instant().minusSeconds(10));
        assertThat(store.all().get(0).lastUsed()).isEqualTo(firstNoted);
    }

    @Test
    void names_are_unique_and_well_formed_and_a_key_has_a_scope() {
        keys.create("importer", Set.of(Scope.WRITE), Optional.empty());

        assertThatThrownBy(() -> keys.create("importer", Set.of(Scope.READ), Optional.empty()))
                .isInstanceOf(DuplicateKeyNameException.class);
        assertThatThrownBy(() -> keys.create("with space", Set.of(Scope.READ), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> keys.create("empty", Set.of(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
