package dev.books.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.books.domain.Book;
import dev.books.domain.FieldViolation;
import dev.books.domain.InvalidQueryException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ListBooksTest extends CatalogueFixture {

    /** A list request, built up parameter by parameter; every parameter is absent unless the test sets it. */
    private static final class Ask {
        private String title;
        private String author;
        private String category;
        private String text;
        private Integer limit;
        private String cursor;

        Ask title(String value) {
            title = value;
            return this;
        }

        Ask author(String value) {
            author = value;
            return this;
        }

        Ask category(String value) {
            category = value;
            return this;
        }

        Ask text(String value) {
            text = value;
            return this;
        }

        Ask limit(Integer value) {
            limit = value;
            return this;
        }

        Ask cursor(String value) {
            cursor = value;
            return this;
        }

        ListBooksQuery query() {
            return new ListBooksQuery(title, author, category, text, limit, cursor);
        }
    }

    private static Ask ask() {
        return new Ask();
    }

    private BookListing list(Ask ask) {
        return books.listBooks().list(ask.query());
    }

    /** Every book the request reaches, following the cursors page by page. */
    private List<Book> allPages(Ask ask) {
        List<Book> seen = new ArrayList<>();
        BookListing page = list(ask);
        seen.addAll(page.items());
        while (page.nextCursor().isPresent()) {
            assertThat(seen).as("pagination ends").hasSizeLessThan(10_000);
            page = list(ask.cursor(page.nextCursor().get()));
            seen.addAll(page.items());
        }
        return seen;
    }

    private List<Book> createNumbered(int count, String title) {
        return IntStream.rangeClosed(1, count).mapToObj(n -> create(title + " " + n, "Author " + n)).toList();
    }

    private static List<Book> newestFirst(List<Book> books) {
        return books.stream().sorted(Comparator.comparing(Book::createdAt).reversed()).toList();
    }

    private static void assertCursorRefused(Runnable listing) {
        assertThatThrownBy(listing::run).isInstanceOfSatisfying(InvalidQueryException.class, parameters("cursor"));
    }

    @Nested
    class Defaults {

        @Test
        void an_empty_catalogue_gives_an_empty_last_page() {
            BookListing page = list(ask());

            assertThat(page.items()).isEmpty();
            assertThat(page.nextCursor()).isEmpty();
        }

        @Test
        void the_first_page_holds_the_20_newest_books_newest_first() {
            List<Book> created = createNumbered(25, "Book");

            BookListing page = list(ask());

            assertThat(page.items()).containsExactlyElementsOf(newestFirst(created).subList(0, 20));
            assertThat(page.nextCursor()).isPresent();
        }
    }

    @Nested
    class Limit {

        @ParameterizedTest(name = "{0}")
        @ValueSource(ints = {1, 7, 100})
        void from_1_to_100_sets_the_page_size(int limit) {
            createNumbered(101, "Book");

            assertThat(list(ask().limit(limit)).items()).hasSize(limit);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(ints = {0, -1, 101, Integer.MIN_VALUE, Integer.MAX_VALUE})
        void outside_1_to_100_is_refused_naming_the_limit(int limit) {
            assertThatThrownBy(() -> list(ask().limit(limit))).isInstanceOfSatisfying(InvalidQueryException.class,
                    e -> assertThat(e.violations())
                            .containsExactly(new FieldViolation("limit", "must be between 1 and 100")));
        }
    }

    @Test
    void every_bad_parameter_is_reported_together() {
        assertThatThrownBy(() -> list(ask().title(" ").author("a".repeat(201)).category("Horror\u0000").text("\t")
                .limit(0))).isInstanceOfSatisfying(InvalidQueryException.class, e -> {
                    assertThat(e.violations()).extracting(FieldViolation::field)
                            .containsExactly("title", "author", "category", "q", "limit");
                    assertThat(e.code()).isEqualTo("invalid-query");
                });
    }

    @Nested
    class Filters {

        @Test
        void match_whole_titles_ignoring_case_and_spacing() {
            Book dune = create("Dune", "Frank Herbert");
            create("Dune Messiah", "Frank Herbert");
            Book otherDune = create("DUNE", "Some Fan");

            assertThat(list(ask().title("  dune ")).items()).containsExactly(otherDune, dune);
        }

        @Test
        void match_whole_authors_and_categories() {
            Book emma = create("Emma", "Jane Austen", "Classics", null, 1815);
            Book persuasion = create("Persuasion", "Jane Austen", null, null, 1817);
            Book ulysses = create("Ulysses", "James Joyce", "classics", null, 1922);

            assertThat(list(ask().author("JANE AUSTEN")).items()).containsExactly(persuasion, emma);
            assertThat(list(ask().category("Classics")).items()).containsExactly(ulysses, emma);
            assertThat(list(ask().author("jane austen").category("CLASSICS")).items()).containsExactly(emma);
            assertThat(list(ask().category("Science Fiction")).items()).isEmpty();
        }
    }

    @Nested
    class Paging {

        @Test
        void following_the_cursors_visits_every_book_once_newest_first() {
            List<Book> created = createNumbered(47, "Book");

            List<BookListing> pages = new ArrayList<>();
            pages.add(list(ask().limit(10)));
            while (pages.get(pages.size() - 1).nextCursor().isPresent()) {
                pages.add(list(ask().limit(10).cursor(pages.get(pages.size() - 1).nextCursor().get())));
            }

            assertThat(pages).extracting(page -> page.items().size()).containsExactly(10, 10, 10, 10, 7);
            assertThat(pages.stream().flatMap(page -> page.items().stream()))
                    .containsExactlyElementsOf(newestFirst(created));
        }

        @Test
        void a_catalogue_that_fills_its_pages_exactly_ends_without_an_empty_page() {
            createNumbered(30, "Book");

            BookListing third = list(ask().limit(10).cursor(list(ask().limit(10).cursor(
                    list(ask().limit(10)).nextCursor().orElseThrow())).nextCursor().orElseThrow()));

            assertThat(third.items()).hasSize(10);
            assertThat(third.nextCursor()).isEmpty();
        }

        @Test
        void books_added_or_removed_while_paging_neither_repeat_nor_hide_the_others() {
            List<Book> created = newestFirst(createNumbered(12, "Book"));
            BookListing first = list(ask().limit(5));

            create("Newer Than All", "Latecomer");
            books.deleteBook().delete(new DeleteBookCommand(created.get(0).id(), OptionalLong.empty()));
            List<Book> rest = allPages(ask().limit(5).cursor(first.nextCursor().orElseThrow()));

            assertThat(first.items()).containsExactlyElementsOf(created.subList(0, 5));
            assertThat(rest).containsExactlyElementsOf(created.subList(5, 12));
        }

        @Test
        void a_cursor_may_be_followed_with_another_page_size() {
            List<Book> created = newestFirst(createNumbered(30, "Book"));
            String cursor = list(ask().limit(3)).nextCursor().orElseThrow();

            assertThat(list(ask().limit(20).cursor(cursor)).items()).containsExactlyElementsOf(created.subList(3, 23));
        }

        @Test
        void a_cursor_may_be_followed_with_its_filters_spelled_differently() {
            List<Book> created = newestFirst(IntStream.rangeClosed(1, 5)
                    .mapToObj(n -> create("Volume " + n, "Jane Austen", "Classics", null, null)).toList());
            String cursor = list(ask().author("Jane Austen").category("Classics").limit(2)).nextCursor().orElseThrow();

            assertThat(allPages(ask().author(" JANE  austen").category("classics ").limit(2).cursor(cursor)))
                    .containsExactlyElementsOf(created.subList(2, 5));
        }
    }

    @Nested
    class CursorsOfAnotherQuery {

        private String fantasyCursor() {
            IntStream.rangeClosed(1, 3).forEach(n -> create("Fantasy " + n, "Writer", "Fantasy", null, null));
            return list(ask().category("Fantasy").limit(2)).nextCursor().orElseThrow();
        }

        @Test
        void are_refused_when_a_filter_changes() {
            String cursor = fantasyCursor();

            assertCursorRefused(() -> list(ask().category("Horror").limit(2).cursor(cursor)));
            assertCursorRefused(() -> list(ask().limit(2).cursor(cursor)));
            assertCursorRefused(() -> list(ask().category("Fantasy").author("Writer").limit(2).cursor(cursor)));
        }

        @Test
        void are_refused_when_a_search_text_is_added_or_changed() {
            String cursor = fantasyCursor();
            IntStream.rangeClosed(1, 3).forEach(n -> create("Hobbit " + n, "Someone"));
            String searchCursor = list(ask().text("hobbit").limit(2)).nextCursor().orElseThrow();

            assertCursorRefused(() -> list(ask().category("Fantasy").text("fantasy").limit(2).cursor(cursor)));
            assertCursorRefused(() -> list(ask().text("hobbits").limit(2).cursor(searchCursor)));
            assertCursorRefused(() -> list(ask().limit(2).cursor(searchCursor)));
        }
    }

    @Nested
    class BrokenCursors {

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"", " ", "garbage", "null", "0", "AAAA", "!!!!", "a b", "8J+Tmg", "%41%41",
            "ZGVhZGJlZWY=", "\u0000", "\uD800", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
        void are_refused_as_not_issued_by_this_service(String cursor) {
            assertCursorRefused(() -> list(ask().cursor(cursor)));
        }

        @Test
        void a_cursor_cut_short_or_stretched_or_with_a_bit_flipped_is_refused() {
            createNumbered(3, "Book");
            String cursor = list(ask().limit(1)).nextCursor().orElseThrow();
            byte[] flipped = Cursors.bytesOf(cursor);
            flipped[10] ^= 0x04;

            assertCursorRefused(() -> list(ask().limit(1).cursor(cursor.substring(0, cursor.length() - 4))));
            assertCursorRefused(() -> list(ask().limit(1).cursor(cursor + cursor)));
            assertCursorRefused(() -> list(ask().limit(1).cursor(Cursors.cursorOf(flipped))));
            assertCursorRefused(() -> list(ask().limit(1).cursor("x".repeat(100_000))));
        }

        @Test
        void is_judged_only_once_the_other_parameters_are_valid_as_it_belongs_to_a_valid_query() {
            assertThatThrownBy(() -> list(ask().title("").cursor("garbage")))
                    .isInstanceOfSatisfying(InvalidQueryException.class, parameters("title"));
        }
    }

    @Nested
    class Search {

        @Test
        void finds_the_books_with_the_word_and_ranks_them_by_the_similarity_of_title_and_author() {
            // similarity() of "hobbit" with title and author together (ADR 0016): 7 trigrams shared of ...
            Book byAuthor = create("Tales from the Shire", "Hobbit Hobbs");      // ... 29
            Book hobbit = create("The Hobbit", "J.R.R. Tolkien");                 // ... 22
            Book tales = create("Hobbit Tales", "Anna Smith");                   // ... 24
            Book companion = create("The Hobbit Companion", "David Day");        // ... 30
            create("Rabbit Habits", "Bob Bit");                                  // no "hobbit", nor one slip of it
            create("Dune", "Frank Herbert");                                     // nothing in common

            assertThat(list(ask().text("hobbit")).items()).containsExactly(hobbit, tales, byAuthor, companion);
        }

        @Test
        void normalises_the_search_text_and_ignores_its_case() {
            Book hobbit = create("The Hobbit", "J.R.R. Tolkien");

            assertThat(list(ask().text("  THE\tHOBBIT ")).items()).containsExactly(hobbit);
        }

        @Test
        void breaks_ties_by_id_ascending() {
            // Created within one millisecond: their ids differ only in random bits. Authors of one shape, none sharing
            // a trigram with "hobbit", so that title and author together are equally similar (ADR 0016).
            List<Book> tied = List.of("Ann Lee", "Dan Lee", "Emm Lee", "Fay Lee").stream()
                    .map(author -> books.createBook().create(new CreateBookCommand("Hobbit", author, null, null, null)))
                    .toList();

            assertThat(list(ask().text("hobbit")).items())
                    .containsExactlyElementsOf(tied.stream().sorted(Comparator.comparing(Book::id)).toList());
        }

        @Test
        void combines_with_the_exact_filters() {
            Book fantasy = create("The Hobbit", "J.R.R. Tolkien", "Fantasy", null, null);
            create("Hobbit Tales", "Anna Smith", "Parody", null, null);
            create("The Hobbit Companion", "David Day");

            assertThat(list(ask().text("hobbit").category("fantasy")).items()).containsExactly(fantasy);
        }

        @Test
        void pages_through_the_same_books_in_the_same_order_as_one_big_page() {
            createNumbered(30, "Hobbit Volume");
            createNumbered(5, "Unrelated");

            List<Book> onePage = list(ask().text("hobbit").limit(100)).items();
            List<Book> paged = allPages(ask().text("hobbit").limit(4));

            assertThat(onePage).hasSize(30);
            assertThat(paged).containsExactlyElementsOf(onePage);
            assertThat(paged).extracting(Book::id).doesNotHaveDuplicates();
        }

        @Test
        void a_blank_or_over_long_search_text_is_refused_as_parameter_q() {
            assertThatThrownBy(() -> list(ask().text(" \u3000 ")))
                    .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.violations())
                            .containsExactly(new FieldViolation("q", "must not be blank")));
            assertThatThrownBy(() -> list(ask().text("x".repeat(201))))
                    .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.violations())
                            .containsExactly(new FieldViolation("q", "must be at most 200 characters (got 201)")));
        }

        @Test
        void text_that_has_no_letter_or_digit_finds_nothing() {
            create("?!", "...");

            assertThat(list(ask().text("?!")).items()).isEmpty();
        }
    }
}
