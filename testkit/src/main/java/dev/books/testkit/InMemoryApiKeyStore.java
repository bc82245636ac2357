package dev.books.testkit;

import dev.books.access.ApiKey;
import dev.books.access.ApiKeyStore;
import dev.books.access.DuplicateKeyNameException;
import dev.books.access.StoredApiKey;
import dev.books.domain.StoreUnavailableException;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link ApiKeyStore} in memory that behaves like the PostgreSQL one (unique names, revocation once, newest
 * first), atomically. Passes {@link ApiKeyStoreContract}. {@link #setAvailable(boolean) setAvailable(false)} makes
 * every call fail as an unreachable database would.
 */
public final class InMemoryApiKeyStore implements ApiKeyStore {

    private final Map<String, StoredApiKey> keys = new LinkedHashMap<>();
    private volatile boolean available = true;

    /** While false, every call throws {@link StoreUnavailableException}, as when the database is down. */
    public void setAvailable(boolean available) {
        this.available = available;
    }

    @Override
    public synchronized void add(StoredApiKey key) {
        requireAvailable();
        if (keys.values().stream().anyMatch(held -> held.key().name().equals(key.key().name()))) {
            throw new DuplicateKeyNameException(key.key().name());
        }
        if (keys.containsKey(key.key().id())) {
            throw new IllegalStateException("id " + key.key().id() + " is already taken");
        }
        keys.put(key.key().id(), key);
    }

    @Override
    public synchronized Optional<StoredApiKey> find(String id) {
        requireAvailable();
        return Optional.ofNullable(keys.get(id));
    }

    @Override
    public synchronized List<ApiKey> all() {
        requireAvailable();
        return keys.values().stream().map(StoredApiKey::key)
                .sorted(Comparator.comparing(ApiKey::created).thenComparing(ApiKey::name).reversed())
                .toList();
    }

    @Override
    public synchronized boolean revoke(String name, Instant at) {
        requireAvailable();
        for (StoredApiKey held : keys.values()) {
            ApiKey key = held.key();
            if (key.name().equals(name) && key.revoked().isEmpty()) {
                keys.put(key.id(), new StoredApiKey(new ApiKey(key.id(), key.name(), key.scopes(), key.created(),
                        key.lastUsed(), key.expires(), Optional.of(at)), held.secretHash()));
                return true;
            }
        }
        return false;
    }

    @Override
    public synchronized void touch(String id, Instant at) {
        requireAvailable();
        StoredApiKey held = keys.get(id);
        if (held != null) {
            ApiKey key = held.key();
            keys.put(id, new StoredApiKey(new ApiKey(key.id(), key.name(), key.scopes(), key.created(),
                    Optional.of(at), key.expires(), key.revoked()), held.secretHash()));
        }
    }

    private void requireAvailable() {
        if (!available) {
            throw new StoreUnavailableException("the in-memory store is switched off", null);
        }
    }
}
