package dev.books.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
