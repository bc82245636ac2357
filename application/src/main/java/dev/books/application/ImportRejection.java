package dev.books.application;

import dev.books.domain.DuplicateBookException;
import dev.books.domain.FieldViolation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A record an import did not load, and why: every rule its fields break, or the uniqueness rule it breaks against
 * the catalogue or an earlier record of the same input.
 */
public record ImportRejection(
        RecordPosition position, List<FieldViolation> violations, Optional<DuplicateBookException.Rule> duplicate) {

    public ImportRejection {
        Objects.requireNonNull(position, "position");
        violations = List.copyOf(violations);
        Objects.requireNonNull(duplicate, "duplicate");
        if (violations.isEmpty() == duplicate.isEmpty()) {
            throw new IllegalArgumentException("a rejection is either invalid (with violations) or a duplicate");
        }
    }

    public static ImportRejection invalid(RecordPosition position, List<FieldViolation> violations) {
        return new ImportRejection(position, violations, Optional.empty());
    }

    public static ImportRejection duplicate(RecordPosition position, DuplicateBookException.Rule rule) {
        return new ImportRejection(position, List.of(), Optional.of(rule));
    }

    public boolean isDuplicate() {
        return duplicate.isPresent();
    }

    /** The reason in one line: "isbn has an invalid check digit; publishedYear must be 1 or later". */
    public String reason() {
        return duplicate.map(DuplicateBookException.Rule::description)
                .orElseGet(() -> violations.stream().map(FieldViolation::toString).collect(Collectors.joining("; ")));
    }
}
