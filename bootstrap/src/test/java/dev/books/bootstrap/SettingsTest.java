package dev.books.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.books.adapter.http.security.SecuritySettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsTest {

    @Test
    void an_empty_environment_means_port_8080_and_the_embedded_database() {
        Settings config = Settings.read(Map.of());

        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.usesEmbeddedDatabase()).isTrue();
        assertThat(config.dataDir()).isEqualTo("./books-data");
        assertThat(config.dbPoolSize()).isEqualTo(10);
        assertThat(config.dbStatementTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.logLevel()).isEqualTo("info");
        assertThat(config.accessLog()).isTrue();
        assertThat(config.idempotencyTtl()).isEqualTo(Duration.ofHours(24));
    }

    @ParameterizedTest
    @CsvSource({"24h, PT24H", "7h, PT7H", "90m, PT1H30M", "60s, PT1M", "168h, PT168H"})
    void the_idempotency_ttl_is_read_in_hours_minutes_or_seconds(String value, Duration expected) {
        Settings config = Settings.read(Map.of("BOOKS_IDEMPOTENCY_TTL", value));

        assertThat(config.idempotencyTtl()).isEqualTo(expected);
        assertThat(config.describe()).contains("idempotencyTtl=" + expected.toSeconds() + "s");
    }

    @Test
    void an_idempotency_ttl_shorter_than_a_lease_is_refused() {
        assertThatThrownBy(() -> Settings.read(Map.of("BOOKS_IDEMPOTENCY_TTL", "59s")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("BOOKS_IDEMPOTENCY_TTL must be at least 60s, the time a request in flight holds its key"
                        + " (got '59s')");
    }

    @Test
    void other_durations_may_be_given_in_hours_too() {
        assertThat(Settings.read(Map.of("BOOKS_SHUTDOWN_TIMEOUT", "1h")).shutdownTimeout())
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void every_setting_is_read_from_its_variable() {
        Settings config = Settings.read(Map.of(
                "BOOKS_HTTP_PORT", "9090",
                "BOOKS_DB_URL", "jdbc:postgresql://db:5432/books",
                "BOOKS_DB_USER", "books",
                "BOOKS_DB_PASSWORD", "s3cret",
                "BOOKS_DB_POOL_SIZE", "24",
                "BOOKS_DB_CONNECT_TIMEOUT", "750ms",
                "BOOKS_DB_STATEMENT_TIMEOUT", "2s",
                "BOOKS_DB_SOCKET_TIMEOUT", "1m",
                "BOOKS_DATA_DIR", "/var/lib/books",
                "BOOKS_LOG_LEVEL", "DEBUG"));

        assertThat(config.httpPort()).isEqualTo(9090);
        assertThat(config.dbUrl()).contains("jdbc:postgresql://db:5432/books");
        assertThat(config.dbUser()).contains("books");
        assertThat(config.dbPassword()).contains("s3cret");
        assertThat(config.dbPoolSize()).isEqualTo(24);
        assertThat(config.dbConnectTimeout()).isEqualTo(Duration.ofMillis(750));
        assertThat(config.dbStatementTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.dbSocketTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.dataDir()).isEqualTo("/var/lib/books");
        assertThat(config.logLevel()).isEqualTo("debug");
        assertThat(config.usesEmbeddedDatabase()).isFalse();
    }

    @Test
    void logging_and_shutdown_settings_are_read() {
        Settings config = Settings.read(Map.of(
                "BOOKS_LOG_LEVELS", "dev.books.adapter.http.access=warn, com.zaxxer.hikari=DEBUG",
                "BOOKS_LOG_FORMAT", "short",
                "BOOKS_SHUTDOWN_TIMEOUT", "30s",
                "BOOKS_SHUTDOWN_DRAIN", "0s",
                "BOOKS_READINESS_TIMEOUT", "500ms"));

        assertThat(config.logLevels()).containsEntry("dev.books.adapter.http.access", "warn")
                .containsEntry("com.zaxxer.hikari", "debug");
        assertThat(config.logFormat()).isEqualTo("short");
        assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.shutdownDrain()).isZero();
        assertThat(config.readinessTimeout()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void the_access_log_can_be_switched_off() {
        assertThat(Settings.read(Map.of("BOOKS_ACCESS_LOG", "FALSE")).accessLog()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "BOOKS_HTTP_PORT|abc|BOOKS_HTTP_PORT must be an integer from 0 to 65535 (got 'abc')",
        "BOOKS_HTTP_PORT|70000|BOOKS_HTTP_PORT must be an integer from 0 to 65535 (got '70000')",
        "BOOKS_DB_POOL_SIZE|0|BOOKS_DB_POOL_SIZE must be an integer from 1 to 1000 (got '0')",
        "BOOKS_DB_STATEMENT_TIMEOUT|5 seconds|BOOKS_DB_STATEMENT_TIMEOUT must be a positive duration",
        "BOOKS_DB_CONNECT_TIMEOUT|0s|BOOKS_DB_CONNECT_TIMEOUT must be a positive duration",
        "BOOKS_LOG_LEVEL|loud|BOOKS_LOG_LEVEL must be one of trace, debug, info, warn, error, off (got 'loud')",
        "BOOKS_DB_URL|postgres://db/books|BOOKS_DB_URL must be a PostgreSQL JDBC URL",
        "BOOKS_ACCESS_LOG|yes|BOOKS_ACCESS_LOG must be one of true, false (got 'yes')",
        "BOOKS_LOG_FORMAT|json|BOOKS_LOG_FORMAT must be one of default, short (got 'json')",
        "BOOKS_LOG_LEVELS|com.zaxxer.hikari|BOOKS_LOG_LEVELS must be a comma-separated list of logger=level",
        "BOOKS_LOG_LEVELS|com.zaxxer=loud|BOOKS_LOG_LEVELS must be a comma-separated list of logger=level",
        "BOOKS_SHUTDOWN_TIMEOUT|0s|BOOKS_SHUTDOWN_TIMEOUT must be a positive duration",
        "BOOKS_SHUTDOWN_DRAIN|soon|BOOKS_SHUTDOWN_DRAIN must be a duration such as 500ms",
        "BOOKS_IDEMPOTENCY_TTL|1d|BOOKS_IDEMPOTENCY_TTL must be a positive duration such as 500ms, 5s, 2m or 24h",
        "BOOKS_IDEMPOTENCY_TTL|0h|BOOKS_IDEMPOTENCY_TTL must be a positive duration",
        "BOOKS_AUTH|tokens|BOOKS_AUTH must be one of keys, none (got 'tokens')",
        "BOOKS_AUTH_READS|private|BOOKS_AUTH_READS must be one of public, authenticated (got 'private')",
        "BOOKS_AUTH_AUDIENCE|books|BOOKS_AUTH_AUDIENCE is set but BOOKS_AUTH_ISSUER is not",
        "BOOKS_AUTH_JWKS_URL|https://idp/jwks|BOOKS_AUTH_JWKS_URL is set but BOOKS_AUTH_ISSUER is not",
        "BOOKS_AUTH_ISSUER|https://idp.example.com/realms/books|BOOKS_AUTH_AUDIENCE is required with BOOKS_AUTH_ISSUER",
        "BOOKS_AUTH_CLOCK_SKEW|10m|BOOKS_AUTH_CLOCK_SKEW must be at most 5m",
        "BOOKS_CORS_ORIGINS|*|BOOKS_CORS_ORIGINS must be a comma-separated list of origins",
        "BOOKS_CORS_ORIGINS|https://app.example.com/path|BOOKS_CORS_ORIGINS must be a comma-separated list of origins",
        "BOOKS_RATE_LIMIT|0|BOOKS_RATE_LIMIT must be an integer from 1 to 1000000 (got '0')",
        "BOOKS_TRUSTED_PROXIES|proxy.internal|BOOKS_TRUSTED_PROXIES must be a comma-separated list of IP addresses",
        "BOOKS_TRUSTED_PROXIES|10.0.0.0/abc|BOOKS_TRUSTED_PROXIES must be a comma-separated list of IP addresses",
        "BOOKS_AUTH_SCOPES_CLAIM|a b|BOOKS_AUTH_SCOPES_CLAIM is set but BOOKS_AUTH_ISSUER is not",
    })
    void a_bad_setting_is_named_in_one_line(String variable, String value, String message) {
        assertThatThrownBy(() -> Settings.read(Map.of(variable, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message)
                .hasMessageNotContaining("\n");
    }

    @Test
    void without_a_read_url_everything_is_read_from_the_primary() {
        assertThat(Settings.read(Map.of("BOOKS_DB_URL", "jdbc:postgresql://db:5432/books")).dbRead()).isEmpty();
    }

    @Test
    void a_read_replica_takes_the_primarys_credentials_and_pool_size_unless_given_its_own() {
        Settings config = Settings.read(Map.of(
                "BOOKS_DB_URL", "jdbc:postgresql://db:5432/books",
                "BOOKS_DB_POOL_SIZE", "24",
                "BOOKS_DB_READ_URL", "jdbc:postgresql://replica:5432/books?password=hidden"));

        ReadReplicaConfig read = config.dbRead().orElseThrow();
        assertThat(read.url()).isEqualTo("jdbc:postgresql://replica:5432/books?password=hidden");
        assertThat(read.user()).isEmpty();
        assertThat(read.password()).isEmpty();
        assertThat(read.poolSize()).isEqualTo(24);
        assertThat(read.maxLag()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.describe()).contains("dbReadUrl=jdbc:postgresql://replica:5432/books?password=****")
                .contains("dbReadPoolSize=24 dbReadMaxLag=5000ms").doesNotContain("hidden");
    }

    @Test
    void every_read_replica_setting_is_read_from_its_variable() {
        Settings config = Settings.read(Map.of(
                "BOOKS_DB_URL", "jdbc:postgresql://db:5432/books",
                "BOOKS_DB_READ_URL", "jdbc:postgresql://r1:5432,r2:5432/books?targetServerType=preferSecondary",
                "BOOKS_DB_READ_USER", "reader",
                "BOOKS_DB_READ_PASSWORD", "r3ad",
                "BOOKS_DB_READ_POOL_SIZE", "40",
                "BOOKS_DB_READ_MAX_LAG", "750ms"));

        ReadReplicaConfig read = config.dbRead().orElseThrow();
        assertThat(read.user()).contains("reader");
        assertThat(read.password()).contains("r3ad");
        assertThat(read.poolSize()).isEqualTo(40);
        assertThat(read.maxLag()).isEqualTo(Duration.ofMillis(750));
        assertThat(config.describe()).contains("dbReadUser=reader dbReadPassword=****").doesNotContain("r3ad");
    }

    @Test
    void with_nothing_said_the_embedded_database_gets_a_development_key_and_public_reads() {
        Settings config = Settings.read(Map.of());

        assertThat(config.security().mode()).isEqualTo(SecuritySettings.Mode.REQUIRED);
        assertThat(config.security().jwt()).isEmpty();
        assertThat(config.security().readsPublic()).isTrue();
        assertThat(config.security().corsOrigins()).isEmpty();
        assertThat(config.security().rateLimits()).isEqualTo(SecuritySettings.RateLimits.defaults());
        assertThat(config.makesDevelopmentKey()).isTrue();
        assertThat(config.problemServing()).isEmpty();
    }

    @Test
    void a_real_database_with_no_authentication_chosen_must_not_be_served() {
        Settings config = Settings.read(Map.of("BOOKS_DB_URL", "jdbc:postgresql://db:5432/books"));

        assertThat(config.problemServing()).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith("BOOKS_DB_URL is set but no authentication is chosen: set BOOKS_AUTH_ISSUER")
                .doesNotContain("\n"));
        assertThat(config.makesDevelopmentKey()).isFalse();
        assertThatThrownBy(() -> BooksServer.start(config)).isInstanceOf(ConfigException.class)
                .hasMessage(config.problemServing().orElseThrow());
    }

    @ParameterizedTest
    @CsvSource({"BOOKS_AUTH, keys", "BOOKS_AUTH, none"})
    void a_real_database_may_be_served_once_the_operator_chose(String name, String value) {
        Settings config = Settings.read(Map.of("BOOKS_DB_URL", "jdbc:postgresql://db:5432/books", name, value));

        assertThat(config.problemServing()).isEmpty();
        assertThat(config.makesDevelopmentKey()).isFalse();
        assertThat(config.security().mode()).isEqualTo(value.equals("none")
                ? SecuritySettings.Mode.NONE : SecuritySettings.Mode.REQUIRED);
        assertThat(config.describe()).contains("auth=" + value);
    }

    @Test
    void an_issuer_brings_bearer_tokens_with_its_audience_claims_and_skew() {
        Settings config = Settings.read(Map.ofEntries(
                Map.entry("BOOKS_DB_URL", "jdbc:postgresql://db:5432/books"),
                Map.entry("BOOKS_AUTH_ISSUER", "https://idp.example.com/realms/books"),
                Map.entry("BOOKS_AUTH_AUDIENCE", "books-api"),
                Map.entry("BOOKS_AUTH_SCOPES_CLAIM", "scope, realm_access.roles, https://books.example.com/roles"),
                Map.entry("BOOKS_AUTH_CLOCK_SKEW", "10s"),
                Map.entry("BOOKS_AUTH_READS", "authenticated"),
                Map.entry("BOOKS_CORS_ORIGINS", "https://app.example.com, http://localhost:3000"),
                Map.entry("BOOKS_RATE_LIMIT", "100"),
                Map.entry("BOOKS_RATE_LIMIT_ANONYMOUS", "50"),
                Map.entry("BOOKS_RATE_LIMIT_AUTH_FAILURES", "5"),
                Map.entry("BOOKS_TRUSTED_PROXIES", "10.0.0.0/8, ::1")));

        assertThat(config.problemServing()).isEmpty();
        SecuritySettings.Jwt jwt = config.security().jwt().orElseThrow();
        assertThat(jwt.issuer()).hasToString("https://idp.example.com/realms/books");
        assertThat(jwt.jwksUrl()).isEmpty();
        assertThat(jwt.audience()).isEqualTo("books-api");
        assertThat(jwt.scopeClaims()).containsExactly("scope", "realm_access.roles", "https://books.example.com/roles");
        assertThat(jwt.clockSkew()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.security().readsPublic()).isFalse();
        assertThat(config.security().corsOrigins()).containsExactly("https://app.example.com", "http://localhost:3000");
        assertThat(config.security().rateLimits()).isEqualTo(new SecuritySettings.RateLimits(100, 50, 5));
        assertThat(config.security().trustedProxies()).containsExactly("10.0.0.0/8", "::1");
        assertThat(config.describe()).contains("auth=tokens+keys(issuer=https://idp.example.com/realms/books");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "BOOKS_DB_READ_URL|postgres://replica/books|BOOKS_DB_READ_URL must be a PostgreSQL JDBC URL",
        "BOOKS_DB_READ_POOL_SIZE|0|BOOKS_DB_READ_POOL_SIZE must be an integer from 1 to 1000 (got '0')",
        "BOOKS_DB_READ_MAX_LAG|0s|BOOKS_DB_READ_MAX_LAG must be a positive duration",
        "BOOKS_DB_READ_MAX_LAG|soon|BOOKS_DB_READ_MAX_LAG must be a positive duration",
    })
    void a_bad_read_replica_setting_is_named_in_one_line(String variable, String value, String message) {
        Map<String, String> environment = new HashMap<>(Map.of("BOOKS_DB_URL", "jdbc:postgresql://db:5432/books",
                "BOOKS_DB_READ_URL", "jdbc:postgresql://replica:5432/books"));
        environment.put(variable, value);
        assertThatThrownBy(() -> Settings.read(environment))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message)
                .hasMessageNotContaining("\n");
    }

    @Test
    void a_read_replica_without_the_primary_it_replicates_is_refused() {
        assertThatThrownBy(() -> Settings.read(Map.of("BOOKS_DB_READ_URL", "jdbc:postgresql://replica:5432/books")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("BOOKS_DB_READ_URL is set but BOOKS_DB_URL is not: a read replica needs the primary it"
                        + " replicates (the embedded database has none)");
    }

    @Test
    void read_replica_settings_without_its_url_are_refused_rather_than_silently_ignored() {
        assertThatThrownBy(() -> Settings.read(Map.of("BOOKS_DB_URL", "jdbc:postgresql://db:5432/books",
                "BOOKS_DB_READ_MAX_LAG", "1s")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("BOOKS_DB_READ_URL is not");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://idp.example.com/realms/books|BOOKS_AUTH_ISSUER must be an https URL (http only on localhost)",
        "idp.example.com|BOOKS_AUTH_ISSUER must be an https URL (http only on localhost)",
        "https://idp.example.com/?realm=books|BOOKS_AUTH_ISSUER must be an https URL (http only on localhost)"})
    void an_issuer_reached_in_the_clear_or_ambiguously_is_refused(String issuer, String message) {
        assertThatThrownBy(() -> Settings.read(Map.of("BOOKS_AUTH_ISSUER", issuer, "BOOKS_AUTH_AUDIENCE", "books")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith(message);
        assertThat(Settings.read(Map.of("BOOKS_AUTH_ISSUER", "http://localhost:8180/realms/books",
                "BOOKS_AUTH_AUDIENCE", "books")).security().jwt()).isPresent();
    }

    @Test
    void contradictory_authentication_settings_are_refused() {
        assertThatThrownBy(() -> Settings.read(Map.of("BOOKS_AUTH", "none",
                "BOOKS_AUTH_ISSUER", "https://idp.example.com", "BOOKS_AUTH_AUDIENCE", "books")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unset one of them");
        assertThatThrownBy(() -> Settings.read(Map.of("BOOKS_AUTH", "keys",
                "BOOKS_AUTH_ISSUER", "https://idp.example.com", "BOOKS_AUTH_AUDIENCE", "books")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("API keys only");
        assertThatThrownBy(() -> Settings.read(Map.of("BOOKS_AUTH", "none", "BOOKS_AUTH_READS", "authenticated")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("needs authentication");
    }

    @Test
    void credentials_without_a_database_url_are_refused_rather_than_silently_ignored() {
        assertThatThrownBy(() -> Settings.read(Map.of("BOOKS_DB_PASSWORD", "s3cret")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("BOOKS_DB_URL is not");
    }

    @Test
    void a_socket_timeout_not_above_the_statement_timeout_is_refused() {
        assertThatThrownBy(() -> Settings.read(Map.of(
                "BOOKS_DB_STATEMENT_TIMEOUT", "10s", "BOOKS_DB_SOCKET_TIMEOUT", "10s")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("BOOKS_DB_SOCKET_TIMEOUT");
    }

    @Test
    void the_description_masks_every_secret() {
        Settings config = Settings.read(Map.of(
                "BOOKS_DB_URL", "jdbc:postgresql://db/books?user=books&password=hunter2&ssl=true",
                "BOOKS_DB_PASSWORD", "s3cret"));

        assertThat(config.describe()).doesNotContain("hunter2").doesNotContain("s3cret")
                .contains("password=****&ssl=true").contains("dbPassword=****");
        assertThat(config.toString()).doesNotContain("hunter2").doesNotContain("s3cret");
    }

    @Test
    void unknown_books_variables_are_reported_as_probable_typos() {
        Settings config = Settings.read(Map.of("BOOKS_HTTP_PROT", "9090", "BOOKS_TEST_DB_URL", "x", "HOME", "/"));

        assertThat(config.unknownSettings()).containsExactly("BOOKS_HTTP_PROT");
    }
}
