package org.example.bookshelf.adapter.sqlite;

import dev.books.domain.Actor;
import dev.books.domain.Author;
import dev.books.domain.Book;
import dev.books.domain.BookDetails;
import dev.books.domain.BookId;
import dev.books.domain.Category;
import dev.books.domain.Isbn;
import dev.books.domain.PublicationYear;
import dev.books.domain.Title;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code books} table: its schema, and a book written to and read from a row. Text is stored as the domain
 * normalised it, next to the match keys the uniqueness rules and the exact filters compare; times as microseconds
 * since the epoch (the precision a book keeps); ids as their canonical text, whose order is the ids' order.
 */
final class BookRows {

    static final String[] SCHEMA = {
        """
        CREATE TABLE IF NOT EXISTS books (
            id             TEXT    PRIMARY KEY,
            title          TEXT    NOT NULL,
            author         TEXT    NOT NULL,
            category       TEXT,
            isbn           TEXT,
            published_year INTEGER,
            title_key      TEXT    NOT NULL,
            author_key     TEXT    NOT NULL,
            category_key   TEXT,
            version        INTEGER NOT NULL,
            created_at     INTEGER NOT NULL,
            updated_at     INTEGER NOT NULL,
            created_by     TEXT    NOT NULL,
            updated_by     TEXT    NOT NULL
        ) STRICT""",
        // The two uniqueness rules live in the store, so that they hold however many writers there are.
        "CREATE UNIQUE INDEX IF NOT EXISTS books_isbn ON books (isbn)",
        "CREATE UNIQUE INDEX IF NOT EXISTS books_work ON books (title_key, author_key)",
        "CREATE INDEX IF NOT EXISTS books_newest ON books (created_at DESC, id DESC)"
    };

    static final String COLUMNS = "id, title, author, category, isbn, published_year, title_key, author_key,"
            + " category_key, version, created_at, updated_at, created_by, updated_by";

    static final String INSERT = "INSERT INTO books (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** Every column but the id and the creation (time and author), which never change; then the id and version. */
    static final String UPDATE = "UPDATE books SET title = ?, author = ?, category = ?, isbn = ?, published_year = ?,"
            + " title_key = ?, author_key = ?, category_key = ?, version = ?, updated_at = ?, updated_by = ?"
            + " WHERE id = ? AND version = ?";

    private BookRows() {
    }

    static void bindInsert(PreparedStatement statement, Book book) throws SQLException {
        statement.setString(1, book.id().toString());
        bindDetails(statement, 2, book);
        statement.setLong(10, book.version());
        statement.setLong(11, micros(book.createdAt()));
        statement.setLong(12, micros(book.updatedAt()));
        statement.setString(13, book.createdBy().name());
        statement.setString(14, book.updatedBy().name());
    }

    static void bindUpdate(PreparedStatement statement, Book revised, long expectedVersion) throws SQLException {
        bindDetails(statement, 1, revised);
        statement.setLong(9, revised.version());
        statement.setLong(10, micros(revised.updatedAt()));
        statement.setString(11, revised.updatedBy().name());
        statement.setString(12, revised.id().toString());
        statement.setLong(13, expectedVersion);
    }

    /** The eight columns from {@code title} to {@code category_key}, starting at {@code first}. */
    private static void bindDetails(PreparedStatement statement, int first, Book book) throws SQLException {
        statement.setString(first, book.title().value());
        statement.setString(first + 1, book.author().value());
        setNullable(statement, first + 2, book.category().map(Category::value));
        setNullable(statement, first + 3, book.isbn().map(Isbn::value));
        if (book.publishedYear().isPresent()) {
            statement.setInt(first + 4, book.publishedYear().get().value());
        } else {
            statement.setNull(first + 4, Types.INTEGER);
        }
        statement.setString(first + 5, book.title().matchKey());
        statement.setString(first + 6, book.author().matchKey());
        setNullable(statement, first + 7, book.category().map(Category::matchKey));
    }

    /** The book in the current row, read by column name (a query may add columns of its own). */
    static Book read(ResultSet row) throws SQLException {
        int year = row.getInt("published_year");
        Optional<PublicationYear> publishedYear = row.wasNull() ? Optional.empty()
                : Optional.of(new PublicationYear(year));
        BookDetails details = new BookDetails(
                new Title(row.getString("title")),
                new Author(row.getString("author")),
                Optional.ofNullable(row.getString("category")).map(Category::new),
                Optional.ofNullable(row.getString("isbn")).map(Isbn::new),
                publishedYear);
        return new Book(new BookId(UUID.fromString(row.getString("id"))), details, row.getLong("version"),
                instant(row.getLong("created_at")), instant(row.getLong("updated_at")),
                new Actor(row.getString("created_by")), new Actor(row.getString("updated_by")));
    }

    static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    private static void setNullable(PreparedStatement statement, int index, Optional<String> value)
            throws SQLException {
        if (value.isPresent()) {
            statement.setString(index, value.get());
        } else {
            statement.setNull(index, Types.VARCHAR);
        }
    }
}
