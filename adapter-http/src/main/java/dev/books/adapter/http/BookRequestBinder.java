package dev.books.adapter.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Turns a JSON object into a command, reporting every failing field at once.
 *
 * <p>{@link #bind} walks the object's tokens (see {@link JsonBodyReader}) and keeps only the five fields' values:
 * anything else is skipped unread and, past {@link FieldErrors#MAX_LISTED} such fields, only counted. Then three
 * steps, each only for fields the steps before did not flag: binding (unknown or read-only fields, wrong
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

    /**
     * The fields of the object the parser stands in (just past its opening brace), JSON types checked; leaves the
     * parser at the closing brace.
     *
     * @throws RejectedRequest when the object names a field twice (ambiguous: refused rather than guessed)
     */
    BoundFields bind(JsonParser parser) throws IOException {
        BoundFields fields = new BoundFields(new FieldErrors(FIELDS));
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            JsonToken value = parser.nextToken();
            if (FIELDS.contains(name)) {
                fields.bind(name, value, parser);
            } else {
                fields.errors.addOther(name, READ_ONLY.contains(name) ? "is read-only" : "is not a field of a book");
                parser.skipChildren();
            }
        }
        return fields;
    }

    /** @throws InvalidBookException listing every failing field */
    CreateBookCommand bindCreate(BoundFields fields) {
        FieldErrors errors = fields.errors;
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
            throw errors.toException();
        }
        return new CreateBookCommand(request.title(), request.author(), request.category(), request.isbn(),
                request.publishedYear());
    }

    /**
     * A JSON Merge Patch (RFC 7396) as a command: an absent field is kept, null clears it, a value replaces it.
     *
     * @throws InvalidBookException listing every failing field
     */
    UpdateBookCommand bindPatch(BookId id, BoundFields fields, OptionalLong expectedVersion) {
        FieldErrors errors = fields.errors;
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
            // Clearing the year is allowed (it is optional); only a new value has a rule to meet.
            if (year instanceof Change.SetTo<Integer>) {
                check(errors, "publishedYear", year, value -> PublicationYear.of(value, clock));
            }
            throw errors.toException();
        }
        return new UpdateBookCommand(id, title, author, category, isbn, year, expectedVersion);
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
    static final class BoundFields {

        private final FieldErrors errors;
        private final String[] texts = new String[4];
        private final boolean[] nulls = new boolean[5];
        private final boolean[] seen = new boolean[5];
        private Integer year;

        private BoundFields(FieldErrors errors) {
            this.errors = errors;
        }

        private void bind(String name, JsonToken token, JsonParser parser) throws IOException {
            int index = FIELDS.indexOf(name);
            if (seen[index]) {
                throw new RejectedRequest(ErrorTranslation.Kind.MALFORMED_JSON, "The request body names the field "
                        + name + " twice" + JsonBodyReader.where(parser.currentTokenLocation()) + ".");
            }
            seen[index] = true;
            if (token == JsonToken.VALUE_NULL) {
                nulls[index] = true;
            } else if (index == YEAR) {
                if (token != JsonToken.VALUE_NUMBER_INT) {
                    errors.add(name, "must be an integer");
                } else if (parser.getNumberType() != JsonParser.NumberType.INT) {
                    errors.add(name, "is out of range");
                } else {
                    year = parser.getIntValue();
                }
            } else if (token == JsonToken.VALUE_STRING) {
                texts[index] = parser.getText();
            } else {
                errors.add(name, "must be a string");
            }
            // An array or object where a value belongs is skipped without being read into memory.
            parser.skipChildren();
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
