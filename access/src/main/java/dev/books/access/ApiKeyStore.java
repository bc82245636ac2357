package dev.books.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The driven port where API keys are kept, as hashes of their secrets. Every method may throw
 * {@link dev.books.domain.StoreUnavailableException} when the store cannot be reached.
 */
public interface ApiKeyStore {

    /**
     * Keeps a new key.
     *
     * @throws DuplicateKeyNameException when a key of that name exists (revoked or not)
     */
    void add(StoredApiKey key);

    /** The key with this id, revoked and expired ones included. */
    Optional<StoredApiKey> find(String id);

    /** Every key, newest first. */
    List<ApiKey> all();

    /** Revokes the key of this name at {@code at}, unless it is revoked already; whether one was revoked now. */
    boolean revoke(String name, Instant at);

    /** Notes that the key authenticated a request at {@code at}. */
    void touch(String id, Instant at);
}
