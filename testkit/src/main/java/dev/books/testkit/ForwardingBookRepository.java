package dev.books.testkit;

import dev.books.domain.Actor;
import dev.books.domain.Book;
import dev.books.domain.BookId;
import dev.books.domain.BookPage;
import dev.books.domain.BookQuery;
import dev.books.domain.BookRepository;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A {@link BookRepository} that hands every call to another one. Extend it and override only what a test double
 * changes (a slow read, a failing write, a writer that interferes), so that the double says what it is about and
 * does not have to change when the port grows.
 * <pre>{@code
 * BookRepository failingWrites = new ForwardingBookRepository(new InMemoryBookRepository()) {
 *     @Override
 *     public Book insert(Book book) {
 *         throw new StoreUnavailableException("statement timeout", null);
 *     }
 * };
 * }</pre>
 */
public abstract class ForwardingBookRepository implements BookRepository {

    private final BookRepository delegate;

    protected ForwardingBookRepository(BookRepository delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The repository every call not overridden goes to. */
    protected final BookRepository delegate() {
        return delegate;
    }

    @Override
    public Book insert(Book book) {
        return delegate.insert(book);
    }

    @Override
    public Optional<Book> findById(BookId id) {
        return delegate.findById(id);
    }

    @Override
    public BookPage find(BookQuery query) {
        return delegate.find(query);
    }

    @Override
    public void forEachBook(Consumer<? super Book> action) {
        delegate.forEachBook(action);
    }

    @Override
    public Book update(Book revised, long expectedVersion) {
        return delegate.update(revised, expectedVersion);
    }

    @Override
    public Book change(BookId id, UnaryOperator<Book> revision) {
        return delegate.change(id, revision);
    }

    @Override
    public void delete(BookId id, OptionalLong expectedVersion, Actor actor) {
        delegate.delete(id, expectedVersion, actor);
    }
}
