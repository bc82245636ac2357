package dev.books.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.books.domain.Book;
import dev.books.domain.BookDetails;
import dev.books.domain.BookQuery;
import dev.books.domain.BookReads;
import dev.books.domain.BookRepository;
import dev.books.domain.ConsistencyToken;
import dev.books.domain.ConsistencyTokens;
import dev.books.domain.Title;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link ConsistencyTokens} must show, together with the {@link BookReads} of its store. Extend
 * it and return a new, empty store from {@link #emptyStore()}:
 * <pre>{@code
 * class MyConsistencyTokensTest extends ConsistencyTokensContract {
 *     @Override
 *     protected Store emptyStore() {
 *         MyStore store = new MyStore(freshDatabase());
 *         return new Store(store.bookRepository(), store.bookReads(), store.consistencyTokens());
 *     }
 * }
 * }</pre>
 * The suite covers create, change and delete each read back at once, with the token issued after the write and
 * without one; exact-title lists; tokens the store did not issue (foreign, malformed, from the future), which must
 * neither fail a read nor hold it up; and that what the reads return or throw comes back unchanged. How far a
 * lagging copy trails is the real store's matter: a store with read replicas proves that against a real one.
 */
public abstract class ConsistencyTokensContract {

    /** How long a read with a token from the future may take: it must not wait for that future. */
    protected static final Duration PROMPT = Duration.ofSeconds(2);

    protected final MutableClock clock = MutableClock.startingAtNewYear2026();
    protected Store store;

    /**
     * A store under test: where it writes, where it reads (its replicas, or the repository itself), and its tokens.
     */
    protected record Store(BookRepository books, BookReads reads, ConsistencyTokens tokens) {
        public Store {
            Objects.requireNonNull(books, "books");
            Objects.requireNonNull(reads, "reads");
            Objects.requireNonNull(tokens, "tokens");
        }
    }

    /** A new store with no books in it; called before every test. */
    protected abstract Store emptyStore();

    @BeforeEach
    void startEmpty() {
        store = emptyStore();
    }

    // ---------------------------------------------------------------- helpers for this suite and its subclasses

    protected Book newBook(String title, String author) {
        clock.advance(Duration.ofMillis(1));
        return Book.create(BookDetails.from(title, author, null, null, null, clock), clock);
    }

    /** The reads run after the token the store issues now, or as they are when it issues none. */
    protected <T> T readAfterWrite(Supplier<T> reads) {
        Optional<ConsistencyToken> token = store.tokens().afterWrites();
        return token.isPresent() ? store.tokens().readingAfter(token.get(), reads) : reads.get();
    }

    private List<Book> listedByTitle(String title) {
        return store.reads().find(BookQuery.newest(20).withTitle(new Title(title))).books();
    }

    // ---------------------------------------------------------------- the contract

    @Test
    void a_created_book_is_read_back_at_once_with_the_token_issued_after_it() {
        Book created = store.books().insert(newBook("The Dispossessed", "Ursula K. Le Guin"));

        assertThat(readAfterWrite(() -> store.reads().findById(created.id()))).contains(created);
    }

    @Test
    void a_created_book_is_listed_by_its_exact_title_at_once_with_the_token_issued_after_it() {
        Book created = store.books().insert(newBook("The Lathe of Heaven", "Ursula K. Le Guin"));

        assertThat(readAfterWrite(() -> listedByTitle("the lathe of heaven"))).containsExactly(created);
    }

    @Test
    void a_changed_book_is_read_back_at_once_in_its_new_version() {
        Book created = store.books().insert(newBook("Always Coming Home", "Ursula K. Le Guin"));
        Book changed = store.books().change(created.id(), current -> current.revise(
                BookDetails.from("Always Coming Home", "Ursula K. Le Guin", "Fiction", null, 1985, clock), clock));

        assertThat(readAfterWrite(() -> store.reads().findById(created.id()))).contains(changed);
        assertThat(changed.version()).isEqualTo(created.version() + 1);
    }

    @Test
    void a_deleted_book_is_gone_at_once() {
        Book created = store.books().insert(newBook("Searoad", "Ursula K. Le Guin"));
        store.books().delete(created.id(), OptionalLong.empty());

        assertThat(readAfterWrite(() -> store.reads().findById(created.id()))).isEmpty();
        assertThat(readAfterWrite(() -> listedByTitle("searoad"))).isEmpty();
    }

    @Test
    void without_a_token_reads_see_every_write_acknowledged_before_them() {
        Book created = store.books().insert(newBook("The Word for World Is Forest", "Ursula K. Le Guin"));
        assertThat(store.reads().findById(created.id())).contains(created);

        Book changed = store.books().change(created.id(), current -> current.revise(
                BookDetails.from("The Word for World Is Forest", "Ursula K. Le Guin", null, null, 1972, clock),
                clock));
        assertThat(store.reads().findById(created.id())).contains(changed);

        store.books().delete(created.id(), OptionalLong.empty());
        assertThat(store.reads().findById(created.id())).isEmpty();
    }

    @Test
    void the_snapshot_read_sees_the_writes_the_token_covers() {
        Book first = store.books().insert(newBook("Rocannon's World", "Ursula K. Le Guin"));
        Book second = store.books().insert(newBook("Planet of Exile", "Ursula K. Le Guin"));

        List<Book> exported = readAfterWrite(() -> {
            List<Book> books = new ArrayList<>();
            store.reads().forEachBook(books::add);
            return books;
        });

        assertThat(exported).containsExactly(second, first);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"not-a-token-of-this-store", "0/0", "FFFFFFFF/FFFFFFFF", "7FFFFFFF/FFFFFFFF",
        "m9223372036854775807", "-1", "0/", "/0", "G/0"})
    void a_token_the_store_did_not_issue_neither_fails_the_reads_nor_holds_them_up(String foreign) {
        Book created = store.books().insert(newBook("The Telling", "Ursula K. Le Guin"));

        long started = System.nanoTime();
        Optional<Book> read = store.tokens().readingAfter(new ConsistencyToken(foreign),
                () -> store.reads().findById(created.id()));

        assertThat(read).contains(created);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPT);
    }

    @Test
    void what_the_reads_return_or_throw_comes_back_unchanged() {
        store.books().insert(newBook("Lavinia", "Ursula K. Le Guin"));
        ConsistencyToken token = store.tokens().afterWrites().orElse(new ConsistencyToken("none-issued"));
        IllegalStateException failure = new IllegalStateException("the reads failed");

        assertThat(store.tokens().readingAfter(token, () -> "what the reads return")).isEqualTo("what the reads return");
        assertThatThrownBy(() -> store.tokens().readingAfter(token, () -> {
            throw failure;
        })).isSameAs(failure);
    }

    @Test
    void reads_after_a_token_may_nest_and_the_store_reads_as_usual_after_them() {
        Book created = store.books().insert(newBook("Voices", "Ursula K. Le Guin"));
        ConsistencyToken token = store.tokens().afterWrites().orElse(new ConsistencyToken("none-issued"));

        Optional<Book> nested = store.tokens().readingAfter(token,
                () -> store.tokens().readingAfter(new ConsistencyToken("not-a-token-of-this-store"),
                        () -> store.reads().findById(created.id())));

        assertThat(nested).contains(created);
        Book later = store.books().insert(newBook("Powers", "Ursula K. Le Guin"));
        assertThat(store.reads().findById(later.id())).contains(later);
    }
}
