package dev.books.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.books.application.Change;
import dev.books.domain.BookDetails;
import dev.books.domain.FieldViolation;
import dev.books.domain.InvalidBookException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the fields of a book from a JSON object, token by token: the five fields a client may set are kept (JSON
 * types checked), anything else is skipped unread and reported, the first {@link InvalidBookException#MAX_LISTED}
 * by name and the rest only counted. So what a body costs is what its five fields cost, whatever else it holds.
 */
public final class BookJson {

    /** What to do with a field named twice in one object. */
    public enum Repeats {
        /** The whole document is ambiguous: throw {@link RepeatedFieldException} (an HTTP body is then a 400). */
        REFUSE,
        /** Report the field ("appears more than once") and read on (an import record is then rejected). */
        REPORT
    }

    static final String NOT_A_STRING = "must be a string";
    static final String NOT_AN_INTEGER = "must be an integer";
    static final String OUT_OF_RANGE = "is out of range";
    static final String READ_ONLY = "is read-only";
    static final String UNKNOWN = "is not a field of a book";
    static final String REPEATED = "appears more than once";
    /** The fields of a book's representation that a client may read but not set. */
    private static final List<String> READ_ONLY_FIELDS =
            List.of("id", "version", "createdAt", "updatedAt", "createdBy", "updatedBy");
    private static final int YEAR = BookDetails.FIELDS.indexOf("publishedYear");

    private BookJson() {
    }

    /**
     * The fields of the object the parser stands in (just past its opening brace); leaves the parser on the
     * closing brace.
     *
     * @throws RepeatedFieldException with {@link Repeats#REFUSE}, when a field is named twice
     * @throws IOException            when the JSON is malformed or cannot be read
     */
    public static BookFields read(JsonParser parser, Repeats repeats) throws IOException {
        Reading reading = new Reading(repeats);
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            reading.field(name, parser.nextToken(), parser);
        }
        return reading.fields();
    }

    /** The state of one object's reading. */
    private static final class Reading {

        private final Repeats repeats;
        private final Change<?>[] values = new Change<?>[BookDetails.FIELDS.size()];
        private final List<FieldViolation> problems = new ArrayList<>();
        /** The other fields named in problems: few, so that a look-up stays cheap however many there are. */
        private final List<String> listedOthers = new ArrayList<>();
        private int unlisted;

        Reading(Repeats repeats) {
            this.repeats = repeats;
        }

        void field(String name, JsonToken token, JsonParser parser) throws IOException {
            int index = BookDetails.FIELDS.indexOf(name);
            // A repeat of an unlisted other field goes unnoticed: the body is refused for that field anyway.
            boolean repeated = index >= 0 ? values[index] != null || flagged(name) : listedOthers.contains(name);
            if (repeated) {
                if (repeats == Repeats.REFUSE) {
                    throw new RepeatedFieldException(name, parser.currentTokenLocation());
                }
                problem(name, REPEATED);
            } else if (index >= 0) {
                values[index] = index == YEAR ? year(name, token, parser) : text(name, token, parser);
            } else {
                other(name, READ_ONLY_FIELDS.contains(name) ? READ_ONLY : UNKNOWN);
            }
            // An array or object where a value belongs is skipped without being read into memory.
            parser.skipChildren();
        }

        private Change<String> text(String name, JsonToken token, JsonParser parser) throws IOException {
            if (token == JsonToken.VALUE_STRING) {
                return Change.to(parser.getText());
            }
            if (token == JsonToken.VALUE_NULL) {
                return Change.clear();
            }
            problem(name, NOT_A_STRING);
            return null;
        }

        private Change<Integer> year(String name, JsonToken token, JsonParser parser) throws IOException {
            if (token == JsonToken.VALUE_NULL) {
                return Change.clear();
            }
            if (token != JsonToken.VALUE_NUMBER_INT) {
                problem(name, NOT_AN_INTEGER);
            } else if (parser.getNumberType() != JsonParser.NumberType.INT) {
                problem(name, OUT_OF_RANGE);
            } else {
                return Change.to(parser.getIntValue());
            }
            return null;
        }

        /** A field a book does not take: named while the list has room, counted after. */
        private void other(String name, String message) {
            if (listedOthers.size() >= InvalidBookException.MAX_LISTED) {
                unlisted++;
            } else {
                listedOthers.add(name);
                problem(name, message);
            }
        }

        private void problem(String name, String message) {
            if (!flagged(name)) {
                problems.add(new FieldViolation(name, message));
            }
        }

        private boolean flagged(String name) {
            return problems.stream().anyMatch(problem -> problem.field().equals(name));
        }

        @SuppressWarnings("unchecked")
        BookFields fields() {
            return new BookFields(
                    textAt(0), textAt(1), textAt(2), textAt(3),
                    values[YEAR] == null || flagged("publishedYear") ? Change.keep() : (Change<Integer>) values[YEAR],
                    problems, unlisted);
        }

        @SuppressWarnings("unchecked")
        private Change<String> textAt(int index) {
            // A field named in a problem reaches the use case as absent, whatever came before or after.
            Change<?> value = values[index];
            return value == null || flagged(BookDetails.FIELDS.get(index)) ? Change.keep() : (Change<String>) value;
        }
    }
}
