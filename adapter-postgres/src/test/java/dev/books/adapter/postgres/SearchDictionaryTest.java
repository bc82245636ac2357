package dev.books.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.books.domain.Book;
import dev.books.domain.BookDetails;
import dev.books.domain.BookQuery;
import dev.books.domain.BookRepository;
import dev.books.domain.BulkLoad;
import dev.books.domain.SearchText;
import dev.books.testkit.MutableClock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The search dictionary (V6, ADR 0021): every way the service writes a book leaves every word of every stored book
 * in it, which is what a search's slips are looked up in; and what a search still finds when a writer did not keep it.
 */
class SearchDictionaryTest {

    /** The words of stored books that the dictionary lacks: none, whatever was written. */
    private static final String MISSING = """
            SELECT DISTINCT word FROM books, unnest(books_search_words(title_key, author_key)) AS word
            WHERE NOT EXISTS (SELECT 1 FROM search_dictionary d WHERE d.word = word)
            ORDER BY word""";

    private static MigratedTestDatabase testDatabase;
    private static PostgresDatabase database;
    private static BookRepository repository;
    private static Jdbi jdbi;
    private final MutableClock clock = MutableClock.startingAtNewYear2026();

    @BeforeAll
    static void createDatabase() {
        testDatabase = MigratedTestDatabase.create();
        database = testDatabase.database();
        repository = database.bookRepository();
        jdbi = testDatabase.jdbi();
    }

    @AfterAll
    static void dropDatabase() {
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    @BeforeEach
    void emptyCatalogue() {
        jdbi.useHandle(handle -> handle.execute("TRUNCATE books, search_dictionary"));
    }

    @Test
    void a_created_book_brings_its_words_and_a_retitled_one_its_new_words() {
        Book book = repository.insert(book("The Left Hand of Darkness", "Ursula K. Le Guin"));

        assertThat(missingWords()).isEmpty();
        assertThat(dictionary()).contains("left", "darkness", "leguin", "lefthand", "ursula");

        repository.update(book.revise(details("The Dispossessed", "Ursula K. Le Guin"), clock), book.version());

        assertThat(missingWords()).isEmpty();
        assertThat(dictionary()).contains("dispossessed", "thedispossessed")
                // The retitled book's old words stay: a probe more for a search, never a wrong answer.
                .contains("darkness");
        assertThat(titlesFoundBy("dispossesed")).containsExactly("The Dispossessed");
        assertThat(titlesFoundBy("darkness")).isEmpty();
    }

    @Test
    void a_load_into_an_empty_catalogue_and_one_beside_stored_books_bring_every_word() {
        load(List.of(book("Cien años de soledad", "Gabriel García Márquez"), book("Solaris", "Stanisław Lem")));
        assertThat(missingWords()).isEmpty();

        load(List.of(book("Kafka on the Shore", "Haruki Murakami"), book("Solaris", "Stanisław Lem")));

        assertThat(missingWords()).isEmpty();
        assertThat(dictionary()).contains("anos", "garciamarquez", "stanislaw", "murakami", "kafka");
        assertThat(titlesFoundBy("murakmi")).containsExactly("Kafka on the Shore");
        assertThat(titlesFoundBy("garcia marqez")).containsExactly("Cien años de soledad");
    }

    @Test
    void a_load_in_place_brings_every_word() {
        // A view over the table rules out the swap: the load goes in place (ExclusiveLoad).
        jdbi.useHandle(handle -> handle.execute("CREATE VIEW books_test_titles AS SELECT title FROM books"));
        try {
            load(List.of(book("Cien años de soledad", "Gabriel García Márquez")));
        } finally {
            jdbi.useHandle(handle -> handle.execute("DROP VIEW books_test_titles"));
        }

        assertThat(missingWords()).isEmpty();
        assertThat(titlesFoundBy("soldead")).containsExactly("Cien años de soledad");
    }

    @Test
    void a_failed_load_leaves_its_words_behind_and_no_book() {
        repository.insert(book("Solaris", "Stanisław Lem"));
        // Beside a stored book: the words go in batch by batch (into an empty catalogue, only just before the swap).
        try (BulkLoad load = database.bookBulkLoader().begin()) {
            load.add(List.of(book("Nineteen Eighty-Four", "George Orwell")));
            // Closed without a commit: rolled back.
        }

        assertThat(storedBooks()).isEqualTo(1);
        assertThat(dictionary()).contains("orwell", "nineteen");
        assertThat(titlesFoundBy("orwel")).isEmpty();
    }

    @Test
    void a_book_written_without_its_words_is_still_found_by_its_exact_words_but_not_by_a_slip() {
        // As an instance of an older version writes it during a rolling upgrade: the books table only.
        Book book = book("Solaris", "Stanisław Lem");
        jdbi.useHandle(handle -> BookRow.of(book).bindTo(handle.createUpdate(
                "INSERT INTO books (" + BookRow.WRITTEN_COLUMNS + ") VALUES (" + BookRow.PARAMETERS + ")")).execute());

        assertThat(missingWords()).contains("solaris", "lem");
        assertThat(titlesFoundBy("solaris lem")).containsExactly("Solaris");
        assertThat(titlesFoundBy("solaris")).containsExactly("Solaris");
        assertThat(titlesFoundBy("solarsi")).isEmpty();

        // Once the words are there (any later write of theirs, or the fill of V6 run again), slips find it too.
        jdbi.useHandle(handle -> handle.execute(SearchDictionary.addWordsOfTable("books")));
        assertThat(titlesFoundBy("solarsi")).containsExactly("Solaris");
    }

    @Test
    void writers_adding_the_same_new_words_at_once_neither_deadlock_nor_lose_a_word() throws Exception {
        List<String> words = List.of("amber", "harbor", "silent", "lantern", "orchard", "meridian", "quill", "ember");
        ExecutorService writers = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 6; w++) {
                Random random = new Random(w);
                int writer = w;
                done.add(writers.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        // The same new words, in another order each time: their rows are claimed in sorted order.
                        List<String> shuffled = new ArrayList<>(words);
                        Collections.shuffle(shuffled, random);
                        String title = String.join(" ", shuffled.subList(0, 5)) + " " + writer + "x" + i;
                        repository.insert(book(title, "Writer " + shuffled.get(5) + " " + writer));
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            writers.shutdownNow();
        }

        assertThat(storedBooks()).isEqualTo(240);
        assertThat(missingWords()).isEmpty();
    }

    @Test
    void the_words_java_tells_for_ascii_keys_are_exactly_those_postgresql_computes() {
        Random random = new Random(21);
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 .,;:'-!?&()/\\\"#*_+=[]{}<>|~`@$%^ \t";
        List<String[]> keys = new ArrayList<>(List.of(
                new String[] {"the left hand of darkness", "ursula k. le guin"},
                new String[] {"...", "--"},
                new String[] {"  leading and trailing  ", "x"},
                new String[] {"1984", "george orwell"},
                new String[] {"a", "b"},
                new String[] {"catch-22", "o'brien, tim"},
                new String[] {"UPPER case", "MiXeD"}));
        for (int i = 0; i < 300; i++) {
            keys.add(new String[] {randomText(random, alphabet), randomText(random, alphabet)});
        }

        for (String[] pair : keys) {
            List<String> postgres = jdbi.withHandle(handle -> handle.createQuery(
                    "SELECT DISTINCT w FROM unnest(books_search_words(:t, :a)) AS w ORDER BY w")
                    .bind("t", pair[0]).bind("a", pair[1]).mapTo(String.class).list());
            assertThat(SearchDictionary.wordsOf(pair[0], pair[1])).as("%s | %s", pair[0], pair[1])
                    .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(postgres);
        }
    }

    @Test
    void the_words_of_keys_beyond_ascii_are_left_to_postgresql() {
        assertThat(SearchDictionary.wordsOf("cien años de soledad", "gabriel garcía márquez")).isNull();
        assertThat(SearchDictionary.wordsOf("solaris", "stanisław lem")).isNull();
        assertThat(SearchDictionary.wordsOf("solaris", "stanislaw lem")).containsExactly("solaris", "stanislaw",
                "lem", "solarisstanislaw", "stanislawlem");
    }

    private static String randomText(Random random, String alphabet) {
        StringBuilder text = new StringBuilder();
        int length = 1 + random.nextInt(30);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private Book book(String title, String author) {
        clock.advance(java.time.Duration.ofSeconds(1));
        return Book.create(details(title, author), clock);
    }

    private BookDetails details(String title, String author) {
        return BookDetails.from(title, author, null, null, null, clock);
    }

    private static void load(List<Book> books) {
        try (BulkLoad load = database.bookBulkLoader().begin()) {
            assertThat(load.add(books)).allSatisfy(skipped -> assertThat(skipped.book().title().value())
                    .isEqualTo("Solaris"));
            load.commit();
        }
    }

    private static long storedBooks() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT count(*) FROM books").mapTo(Long.class).one());
    }

    private static List<String> missingWords() {
        return jdbi.withHandle(handle -> handle.createQuery(MISSING).mapTo(String.class).list());
    }

    private static List<String> dictionary() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT word FROM search_dictionary ORDER BY word")
                .mapTo(String.class).list());
    }

    private static List<String> titlesFoundBy(String text) {
        return repository.find(BookQuery.newest(20).withText(new SearchText(text))).books().stream()
                .map(found -> found.title().value()).toList();
    }
}
