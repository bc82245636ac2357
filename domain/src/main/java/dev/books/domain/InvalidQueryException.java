package dev.books.domain;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A request to list or search books cannot be answered as asked: a limit out of range, a filter that breaks the
 * rules of the field it filters, or a cursor this service did not issue for this query. Every
 * failing parameter is listed.
 */
@SuppressWarnings("serial") // never serialised; the violations are plain values
public final class InvalidQueryException extends BookException {

    /** This refusal's {@link #code()}. */
    public static final String CODE = "invalid-query";

    private final List<FieldViolation> violations;

    /** @param violations each names the query parameter at fault ({@code limit}, {@code cursor}, {@code q}…) */
    public InvalidQueryException(List<FieldViolation> violations) {
        super(violations.stream().map(FieldViolation::toString).collect(Collectors.joining("; ")));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid query has at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    public InvalidQueryException(String parameter, String message) {
        this(List.of(new FieldViolation(parameter, message)));
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    @Override
    public String code() {
        return CODE;
    }
}
