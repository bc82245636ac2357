package dev.books.bootstrap;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The development database: a real PostgreSQL (zonky's binaries, shipped in the fat jar) started by this process,
 * listening on loopback only, whose data directory persists between runs so a newcomer's books survive a
 * restart. Never started when BOOKS_DB_URL is set.
 */
final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final String BINARIES_RESOURCE_PREFIX = "postgres-";
    private static final String USER = "postgres";
    private static final String DATABASE = "postgres";

    private final EmbeddedPostgres postgres;
    private final boolean isNew;

    private EmbeddedDatabase(EmbeddedPostgres postgres, boolean isNew) {
        this.postgres = postgres;
        this.isNew = isNew;
    }

    /** Starts PostgreSQL on a free loopback port with its data in {@code dataDir} (created on first use). */
    static EmbeddedDatabase start(Path dataDir) {
        if (!binariesBundled()) {
            throw new ConfigException("BOOKS_DB_URL is required: this build of Books carries no embedded PostgreSQL"
                    + " for " + platform() + " (a lean build, or an unsupported platform)");
        }
        Path directory = dataDir.toAbsolutePath().normalize();
        boolean fresh = !Files.exists(directory.resolve("PG_VERSION"));
        log.warn("Starting the EMBEDDED DEVELOPMENT DATABASE (data in {}{}). Set BOOKS_DB_URL to use a real"
                + " PostgreSQL or AlloyDB in production.", directory, fresh ? ", new" : "");
        try {
            Files.createDirectories(directory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setLocaleConfig("locale", "C")
                    .setLocaleConfig("lc-ctype", unicodeCharacterTypes())
                    .setServerConfig("listen_addresses", "localhost")
                    .start();
            log.info("Embedded PostgreSQL is up on 127.0.0.1:{}", postgres.getPort());
            return new EmbeddedDatabase(postgres, fresh);
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded PostgreSQL did not start (data in " + directory + ")", e);
        } catch (IllegalStateException e) {
            // zonky locks the directory: another process holds it ("could not lock"), or this one does.
            if (e instanceof OverlappingFileLockException
                    || String.valueOf(e.getMessage()).startsWith("could not lock")) {
                throw new ConfigException("the embedded database in " + directory + " is in use by another Books"
                        + " process: stop that one first, or set BOOKS_DATA_DIR or BOOKS_DB_URL");
            }
            throw e;
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
    }

    String user() {
        return USER;
    }

    /** Whether this start created the data directory's database (rather than reopening one). */
    boolean isNew() {
        return isNew;
    }

    /** Stops PostgreSQL (a fast shutdown: open sessions are ended, committed data is safe on disk). */
    @Override
    public void close() {
        try {
            postgres.close();
            log.info("Embedded PostgreSQL stopped");
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }

    /**
     * A UTF-8 character-type locale the platform has, so that pg_trgm treats letters beyond ASCII as letters
     * (under plain C it would not, and fuzzy search would rank "García" as the two words "Garc" and "a").
     * Sorting stays C: we never sort by text.
     */
    private static String unicodeCharacterTypes() {
        return platform().startsWith("linux") ? "C.UTF-8" : "en_US.UTF-8";
    }

    private static boolean binariesBundled() {
        return EmbeddedDatabase.class.getClassLoader()
                .getResource(BINARIES_RESOURCE_PREFIX + platform() + ".txz") != null;
    }

    /** The platform name zonky gives its binary archives, e.g. linux-x86_64 or darwin-arm_64. */
    private static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(java.util.Locale.ROOT);
        String osName = os.startsWith("mac") || os.startsWith("darwin") ? "darwin"
                : os.startsWith("windows") ? "windows" : "linux";
        String archName = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            default -> arch;
        };
        return osName + "-" + archName;
    }
}
