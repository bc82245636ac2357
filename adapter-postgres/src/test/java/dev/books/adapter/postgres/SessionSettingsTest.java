package dev.books.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.books.domain.Book;
import dev.books.domain.BookDetails;
import dev.books.domain.BookQuery;
import dev.books.domain.SearchText;
import dev.books.testkit.MutableClock;
import dev.books.testkit.WordSearch;
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
 * database is configured against them (JIT always, parallel workers, no statement timeout, another name).
 */
class SessionSettingsTest {

    private static PostgresTestDatabase testDatabase;
    private static PostgresDatabase database;

    @BeforeAll
    static void createMisconfiguredDatabase() throws SQLException {
        testDatabase = PostgresTestDatabase.create();
        try (Connection connection = testDatabase.connect(); Statement statement = connection.createStatement()) {
            statement.execute("ALTER DATABASE " + testDatabase.name() + " SET jit = on");
            statement.execute("ALTER DATABASE " + testDatabase.name() + " SET jit_above_cost = 0");
            statement.execute("ALTER DATABASE " + testDatabase.name() + " SET max_parallel_workers_per_gather = 4");
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
                "SELECT current_setting('jit') AS jit,"
                        + " current_setting('max_parallel_workers_per_gather') AS workers,"
                        + " current_setting('statement_timeout') AS statement_timeout,"
                        + " current_setting('application_name') AS application_name,"
                        + " current_setting('books.startup_options', true) AS mark").mapToMap().one());

        assertThat(session).containsEntry("jit", "off").containsEntry("workers", "0")
                .containsEntry("statement_timeout", "5s")
                .containsEntry("application_name", "books")
                .as("the mark by which a pooler that drops the startup options is noticed").containsEntry("mark", "on");
    }

    @Test
    void search_finds_a_misspelt_book_whatever_the_server_defaults() {
        MutableClock clock = MutableClock.startingAtNewYear2026();
        Book book = database.bookRepository().insert(Book.create(
                BookDetails.from("Things Fall Apart", "Chinua Achebe", null, null, null, clock), clock));
        SearchText typo = new SearchText("chinua achebee");
        assertThat(WordSearch.matches(book, typo)).isTrue();

        assertThat(database.bookRepository().find(BookQuery.newest(10).withText(typo)).books()).containsExactly(book);
    }
}
