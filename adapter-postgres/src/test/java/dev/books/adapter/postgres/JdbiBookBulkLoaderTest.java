package dev.books.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.books.domain.Book;
import dev.books.domain.BookQuery;
import dev.books.domain.BulkLoad;
import dev.books.domain.DuplicateBookException;
import dev.books.domain.SearchText;
import dev.books.domain.SkippedBook;
import dev.books.testkit.BookBulkLoaderContract;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bulk-loader contract against real PostgreSQL, plus what only a real database shows: the ways to load (into an
 * empty table, through a fresh table swapped in; alongside stored books, with the table open to others) and what a
 * concurrent reader or writer meets during each. {@link SwapLoadTest} has more on the swap.
 */
class JdbiBookBulkLoaderTest extends BookBulkLoaderContract {

    private static MigratedTestDatabase testDatabase;
    private static PostgresDatabase database;
    private static Jdbi jdbi;
    private static List<String> schemaIndexes;

    @BeforeAll
    static void createDatabase() {
        testDatabase = MigratedTestDatabase.create();
        database = testDatabase.database();
        jdbi = testDatabase.jdbi();
        schemaIndexes = indexDefinitions();
    }

    @AfterAll
    static void dropDatabase() {
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    @Override
    protected Store emptyStore() {
        jdbi.useHandle(handle -> handle.execute("TRUNCATE books"));
        return new Store(database.bookRepository(), database.bookBulkLoader());
    }

    private static List<String> indexDefinitions() {
        return jdbi.withHandle(handle -> handle.createQuery(
                "SELECT indexdef FROM pg_indexes WHERE tablename = 'books' ORDER BY indexname")
                .mapTo(String.class).list());
    }

    /** Runs a statement on a connection of its own that waits at most 300 ms for a lock; returns its error state. */
    private static String stateOfConcurrent(String sql) throws SQLException {
        try (Connection connection = testDatabase.server().connect(); Statement statement = connection.createStatement()) {
            statement.execute("SET lock_timeout = '300ms'");
            statement.execute(sql);
            return "ok";
        } catch (SQLException e) {
            return e.getSQLState();
        }
    }

    @Test
    void a_load_into_an_empty_table_rebuilds_every_index_as_the_schema_defines_it() {
        assertThat(schemaIndexes).hasSize(7);

        loadAndCommit(numberedBooks(0, 300));

        assertThat(indexDefinitions()).isEqualTo(schemaIndexes);
        float estimatedRows = jdbi.withHandle(handle -> handle.createQuery(
                "SELECT reltuples FROM pg_class WHERE relname = 'books'").mapTo(Float.class).one());
        assertThat(estimatedRows).as("statistics are fresh after the load").isEqualTo(300f);
    }

    @Test
    void after_a_load_into_an_empty_table_a_book_breaking_both_rules_is_still_refused_by_the_isbn_rule() {
        loadAndCommit(List.of(newBook("Dune", "Frank Herbert", null, "9780441013593", 1965)));

        assertThatThrownBy(() -> repository.insert(newBook("DUNE", "frank herbert", null, "9780441013593", 1965)))
                .isInstanceOfSatisfying(DuplicateBookException.class,
                        e -> assertThat(e.rule()).isEqualTo(DuplicateBookException.Rule.ISBN));
    }

    @Test
    void a_table_that_others_reference_still_loads_and_their_foreign_keys_hold_afterwards() throws SQLException {
        jdbi.useHandle(handle -> handle.execute(
                "CREATE TABLE loans (book_id uuid NOT NULL REFERENCES books (id))"));
        try {
            List<Book> books = numberedBooks(0, 50);
            List<Book> withDuplicate = new ArrayList<>(books);
            withDuplicate.add(newBook("title 7", "AUTHOR 0"));

            List<List<SkippedBook>> skipped = loadAndCommit(withDuplicate);

            assertThat(skipped.get(0)).extracting(SkippedBook::rule)
                    .containsExactly(DuplicateBookException.Rule.TITLE_AND_AUTHOR);
            assertThat(everyBook()).hasSize(50);
            assertThat(indexDefinitions()).isEqualTo(schemaIndexes);
            // The foreign key now points at the table the books were loaded into.
            assertThat(stateOfConcurrent("INSERT INTO loans VALUES ('" + books.get(3).id().value() + "')"))
                    .isEqualTo("ok");
            assertThat(stateOfConcurrent("INSERT INTO loans VALUES (gen_random_uuid())")).isEqualTo("23503");
            assertThat(stateOfConcurrent("DELETE FROM books WHERE id = '" + books.get(3).id().value() + "'"))
                    .isEqualTo("23503");
        } finally {
            jdbi.useHandle(handle -> handle.execute("DROP TABLE loans"));
        }
    }

    @Test
    void a_load_into_an_empty_table_that_is_abandoned_leaves_every_index_in_place() {
        try (BulkLoad load = loader.begin()) {
            load.add(numberedBooks(0, 10));
        }

        assertThat(indexDefinitions()).isEqualTo(schemaIndexes);
    }

    @Test
    void during_a_load_into_an_empty_table_readers_see_it_empty_and_writers_wait_for_it() throws SQLException {
        try (BulkLoad load = loader.begin()) {
            load.add(numberedBooks(0, 10));

            assertThat(stateOfConcurrent("SELECT count(*) FROM books")).isEqualTo("ok");
            assertThat(everyBook()).isEmpty();
            assertThat(stateOfConcurrent("INSERT INTO books SELECT * FROM books")).isEqualTo("55P03");
            load.commit();
        }
        assertThat(stateOfConcurrent("SELECT count(*) FROM books")).isEqualTo("ok");
        assertThat(everyBook()).hasSize(10);
    }

    @Test
    void during_a_load_alongside_stored_books_readers_see_the_old_catalogue_and_writers_go_ahead()
            throws SQLException {
        Book stored = repository.insert(newBook("Kindred", "Octavia E. Butler"));
        try (BulkLoad load = loader.begin()) {
            load.add(numberedBooks(0, 10));

            assertThat(stateOfConcurrent("SELECT count(*) FROM books")).isEqualTo("ok");
            assertThat(everyBook()).containsExactly(stored);
            Book written = repository.insert(newBook("Fledgling", "Octavia E. Butler"));
            assertThat(repository.findById(written.id())).contains(written);
            load.commit();
        }
        assertThat(everyBook()).hasSize(12);
        assertThat(indexDefinitions()).isEqualTo(schemaIndexes);
    }

    @Test
    void during_a_load_alongside_stored_books_search_finds_them_and_afterwards_the_gin_indexes_are_as_defined() {
        Book stored = repository.insert(newBook("Kindred", "Octavia E. Butler"));
        try (BulkLoad load = loader.begin()) {
            load.add(numberedBooks(0, 2_000));

            // The GIN indexes (the search words, ADR 0016) take the load's entries into their pending lists meanwhile.
            assertThat(indexDefinitions()).anyMatch(definition -> definition.contains("fastupdate='on'"));
            assertThat(repository.find(BookQuery.newest(10).withText(new SearchText("kindrde"))).books())
                    .containsExactly(stored);
            load.commit();
        }
        assertThat(indexDefinitions()).isEqualTo(schemaIndexes);
        assertThat(repository.find(BookQuery.newest(10).withText(new SearchText("title 1234"))).books())
                .extracting(book -> book.title().value()).first().isEqualTo("Title 1234");
    }

    @Test
    void a_load_alongside_stored_books_that_is_abandoned_leaves_the_gin_indexes_as_defined() {
        repository.insert(newBook("Kindred", "Octavia E. Butler"));
        try (BulkLoad load = loader.begin()) {
            load.add(numberedBooks(0, 10));
        }

        assertThat(indexDefinitions()).isEqualTo(schemaIndexes);
    }

    @Test
    void the_pending_lists_a_crashed_load_left_switched_on_are_switched_off_by_the_next_load() {
        jdbi.useHandle(handle -> handle.execute("ALTER INDEX books_search_words_idx SET (fastupdate = on, "
                + "gin_pending_list_limit = " + GinPendingLists.PENDING_LIST_KB + ")"));
        assertThat(indexDefinitions()).isNotEqualTo(schemaIndexes);

        loadAndCommit(numberedBooks(0, 10));

        assertThat(indexDefinitions()).isEqualTo(schemaIndexes);
    }

    @Test
    void an_empty_table_held_by_a_reader_throughout_is_loaded_without_waiting_for_it() throws SQLException {
        loader = new JdbiBookBulkLoader(Jdbi.create(testDatabase.server()::connect), Duration.ofSeconds(2));
        try (Connection reader = testDatabase.server().connect(); Statement statement = reader.createStatement()) {
            reader.setAutoCommit(false);
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM books")) {
                rows.next();
            }
            // The reader's transaction stays open, holding its lock on the table throughout the load: the swap
            // cannot happen, and the books are moved into the table instead.
            long started = System.nanoTime();
            loadAndCommit(numberedBooks(0, 20));

            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(30_000);
            reader.rollback();
        }
        assertThat(everyBook()).hasSize(20);
        assertThat(indexDefinitions()).isEqualTo(schemaIndexes);
    }

    @Test
    void a_second_load_meanwhile_is_refused_at_once_even_from_another_pool() {
        try (PostgresDatabase other = PostgresDatabase.connect(testDatabase.server().settings());
                BulkLoad first = loader.begin()) {
            assertThatThrownBy(() -> other.bookBulkLoader().begin())
                    .isInstanceOf(dev.books.domain.StoreUnavailableException.class)
                    .hasMessageContaining("another bulk load");
            first.commit();
        }
    }

    @Test
    void many_large_batches_arrive_whole() {
        List<List<Book>> batches = new ArrayList<>();
        for (int batch = 0; batch < 4; batch++) {
            batches.add(numberedBooks(batch * 2_500, 2_500));
        }

        try (BulkLoad load = loader.begin()) {
            for (List<Book> batch : batches) {
                assertThat(load.add(batch)).isEmpty();
            }
            load.commit();
        }

        long count = jdbi.withHandle(handle -> handle.createQuery("SELECT count(*) FROM books").mapTo(Long.class).one());
        assertThat(count).isEqualTo(10_000);
        Book sample = batches.get(3).get(1_234);
        assertThat(repository.findById(sample.id())).contains(sample);
    }
}
