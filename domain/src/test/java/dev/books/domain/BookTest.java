package dev.books.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BookTest {

    /** Nanoseconds on purpose: a book keeps only microseconds, as PostgreSQL does. */
    private final StoppedClock clock = new StoppedClock("2026-03-01T12:00:00.123456789Z");

    private BookDetails details(String title, Integer year) {
        return BookDetails.from(title, "Frank Herbert", null, null, year, clock);
    }

    private static BookDetails withYear(BookDetails details, int year) {
        return new BookDetails(details.title(), details.author(), details.category(), details.isbn(),
                Optional.of(new PublicationYear(year)));
    }

    @Nested
    class Created {

        @Test
        void starts_at_version_1() {
            assertThat(Book.create(details("Dune", 1965), clock).version()).isEqualTo(1).isEqualTo(Book.FIRST_VERSION);
        }

        @Test
        void is_attributed_to_its_creator_for_both_creation_and_last_change() {
            Book book = Book.create(details("Dune", 1965), clock, new Actor("key:librarian"));

            assertThat(book.createdBy()).isEqualTo(new Actor("key:librarian"));
            assertThat(book.updatedBy()).isEqualTo(book.createdBy());
        }

        @Test
        void is_created_and_updated_now_to_the_microsecond() {
            Book book = Book.create(details("Dune", 1965), clock);

            assertThat(book.createdAt()).isEqualTo(Instant.parse("2026-03-01T12:00:00.123456Z"));
            assertThat(book.updatedAt()).isEqualTo(book.createdAt());
        }

        @Test
        void gets_a_new_id_stamped_with_its_creation_time() {
            Book first = Book.create(details("Dune", 1965), clock);
            Book second = Book.create(details("Dune", 1965), clock);

            assertThat(first.id()).isNotEqualTo(second.id());
            assertThat(first.id().value().getMostSignificantBits() >>> 16).isEqualTo(first.createdAt().toEpochMilli());
        }

        @Test
        void keeps_the_details_it_was_given() {
            BookDetails details = BookDetails.from("Dune", "Frank Herbert", "Science Fiction", "9780441013593", 1965,
                    clock);

            Book book = Book.create(details, clock);

            assertThat(book.details()).isEqualTo(details);
            assertThat(book.title()).isEqualTo(details.title());
            assertThat(book.author()).isEqualTo(details.author());
            assertThat(book.category()).isEqualTo(details.category());
            assertThat(book.isbn()).isEqualTo(details.isbn());
            assertThat(book.publishedYear()).isEqualTo(details.publishedYear());
            assertThat(book.workKey()).isEqualTo(details.workKey());
        }

        @Test
        void may_be_published_next_year() {
            assertThat(Book.create(details("Dune Reborn", 2027), clock).publishedYear())
                    .contains(new PublicationYear(2027));
        }

        @Test
        void is_refused_with_a_year_beyond_next_year_even_when_the_details_were_built_without_a_clock() {
            BookDetails fromTheFuture = withYear(details("Dune 3000", null), 3000);

            assertThatThrownBy(() -> Book.create(fromTheFuture, clock))
                    .isInstanceOfSatisfying(InvalidBookException.class, e -> assertThat(e.violations())
                            .containsExactly(new FieldViolation("publishedYear", "must be 2027 or earlier")));
        }
    }

    @Nested
    class Revised {

        private final Book original = Book.create(details("Dune", 1965), clock);

        @Test
        void is_the_next_version_with_the_new_details() {
            clock.advance(Duration.ofMinutes(5));
            BookDetails newDetails = details("Dune (50th anniversary)", 1965);

            Book revised = original.revise(newDetails, clock);

            assertThat(revised.version()).isEqualTo(2);
            assertThat(revised.details()).isEqualTo(newDetails);
            assertThat(revised.revise(details("Dune", 1965), clock).version()).isEqualTo(3);
        }

        @Test
        void keeps_its_id_and_creation_time_and_is_updated_now() {
            clock.advance(Duration.ofMinutes(5));

            Book revised = original.revise(details("Dune Messiah", 1969), clock);

            assertThat(revised.id()).isEqualTo(original.id());
            assertThat(revised.createdAt()).isEqualTo(original.createdAt());
            assertThat(revised.updatedAt()).isEqualTo(Instant.parse("2026-03-01T12:05:00.123456Z"));
        }

        @Test
        void keeps_its_creator_and_names_who_changed_it() {
            Book created = Book.create(details("Dune", 1965), clock, new Actor("key:librarian"));

            Book revised = created.revise(details("Dune Messiah", 1969), clock, new Actor("jwt:editor"));

            assertThat(revised.createdBy()).isEqualTo(new Actor("key:librarian"));
            assertThat(revised.updatedBy()).isEqualTo(new Actor("jwt:editor"));
        }

        @Test
        void leaves_the_original_untouched() {
            clock.advance(Duration.ofMinutes(5));
            Book before = new Book(original.id(), original.details(), original.version(), original.createdAt(),
                    original.updatedAt(), original.createdBy(), original.updatedBy());

            original.revise(details("Dune Messiah", 1969), clock);

            assertThat(original).isEqualTo(before);
        }

        @Test
        void is_never_updated_earlier_than_before_when_the_clock_goes_back() {
            clock.advance(Duration.ofMinutes(5));
            Book revised = original.revise(details("Dune Messiah", 1969), clock);
            clock.set("2026-03-01T11:00:00Z");

            Book again = revised.revise(details("Children of Dune", 1976), clock);

            assertThat(again.updatedAt()).isEqualTo(revised.updatedAt());
            assertThat(again.version()).isEqualTo(3);
        }

        @Test
        void is_refused_when_the_year_changes_to_one_beyond_next_year() {
            BookDetails fromTheFuture = withYear(original.details(), 2028);

            assertThatThrownBy(() -> original.revise(fromTheFuture, clock))
                    .isInstanceOfSatisfying(InvalidBookException.class, e -> assertThat(e.violations())
                            .containsExactly(new FieldViolation("publishedYear", "must be 2027 or earlier")));
        }

        @Test
        void does_not_judge_an_unchanged_year_again_by_a_clock_that_has_gone_back() {
            Book announced = Book.create(details("Dune Reborn", 2027), clock);
            clock.set("2025-12-31T23:59:00Z");

            BookDetails retitled = new BookDetails(new Title("Dune Reborn (cover reveal)"), announced.author(),
                    announced.category(), announced.isbn(), announced.publishedYear());

            Book revised = announced.revise(retitled, clock);

            assertThat(revised.publishedYear()).contains(new PublicationYear(2027));
        }

        @Test
        void is_the_next_version_of_the_original_and_of_nothing_else() {
            Book revised = original.revise(details("Dune Messiah", 1969), clock);

            assertThat(revised.isNextVersionOf(original)).isTrue();
            assertThat(original.isNextVersionOf(original)).as("itself").isFalse();
            assertThat(original.isNextVersionOf(revised)).as("backwards").isFalse();
            assertThat(revised.revise(details("Dune", 1965), clock).isNextVersionOf(original)).as("two on").isFalse();
            assertThat(new Book(BookId.generate(original.createdAt()), revised.details(), 2, original.createdAt(),
                    revised.updatedAt()).isNextVersionOf(original)).as("another id").isFalse();
            assertThat(new Book(original.id(), revised.details(), 2, original.createdAt().minusSeconds(1),
                    revised.updatedAt()).isNextVersionOf(original)).as("another creation time").isFalse();
        }
    }

    @Nested
    class RestoredFromStorage {

        private final BookId id = BookId.generate(Instant.parse("2020-01-01T00:00:00Z"));
        private final BookDetails stored = withYear(details("Dune", null), 2999);
        private final Instant created = Instant.parse("2020-01-01T00:00:00Z");
        private final Instant updated = Instant.parse("2024-06-30T08:00:00.000001Z");

        @Test
        void takes_what_was_stored_as_it_is_even_a_year_new_input_could_not_have() {
            Book book = new Book(id, stored, 7, created, updated);

            assertThat(book.version()).isEqualTo(7);
            assertThat(book.createdAt()).isEqualTo(created);
            assertThat(book.updatedAt()).isEqualTo(updated);
            assertThat(book.publishedYear()).contains(new PublicationYear(2999));
        }

        @Test
        void may_have_been_updated_at_the_instant_it_was_created() {
            assertThat(new Book(id, stored, 1, created, created).updatedAt()).isEqualTo(created);
        }

        @ParameterizedTest(name = "version {0}")
        @ValueSource(longs = {0, -1, Long.MIN_VALUE})
        void refuses_a_version_below_1(long version) {
            assertThatIllegalArgumentException().isThrownBy(() -> new Book(id, stored, version, created, updated))
                    .withMessageContaining("version must be at least 1");
        }

        @Test
        void refuses_an_update_before_the_creation() {
            Instant beforeCreation = created.minusNanos(1000);

            assertThatIllegalArgumentException().isThrownBy(() -> new Book(id, stored, 2, created, beforeCreation))
                    .withMessageContaining("is before createdAt");
        }

        @Test
        void refuses_missing_parts() {
            assertThatNullPointerException().isThrownBy(() -> new Book(null, stored, 1, created, updated));
            assertThatNullPointerException().isThrownBy(() -> new Book(id, null, 1, created, updated));
            assertThatNullPointerException().isThrownBy(() -> new Book(id, stored, 1, null, updated));
            assertThatNullPointerException().isThrownBy(() -> new Book(id, stored, 1, created, null));
        }
    }
}
