package dev.books.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.books.domain.Actor;
import dev.books.domain.Book;
import dev.books.domain.BookBulkLoader;
import dev.books.domain.BookDetails;
import dev.books.domain.BookRepository;
import dev.books.domain.BulkLoad;
import dev.books.testkit.MutableClock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A load into an empty catalogue through a fresh table swapped in ({@link SwapLoad}): what the fresh table gets
 * (every index, constraint, grant, comment, option, and the foreign keys pointing at it), that a failure at any
 * point leaves the catalogue as it was, what readers and writers meet meanwhile, and when the load goes in place.
 */
class SwapLoadTest {

    private static MigratedTestDatabase testDatabase;
    private static Jdbi jdbi;
    private static BookRepository repository;
    private static BookBulkLoader loader;

    private final MutableClock clock = MutableClock.startingAtNewYear2026();

    @BeforeAll
    static void createDatabase() {
        testDatabase = MigratedTestDatabase.create();
        jdbi = testDatabase.jdbi();
        repository = testDatabase.database().bookRepository();
        loader = testDatabase.database().bookBulkLoader();
    }

    @AfterAll
    static void dropDatabase() {
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    @BeforeEach
    void startEmpty() {
        jdbi.useHandle(handle -> handle.execute("TRUNCATE books, book_deletions"));
    }

    @Test
    void the_swapped_in_table_has_every_index_constraint_grant_comment_and_option_the_old_one_had() {
        String role = "books_test_reader_" + UUID.randomUUID().toString().substring(0, 8);
        execute("CREATE ROLE " + role,
                "GRANT SELECT ON books TO " + role,
                "GRANT UPDATE (title) ON books TO " + role + " WITH GRANT OPTION",
                "COMMENT ON TABLE books IS 'The catalogue'",
                "COMMENT ON COLUMN books.title_key IS 'Title.matchKey()'",
                "ALTER TABLE books SET (autovacuum_vacuum_scale_factor = 0.02)",
                // As a later migration may add one: the loader finds it in the catalogue and builds it too.
                "CREATE INDEX books_test_title_words_idx ON books USING gin (lower(title) gin_trgm_ops)"
                        + " WITH (fastupdate = off) WHERE category IS NOT NULL",
                "COMMENT ON INDEX books_test_title_words_idx IS 'added by a later migration'");
        try {
            List<String> before = tableDescription();

            load(books(0, 500));

            assertThat(tableDescription()).isEqualTo(before);
            assertThat(tableDescription()).anyMatch(line -> line.contains("books_test_title_words_idx"));
            assertThat(count("SELECT count(*) FROM books")).isEqualTo(500);
            assertThat(relationExists(TableShape.LOADING_TABLE)).isFalse();
            assertThat(count("SELECT count(*) WHERE has_table_privilege('" + role + "', 'books', 'SELECT')"))
                    .isEqualTo(1);
        } finally {
            execute("DROP INDEX books_test_title_words_idx",
                    "ALTER TABLE books RESET (autovacuum_vacuum_scale_factor)",
                    "COMMENT ON TABLE books IS NULL",
                    "COMMENT ON COLUMN books.title_key IS NULL",
                    "DROP OWNED BY " + role,
                    "DROP ROLE " + role);
        }
    }

    @Test
    void the_swapped_in_table_keeps_its_checks_and_deletions_are_still_accounted_for() {
        List<Book> books = books(0, 20);
        load(books);

        assertThat(stateOf("UPDATE books SET version = 0")).isEqualTo("23514");
        repository.delete(books.get(4).id(), OptionalLong.of(1), new Actor("key:librarian"));

        assertThat(repository.findById(books.get(4).id())).isEmpty();
        assertThat(count("SELECT count(*) FROM book_deletions WHERE id = '" + books.get(4).id().value()
                + "' AND deleted_by = 'key:librarian'")).isEqualTo(1);
    }

    @Test
    void an_index_build_that_fails_leaves_the_catalogue_as_it_was_and_drops_the_fresh_table() {
        // Not one of the domain's rules, so the load does not skip duplicates of it: the build on the fresh table
        // finds them, while the other builds are still running.
        execute("CREATE UNIQUE INDEX books_test_year_unique ON books (published_year)");
        try {
            List<String> before = tableDescription();
            BulkLoad load = loader.begin();
            load.add(books(0, 300));

            assertThatThrownBy(load::commit).hasMessageContaining("books_loading_");

            assertThat(count("SELECT count(*) FROM books")).isZero();
            assertThat(tableDescription()).isEqualTo(before);
            assertThat(relationExists(TableShape.LOADING_TABLE)).isFalse();
            assertThat(busyIndexBuilds()).isZero();
        } finally {
            execute("DROP INDEX books_test_year_unique");
        }
        load(books(1_000, 10));
        assertThat(count("SELECT count(*) FROM books")).isEqualTo(10);
    }

    @Test
    void an_index_added_to_the_table_during_the_load_fails_it_and_changes_nothing() {
        List<String> before = tableDescription();
        try (BulkLoad load = loader.begin()) {
            load.add(books(0, 50));
            execute("CREATE INDEX books_test_late_idx ON books (published_year)");

            assertThatThrownBy(load::commit).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("changed during the bulk load");
        } finally {
            execute("DROP INDEX IF EXISTS books_test_late_idx");
        }
        assertThat(count("SELECT count(*) FROM books")).isZero();
        assertThat(tableDescription()).isEqualTo(before);
        assertThat(relationExists(TableShape.LOADING_TABLE)).isFalse();
    }

    @Test
    void a_load_closed_without_a_commit_leaves_no_fresh_table_behind() {
        try (BulkLoad load = loader.begin()) {
            load.add(books(0, 50));
        }

        assertThat(relationExists(TableShape.LOADING_TABLE)).isFalse();
        assertThat(count("SELECT count(*) FROM books")).isZero();
    }

    @Test
    void the_fresh_table_a_crashed_load_left_behind_is_dropped_by_the_next_load() {
        execute("CREATE TABLE " + TableShape.LOADING_TABLE + " (LIKE books)",
                "COMMENT ON TABLE " + TableShape.LOADING_TABLE + " IS '" + TableShape.LOADING_MARK + "'",
                "INSERT INTO " + TableShape.LOADING_TABLE + " SELECT * FROM books");

        load(books(0, 30));

        assertThat(count("SELECT count(*) FROM books")).isEqualTo(30);
        assertThat(relationExists(TableShape.LOADING_TABLE)).isFalse();
    }

    @Test
    void a_table_in_the_way_that_books_did_not_make_is_left_alone_and_the_load_goes_in_place() throws SQLException {
        execute("CREATE TABLE " + TableShape.LOADING_TABLE + " (note text)",
                "INSERT INTO " + TableShape.LOADING_TABLE + " VALUES ('mine')");
        try (BulkLoad load = loader.begin()) {
            load.add(books(0, 30));
            // In place, the table is locked for readers too.
            assertThat(stateOf("SELECT count(*) FROM books")).isEqualTo("55P03");
            load.commit();
        } finally {
            assertThat(count("SELECT count(*) FROM " + TableShape.LOADING_TABLE)).isEqualTo(1);
            execute("DROP TABLE " + TableShape.LOADING_TABLE);
        }
        assertThat(count("SELECT count(*) FROM books")).isEqualTo(30);
    }

    @Test
    void a_view_over_the_table_makes_the_load_go_in_place_and_the_view_keeps_working() {
        execute("CREATE VIEW books_test_titles AS SELECT title FROM books");
        try {
            load(books(0, 40));

            assertThat(count("SELECT count(*) FROM books_test_titles")).isEqualTo(40);
        } finally {
            execute("DROP VIEW books_test_titles");
        }
    }

    @Test
    void readers_during_the_load_see_no_books_or_every_book_never_part_of_them() throws Exception {
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        AtomicBoolean loading = new AtomicBoolean(true);
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            try (Connection connection = testDatabase.server().connect();
                    Statement statement = connection.createStatement()) {
                while (loading.get()) {
                    try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM books")) {
                        rows.next();
                        seen.add(rows.getLong(1));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            load(books(0, 3_000));
            TimeUnit.MILLISECONDS.sleep(100);
        } finally {
            loading.set(false);
        }
        reader.get(30, TimeUnit.SECONDS);

        assertThat(seen).containsExactlyInAnyOrder(0L, 3_000L);
    }

    @Test
    void a_writer_that_waited_for_the_load_stores_its_book_in_the_swapped_in_table() throws Exception {
        List<Book> books = books(0, 100);
        Book written = book(5_000);
        CompletableFuture<Book> writer;
        try (BulkLoad load = loader.begin()) {
            load.add(books);
            writer = CompletableFuture.supplyAsync(() -> repository.insert(written));
            awaitWaitingForLock();
            load.commit();
        }

        assertThat(writer.get(10, TimeUnit.SECONDS)).isEqualTo(written);
        assertThat(repository.findById(written.id())).contains(written);
        assertThat(count("SELECT count(*) FROM books")).isEqualTo(101);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private Book book(int n) {
        clock.advance(Duration.ofMillis(1));
        return Book.create(BookDetails.from("Title " + n, "Author " + n % 7, "Shelf " + n % 3,
                BookBulkLoaderFixtures.isbn(n), 1900 + n % 120, clock), clock);
    }

    private List<Book> books(int from, int count) {
        return IntStream.range(from, from + count).mapToObj(this::book).toList();
    }

    private static void load(List<Book> books) {
        try (BulkLoad load = loader.begin()) {
            assertThat(load.add(books)).isEmpty();
            load.commit();
        }
    }

    private static void execute(String... statements) {
        jdbi.useHandle(handle -> {
            for (String sql : statements) {
                handle.execute(sql);
            }
        });
    }

    private static long count(String sql) {
        return jdbi.withHandle(handle -> handle.createQuery(sql).mapTo(Long.class).one());
    }

    private static boolean relationExists(String name) {
        return count("SELECT count(*) FROM pg_class WHERE relname = '" + name + "'") > 0;
    }

    private static long busyIndexBuilds() {
        return count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND state = 'active' AND query LIKE 'CREATE %INDEX%'");
    }

    /** Runs a statement on a connection of its own that waits at most 300 ms for a lock; returns its error state. */
    private static String stateOf(String sql) {
        try (Connection connection = testDatabase.server().connect();
                Statement statement = connection.createStatement()) {
            statement.execute("SET lock_timeout = '300ms'");
            statement.execute(sql);
            return "ok";
        } catch (SQLException e) {
            return e.getSQLState();
        }
    }

    /** Waits until some session of this database waits for a lock on books. */
    private static void awaitWaitingForLock() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (count("SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'books'::regclass") == 0) {
            assertThat(System.nanoTime()).as("a writer waits for the load").isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    /**
     * Everything about the books table a swap must keep: indexes, constraints, columns (type, nullability, default,
     * privileges, comment), and the table's own privileges, options, owner and comment.
     */
    private static List<String> tableDescription() {
        return jdbi.withHandle(handle -> handle.createQuery("""
                SELECT 'index ' || indexname || ': ' || indexdef || ' '
                       || coalesce(obj_description(format('%I', indexname)::regclass, 'pg_class'), '')
                FROM pg_indexes WHERE tablename = 'books'
                UNION ALL
                SELECT 'constraint ' || conname || ': ' || pg_get_constraintdef(oid) || ' ' || convalidated
                       || ' ' || condeferrable
                FROM pg_constraint WHERE conrelid = 'books'::regclass
                UNION ALL
                SELECT 'column ' || a.attname || ': ' || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull
                       || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '') || ' ' || coalesce(a.attacl::text, '')
                       || ' ' || coalesce(col_description(a.attrelid, a.attnum), '')
                FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                WHERE a.attrelid = 'books'::regclass AND a.attnum > 0 AND NOT a.attisdropped
                UNION ALL
                SELECT 'table: ' || coalesce(relacl::text, '') || ' ' || coalesce(reloptions::text, '') || ' '
                       || pg_get_userbyid(relowner) || ' ' || coalesce(obj_description(oid, 'pg_class'), '')
                FROM pg_class WHERE oid = 'books'::regclass
                ORDER BY 1""").mapTo(String.class).list());
    }
}
