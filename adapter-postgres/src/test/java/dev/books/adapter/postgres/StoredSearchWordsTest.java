package dev.books.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.books.domain.Book;
import dev.books.domain.BookDetails;
import dev.books.domain.BookQuery;
import dev.books.domain.BookRepository;
import dev.books.domain.BulkLoad;
import dev.books.domain.SearchText;
import dev.books.testkit.MutableClock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The books' stored search words (V7, ADR 0022): the service writes the words it can spell (ASCII keys) with the
 * row, PostgreSQL computes the others through the same index expression, and whatever wrote a row — the service,
 * a bulk load, an older version, or V7 itself over books stored before it — the index holds exactly the words
 * {@code books_search_words(title_key, author_key)} gives.
 */
class StoredSearchWordsTest {

    /** Stored words that are not, as a set, what PostgreSQL computes from the row's keys. */
    private static final String STALE = """
            search_words IS NOT NULL
              AND NOT (search_words @> books_search_words(title_key, author_key)
                       AND search_words <@ books_search_words(title_key, author_key))""";

    /** Rows with stale words: none, ever. */
    private static final String WRONG_WORDS = "SELECT title FROM books WHERE " + STALE + " ORDER BY title";

    /** What operations.md has an operator run after a rolling upgrade from a version before V7. */
    private static final String RESET_STALE_WORDS = "UPDATE books SET search_words = NULL WHERE " + STALE;

    private final MutableClock clock = MutableClock.startingAtNewYear2026();
    private MigratedTestDatabase testDatabase;
    private PostgresDatabase database;
    private Jdbi jdbi;

    @BeforeEach
    void createDatabaseAtV6() {
        testDatabase = MigratedTestDatabase.atVersion("6");
        database = testDatabase.database();
        jdbi = testDatabase.jdbi();
    }

    @AfterEach
    void dropDatabase() {
        testDatabase.close();
    }

    @Test
    void books_stored_before_v7_keep_no_stored_words_and_are_found_by_their_words_and_slips() {
        storedAtV6(book("The Left Hand of Darkness", "Ursula K. Le Guin"));
        storedAtV6(book("Cien años de soledad", "Gabriel García Márquez"));

        database.migrate();

        assertThat(storedWords("The Left Hand of Darkness")).isNull();
        assertThat(titlesFoundBy("darknes leguin")).containsExactly("The Left Hand of Darkness");
        assertThat(titlesFoundBy("garcia marqez")).containsExactly("Cien años de soledad");
    }

    @Test
    void the_service_stores_the_words_of_ascii_keys_and_leaves_the_others_to_postgresql() {
        database.migrate();
        BookRepository repository = database.bookRepository();

        repository.insert(book("The Left Hand of Darkness", "Ursula K. Le Guin"));
        repository.insert(book("Cien años de soledad", "Gabriel García Márquez"));

        assertThat(storedWords("The Left Hand of Darkness")).contains("darkness", "leguin", "ursula", "lefthand");
        assertThat(storedWords("Cien años de soledad")).isNull();
        assertThat(wrongWords()).isEmpty();
        assertThat(titlesFoundBy("darknes leguin")).containsExactly("The Left Hand of Darkness");
        assertThat(titlesFoundBy("garcia marqez")).containsExactly("Cien años de soledad");
    }

    @Test
    void a_revision_stores_the_new_words_or_none_when_they_are_postgresqls_to_compute() {
        database.migrate();
        BookRepository repository = database.bookRepository();
        Book stored = repository.insert(book("The Dispossessed", "Ursula K. Le Guin"));

        Book retitled = repository.update(stored.revise(details("Always Coming Home", "Ursula K. Le Guin"), clock),
                stored.version());
        assertThat(storedWords("Always Coming Home")).contains("always", "home").doesNotContain("dispossessed");
        assertThat(titlesFoundBy("dispossesed")).isEmpty();
        assertThat(titlesFoundBy("comming")).containsExactly("Always Coming Home");

        repository.update(retitled.revise(details("Always Coming Home", "Úrsula K. Le Guin"), clock),
                retitled.version());
        assertThat(storedWords("Always Coming Home")).isNull();
        assertThat(wrongWords()).isEmpty();
        assertThat(titlesFoundBy("ursla")).containsExactly("Always Coming Home");
    }

    @Test
    void a_word_spelt_null_is_stored_as_a_word_by_a_write_and_by_a_load() {
        database.migrate();
        database.bookRepository().insert(book("Null Island", "Ann Null"));
        try (BulkLoad load = database.bookBulkLoader().begin()) {
            assertThat(load.add(List.of(book("Null and Void", "Nell Nulla")))).isEmpty();
            load.commit();
        }

        assertThat(storedWords("Null Island")).contains("null", "nullisland").doesNotContainNull();
        assertThat(storedWords("Null and Void")).contains("null", "nulland").doesNotContainNull();
        assertThat(wrongWords()).isEmpty();
        assertThat(titlesFoundBy("nul")).containsExactlyInAnyOrder("Null Island", "Null and Void");
    }

    @Test
    void loads_into_an_empty_catalogue_and_beside_stored_books_store_the_words_of_ascii_keys() {
        database.migrate();
        load(List.of(book("Kafka on the Shore", "Haruki Murakami"), book("Solaris", "Stanisław Lem")));
        load(List.of(book("Norwegian Wood", "Haruki Murakami"), book("Ficciones", "Jorge Luis Borges")));

        assertThat(storedWords("Kafka on the Shore")).contains("kafka", "harukimurakami");
        assertThat(storedWords("Solaris")).isNull();
        assertThat(storedWords("Ficciones")).contains("ficciones", "borges");
        assertThat(wrongWords()).isEmpty();
        assertThat(titlesFoundBy("murakmi")).containsExactlyInAnyOrder("Kafka on the Shore", "Norwegian Wood");
        assertThat(titlesFoundBy("stanislw")).containsExactly("Solaris");
        assertThat(titlesFoundBy("ficcoines")).containsExactly("Ficciones");
    }

    @Test
    void an_older_versions_update_leaves_stale_words_that_the_documented_statement_resets() {
        database.migrate();
        Book stored = database.bookRepository().insert(book("The Dispossessed", "Ursula K. Le Guin"));
        // As an instance of the version before V7 writes it during a rolling upgrade: every column it knows.
        Book retitled = stored.revise(details("Always Coming Home", "Ursula K. Le Guin"), clock);
        jdbi.useHandle(handle -> handle.createUpdate(
                "UPDATE books SET title = :title, title_key = :titleKey, version = :version WHERE id = :id")
                .bind("title", retitled.title().value()).bind("titleKey", retitled.title().matchKey())
                .bind("version", retitled.version()).bind("id", retitled.id().value()).execute());
        assertThat(wrongWords()).containsExactly("Always Coming Home");

        int reset = jdbi.withHandle(handle -> handle.execute(RESET_STALE_WORDS));
        jdbi.useHandle(handle -> handle.execute(SearchDictionary.addWordsOfTable("books")));

        assertThat(reset).isEqualTo(1);
        assertThat(wrongWords()).isEmpty();
        assertThat(titlesFoundBy("comming")).containsExactly("Always Coming Home");
        assertThat(titlesFoundBy("dispossessed")).isEmpty();
    }

    /** Stores a book as the version before V7 did: its row without stored words, and its words in the dictionary. */
    private void storedAtV6(Book book) {
        jdbi.useHandle(handle -> {
            // Every column V6 knew, from the row's parameters but the stored words.
            handle.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
            BookRow.of(book).bindTo(handle.createUpdate(
                    "INSERT INTO books (" + BookRow.COLUMNS + ") VALUES (" + BookRow.PARAMETERS.replace(
                            ", :searchWords", "") + ")")).execute();
            handle.execute("INSERT INTO search_dictionary (word) SELECT DISTINCT word FROM books,"
                    + " unnest(books_search_words(title_key, author_key)) AS word ON CONFLICT DO NOTHING");
        });
    }

    private void load(List<Book> books) {
        try (BulkLoad load = database.bookBulkLoader().begin()) {
            assertThat(load.add(books)).isEmpty();
            load.commit();
        }
    }

    private List<String> storedWords(String title) {
        String[] words = jdbi.withHandle(handle -> handle.createQuery(
                "SELECT search_words FROM books WHERE title = :title").bind("title", title)
                .mapTo(String[].class).one());
        return words == null ? null : Arrays.asList(words);
    }

    private List<String> wrongWords() {
        return jdbi.withHandle(handle -> handle.createQuery(WRONG_WORDS).mapTo(String.class).list());
    }

    private List<String> titlesFoundBy(String text) {
        return database.bookRepository().find(BookQuery.newest(20).withText(new SearchText(text))).books().stream()
                .map(found -> found.title().value()).toList();
    }

    private Book book(String title, String author) {
        clock.advance(Duration.ofSeconds(1));
        return Book.create(details(title, author), clock);
    }

    private BookDetails details(String title, String author) {
        return BookDetails.from(title, author, null, null, null, clock);
    }
}
