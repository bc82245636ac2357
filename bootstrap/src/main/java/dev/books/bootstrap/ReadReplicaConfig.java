package dev.books.bootstrap;

import java.time.Duration;
import java.util.Optional;

/**
 * The read endpoint of {@code BOOKS_DB_READ_*}: where reads that need not run on the primary go.
 *
 * @param url      a PostgreSQL JDBC URL: a hot standby, an AlloyDB read pool, or several hosts with
 *                 {@code targetServerType=preferSecondary}
 * @param user     its user; the primary's when unset
 * @param password its password; the primary's when unset
 * @param poolSize its pool's size; the primary's when unset
 * @param maxLag   how far it may trail the primary before reads go to the primary
 */
record ReadReplicaConfig(String url, Optional<String> user, Optional<String> password, int poolSize,
        Duration maxLag) {

    /** One fragment of {@link Settings#describe()}, secrets masked. */
    String describe() {
        return "dbReadUrl=" + Settings.maskUrl(url)
                + " dbReadUser=" + user.orElse("(dbUser)")
                + " dbReadPassword=" + (password.isPresent() ? "****" : "(dbPassword)")
                + " dbReadPoolSize=" + poolSize
                + " dbReadMaxLag=" + maxLag.toMillis() + "ms";
    }
}
