package dev.books.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.books.application.Change;
import dev.books.application.CreateBookCommand;
import dev.books.application.UpdateBookCommand;
import dev.books.domain.Author;
import dev.books.domain.BookDetails;
import dev.books.domain.BookId;
import dev.books.domain.Category;
import dev.books.domain.InvalidBookException;
import dev.books.domain.Isbn;
import dev.books.domain.PublicationYear;
import dev.books.domain.Title;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Turns a JSON object into a command, reporting every failing field at once.
 *
 * <p>Three steps, each only for fields the steps before did not flag: binding (unknown or read-only fields, wrong
 * JSON types), Bean Validation of the bound request record, and, when either found something, the domain's own
 * checks; otherwise the domain runs its checks in the use case. Either way the client learns about every bad field
 * in one answer.
 */
final class BookRequestBinder {

    private static final List<String> FIELDS = List.of("title", "author", "category", "isbn", "publishedYear");
    private static final int YEAR = 4;
    private static final List<String> READ_ONLY = List.of("id", "version", "createdAt", "updatedAt");

    private final Validator validator;
    private final Clock clock;

    BookRequestBinder(Validator validator, Clock clock) {
        this.validator = validator;
        this.clock = clock;
    }

    /** @throws InvalidBookException listing every failing field */
    CreateBookCommand bindCreate(ObjectNode body) {
        FieldErrors errors = new FieldErrors(FIELDS);
        BoundFields fields = bind(body, errors);
        CreateBookRequest request = new CreateBookRequest(fields.value("title"), fields.value("author"),
                fields.value("category"), fields.value("isbn"), fields.year());
        validate(request, errors);
        if (!errors.isEmpty()) {
            try {
                BookDetails.from(unflagged(request.title(), "title", errors),
                        unflagged(request.author(), "author", errors),
                        unflagged(request.category(), "category", errors),
                        unflagged(request.isbn(), "isbn", errors),
                        errors.has("publishedYear") ? null : request.publishedYear(), clock);
            } catch (InvalidBookException e) {
                errors.addAll(e.violations());
            }
            throw new InvalidBookException(errors.violations());
        }
        return new CreateBookCommand(request.title(), request.author(), request.category(), request.isbn(),
                request.publishedYear());
    }

    /**
     * A JSON Merge Patch (RFC 7396) as a command: an absent field is kept, null clears it, a value replaces it.
     *
     * @throws InvalidBookException listing every failing field
     */
    UpdateBookCommand bindPatch(BookId id, ObjectNode patch, OptionalLong expectedVersion) {
        FieldErrors errors = new FieldErrors(FIELDS);
        BoundFields fields = bind(patch, errors);
        BookPatchRequest request = new BookPatchRequest(fields.value("title"), fields.value("author"),
                fields.value("category"), fields.value("isbn"), fields.year());
        validate(request, errors);
        Change<String> title = fields.change("title");
        Change<String> author = fields.change("author");
        Change<String> category = fields.change("category");
        Change<String> isbn = fields.change("isbn");
        Change<Integer> year = fields.yearChange();
        if (!errors.isEmpty()) {
            // No current book at hand: check each changed field on its own, as BookDetails.from would.
            check(errors, "title", title, value -> new Title(value));
            check(errors, "author", author, value -> new Author(value));
            check(errors, "category", category, value -> new Category(value));
            check(errors, "isbn", isbn, value -> new Isbn(value));
            check(errors, "publishedYear", year, value -> PublicationYear.of(value, clock));
            throw new InvalidBookException(errors.violations());
        }
        return new UpdateBookCommand(id, title, author, category, isbn, year, expectedVersion);
    }

    private static BoundFields bind(ObjectNode body, FieldErrors errors) {
        BoundFields fields = new BoundFields();
        for (Map.Entry<String, JsonNode> property : body.properties()) {
            String name = property.getKey();
            JsonNode value = property.getValue();
            if (FIELDS.contains(name)) {
                fields.bind(name, value, errors);
            } else if (READ_ONLY.contains(name)) {
                errors.add(name, "is read-only");
            } else {
                errors.add(name, "is not a field of a book");
            }
        }
        return fields;
    }

    private <T> void validate(T request, FieldErrors errors) {
        for (ConstraintViolation<T> violation : validator.validate(request)) {
            errors.add(violation.getPropertyPath().toString(), violation.getMessage());
        }
    }

    private static String unflagged(String value, String field, FieldErrors errors) {
        return errors.has(field) ? null : value;
    }

    /** Applies a domain rule to a changed field not flagged yet; a cleared field is checked as absent. */
    private static <T> void check(FieldErrors errors, String field, Change<T> change, Function<T, ?> rule) {
        if (errors.has(field) || change instanceof Change.Keep<T>) {
            return;
        }
        T value = change instanceof Change.SetTo<T> set ? set.value() : null;
        try {
            rule.apply(value);
        } catch (InvalidBookException e) {
            errors.addAll(e.violations());
        }
    }

    /**
     * What the body says about each field, JSON types checked: absent, null, or a value of the right type.
     * A field with the wrong type is flagged and treated as absent from then on.
     */
    private static final class BoundFields {

        private final String[] texts = new String[4];
        private final boolean[] nulls = new boolean[5];
        private Integer year;

        void bind(String name, JsonNode node, FieldErrors errors) {
            int index = FIELDS.indexOf(name);
            if (node.isNull()) {
                nulls[index] = true;
            } else if (index == YEAR) {
                if (!node.isIntegralNumber()) {
                    errors.add(name, "must be an integer");
                } else if (!node.canConvertToInt()) {
                    errors.add(name, "is out of range");
                } else {
                    year = node.intValue();
                }
            } else if (node.isTextual()) {
                texts[index] = node.textValue();
            } else {
                errors.add(name, "must be a string");
            }
        }

        String value(String name) {
            return texts[FIELDS.indexOf(name)];
        }

        Integer year() {
            return year;
        }

        Change<String> change(String name) {
            int index = FIELDS.indexOf(name);
            return texts[index] != null ? Change.to(texts[index]) : nulls[index] ? Change.clear() : Change.keep();
        }

        Change<Integer> yearChange() {
            return year != null ? Change.to(year) : nulls[YEAR] ? Change.clear() : Change.keep();
        }
    }
}
