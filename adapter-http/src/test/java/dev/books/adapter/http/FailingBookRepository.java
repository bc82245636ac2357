package dev.books.adapter.http;

import dev.books.domain.Actor;
import dev.books.domain.Book;
import dev.books.domain.BookId;
import dev.books.domain.BookPage;
import dev.books.domain.BookQuery;
import dev.books.domain.BookRepository;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** A repository with a bug: every call fails with a throwable full of internals no client should see. */
final class FailingBookRepository implements BookRepository {

    private final Supplier<? extends Throwable> failure;

    FailingBookRepository(Supplier<? extends Throwable> failure) {
        this.failure = failure;
    }

    /** Fails with an exception naming SQL, packages and classes. */
    static FailingBookRepository withBug() {
        return new FailingBookRepository(() -> new IllegalStateException(
                "SQL error in select * from books: org.postgresql.util.PSQLException at "
                        + "dev.books.adapter.postgres.JdbiBookRepository",
                new java.sql.SQLException("java.lang.Boom")));
    }

    /** Fails with a {@link Error}, which Javalin handles apart from exceptions. */
    static FailingBookRepository withError() {
        return new FailingBookRepository(() -> new AssertionError("invariant broken in org.example.Internal"));
    }

    private RuntimeException fail() {
        Throwable thrown = failure.get();
        if (thrown instanceof Error error) {
            throw error;
        }
        return (RuntimeException) thrown;
    }

    @Override
    public Book insert(Book book) {
        throw fail();
    }

    @Override
    public Optional<Book> findById(BookId id) {
        throw fail();
    }

    @Override
    public BookPage find(BookQuery query) {
        throw fail();
    }

    @Override
    public void forEachBook(Consumer<? super Book> action) {
        throw fail();
    }

    @Override
    public Book update(Book revised, long expectedVersion) {
        throw fail();
    }

    @Override
    public Book change(BookId id, UnaryOperator<Book> revision) {
        throw fail();
    }

    @Override
    public void delete(BookId id, OptionalLong expectedVersion, Actor actor) {
        throw fail();
    }
}
