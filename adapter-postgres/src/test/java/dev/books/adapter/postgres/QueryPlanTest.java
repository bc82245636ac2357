package dev.books.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.books.domain.Author;
import dev.books.domain.Book;
import dev.books.domain.BookDetails;
import dev.books.domain.BookQuery;
import dev.books.domain.Category;
import dev.books.domain.Cursor;
import dev.books.domain.SearchText;
import dev.books.domain.Title;
import dev.books.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every list path reads an index, on a table large enough (and analysed) for the planner to prefer one to a
 * sequential scan when that is cheaper: the EXPLAIN of the exact statement {@link PageStatement} builds.
 */
class QueryPlanTest {

    /**
     * Enough rows for the GIN indexes to pay: each GIN scan has a fixed cost, and below about 8,000 rows of
     * this kind a sequential scan is rightly cheaper for the search.
     */
    private static final int BOOKS = 10_000;
    private static final List<String> WORDS = List.of("shadow", "river", "empire", "garden", "winter", "machine",
            "silence", "harbour", "orchard", "lantern", "mountain", "letters", "voyage", "kingdom", "mirror",
            "island", "forest", "engine", "summer", "station", "archive", "desert", "glacier", "meadow", "thunder",
            "compass", "feather", "prophet", "citadel", "harvest", "ember", "tide", "atlas", "cathedral", "lighthouse",
            "orphan", "pilgrim", "quarry", "saffron", "tapestry", "velvet", "wanderer", "zenith", "bramble", "cobalt",
            "dynasty", "falcon", "gossamer", "hollow", "ivory", "juniper", "kestrel", "labyrinth", "marrow",
            "nocturne", "obsidian", "parable", "quill", "requiem", "sparrow", "thistle", "umbra", "vesper", "willow");
    private static final List<String> NAMES = List.of("Ada", "Boris", "Chiara", "Dmitri", "Elena", "Farid",
            "Greta", "Hiro", "Ines", "Jonas", "Kemal", "Lucia", "Mateo", "Nadia", "Oskar", "Priya", "Quentin",
            "Rosa", "Stellan", "Tove");
    private static final List<String> SURNAMES = List.of("Abara", "Brennan", "Castellano", "Dufresne", "Eklund",
            "Fonseca", "Gallagher", "Hakimi", "Ivanova", "Jablonski", "Kowalczyk", "Lindqvist", "Moreau",
            "Nakamura", "Okonkwo", "Petrov", "Quiroga", "Rasmussen", "Szabo", "Takahashi");

    private static MigratedTestDatabase testDatabase;
    private static PostgresDatabase database;
    private static Jdbi jdbi;
    private static List<Book> books;

    @BeforeAll
    static void fillAndAnalyse() {
        testDatabase = MigratedTestDatabase.create();
        database = testDatabase.database();
        jdbi = testDatabase.jdbi();
        books = generatedBooks();
        jdbi.useTransaction(handle -> {
            // Ten thousand rows in one batch can take longer than the service's statement timeout on a busy machine.
            handle.execute("SET LOCAL statement_timeout = 0");
            PreparedBatch batch = handle.prepareBatch(
                    "INSERT INTO books (" + BookRow.WRITTEN_COLUMNS + ") VALUES (" + BookRow.PARAMETERS + ")");
            books.forEach(book -> BookRow.of(book).bindTo(batch).add());
            batch.execute();
            // The dictionary as V6 fills it, and as large as a big catalogue's (it may hold words no book has).
            handle.execute(SearchDictionary.addWordsOfTable("books"));
            handle.execute("INSERT INTO search_dictionary (word)"
                    + " SELECT 'filler' || n FROM generate_series(1, 200000) n");
        });
        jdbi.useHandle(handle -> handle.execute("ANALYZE books, search_dictionary"));
    }

    @AfterAll
    static void dropDatabase() {
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    static Stream<Arguments> listPaths() {
        Book middle = books.get(BOOKS / 2);
        Cursor recent = new Cursor.ByRecency(middle.createdAt(), middle.id());
        SearchText text = new SearchText("lanterns");
        return Stream.of(
                path("newest first", BookQuery.newest(20), "books_newest_idx"),
                path("newest first, a later page", BookQuery.newest(20).after(recent), "books_newest_idx"),
                path("by author", BookQuery.newest(20).withAuthor(new Author(middle.author().value())),
                        "books_author_newest_idx"),
                path("by author, a later page",
                        BookQuery.newest(20).withAuthor(new Author(middle.author().value())).after(recent),
                        "books_author_newest_idx"),
                path("by category", BookQuery.newest(20).withCategory(new Category("Shelf 7")),
                        "books_category_newest_idx"),
                path("by title", BookQuery.newest(20).withTitle(new Title(middle.title().value())),
                        "books_work_unique"),
                path("search", BookQuery.newest(20).withText(text), "books_search_words_idx"),
                path("search, a later page", BookQuery.newest(20).withText(text)
                        .after(new Cursor.ByRelevance(0.5f, middle.id())), "books_search_words_idx"),
                path("search, two words with slips", BookQuery.newest(20).withText(new SearchText("lantren shadw")),
                        "books_search_words_idx"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("listPaths")
    void each_list_path_reads_its_indexes(String path, BookQuery query, String[] indexes) {
        List<String> lines = jdbi.withHandle(handle -> {
            PageStatement statement = PageStatement.of(query, SearchDictionary.on(handle));
            return handle.createQuery("EXPLAIN " + statement.sql()).bindMap(statement.parameters())
                    .mapTo(String.class).list();
        });
        String plan = String.join("\n", lines);

        assertThat(plan).as(plan).contains(indexes).doesNotContain("Seq Scan");
    }

    @Test
    void a_search_asks_the_dictionary_for_its_slips_by_its_primary_key() {
        List<String> asked = new ArrayList<>();
        SearchDictionary.Lookup explaining = words -> {
            asked.addAll(words);
            return Set.of();
        };
        PageStatement.of(BookQuery.newest(20).withText(new SearchText("lantren shadw")), explaining);

        List<String> lines = jdbi.withHandle(handle -> handle.createQuery("EXPLAIN " + SearchDictionary.KNOWN)
                .bind("words", asked.toArray(String[]::new)).mapTo(String.class).list());
        String plan = String.join("\n", lines);

        assertThat(asked).hasSizeGreaterThan(300).contains("lantern", "shadow");
        assertThat(plan).as(plan).contains("search_dictionary_pkey").doesNotContain("Seq Scan");
    }

    private static Arguments path(String name, BookQuery query, String... indexes) {
        return Arguments.of(name, query, indexes);
    }

    /** Titles of two or three words, 400 authors, 20 shelves, a second apart. */
    private static List<Book> generatedBooks() {
        Random random = new Random(7);
        MutableClock clock = MutableClock.startingAtNewYear2026();
        Set<String> works = new HashSet<>();
        List<Book> generated = new ArrayList<>();
        while (generated.size() < BOOKS) {
            int words = 2 + random.nextInt(2);
            StringBuilder title = new StringBuilder();
            for (int w = 0; w < words; w++) {
                String word = WORDS.get(random.nextInt(WORDS.size()));
                title.append(w == 0 ? "" : " ").append(Character.toUpperCase(word.charAt(0))).append(word, 1,
                        word.length());
            }
            String author = NAMES.get(random.nextInt(NAMES.size())) + " "
                    + SURNAMES.get(random.nextInt(SURNAMES.size()));
            if (!works.add(title + "|" + author)) {
                continue;
            }
            clock.advance(Duration.ofSeconds(1));
            generated.add(Book.create(BookDetails.from(title.toString(), author, "Shelf " + random.nextInt(20),
                    null, null, clock), clock));
        }
        return generated;
    }
}
