package dev.books.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.books.domain.Book;
import dev.books.domain.BookDetails;
import dev.books.domain.BookQuery;
import dev.books.domain.SearchText;
import dev.books.testkit.MutableClock;
import dev.books.testkit.TrigramSimilarity;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every pooled session carries the adapter's own settings, whatever the database's defaults say: here the
 * database is configured against them (a strict similarity threshold, no statement timeout, another name).
 */
class SessionSettingsTest {

    private static PostgresTestDatabase testDatabase;
    private static PostgresDatabase database;

    @BeforeAll
    static void createMisconfiguredDatabase() throws SQLException {
        testDatabase = PostgresTestDatabase.create();
        try (Connection connection = testDatabase.connect(); Statement statement = connection.createStatement()) {
            statement.execute("ALTER DATABASE " + testDatabase.name() + " SET pg_trgm.similarity_threshold = 0.9");
            statement.execute("ALTER DATABASE " + testDatabase.name() + " SET statement_timeout = 0");
            statement.execute("ALTER DATABASE " + testDatabase.name() + " SET application_name = 'someone-else'");
        }
        database = PostgresDatabase.connect(testDatabase.settings());
        database.migrate();
    }

    @AfterAll
    static void dropDatabase() {
        if (database != null) {
            database.close();
        }
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    @Test
    void pooled_sessions_use_the_adapters_settings() {
        Map<String, Object> session = Jdbi.create(database.dataSource()).withHandle(h -> h.createQuery(
                "SELECT current_setting('pg_trgm.similarity_threshold') AS threshold,"
                        + " current_setting('statement_timeout') AS statement_timeout,"
                        + " current_setting('application_name') AS application_name,"
                        + " current_setting('books.startup_options', true) AS mark").mapToMap().one());

        assertThat(session).containsEntry("threshold", "0.3")
                .containsEntry("statement_timeout", "5s")
                .containsEntry("application_name", "books")
                .as("the mark by which a pooler that drops the startup options is noticed").containsEntry("mark", "on");
    }

    @Test
    void search_finds_what_the_adapter_calls_a_match_despite_a_stricter_server_default() {
        MutableClock clock = MutableClock.startingAtNewYear2026();
        Book book = database.bookRepository().insert(Book.create(
                BookDetails.from("Things Fall Apart", "Chinua Achebe", null, null, null, clock), clock));
        SearchText typo = new SearchText("chinua achebee");
        assertThat(TrigramSimilarity.relevance(book, typo)).isBetween(0.3f, 0.9f);

        assertThat(database.bookRepository().find(BookQuery.newest(10).withText(typo)).books()).containsExactly(book);
    }
}
