package dev.books.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.books.domain.Actor;
import dev.books.domain.Book;
import dev.books.domain.BookId;
import dev.books.domain.BookRepository;
import dev.books.domain.StoreUnavailableException;
import dev.books.testkit.ForwardingBookRepository;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** No use case hides, wraps or retries a store that cannot be reached: the caller sees the store's own exception. */
class StoreUnavailableTest extends CatalogueFixture {

    private Book dune;

    @BeforeEach
    void storeOneBookThenSwitchTheStoreOff() {
        dune = create("Dune", "Frank Herbert");
        repository.setAvailable(false);
    }

    private static void assertStoreUnavailable(ThrowingCallable call) {
        assertThatThrownBy(call).isExactlyInstanceOf(StoreUnavailableException.class)
                .hasMessage("the in-memory store is switched off")
                .satisfies(e -> assertThat(((StoreUnavailableException) e).code()).isEqualTo("store-unavailable"));
    }

    @Nested
    class EveryUseCase {

        @Test
        void create() {
            assertStoreUnavailable(() -> books.createBook().create(new CreateBookCommand("Emma", "Jane Austen",
                    null, null, null)));
        }

        @Test
        void get() {
            assertStoreUnavailable(() -> books.getBook().get(dune.id()));
        }

        @Test
        void list_and_search() {
            assertStoreUnavailable(() -> books.listBooks().list(
                    new ListBooksQuery(null, null, null, null, null, null)));
            assertStoreUnavailable(() -> books.listBooks().list(new ListBooksQuery(null, null, null, "dune", 5,
                    null)));
        }

        @Test
        void update() {
            assertStoreUnavailable(() -> books.updateBook().update(new UpdateBookCommand(dune.id(),
                    Change.to("Dune Messiah"), Change.keep(), Change.keep(), Change.keep(), Change.keep(),
                    OptionalLong.empty())));
            assertStoreUnavailable(() -> books.updateBook().update(new UpdateBookCommand(dune.id(),
                    Change.to("Dune Messiah"), Change.keep(), Change.keep(), Change.keep(), Change.keep(),
                    OptionalLong.of(1))));
        }

        @Test
        void delete() {
            assertStoreUnavailable(() -> books.deleteBook().delete(new DeleteBookCommand(dune.id(),
                    OptionalLong.empty())));
        }
    }

    @Test
    void an_update_whose_write_fails_after_a_good_read_gets_the_very_exception_the_store_threw() {
        repository.setAvailable(true);
        StoreUnavailableException timeout = new StoreUnavailableException("statement timeout", null);
        BookRepository failingWrites = new ForwardingBookRepository(repository) {
            @Override
            public Book insert(Book book) {
                throw timeout;
            }

            @Override
            public Book update(Book revised, long expectedVersion) {
                throw timeout;
            }

            /** The book is read and locked, the revision runs, then the write times out. */
            @Override
            public Book change(BookId id, UnaryOperator<Book> revision) {
                return super.change(id, current -> {
                    revision.apply(current);
                    throw timeout;
                });
            }

            @Override
            public void delete(BookId id, OptionalLong expectedVersion, Actor actor) {
                throw timeout;
            }
        };
        BookUseCases failing = BookUseCases.using(failingWrites, clock);

        assertThatThrownBy(() -> failing.updateBook().update(new UpdateBookCommand(dune.id(),
                Change.to("Dune Messiah"), Change.keep(), Change.keep(), Change.keep(), Change.keep(),
                OptionalLong.empty()))).isSameAs(timeout);
        assertThatThrownBy(() -> failing.updateBook().update(new UpdateBookCommand(dune.id(),
                Change.to("Dune Messiah"), Change.keep(), Change.keep(), Change.keep(), Change.keep(),
                OptionalLong.of(dune.version())))).isSameAs(timeout);
        assertThatThrownBy(() -> failing.createBook().create(new CreateBookCommand("Emma", "Jane Austen", null, null,
                null))).isSameAs(timeout);
        assertThat(get(dune)).isEqualTo(dune);
    }
}
