package dev.books.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.books.domain.Actor;
import dev.books.domain.Book;
import dev.books.domain.BookRepository;
import dev.books.domain.DuplicateBookException;
import dev.books.domain.StoreUnavailableException;
import dev.books.testkit.BookRepositoryContract;
import dev.books.testkit.InMemoryBookRepository;
import java.util.Map;
import java.util.OptionalLong;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

/**
 * The repository contract against real PostgreSQL, plus what only a real database can get wrong. The pool has a
 * connection per racer, so the concurrency tests race in the database rather than queue for connections.
 */
class JdbiBookRepositoryTest extends BookRepositoryContract {

    private static MigratedTestDatabase testDatabase;
    private static PostgresDatabase database;
    private static Jdbi jdbi;

    @BeforeAll
    static void createDatabase() {
        testDatabase = MigratedTestDatabase.create(RACERS);
        database = testDatabase.database();
        jdbi = testDatabase.jdbi();
    }

    @AfterAll
    static void dropDatabase() {
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    @Override
    protected BookRepository emptyRepository() {
        jdbi.useHandle(handle -> handle.execute("TRUNCATE books"));
        return database.bookRepository();
    }

    @Test
    void a_deletion_leaves_a_trace_naming_the_book_its_version_and_who_deleted_it() {
        Book book = stored("Gone Tomorrow", "Lee Child");
        truncateDeletions();

        repository.delete(book.id(), OptionalLong.of(book.version()), new Actor("key:curator"));

        Map<String, Object> trace = jdbi.withHandle(handle -> handle.createQuery(
                "SELECT id, version, title, author, deleted_by FROM book_deletions").mapToMap().one());
        assertThat(trace).containsEntry("id", book.id().value()).containsEntry("version", book.version())
                .containsEntry("title", "Gone Tomorrow").containsEntry("author", "Lee Child")
                .containsEntry("deleted_by", "key:curator");
    }

    @Test
    void a_refused_deletion_leaves_no_trace() {
        Book book = stored("Still Here", "Someone");
        truncateDeletions();

        catchThrowable(() -> repository.delete(book.id(), OptionalLong.of(book.version() + 1), new Actor("key:x")));

        long traces = jdbi.withHandle(handle -> handle.createQuery("SELECT count(*) FROM book_deletions")
                .mapTo(Long.class).one());
        assertThat(traces).isZero();
    }

    private static void truncateDeletions() {
        jdbi.useHandle(handle -> handle.execute("TRUNCATE book_deletions"));
    }

    @Test
    void a_unique_violation_of_another_constraint_is_a_bug_not_a_duplicate() {
        Book book = stored("Twice Stored", "Same Id");

        Throwable failure = catchThrowable(() -> repository.insert(book));

        assertThat(failure).isNotInstanceOf(DuplicateBookException.class)
                .isNotInstanceOf(StoreUnavailableException.class)
                .hasRootCauseInstanceOf(PSQLException.class);
        PSQLException cause = (PSQLException) rootCause(failure);
        assertThat(cause.getSQLState()).isEqualTo("23505");
        assertThat(cause.getServerErrorMessage().getConstraint()).isEqualTo("books_pkey");
    }

    @Test
    void a_book_breaking_both_rules_is_refused_by_the_isbn_rule_as_the_fake_refuses_it() {
        Book first = newBook("Dune", "Frank Herbert", null, "9780441013593", 1965);
        Book both = newBook("DUNE", "frank herbert", null, "9780441013593", 1965);
        InMemoryBookRepository fake = new InMemoryBookRepository();
        fake.insert(first);
        repository.insert(first);

        DuplicateBookException fromFake = duplicateFrom(() -> fake.insert(both));
        DuplicateBookException fromDatabase = duplicateFrom(() -> repository.insert(both));

        assertThat(fromDatabase.rule()).isEqualTo(fromFake.rule()).isEqualTo(DuplicateBookException.Rule.ISBN);
    }

    @Test
    void the_violated_constraint_is_known_although_the_offending_values_stay_out_of_the_message() {
        stored("Kept Out Of Logs", "Careful Author");
        Book sameWork = newBook("kept out of logs", "careful author");

        assertThatThrownBy(() -> jdbi.useHandle(handle ->
                BookRow.of(sameWork).bindTo(handle.createUpdate(JdbiBookRepository.INSERT)).execute()))
                .isInstanceOfSatisfying(UnableToExecuteStatementException.class, e -> {
                    PSQLException cause = (PSQLException) e.getCause();
                    assertThat(cause.getServerErrorMessage().getConstraint()).isEqualTo("books_work_unique");
                    assertThat(cause.getServerErrorMessage().getDetail()).contains("kept out of logs");
                    assertThat(cause.getMessage()).doesNotContain("kept out of logs");
                });
    }

    private static DuplicateBookException duplicateFrom(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(DuplicateBookException.class);
        return (DuplicateBookException) thrown;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
