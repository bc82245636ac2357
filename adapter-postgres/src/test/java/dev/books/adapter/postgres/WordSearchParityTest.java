package dev.books.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.books.domain.Book;
import dev.books.domain.BookDetails;
import dev.books.domain.BookPage;
import dev.books.domain.BookQuery;
import dev.books.domain.BookRepository;
import dev.books.domain.SearchText;
import dev.books.testkit.InMemoryBookRepository;
import dev.books.testkit.MutableClock;
import dev.books.testkit.WordSearch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The testkit's {@link WordSearch} (and with it the in-memory fake) finds and ranks as PostgreSQL does (V5,
 * {@link PageStatement}): the same accents removed, the same words, the same pages for texts with slips.
 */
class WordSearchParityTest {

    /** Fixed, so that a failure can be reproduced; change it to explore other text. */
    private static final long SEED = 20_261_206L;
    private static final int BOOKS = 300;
    private static final int SEARCHES = 150;

    private static final String LATIN = "àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿœłđðþıħŧşșțčďěňřšťžąęėįųūāēīōőű";
    private static final String GREEK_AND_CYRILLIC = "άέήίόύώϊϋΐёйщжъ";
    private static final List<String> WORDS = List.of("shadow", "river", "empire", "garden", "winter", "machine",
            "silence", "harbour", "orchard", "lantern", "le", "de", "la", "of", "the", "an", "márquez", "garcía",
            "brontë", "øresund", "łódź", "straße", "ælfric", "œuvre", "ἀγάπη", "ёлка", "война", "catch", "22", "1984");

    private static MigratedTestDatabase testDatabase;
    private static Jdbi jdbi;
    private static BookRepository postgres;
    private static final InMemoryBookRepository FAKE = new InMemoryBookRepository();
    private static final List<Book> STORED = new ArrayList<>();

    @BeforeAll
    static void storeTheSameBooksInBoth() {
        testDatabase = MigratedTestDatabase.create();
        jdbi = testDatabase.jdbi();
        postgres = testDatabase.database().bookRepository();
        Random random = new Random(SEED);
        MutableClock clock = MutableClock.startingAtNewYear2026();
        Set<String> works = new HashSet<>();
        while (STORED.size() < BOOKS) {
            String title = phrase(random, 1 + random.nextInt(4));
            String author = phrase(random, 1 + random.nextInt(3));
            if (!works.add(title.toLowerCase(java.util.Locale.ROOT) + "|" + author.toLowerCase(java.util.Locale.ROOT))) {
                continue;
            }
            clock.advance(Duration.ofSeconds(1));
            Book book = Book.create(BookDetails.from(title, author, null, null, null, clock), clock);
            STORED.add(postgres.insert(book));
            FAKE.insert(book);
        }
    }

    @AfterAll
    static void dropDatabase() {
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    @Test
    void accents_are_removed_as_unaccent_removes_them() {
        List<String> letters = (LATIN + GREEK_AND_CYRILLIC).codePoints()
                .mapToObj(cp -> new String(Character.toChars(cp))).toList();

        List<String> fromDatabase = jdbi.withHandle(handle -> handle.createQuery(
                "SELECT books_search_text(letter) FROM unnest(CAST(:letters AS text[])) WITH ORDINALITY AS l(letter, n)"
                        + " ORDER BY n").bind("letters", letters.toArray(String[]::new)).mapTo(String.class).list());

        List<String> fromTestkit = letters.stream().map(WordSearch::unaccent).toList();
        List<String> fromAdapter = letters.stream().map(SearchWords::unaccent).toList();
        assertThat(fromTestkit).isEqualTo(fromDatabase);
        assertThat(fromAdapter).isEqualTo(fromDatabase);
    }

    @Test
    void a_books_words_are_the_same_to_both() {
        List<String> mismatches = new ArrayList<>();
        for (Book book : STORED) {
            Set<String> fromDatabase = new HashSet<>(jdbi.withHandle(handle -> handle.createQuery(
                    "SELECT unnest(books_search_words(title_key, author_key)) FROM books WHERE id = :id")
                    .bind("id", book.id().value()).mapTo(String.class).list()));
            Set<String> fromTestkit = WordSearch.ownWords(WordSearch.unaccent(
                    book.title().matchKey() + " " + book.author().matchKey()));
            if (!fromDatabase.equals(fromTestkit)) {
                mismatches.add(book + ": PostgreSQL " + fromDatabase + ", testkit " + fromTestkit);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void both_find_the_same_pages_for_texts_with_slips() {
        Random random = new Random(SEED + 1);
        List<String> mismatches = new ArrayList<>();
        int found = 0;
        for (int i = 0; i < SEARCHES; i++) {
            Book target = STORED.get(random.nextInt(STORED.size()));
            String text = mistyped(target.title().value() + " " + target.author().value(), random);
            BookQuery query = BookQuery.newest(5).withText(new SearchText(text));
            BookPage fromDatabase = postgres.find(query);
            BookPage fromFake = FAKE.find(query);
            if (!fromDatabase.equals(fromFake)) {
                mismatches.add("'" + text + "': PostgreSQL " + fromDatabase + ", fake " + fromFake);
            }
            found += fromDatabase.books().contains(target) ? 1 : 0;
        }
        assertThat(mismatches).isEmpty();
        assertThat(found).as("searches that found their book on the first page").isGreaterThan(SEARCHES / 2);
    }

    private static String phrase(Random random, int words) {
        List<String> chosen = new ArrayList<>();
        for (int w = 0; w < words; w++) {
            String word = WORDS.get(random.nextInt(WORDS.size()));
            chosen.add(random.nextInt(3) == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
        }
        return String.join(random.nextInt(4) == 0 ? ", " : " ", chosen);
    }

    /** Two or three of the text's words, one of them with two letters swapped, one dropped or one added. */
    private static String mistyped(String text, Random random) {
        List<String> words = new ArrayList<>(List.of(text.split("[ ,]+")));
        while (words.size() > 3) {
            words.remove(random.nextInt(words.size()));
        }
        int at = random.nextInt(words.size());
        int[] cps = words.get(at).codePoints().toArray();
        int i = random.nextInt(cps.length);
        String word = new String(cps, 0, cps.length);
        String slipped = switch (random.nextInt(3)) {
            case 0 -> i + 1 < cps.length ? new String(cps, 0, i) + new String(cps, i + 1, 1) + new String(cps, i, 1)
                    + new String(cps, i + 2, cps.length - i - 2) : word + "e";
            case 1 -> cps.length > 1 ? new String(cps, 0, i) + new String(cps, i + 1, cps.length - i - 1) : word;
            default -> new String(cps, 0, i) + "x" + new String(cps, i, cps.length - i);
        };
        words.set(at, slipped);
        return String.join(" ", words);
    }
}
