package dev.books.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.books.testkit.TrigramSimilarity;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTest {

    @TempDir
    Path dataDir;

    @Test
    void data_written_before_a_restart_is_there_after_it() throws SQLException {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir)) {
            execute(database, "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here')");
        }

        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir)) {
            assertThat(queryText(database, "SELECT note FROM kept")).isEqualTo("still here");
        }
    }

    @Test
    void a_data_directory_in_use_by_another_process_is_refused_with_a_clear_message() {
        try (EmbeddedDatabase running = EmbeddedDatabase.start(dataDir)) {
            assertThatThrownBy(() -> EmbeddedDatabase.start(dataDir).close())
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("is in use by another Books process");
            assertThat(running.jdbcUrl()).isNotBlank();
        }
    }

    @Test
    void the_database_classifies_letters_beyond_ascii_so_fuzzy_search_matches_the_fake() throws SQLException {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir)) {
            execute(database, "CREATE EXTENSION IF NOT EXISTS pg_trgm");

            String similarity = queryText(database, "SELECT similarity('García Márquez', 'garcía')::text");

            assertThat(Float.parseFloat(similarity))
                    .isEqualTo(TrigramSimilarity.similarity("García Márquez", "garcía"));
        }
    }

    private static void execute(EmbeddedDatabase database, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String queryText(EmbeddedDatabase database, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
