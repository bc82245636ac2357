package dev.books.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.books.domain.Author;
import dev.books.domain.Book;
import dev.books.domain.BookBulkLoader;
import dev.books.domain.BookDetails;
import dev.books.domain.BookPage;
import dev.books.domain.BookQuery;
import dev.books.domain.BookRepository;
import dev.books.domain.BulkLoad;
import dev.books.domain.Category;
import dev.books.domain.DuplicateBookException;
import dev.books.domain.SearchText;
import dev.books.domain.SkippedBook;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link BookBulkLoader} must show, together with the {@link BookRepository} of the same store.
 * Extend it and return both over a new, empty store from {@link #emptyStore()}:
 * <pre>{@code
 * class MyBookBulkLoaderTest extends BookBulkLoaderContract {
 *     @Override
 *     protected Store emptyStore() {
 *         MyStore store = new MyStore(freshDatabase());
 *         return new Store(store.repository(), store.bulkLoader());
 *     }
 * }
 * }</pre>
 * The suite covers what a load stores and when it becomes visible, the uniqueness rules within a load and against
 * stored books (which a load never changes), and a load's life cycle. Books are made with {@link #clock}, which
 * moves one millisecond before each book.
 */
public abstract class BookBulkLoaderContract {

    protected final MutableClock clock = MutableClock.startingAtNewYear2026();
    protected BookRepository repository;
    protected BookBulkLoader loader;

    /** A repository and a bulk loader over the same store. */
    protected record Store(BookRepository repository, BookBulkLoader loader) {
        public Store {
            Objects.requireNonNull(repository, "repository");
            Objects.requireNonNull(loader, "loader");
        }
    }

    /** A new store with no books in it (and no load open); called before every test. */
    protected abstract Store emptyStore();

    @BeforeEach
    void startEmpty() {
        Store store = emptyStore();
        repository = store.repository();
        loader = store.loader();
    }

    // ---------------------------------------------------------------- helpers for this suite and its subclasses

    protected Book newBook(String title, String author, String category, String isbn, Integer year) {
        clock.advance(Duration.ofMillis(1));
        return Book.create(BookDetails.from(title, author, category, isbn, year, clock), clock);
    }

    protected Book newBook(String title, String author) {
        return newBook(title, author, null, null, null);
    }

    /** Numbered books "Title n" by one of seven authors, each with its own valid ISBN. */
    protected List<Book> numberedBooks(int from, int count) {
        return IntStream.range(from, from + count)
                .mapToObj(n -> newBook("Title " + n, "Author " + n % 7, "Shelf " + n % 3, isbn(n), 1900 + n % 120))
                .toList();
    }

    /** A valid ISBN-13 for each number below a billion: 978, the number in nine digits, a check digit. */
    protected static String isbn(int number) {
        String twelve = "978" + String.format("%09d", number);
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (i % 2 == 0 ? 1 : 3) * (twelve.charAt(i) - '0');
        }
        return twelve + (10 - sum % 10) % 10;
    }

    /** Loads the batches in one load and commits it; returns what each batch skipped. */
    @SafeVarargs
    protected final List<List<SkippedBook>> loadAndCommit(List<Book>... batches) {
        List<List<SkippedBook>> skipped = new ArrayList<>();
        try (BulkLoad load = loader.begin()) {
            for (List<Book> batch : batches) {
                skipped.add(load.add(batch));
            }
            load.commit();
        }
        return skipped;
    }

    /** Every stored book, newest first. */
    protected List<Book> everyBook() {
        List<Book> seen = new ArrayList<>();
        BookQuery query = BookQuery.newest(100);
        while (true) {
            BookPage slice = repository.find(query);
            seen.addAll(slice.books());
            if (slice.next().isEmpty()) {
                return seen;
            }
            query = query.after(slice.next().get());
        }
    }

    private static List<Book> newestFirst(List<Book> books) {
        return books.stream()
                .sorted(Comparator.comparing(Book::createdAt).thenComparing(Book::id).reversed())
                .toList();
    }

    // ------------------------------------------------------------------------------------------ the suite

    @Nested
    @DisplayName("what a load stores, and when")
    class Storing {

        @Test
        void committed_books_read_back_equal_to_what_was_added() {
            Book full = newBook("Back\\slash, \"quotes\", tabs\tand 📚 Ñandú", "Gabriel García Márquez",
                    "Ficción", "978-0-441-47812-5", 1969);
            Book bare = newBook("Untitled Notes", "Anonymous");

            List<List<SkippedBook>> skipped = loadAndCommit(List.of(full, bare));

            assertThat(skipped).containsExactly(List.of());
            assertThat(repository.findById(full.id())).contains(full);
            assertThat(repository.findById(bare.id())).contains(bare);
            assertThat(repository.findById(bare.id()).orElseThrow().isbn()).isEmpty();
        }

        /**
         * Readers of a catalogue that has books see none of the load's until it commits. (Into an empty catalogue
         * a store may instead make readers wait for the load, as PostgreSQL does.)
         */
        @Test
        void nothing_is_visible_before_the_commit_and_everything_after_it() {
            Book stored = repository.insert(newBook("Kindred", "Octavia E. Butler"));
            List<Book> books = numberedBooks(0, 5);
            try (BulkLoad load = loader.begin()) {
                assertThat(load.add(books)).isEmpty();

                assertThat(repository.findById(books.get(0).id())).isEmpty();
                assertThat(repository.find(BookQuery.newest(10)).books()).containsExactly(stored);

                load.commit();
            }

            List<Book> all = new ArrayList<>(books);
            all.add(stored);
            assertThat(everyBook()).isEqualTo(newestFirst(all));
        }

        @Test
        void a_load_closed_without_a_commit_stores_nothing() {
            try (BulkLoad load = loader.begin()) {
                load.add(numberedBooks(0, 5));
            }

            assertThat(everyBook()).isEmpty();
        }

        @Test
        void an_empty_load_changes_nothing() {
            Book stored = repository.insert(newBook("Dune", "Frank Herbert"));

            loadAndCommit();
            loadAndCommit(List.of());

            assertThat(everyBook()).containsExactly(stored);
        }

        @Test
        void many_batches_of_one_load_are_all_stored() {
            List<Book> first = numberedBooks(0, 700);
            List<Book> second = numberedBooks(700, 700);
            List<Book> third = numberedBooks(1400, 3);

            loadAndCommit(first, second, third);

            List<Book> all = new ArrayList<>(first);
            all.addAll(second);
            all.addAll(third);
            assertThat(everyBook()).isEqualTo(newestFirst(all));
        }

        @Test
        void loaded_books_join_the_books_already_stored_and_leave_them_as_they_were() {
            Book before = repository.insert(newBook("Kindred", "Octavia E. Butler", null, "9780807083697", 1979));
            List<Book> loaded = numberedBooks(0, 10);

            loadAndCommit(loaded);

            List<Book> all = new ArrayList<>(loaded);
            all.add(before);
            assertThat(everyBook()).isEqualTo(newestFirst(all));
            assertThat(repository.findById(before.id())).contains(before);
        }

        @Test
        void loaded_books_are_found_by_the_exact_filters_and_by_search() {
            Book achebe = newBook("Things Fall Apart", "Chinua Achebe", "Classics", "9780385474542", 1958);
            List<Book> others = numberedBooks(0, 50);
            List<Book> batch = new ArrayList<>(others);
            batch.add(25, achebe);

            loadAndCommit(batch);

            assertThat(repository.find(BookQuery.newest(10).withAuthor(new Author("chinua ACHEBE"))).books())
                    .containsExactly(achebe);
            assertThat(repository.find(BookQuery.newest(100).withCategory(new Category("classics"))).books())
                    .containsExactly(achebe);
            assertThat(repository.find(BookQuery.newest(10).withText(new SearchText("thngs fall apart"))).books())
                    .containsExactly(achebe);
        }

        @Test
        void after_a_load_the_uniqueness_rules_hold_for_single_inserts() {
            loadAndCommit(List.of(newBook("Beloved", "Toni Morrison", null, "9781400033416", 1987)));

            assertThatThrownBy(() -> repository.insert(newBook("Jazz", "Toni Morrison", null, "9781400033416", 1992)))
                    .isInstanceOfSatisfying(DuplicateBookException.class,
                            e -> assertThat(e.rule()).isEqualTo(DuplicateBookException.Rule.ISBN));
            assertThatThrownBy(() -> repository.insert(newBook("BELOVED", "toni morrison")))
                    .isInstanceOfSatisfying(DuplicateBookException.class,
                            e -> assertThat(e.rule()).isEqualTo(DuplicateBookException.Rule.TITLE_AND_AUTHOR));
        }
    }

    @Nested
    @DisplayName("uniqueness")
    class Uniqueness {

        @Test
        void a_book_with_a_stored_isbn_is_skipped_by_the_isbn_rule_and_the_stored_one_is_untouched() {
            Book stored = repository.insert(newBook("Dune", "Frank Herbert", null, "9780441013593", 1965));
            Book sameIsbn = newBook("Dune (another edition)", "F. Herbert", "Science Fiction", "0-441-01359-7", 1990);
            Book fresh = newBook("Children of Dune", "Frank Herbert");

            List<List<SkippedBook>> skipped = loadAndCommit(List.of(sameIsbn, fresh));

            assertThat(skipped).containsExactly(List.of(new SkippedBook(sameIsbn, DuplicateBookException.Rule.ISBN)));
            assertThat(repository.findById(stored.id())).contains(stored);
            assertThat(repository.findById(sameIsbn.id())).isEmpty();
            assertThat(repository.findById(fresh.id())).contains(fresh);
        }

        @Test
        void a_stored_work_in_other_case_and_spacing_is_skipped_by_the_title_and_author_rule() {
            Book stored = repository.insert(newBook("The Name of the Rose", "Umberto Eco"));
            Book sameWork = newBook("  the NAME of   the rose ", "UMBERTO  eco", null, "9780156001311", 1980);

            List<List<SkippedBook>> skipped = loadAndCommit(List.of(sameWork));

            assertThat(skipped).containsExactly(
                    List.of(new SkippedBook(sameWork, DuplicateBookException.Rule.TITLE_AND_AUTHOR)));
            assertThat(everyBook()).containsExactly(stored);
        }

        @Test
        void a_stored_work_in_another_unicode_form_is_skipped_by_the_title_and_author_rule() {
            Book stored = repository.insert(newBook("Caf\u00E9 Society", "Ren\u00E9e Fleming"));
            Book decomposed = newBook("Cafe\u0301 Society", "Rene\u0301e Fleming");
            Book fullWidth = newBook("\uFF23\uFF41\uFF46\u00E9 \uFF33ociety", "REN\u00C9E FLEMING");

            List<List<SkippedBook>> skipped = loadAndCommit(List.of(decomposed, fullWidth));

            assertThat(skipped).containsExactly(List.of(
                    new SkippedBook(decomposed, DuplicateBookException.Rule.TITLE_AND_AUTHOR),
                    new SkippedBook(fullWidth, DuplicateBookException.Rule.TITLE_AND_AUTHOR)));
            assertThat(everyBook()).containsExactly(stored);
        }

        @Test
        void within_a_load_the_same_work_in_other_unicode_forms_is_kept_once() {
            Book composed = newBook("Caf\u00E9 Society", "Ren\u00E9e Fleming");
            Book decomposed = newBook("Cafe\u0301 Society", "Rene\u0301e Fleming");
            Book dune = newBook("Dune", "Frank Herbert");
            Book fullWidthDune = newBook("\uFF24\uFF55\uFF4E\uFF45", "\uFF26rank \uFF28erbert");

            List<List<SkippedBook>> skipped =
                    loadAndCommit(List.of(composed, dune), List.of(decomposed, fullWidthDune));

            assertThat(skipped).containsExactly(List.of(), List.of(
                    new SkippedBook(decomposed, DuplicateBookException.Rule.TITLE_AND_AUTHOR),
                    new SkippedBook(fullWidthDune, DuplicateBookException.Rule.TITLE_AND_AUTHOR)));
            assertThat(everyBook()).isEqualTo(newestFirst(List.of(composed, dune)));
        }

        @Test
        void a_book_breaking_both_rules_is_skipped_by_the_isbn_rule_as_insert_refuses_it() {
            repository.insert(newBook("Dune", "Frank Herbert", null, "9780441013593", 1965));
            Book both = newBook("DUNE", "frank herbert", null, "9780441013593", 1965);

            assertThat(loadAndCommit(List.of(both)))
                    .containsExactly(List.of(new SkippedBook(both, DuplicateBookException.Rule.ISBN)));
        }

        @Test
        void within_a_batch_the_first_of_two_duplicates_is_kept_and_the_later_skipped() {
            Book first = newBook("Middlemarch", "George Eliot", null, "9780141439549", 1871);
            Book sameIsbn = newBook("Middlemarch: A Study", "G. Eliot", null, "9780141439549", 1872);
            Book sameWork = newBook("MIDDLEMARCH", "george eliot");
            Book other = newBook("Silas Marner", "George Eliot");

            List<List<SkippedBook>> skipped = loadAndCommit(List.of(first, sameIsbn, sameWork, other));

            assertThat(skipped).containsExactly(List.of(
                    new SkippedBook(sameIsbn, DuplicateBookException.Rule.ISBN),
                    new SkippedBook(sameWork, DuplicateBookException.Rule.TITLE_AND_AUTHOR)));
            assertThat(everyBook()).isEqualTo(newestFirst(List.of(first, other)));
        }

        @Test
        void a_book_kept_in_an_earlier_batch_of_the_load_wins_over_a_later_one() {
            Book early = newBook("Straße der Ölsucher", "Jürgen Groß", null, "9783462034479", 2005);
            Book later = newBook("STRASSE DER ÖLSUCHER", "JÜRGEN GROSS");
            Book laterIsbn = newBook("Andere Straße", "Jürgen Groß", null, "978-3-462-03447-9", null);

            List<List<SkippedBook>> skipped = loadAndCommit(List.of(early), numberedBooks(0, 3),
                    List.of(later, laterIsbn));

            assertThat(skipped).containsExactly(List.of(), List.of(), List.of(
                    new SkippedBook(later, DuplicateBookException.Rule.TITLE_AND_AUTHOR),
                    new SkippedBook(laterIsbn, DuplicateBookException.Rule.ISBN)));
            assertThat(repository.findById(early.id())).contains(early);
        }

        @Test
        void a_skipped_book_claims_nothing_so_a_later_book_may_take_its_isbn() {
            repository.insert(newBook("Emma", "Jane Austen"));
            Book skipped = newBook("Emma", "Jane Austen", null, "9780141439587", 1815);
            Book takesItsIsbn = newBook("Emma (Penguin Classics)", "Jane Austen", null, "9780141439587", 2003);

            List<List<SkippedBook>> result = loadAndCommit(List.of(skipped, takesItsIsbn));

            assertThat(result).containsExactly(
                    List.of(new SkippedBook(skipped, DuplicateBookException.Rule.TITLE_AND_AUTHOR)));
            assertThat(repository.findById(takesItsIsbn.id())).contains(takesItsIsbn);
        }

        @Test
        void a_load_that_is_not_committed_claims_nothing() {
            Book abandoned = newBook("Walden", "Henry David Thoreau", null, "9780691096124", 1854);
            try (BulkLoad load = loader.begin()) {
                load.add(List.of(abandoned));
            }

            Book again = newBook("Walden", "Henry David Thoreau", null, "9780691096124", 1854);
            assertThat(loadAndCommit(List.of(again))).containsExactly(List.of());
            assertThat(repository.insert(newBook("Walden; or, Life in the Woods", "H. D. Thoreau"))).isNotNull();
            assertThat(everyBook()).hasSize(2);
        }
    }

    @Nested
    @DisplayName("life cycle")
    class LifeCycle {

        @Test
        void a_committed_load_takes_no_more_books_and_cannot_commit_again() {
            BulkLoad load = loader.begin();
            load.add(numberedBooks(0, 2));
            load.commit();

            assertThatThrownBy(() -> load.add(numberedBooks(2, 1))).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(load::commit).isInstanceOf(IllegalStateException.class);
            load.close();
            load.close();
            assertThat(everyBook()).hasSize(2);
        }

        @Test
        void a_closed_load_takes_no_more_books_and_cannot_commit() {
            BulkLoad load = loader.begin();
            load.add(numberedBooks(0, 2));
            load.close();

            assertThatThrownBy(() -> load.add(numberedBooks(2, 1))).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(load::commit).isInstanceOf(IllegalStateException.class);
            assertThat(everyBook()).isEmpty();
        }

        @Test
        void one_load_at_a_time_and_the_next_may_begin_once_it_ends() {
            try (BulkLoad first = loader.begin()) {
                assertThatThrownBy(() -> loader.begin())
                        .isInstanceOf(dev.books.domain.StoreUnavailableException.class);
                first.add(numberedBooks(0, 1));
                first.commit();
            }

            try (BulkLoad next = loader.begin()) {
                assertThat(next.add(numberedBooks(1, 1))).isEmpty();
                next.commit();
            }
            assertThat(everyBook()).hasSize(2);
        }
    }
}
