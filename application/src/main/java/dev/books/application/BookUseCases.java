package dev.books.application;

import dev.books.domain.BookReads;
import dev.books.domain.BookRepository;
import dev.books.domain.ConsistencyTokens;
import java.time.Clock;
import java.util.Objects;

/**
 * The one way in: hands out the use cases, wired to a {@link BookRepository} and a clock.
 * <pre>{@code
 * BookUseCases books = BookUseCases.using(new MyBookRepository(...), Clock.systemUTC());
 * Book created = books.createBook().create(new CreateBookCommand("Dune", "Frank Herbert", null, null, 1965));
 * }</pre>
 * A store with read replicas is wired with {@link #using(BookRepository, BookReads, ConsistencyTokens, Clock)}: the
 * use cases that only read ({@link GetBook}, {@link ListBooks}) read from its {@link BookReads}, everything that
 * writes, and every read that decides a write (the version check of an update), from the repository.
 * The use cases are stateless and thread-safe; build this once and share it.
 */
public final class BookUseCases {

    private final CreateBook createBook;
    private final GetBook getBook;
    private final ListBooks listBooks;
    private final UpdateBook updateBook;
    private final DeleteBook deleteBook;
    private final ConsistentReads consistentReads;

    private BookUseCases(BookRepository books, BookReads reads, ConsistencyTokens tokens, Clock clock) {
        this.createBook = new CreateBookService(books, clock);
        this.getBook = new GetBookService(reads);
        this.listBooks = new ListBooksService(reads);
        this.updateBook = new UpdateBookService(books, clock);
        this.deleteBook = new DeleteBookService(books);
        this.consistentReads = new ConsistentReadsService(tokens);
    }

    /** Over one store that reads what it writes: every use case uses {@code books}, and no token is issued. */
    public static BookUseCases using(BookRepository books, Clock clock) {
        return using(books, books, ConsistencyTokens.NONE, clock);
    }

    /**
     * Over a store whose reads may be answered by copies that trail its writes (read replicas): {@link GetBook} and
     * {@link ListBooks} read from {@code reads}, the rest use {@code books}, and {@link #consistentReads()} hands out
     * and takes back the store's {@code tokens}.
     */
    public static BookUseCases using(BookRepository books, BookReads reads, ConsistencyTokens tokens, Clock clock) {
        return new BookUseCases(Objects.requireNonNull(books, "books"), Objects.requireNonNull(reads, "reads"),
                Objects.requireNonNull(tokens, "tokens"), Objects.requireNonNull(clock, "clock"));
    }

    public CreateBook createBook() {
        return createBook;
    }

    public GetBook getBook() {
        return getBook;
    }

    public ListBooks listBooks() {
        return listBooks;
    }

    public UpdateBook updateBook() {
        return updateBook;
    }

    public DeleteBook deleteBook() {
        return deleteBook;
    }

    public ConsistentReads consistentReads() {
        return consistentReads;
    }
}
