package dev.books.adapter.http.books;

import com.fasterxml.jackson.core.JsonParser;
import dev.books.adapter.http.problem.ProblemType;
import dev.books.adapter.http.problem.RejectedRequest;
import dev.books.application.CreateBookCommand;
import dev.books.application.UpdateBookCommand;
import dev.books.domain.BookId;
import dev.books.json.BookFields;
import dev.books.json.BookJson;
import dev.books.json.RepeatedFieldException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.util.OptionalLong;

/**
 * Binds a JSON body to a command: the JSON binding every adapter shares ({@link BookJson}: types, unknown and
 * read-only fields), then the transport's own limits on raw text ({@link RawText}, by Bean Validation). What either
 * finds travels with the command; the use case applies the book's rules to the rest and reports everything in one
 * refusal.
 */
final class BookRequestBinder {

    private final Validator validator;

    BookRequestBinder(Validator validator) {
        this.validator = validator;
    }

    /**
     * The fields of the object the parser stands in (just past its opening brace); leaves the parser at the closing
     * brace.
     *
     * @throws RejectedRequest when the object names a field twice (ambiguous: refused rather than guessed)
     */
    BookFields bind(JsonParser parser) throws IOException {
        try {
            return BookJson.read(parser, BookJson.Repeats.REFUSE);
        } catch (RepeatedFieldException e) {
            throw new RejectedRequest(ProblemType.MALFORMED_JSON, "The request body names the field "
                    + e.field() + " twice" + JsonBodyReader.where(e.location()) + ".");
        }
    }

    CreateBookCommand bindCreate(BookFields fields) {
        return limited(fields).toCreateCommand();
    }

    /** A JSON Merge Patch (RFC 7396) as a command: an absent field is kept, null clears it, a value replaces it. */
    UpdateBookCommand bindPatch(BookId id, BookFields fields, OptionalLong expectedVersion) {
        return limited(fields).toUpdateCommand(id, expectedVersion);
    }

    private BookFields limited(BookFields fields) {
        RawText raw = new RawText(fields.title().applyTo(null), fields.author().applyTo(null),
                fields.category().applyTo(null));
        BookFields checked = fields;
        for (ConstraintViolation<RawText> violation : validator.validate(raw)) {
            checked = checked.withProblem(violation.getPropertyPath().toString(), violation.getMessage());
        }
        return checked;
    }
}
