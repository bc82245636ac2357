package org.example.bookshelf.app;

import dev.books.application.BookListing;
import dev.books.application.BookUseCases;
import dev.books.application.CreateBookCommand;
import dev.books.application.ListBooksQuery;
import dev.books.domain.Book;
import dev.books.domain.BookException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.example.bookshelf.adapter.sqlite.SqliteBookRepository;

/**
 * The wiring and a command line: the Books use cases over a SQLite file.
 * <pre>
 * bookshelf [--db FILE] add TITLE AUTHOR [ISBN]
 * bookshelf [--db FILE] list [AUTHOR]
 * bookshelf [--db FILE] search TEXT
 * </pre>
 * Exit status 0 on success, 1 when Books refuses (the refusal's code and message on standard error), 2 for a
 * command line it does not understand.
 */
public final class Main {

    static final String USAGE = "usage: bookshelf [--db FILE] (add TITLE AUTHOR [ISBN] | list [AUTHOR] | search TEXT)";

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path database = Path.of("bookshelf.db");
        List<String> words = Arrays.asList(args);
        if (words.size() >= 2 && words.get(0).equals("--db")) {
            database = Path.of(words.get(1));
            words = words.subList(2, words.size());
        }
        if (words.isEmpty() || !isKnown(words)) {
            err.println(USAGE);
            return 2;
        }
        try (SqliteBookRepository store = SqliteBookRepository.open(database)) {
            BookUseCases books = BookUseCases.using(store, Clock.systemUTC());
            List<String> rest = words.subList(1, words.size());
            switch (words.get(0)) {
                case "add" -> out.println(line(books.createBook().create(
                        new CreateBookCommand(rest.get(0), rest.get(1), null, rest.size() > 2 ? rest.get(2) : null,
                                null))));
                case "list" -> print(books.listBooks().list(
                        new ListBooksQuery(null, rest.isEmpty() ? null : rest.get(0), null, null, null, null)), out);
                default -> print(books.listBooks().list(
                        new ListBooksQuery(null, null, null, rest.get(0), null, null)), out);
            }
            return 0;
        } catch (BookException refusal) {
            err.println(refusal.code() + ": " + refusal.getMessage());
            return 1;
        }
    }

    private static boolean isKnown(List<String> words) {
        int arguments = words.size() - 1;
        return switch (words.get(0)) {
            case "add" -> arguments == 2 || arguments == 3;
            case "list" -> arguments <= 1;
            case "search" -> arguments == 1;
            default -> false;
        };
    }

    private static void print(BookListing listing, PrintStream out) {
        listing.items().forEach(book -> out.println(line(book)));
    }

    private static String line(Book book) {
        return book.id() + "  " + book.title() + " by " + book.author()
                + book.isbn().map(isbn -> " (ISBN " + isbn + ")").orElse("");
    }
}
