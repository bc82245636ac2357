package dev.books.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.books.domain.Author;
import dev.books.domain.Actor;
import dev.books.domain.Book;
import dev.books.domain.BookDetails;
import dev.books.domain.BookId;
import dev.books.domain.BookNotFoundException;
import dev.books.domain.BookPage;
import dev.books.domain.BookQuery;
import dev.books.domain.BookRepository;
import dev.books.domain.Category;
import dev.books.domain.Cursor;
import dev.books.domain.DuplicateBookException;
import dev.books.domain.InvalidBookException;
import dev.books.domain.Isbn;
import dev.books.domain.PublicationYear;
import dev.books.domain.SearchText;
import dev.books.domain.Title;
import dev.books.domain.VersionConflictException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link BookRepository} must show. Extend it, return a new, empty repository from
 * {@link #emptyRepository()}, and JUnit runs the whole suite against your implementation:
 * <pre>{@code
 * class MyBookRepositoryTest extends BookRepositoryContract {
 *     @Override
 *     protected BookRepository emptyRepository() {
 *         return new MyBookRepository(freshDatabase());
 *     }
 * }
 * }</pre>
 * The suite covers the uniqueness rules (concurrent writers included), version checks, changes under a lock
 * (fifty writers of one book at once), recency and relevance ordering, keyset pagination, the exact filters,
 * fuzzy search, text in every Unicode form and the snapshot read of {@link BookRepository#forEachBook}. Books are
 * made with {@link #clock}, which moves one millisecond before each
 * book unless a test says otherwise.
 *
 * <p>Search is ranked as PostgreSQL's pg_trgm ranks it ({@link TrigramSimilarity}): a store with another notion of
 * relevance should still find a misspelt book and list the best match first, but would fail the tests that compare
 * its order and its cursors with pg_trgm's scores.
 */
public abstract class BookRepositoryContract {

    /** How many threads race in the concurrency tests. */
    protected static final int RACERS = 20;

    protected final MutableClock clock = MutableClock.startingAtNewYear2026();
    protected BookRepository repository;

    /** A new repository with no books in it; called before every test. */
    protected abstract BookRepository emptyRepository();

    @BeforeEach
    void startEmpty() {
        repository = emptyRepository();
    }

    // ---------------------------------------------------------------- helpers for this suite and its subclasses

    protected Book newBook(String title, String author, String category, String isbn, Integer year) {
        clock.advance(Duration.ofMillis(1));
        return Book.create(BookDetails.from(title, author, category, isbn, year, clock), clock);
    }

    protected Book newBook(String title, String author) {
        return newBook(title, author, null, null, null);
    }

    protected Book stored(String title, String author) {
        return repository.insert(newBook(title, author));
    }

    protected List<Book> storedBooks(int count, IntFunction<Book> book) {
        List<Book> books = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            books.add(repository.insert(book.apply(i)));
        }
        return books;
    }

    /** Every book the query reaches, following the positions page by page. */
    protected List<Book> allPages(BookQuery first) {
        List<Book> seen = new ArrayList<>();
        BookQuery query = first;
        for (int pages = 0; pages < 10_000; pages++) {
            BookPage slice = repository.find(query);
            assertThat(slice.books()).hasSizeLessThanOrEqualTo(query.limit());
            seen.addAll(slice.books());
            if (slice.next().isEmpty()) {
                return seen;
            }
            assertThat(slice.books()).as("a page with a next position is full").hasSize(query.limit());
            query = query.after(slice.next().get());
        }
        throw new AssertionError("pagination did not end");
    }

    /** Runs the same action on {@link #RACERS} threads released at once; returns each outcome. */
    protected static <T> List<Outcome<T>> race(Callable<T> action) throws InterruptedException {
        return race(RACERS, action);
    }

    /** Runs the same action on {@code racers} threads released at once; returns each outcome. */
    protected static <T> List<Outcome<T>> race(int racers, Callable<T> action) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            CountDownLatch ready = new CountDownLatch(racers);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return action.call();
                }));
            }
            ready.await();
            go.countDown();
            List<Outcome<T>> outcomes = new ArrayList<>();
            for (Future<T> future : futures) {
                try {
                    outcomes.add(new Outcome<>(future.get(60, TimeUnit.SECONDS), null));
                } catch (java.util.concurrent.ExecutionException e) {
                    outcomes.add(new Outcome<>(null, e.getCause()));
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new AssertionError("a racer did not finish within 60 s", e);
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    /** What one racer got: a value, or the exception it threw. */
    protected record Outcome<T>(T value, Throwable failure) {
        boolean succeeded() {
            return failure == null;
        }
    }

    // ------------------------------------------------------------------------------------------ the suite

    @Nested
    @DisplayName("insert and findById")
    class InsertAndFind {

        @Test
        void a_stored_book_reads_back_equal_to_what_was_written() {
            Book book = newBook("The Left Hand of Darkness", "Ursula K. Le Guin", "Science Fiction",
                    "978-0-441-47812-5", 1969);

            Book stored = repository.insert(book);

            assertThat(stored).isEqualTo(book);
            assertThat(repository.findById(book.id())).contains(book);
        }

        @Test
        void who_created_a_book_and_who_changed_it_read_back_as_written() {
            Book created = Book.create(BookDetails.from("Attributed", "Someone", null, null, null, clock), clock,
                    new Actor("key:importer"));
            repository.insert(created);

            Book changed = repository.change(created.id(), current -> current.revise(
                    BookDetails.from("Attributed Again", "Someone", null, null, null, clock), clock,
                    new Actor("jwt:editor-7")));

            assertThat(repository.findById(created.id())).contains(changed);
            assertThat(changed.createdBy()).isEqualTo(new Actor("key:importer"));
            assertThat(changed.updatedBy()).isEqualTo(new Actor("jwt:editor-7"));
        }

        @Test
        void a_book_without_optional_details_reads_back_with_them_absent() {
            Book book = repository.insert(newBook("Untitled Notes", "Anonymous"));

            Book read = repository.findById(book.id()).orElseThrow();

            assertThat(read.category()).isEmpty();
            assertThat(read.isbn()).isEmpty();
            assertThat(read.publishedYear()).isEmpty();
            assertThat(read).isEqualTo(book);
        }

        @Test
        void text_outside_ascii_survives_the_round_trip() {
            Book book = repository.insert(newBook("Cien años de soledad 📚", "Gabriel García Márquez",
                    "Ficción", null, 1967));

            assertThat(repository.findById(book.id())).contains(book);
        }

        @Test
        void an_unknown_id_finds_nothing() {
            stored("Dune", "Frank Herbert");

            assertThat(repository.findById(BookId.generate(Instant.now()))).isEmpty();
        }
    }

    @Nested
    @DisplayName("uniqueness rules")
    class Uniqueness {

        @Test
        void a_second_book_with_the_same_isbn_is_refused_by_the_isbn_rule() {
            repository.insert(newBook("Dune", "Frank Herbert", null, "9780441013593", 1965));
            Book sameIsbn = newBook("Dune (another edition)", "F. Herbert", null, "0-441-01359-7", 1990);

            assertThatThrownBy(() -> repository.insert(sameIsbn))
                    .isInstanceOfSatisfying(DuplicateBookException.class,
                            e -> assertThat(e.rule()).isEqualTo(DuplicateBookException.Rule.ISBN));
            assertThat(repository.findById(sameIsbn.id())).isEmpty();
        }

        @Test
        void the_same_work_in_other_case_and_spacing_is_refused_by_the_title_and_author_rule() {
            stored("The Name of the Rose", "Umberto Eco");
            Book sameWork = newBook("  the NAME of   the rose ", "UMBERTO  eco");

            assertThatThrownBy(() -> repository.insert(sameWork))
                    .isInstanceOfSatisfying(DuplicateBookException.class,
                            e -> assertThat(e.rule()).isEqualTo(DuplicateBookException.Rule.TITLE_AND_AUTHOR));
            assertThat(repository.findById(sameWork.id())).isEmpty();
        }

        @Test
        void case_folding_goes_beyond_ascii() {
            stored("Straße der Ölsucher", "Jürgen Groß");

            assertThatThrownBy(() -> repository.insert(newBook("STRASSE DER ÖLSUCHER", "JÜRGEN GROSS")))
                    .isInstanceOf(DuplicateBookException.class);
        }

        @Test
        void the_same_title_by_another_author_is_another_work() {
            stored("Collected Poems", "Philip Larkin");

            Book other = repository.insert(newBook("Collected Poems", "Sylvia Plath"));

            assertThat(repository.findById(other.id())).contains(other);
        }

        @Test
        void many_books_may_have_no_isbn() {
            stored("First Draft", "A. Writer");
            Book second = stored("Second Draft", "A. Writer");

            assertThat(repository.findById(second.id())).contains(second);
        }

        @Test
        void of_many_concurrent_inserts_of_the_same_work_exactly_one_wins() throws InterruptedException {
            List<Outcome<Book>> outcomes = race(() -> repository.insert(newBook("War and Peace", "Leo Tolstoy")));

            List<Book> winners = outcomes.stream().filter(Outcome::succeeded).map(Outcome::value).toList();
            assertThat(winners).hasSize(1);
            assertThat(outcomes).filteredOn(outcome -> !outcome.succeeded())
                    .hasSize(RACERS - 1)
                    .allSatisfy(outcome -> assertThat(outcome.failure())
                            .isInstanceOfSatisfying(DuplicateBookException.class, e -> assertThat(e.rule())
                                    .isEqualTo(DuplicateBookException.Rule.TITLE_AND_AUTHOR)));
            assertThat(allPages(BookQuery.newest(100).withTitle(new Title("War and Peace"))))
                    .containsExactly(winners.get(0));
        }

        @Test
        void of_many_concurrent_inserts_of_the_same_isbn_exactly_one_wins() throws InterruptedException {
            java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
            List<Outcome<Book>> outcomes = race(() -> repository.insert(
                    newBook("Edition " + n.incrementAndGet(), "Some Author", null, "9780140449136", null)));

            assertThat(outcomes).filteredOn(Outcome::succeeded).hasSize(1);
            assertThat(outcomes).filteredOn(outcome -> !outcome.succeeded())
                    .allSatisfy(outcome -> assertThat(outcome.failure())
                            .isInstanceOfSatisfying(DuplicateBookException.class,
                                    e -> assertThat(e.rule()).isEqualTo(DuplicateBookException.Rule.ISBN)));
            assertThat(allPages(BookQuery.newest(100).withAuthor(new Author("Some Author")))).hasSize(1);
        }
    }

    @Nested
    @DisplayName("update")
    class Update {

        @Test
        void a_revision_at_the_expected_version_is_stored_and_returned() {
            Book original = repository.insert(newBook("Emma", "Jane Austen", null, null, 1815));
            clock.advance(Duration.ofSeconds(5));
            Book revised = original.revise(
                    BookDetails.from("Emma", "Jane Austen", "Classics", "9780141439587", 1815, clock), clock);

            Book stored = repository.update(revised, original.version());

            assertThat(stored).isEqualTo(revised);
            assertThat(stored.version()).isEqualTo(2);
            assertThat(repository.findById(original.id())).contains(revised);
        }

        @Test
        void a_revision_at_a_stale_version_is_refused_and_changes_nothing() {
            Book original = repository.insert(newBook("Persuasion", "Jane Austen"));
            Book first = repository.update(revise(original, "Persuasion (1st ed.)"), 1);

            assertThatThrownBy(() -> repository.update(revise(original, "Persuasion (2nd ed.)"), 1))
                    .isInstanceOfSatisfying(VersionConflictException.class,
                            e -> assertThat(e.expectedVersion()).isEqualTo(1));
            assertThat(repository.findById(original.id())).contains(first);
        }

        @Test
        void a_revision_of_an_unknown_book_is_refused_as_not_found() {
            Book neverStored = newBook("Ghost", "Nobody");

            assertThatThrownBy(() -> repository.update(revise(neverStored, "Ghost II"), 1))
                    .isInstanceOf(BookNotFoundException.class);
            assertThat(repository.findById(neverStored.id())).isEmpty();
        }

        @Test
        void taking_another_books_isbn_is_refused_and_changes_nothing() {
            repository.insert(newBook("Ulysses", "James Joyce", null, "9780199535675", 1922));
            Book other = repository.insert(newBook("Dubliners", "James Joyce", null, "9780199536436", 1914));
            Book clash = other.revise(
                    BookDetails.from("Dubliners", "James Joyce", null, "9780199535675", 1914, clock), clock);

            assertThatThrownBy(() -> repository.update(clash, other.version()))
                    .isInstanceOfSatisfying(DuplicateBookException.class,
                            e -> assertThat(e.rule()).isEqualTo(DuplicateBookException.Rule.ISBN));
            assertThat(repository.findById(other.id())).contains(other);
        }

        @Test
        void becoming_another_work_that_exists_is_refused() {
            stored("Hamlet", "William Shakespeare");
            Book macbeth = stored("Macbeth", "William Shakespeare");

            assertThatThrownBy(() -> repository.update(revise(macbeth, "HAMLET"), macbeth.version()))
                    .isInstanceOfSatisfying(DuplicateBookException.class,
                            e -> assertThat(e.rule()).isEqualTo(DuplicateBookException.Rule.TITLE_AND_AUTHOR));
            assertThat(repository.findById(macbeth.id())).contains(macbeth);
        }

        @Test
        void keeping_its_own_isbn_and_work_is_not_a_duplicate() {
            Book book = repository.insert(newBook("Middlemarch", "George Eliot", null, "9780141439549", 1871));
            Book revised = book.revise(BookDetails.from("MIDDLEMARCH", "George Eliot", "Classics",
                    "9780141439549", 1871, clock), clock);

            assertThat(repository.update(revised, book.version())).isEqualTo(revised);
        }

        @Test
        void a_freed_isbn_and_work_can_be_taken_by_another_book() {
            Book first = repository.insert(newBook("Walden", "Henry David Thoreau", null, "9780691096124", 1854));
            repository.update(first.revise(BookDetails.from("Walden; or, Life in the Woods", "Henry David Thoreau",
                    null, null, 1854, clock), clock), first.version());

            Book second = repository.insert(newBook("Walden", "Henry David Thoreau", null, "9780691096124", 1854));

            assertThat(repository.findById(second.id())).contains(second);
        }

        @Test
        void of_many_concurrent_revisions_at_the_same_version_exactly_one_wins() throws InterruptedException {
            Book original = repository.insert(newBook("Ulysses", "James Joyce"));
            java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();

            List<Outcome<Book>> outcomes = race(() ->
                    repository.update(revise(original, "Ulysses, draft " + n.incrementAndGet()), 1));

            List<Book> winners = outcomes.stream().filter(Outcome::succeeded).map(Outcome::value).toList();
            assertThat(winners).hasSize(1);
            assertThat(outcomes).filteredOn(outcome -> !outcome.succeeded())
                    .allSatisfy(outcome -> assertThat(outcome.failure()).isInstanceOf(VersionConflictException.class));
            assertThat(repository.findById(original.id())).contains(winners.get(0));
        }

        private Book revise(Book book, String newTitle) {
            clock.advance(Duration.ofMillis(1));
            return book.revise(new BookDetails(new Title(newTitle), book.author(), book.category(), book.isbn(),
                    book.publishedYear()), clock);
        }
    }

    @Nested
    @DisplayName("change: a revision applied to the current book under a lock")
    class ChangeUnderLock {

        /** Writers of one book at once: more than the racers, more than a pool usually has connections. */
        private static final int WRITERS = 50;

        @Test
        void the_revision_is_given_the_stored_book_and_its_next_version_is_stored_and_returned() {
            Book original = repository.insert(newBook("Emma", "Jane Austen", null, null, 1815));
            List<Book> given = new ArrayList<>();

            Book changed = repository.change(original.id(), current -> {
                given.add(current);
                return current.revise(new BookDetails(current.title(), current.author(),
                        Optional.of(new Category("Classics")), current.isbn(), current.publishedYear()), clock);
            });

            assertThat(given).containsExactly(original);
            assertThat(changed.version()).isEqualTo(2);
            assertThat(changed.category()).contains(new Category("Classics"));
            assertThat(changed.isNextVersionOf(original)).isTrue();
            assertThat(repository.findById(original.id())).contains(changed);
        }

        @Test
        void a_revision_that_returns_the_book_unchanged_writes_nothing_and_keeps_the_version() {
            Book original = stored("Persuasion", "Jane Austen");
            clock.advance(Duration.ofSeconds(5));

            Book same = repository.change(original.id(), current -> new Book(current.id(), current.details(),
                    current.version(), current.createdAt(), current.updatedAt(), current.createdBy(),
                    current.updatedBy()));

            assertThat(same).isEqualTo(original);
            assertThat(repository.findById(original.id())).contains(original);
        }

        @Test
        void a_revision_that_throws_writes_nothing_and_its_exception_comes_through_unchanged() {
            Book original = stored("Mansfield Park", "Jane Austen");
            IllegalStateException failure = new IllegalStateException("the revision failed");

            assertThatThrownBy(() -> repository.change(original.id(), current -> {
                throw failure;
            })).isSameAs(failure);
            assertThatThrownBy(() -> repository.change(original.id(), current -> current.revise(
                    BookDetails.from("   ", "Jane Austen", null, null, null, clock), clock)))
                    .isInstanceOf(InvalidBookException.class);
            assertThat(repository.findById(original.id())).contains(original);
            assertThat(repository.change(original.id(), current -> retitled(current, "Mansfield Park (2nd ed.)"))
                    .version()).as("the book is not left locked").isEqualTo(2);
        }

        @Test
        void an_unknown_book_is_not_found_and_the_revision_never_runs() {
            BookId unknown = BookId.generate(Instant.now());

            assertThatThrownBy(() -> repository.change(unknown, current -> {
                throw new AssertionError("the revision ran for " + current);
            })).isInstanceOfSatisfying(BookNotFoundException.class, e -> assertThat(e.id()).isEqualTo(unknown));
        }

        @Test
        void taking_another_books_isbn_or_work_is_refused_and_writes_nothing() {
            repository.insert(newBook("Ulysses", "James Joyce", null, "9780199535675", 1922));
            Book dubliners = repository.insert(newBook("Dubliners", "James Joyce", null, "9780199536436", 1914));

            assertThatThrownBy(() -> repository.change(dubliners.id(), current -> current.revise(new BookDetails(
                    current.title(), current.author(), current.category(), Optional.of(new Isbn("9780199535675")),
                    current.publishedYear()), clock)))
                    .isInstanceOfSatisfying(DuplicateBookException.class,
                            e -> assertThat(e.rule()).isEqualTo(DuplicateBookException.Rule.ISBN));
            assertThatThrownBy(() -> repository.change(dubliners.id(), current -> current.revise(new BookDetails(
                    new Title("ULYSSES"), current.author(), current.category(), Optional.empty(),
                    current.publishedYear()), clock)))
                    .isInstanceOfSatisfying(DuplicateBookException.class,
                            e -> assertThat(e.rule()).isEqualTo(DuplicateBookException.Rule.TITLE_AND_AUTHOR));
            assertThat(repository.findById(dubliners.id())).contains(dubliners);
        }

        @Test
        void a_revision_returning_anything_but_the_book_or_its_next_version_is_a_bug_and_writes_nothing() {
            Book original = stored("Sense and Sensibility", "Jane Austen");
            Book other = stored("Lady Susan", "Jane Austen");

            assertThatIllegalArgumentException().as("two versions on").isThrownBy(() -> repository.change(
                    original.id(), current -> retitled(retitled(current, "Sense"), "Sensibility")));
            assertThatIllegalArgumentException().as("another book's next version").isThrownBy(() ->
                    repository.change(original.id(), current -> retitled(other, "Lady Susan (2nd ed.)")));
            assertThat(repository.findById(original.id())).contains(original);
            assertThat(repository.findById(other.id())).contains(other);
        }

        @Test
        void fifty_writers_at_once_all_succeed_each_on_top_of_the_one_before() throws InterruptedException {
            Book original = stored("Chorus", "Many Voices");
            AtomicInteger writers = new AtomicInteger();
            AtomicInteger revisions = new AtomicInteger();

            List<Outcome<Book>> outcomes = race(WRITERS, () -> {
                String word = Integer.toString(writers.getAndIncrement());
                return repository.change(original.id(), current -> {
                    revisions.incrementAndGet();
                    return retitled(current, current.title().value() + " " + word);
                });
            });

            assertThat(outcomes).filteredOn(outcome -> !outcome.succeeded()).isEmpty();
            assertThat(outcomes).extracting(outcome -> outcome.value().version()).as("each its own version")
                    .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(2, 1 + WRITERS).boxed().toList());
            assertThat(revisions).as("each revision ran once").hasValue(WRITERS);
            Book last = repository.findById(original.id()).orElseThrow();
            assertThat(last.version()).isEqualTo(original.version() + WRITERS);
            List<String> words = new ArrayList<>(List.of("Chorus"));
            IntStream.range(0, WRITERS).mapToObj(Integer::toString).forEach(words::add);
            assertThat(last.title().value().split(" ")).as("every writer's word, none lost")
                    .containsExactlyInAnyOrderElementsOf(words);
        }

        @Test
        void writers_of_different_fields_at_once_all_see_their_field_survive() throws InterruptedException {
            Book original = repository.insert(newBook("Patchwork", "First Hand"));
            List<UnaryOperator<BookDetails>> edits = List.of(
                    details -> new BookDetails(details.title(), details.author(),
                            Optional.of(new Category("Quilts")), details.isbn(), details.publishedYear()),
                    details -> new BookDetails(details.title(), details.author(), details.category(),
                            Optional.of(new Isbn("9780306406157")), details.publishedYear()),
                    details -> new BookDetails(details.title(), details.author(), details.category(),
                            details.isbn(), Optional.of(new PublicationYear(1999))),
                    details -> new BookDetails(details.title(), new Author("Second Hand"), details.category(),
                            details.isbn(), details.publishedYear()));
            AtomicInteger writers = new AtomicInteger();

            List<Outcome<Book>> outcomes = race(() -> {
                UnaryOperator<BookDetails> edit = edits.get(writers.getAndIncrement() % edits.size());
                return repository.change(original.id(), current -> current.revise(edit.apply(current.details()),
                        clock));
            });

            assertThat(outcomes).filteredOn(outcome -> !outcome.succeeded()).isEmpty();
            Book last = repository.findById(original.id()).orElseThrow();
            assertThat(last.version()).isEqualTo(original.version() + RACERS);
            assertThat(last.category()).contains(new Category("Quilts"));
            assertThat(last.isbn()).contains(new Isbn("9780306406157"));
            assertThat(last.publishedYear()).contains(new PublicationYear(1999));
            assertThat(last.author()).isEqualTo(new Author("Second Hand"));
            assertThat(last.title()).isEqualTo(original.title());
        }

        @Test
        void a_writer_that_comes_while_a_revision_runs_waits_for_it_and_finds_a_newer_version() throws Exception {
            Book original = stored("Held", "Row Lock");
            CountDownLatch revising = new CountDownLatch(1);
            ExecutorService changer = Executors.newSingleThreadExecutor();
            try {
                Future<Book> changing = changer.submit(() -> repository.change(original.id(), current -> {
                    revising.countDown();
                    pause(Duration.ofMillis(300));
                    return retitled(current, "Held (changed under the lock)");
                }));
                assertThat(revising.await(10, TimeUnit.SECONDS)).as("the revision started").isTrue();

                Throwable sneaking = catchThrowable(() ->
                        repository.update(retitled(original, "Held (sneaked in)"), original.version()));

                Book changed = changing.get(10, TimeUnit.SECONDS);
                assertThat(sneaking).isInstanceOf(VersionConflictException.class);
                assertThat(repository.findById(original.id())).contains(changed);
            } finally {
                changer.shutdownNow();
            }
        }

        private Book retitled(Book book, String newTitle) {
            clock.advance(Duration.ofMillis(1));
            return book.revise(new BookDetails(new Title(newTitle), book.author(), book.category(), book.isbn(),
                    book.publishedYear()), clock);
        }

        private static void pause(Duration duration) {
            try {
                Thread.sleep(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    @Nested
    @DisplayName("delete")
    class Delete {

        @Test
        void a_deleted_book_is_gone_and_frees_its_isbn_and_work() {
            Book book = repository.insert(newBook("Beloved", "Toni Morrison", null, "9781400033416", 1987));

            repository.delete(book.id(), OptionalLong.empty());

            assertThat(repository.findById(book.id())).isEmpty();
            Book again = repository.insert(newBook("Beloved", "Toni Morrison", null, "9781400033416", 1987));
            assertThat(repository.findById(again.id())).contains(again);
        }

        @Test
        void deleting_an_unknown_book_is_refused_as_not_found() {
            assertThatThrownBy(() -> repository.delete(BookId.generate(Instant.now()), OptionalLong.empty()))
                    .isInstanceOf(BookNotFoundException.class);
        }

        @Test
        void deleting_at_the_current_version_succeeds() {
            Book book = stored("Jazz", "Toni Morrison");

            repository.delete(book.id(), OptionalLong.of(book.version()));

            assertThat(repository.findById(book.id())).isEmpty();
        }

        @Test
        void deleting_at_a_stale_version_is_refused_and_keeps_the_book() {
            Book book = stored("Sula", "Toni Morrison");

            assertThatThrownBy(() -> repository.delete(book.id(), OptionalLong.of(7)))
                    .isInstanceOf(VersionConflictException.class);
            assertThat(repository.findById(book.id())).contains(book);
        }

        @Test
        void of_many_concurrent_deletes_exactly_one_succeeds() throws InterruptedException {
            Book book = stored("Paradise", "Toni Morrison");

            List<Outcome<Boolean>> outcomes = race(() -> {
                repository.delete(book.id(), OptionalLong.empty());
                return true;
            });

            assertThat(outcomes).filteredOn(Outcome::succeeded).hasSize(1);
            assertThat(outcomes).filteredOn(outcome -> !outcome.succeeded())
                    .allSatisfy(outcome -> assertThat(outcome.failure()).isInstanceOf(BookNotFoundException.class));
        }
    }

    @Nested
    @DisplayName("find: recency order and pagination")
    class Listing {

        @Test
        void an_empty_catalogue_gives_an_empty_last_page() {
            BookPage slice = repository.find(BookQuery.newest(20));

            assertThat(slice.books()).isEmpty();
            assertThat(slice.next()).isEmpty();
        }

        @Test
        void books_come_newest_first() {
            List<Book> books = storedBooks(5, i -> newBook("Volume " + i, "Serial Author"));

            BookPage slice = repository.find(BookQuery.newest(20));

            assertThat(slice.books()).containsExactlyElementsOf(reversed(books));
            assertThat(slice.next()).isEmpty();
        }

        @Test
        void books_created_in_the_same_microsecond_are_ordered_by_id_descending() {
            clock.advance(Duration.ofMillis(1));
            List<Book> books = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                books.add(repository.insert(
                        Book.create(BookDetails.from("Twin " + i, "Same Instant", null, null, null, clock), clock)));
            }

            List<Book> expected = books.stream().sorted(Comparator.comparing(Book::id).reversed()).toList();
            assertThat(repository.find(BookQuery.newest(20)).books()).containsExactlyElementsOf(expected);
            assertThat(allPages(BookQuery.newest(4))).containsExactlyElementsOf(expected);
        }

        @Test
        void following_the_positions_visits_every_book_once_in_order() {
            List<Book> books = storedBooks(23, i -> newBook("Page Turner " + i, "Prolific Author"));

            assertThat(allPages(BookQuery.newest(5))).containsExactlyElementsOf(reversed(books));
        }

        @Test
        void a_page_that_ends_exactly_at_the_last_book_has_no_next_position() {
            storedBooks(6, i -> newBook("Even " + i, "Exact Author"));

            BookPage first = repository.find(BookQuery.newest(3));
            BookPage second = repository.find(BookQuery.newest(3).after(first.next().orElseThrow()));

            assertThat(second.books()).hasSize(3);
            assertThat(second.next()).isEmpty();
        }

        @Test
        void a_position_stays_valid_when_its_book_is_deleted_and_others_are_added() {
            List<Book> books = storedBooks(6, i -> newBook("Shifting " + i, "Moving Target"));
            BookPage first = repository.find(BookQuery.newest(3));
            Book lastOnFirstPage = first.books().get(2);
            repository.delete(lastOnFirstPage.id(), OptionalLong.empty());
            stored("Newcomer", "Late Arrival");

            BookPage second = repository.find(BookQuery.newest(3).after(first.next().orElseThrow()));

            assertThat(second.books()).containsExactlyElementsOf(reversed(books.subList(0, 3)));
        }

        @Test
        void the_next_position_names_the_last_book_of_the_page() {
            storedBooks(4, i -> newBook("Marker " + i, "Position Author"));

            BookPage slice = repository.find(BookQuery.newest(2));

            Book last = slice.books().get(1);
            assertThat(slice.next()).contains(new Cursor.ByRecency(last.createdAt(), last.id()));
        }
    }

    @Nested
    @DisplayName("forEachBook: a snapshot for exports")
    class ForEachBook {

        /** More than a thousand: an implementation that reads in pages of up to a thousand reads several. */
        private static final int MANY = 1_500;

        @Test
        void hands_over_every_book_once_newest_first() {
            List<Book> stored = storedBooks(MANY, n -> newBook("Title " + n, "Author " + n % 7));
            List<Book> seen = new ArrayList<>();

            repository.forEachBook(seen::add);

            assertThat(seen).containsExactlyElementsOf(newestFirst(stored));
        }

        @Test
        void of_an_empty_store_hands_over_nothing() {
            repository.forEachBook(book -> {
                throw new AssertionError("no book expected, got " + book);
            });
        }

        @Test
        void sees_the_catalogue_as_it_stood_when_the_reading_began() {
            List<Book> stored = storedBooks(MANY, n -> newBook("Title " + n, "Author " + n % 7));
            Book oldest = stored.get(0);
            Book secondOldest = stored.get(1);
            List<Book> seen = new ArrayList<>();

            repository.forEachBook(book -> {
                if (seen.isEmpty()) {
                    // The oldest books come last: by the time they are read, they have changed or gone.
                    repository.delete(oldest.id(), OptionalLong.empty());
                    repository.update(secondOldest.revise(new BookDetails(new Title("Rewritten"),
                            secondOldest.author(), secondOldest.category(), secondOldest.isbn(),
                            secondOldest.publishedYear()), clock), secondOldest.version());
                    stored("Newer than the reading", "Someone");
                }
                seen.add(book);
            });

            assertThat(seen).containsExactlyElementsOf(newestFirst(stored));
            assertThat(repository.findById(oldest.id())).isEmpty();
        }

        @Test
        void stops_at_an_exception_from_the_action_and_passes_it_on() {
            storedBooks(3, n -> newBook("Title " + n, "Author"));
            List<Book> seen = new ArrayList<>();

            assertThatThrownBy(() -> repository.forEachBook(book -> {
                seen.add(book);
                throw new IllegalStateException("disk full");
            })).isInstanceOf(IllegalStateException.class).hasMessage("disk full");
            assertThat(seen).hasSize(1);
            assertThat(stored("Still writable", "Afterwards")).isNotNull();
        }

        private static List<Book> newestFirst(List<Book> oldestFirst) {
            List<Book> books = new ArrayList<>(oldestFirst);
            Collections.reverse(books);
            return books;
        }
    }

    @Nested
    @DisplayName("find: exact filters")
    class Filters {

        @Test
        void title_author_and_category_filters_ignore_case_and_spacing() {
            Book hobbit = repository.insert(newBook("The Hobbit", "J. R. R. Tolkien", "Fantasy", null, 1937));
            Book silmarillion = repository.insert(newBook("The Silmarillion", "J. R. R. Tolkien", "Fantasy", null,
                    1977));
            repository.insert(newBook("A Wizard of Earthsea", "Ursula K. Le Guin", "fantasy", null, 1968));
            repository.insert(newBook("The Hobbit Companion", "David Day", "Reference", null, 1997));

            assertThat(repository.find(BookQuery.newest(10).withTitle(new Title("  the   HOBBIT"))).books())
                    .containsExactly(hobbit);
            assertThat(repository.find(BookQuery.newest(10).withAuthor(new Author("j. r. r. tolkien"))).books())
                    .containsExactly(silmarillion, hobbit);
            assertThat(repository.find(BookQuery.newest(10).withCategory(new Category("FANTASY"))).books())
                    .hasSize(3);
        }

        @Test
        void filters_combine_with_and() {
            Book hobbit = repository.insert(newBook("The Hobbit", "J. R. R. Tolkien", "Fantasy", null, 1937));
            repository.insert(newBook("The Hobbit", "Someone Else", "Fantasy", null, null));
            repository.insert(newBook("Roverandom", "J. R. R. Tolkien", "Children", null, 1998));

            BookQuery query = BookQuery.newest(10).withAuthor(new Author("J. R. R. Tolkien"))
                    .withCategory(new Category("fantasy"));

            assertThat(repository.find(query).books()).containsExactly(hobbit);
        }

        @Test
        void an_exact_filter_does_not_match_a_part_of_the_value() {
            stored("The Hobbit", "J. R. R. Tolkien");

            assertThat(repository.find(BookQuery.newest(10).withTitle(new Title("Hobbit"))).books()).isEmpty();
        }

        @Test
        void a_category_filter_never_matches_a_book_without_category() {
            stored("Uncategorised", "Nobody In Particular");

            assertThat(repository.find(BookQuery.newest(10).withCategory(new Category("None"))).books()).isEmpty();
        }

        @Test
        void filtered_pages_paginate_like_unfiltered_ones() {
            List<Book> poems = storedBooks(7, i -> newBook("Poem " + i, "Emily Dickinson", "Poetry", null, null));
            storedBooks(5, i -> newBook("Essay " + i, "Emily Dickinson", "Essays", null, null));

            assertThat(allPages(BookQuery.newest(3).withCategory(new Category("poetry"))))
                    .containsExactlyElementsOf(reversed(poems));
        }
    }

    @Nested
    @DisplayName("find: fuzzy search")
    class Search {

        @Test
        void matches_are_ranked_best_first_as_trigram_similarity_ranks_them() {
            List<Book> books = List.of(
                    stored("The Hobbit", "J. R. R. Tolkien"),
                    stored("Hobbit", "Anonymous"),
                    stored("The Habit of Being", "Flannery O'Connor"),
                    stored("Hobbits and Hobbyists", "Some Essayist"),
                    stored("Moby-Dick", "Herman Melville"));
            SearchText text = new SearchText("hobbit");

            List<Book> found = repository.find(BookQuery.newest(20).withText(text)).books();

            List<Book> expected = books.stream()
                    .filter(book -> TrigramSimilarity.isMatch(TrigramSimilarity.relevance(book, text)))
                    .sorted(Comparator.comparing((Book book) -> TrigramSimilarity.relevance(book, text)).reversed()
                            .thenComparing(Book::id))
                    .toList();
            assertThat(expected).hasSizeGreaterThanOrEqualTo(2).doesNotContain(books.get(4));
            assertThat(found).containsExactlyElementsOf(expected);
            assertThat(found.get(0).title().value()).isEqualTo("Hobbit");
        }

        @Test
        void search_looks_at_authors_too_and_tolerates_typos() {
            Book book = stored("Things Fall Apart", "Chinua Achebe");
            stored("Unrelated Title", "Unrelated Writer");

            assertThat(repository.find(BookQuery.newest(20).withText(new SearchText("chinua achebee"))).books())
                    .containsExactly(book);
        }

        @Test
        void nothing_below_the_threshold_is_returned() {
            stored("Pride and Prejudice", "Jane Austen");

            assertThat(repository.find(BookQuery.newest(20).withText(new SearchText("quantum chromodynamics")))
                    .books()).isEmpty();
        }

        @Test
        void equally_relevant_books_are_ordered_by_id_and_paginate_without_gaps() {
            List<Book> books = storedBooks(9, i -> newBook("Foundation", "Author Number " + i));
            stored("Foundations of Physics", "Physicist");

            List<Book> all = allPages(BookQuery.newest(4).withText(new SearchText("foundation")));

            List<Book> exact = books.stream().sorted(Comparator.comparing(Book::id)).toList();
            assertThat(all).hasSizeGreaterThanOrEqualTo(9);
            assertThat(all.subList(0, 9)).containsExactlyElementsOf(exact);
            assertThat(all).doesNotHaveDuplicates();
        }

        @Test
        void the_next_position_carries_the_relevance_of_the_last_book() {
            storedBooks(3, i -> newBook("Solaris", "Writer " + i));
            SearchText text = new SearchText("solaris");

            BookPage slice = repository.find(BookQuery.newest(2).withText(text));

            Book last = slice.books().get(1);
            assertThat(slice.next()).contains(new Cursor.ByRelevance(TrigramSimilarity.relevance(last, text), last.id()));
        }

        @Test
        void search_combines_with_exact_filters() {
            Book wanted = repository.insert(newBook("Dune", "Frank Herbert", "Science Fiction", null, 1965));
            repository.insert(newBook("Dune Messiah", "Frank Herbert", "Sequels", null, 1969));

            BookQuery query = BookQuery.newest(10).withText(new SearchText("dune"))
                    .withCategory(new Category("science fiction"));

            assertThat(repository.find(query).books()).containsExactly(wanted);
        }
    }

    @Nested
    @DisplayName("Unicode forms (ADR 0009)")
    class UnicodeForms {

        private static final String CAFE = "Caf\u00E9 Society";
        private static final String CAFE_DECOMPOSED = "Cafe\u0301 Society";
        private static final String RENEE = "Ren\u00E9e Fleming";
        private static final String RENEE_DECOMPOSED = "Rene\u0301e Fleming";
        private static final String FULL_WIDTH_DUNE = "\uFF24\uFF55\uFF4E\uFF45";
        private static final String FULL_WIDTH_HERBERT =
                "\uFF26\uFF52\uFF41\uFF4E\uFF4B\u3000\uFF28\uFF45\uFF52\uFF42\uFF45\uFF52\uFF54";

        @Test
        void decomposed_text_is_stored_composed_and_reads_back_so() {
            Book book = repository.insert(newBook(CAFE_DECOMPOSED, RENEE_DECOMPOSED, "Mu\u0301sica", null, null));

            Book read = repository.findById(book.id()).orElseThrow();

            assertThat(read).isEqualTo(book);
            assertThat(read.title().value()).isEqualTo(CAFE);
            assertThat(read.author().value()).isEqualTo(RENEE);
            assertThat(read.category()).contains(new Category("M\u00FAsica"));
        }

        @Test
        void composed_and_decomposed_accents_are_the_same_work() {
            stored(CAFE, RENEE);
            Book decomposed = newBook(CAFE_DECOMPOSED, RENEE_DECOMPOSED);

            assertThatThrownBy(() -> repository.insert(decomposed))
                    .isInstanceOfSatisfying(DuplicateBookException.class,
                            e -> assertThat(e.rule()).isEqualTo(DuplicateBookException.Rule.TITLE_AND_AUTHOR));
            assertThat(repository.findById(decomposed.id())).isEmpty();
        }

        @Test
        void full_width_and_ascii_letters_are_the_same_work() {
            stored("Dune", "Frank Herbert");
            Book fullWidth = newBook(FULL_WIDTH_DUNE, FULL_WIDTH_HERBERT);

            assertThatThrownBy(() -> repository.insert(fullWidth))
                    .isInstanceOfSatisfying(DuplicateBookException.class,
                            e -> assertThat(e.rule()).isEqualTo(DuplicateBookException.Rule.TITLE_AND_AUTHOR));
            assertThat(repository.findById(fullWidth.id())).isEmpty();
        }

        @Test
        void ligatures_joiners_and_variation_selectors_do_not_make_another_work() {
            stored("The Fish", "Elizabeth Bishop");

            assertThatThrownBy(() -> repository.insert(newBook("The \uFB01sh\uFE0F", "Eliza\u200Dbeth Bishop")))
                    .isInstanceOf(DuplicateBookException.class);
        }

        @Test
        void becoming_a_stored_work_written_in_another_form_is_refused() {
            stored("Dune", "Frank Herbert");
            Book other = stored("Dune Messiah", "Frank Herbert");
            clock.advance(Duration.ofMillis(1));
            Book clash = other.revise(BookDetails.from(FULL_WIDTH_DUNE, "Frank Herbert", null, null, null, clock),
                    clock);

            assertThatThrownBy(() -> repository.update(clash, other.version()))
                    .isInstanceOf(DuplicateBookException.class);
            assertThat(repository.findById(other.id())).contains(other);
        }

        @Test
        void the_exact_filters_match_across_forms() {
            Book cafe = repository.insert(newBook(CAFE, RENEE, "M\u00FAsica", null, null));
            Book dune = repository.insert(newBook("Dune", "Frank Herbert", "Science Fiction", null, 1965));

            assertThat(repository.find(BookQuery.newest(10).withTitle(new Title(CAFE_DECOMPOSED))).books())
                    .containsExactly(cafe);
            assertThat(repository.find(BookQuery.newest(10).withAuthor(new Author(RENEE_DECOMPOSED))).books())
                    .containsExactly(cafe);
            assertThat(repository.find(BookQuery.newest(10).withCategory(new Category("MU\u0301SICA"))).books())
                    .containsExactly(cafe);
            assertThat(repository.find(BookQuery.newest(10).withTitle(new Title(FULL_WIDTH_DUNE))
                    .withAuthor(new Author(FULL_WIDTH_HERBERT))
                    .withCategory(new Category("\uFF33cience \uFF26iction"))).books())
                    .containsExactly(dune);
        }

        @Test
        void text_whose_keys_are_as_long_as_the_domain_allows_is_stored_and_found() {
            // 75 squares of four katakana each: a title key of 300 characters (900 bytes in UTF-8); 100 musical
            // half notes, each two characters outside the BMP once composed: an author of 200 (800 bytes).
            String title = "\u3300".repeat(75);
            String author = "\uD834\uDD5E".repeat(100);
            Book book = repository.insert(newBook(title, author, "\uFDFA".repeat(16), null, null));

            assertThat(book.title().matchKey()).hasSize(300);
            assertThat(repository.findById(book.id())).contains(book);
            assertThat(repository.find(BookQuery.newest(10).withTitle(new Title(title)).withAuthor(new Author(author))
                    .withCategory(new Category("\uFDFA".repeat(16)))).books()).containsExactly(book);
        }

        @Test
        void a_decomposed_search_text_finds_a_composed_title_as_the_composed_text_does() {
            Book cafe = stored(CAFE, "Somebody");
            stored("Unrelated Title", "Unrelated Writer");

            BookPage decomposed = repository.find(BookQuery.newest(10).withText(new SearchText("cafe\u0301")));
            BookPage composed = repository.find(BookQuery.newest(10).withText(new SearchText("caf\u00E9")));

            assertThat(decomposed.books()).containsExactly(cafe);
            assertThat(decomposed).isEqualTo(composed);
        }
    }

    private static List<Book> reversed(List<Book> books) {
        List<Book> copy = new ArrayList<>(books);
        java.util.Collections.reverse(copy);
        return copy;
    }
}
