package dev.books.bootstrap;

import dev.books.adapter.http.security.SecuritySettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of a Books process, read once at start-up ({@link #read}) and passed on from here.
 *
 * @param dbUrl           the external database; empty means the embedded development database
 * @param dbRead          the external database's read replica (BOOKS_DB_READ_*); empty: everything on the primary
 * @param shutdownDrain   how long to keep serving, already unready, after SIGTERM and before closing the doors:
 *                        time for load balancers to stop sending (an alternative to a preStop sleep)
 * @param idempotencyTtl  how long an idempotency key is remembered from the first request that sent it
 * @param security        who may do what over HTTP, and how they say who they are
 * @param authChosen      whether the operator said how callers authenticate (BOOKS_AUTH or BOOKS_AUTH_ISSUER):
 *                        serving BOOKS_DB_URL's database requires it ({@link #problemServing()})
 * @param unknownSettings BOOKS_* variables present in the environment that no setting reads
 */
record Settings(
        int httpPort,
        Optional<String> dbUrl,
        Optional<String> dbUser,
        Optional<String> dbPassword,
        int dbPoolSize,
        Duration dbConnectTimeout,
        Duration dbStatementTimeout,
        Duration dbSocketTimeout,
        Optional<ReadReplicaConfig> dbRead,
        String dataDir,
        String logLevel,
        Map<String, String> logLevels,
        String logFormat,
        boolean accessLog,
        Duration shutdownTimeout,
        Duration shutdownDrain,
        Duration readinessTimeout,
        Duration idempotencyTtl,
        SecuritySettings security,
        boolean authChosen,
        List<String> unknownSettings) {

    /**
     * The settings the {@code BOOKS_*} environment variables describe (see {@link SettingsReader}).
     *
     * @throws ConfigException naming the first bad setting
     */
    static Settings read(Map<String, String> environment) {
        return SettingsReader.read(environment);
    }

    Settings {
        logLevels = Map.copyOf(logLevels);
        unknownSettings = List.copyOf(unknownSettings);
    }

    boolean usesEmbeddedDatabase() {
        return dbUrl.isEmpty();
    }

    /**
     * Why this configuration must not serve, if it must not: a real database (BOOKS_DB_URL) with nobody asked how
     * callers authenticate. Secure by default (ADR 0014): the operator chooses, even if the choice is "none".
     */
    Optional<String> problemServing() {
        if (usesEmbeddedDatabase() || authChosen) {
            return Optional.empty();
        }
        return Optional.of("BOOKS_DB_URL is set but no authentication is chosen: set BOOKS_AUTH_ISSUER and"
                + " BOOKS_AUTH_AUDIENCE (bearer tokens and API keys), or BOOKS_AUTH=keys (API keys only), or"
                + " BOOKS_AUTH=none (anyone may change the catalogue)");
    }

    /** Whether the embedded database's development key is made (ADR 0014): embedded, authentication not chosen. */
    boolean makesDevelopmentKey() {
        return usesEmbeddedDatabase() && !authChosen;
    }

    /** One line for the start-up log: every effective setting, secrets masked. */
    String describe() {
        return "httpPort=" + httpPort
                + " database=" + dbUrl.map(Settings::maskUrl).orElse("embedded (" + dataDir + ")")
                + " dbUser=" + dbUser.orElse("-")
                + " dbPassword=" + (dbPassword.isPresent() ? "****" : "-")
                + " dbPoolSize=" + dbPoolSize
                + " dbConnectTimeout=" + dbConnectTimeout.toMillis() + "ms"
                + " dbStatementTimeout=" + dbStatementTimeout.toMillis() + "ms"
                + " dbSocketTimeout=" + dbSocketTimeout.toMillis() + "ms"
                + dbRead.map(read -> " " + read.describe()).orElse("")
                + " logLevel=" + logLevel
                + (logLevels.isEmpty() ? "" : " logLevels=" + new java.util.TreeMap<>(logLevels))
                + " logFormat=" + logFormat
                + " accessLog=" + accessLog
                + " shutdownTimeout=" + shutdownTimeout.toMillis() + "ms"
                + " shutdownDrain=" + shutdownDrain.toMillis() + "ms"
                + " readinessTimeout=" + readinessTimeout.toMillis() + "ms"
                + " idempotencyTtl=" + idempotencyTtl.toSeconds() + "s"
                + " auth=" + describe(security)
                + " rateLimits=" + security.rateLimits().perPrincipal() + "/" + security.rateLimits().perAnonymousAddress()
                + "/" + security.rateLimits().failedAuthentications() + " per minute"
                + (security.corsOrigins().isEmpty() ? "" : " corsOrigins=" + String.join(",", security.corsOrigins()))
                + (security.trustedProxies().isEmpty() ? ""
                        : " trustedProxies=" + String.join(",", security.trustedProxies()));
    }

    private String describe(SecuritySettings security) {
        if (security.mode() == SecuritySettings.Mode.NONE) {
            return "none";
        }
        String reads = security.readsPublic() ? " readsPublic" : " readsAuthenticated";
        return security.jwt()
                .map(jwt -> "tokens+keys(issuer=" + jwt.issuer() + " audience=" + jwt.audience()
                        + jwt.jwksUrl().map(url -> " jwks=" + url).orElse("") + " scopeClaims="
                        + String.join(",", jwt.scopeClaims()) + " clockSkew=" + jwt.clockSkew().toSeconds() + "s)")
                .orElse(makesDevelopmentKey() ? "keys(development key)" : authChosen ? "keys" : "not chosen") + reads;
    }

    @Override
    public String toString() {
        return "Settings[" + describe() + "]";
    }

    /** The URL with the value of any password parameter replaced by ****. */
    static String maskUrl(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1****");
    }
}
