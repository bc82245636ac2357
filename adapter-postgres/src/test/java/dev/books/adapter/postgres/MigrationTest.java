package dev.books.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.books.domain.Book;
import dev.books.domain.BookDetails;
import dev.books.testkit.MutableClock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Update;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.util.PSQLException;

/** The schema Flyway builds: applied once, the names the adapter relies on, and the checks that back the domain. */
class MigrationTest {

    private static final OffsetDateTime CLAIMED_AT = OffsetDateTime.parse("2026-01-01T00:00:00Z");

    private static MigratedTestDatabase testDatabase;
    private static PostgresDatabase database;
    private static Jdbi jdbi;

    @BeforeAll
    static void createDatabase() {
        testDatabase = MigratedTestDatabase.create();
        database = testDatabase.database();
        jdbi = testDatabase.jdbi();
    }

    @AfterAll
    static void dropDatabase() {
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    @Test
    void an_empty_database_gets_every_migration_in_order_and_a_second_migration_changes_nothing() {
        try (PostgresTestDatabase empty = PostgresTestDatabase.create();
                PostgresDatabase fresh = PostgresDatabase.connect(empty.settings())) {
            Jdbi freshJdbi = Jdbi.create(fresh.dataSource());
            boolean noTableYet = freshJdbi.withHandle(h -> h.createQuery("SELECT to_regclass('books') IS NULL")
                    .mapTo(Boolean.class).one());
            assertThat(noTableYet).isTrue();

            fresh.migrate();
            List<Map<String, Object>> afterFirst = history(freshJdbi);
            fresh.migrate();
            List<Map<String, Object>> afterSecond = history(freshJdbi);

            assertThat(afterFirst).hasSizeGreaterThanOrEqualTo(3).allSatisfy(row ->
                    assertThat(row).containsEntry("success", true));
            assertThat(afterFirst.get(0)).containsEntry("version", "1")
                    .containsEntry("script", "V1__create_books.sql");
            assertThat(afterFirst.get(1)).containsEntry("version", "2")
                    .containsEntry("script", NormalizeStoredText.class.getName());
            assertThat(afterFirst.get(2)).containsEntry("version", "3")
                    .containsEntry("script", "V3__create_idempotency_keys.sql");
            assertThat(afterSecond).isEqualTo(afterFirst);
        }
    }

    @Test
    void the_indexes_every_query_relies_on_exist() {
        List<String> indexes = jdbi.withHandle(h -> h.createQuery(
                "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'books'")
                .mapTo(String.class).list());

        assertThat(indexes).containsExactlyInAnyOrder("books_pkey", "books_isbn_unique", "books_work_unique",
                "books_newest_idx", "books_author_newest_idx", "books_category_newest_idx",
                "books_search_words_idx");
        assertThat(indexDefinition("books_search_words_idx"))
                .contains("USING gin (books_search_words(search_words, title_key, author_key)) WITH (fastupdate=off)");
        assertThat(indexDefinition("books_newest_idx")).contains("(created_at DESC, id DESC)");
    }

    @Test
    void the_idempotency_keys_have_their_primary_key_and_the_purge_index() {
        List<String> indexes = jdbi.withHandle(h -> h.createQuery("SELECT indexname FROM pg_indexes"
                + " WHERE schemaname = current_schema() AND tablename = 'idempotency_keys'").mapTo(String.class).list());

        assertThat(indexes).containsExactlyInAnyOrder("idempotency_keys_pkey", "idempotency_keys_expires_idx");
        assertThat(indexDefinition("idempotency_keys_pkey")).contains("(scope, idempotency_key)");
        assertThat(indexDefinition("idempotency_keys_expires_idx")).contains("(expires_at)");
    }

    @Test
    void the_row_mapping_names_every_column_of_the_books_table_in_table_order() {
        List<String> columns = jdbi.withHandle(h -> h.createQuery("SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND table_name = 'books' ORDER BY ordinal_position")
                .mapTo(String.class).list());

        assertThat(String.join(", ", columns)).isEqualTo(BookRow.WRITTEN_COLUMNS);
    }

    @Test
    void the_unique_constraints_are_exactly_those_mapped_to_duplicate_rules() {
        List<String> unique = jdbi.withHandle(h -> h.createQuery(
                "SELECT conname FROM pg_constraint WHERE conrelid = 'books'::regclass AND contype = 'u'")
                .mapTo(String.class).list());

        assertThat(unique).containsExactlyInAnyOrderElementsOf(SqlFailures.RULES_BY_CONSTRAINT.keySet());
    }

    @Test
    void the_unique_constraints_are_checked_isbn_first() {
        // PostgreSQL checks unique indexes in creation (OID) order; the ISBN rule must come first, as in the fake.
        List<String> order = jdbi.withHandle(h -> h.createQuery("""
                SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                WHERE i.indrelid = 'books'::regclass AND i.indisunique AND NOT i.indisprimary
                ORDER BY i.indexrelid""").mapTo(String.class).list());

        assertThat(order).containsExactly("books_isbn_unique", "books_work_unique");
    }

    static Stream<Arguments> brokenRows() {
        return Stream.of(
                broken("books_isbn_digits", s -> s.bind("isbn", "978044101359X")),
                broken("books_published_year_positive", s -> s.bind("publishedYear", 0)),
                broken("books_version_positive", s -> s.bind("version", 0L)),
                broken("books_title_length", s -> s.bind("title", "")),
                broken("books_author_length", s -> s.bind("author", "")),
                broken("books_category_length", s -> s.bind("category", "").bind("categoryKey", "")),
                broken("books_updated_not_before_created",
                        s -> s.bind("updatedAt", OffsetDateTime.parse("2000-01-01T00:00:00Z"))),
                broken("books_category_key_with_category", s -> s.bind("categoryKey", (String) null)),
                broken("books_created_by_shape", s -> s.bind("createdBy", "")),
                broken("books_created_by_shape", s -> s.bind("createdBy", "key:two words")),
                broken("books_created_by_shape", s -> s.bind("createdBy", "k".repeat(201))),
                broken("books_updated_by_shape", s -> s.bind("updatedBy", "jwt:caf\u00e9")),
                broken("books_updated_by_shape", s -> s.bind("updatedBy", "u".repeat(201))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRows")
    void a_row_breaking_an_invariant_is_refused_by_its_named_check(String constraint, UnaryOperator<Update> breakIt) {
        Book valid = Book.create(BookDetails.from("Checked", "Checker " + constraint, "Tests", "9780441013593",
                2000, MutableClock.startingAtNewYear2026()), MutableClock.startingAtNewYear2026());

        assertThatThrownBy(() -> jdbi.useHandle(h ->
                breakIt.apply(BookRow.of(valid).bindTo(h.createUpdate(JdbiBookRepository.INSERT))).execute()))
                .isInstanceOfSatisfying(UnableToExecuteStatementException.class, e -> {
                    PSQLException cause = (PSQLException) e.getCause();
                    assertThat(cause.getSQLState()).isEqualTo("23514");
                    assertThat(cause.getServerErrorMessage().getConstraint()).isEqualTo(constraint);
                    assertThat(SqlFailures.toDomain(e)).as("a bug, passed on unchanged").isSameAs(e);
                });
    }

    @Test
    void an_actor_of_one_to_200_visible_ascii_characters_is_accepted() {
        Book valid = Book.create(BookDetails.from("Checked", "Checker of actors", null, null, null,
                MutableClock.startingAtNewYear2026()), MutableClock.startingAtNewYear2026());

        List<String> written = jdbi.withHandle(h -> BookRow.of(valid).bindTo(h.createQuery(JdbiBookRepository.INSERT))
                .bind("createdBy", "k".repeat(200)).bind("updatedBy", "!")
                .map((rs, ctx) -> rs.getString("created_by")).list());

        assertThat(written).containsExactly("k".repeat(200));
    }

    static Stream<Arguments> brokenIdempotencyKeys() {
        return Stream.of(
                broken("idempotency_keys_scope_length", s -> s.bind("scope", "")),
                broken("idempotency_keys_scope_length", s -> s.bind("scope", "s".repeat(513))),
                broken("idempotency_keys_key_length", s -> s.bind("key", "")),
                broken("idempotency_keys_key_length", s -> s.bind("key", "k".repeat(256))),
                broken("idempotency_keys_key_printable_ascii", s -> s.bind("key", "caf\u00e9")),
                broken("idempotency_keys_key_printable_ascii", s -> s.bind("key", "tab\t")),
                broken("idempotency_keys_fingerprint_length", s -> s.bind("fingerprint", "f".repeat(257))),
                broken("idempotency_keys_fingerprint_printable_ascii", s -> s.bind("fingerprint", "\u00e9")),
                broken("idempotency_keys_response_size", s -> s.bind("response", new byte[65_537])),
                broken("idempotency_keys_lease_after_claim", s -> s.bind("leaseUntil", CLAIMED_AT)),
                broken("idempotency_keys_expiry_after_claim", s -> s.bind("expiresAt", CLAIMED_AT.minusSeconds(1))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenIdempotencyKeys")
    void an_idempotency_key_breaking_a_bound_is_refused_by_its_named_check(String constraint,
                                                                         UnaryOperator<Update> breakIt) {
        assertThatThrownBy(() -> jdbi.useHandle(h -> breakIt.apply(h.createUpdate("""
                INSERT INTO idempotency_keys (scope, idempotency_key, fingerprint, owner, claimed_at, lease_until,
                                              expires_at, response)
                VALUES (:scope, :key, :fingerprint, gen_random_uuid(), :claimedAt, :leaseUntil, :expiresAt, :response)
                """).bind("scope", "POST /books").bind("key", "k-" + constraint).bind("fingerprint", "fp")
                .bind("claimedAt", CLAIMED_AT).bind("leaseUntil", CLAIMED_AT.plusMinutes(1))
                .bind("expiresAt", CLAIMED_AT.plusDays(1)).bind("response", new byte[65_536])).execute()))
                .isInstanceOfSatisfying(UnableToExecuteStatementException.class, e -> {
                    PSQLException cause = (PSQLException) e.getCause();
                    assertThat(cause.getSQLState()).isEqualTo("23514");
                    assertThat(cause.getServerErrorMessage().getConstraint()).isEqualTo(constraint);
                });
    }

    @Test
    void an_idempotency_key_at_every_bound_is_accepted() {
        int inserted = jdbi.withHandle(h -> h.createUpdate("""
                INSERT INTO idempotency_keys (scope, idempotency_key, fingerprint, owner, claimed_at, lease_until,
                                              expires_at, response)
                VALUES (:scope, :key, :fingerprint, gen_random_uuid(), :claimedAt, :leaseUntil, :expiresAt, :response)
                """).bind("scope", "\u00e9".repeat(512)).bind("key", " ~\"\\".repeat(63) + "k~ ")
                .bind("fingerprint", "f".repeat(256)).bind("claimedAt", CLAIMED_AT)
                .bind("leaseUntil", CLAIMED_AT.plusNanos(1_000)).bind("expiresAt", CLAIMED_AT.plusNanos(1_000))
                .bind("response", new byte[65_536]).execute());

        assertThat(inserted).isEqualTo(1);
    }

    private static Arguments broken(String constraint, UnaryOperator<Update> breakIt) {
        return Arguments.of(constraint, breakIt);
    }

    private static String indexDefinition(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT indexdef FROM pg_indexes WHERE indexname = :name")
                .bind("name", name).mapTo(String.class).one());
    }

    private static List<Map<String, Object>> history(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery(
                "SELECT installed_rank, version, script, checksum, success, installed_on"
                        + " FROM flyway_schema_history ORDER BY installed_rank").mapToMap().list());
    }
}
