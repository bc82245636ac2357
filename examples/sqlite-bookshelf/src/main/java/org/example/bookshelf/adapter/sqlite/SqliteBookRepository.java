package org.example.bookshelf.adapter.sqlite;

import dev.books.domain.Actor;
import dev.books.domain.Book;
import dev.books.domain.BookBulkLoader;
import dev.books.domain.BookId;
import dev.books.domain.BookNotFoundException;
import dev.books.domain.BookPage;
import dev.books.domain.BookQuery;
import dev.books.domain.BookRepository;
import dev.books.domain.BulkLoad;
import dev.books.domain.Cursor;
import dev.books.domain.DuplicateBookException;
import dev.books.domain.StoreUnavailableException;
import dev.books.domain.VersionConflictException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.sqlite.SQLiteConfig;

/**
 * The Books catalogue in one SQLite file: a {@link BookRepository} and a {@link BookBulkLoader} that pass the
 * testkit's contract suites.
 *
 * <p>SQLite lets one connection write at a time, so this store writes through one connection, behind one lock:
 * writers of this process queue on it, and {@link #change} runs its revision while holding it, as PostgreSQL runs
 * it under a row lock. Each write that reads first is one {@code IMMEDIATE} transaction, so that it holds against
 * another process on the same file too. The uniqueness rules are the unique indexes'. {@link #forEachBook} reads on
 * a connection of its own: in WAL mode a read transaction sees the file as it stood when it began, while writers
 * go on.
 *
 * <p>Close it to close its connection.
 */
public final class SqliteBookRepository implements BookRepository, BookBulkLoader, AutoCloseable {

    private static final int BUSY_TIMEOUT_MILLIS = 5_000;

    private final String url;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock(true);
    /** The open bulk load, if any; guarded by {@link #lock}. */
    private SqliteLoad openLoad;

    private SqliteBookRepository(String url, Connection connection) {
        this.url = url;
        this.connection = connection;
    }

    /** Opens the catalogue in {@code file}, creating the file and its table if need be. */
    public static SqliteBookRepository open(Path file) {
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        try {
            Connection connection = config(SQLiteConfig.TransactionMode.IMMEDIATE).createConnection(url);
            try (Statement statement = connection.createStatement()) {
                for (String ddl : BookRows.SCHEMA) {
                    statement.execute(ddl);
                }
                Trigrams.register(connection);
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            return new SqliteBookRepository(url, connection);
        } catch (SQLException e) {
            throw SqliteFailures.translate(e);
        }
    }

    @Override
    public Book insert(Book book) {
        return writing(() -> {
            requireNotReserved(book);
            try (PreparedStatement insert = connection.prepareStatement(BookRows.INSERT)) {
                BookRows.bindInsert(insert, book);
                insert.executeUpdate();
                return book;
            } catch (SQLException e) {
                throw duplicateOrFailure(e, book);
            }
        });
    }

    @Override
    public Optional<Book> findById(BookId id) {
        return writing(() -> read(id));
    }

    @Override
    public BookPage find(BookQuery query) {
        return writing(() -> Queries.page(connection, query));
    }

    /** A snapshot: one read transaction on a connection of its own, while the action may write through this one. */
    @Override
    public void forEachBook(Consumer<? super Book> action) {
        try (Connection reader = config(SQLiteConfig.TransactionMode.DEFERRED).createConnection(url)) {
            reader.setAutoCommit(false);
            try (Statement statement = reader.createStatement();
                 ResultSet rows = statement.executeQuery(
                         "SELECT " + BookRows.COLUMNS + " FROM books ORDER BY created_at DESC, id DESC")) {
                while (rows.next()) {
                    action.accept(BookRows.read(rows));
                }
            } finally {
                reader.rollback();
            }
        } catch (SQLException e) {
            throw SqliteFailures.translate(e);
        }
    }

    @Override
    public Book update(Book revised, long expectedVersion) {
        return writing(() -> inTransaction(() -> write(revised, expectedVersion)));
    }

    @Override
    public Book change(BookId id, UnaryOperator<Book> revision) {
        return writing(() -> inTransaction(() -> {
            Book current = read(id).orElseThrow(() -> new BookNotFoundException(id));
            Book revised = revision.apply(current);
            if (revised.equals(current)) {
                return current;
            }
            if (!revised.isNextVersionOf(current)) {
                throw new IllegalArgumentException("a revision of book " + id + " returned neither it nor its next"
                        + " version");
            }
            return write(revised, current.version());
        }));
    }

    /** Who deleted the book is not kept here: this bookshelf has no history (the service's store keeps one). */
    @Override
    public void delete(BookId id, OptionalLong expectedVersion, Actor actor) {
        writing(() -> inTransaction(() -> {
            String sql = expectedVersion.isPresent() ? "DELETE FROM books WHERE id = ? AND version = ?"
                    : "DELETE FROM books WHERE id = ?";
            try (PreparedStatement delete = connection.prepareStatement(sql)) {
                delete.setString(1, id.toString());
                if (expectedVersion.isPresent()) {
                    delete.setLong(2, expectedVersion.getAsLong());
                }
                if (delete.executeUpdate() == 0) {
                    throw whyNothingChanged(id, expectedVersion);
                }
                return null;
            }
        }));
    }

    @Override
    public BulkLoad begin() {
        return writing(() -> {
            if (openLoad != null) {
                throw new StoreUnavailableException("another bulk load is in progress", null);
            }
            openLoad = new SqliteLoad(this);
            return openLoad;
        });
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw SqliteFailures.translate(e);
        }
    }

    // ------------------------------------------------------------------------ for SqliteLoad, under the lock

    /** The rule that a new book breaks against the stored books, ISBN first, or empty. */
    Optional<DuplicateBookException.Rule> ruleBrokenBy(Book book) throws SQLException {
        if (book.isbn().isPresent() && exists("SELECT 1 FROM books WHERE isbn = ? AND id <> ?",
                book.isbn().get().value(), book.id().toString())) {
            return Optional.of(DuplicateBookException.Rule.ISBN);
        }
        if (exists("SELECT 1 FROM books WHERE title_key = ? AND author_key = ? AND id <> ?",
                book.workKey().title(), book.workKey().author(), book.id().toString())) {
            return Optional.of(DuplicateBookException.Rule.TITLE_AND_AUTHOR);
        }
        return Optional.empty();
    }

    boolean isStored(BookId id) throws SQLException {
        return exists("SELECT 1 FROM books WHERE id = ?", id.toString());
    }

    /** Stores a load's kept books, all in one transaction. */
    void commit(List<Book> books) {
        writing(() -> inTransaction(() -> {
            try (PreparedStatement insert = connection.prepareStatement(BookRows.INSERT)) {
                for (Book book : books) {
                    BookRows.bindInsert(insert, book);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        }));
    }

    void ended(SqliteLoad load) {
        writing(() -> {
            if (openLoad == load) {
                openLoad = null;
            }
            return null;
        });
    }

    /** Runs a piece of work under the lock, with SQLite's failures translated. */
    <T> T writing(SqlWork<T> work) {
        lock.lock();
        try {
            return work.run();
        } catch (SQLException e) {
            throw SqliteFailures.translate(e);
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------------------------------- inside

    private Book write(Book revised, long expectedVersion) throws SQLException {
        requireNotReserved(revised);
        try (PreparedStatement update = connection.prepareStatement(BookRows.UPDATE)) {
            BookRows.bindUpdate(update, revised, expectedVersion);
            if (update.executeUpdate() == 0) {
                throw whyNothingChanged(revised.id(), OptionalLong.of(expectedVersion));
            }
            return revised;
        } catch (SQLException e) {
            throw duplicateOrFailure(e, revised);
        }
    }

    private Optional<Book> read(BookId id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + BookRows.COLUMNS + " FROM books WHERE id = ?")) {
            select.setString(1, id.toString());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(BookRows.read(row)) : Optional.empty();
            }
        }
    }

    /** A conditional write touched no row: the book is gone, or at another version. */
    private RuntimeException whyNothingChanged(BookId id, OptionalLong expectedVersion) throws SQLException {
        if (!isStored(id)) {
            return new BookNotFoundException(id);
        }
        return new VersionConflictException(id, expectedVersion.orElseThrow());
    }

    /** A unique index refused the book: which rule it broke, named as the domain names it. */
    private SQLException duplicateOrFailure(SQLException e, Book book) throws SQLException {
        if (SqliteFailures.isConstraintViolation(e)) {
            Optional<DuplicateBookException.Rule> rule = ruleBrokenBy(book);
            if (rule.isPresent()) {
                throw new DuplicateBookException(rule.get());
            }
            throw new IllegalStateException("id " + book.id() + " is already taken", e);
        }
        return e;
    }

    /** While a load is open, the ISBNs and works it kept are taken: a writer that comes for one is refused. */
    private void requireNotReserved(Book book) {
        if (openLoad != null) {
            openLoad.ruleReservedAgainst(book).ifPresent(rule -> {
                throw new DuplicateBookException(rule);
            });
        }
    }

    private <T> T inTransaction(SqlWork<T> work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private boolean exists(String sql, String... parameters) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setString(i + 1, parameters[i]);
            }
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    private static SQLiteConfig config(SQLiteConfig.TransactionMode transactions) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.setTransactionMode(transactions);
        return config;
    }

    /** Work against the database that may fail as JDBC does. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run() throws SQLException;
    }

    /** The page queries: recency order, or relevance order when searching. */
    private static final class Queries {

        private Queries() {
        }

        static BookPage page(Connection connection, BookQuery query) throws SQLException {
            List<Object> parameters = new ArrayList<>();
            StringBuilder where = new StringBuilder(" WHERE 1 = 1");
            query.title().ifPresent(title -> filter(where, parameters, "title_key", title.matchKey()));
            query.author().ifPresent(author -> filter(where, parameters, "author_key", author.matchKey()));
            query.category().ifPresent(category -> filter(where, parameters, "category_key", category.matchKey()));
            String sql;
            if (query.text().isPresent()) {
                List<Object> relevance = List.of(query.text().get().value());
                StringBuilder after = new StringBuilder(" WHERE relevance >= " + Trigrams.THRESHOLD);
                query.after().ifPresent(position -> {
                    Cursor.ByRelevance last = (Cursor.ByRelevance) position;
                    after.append(" AND (relevance < ? OR (relevance = ? AND id > ?))");
                    parameters.add((double) last.relevance());
                    parameters.add((double) last.relevance());
                    parameters.add(last.id().toString());
                });
                sql = "SELECT * FROM (SELECT " + BookRows.COLUMNS + ", " + Trigrams.FUNCTION
                        + "(title, author, ?) AS relevance FROM books" + where + ")" + after
                        + " ORDER BY relevance DESC, id ASC LIMIT ?";
                parameters.addAll(0, relevance);
            } else {
                query.after().ifPresent(position -> {
                    Cursor.ByRecency last = (Cursor.ByRecency) position;
                    where.append(" AND (created_at < ? OR (created_at = ? AND id < ?))");
                    parameters.add(BookRows.micros(last.createdAt()));
                    parameters.add(BookRows.micros(last.createdAt()));
                    parameters.add(last.id().toString());
                });
                sql = "SELECT " + BookRows.COLUMNS + " FROM books" + where
                        + " ORDER BY created_at DESC, id DESC LIMIT ?";
            }
            parameters.add(query.limit() + 1); // one more than the page: is there a next one?
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.size(); i++) {
                    select.setObject(i + 1, parameters.get(i));
                }
                return read(select, query);
            }
        }

        private static BookPage read(PreparedStatement select, BookQuery query) throws SQLException {
            List<Book> books = new ArrayList<>();
            float lastRelevance = 0f;
            boolean more = false;
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    if (books.size() == query.limit()) {
                        more = true;
                        break;
                    }
                    books.add(BookRows.read(rows));
                    if (query.isSearch()) {
                        lastRelevance = (float) rows.getDouble("relevance");
                    }
                }
            }
            if (!more) {
                return new BookPage(books, Optional.empty());
            }
            Book last = books.get(books.size() - 1);
            Cursor next = query.isSearch() ? new Cursor.ByRelevance(lastRelevance, last.id())
                    : new Cursor.ByRecency(last.createdAt(), last.id());
            return new BookPage(books, Optional.of(next));
        }

        private static void filter(StringBuilder where, List<Object> parameters, String column, String key) {
            where.append(" AND ").append(column).append(" = ?");
            parameters.add(key);
        }
    }
}
