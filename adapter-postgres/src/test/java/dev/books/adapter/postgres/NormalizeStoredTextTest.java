package dev.books.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.books.domain.Author;
import dev.books.domain.Book;
import dev.books.domain.BookDetails;
import dev.books.domain.BookId;
import dev.books.domain.BookQuery;
import dev.books.domain.DuplicateBookException;
import dev.books.domain.Title;
import dev.books.testkit.MutableClock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Migration V2 ({@link NormalizeStoredText}) on books stored under V1, as V1's code stored them: text as the client
 * sent it (whitespace collapsed, any Unicode form) and keys that were only upper- then lower-cased.
 */
class NormalizeStoredTextTest {

    /** The columns V2 knew: later migrations add their own, which V2 neither reads nor changes. */
    private static final String V1_COLUMNS = "id, title, author, category, isbn, published_year, version, created_at,"
            + " updated_at, title_key, author_key, category_key";

    private static final Instant LONG_AGO = Instant.parse("2025-01-01T00:00:00Z");
    private static final String CAFE = "Caf\u00E9 Society";
    private static final String CAFE_DECOMPOSED = "Cafe\u0301 Society";
    private static final String RENEE = "Ren\u00E9e Fleming";
    private static final String RENEE_DECOMPOSED = "Rene\u0301e Fleming";
    private static final String FULL_WIDTH_DUNE = "\uFF24\uFF55\uFF4E\uFF45";
    private static final String FULL_WIDTH_HERBERT =
            "\uFF26\uFF52\uFF41\uFF4E\uFF4B \uFF28\uFF45\uFF52\uFF42\uFF45\uFF52\uFF54";

    private MigratedTestDatabase testDatabase;
    private PostgresDatabase database;
    private Jdbi jdbi;
    private int stored;

    @BeforeEach
    void createDatabaseAtV1() {
        testDatabase = MigratedTestDatabase.atVersion("1");
        database = testDatabase.database();
        jdbi = testDatabase.jdbi();
    }

    @AfterEach
    void dropDatabase() {
        testDatabase.close();
    }

    /** The match key as V1's code computed it: upper- then lower-cased, nothing more. */
    private static String v1Key(String text) {
        return text == null ? null : text.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    /** Stores a book as V1 did, a minute after the previous one; returns its id. */
    private UUID storedAtV1(String title, String author, String category) {
        return storedAtV1(title, author, category, v1Key(title));
    }

    private UUID storedAtV1(String title, String author, String category, String titleKey) {
        Instant createdAt = LONG_AGO.plus(++stored, ChronoUnit.MINUTES);
        UUID id = BookId.generate(createdAt).value();
        jdbi.useHandle(handle -> handle.createUpdate("""
                INSERT INTO books (id, title, author, category, version, created_at, updated_at,
                                   title_key, author_key, category_key)
                VALUES (:id, :title, :author, :category, 1, :at, :at, :titleKey, :authorKey, :categoryKey)""")
                .bind("id", id).bind("title", title).bind("author", author).bind("category", category)
                .bind("at", createdAt.atOffset(ZoneOffset.UTC))
                .bind("titleKey", titleKey).bind("authorKey", v1Key(author)).bind("categoryKey", v1Key(category))
                .execute());
        return id;
    }

    private Map<String, Object> row(UUID id) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + V1_COLUMNS + " FROM books WHERE id = :id").bind("id", id)
                .mapToMap().one());
    }

    private List<Map<String, Object>> everyRow() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + V1_COLUMNS + " FROM books ORDER BY id").mapToMap().list());
    }

    private List<String> appliedVersions() {
        return jdbi.withHandle(handle -> handle.createQuery(
                "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")
                .mapTo(String.class).list());
    }

    private Book read(UUID id) {
        return database.bookRepository().findById(new BookId(id)).orElseThrow();
    }

    @Test
    void decomposed_text_is_recomposed_at_the_next_version_and_every_key_comes_from_the_domain() {
        UUID cafe = storedAtV1(CAFE_DECOMPOSED, RENEE_DECOMPOSED, "Mu\u0301sica");
        Map<String, Object> before = row(cafe);

        database.migrate();

        Map<String, Object> after = row(cafe);
        assertThat(after).containsEntry("title", CAFE).containsEntry("author", RENEE)
                .containsEntry("category", "M\u00FAsica")
                .containsEntry("title_key", "caf\u00E9 society").containsEntry("author_key", "ren\u00E9e fleming")
                .containsEntry("category_key", "m\u00FAsica")
                .containsEntry("version", 2L);
        assertThat(after.get("created_at")).isEqualTo(before.get("created_at"));
        Book book = read(cafe);
        assertThat(book.updatedAt()).isAfter(book.createdAt());
        assertThat(book.title()).isEqualTo(new Title(CAFE_DECOMPOSED));
        assertThat(after.get("title_key")).isEqualTo(book.title().matchKey());
        assertThat(appliedVersions()).startsWith("1", "2");
    }

    @Test
    void text_already_composed_keeps_its_version_and_gets_only_new_keys() {
        UUID dune = storedAtV1(FULL_WIDTH_DUNE, FULL_WIDTH_HERBERT, null);
        String odysseia = "\u039F\u0394\u03A5\u03A3\u03A3\u0395\u0399\u0391\u03A3";
        UUID odyssey = storedAtV1(odysseia, "\u039F\u039C\u0397\u03A1\u039F\u03A3", null);
        Map<String, Object> duneBefore = row(dune);

        database.migrate();

        Map<String, Object> duneAfter = row(dune);
        assertThat(duneAfter).containsEntry("title", FULL_WIDTH_DUNE).containsEntry("title_key", "dune")
                .containsEntry("author_key", "frank herbert").containsEntry("version", 1L)
                .containsEntry("updated_at", duneBefore.get("updated_at"));
        assertThat(row(odyssey)).as("a final sigma folds to sigma")
                .containsEntry("title_key", "\u03BF\u03B4\u03C5\u03C3\u03C3\u03B5\u03B9\u03B1\u03C3")
                .containsEntry("version", 1L);
        assertThatThrownBy(() -> database.bookRepository().insert(book("Dune", "Frank Herbert")))
                .isInstanceOfSatisfying(DuplicateBookException.class,
                        e -> assertThat(e.rule()).isEqualTo(DuplicateBookException.Rule.TITLE_AND_AUTHOR));
        BookQuery plainDune =
                BookQuery.newest(10).withTitle(new Title("dune")).withAuthor(new Author("FRANK HERBERT"));
        assertThat(database.bookRepository().find(plainDune).books()).extracting(Book::id)
                .containsExactly(new BookId(dune));
    }

    @Test
    void plain_text_with_keys_as_the_domain_makes_them_is_left_exactly_as_it_was() {
        storedAtV1("The Hobbit", "J. R. R. Tolkien", "Fantasy");
        storedAtV1("Stra\u00DFe der \u00D6lsucher", "J\u00FCrgen Gro\u00DF", null);
        List<Map<String, Object>> before = everyRow();

        database.migrate();

        assertThat(everyRow()).isEqualTo(before);
    }

    @Test
    void thousands_of_books_are_migrated_in_batches() {
        int count = 2 * NormalizeStoredText.BATCH + 500;
        jdbi.useHandle(handle -> {
            PreparedBatch batch = handle.prepareBatch("""
                    INSERT INTO books (id, title, author, version, created_at, updated_at, title_key, author_key)
                    VALUES (:id, :title, :author, 1, :at, :at, :titleKey, :authorKey)""");
            for (int i = 0; i < count; i++) {
                Instant at = LONG_AGO.plusSeconds(i);
                String title = (i % 2 == 0 ? "Cafe\u0301 " : "\uFF23\uFF41\uFF46\uFF45 ") + i;
                batch.bind("id", BookId.generate(at).value()).bind("title", title).bind("author", "Author " + i)
                        .bind("at", at.atOffset(ZoneOffset.UTC))
                        .bind("titleKey", v1Key(title)).bind("authorKey", v1Key("Author " + i)).add();
            }
            batch.execute();
        });

        database.migrate();

        Map<String, Object> counts = jdbi.withHandle(handle -> handle.createQuery("""
                SELECT count(*) AS books,
                       count(*) FILTER (WHERE title IS NFC NORMALIZED) AS composed,
                       count(*) FILTER (WHERE title_key = 'caf\u00E9 ' || split_part(title, ' ', 2)) AS cafe_keys,
                       count(*) FILTER (WHERE title_key = 'cafe ' || split_part(title, ' ', 2)) AS full_width_keys,
                       count(*) FILTER (WHERE version = 2) AS recomposed
                FROM books""").mapToMap().one());
        assertThat(counts).containsEntry("books", (long) count).containsEntry("composed", (long) count)
                .containsEntry("cafe_keys", (long) count / 2).containsEntry("full_width_keys", (long) count / 2)
                .containsEntry("recomposed", (long) count / 2);
    }

    @Test
    void a_key_one_book_gives_up_can_be_taken_by_another_in_the_same_migration() {
        // Stale keys (as a buggy writer might have left them): the second book holds the key the first will get.
        // PostgreSQL checks unique indexes row by row, so each book must give up its key before any takes a new one.
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(storedAtV1("\uFF24\uFF55\uFF4E\uFF45 " + i, "Frank Herbert", null));
            ids.add(storedAtV1("Dune " + i + " Messiah", "Frank Herbert", null, "dune " + i));
        }

        database.migrate();

        assertThat(ids).allSatisfy(id -> assertThat(row(id).get("title_key")).isEqualTo(read(id).title().matchKey()));
    }

    @Test
    void books_that_become_one_work_stop_the_migration_which_names_them_oldest_first_and_changes_nothing() {
        UUID composed = storedAtV1(CAFE, RENEE, null);
        UUID decomposed = storedAtV1(CAFE_DECOMPOSED, RENEE_DECOMPOSED, null);
        UUID ascii = storedAtV1("Dune", "Frank Herbert", null);
        UUID fullWidth = storedAtV1(FULL_WIDTH_DUNE, FULL_WIDTH_HERBERT, null);
        storedAtV1("Cafe\u0301 Noir", "Someone Else", null);
        List<Map<String, Object>> before = everyRow();

        assertThatThrownBy(database::migrate).isInstanceOf(StoredTextConflictException.class)
                .hasMessageContaining("2 groups of books are one work once normalised")
                .hasMessageContaining("\n  " + composed + ", " + decomposed + "\n")
                .hasMessageContaining("\n  " + ascii + ", " + fullWidth + "\n")
                .hasMessageNotContaining("Caf");

        assertThat(everyRow()).isEqualTo(before);
        assertThat(appliedVersions()).containsExactly("1");

        // An editor keeps the older book of each pair; then the migration goes through.
        jdbi.useHandle(handle -> handle.execute("DELETE FROM books WHERE id IN (?, ?)", decomposed, fullWidth));
        database.migrate();
        assertThat(appliedVersions()).startsWith("1", "2");
        assertThat(read(composed).title().value()).isEqualTo(CAFE);
    }

    @Test
    void stored_text_the_rules_now_refuse_stops_the_migration_which_names_each_book_and_field() {
        UUID invisible = storedAtV1("\u200B", "Nobody", null);
        UUID overridden = storedAtV1("Dune\u202E", "Frank Herbert", null);
        UUID filler = storedAtV1("Fine Title", "\u3164", "Also\u200BBad");
        List<Map<String, Object>> before = everyRow();

        assertThatThrownBy(database::migrate).isInstanceOf(StoredTextConflictException.class)
                .hasMessageContaining("3 books break the text rules now enforced")
                .hasMessageContaining("book " + invisible
                        + ": title must not contain invisible formatting characters (found U+200B ZERO WIDTH SPACE)")
                .hasMessageContaining("book " + overridden
                        + ": title must not contain invisible formatting characters (found U+202E RIGHT-TO-LEFT "
                        + "OVERRIDE)")
                .hasMessageContaining("book " + filler + ": author must contain at least one visible character; "
                        + "category must not contain invisible formatting characters (found U+200B ZERO WIDTH SPACE)")
                .hasMessageNotContaining("Dune");

        assertThat(everyRow()).isEqualTo(before);
        assertThat(appliedVersions()).containsExactly("1");
    }

    private static Book book(String title, String author) {
        MutableClock clock = MutableClock.startingAtNewYear2026();
        return Book.create(BookDetails.from(title, author, null, null, null, clock), clock);
    }
}
