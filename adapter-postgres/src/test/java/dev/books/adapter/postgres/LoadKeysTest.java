package dev.books.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.books.domain.Book;
import dev.books.domain.BookDetails;
import dev.books.domain.DuplicateBookException;
import dev.books.testkit.MutableClock;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LoadKeysTest {

    private final MutableClock clock = MutableClock.startingAtNewYear2026();
    private final LoadKeys keys = new LoadKeys();

    private Book book(String title, String author, String isbn) {
        return Book.create(BookDetails.from(title, author, null, isbn, null, clock), clock);
    }

    @Test
    void finds_a_second_isbn_or_a_second_work_in_any_case_and_spacing() {
        assertThat(keys.keep(book("Dune", "Frank Herbert", "9780441013593"))).isEmpty();

        assertThat(keys.keep(book("Dune Messiah", "Frank Herbert", "0-441-01359-7")))
                .contains(DuplicateBookException.Rule.ISBN);
        assertThat(keys.keep(book("  DUNE ", "frank  HERBERT", null)))
                .contains(DuplicateBookException.Rule.TITLE_AND_AUTHOR);
        assertThat(keys.keep(book("dune", "Frank Herbert", "9780441013593")))
                .contains(DuplicateBookException.Rule.ISBN);
    }

    @Test
    void a_skipped_book_leaves_its_other_key_free() {
        keys.keep(book("Emma", "Jane Austen", null));

        assertThat(keys.keep(book("Emma", "Jane Austen", "9780141439587")))
                .contains(DuplicateBookException.Rule.TITLE_AND_AUTHOR);
        assertThat(keys.keep(book("Emma (Penguin)", "Jane Austen", "9780141439587"))).isEmpty();
    }

    @Test
    void a_title_and_author_are_not_confused_with_another_split_of_the_same_letters() {
        assertThat(keys.keep(book("Ab", "C", null))).isEmpty();
        assertThat(keys.keep(book("A", "Bc", null))).isEmpty();
    }

    @Test
    void a_hundred_thousand_different_books_are_all_kept_and_each_found_again() {
        IntStream.range(0, 100_000).forEach(n -> assertThat(keys.keep(
                book("Title " + n, "Author " + n % 100, BookBulkLoaderFixtures.isbn(n)))).isEmpty());

        assertThat(IntStream.range(0, 100_000).mapToObj(n -> keys.keep(book("TITLE " + n, "author " + n % 100, null)))
                .filter(Optional::isEmpty).count()).isZero();
    }
}
