package dev.books.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.books.domain.Author;
import dev.books.domain.Book;
import dev.books.domain.BookQuery;
import dev.books.domain.Category;
import dev.books.domain.DuplicateBookException;
import dev.books.domain.InvalidBookException;
import dev.books.domain.Isbn;
import dev.books.domain.PublicationYear;
import dev.books.domain.Title;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CreateBookTest extends CatalogueFixture {

    private int stored() {
        return repository.find(BookQuery.newest(100)).books().size();
    }

    @Nested
    class ANewBook {

        @Test
        void is_stored_with_a_new_id_at_version_1_created_and_updated_now() {
            clock.set(Instant.parse("2026-05-04T03:02:01.123456789Z"));

            Book book = books.createBook().create(new CreateBookCommand(
                    "The Left Hand of Darkness", "Ursula K. Le Guin", "Science Fiction", "978-0-441-47812-5", 1969));

            assertThat(book.version()).isEqualTo(1);
            assertThat(book.createdAt()).isEqualTo(Instant.parse("2026-05-04T03:02:01.123456Z"));
            assertThat(book.updatedAt()).isEqualTo(book.createdAt());
            assertThat(repository.findById(book.id())).contains(book);
        }

        @Test
        void has_its_fields_normalised() {
            Book book = create("  Dune\t", "Frank\u00A0\u00A0Herbert", " Science   Fiction ", "0 441 01359 7", 1965);

            assertThat(book.title()).isEqualTo(new Title("Dune"));
            assertThat(book.author()).isEqualTo(new Author("Frank Herbert"));
            assertThat(book.category()).contains(new Category("Science Fiction"));
            assertThat(book.publishedYear()).contains(new PublicationYear(1965));
        }

        @Test
        void given_an_isbn10_is_stored_with_its_isbn13() {
            Book book = create("Dune", "Frank Herbert", null, "0-441-01359-7", null);

            assertThat(book.isbn()).contains(new Isbn("9780441013593"));
            assertThat(get(book).isbn().map(Isbn::value)).contains("9780441013593");
        }

        @Test
        void needs_only_a_title_and_an_author() {
            Book book = create("Untitled Notes", "Anonymous");

            assertThat(book.category()).isEmpty();
            assertThat(book.isbn()).isEmpty();
            assertThat(book.publishedYear()).isEmpty();
        }
    }

    @Nested
    class InvalidInput {

        @Test
        void every_failing_field_is_reported_and_nothing_is_stored() {
            assertThatThrownBy(() -> create(" ", null, "\u0007", "978-0-441-01359-4", 0))
                    .isInstanceOfSatisfying(InvalidBookException.class, violations(
                            violation("title", "must not be blank"),
                            violation("author", "is required"),
                            violation("category", "must not contain control characters"),
                            violation("isbn", "has an invalid check digit"),
                            violation("publishedYear", "must be 1 or later")));
            assertThat(stored()).isZero();
        }

        @Test
        void a_year_after_next_year_is_refused() {
            assertThatThrownBy(() -> create("Dune 3000", "Frank Herbert", null, null, 2028))
                    .isInstanceOfSatisfying(InvalidBookException.class,
                            violations(violation("publishedYear", "must be 2027 or earlier")));
        }

        @Test
        void the_latest_year_moves_on_at_new_year_in_utc() {
            clock.set(Instant.parse("2026-12-31T23:59:59.999Z"));

            assertThatThrownBy(() -> books.createBook().create(new CreateBookCommand("Soon", "A. Writer", null, null,
                    2028))).isInstanceOf(InvalidBookException.class);

            clock.advance(Duration.ofMillis(1));
            Book book = books.createBook().create(new CreateBookCommand("Soon", "A. Writer", null, null, 2028));

            assertThat(book.publishedYear()).contains(new PublicationYear(2028));
        }
    }

    @Nested
    class Duplicates {

        @Test
        void the_same_isbn_written_as_isbn10_is_refused_by_the_isbn_rule() {
            create("Dune", "Frank Herbert", null, "9780441013593", 1965);

            assertThatThrownBy(() -> create("Dune (book club edition)", "F. Herbert", null, "0-441-01359-7", 1984))
                    .isInstanceOfSatisfying(DuplicateBookException.class, e -> {
                        assertThat(e.rule()).isEqualTo(DuplicateBookException.Rule.ISBN);
                        assertThat(e.code()).isEqualTo("duplicate-book");
                    });
            assertThat(stored()).isEqualTo(1);
        }

        @Test
        void the_same_work_in_other_case_and_spacing_is_refused_by_the_title_and_author_rule() {
            create("The Name of the Rose", "Umberto Eco");

            assertThatThrownBy(() -> create("  the NAME of   the rose ", "UMBERTO\teco"))
                    .isInstanceOfSatisfying(DuplicateBookException.class,
                            e -> assertThat(e.rule()).isEqualTo(DuplicateBookException.Rule.TITLE_AND_AUTHOR));
            assertThat(stored()).isEqualTo(1);
        }

        @Test
        void the_same_title_by_another_author_is_another_book() {
            create("Collected Poems", "Philip Larkin");

            create("Collected Poems", "Sylvia Plath");

            assertThat(stored()).isEqualTo(2);
        }
    }
}
