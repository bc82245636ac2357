package dev.books.application;

import dev.books.domain.BookRepository;
import java.time.Clock;
import java.util.Objects;

/**
 * The one way in: hands out the use cases, wired to a {@link BookRepository} and a clock.
 * <pre>{@code
 * BookUseCases books = BookUseCases.using(new MyBookRepository(...), Clock.systemUTC());
 * Book created = books.createBook().create(new CreateBookCommand("Dune", "Frank Herbert", null, null, 1965));
 * }</pre>
 * The use cases are stateless and thread-safe; build this once and share it.
 */
public final class BookUseCases {

    private final CreateBook createBook;
    private final GetBook getBook;
    private final ListBooks listBooks;
    private final UpdateBook updateBook;
    private final DeleteBook deleteBook;

    private BookUseCases(BookRepository books, Clock clock) {
        this.createBook = new CreateBookService(books, clock);
        this.getBook = new GetBookService(books);
        this.listBooks = new ListBooksService(books);
        this.updateBook = new UpdateBookService(books, clock);
        this.deleteBook = new DeleteBookService(books);
    }

    public static BookUseCases using(BookRepository books, Clock clock) {
        return new BookUseCases(Objects.requireNonNull(books, "books"), Objects.requireNonNull(clock, "clock"));
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
}
