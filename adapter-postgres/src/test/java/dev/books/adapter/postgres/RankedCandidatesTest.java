package dev.books.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.books.domain.Book;
import dev.books.domain.BookDetails;
import dev.books.domain.BookId;
import dev.books.domain.BookPage;
import dev.books.domain.BookQuery;
import dev.books.domain.BulkLoad;
import dev.books.domain.SearchText;
import dev.books.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A search that matches more books than {@link PageStatement#RANKED_CANDIDATES} ranks that many (ADR 0021): its
 * pages hold each of them once, best first, and end there; a narrower search still finds what the broad one left out.
 */
class RankedCandidatesTest {

    private static final int BOOKS = PageStatement.RANKED_CANDIDATES + 700;

    private static MigratedTestDatabase testDatabase;
    private static PostgresDatabase database;

    @BeforeAll
    static void load() {
        testDatabase = MigratedTestDatabase.create();
        database = testDatabase.database();
        MutableClock clock = MutableClock.startingAtNewYear2026();
        List<Book> books = new ArrayList<>();
        for (int i = 0; i < BOOKS; i++) {
            clock.advance(Duration.ofSeconds(1));
            // Every title has "lantern"; the longer the title, the less similar to the search "lantern".
            String title = "Lantern " + "of the hollow ".repeat(i % 4) + "number " + i;
            books.add(Book.create(BookDetails.from(title, "Author " + (i % 50), null, null, null, clock), clock));
        }
        try (BulkLoad load = database.bookBulkLoader().begin()) {
            assertThat(load.add(books)).isEmpty();
            load.commit();
        }
        testDatabase.jdbi().useHandle(handle -> handle.execute("ANALYZE books"));
    }

    @AfterAll
    static void dropDatabase() {
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    @Test
    void a_search_matching_more_books_than_are_ranked_pages_through_that_many_each_once_best_first() {
        BookQuery query = BookQuery.newest(100).withText(new SearchText("lantren"));
        Set<BookId> seen = new HashSet<>();
        List<Book> all = new ArrayList<>();
        while (true) {
            BookPage page = database.bookRepository().find(query);
            page.books().forEach(book -> assertThat(seen.add(book.id())).as("seen twice: %s", book.title()).isTrue());
            all.addAll(page.books());
            if (page.next().isEmpty()) {
                break;
            }
            query = query.after(page.next().get());
        }

        assertThat(all).hasSize(PageStatement.RANKED_CANDIDATES);
        // Best first: the short titles ("Lantern number 3") before the long ones.
        List<Integer> lengths = all.stream().map(book -> book.title().value().length()).toList();
        assertThat(lengths.get(0)).isLessThan(lengths.get(lengths.size() - 1));
    }

    @Test
    void a_narrower_search_finds_a_book_the_broad_one_did_not_rank() {
        String last = "number " + (BOOKS - 1);

        assertThat(database.bookRepository().find(BookQuery.newest(20).withText(new SearchText("lantern " + last)))
                .books()).extracting(book -> book.title().value()).anyMatch(title -> title.endsWith(last));
    }
}
