package dev.books.adapter.postgres;

import dev.books.domain.Actor;
import dev.books.domain.Book;
import dev.books.domain.BookId;
import dev.books.domain.BookNotFoundException;
import dev.books.domain.BookPage;
import dev.books.domain.BookQuery;
import dev.books.domain.BookRepository;
import dev.books.domain.Cursor;
import dev.books.domain.VersionConflictException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * The {@link BookRepository} over PostgreSQL: one statement per operation, in autocommit, but for two
 * transactions: {@link #forEachBook}, one read-only transaction of many short reads, and {@link #change}, a row
 * lock, the revision and the write. The database enforces the uniqueness rules (unique constraints) and the
 * version checks (conditional UPDATE/DELETE), atomically with the write; failures are given their domain meaning
 * by {@link SqlFailures}.
 *
 * <p>Package-private: {@link PostgresDatabase} hands it out, on a pool whose sessions carry the settings the
 * search relies on (no JIT, no parallel workers: ADR 0016) and the statement timeout.
 */
final class JdbiBookRepository implements BookRepository {

    /** Inserts the book and adds its search words to the dictionary (ADR 0021), in one statement. */
    static final String INSERT = SearchDictionary.withWordsOf("INSERT INTO books (" + BookRow.WRITTEN_COLUMNS + ")"
            + "\nVALUES (" + BookRow.PARAMETERS + ")\nRETURNING " + BookRow.COLUMNS, BookRow.COLUMNS);

    static final String FIND_BY_ID = "SELECT " + BookRow.COLUMNS + " FROM books WHERE id = :id";

    /** Reads the book and locks its row against other writers until the transaction ends. */
    static final String FIND_FOR_UPDATE = FIND_BY_ID + " FOR UPDATE";

    /**
     * Writes every column but those set once ({@code id}, {@code created_at}), if the version is the expected one,
     * and adds the book's search words to the dictionary (ADR 0021) in the same statement.
     */
    static final String UPDATE = SearchDictionary.withWordsOf("UPDATE books\nSET " + BookRow.ASSIGNMENTS
            + "\nWHERE id = :id AND version = :expectedVersion\nRETURNING " + BookRow.COLUMNS, BookRow.COLUMNS);

    /**
     * Deletes the book and keeps its trace in one statement, so there is no deletion without a trace; the version
     * condition is dropped when the caller names none ({@code :anyVersion}).
     */
    static final String DELETE = """
            WITH gone AS (
                DELETE FROM books WHERE id = :id AND (:anyVersion OR version = :expectedVersion)
                RETURNING id, version, title, author)
            INSERT INTO book_deletions (id, version, title, author, deleted_by)
            SELECT id, version, title, author, :deletedBy FROM gone""";

    /** Only after a conditional write touched no row: tells "no such book" from "another version". */
    static final String VERSION_OF = "SELECT version FROM books WHERE id = :id";

    /** Books read per statement by {@link #forEachBook}: few round trips, flat memory. */
    static final int SNAPSHOT_PAGE = 1_000;

    private static final RowMapper<Book> BOOKS = (rs, ctx) -> BookRow.read(rs).toBook();
    private static final RowMapper<Ranked> RANKED =
            (rs, ctx) -> new Ranked(BookRow.read(rs).toBook(), rs.getFloat("relevance"));

    private final Jdbi jdbi;

    JdbiBookRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Book insert(Book book) {
        return call(handle -> BookRow.of(book).bindTo(handle.createQuery(INSERT)).map(BOOKS).one());
    }

    @Override
    public Optional<Book> findById(BookId id) {
        return call(handle -> findById(handle, id));
    }

    @Override
    public BookPage find(BookQuery query) {
        return call(handle -> find(handle, query));
    }

    /** {@link #findById} on a handle of the caller's: the read replica's reads share the statements. */
    static Optional<Book> findById(Handle handle, BookId id) {
        return handle.createQuery(FIND_BY_ID).bind("id", BookRow.Column.ID.argument(id.value())).map(BOOKS).findOne();
    }

    /** {@link #find} on a handle of the caller's. */
    static BookPage find(Handle handle, BookQuery query) {
        PageStatement statement = PageStatement.of(query, SearchDictionary.on(handle));
        return statement.ranked()
                ? rankedSlice(handle, statement, query.limit())
                : recencySlice(handle, statement, query.limit());
    }

    /**
     * Reads the books newest first, a page per statement, all inside one read-only {@code REPEATABLE READ}
     * transaction: every page sees the snapshot the first one saw, and no statement runs long enough to meet
     * the statement timeout however large the catalogue.
     *
     * <p>The handle is opened with {@link Jdbi#open()}, not {@code withHandle}: JDBI lends a thread's open handle to
     * nested {@code withHandle} calls, and the action's own calls to this repository must not run inside the
     * read-only snapshot.
     */
    @Override
    public void forEachBook(Consumer<? super Book> action) {
        try (Handle handle = jdbi.open()) {
            forEachBook(handle, action);
        } catch (JdbiException e) {
            throw SqlFailures.toDomain(e);
        }
    }

    /** {@link #forEachBook} on a handle of the caller's, not in a transaction yet. */
    static void forEachBook(Handle handle, Consumer<? super Book> action) {
        handle.useTransaction(TransactionIsolationLevel.REPEATABLE_READ, snapshot -> {
            snapshot.execute("SET TRANSACTION READ ONLY");
            BookQuery query = BookQuery.newest(SNAPSHOT_PAGE);
            while (true) {
                BookPage page = recencySlice(snapshot, PageStatement.of(query, SearchDictionary.on(snapshot)),
                        query.limit());
                page.books().forEach(action);
                if (page.next().isEmpty()) {
                    return;
                }
                query = query.after(page.next().get());
            }
        });
    }

    @Override
    public Book update(Book revised, long expectedVersion) {
        return call(handle -> BookRow.of(revised).bindTo(handle.createQuery(UPDATE))
                .bind("expectedVersion", expectedVersion)
                .map(BOOKS)
                .findOne()
                .orElseThrow(() -> whyNotWritten(handle, revised.id(), expectedVersion)));
    }

    /**
     * One {@code READ COMMITTED} transaction: {@code SELECT … FOR UPDATE} locks the row (a writer already holding
     * it is waited for, within the statement timeout), the revision runs, the {@code UPDATE} writes on the same
     * connection, the commit releases the lock. The isolation is named rather than inherited: after waiting for the
     * lock, {@code READ COMMITTED} reads the row as the other writer committed it, where a stricter default would
     * fail with a serialization error and refuse the very race this method exists to absorb. The conditional
     * {@code UPDATE} cannot miss under the lock; its condition stays as a guard. Any exception rolls back.
     */
    @Override
    public Book change(BookId id, UnaryOperator<Book> revision) {
        try {
            return jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, handle -> {
                Book current = handle.createQuery(FIND_FOR_UPDATE).bind("id", id.value()).map(BOOKS).findOne()
                        .orElseThrow(() -> new BookNotFoundException(id));
                Book revised = revision.apply(current);
                if (revised.equals(current)) {
                    return current;
                }
                if (!revised.isNextVersionOf(current)) {
                    throw new IllegalArgumentException(
                            "a revision of book " + id + " returned neither it nor its next version");
                }
                return BookRow.of(revised).bindTo(handle.createQuery(UPDATE))
                        .bind("expectedVersion", current.version())
                        .map(BOOKS)
                        .findOne()
                        .orElseThrow(() -> new IllegalStateException("book " + id + " changed under its row lock"));
            });
        } catch (JdbiException e) {
            throw SqlFailures.toDomain(e);
        }
    }

    @Override
    public void delete(BookId id, OptionalLong expectedVersion, Actor actor) {
        call(handle -> {
            int deleted = handle.createUpdate(DELETE)
                    .bind("id", id.value())
                    .bind("anyVersion", expectedVersion.isEmpty())
                    .bind("expectedVersion", expectedVersion.orElse(0))
                    .bind("deletedBy", actor.name())
                    .execute();
            if (deleted == 0) {
                throw expectedVersion.isPresent()
                        ? whyNotWritten(handle, id, expectedVersion.getAsLong())
                        : new BookNotFoundException(id);
            }
            return null;
        });
    }

    private static BookPage recencySlice(Handle handle, PageStatement statement, int limit) {
        List<Book> rows = handle.createQuery(statement.sql()).bindMap(statement.parameters()).map(BOOKS).list();
        if (rows.size() <= limit) {
            return new BookPage(rows, Optional.empty());
        }
        Book last = rows.get(limit - 1);
        return new BookPage(rows.subList(0, limit),
                Optional.of(new Cursor.ByRecency(last.createdAt(), last.id())));
    }

    private static BookPage rankedSlice(Handle handle, PageStatement statement, int limit) {
        List<Ranked> rows = handle.createQuery(statement.sql()).bindMap(statement.parameters()).map(RANKED).list();
        List<Book> books = rows.stream().limit(limit).map(Ranked::book).toList();
        if (rows.size() <= limit) {
            return new BookPage(books, Optional.empty());
        }
        Ranked last = rows.get(limit - 1);
        return new BookPage(books, Optional.of(new Cursor.ByRelevance(last.relevance(), last.book().id())));
    }

    /** The refusal for a conditional write that touched no row. */
    private static RuntimeException whyNotWritten(Handle handle, BookId id, long expectedVersion) {
        boolean exists = handle.createQuery(VERSION_OF).bind("id", id.value()).mapTo(Long.class).findOne()
                .isPresent();
        return exists ? new VersionConflictException(id, expectedVersion) : new BookNotFoundException(id);
    }

    private <T> T call(HandleCallback<T, RuntimeException> work) {
        return SqlFailures.withHandle(jdbi, work);
    }

    /** A search hit: the book and its relevance as the database computed it. */
    private record Ranked(Book book, float relevance) {
    }
}
