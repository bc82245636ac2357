package dev.books.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.books.domain.Book;
import dev.books.domain.FieldViolation;
import dev.books.domain.InvalidBookException;
import dev.books.domain.InvalidQueryException;
import dev.books.testkit.InMemoryBookRepository;
import dev.books.testkit.MutableClock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A new, empty catalogue for every test: the use cases wired to the in-memory fake and to a clock that stands at
 * New Year 2026 until a test moves it. Each book made through {@link #create} is one millisecond younger than the
 * one before, so "newest first" is the reverse order of creation.
 */
abstract class CatalogueFixture {

    protected final MutableClock clock = MutableClock.startingAtNewYear2026();
    protected final InMemoryBookRepository repository = new InMemoryBookRepository();
    protected final BookUseCases books = BookUseCases.using(repository, clock);

    protected Book create(String title, String author) {
        return create(title, author, null, null, null);
    }

    protected Book create(String title, String author, String category, String isbn, Integer publishedYear) {
        clock.advance(Duration.ofMillis(1));
        return books.createBook().create(new CreateBookCommand(title, author, category, isbn, publishedYear));
    }

    protected Book get(Book book) {
        return books.getBook().get(book.id());
    }

    /** Asserts that the exception lists exactly these violations, in this order. */
    protected static Consumer<InvalidBookException> violations(FieldViolation... expected) {
        return e -> assertThat(e.violations()).containsExactly(expected);
    }

    /** Asserts that the exception names exactly these query parameters, in this order. */
    protected static Consumer<InvalidQueryException> parameters(String... expected) {
        return e -> assertThat(e.violations()).extracting(FieldViolation::field).containsExactly(expected);
    }

    protected static FieldViolation violation(String field, String message) {
        return new FieldViolation(field, message);
    }
}
