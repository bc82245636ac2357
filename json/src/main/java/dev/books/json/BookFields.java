package dev.books.json;

import dev.books.application.BindingProblems;
import dev.books.application.Change;
import dev.books.application.CreateBookCommand;
import dev.books.application.UpdateBookCommand;
import dev.books.domain.BookId;
import dev.books.domain.FieldViolation;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a JSON object says about each field of a book: absent ({@link Change#keep()}), {@code null}
 * ({@link Change#clear()}) or a value of the right JSON type ({@link Change#to}); a field with a problem is
 * absent here and named in {@code problems}.
 */
public record BookFields(
        Change<String> title,
        Change<String> author,
        Change<String> category,
        Change<String> isbn,
        Change<Integer> publishedYear,
        BindingProblems problems) {

    public BookFields {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(isbn, "isbn");
        Objects.requireNonNull(publishedYear, "publishedYear");
        Objects.requireNonNull(problems, "problems");
    }

    BookFields(Change<String> title, Change<String> author, Change<String> category, Change<String> isbn,
               Change<Integer> publishedYear, List<FieldViolation> problems, int unlisted) {
        this(title, author, category, isbn, publishedYear, new BindingProblems(problems, unlisted));
    }

    /** These fields with one more problem (found by the adapter's own checks), unless the field has one. */
    public BookFields withProblem(String field, String message) {
        return new BookFields(title, author, category, isbn, publishedYear, problems.with(field, message));
    }

    /** These fields with their problems left out, for a caller that reports them on its own. */
    public BookFields withoutProblems() {
        return new BookFields(title, author, category, isbn, publishedYear, BindingProblems.NONE);
    }

    /** The fields as a new book: an absent or null field is absent. */
    public CreateBookCommand toCreateCommand() {
        return new CreateBookCommand(title.applyTo(null), author.applyTo(null), category.applyTo(null),
                isbn.applyTo(null), publishedYear.applyTo(null), problems);
    }

    /** The fields as a merge patch (RFC 7396) of a book: absent is kept, null clears, a value replaces. */
    public UpdateBookCommand toUpdateCommand(BookId id, OptionalLong expectedVersion) {
        return new UpdateBookCommand(id, title, author, category, isbn, publishedYear, expectedVersion, problems);
    }
}
