package dev.books.application;

import dev.books.domain.Author;
import dev.books.domain.BookPage;
import dev.books.domain.BookQuery;
import dev.books.domain.BookReads;
import dev.books.domain.Category;
import dev.books.domain.InvalidBookException;
import dev.books.domain.InvalidQueryException;
import dev.books.domain.SearchText;
import dev.books.domain.Title;
import dev.books.domain.Violations;
import java.util.Optional;
import java.util.function.Function;

final class ListBooksService implements ListBooks {

    private final BookReads books;

    ListBooksService(BookReads books) {
        this.books = books;
    }

    @Override
    public BookListing list(ListBooksQuery request) {
        BindingProblems problems = request.problems();
        Violations violations = Violations.after(problems.violations(), problems.unlisted(), ListBooksQuery.PARAMETERS);
        Optional<Title> title = parse("title", request.title(), Title::new, violations);
        Optional<Author> author = parse("author", request.author(), Author::new, violations);
        Optional<Category> category = parse("category", request.category(), Category::new, violations);
        Optional<SearchText> text = parse("q", request.text(), SearchText::new, violations);
        int limit = request.limit() == null ? DEFAULT_LIMIT : request.limit();
        if (limit < 1 || limit > MAX_LIMIT) {
            violations.add("limit", "must be between 1 and " + MAX_LIMIT);
        }
        violations.throwIfAnyInQuery();

        BookQuery query = new BookQuery(title, author, category, text, limit, Optional.empty());
        CursorCodec cursors = CursorCodec.forQuery(query);
        if (request.cursor() != null) {
            query = query.after(cursors.decode(request.cursor()));
        }
        BookPage page = books.find(query);
        return new BookListing(page.books(), page.next().map(cursors::encode));
    }

    /** The checked filter value, or empty after recording why the parameter is unacceptable. */
    private static <T> Optional<T> parse(
            String parameter, String raw, Function<String, T> factory, Violations violations) {
        if (raw == null || violations.has(parameter)) {
            return Optional.empty();
        }
        try {
            return Optional.of(factory.apply(raw));
        } catch (InvalidBookException e) {
            e.violations().forEach(violation -> violations.add(parameter, violation.message()));
        } catch (InvalidQueryException e) {
            e.violations().forEach(violation -> violations.add(parameter, violation.message()));
        }
        return Optional.empty();
    }
}
