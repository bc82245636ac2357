package dev.books.bootstrap;

import dev.books.access.ApiKey;
import dev.books.access.ApiKeys;
import dev.books.access.DuplicateKeyNameException;
import dev.books.access.Scope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded development database's API key (ADR 0014): so that a newcomer's first {@code curl -X POST} works
 * without a key-management lesson, the service makes a key with every scope on first start and writes it to
 * {@code BOOKS_DATA_DIR/dev-api-key}, readable by its owner only. The log names the file, never the key.
 *
 * <p>On later starts the key in the file is kept while it authenticates; a missing or stale file gets a new key
 * (and the earlier development keys, whose secrets are gone with the file, are revoked).
 */
final class DevelopmentKey {

    static final String FILE_NAME = "dev-api-key";
    static final String NAME = "dev";
    private static final Logger log = LoggerFactory.getLogger(DevelopmentKey.class);

    private DevelopmentKey() {
    }

    /** Makes sure {@code dataDir/dev-api-key} holds a working key; returns the file. */
    static Path ensure(ApiKeys apiKeys, Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        Optional<String> existing = read(file);
        if (existing.isPresent() && apiKeys.authenticate(existing.get()).isPresent()) {
            log.info("Development API key (every scope): {}", file.toAbsolutePath().normalize());
            return file;
        }
        apiKeys.list().stream()
                .map(ApiKey::name)
                .filter(name -> name.equals(NAME) || name.startsWith(NAME + "-"))
                .forEach(apiKeys::revoke);
        String secret = create(apiKeys, 1);
        write(file, secret);
        log.info("Made a development API key with every scope, in {} (send it as X-Api-Key)",
                file.toAbsolutePath().normalize());
        return file;
    }

    /** Names are never reused (a name in the log means one key): dev, dev-2, dev-3… */
    private static String create(ApiKeys apiKeys, int attempt) {
        String name = attempt == 1 ? NAME : NAME + "-" + attempt;
        try {
            return apiKeys.create(name, EnumSet.allOf(Scope.class), Optional.empty()).secret();
        } catch (DuplicateKeyNameException e) {
            return create(apiKeys, attempt + 1);
        }
    }

    private static Optional<String> read(Path file) {
        try {
            return Files.isRegularFile(file)
                    ? Optional.of(Files.readString(file, StandardCharsets.US_ASCII).strip())
                    : Optional.empty();
        } catch (IOException e) {
            log.warn("Cannot read {}; making a new development key", file, e);
            return Optional.empty();
        }
    }

    /** Replaces the file atomically, created owner-only (0600) so that the key is never readable by others. */
    private static void write(Path file, String secret) {
        Path next = file.resolveSibling(FILE_NAME + ".new");
        try {
            Files.deleteIfExists(next);
            try {
                Files.createFile(next, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(next); // not a POSIX file system (Windows): its default ACLs apply
            }
            Files.writeString(next, secret + "\n", StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the development key to " + file, e);
        }
    }
}
