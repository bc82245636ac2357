package dev.books.access;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What is known of an API key, its secret aside (only a hash of it is kept, and never shown).
 *
 * @param id        the public part of the key ({@code books_<id>_<secret>}), by which it is found
 * @param name      unique, chosen by whoever created it; changes are attributed to {@code key:<name>}
 * @param scopes    what its bearer may do
 * @param lastUsed  when it last authenticated a request (to the minute)
 * @param expires   after when it no longer authenticates, if ever
 * @param revoked   since when it no longer authenticates, if revoked
 */
public record ApiKey(String id, String name, Set<Scope> scopes, Instant created, Optional<Instant> lastUsed,
                     Optional<Instant> expires, Optional<Instant> revoked) {

    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        scopes = Set.copyOf(scopes);
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(lastUsed, "lastUsed");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(revoked, "revoked");
    }

    /** Whether it authenticates requests at {@code now}: not revoked, not expired. */
    public boolean isActiveAt(Instant now) {
        return revoked.isEmpty() && expires.map(now::isBefore).orElse(true);
    }
}
