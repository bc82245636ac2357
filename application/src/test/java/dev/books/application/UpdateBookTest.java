package dev.books.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.books.domain.Book;
import dev.books.domain.BookId;
import dev.books.domain.BookNotFoundException;
import dev.books.domain.BookRepository;
import dev.books.domain.Category;
import dev.books.domain.DuplicateBookException;
import dev.books.domain.InvalidBookException;
import dev.books.domain.Isbn;
import dev.books.domain.PublicationYear;
import dev.books.domain.Title;
import dev.books.domain.VersionConflictException;
import dev.books.testkit.ForwardingBookRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class UpdateBookTest extends CatalogueFixture {

    /** A partial change, built up field by field; every field is kept unless the test says otherwise. */
    private static final class Edit {
        private Change<String> title = Change.keep();
        private Change<String> author = Change.keep();
        private Change<String> category = Change.keep();
        private Change<String> isbn = Change.keep();
        private Change<Integer> publishedYear = Change.keep();
        private OptionalLong expectedVersion = OptionalLong.empty();

        Edit title(Change<String> change) {
            title = change;
            return this;
        }

        Edit author(Change<String> change) {
            author = change;
            return this;
        }

        Edit category(Change<String> change) {
            category = change;
            return this;
        }

        Edit isbn(Change<String> change) {
            isbn = change;
            return this;
        }

        Edit publishedYear(Change<Integer> change) {
            publishedYear = change;
            return this;
        }

        Edit atVersion(long version) {
            expectedVersion = OptionalLong.of(version);
            return this;
        }

        UpdateBookCommand of(BookId id) {
            return new UpdateBookCommand(id, title, author, category, isbn, publishedYear, expectedVersion);
        }
    }

    private static Edit keepingEverything() {
        return new Edit();
    }

    private Book update(Book book, Edit edit) {
        clock.advance(Duration.ofSeconds(1));
        return books.updateBook().update(edit.of(book.id()));
    }

    private Book dune() {
        return create("Dune", "Frank Herbert", "Science Fiction", "9780441013593", 1965);
    }

    @Nested
    class FieldByField {

        @Test
        void keeping_every_field_changes_nothing_not_even_the_version() {
            Book dune = dune();

            Book same = update(dune, keepingEverything());

            assertThat(same).isEqualTo(dune);
            assertThat(get(dune)).isEqualTo(dune);
        }

        @Test
        void setting_fields_to_what_they_already_say_changes_nothing() {
            Book dune = dune();

            Book same = update(dune, keepingEverything().title(Change.to("  Dune ")).isbn(Change.to("0-441-01359-7"))
                    .publishedYear(Change.to(1965)).category(Change.to("Science\tFiction")));

            assertThat(same).isEqualTo(dune);
        }

        @Test
        void setting_the_title_replaces_it_keeps_the_rest_and_makes_the_next_version() {
            Book dune = dune();

            Book updated = update(dune, keepingEverything().title(Change.to("Dune Messiah")));

            assertThat(updated.title()).isEqualTo(new Title("Dune Messiah"));
            assertThat(updated.author()).isEqualTo(dune.author());
            assertThat(updated.category()).isEqualTo(dune.category());
            assertThat(updated.isbn()).isEqualTo(dune.isbn());
            assertThat(updated.publishedYear()).isEqualTo(dune.publishedYear());
            assertThat(updated.version()).isEqualTo(2);
            assertThat(updated.id()).isEqualTo(dune.id());
            assertThat(updated.createdAt()).isEqualTo(dune.createdAt());
            assertThat(updated.updatedAt()).isEqualTo(clock.instant());
            assertThat(get(dune)).isEqualTo(updated);
        }

        @Test
        void a_change_of_case_alone_is_a_change_and_not_a_duplicate_of_itself() {
            Book dune = dune();

            Book updated = update(dune, keepingEverything().title(Change.to("DUNE")));

            assertThat(updated.title()).isEqualTo(new Title("DUNE"));
            assertThat(updated.version()).isEqualTo(2);
        }

        @Test
        void setting_the_optional_fields_normalises_them_like_new_input() {
            Book plain = create("Emma", "Jane Austen");

            Book updated = update(plain, keepingEverything().category(Change.to(" Classics ")).isbn(
                    Change.to("0-306-40615-2")).publishedYear(Change.to(1815)));

            assertThat(updated.category()).contains(new Category("Classics"));
            assertThat(updated.isbn()).contains(new Isbn("9780306406157"));
            assertThat(updated.publishedYear()).contains(new PublicationYear(1815));
        }

        @Test
        void clearing_the_optional_fields_removes_them() {
            Book dune = dune();

            Book updated = update(dune, keepingEverything().category(Change.clear()).isbn(Change.clear())
                    .publishedYear(Change.clear()));

            assertThat(updated.category()).isEmpty();
            assertThat(updated.isbn()).isEmpty();
            assertThat(updated.publishedYear()).isEmpty();
            assertThat(get(dune)).isEqualTo(updated);
        }

        @Test
        void clearing_an_absent_optional_field_changes_nothing() {
            Book plain = create("Emma", "Jane Austen");

            assertThat(update(plain, keepingEverything().category(Change.clear()))).isEqualTo(plain);
        }

        @Test
        void clearing_the_title_or_the_author_is_refused_as_required() {
            Book dune = dune();

            assertThatThrownBy(() -> update(dune, keepingEverything().title(Change.clear())))
                    .isInstanceOfSatisfying(InvalidBookException.class, violations(violation("title", "is required")));
            assertThatThrownBy(() -> update(dune, keepingEverything().author(Change.clear()).title(Change.clear())))
                    .isInstanceOfSatisfying(InvalidBookException.class, violations(
                            violation("title", "is required"), violation("author", "is required")));
            assertThat(get(dune)).isEqualTo(dune);
        }

        @Test
        void every_bad_new_value_is_reported_at_once_and_nothing_changes() {
            Book dune = dune();

            assertThatThrownBy(() -> update(dune, keepingEverything().title(Change.to("   "))
                    .isbn(Change.to("978-0-441-01359-4")).publishedYear(Change.to(3000))))
                    .isInstanceOfSatisfying(InvalidBookException.class, violations(
                            violation("title", "must not be blank"),
                            violation("isbn", "has an invalid check digit"),
                            violation("publishedYear", "must be 2027 or earlier")));
            assertThat(get(dune)).isEqualTo(dune);
        }

        @Test
        void a_value_cannot_be_set_to_null_clear_says_that() {
            assertThatNullPointerException().isThrownBy(() -> Change.to(null))
                    .withMessageContaining("Change.clear()");
        }

        @Test
        void keeping_a_year_is_not_judged_again_by_a_clock_that_has_gone_back() {
            // Announced just after New Year for the year after: fine by the clock of the instance that stored it.
            clock.set(Instant.parse("2027-01-01T00:00:01Z"));
            Book announced = create("Dune Reborn", "Brian Herbert", null, null, 2028);
            // Another instance, its clock a few seconds behind, still sees 2026: 2028 is too late for new input.
            clock.set(Instant.parse("2026-12-31T23:59:58Z"));

            Book retitled = books.updateBook().update(keepingEverything().title(Change.to("Dune Reborn (cover)"))
                    .of(announced.id()));

            assertThat(retitled.publishedYear()).isEqualTo(announced.publishedYear());
            assertThat(retitled.updatedAt()).as("never earlier than the last update").isEqualTo(announced.updatedAt());
            assertThatThrownBy(() -> books.updateBook().update(keepingEverything().publishedYear(Change.to(2029))
                    .of(announced.id())))
                    .isInstanceOfSatisfying(InvalidBookException.class,
                            violations(violation("publishedYear", "must be 2027 or earlier")));
        }
    }

    @Nested
    class Versions {

        @Test
        void at_the_expected_version_the_change_is_made() {
            Book dune = dune();

            Book updated = update(dune, keepingEverything().title(Change.to("Dune Messiah")).atVersion(1));

            assertThat(updated.version()).isEqualTo(2);
        }

        @Test
        void at_another_version_the_change_is_refused_and_nothing_changes() {
            Book dune = dune();
            Book second = update(dune, keepingEverything().title(Change.to("Dune Messiah")));
            Edit staleEdit = keepingEverything().title(Change.to("Children of Dune")).atVersion(1);

            assertThatThrownBy(() -> update(dune, staleEdit))
                    .isInstanceOfSatisfying(VersionConflictException.class, e -> {
                        assertThat(e.expectedVersion()).isEqualTo(1);
                        assertThat(e.id()).isEqualTo(dune.id());
                        assertThat(e.code()).isEqualTo("version-conflict");
                    });
            assertThat(get(dune)).isEqualTo(second);
        }

        @Test
        void a_stale_expected_version_is_refused_even_when_the_change_would_change_nothing() {
            Book dune = dune();
            update(dune, keepingEverything().title(Change.to("Dune Messiah")));

            assertThatThrownBy(() -> update(dune, keepingEverything().atVersion(1)))
                    .isInstanceOf(VersionConflictException.class);
        }

        @Test
        void at_the_expected_version_a_kept_year_is_not_judged_again_by_a_clock_that_has_gone_back_either() {
            clock.set(Instant.parse("2027-01-01T00:00:01Z"));
            Book announced = create("Dune Reborn", "Brian Herbert", null, null, 2028);
            clock.set(Instant.parse("2026-12-31T23:59:58Z"));

            Book retitled = books.updateBook().update(keepingEverything().title(Change.to("Dune Reborn (cover)"))
                    .atVersion(1).of(announced.id()));

            assertThat(retitled.publishedYear()).isEqualTo(announced.publishedYear());
            assertThat(retitled.version()).isEqualTo(2);
        }

        @Test
        void an_unknown_book_is_not_found() {
            BookId unknown = BookId.generate(clock.instant());

            assertThatThrownBy(() -> books.updateBook().update(keepingEverything().title(Change.to("x")).of(unknown)))
                    .isInstanceOfSatisfying(BookNotFoundException.class, e -> assertThat(e.id()).isEqualTo(unknown));
        }

        @Test
        void taking_another_books_isbn_is_refused_by_the_isbn_rule() {
            create("Ulysses", "James Joyce", null, "9780306406157", 1922);
            Book dune = dune();

            assertThatThrownBy(() -> update(dune, keepingEverything().isbn(Change.to("0-306-40615-2"))))
                    .isInstanceOfSatisfying(DuplicateBookException.class,
                            e -> assertThat(e.rule()).isEqualTo(DuplicateBookException.Rule.ISBN));
            assertThat(get(dune)).isEqualTo(dune);
        }

        @Test
        void becoming_a_work_that_is_already_catalogued_is_refused_by_the_title_and_author_rule() {
            create("Dune Messiah", "Frank Herbert");
            Book dune = dune();

            assertThatThrownBy(() -> update(dune, keepingEverything().title(Change.to("DUNE  messiah"))))
                    .isInstanceOfSatisfying(DuplicateBookException.class,
                            e -> assertThat(e.rule()).isEqualTo(DuplicateBookException.Rule.TITLE_AND_AUTHOR));
            assertThat(get(dune)).isEqualTo(dune);
        }
    }

    @Nested
    class WhenAnotherWriterGetsInBetween {

        /** The catalogue as someone else's request sees it: straight to the store, no interference. */
        private final BookUseCases otherWriter = BookUseCases.using(repository, clock);

        private Edit otherWritersEdit(int round) {
            return keepingEverything().category(Change.to("Set by the other writer, round " + round));
        }

        @Test
        void a_change_without_an_expected_version_is_applied_on_top_of_theirs_in_one_go() {
            Book dune = dune();
            InterferingRepository store = new InterferingRepository(repository, 1,
                    round -> otherWriter.updateBook().update(otherWritersEdit(round).of(dune.id())));

            Book updated = BookUseCases.using(store, clock).updateBook()
                    .update(keepingEverything().title(Change.to("Dune Messiah")).of(dune.id()));

            assertThat(updated.version()).isEqualTo(3);
            assertThat(updated.title()).isEqualTo(new Title("Dune Messiah"));
            assertThat(updated.category()).contains(new Category("Set by the other writer, round 1"));
            assertThat(store.writes()).as("one atomic change, no retry").isEqualTo(1);
            assertThat(get(dune)).isEqualTo(updated);
        }

        @Test
        void a_change_with_an_expected_version_is_not_retried_and_theirs_stands() {
            Book dune = dune();
            InterferingRepository store = new InterferingRepository(repository, 1,
                    round -> otherWriter.updateBook().update(otherWritersEdit(round).of(dune.id())));

            assertThatThrownBy(() -> BookUseCases.using(store, clock).updateBook()
                    .update(keepingEverything().title(Change.to("Dune Messiah")).atVersion(1).of(dune.id())))
                    .isInstanceOfSatisfying(VersionConflictException.class,
                            e -> assertThat(e.expectedVersion()).isEqualTo(1));
            assertThat(store.writes()).isEqualTo(1);
            assertThat(get(dune).title()).isEqualTo(dune.title());
            assertThat(get(dune).category()).contains(new Category("Set by the other writer, round 1"));
        }

        @Test
        void a_change_they_already_made_is_not_made_twice() {
            Book dune = dune();
            Edit same = keepingEverything().category(Change.to("Classics"));
            InterferingRepository store = new InterferingRepository(repository, 1,
                    round -> otherWriter.updateBook().update(same.of(dune.id())));

            Book result = BookUseCases.using(store, clock).updateBook().update(same.of(dune.id()));

            assertThat(result.version()).isEqualTo(2);
            assertThat(result).isEqualTo(get(dune));
        }

        @Test
        void a_book_deleted_in_between_is_not_found() {
            Book dune = dune();
            InterferingRepository store = new InterferingRepository(repository, 1,
                    round -> otherWriter.deleteBook().delete(new DeleteBookCommand(dune.id(), OptionalLong.empty())));

            assertThatThrownBy(() -> BookUseCases.using(store, clock).updateBook()
                    .update(keepingEverything().title(Change.to("Dune Messiah")).of(dune.id())))
                    .isInstanceOf(BookNotFoundException.class);
        }
    }

    @Nested
    class ManyWritersAtOnce {

        private static final int WRITERS = 50;

        /**
         * The fake with a database's latency: a read takes a few milliseconds (outside any lock, so concurrent
         * readers all see the same version), and a revision under the lock one more.
         */
        private final BookUseCases slowStore = BookUseCases.using(new ForwardingBookRepository(repository) {
            @Override
            public Optional<Book> findById(BookId id) {
                Optional<Book> book = super.findById(id);
                pause(5);
                return book;
            }

            @Override
            public Book change(BookId id, UnaryOperator<Book> revision) {
                pause(5);
                return super.change(id, current -> {
                    pause(1);
                    return revision.apply(current);
                });
            }
        }, clock);

        @Test
        void fifty_changes_without_an_expected_version_all_succeed_and_no_field_is_lost() throws Exception {
            Book dune = dune();
            AtomicInteger writers = new AtomicInteger();

            List<Outcome> outcomes = race(WRITERS, () -> {
                int n = writers.getAndIncrement();
                Edit edit = switch (n % 4) {
                    case 0 -> keepingEverything().title(Change.to("Dune " + n));
                    case 1 -> keepingEverything().author(Change.to("Frank Herbert " + n));
                    case 2 -> keepingEverything().category(Change.to("Shelf " + n));
                    default -> keepingEverything().publishedYear(Change.to(1900 + n));
                };
                return slowStore.updateBook().update(edit.of(dune.id()));
            });

            assertThat(outcomes).filteredOn(outcome -> outcome.failure() != null).isEmpty();
            Book last = get(dune);
            assertThat(last.version()).isEqualTo(dune.version() + WRITERS);
            assertThat(last.title().value()).matches("Dune \\d+");
            assertThat(last.author().value()).matches("Frank Herbert \\d+");
            assertThat(last.category().orElseThrow().value()).matches("Shelf \\d+");
            assertThat(last.publishedYear().orElseThrow().value()).isNotEqualTo(1965);
            assertThat(last.isbn()).isEqualTo(dune.isbn());
        }

        @Test
        void of_many_changes_at_the_same_expected_version_exactly_one_wins() throws Exception {
            Book dune = dune();
            AtomicInteger writers = new AtomicInteger();

            List<Outcome> outcomes = race(20, () -> slowStore.updateBook().update(keepingEverything()
                    .title(Change.to("Dune, draft " + writers.getAndIncrement())).atVersion(1).of(dune.id())));

            List<Book> winners = outcomes.stream().filter(outcome -> outcome.failure() == null)
                    .map(Outcome::book).toList();
            assertThat(winners).hasSize(1);
            assertThat(outcomes).filteredOn(outcome -> outcome.failure() != null).hasSize(19)
                    .allSatisfy(outcome -> assertThat(outcome.failure()).isInstanceOf(VersionConflictException.class));
            assertThat(get(dune)).isEqualTo(winners.get(0));
            assertThat(winners.get(0).version()).isEqualTo(2);
        }
    }

    /** What one writer got: the book, or the exception it threw. */
    private record Outcome(Book book, Throwable failure) {
    }

    /** Runs the same update on {@code writers} threads released at once; returns each outcome. */
    private static List<Outcome> race(int writers, Callable<Book> update) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Book>> futures = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return update.call();
                }));
            }
            go.countDown();
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Book> future : futures) {
                try {
                    outcomes.add(new Outcome(future.get(60, TimeUnit.SECONDS), null));
                } catch (ExecutionException e) {
                    outcomes.add(new Outcome(null, e.getCause()));
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * A store where another writer changes the book right before each of our first {@code races} writes: before
     * a conditional {@link #update}, after our read, and before an atomic {@link #change}, before its lock.
     */
    private static final class InterferingRepository extends ForwardingBookRepository {

        /** What the other writer does; told which round it is, from 1. */
        interface Interference {
            void run(int round);
        }

        private final Interference interference;
        private int racesLeft;
        private int writes;

        InterferingRepository(BookRepository store, int races, Interference interference) {
            super(store);
            this.racesLeft = races;
            this.interference = interference;
        }

        int writes() {
            return writes;
        }

        @Override
        public Book update(Book revised, long expectedVersion) {
            interfere();
            return super.update(revised, expectedVersion);
        }

        @Override
        public Book change(BookId id, UnaryOperator<Book> revision) {
            interfere();
            return super.change(id, revision);
        }

        private void interfere() {
            writes++;
            if (racesLeft > 0) {
                racesLeft--;
                interference.run(writes);
            }
        }
    }
}
