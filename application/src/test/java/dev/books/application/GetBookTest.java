package dev.books.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.books.domain.Book;
import dev.books.domain.BookId;
import dev.books.domain.BookNotFoundException;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class GetBookTest extends CatalogueFixture {

    @Test
    void finds_a_stored_book_as_it_was_stored() {
        Book dune = create("Dune", "Frank Herbert", "Science Fiction", "9780441013593", 1965);
        create("Emma", "Jane Austen");

        assertThat(books.getBook().get(dune.id())).isEqualTo(dune);
    }

    @Test
    void an_unknown_id_is_not_found() {
        BookId unknown = BookId.generate(clock.instant());

        assertThatThrownBy(() -> books.getBook().get(unknown))
                .isInstanceOfSatisfying(BookNotFoundException.class, e -> {
                    assertThat(e.id()).isEqualTo(unknown);
                    assertThat(e.code()).isEqualTo("book-not-found");
                    assertThat(e).hasMessageContaining(unknown.toString());
                });
    }

    @Test
    void a_deleted_book_is_not_found() {
        Book dune = create("Dune", "Frank Herbert");
        books.deleteBook().delete(new DeleteBookCommand(dune.id(), OptionalLong.empty()));

        assertThatThrownBy(() -> books.getBook().get(dune.id())).isInstanceOf(BookNotFoundException.class);
    }
}
