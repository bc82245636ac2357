package dev.books.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PostgresSettingsTest {

    private static final String URL = "jdbc:postgresql://db.example:5432/books";

    @Test
    void the_defaults_suit_one_small_service_instance() {
        PostgresSettings settings = PostgresSettings.withDefaults(URL, "books", "secret");

        assertThat(settings.poolSize()).isEqualTo(10);
        assertThat(settings.connectionTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.statementTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.socketTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(settings.socketTimeoutSeconds()).isEqualTo(15);
        assertThat(settings.connectTimeoutSeconds()).isEqualTo(3);
    }

    @Test
    void timeouts_go_to_the_driver_in_whole_seconds_rounded_up() {
        PostgresSettings settings = new PostgresSettings(URL, "books", "", 1, Duration.ofMillis(250),
                Duration.ofMillis(100), Duration.ofMillis(1500));

        assertThat(settings.connectTimeoutSeconds()).isEqualTo(1);
        assertThat(settings.socketTimeoutSeconds()).isEqualTo(2);
    }

    @Test
    void the_password_never_shows_and_neither_do_url_parameters() {
        PostgresSettings settings = PostgresSettings.withDefaults(URL + "?password=hunter2", "books", "secret");

        assertThat(settings.toString()).doesNotContain("secret").doesNotContain("hunter2").contains(URL);
    }

    @Test
    void nonsense_is_refused_at_start_up() {
        Duration second = Duration.ofSeconds(1);
        assertThatThrownBy(() -> new PostgresSettings("jdbc:mysql://db/books", "u", "p", 10, second, second,
                second.multipliedBy(2))).hasMessageContaining("jdbc:postgresql:");
        assertThatThrownBy(() -> new PostgresSettings(URL, " ", "p", 10, second, second, second.multipliedBy(2)))
                .hasMessageContaining("user");
        assertThatThrownBy(() -> new PostgresSettings(URL, "u", "p", 0, second, second, second.multipliedBy(2)))
                .hasMessageContaining("poolSize");
        assertThatThrownBy(() -> new PostgresSettings(URL, "u", "p", 10, Duration.ofMillis(100), second,
                second.multipliedBy(2))).hasMessageContaining("connectionTimeout");
        assertThatThrownBy(() -> new PostgresSettings(URL, "u", "p", 10, second, Duration.ZERO, second))
                .hasMessageContaining("statementTimeout");
        assertThatThrownBy(() -> new PostgresSettings(URL, "u", "p", 10, second, second, second))
                .hasMessageContaining("socketTimeout");
        assertThatThrownBy(() -> new PostgresSettings(URL, "u", null, 10, second, second, second.multipliedBy(2)))
                .isInstanceOf(NullPointerException.class);
    }
}
