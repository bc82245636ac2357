package dev.books.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A newly created embedded database gets the sample books when Books first serves from it, and never again: not on
 * the next start, not after the catalogue was emptied.
 */
class SampleCatalogueTest {

    @TempDir
    Path dataDir;

    private Settings config() {
        return Settings.read(Map.of("BOOKS_HTTP_PORT", "0", "BOOKS_DATA_DIR", dataDir.toString()));
    }

    @Test
    void the_first_start_loads_the_samples_and_later_starts_do_not() throws SQLException {
        try (BooksServer server = BooksServer.start(config())) {
            assertThat(server.port()).isPositive();
        }
        long samples = countBooks("DELETE FROM books WHERE published_year < 1900");
        assertThat(samples).isGreaterThanOrEqualTo(100);

        try (BooksServer server = BooksServer.start(config())) {
            assertThat(server.port()).isPositive();
        }

        assertThat(countBooks(null)).as("books after a restart").isLessThan(samples).isPositive();
    }

    /** Counts the books in the data directory's database, after running {@code change} if given. */
    private long countBooks(String change) throws SQLException {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir);
                Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), "");
                Statement statement = connection.createStatement()) {
            long count;
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM books")) {
                rows.next();
                count = rows.getLong(1);
            }
            if (change != null) {
                statement.execute(change);
            }
            return count;
        }
    }
}
