package dev.books.adapter.cli;

import dev.books.access.ApiKey;
import dev.books.access.ApiKeys;
import dev.books.access.DuplicateKeyNameException;
import dev.books.access.Scope;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code books.jar keys create|list|revoke}: API keys for machines, managed by whoever can reach the database.
 * A new key is printed once, alone on standard output (so that {@code $(…)} or a pipe takes it whole); what it is
 * and how to send it goes to standard error. Nothing else ever shows a key: only a hash of it is kept.
 */
public final class KeysCommand {

    private final ApiKeys apiKeys;
    private final Clock clock;
    private final PrintStream out;
    private final PrintStream err;

    /** @param clock what "now" is when telling an expired key from an active one */
    public KeysCommand(ApiKeys apiKeys, Clock clock, PrintStream out, PrintStream err) {
        this.apiKeys = Objects.requireNonNull(apiKeys, "apiKeys");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
    }

    /** Creates a key; its secret goes to standard output, once. */
    public ExitStatus create(String name, Set<Scope> scopes, Optional<Duration> lifetime) {
        ApiKeys.CreatedApiKey created;
        try {
            created = apiKeys.create(name, scopes, lifetime);
        } catch (DuplicateKeyNameException e) {
            err.println("A key named " + name + " exists already (names are never reused, revoked keys' included).");
            return ExitStatus.USAGE;
        } catch (IllegalArgumentException e) {
            err.println("Cannot create the key: " + e.getMessage() + ".");
            return ExitStatus.USAGE;
        }
        ApiKey key = created.key();
        err.println("Created key " + key.name() + " (" + scopes(key) + ")"
                + key.expires().map(at -> ", expires " + at.truncatedTo(ChronoUnit.SECONDS)).orElse("")
                + ". It is shown this once: keep it secret; send it as X-Api-Key or Authorization: Bearer.");
        out.println(created.secret());
        return ExitStatus.OK;
    }

    /** One line per key, newest first: name, scopes, created, last used, expiry, state. */
    public ExitStatus list() {
        List<ApiKey> keys = apiKeys.list();
        if (keys.isEmpty()) {
            err.println("No API keys. Create one with: java -jar books.jar keys create --name NAME --scopes books:write");
            return ExitStatus.OK;
        }
        Instant now = clock.instant();
        String format = "%-24s %-48s %-20s %-20s %-20s %s%n";
        out.printf(format, "NAME", "SCOPES", "CREATED", "LAST USED", "EXPIRES", "STATE");
        for (ApiKey key : keys) {
            out.printf(format, key.name(), scopes(key), time(Optional.of(key.created())), time(key.lastUsed()),
                    time(key.expires()), key.revoked().isPresent() ? "revoked " + time(key.revoked())
                            : key.isActiveAt(now) ? "active" : "expired");
        }
        return ExitStatus.OK;
    }

    /** Revokes the key of this name; every instance stops taking it within {@link ApiKeys#CACHE_TTL}. */
    public ExitStatus revoke(String name) {
        if (apiKeys.revoke(name)) {
            err.println("Revoked key " + name + "; every instance refuses it within " + ApiKeys.CACHE_TTL.toSeconds()
                    + " seconds.");
            return ExitStatus.OK;
        }
        boolean known = apiKeys.list().stream().anyMatch(key -> key.name().equals(name));
        err.println(known ? "Key " + name + " was revoked already." : "No key is named " + name + ".");
        return known ? ExitStatus.OK : ExitStatus.USAGE;
    }

    private static String scopes(ApiKey key) {
        return key.scopes().stream().sorted().map(Scope::value).collect(Collectors.joining(","));
    }

    private static String time(Optional<Instant> instant) {
        return instant.map(at -> at.truncatedTo(ChronoUnit.SECONDS).toString()).orElse("-");
    }
}
