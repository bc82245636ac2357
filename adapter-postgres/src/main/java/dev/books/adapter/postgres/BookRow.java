package dev.books.adapter.postgres;

import dev.books.domain.Actor;
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
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * A row of the {@code books} table, described once: {@link Column} lists the columns in table order, each with the
 * type it travels as and how its value is taken from a {@link Book} (the match keys as the domain computes them,
 * the search words as {@link SearchDictionary#wordsOf} spells them). The statements' column lists, the binding of
 * parameters, the reading of results and the rows of a {@code COPY} all walk that list, so a new column is a new
 * constant there and, unless only written, its place in {@link #toBook()}.
 *
 * <p>Not for migrations: a migration is written against the table as it was at its version, and a column added
 * later would break it (see {@link NormalizeStoredText}).
 */
final class BookRow {

    /** How a column is written and read. */
    private enum Use {
        /** Written by every INSERT and UPDATE, and read back. */
        ALWAYS,
        /** Written by the INSERT and never again (an UPDATE leaves it as it is), and read back. */
        SET_ONCE,
        /** Written by every INSERT and UPDATE, never read back: derived from the other columns, for the indexes. */
        WRITE_ONLY
    }

    /**
     * The columns, in table order. A column's SQL name is the constant's name in lower case ({@code published_year}),
     * its statement parameter the same in camelCase ({@code :publishedYear}). Timestamps travel as
     * {@code OffsetDateTime} in UTC, which pgjdbc binds as {@code timestamptz} without the JVM's time zone.
     */
    enum Column {
        ID(UUID.class, Types.OTHER, book -> book.id().value(), Use.SET_ONCE),
        TITLE(String.class, Types.VARCHAR, book -> book.title().value()),
        AUTHOR(String.class, Types.VARCHAR, book -> book.author().value()),
        CATEGORY(String.class, Types.VARCHAR, book -> book.category().map(Category::value).orElse(null)),
        ISBN(String.class, Types.VARCHAR, book -> book.isbn().map(Isbn::value).orElse(null)),
        PUBLISHED_YEAR(Integer.class, Types.INTEGER,
                book -> book.publishedYear().map(PublicationYear::value).orElse(null)),
        VERSION(Long.class, Types.BIGINT, Book::version),
        CREATED_AT(OffsetDateTime.class, Types.TIMESTAMP_WITH_TIMEZONE,
                book -> book.createdAt().atOffset(ZoneOffset.UTC), Use.SET_ONCE),
        UPDATED_AT(OffsetDateTime.class, Types.TIMESTAMP_WITH_TIMEZONE,
                book -> book.updatedAt().atOffset(ZoneOffset.UTC)),
        TITLE_KEY(String.class, Types.VARCHAR, book -> book.title().matchKey()),
        AUTHOR_KEY(String.class, Types.VARCHAR, book -> book.author().matchKey()),
        CATEGORY_KEY(String.class, Types.VARCHAR, book -> book.category().map(Category::matchKey).orElse(null)),
        CREATED_BY(String.class, Types.VARCHAR, book -> book.createdBy().name(), Use.SET_ONCE),
        UPDATED_BY(String.class, Types.VARCHAR, book -> book.updatedBy().name()),
        /** Null where PostgreSQL must compute the words itself (V7, ADR 0022). */
        SEARCH_WORDS(String[].class, Types.ARRAY,
                book -> SearchDictionary.wordsOf(book.title().matchKey(), book.author().matchKey()), Use.WRITE_ONLY);

        private final Class<?> type;
        private final int sqlType;
        private final Function<Book, Object> value;
        private final Use use;
        private final String sqlName = name().toLowerCase(Locale.ROOT);
        private final String parameter = camelCase(sqlName);

        Column(Class<?> type, int sqlType, Function<Book, Object> value) {
            this(type, sqlType, value, Use.ALWAYS);
        }

        Column(Class<?> type, int sqlType, Function<Book, Object> value, Use use) {
            this.type = type;
            this.sqlType = sqlType;
            this.value = value;
            this.use = use;
        }

        /**
         * {@code value} as this column's statement argument, set straight on the JDBC statement: JDBI's search of
         * its argument factories for the value's type is per bind and per request, and the type is known here.
         * pgjdbc sends a {@code UUID} as {@code uuid} and an {@code OffsetDateTime} as {@code timestamptz}.
         */
        Argument argument(Object value) {
            if (value == null) {
                return (position, statement, context) -> statement.setNull(position, sqlType);
            }
            return (position, statement, context) -> statement.setObject(position, value);
        }

        private static String camelCase(String snakeCase) {
            StringBuilder camel = new StringBuilder(snakeCase.length());
            boolean upper = false;
            for (char c : snakeCase.toCharArray()) {
                if (c == '_') {
                    upper = true;
                } else {
                    camel.append(upper ? Character.toUpperCase(c) : c);
                    upper = false;
                }
            }
            return camel.toString();
        }
    }

    private static final Column[] ALL = Column.values();
    /** The columns read back: every column but the write-only ones, in table order. */
    private static final Column[] READ = Arrays.stream(ALL).filter(column -> column.use != Use.WRITE_ONLY)
            .toArray(Column[]::new);

    /** The columns read back, in table order: what each statement returns, a book. */
    static final String COLUMNS = join(READ, column -> column.sqlName);
    /** Every column, in table order: what an INSERT and a {@code COPY} write. */
    static final String WRITTEN_COLUMNS = join(ALL, column -> column.sqlName);
    /** A parameter for every column, in the same order: {@code :id, :title, …}. */
    static final String PARAMETERS = join(ALL, column -> ":" + column.parameter);
    /** What an UPDATE writes: every column but those set once, from its parameter ({@code title = :title, …}). */
    static final String ASSIGNMENTS = Arrays.stream(ALL).filter(column -> column.use != Use.SET_ONCE)
            .map(column -> column.sqlName + " = :" + column.parameter).collect(Collectors.joining(", "));

    /** One value per column, in {@link Column} order. */
    private final Object[] values;

    private BookRow(Object[] values) {
        this.values = values;
    }

    static BookRow of(Book book) {
        Object[] values = new Object[ALL.length];
        for (Column column : ALL) {
            values[column.ordinal()] = column.value.apply(book);
        }
        return new BookRow(values);
    }

    /**
     * The row's first {@link #COLUMNS}, by position: every statement of this adapter selects or returns them first,
     * in that order (a search adds its relevance after them). By position, not by name, because pgjdbc builds a map
     * of the result's column names for the first lookup by name, once per result set: per request.
     */
    static BookRow read(ResultSet rs) throws SQLException {
        Object[] values = new Object[ALL.length];
        for (int i = 0; i < READ.length; i++) {
            values[READ[i].ordinal()] = rs.getObject(i + 1, READ[i].type);
        }
        return new BookRow(values);
    }

    /** The stored book, rebuilt through the domain's "stored book" door; the match keys are the domain's to compute. */
    Book toBook() {
        BookDetails details = new BookDetails(
                new Title((String) get(Column.TITLE)),
                new Author((String) get(Column.AUTHOR)),
                Optional.ofNullable((String) get(Column.CATEGORY)).map(Category::new),
                Optional.ofNullable((String) get(Column.ISBN)).map(Isbn::new),
                Optional.ofNullable((Integer) get(Column.PUBLISHED_YEAR)).map(PublicationYear::new));
        return new Book(new BookId((UUID) get(Column.ID)), details, (Long) get(Column.VERSION),
                ((OffsetDateTime) get(Column.CREATED_AT)).toInstant(),
                ((OffsetDateTime) get(Column.UPDATED_AT)).toInstant(),
                new Actor((String) get(Column.CREATED_BY)), new Actor((String) get(Column.UPDATED_BY)));
    }

    /** Binds every column to its parameter, typed (so that a null is a null of the column's type). */
    <S extends SqlStatement<S>> S bindTo(S statement) {
        for (Column column : ALL) {
            statement.bind(column.parameter, column.argument(values[column.ordinal()]));
        }
        return statement;
    }

    /**
     * Appends a book's columns to the {@code COPY} row being written, in {@link #WRITTEN_COLUMNS} order (the caller
     * ends the row): straight from the book, without building a row first, since a load writes a million of them.
     */
    static CopyText copy(Book book, CopyText rows) {
        for (Column column : ALL) {
            Object value = column.value.apply(book);
            if (column.type == String.class) {
                rows.text((String) value);
            } else if (column.type == String[].class) {
                rows.words((String[]) value);
            } else {
                rows.plain(value);
            }
        }
        return rows;
    }

    private Object get(Column column) {
        return values[column.ordinal()];
    }

    private static String join(Column[] columns, Function<Column, String> part) {
        return Arrays.stream(columns).map(part).collect(Collectors.joining(", "));
    }
}
