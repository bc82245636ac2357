package dev.books.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.books.domain.Book;
import dev.books.domain.BulkLoad;
import dev.books.domain.DuplicateBookException;
import dev.books.domain.StoreUnavailableException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fake's bulk loader passes the same contract as the PostgreSQL one. */
class InMemoryBookBulkLoaderTest extends BookBulkLoaderContract {

    private final InMemoryBookRepository fake = new InMemoryBookRepository();

    @Override
    protected Store emptyStore() {
        return new Store(fake, fake);
    }

    @Test
    void a_writer_meeting_a_key_an_open_load_holds_is_refused_at_once() {
        Book loaded = newBook("Dune", "Frank Herbert", null, "9780441013593", 1965);
        try (BulkLoad load = loader.begin()) {
            load.add(List.of(loaded));

            assertThatThrownBy(() -> fake.insert(newBook("Dune Messiah", "Frank Herbert", null, "9780441013593", 1969)))
                    .isInstanceOfSatisfying(DuplicateBookException.class,
                            e -> assertThat(e.rule()).isEqualTo(DuplicateBookException.Rule.ISBN));
            assertThat(fake.insert(newBook("Dune Messiah", "Frank Herbert"))).isNotNull();
        }
    }

    @Test
    void a_switched_off_store_refuses_to_begin_add_or_commit() {
        BulkLoad load = loader.begin();
        fake.setAvailable(false);

        assertThatThrownBy(() -> load.add(numberedBooks(0, 1))).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(load::commit).isInstanceOf(StoreUnavailableException.class);
        load.close();
        assertThatThrownBy(loader::begin).isInstanceOf(StoreUnavailableException.class);

        fake.setAvailable(true);
        assertThat(fake.size()).isZero();
    }
}
