package dev.books.application;

import dev.books.domain.FieldViolation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One record of an import as a reader found it, unchecked: the fields of a new book (as {@link CreateBookCommand}
 * takes them), where the record was, and what the reader already found wrong with it (a field of the wrong type,
 * a field a book does not have). The use case checks the rest with the same rules as {@link CreateBook}.
 *
 * @param fields   empty when the record is not a book at all (not a JSON object, say); {@code problems} says why
 * @param problems the reader's findings, one per field; a field named here is absent from {@code fields}
 */
public record ImportRecord(RecordPosition position, Optional<CreateBookCommand> fields, List<FieldViolation> problems) {

    /** The pseudo-field that names a record-level problem. */
    public static final String RECORD = "record";

    public ImportRecord {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(fields, "fields");
        problems = List.copyOf(problems);
        if (fields.isEmpty() && problems.isEmpty()) {
            throw new IllegalArgumentException("a record without fields must say what is wrong with it");
        }
    }

    /** A record whose fields were read, with the reader's problems (often none). */
    public static ImportRecord of(RecordPosition position, CreateBookCommand fields, List<FieldViolation> problems) {
        return new ImportRecord(position, Optional.of(fields), problems);
    }

    /** A record that is not a book at all, e.g. "is not a JSON object". */
    public static ImportRecord unreadable(RecordPosition position, String problem) {
        return new ImportRecord(position, Optional.empty(), List.of(new FieldViolation(RECORD, problem)));
    }
}
