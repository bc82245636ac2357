package dev.books.access;

import dev.books.domain.Actor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * API keys for machines (CI jobs, importers): created with a name and scopes, shown once, kept only as the hash of
 * their secret, listed, revoked, and checked on every request.
 *
 * <p>A key reads {@code books_<id>_<secret>}: the id (12 hex digits) finds the stored key, the secret (256 random
 * bits, base64url) is compared with its stored SHA-256 in constant time. A fast hash is enough for a secret this
 * long (no dictionary or brute force reaches 256 bits); a slow one would only make every request slower.
 *
 * <p>A checked key is remembered for {@link #CACHE_TTL} on this instance, so a revocation reaches every instance
 * within that time; its last use is noted at most once a minute.
 */
public final class ApiKeys {

    /** The prefix every key starts with: recognisable in configuration files and by secret scanners. */
    public static final String PREFIX = "books_";
    /** How long a checked key is trusted without asking the store again: the delay of a revocation. */
    public static final Duration CACHE_TTL = Duration.ofSeconds(5);
    static final int HASH_BYTES = 32;
    private static final int ID_BYTES = 6;
    private static final int SECRET_BYTES = 32;
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final int MAX_CACHED = 10_000;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern KEY = Pattern.compile(PREFIX + "([0-9a-f]{" + ID_BYTES * 2 + "})_([A-Za-z0-9_-]{43})");

    private final ApiKeyStore store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Checked> checked = new ConcurrentHashMap<>();

    public ApiKeys(ApiKeyStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A new key and its one showing. */
    public record CreatedApiKey(ApiKey key, String secret) {

        @Override
        public String toString() {
            return "CreatedApiKey[" + key + "]"; // never the secret
        }
    }

    /**
     * Creates a key.
     *
     * @param lifetime how long it authenticates, if not forever
     * @throws IllegalArgumentException  when the name is not 1 to 64 of {@code [A-Za-z0-9._-]} or no scope is given
     * @throws DuplicateKeyNameException when a key has that name already
     */
    public CreatedApiKey create(String name, Set<Scope> scopes, Optional<Duration> lifetime) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a key's name is 1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("a key needs at least one scope");
        }
        byte[] idBytes = new byte[ID_BYTES];
        byte[] secretBytes = new byte[SECRET_BYTES];
        random.nextBytes(idBytes);
        random.nextBytes(secretBytes);
        String id = HexFormat.of().formatHex(idBytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        Instant now = now();
        ApiKey key = new ApiKey(id, name, scopes, now, Optional.empty(), lifetime.map(now::plus), Optional.empty());
        store.add(new StoredApiKey(key, sha256(secret)));
        return new CreatedApiKey(key, PREFIX + id + "_" + secret);
    }

    /** Every key, newest first; secrets are never kept, so never shown. */
    public List<ApiKey> list() {
        return store.all();
    }

    /** Revokes the key of this name; whether there was one to revoke. */
    public boolean revoke(String name) {
        boolean revoked = store.revoke(name, now());
        checked.clear();
        return revoked;
    }

    /** Whether a credential has the form of a key (and so must be checked as one, not as a token). */
    public static boolean looksLikeKey(String credential) {
        return credential.startsWith(PREFIX);
    }

    /**
     * The principal a presented key stands for, or empty when it is not a valid, active key. Which part failed is
     * not told: an unknown id, a wrong secret, an expired and a revoked key look the same to the caller.
     */
    public Optional<Principal> authenticate(String presented) {
        var parts = KEY.matcher(presented);
        if (!parts.matches()) {
            return Optional.empty();
        }
        Instant now = now();
        Optional<StoredApiKey> stored = find(parts.group(1), now);
        if (stored.isEmpty()
                || !MessageDigest.isEqual(stored.get().secretHash(), sha256(parts.group(2)))
                || !stored.get().key().isActiveAt(now)) {
            return Optional.empty();
        }
        ApiKey key = stored.get().key();
        touch(key, now);
        return Optional.of(new Principal(Actor.named("key:", key.name()), key.scopes()));
    }

    private Optional<StoredApiKey> find(String id, Instant now) {
        Checked cached = checked.get(id);
        if (cached != null && cached.until().isAfter(now)) {
            return Optional.of(cached.key());
        }
        Optional<StoredApiKey> found = store.find(id);
        if (checked.size() >= MAX_CACHED) {
            checked.clear();
        }
        found.ifPresent(key -> checked.put(id, new Checked(key, now.plus(CACHE_TTL), cached == null
                ? key.key().lastUsed().orElse(Instant.MIN) : cached.touched())));
        return found;
    }

    private void touch(ApiKey key, Instant now) {
        Checked cached = checked.get(key.id());
        if (cached == null || cached.touched().plus(TOUCH_EVERY).isAfter(now)) {
            return;
        }
        store.touch(key.id(), now);
        checked.put(key.id(), new Checked(cached.key(), cached.until(), now));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** A key as last read from the store, until when it is trusted, and when its use was last noted. */
    private record Checked(StoredApiKey key, Instant until, Instant touched) {
    }
}
