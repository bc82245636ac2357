package dev.books.application;

import dev.books.domain.Author;
import dev.books.domain.BookPage;
import dev.books.domain.BookQuery;
import dev.books.domain.BookRepository;
import dev.books.domain.Category;
import dev.books.domain.FieldViolation;
import dev.books.domain.InvalidBookException;
import dev.books.domain.InvalidQueryException;
import dev.books.domain.SearchText;
import dev.books.domain.Title;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

final class ListBooksService implements ListBooks {

    private final BookRepository books;

    ListBooksService(BookRepository books) {
        this.books = books;
    }

    @Override
    public BookListing list(ListBooksQuery request) {
        List<FieldViolation> violations = new ArrayList<>();
        Optional<Title> title = parse(request.title(), Title::new, violations);
        Optional<Author> author = parse(request.author(), Author::new, violations);
        Optional<Category> category = parse(request.category(), Category::new, violations);
        Optional<SearchText> text = parse(request.text(), SearchText::new, violations);
        int limit = request.limit() == null ? DEFAULT_LIMIT : request.limit();
        if (limit < 1 || limit > MAX_LIMIT) {
            violations.add(new FieldViolation("limit", "must be between 1 and " + MAX_LIMIT));
        }
        if (!violations.isEmpty()) {
            throw new InvalidQueryException(violations);
        }

        BookQuery query = new BookQuery(title, author, category, text, limit, Optional.empty());
        CursorCodec tokens = CursorCodec.forQuery(query);
        if (request.cursor() != null) {
            query = query.after(tokens.decode(request.cursor()));
        }
        BookPage slice = books.find(query);
        return new BookListing(slice.books(), slice.next().map(tokens::encode));
    }

    /** The checked filter value, or empty after recording why the parameter is unacceptable. */
    private static <T> Optional<T> parse(
            String raw, Function<String, T> factory, List<FieldViolation> violations) {
        if (raw == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(factory.apply(raw));
        } catch (InvalidBookException e) {
            violations.addAll(e.violations());
        } catch (InvalidQueryException e) {
            violations.addAll(e.violations());
        }
        return Optional.empty();
    }
}
