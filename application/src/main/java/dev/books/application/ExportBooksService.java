package dev.books.application;

import dev.books.domain.Book;
import dev.books.domain.BookQuery;
import dev.books.domain.BookRepository;
import dev.books.domain.BookSlice;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

final class ExportBooksService implements ExportBooks {

    /** Books read per query: large enough to make round trips cheap, small enough to keep memory flat. */
    static final int PAGE_SIZE = 1_000;

    private final BookRepository books;
    private final Clock clock;

    ExportBooksService(BookRepository books, Clock clock) {
        this.books = books;
        this.clock = clock;
    }

    @Override
    public ExportSummary export(Consumer<Book> sink) {
        Instant started = clock.instant();
        long exported = 0;
        BookQuery query = BookQuery.newest(PAGE_SIZE);
        while (true) {
            BookSlice page = books.find(query);
            for (Book book : page.books()) {
                sink.accept(book);
                exported++;
            }
            if (page.next().isEmpty()) {
                return new ExportSummary(exported, Duration.between(started, clock.instant()));
            }
            query = query.after(page.next().get());
        }
    }
}
