package dev.books.bootstrap;

import dev.books.adapter.http.security.SecuritySettings;
import dev.books.application.IdempotencyUseCases;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Reads the {@code BOOKS_*} environment variables once and checks each; nothing else reads the environment. */
final class SettingsReader {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");
    private static final Pattern LOGGER_NAME = Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*");
    private static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error", "off");
    private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.-]+(:\\d{1,5})?");
    private static final Pattern CLAIM = Pattern.compile("[!-~&&[^,]]+");
    private static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    private static final int MAX_RATE = 1_000_000;

    private final Map<String, String> environment;
    private final Set<String> known = new TreeSet<>();

    private SettingsReader(Map<String, String> environment) {
        this.environment = environment;
    }

    /**
     * The configuration the environment describes.
     *
     * @throws ConfigException naming the first bad setting
     */
    static Settings read(Map<String, String> environment) {
        return new SettingsReader(environment).read();
    }

    private Settings read() {
        int httpPort = integer("BOOKS_HTTP_PORT", 8080, 0, 65_535);
        Optional<String> dbUrl = text("BOOKS_DB_URL");
        dbUrl.ifPresent(url -> {
            if (!url.startsWith("jdbc:postgresql:")) {
                throw new ConfigException("BOOKS_DB_URL must be a PostgreSQL JDBC URL starting with"
                        + " 'jdbc:postgresql:' (got '" + Settings.maskUrl(url) + "')");
            }
        });
        Optional<String> dbUser = text("BOOKS_DB_USER");
        Optional<String> dbPassword = text("BOOKS_DB_PASSWORD");
        if (dbUrl.isEmpty() && (dbUser.isPresent() || dbPassword.isPresent())) {
            throw new ConfigException("BOOKS_DB_USER/BOOKS_DB_PASSWORD are set but BOOKS_DB_URL is not:"
                    + " set BOOKS_DB_URL too, or unset them to use the embedded development database");
        }
        int poolSize = integer("BOOKS_DB_POOL_SIZE", 10, 1, 1_000);
        Duration connectTimeout = duration("BOOKS_DB_CONNECT_TIMEOUT", Duration.ofSeconds(3));
        Duration statementTimeout = duration("BOOKS_DB_STATEMENT_TIMEOUT", Duration.ofSeconds(5));
        Duration socketTimeout = duration("BOOKS_DB_SOCKET_TIMEOUT", Duration.ofSeconds(15));
        if (socketTimeout.compareTo(statementTimeout) <= 0) {
            throw new ConfigException("BOOKS_DB_SOCKET_TIMEOUT (" + socketTimeout.toMillis()
                    + " ms) must be longer than BOOKS_DB_STATEMENT_TIMEOUT (" + statementTimeout.toMillis()
                    + " ms), or slow statements would look like network failures");
        }
        Optional<ReadReplicaConfig> dbRead = readReplica(dbUrl.isPresent(), poolSize);
        String dataDir = text("BOOKS_DATA_DIR").orElse("./books-data");
        String logLevel = choice("BOOKS_LOG_LEVEL", "info", LEVELS);
        Map<String, String> logLevels = loggerLevels("BOOKS_LOG_LEVELS");
        String logFormat = choice("BOOKS_LOG_FORMAT", "default", List.of("default", "short"));
        boolean accessLog = bool("BOOKS_ACCESS_LOG", true);
        Duration shutdownTimeout = duration("BOOKS_SHUTDOWN_TIMEOUT", Duration.ofSeconds(20));
        Duration shutdownDrain = duration("BOOKS_SHUTDOWN_DRAIN", Duration.ZERO, true);
        Duration readinessTimeout = duration("BOOKS_READINESS_TIMEOUT", Duration.ofSeconds(2));
        Duration idempotencyTtl = duration("BOOKS_IDEMPOTENCY_TTL", IdempotencyUseCases.DEFAULT_TIME_TO_LIVE);
        if (idempotencyTtl.compareTo(IdempotencyUseCases.LEASE) < 0) {
            long leaseSeconds = IdempotencyUseCases.LEASE.toSeconds();
            throw new ConfigException("BOOKS_IDEMPOTENCY_TTL must be at least " + leaseSeconds + "s, the time a"
                    + " request in flight holds its key (got '" + idempotencyTtl.toSeconds() + "s')");
        }

        String auth = choice("BOOKS_AUTH", "", List.of("keys", "none"));
        Optional<String> issuer = text("BOOKS_AUTH_ISSUER");
        SecuritySettings security = security(auth, issuer);

        return new Settings(httpPort, dbUrl, dbUser, dbPassword, poolSize, connectTimeout, statementTimeout,
                socketTimeout, dbRead, dataDir, logLevel, logLevels, logFormat, accessLog, shutdownTimeout,
                shutdownDrain, readinessTimeout, idempotencyTtl, security, !auth.isEmpty() || issuer.isPresent(),
                unknownSettings());
    }

    /** BOOKS_AUTH*, BOOKS_CORS_ORIGINS and BOOKS_RATE_LIMIT*: who may do what, and how they say who they are. */
    private SecuritySettings security(String auth, Optional<String> issuer) {
        Optional<String> jwksUrl = text("BOOKS_AUTH_JWKS_URL");
        Optional<String> audience = text("BOOKS_AUTH_AUDIENCE");
        Optional<String> scopeClaims = text("BOOKS_AUTH_SCOPES_CLAIM");
        Duration clockSkew = duration("BOOKS_AUTH_CLOCK_SKEW", SecuritySettings.Jwt.DEFAULT_CLOCK_SKEW, true);
        boolean readsPublic = choice("BOOKS_AUTH_READS", "public", List.of("public", "authenticated"))
                .equals("public");
        List<String> corsOrigins = origins("BOOKS_CORS_ORIGINS");
        List<String> trustedProxies = trustedProxies("BOOKS_TRUSTED_PROXIES");
        SecuritySettings.RateLimits defaults = SecuritySettings.RateLimits.defaults();
        SecuritySettings.RateLimits rateLimits = new SecuritySettings.RateLimits(
                integer("BOOKS_RATE_LIMIT", defaults.perPrincipal(), 1, MAX_RATE),
                integer("BOOKS_RATE_LIMIT_ANONYMOUS", defaults.perAnonymousAddress(), 1, MAX_RATE),
                integer("BOOKS_RATE_LIMIT_AUTH_FAILURES", defaults.failedAuthentications(), 1, MAX_RATE));

        if (issuer.isEmpty()) {
            for (var tokenSetting : List.of(Map.entry("BOOKS_AUTH_JWKS_URL", jwksUrl),
                    Map.entry("BOOKS_AUTH_AUDIENCE", audience), Map.entry("BOOKS_AUTH_SCOPES_CLAIM", scopeClaims))) {
                if (tokenSetting.getValue().isPresent()) {
                    throw new ConfigException(tokenSetting.getKey() + " is set but BOOKS_AUTH_ISSUER is not: bearer"
                            + " tokens need the issuer that signs them");
                }
            }
        }
        if (auth.equals("none")) {
            if (issuer.isPresent()) {
                throw new ConfigException("BOOKS_AUTH=none switches authentication off, but BOOKS_AUTH_ISSUER is set:"
                        + " unset one of them");
            }
            if (!readsPublic) {
                throw new ConfigException("BOOKS_AUTH_READS=authenticated needs authentication, but BOOKS_AUTH=none");
            }
            return new SecuritySettings(SecuritySettings.Mode.NONE, Optional.empty(), true, corsOrigins, rateLimits,
                    trustedProxies);
        }
        if (auth.equals("keys") && issuer.isPresent()) {
            throw new ConfigException("BOOKS_AUTH=keys means API keys only, but BOOKS_AUTH_ISSUER is set: unset"
                    + " BOOKS_AUTH to take bearer tokens and API keys");
        }
        if (clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
            throw new ConfigException("BOOKS_AUTH_CLOCK_SKEW must be at most 5m (got '" + clockSkew.toSeconds()
                    + "s')");
        }
        Optional<SecuritySettings.Jwt> jwt = issuer.map(value -> new SecuritySettings.Jwt(
                providerUri("BOOKS_AUTH_ISSUER", value),
                jwksUrl.map(url -> providerUri("BOOKS_AUTH_JWKS_URL", url)),
                audience.orElseThrow(() -> new ConfigException("BOOKS_AUTH_AUDIENCE is required with"
                        + " BOOKS_AUTH_ISSUER: a token must name this service in its aud claim")),
                scopeClaims.map(claims -> claims("BOOKS_AUTH_SCOPES_CLAIM", claims))
                        .orElse(SecuritySettings.Jwt.DEFAULT_SCOPE_CLAIMS),
                clockSkew));
        return new SecuritySettings(SecuritySettings.Mode.REQUIRED, jwt, readsPublic, corsOrigins, rateLimits,
                trustedProxies);
    }

    /**
     * The identity provider's address: absolute, https, or http on this machine only (a token's keys fetched in the
     * clear from elsewhere could be anyone's).
     */
    private static URI providerUri(String name, String value) {
        try {
            URI uri = new URI(value);
            String host = uri.getHost();
            boolean loopback = host != null && (host.equals("localhost") || host.equals("127.0.0.1")
                    || host.equals("[::1]"));
            if (host != null && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()) && loopback)
                    && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new ConfigException(name + " must be an https URL (http only on localhost), without query or"
                + " fragment (got '" + value + "')");
    }

    private static List<String> claims(String name, String value) {
        List<String> claims = new ArrayList<>();
        for (String claim : value.split(",")) {
            if (!CLAIM.matcher(claim.strip()).matches()) {
                throw new ConfigException(name + " must be a comma-separated list of claim names (or paths with dots"
                        + " to nested ones), e.g. scope,realm_access.roles (got '" + claim.strip() + "')");
            }
            claims.add(claim.strip());
        }
        return claims;
    }

    /** Proxies whose X-Forwarded-For names the client for the rate limits: addresses or CIDR blocks. */
    private List<String> trustedProxies(String name) {
        Optional<String> raw = text(name);
        List<String> proxies = new ArrayList<>();
        for (String proxy : raw.map(value -> value.split(",")).orElse(new String[0])) {
            if (!SecuritySettings.isAddressPattern(proxy.strip())) {
                throw new ConfigException(name + " must be a comma-separated list of IP addresses or CIDR blocks,"
                        + " e.g. 10.0.0.0/8,127.0.0.1 (got '" + proxy.strip() + "')");
            }
            proxies.add(proxy.strip());
        }
        return proxies;
    }

    /** Browser origins, exactly: scheme, host and port; no wildcard, no path. */
    private List<String> origins(String name) {
        Optional<String> raw = text(name);
        List<String> origins = new ArrayList<>();
        if (raw.isEmpty()) {
            return origins;
        }
        for (String origin : raw.get().split(",")) {
            if (!ORIGIN.matcher(origin.strip()).matches()) {
                throw new ConfigException(name + " must be a comma-separated list of origins such as"
                        + " https://books.example.com or http://localhost:3000, no wildcard and no path (got '"
                        + origin.strip() + "')");
            }
            origins.add(origin.strip());
        }
        return origins;
    }

    /**
     * BOOKS_DB_READ_URL and its companions: credentials and pool size default to the primary's. A read endpoint
     * without BOOKS_DB_URL, or companions without the URL, are refused: nothing would use them.
     */
    private Optional<ReadReplicaConfig> readReplica(boolean externalDatabase, int primaryPoolSize) {
        Optional<String> url = text("BOOKS_DB_READ_URL");
        Optional<String> user = text("BOOKS_DB_READ_USER");
        Optional<String> password = text("BOOKS_DB_READ_PASSWORD");
        int poolSize = integer("BOOKS_DB_READ_POOL_SIZE", primaryPoolSize, 1, 1_000);
        Duration maxLag = duration("BOOKS_DB_READ_MAX_LAG", Duration.ofSeconds(5));
        if (url.isEmpty()) {
            if (user.isPresent() || password.isPresent() || isSet("BOOKS_DB_READ_POOL_SIZE")
                    || isSet("BOOKS_DB_READ_MAX_LAG")) {
                throw new ConfigException("BOOKS_DB_READ_* settings are set but BOOKS_DB_READ_URL is not:"
                        + " set it too, or unset them to read everything from the primary");
            }
            return Optional.empty();
        }
        if (!url.get().startsWith("jdbc:postgresql:")) {
            throw new ConfigException("BOOKS_DB_READ_URL must be a PostgreSQL JDBC URL starting with"
                    + " 'jdbc:postgresql:' (got '" + Settings.maskUrl(url.get()) + "')");
        }
        if (!externalDatabase) {
            throw new ConfigException("BOOKS_DB_READ_URL is set but BOOKS_DB_URL is not: a read replica needs the"
                    + " primary it replicates (the embedded database has none)");
        }
        return Optional.of(new ReadReplicaConfig(url.get(), user, password, poolSize, maxLag));
    }

    private boolean isSet(String name) {
        String value = environment.get(name);
        return value != null && !value.isBlank();
    }

    private Optional<String> text(String name) {
        known.add(name);
        String value = environment.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private int integer(String name, int fallback, int min, int max) {
        Optional<String> raw = text(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(name + " must be an integer from " + min + " to " + max
                + " (got '" + raw.get() + "')");
    }

    private Duration duration(String name, Duration fallback) {
        return duration(name, fallback, false);
    }

    private Duration duration(String name, Duration fallback, boolean zeroAllowed) {
        Optional<String> raw = text(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        var matcher = DURATION.matcher(raw.get().toLowerCase(Locale.ROOT));
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            Duration value = switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
            if (zeroAllowed || !value.isZero()) {
                return value;
            }
        }
        throw new ConfigException(name + " must be a " + (zeroAllowed ? "" : "positive ")
                + "duration such as 500ms, 5s, 2m or 24h (got '" + raw.get() + "')");
    }

    /** "dev.books.adapter.http.access=warn,com.zaxxer.hikari=info": a level per logger name. */
    private Map<String, String> loggerLevels(String name) {
        Optional<String> raw = text(name);
        Map<String, String> levels = new java.util.LinkedHashMap<>();
        if (raw.isEmpty()) {
            return levels;
        }
        for (String entry : raw.get().split(",")) {
            String[] parts = entry.strip().split("=", 2);
            String level = parts.length == 2 ? parts[1].strip().toLowerCase(Locale.ROOT) : "";
            if (parts.length != 2 || !LOGGER_NAME.matcher(parts[0].strip()).matches() || !LEVELS.contains(level)) {
                throw new ConfigException(name + " must be a comma-separated list of logger=level with a level from "
                        + String.join(", ", LEVELS) + " (got '" + entry.strip() + "')");
            }
            levels.put(parts[0].strip(), level);
        }
        return levels;
    }

    private boolean bool(String name, boolean fallback) {
        return switch (choice(name, Boolean.toString(fallback), List.of("true", "false"))) {
            case "true" -> true;
            default -> false;
        };
    }

    private String choice(String name, String fallback, List<String> allowed) {
        Optional<String> raw = text(name).map(value -> value.toLowerCase(Locale.ROOT));
        if (raw.isEmpty()) {
            return fallback;
        }
        if (!allowed.contains(raw.get())) {
            throw new ConfigException(name + " must be one of " + String.join(", ", allowed)
                    + " (got '" + raw.get() + "')");
        }
        return raw.get();
    }

    /** BOOKS_* variables that nothing reads: most likely typos, worth a warning. */
    private List<String> unknownSettings() {
        List<String> unknown = new ArrayList<>();
        for (String name : new TreeSet<>(environment.keySet())) {
            if (name.startsWith("BOOKS_") && !known.contains(name) && !name.startsWith("BOOKS_TEST_")) {
                unknown.add(name);
            }
        }
        return unknown;
    }
}
