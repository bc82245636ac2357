package dev.books.application;

import dev.books.domain.Book;
import dev.books.domain.BookReads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

final class ExportBooksService implements ExportBooks {

    private final BookReads books;
    private final Clock clock;

    ExportBooksService(BookReads books, Clock clock) {
        this.books = books;
        this.clock = clock;
    }

    @Override
    public ExportSummary export(Consumer<Book> sink) {
        Instant started = clock.instant();
        AtomicLong exported = new AtomicLong();
        books.forEachBook(book -> {
            sink.accept(book);
            exported.incrementAndGet();
        });
        return new ExportSummary(exported.get(), Duration.between(started, clock.instant()));
    }
}
