package dev.books.application;

import dev.books.domain.BookRepository;
import java.time.Clock;

/**
 * Planted: a class of ours declared in the application's package, to reach its package-private implementations.
 * On the class path this compiles and works; on the module path the package belongs to dev.books.application alone.
 */
public final class Backdoor {

    private Backdoor() {
    }

    public static CreateBook createBook(BookRepository books) {
        return new CreateBookService(books, Clock.systemUTC());
    }
}
