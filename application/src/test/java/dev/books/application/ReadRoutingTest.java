package dev.books.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.books.domain.Book;
import dev.books.domain.BookNotFoundException;
import dev.books.domain.ConsistencyToken;
import dev.books.domain.ConsistencyTokens;
import dev.books.domain.StoreUnavailableException;
import dev.books.testkit.InMemoryBookRepository;
import dev.books.testkit.InMemoryConsistencyTokens;
import dev.books.testkit.MutableClock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Over a store with read replicas, the use cases that only read use its reads, everything else its repository; the
 * tokens pass through {@link ConsistentReads}. A second fake stands in for the replica, so that it is visible which
 * store answered.
 */
class ReadRoutingTest {

    private final MutableClock clock = MutableClock.startingAtNewYear2026();
    private final InMemoryBookRepository primary = new InMemoryBookRepository();
    private final InMemoryBookRepository replica = new InMemoryBookRepository();
    private final InMemoryConsistencyTokens tokens = new InMemoryConsistencyTokens();
    private final BookUseCases books = BookUseCases.using(primary, replica, tokens, clock);

    private Book create(String title) {
        clock.advance(Duration.ofMillis(1));
        return books.createBook().create(new CreateBookCommand(title, "Ursula K. Le Guin", null, null, null));
    }

    @Test
    void writes_go_to_the_repository_and_the_read_use_cases_read_from_the_reads() {
        Book created = create("The Dispossessed");

        assertThat(primary.findById(created.id())).contains(created);
        assertThatThrownBy(() -> books.getBook().get(created.id())).isInstanceOf(BookNotFoundException.class);
        assertThat(books.listBooks().list(new ListBooksQuery(null, null, null, null, null, null)).items()).isEmpty();

        replica.insert(created);
        assertThat(books.getBook().get(created.id())).isEqualTo(created);
    }

    @Test
    void the_version_check_of_an_update_reads_the_repository_because_it_decides_a_write() {
        Book created = create("The Lathe of Heaven");

        Book updated = books.updateBook().update(new UpdateBookCommand(created.id(), Change.keep(), Change.keep(),
                Change.to("Science Fiction"), Change.keep(), Change.keep(), OptionalLong.of(created.version()),
                BindingProblems.NONE));

        assertThat(updated.version()).isEqualTo(created.version() + 1);
        assertThat(replica.findById(created.id())).isEmpty();
    }

    @Test
    void the_token_after_a_write_is_the_stores_and_a_token_sent_back_reaches_the_store() {
        create("Always Coming Home");
        String token = books.consistentReads().tokenAfterWrite().orElseThrow();

        String answer = books.consistentReads().after(token, () -> "read");

        assertThat(answer).isEqualTo("read");
        assertThat(tokens.tokensGivenBack()).containsExactly(new ConsistencyToken(token));
    }

    @Test
    void what_cannot_be_a_token_is_ignored_and_the_reads_run_as_without_one() {
        assertThat(books.consistentReads().after(null, () -> 1)).isEqualTo(1);
        assertThat(books.consistentReads().after("", () -> 2)).isEqualTo(2);
        assertThat(books.consistentReads().after("two words", () -> 3)).isEqualTo(3);
        assertThat(books.consistentReads().after("x".repeat(65), () -> 4)).isEqualTo(4);

        assertThat(tokens.tokensGivenBack()).isEmpty();
    }

    @Test
    void a_write_whose_token_cannot_be_had_stays_a_success_without_one() {
        BookUseCases withPrimaryAway = BookUseCases.using(primary, replica, new ConsistencyTokens() {
            @Override
            public Optional<ConsistencyToken> afterWrites() {
                throw new StoreUnavailableException("the database cannot be reached", null);
            }

            @Override
            public <T> T readingAfter(ConsistencyToken token, Supplier<T> reads) {
                return reads.get();
            }
        }, clock);

        assertThat(withPrimaryAway.consistentReads().tokenAfterWrite()).isEmpty();
    }

    @Test
    void over_one_store_no_token_is_issued() {
        BookUseCases single = BookUseCases.using(primary, clock);

        assertThat(single.consistentReads().tokenAfterWrite()).isEmpty();
        assertThat(single.consistentReads().after("m1", () -> "read")).isEqualTo("read");
    }
}
