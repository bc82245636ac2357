package dev.books.access;

import java.util.Objects;

/**
 * An API key as its store keeps it: what is known of it, and the SHA-256 of its secret (never the secret).
 *
 * @param secretHash 32 bytes
 */
public record StoredApiKey(ApiKey key, byte[] secretHash) {

    public StoredApiKey {
        Objects.requireNonNull(key, "key");
        if (secretHash.length != ApiKeys.HASH_BYTES) {
            throw new IllegalArgumentException("a secret's hash is " + ApiKeys.HASH_BYTES + " bytes");
        }
        secretHash = secretHash.clone();
    }

    /** A copy. */
    @Override
    public byte[] secretHash() {
        return secretHash.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredApiKey that && key.equals(that.key)
                && java.util.Arrays.equals(secretHash, that.secretHash);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return "StoredApiKey[" + key + "]"; // never the hash
    }
}
