package dev.books.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.books.domain.Book;
import dev.books.domain.BookId;
import dev.books.domain.BookNotFoundException;
import dev.books.domain.VersionConflictException;
import java.util.OptionalLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DeleteBookTest extends CatalogueFixture {

    private void delete(BookId id, OptionalLong expectedVersion) {
        books.deleteBook().delete(new DeleteBookCommand(id, expectedVersion));
    }

    private Book secondVersionOf(Book book) {
        return books.updateBook().update(new UpdateBookCommand(book.id(), Change.keep(), Change.keep(),
                Change.to("Revised"), Change.keep(), Change.keep(), OptionalLong.empty()));
    }

    @Nested
    class WithoutAnExpectedVersion {

        @Test
        void removes_the_book_whatever_its_version() {
            Book dune = secondVersionOf(create("Dune", "Frank Herbert"));

            delete(dune.id(), OptionalLong.empty());

            assertThat(repository.findById(dune.id())).isEmpty();
        }

        @Test
        void frees_its_isbn_and_its_work_for_a_new_book() {
            Book beloved = create("Beloved", "Toni Morrison", null, "9780306406157", 1987);

            delete(beloved.id(), OptionalLong.empty());
            Book again = create("Beloved", "Toni Morrison", null, "9780306406157", 1987);

            assertThat(get(again)).isEqualTo(again);
        }

        @Test
        void leaves_the_other_books_alone() {
            Book dune = create("Dune", "Frank Herbert");
            Book emma = create("Emma", "Jane Austen");

            delete(dune.id(), OptionalLong.empty());

            assertThat(get(emma)).isEqualTo(emma);
        }
    }

    @Nested
    class WithAnExpectedVersion {

        @Test
        void removes_the_book_at_that_version() {
            Book dune = secondVersionOf(create("Dune", "Frank Herbert"));

            delete(dune.id(), OptionalLong.of(2));

            assertThat(repository.findById(dune.id())).isEmpty();
        }

        @Test
        void refuses_when_the_book_has_moved_on_and_keeps_it() {
            Book dune = secondVersionOf(create("Dune", "Frank Herbert"));

            assertThatThrownBy(() -> delete(dune.id(), OptionalLong.of(1)))
                    .isInstanceOfSatisfying(VersionConflictException.class,
                            e -> assertThat(e.expectedVersion()).isEqualTo(1));
            assertThat(get(dune)).isEqualTo(dune);
        }
    }

    @Nested
    class AnUnknownBook {

        @Test
        void is_not_found_with_or_without_an_expected_version() {
            BookId unknown = BookId.generate(clock.instant());

            assertThatThrownBy(() -> delete(unknown, OptionalLong.empty())).isInstanceOf(BookNotFoundException.class);
            assertThatThrownBy(() -> delete(unknown, OptionalLong.of(1))).isInstanceOf(BookNotFoundException.class);
        }

        @Test
        void includes_one_deleted_a_moment_ago() {
            Book dune = create("Dune", "Frank Herbert");
            delete(dune.id(), OptionalLong.empty());

            assertThatThrownBy(() -> delete(dune.id(), OptionalLong.empty()))
                    .isInstanceOf(BookNotFoundException.class);
        }
    }
}
