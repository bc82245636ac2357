package dev.books.adapter.postgres;

import dev.books.domain.Author;
import dev.books.domain.Book;
import dev.books.domain.BookDetails;
import dev.books.domain.BookId;
import dev.books.domain.Category;
import dev.books.domain.Isbn;
import dev.books.domain.PublicationYear;
import dev.books.domain.Title;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * A row of the {@code books} table, column for column: how a {@link Book} is written (with the match keys the
 * domain computes) and rebuilt. Timestamps travel as {@code OffsetDateTime} in UTC, which pgjdbc binds as
 * {@code timestamptz} without going through the JVM's time zone.
 */
record BookRow(
        UUID id,
        String title,
        String author,
        String category,
        String isbn,
        Integer publishedYear,
        long version,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        String titleKey,
        String authorKey,
        String categoryKey) {

    /** Every column, in table order: what each statement returns. */
    static final String COLUMNS = "id, title, author, category, isbn, published_year, version, created_at, "
            + "updated_at, title_key, author_key, category_key";

    static BookRow of(Book book) {
        return new BookRow(
                book.id().value(),
                book.title().value(),
                book.author().value(),
                book.category().map(Category::value).orElse(null),
                book.isbn().map(Isbn::value).orElse(null),
                book.publishedYear().map(PublicationYear::value).orElse(null),
                book.version(),
                book.createdAt().atOffset(ZoneOffset.UTC),
                book.updatedAt().atOffset(ZoneOffset.UTC),
                book.title().matchKey(),
                book.author().matchKey(),
                book.category().map(Category::matchKey).orElse(null));
    }

    static BookRow read(ResultSet rs) throws SQLException {
        return new BookRow(
                rs.getObject("id", UUID.class),
                rs.getString("title"),
                rs.getString("author"),
                rs.getString("category"),
                rs.getString("isbn"),
                rs.getObject("published_year", Integer.class),
                rs.getLong("version"),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class),
                rs.getString("title_key"),
                rs.getString("author_key"),
                rs.getString("category_key"));
    }

    /** The stored book, rebuilt through the domain's "stored book" door. */
    Book toBook() {
        BookDetails details = new BookDetails(
                new Title(title),
                new Author(author),
                Optional.ofNullable(category).map(Category::new),
                Optional.ofNullable(isbn).map(Isbn::new),
                Optional.ofNullable(publishedYear).map(PublicationYear::new));
        return new Book(new BookId(id), details, version, createdAt.toInstant(), updatedAt.toInstant());
    }

    /** Binds every column to the parameter of the same name in camelCase ({@code :publishedYear}…). */
    <S extends SqlStatement<S>> S bindTo(S statement) {
        return statement
                .bind("id", id)
                .bind("title", title)
                .bind("author", author)
                .bind("category", category)
                .bind("isbn", isbn)
                .bind("publishedYear", publishedYear)
                .bind("version", version)
                .bind("createdAt", createdAt)
                .bind("updatedAt", updatedAt)
                .bind("titleKey", titleKey)
                .bind("authorKey", authorKey)
                .bind("categoryKey", categoryKey);
    }
}
