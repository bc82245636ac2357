package dev.books.json;

import com.fasterxml.jackson.core.JsonLocation;

/**
 * An object names a field twice: which of the two values was meant is unknowable, so the document is refused
 * (with {@link BookJson.Repeats#REFUSE}). A client mistake, not a failure: it carries no stack trace.
 */
@SuppressWarnings("serial") // never serialised
public final class RepeatedFieldException extends RuntimeException {

    private final String field;
    private final transient JsonLocation location;

    RepeatedFieldException(String field, JsonLocation location) {
        super("the field " + field + " is named twice", null, false, false);
        this.field = field;
        this.location = location;
    }

    public String field() {
        return field;
    }

    /** Where the second one is, or null when the parser does not know. */
    public JsonLocation location() {
        return location;
    }
}
