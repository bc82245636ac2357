package dev.books.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BookDetailsTest {

    private final StoppedClock clock = new StoppedClock("2026-03-01T12:00:00Z");

    @Nested
    class FromRawInput {

        @Test
        void checks_and_normalises_every_field() {
            BookDetails details = BookDetails.from(" Dune ", "Frank\u00A0Herbert", "Science  Fiction",
                    "0-441-01359-7", 1965, clock);

            assertThat(details.title()).isEqualTo(new Title("Dune"));
            assertThat(details.author()).isEqualTo(new Author("Frank Herbert"));
            assertThat(details.category()).contains(new Category("Science Fiction"));
            assertThat(details.isbn()).contains(new Isbn("9780441013593"));
            assertThat(details.publishedYear()).contains(new PublicationYear(1965));
        }

        @Test
        void leaves_absent_optional_fields_empty() {
            BookDetails details = BookDetails.from("Dune", "Frank Herbert", null, null, null, clock);

            assertThat(details.category()).isEmpty();
            assertThat(details.isbn()).isEmpty();
            assertThat(details.publishedYear()).isEmpty();
        }

        @Test
        void reports_every_failing_field_at_once() {
            assertThatThrownBy(() -> BookDetails.from("   ", "Frank Herbert", null, "978-0-441-01359-4", 3000, clock))
                    .isInstanceOfSatisfying(InvalidBookException.class, e -> assertThat(e.violations()).containsExactly(
                            new FieldViolation("title", "must not be blank"),
                            new FieldViolation("isbn", "has an invalid check digit"),
                            new FieldViolation("publishedYear", "must be 2027 or earlier")));
        }

        @Test
        void reports_all_five_fields_when_all_five_fail_and_says_so_in_the_message() {
            assertThatThrownBy(() -> BookDetails.from(null, "\t", "x".repeat(51), "not an isbn", 0, clock))
                    .isInstanceOfSatisfying(InvalidBookException.class, e -> {
                        assertThat(e.violations()).extracting(FieldViolation::field)
                                .containsExactly("title", "author", "category", "isbn", "publishedYear");
                        assertThat(e).hasMessage("title is required; author must not be blank; "
                                + "category must be at most 50 characters (got 51); "
                                + "isbn must be an ISBN-10 or ISBN-13; publishedYear must be 1 or later");
                        assertThat(e.code()).isEqualTo("invalid-book");
                    });
        }

        @Test
        void requires_title_and_author_but_nothing_else() {
            assertThatThrownBy(() -> BookDetails.from(null, null, null, null, null, clock))
                    .isInstanceOfSatisfying(InvalidBookException.class, e -> assertThat(e.violations()).containsExactly(
                            new FieldViolation("title", "is required"),
                            new FieldViolation("author", "is required")));
        }

        @Test
        void judges_the_year_by_the_clock_it_is_given() {
            assertThat(BookDetails.from("Dune", "Frank Herbert", null, null, 2027, clock).publishedYear())
                    .contains(new PublicationYear(2027));

            clock.set("2025-12-31T23:59:59Z");

            assertThatThrownBy(() -> BookDetails.from("Dune", "Frank Herbert", null, null, 2027, clock))
                    .isInstanceOfSatisfying(InvalidBookException.class, e -> assertThat(e.violations())
                            .containsExactly(new FieldViolation("publishedYear", "must be 2026 or earlier")));
        }
    }

    @Nested
    class AsAValue {

        @Test
        void the_same_input_in_other_spacing_makes_equal_details() {
            assertThat(BookDetails.from("Dune ", "Frank Herbert", null, "9780441013593", 1965, clock))
                    .isEqualTo(BookDetails.from(" Dune", "Frank  Herbert", null, "0441013597", 1965, clock));
        }

        @Test
        void its_work_key_is_made_of_the_title_and_author_match_keys() {
            BookDetails details = BookDetails.from("The Hobbit", "J.R.R. Tolkien", "Fantasy", null, 1937, clock);

            assertThat(details.workKey()).isEqualTo(new WorkKey("the hobbit", "j.r.r. tolkien"));
        }

        @Test
        void the_constructor_wants_empty_optionals_not_nulls() {
            Title title = new Title("Dune");
            Author author = new Author("Frank Herbert");

            assertThatNullPointerException()
                    .isThrownBy(() -> new BookDetails(title, author, null, Optional.empty(), Optional.empty()));
            assertThatNullPointerException()
                    .isThrownBy(() -> new BookDetails(null, author, Optional.empty(), Optional.empty(),
                            Optional.empty()));
        }
    }
}
