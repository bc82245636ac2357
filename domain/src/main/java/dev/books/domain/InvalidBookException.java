package dev.books.domain;

import java.util.List;
import java.util.stream.Collectors;

/** The book, or the change to it, breaks the rules: every failing field is listed, not only the first. */
@SuppressWarnings("serial") // never serialised; the violations are plain values
public final class InvalidBookException extends BookException {

    private final List<FieldViolation> violations;

    public InvalidBookException(List<FieldViolation> violations) {
        super(describe(violations));
        this.violations = List.copyOf(violations);
    }

    public InvalidBookException(String field, String message) {
        this(List.of(new FieldViolation(field, message)));
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    @Override
    public String code() {
        return "invalid-book";
    }

    private static String describe(List<FieldViolation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid book has at least one violation");
        }
        return violations.stream().map(FieldViolation::toString).collect(Collectors.joining("; "));
    }
}
