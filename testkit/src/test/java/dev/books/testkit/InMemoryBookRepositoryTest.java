package dev.books.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.books.domain.BookQuery;
import dev.books.domain.BookRepository;
import dev.books.domain.StoreUnavailableException;
import org.junit.jupiter.api.Test;

/** The fake passes the same contract as the PostgreSQL adapter. */
class InMemoryBookRepositoryTest extends BookRepositoryContract {

    private final InMemoryBookRepository fake = new InMemoryBookRepository();

    @Override
    protected BookRepository emptyRepository() {
        return fake;
    }

    @Test
    void a_switched_off_store_refuses_every_call_until_switched_on_again() {
        stored("Kept Safe", "Some Author");
        fake.setAvailable(false);

        assertThatThrownBy(() -> fake.find(BookQuery.newest(1))).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> fake.insert(newBook("Lost", "Nobody"))).isInstanceOf(StoreUnavailableException.class);

        fake.setAvailable(true);
        assertThat(fake.size()).isEqualTo(1);
    }
}
