package dev.books.application;

import dev.books.domain.FieldViolation;
import dev.books.domain.InvalidBookException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a driving adapter found wrong while it bound a request to a command, before any rule ran: a field of the
 * wrong JSON type, a field a book does not have, a parameter given twice. The use case reports these together with
 * the rules' own findings, in one refusal; a field named here is not checked again.
 *
 * @param violations one per field, at most {@link InvalidBookException#MAX_LISTED} of them
 * @param unlisted   how many more the adapter found and only counted (a body naming thousands of unknown fields)
 */
public record BindingProblems(List<FieldViolation> violations, int unlisted) {

    /** Nothing found. */
    public static final BindingProblems NONE = new BindingProblems(List.of(), 0);

    public BindingProblems {
        violations = List.copyOf(Objects.requireNonNull(violations, "violations"));
        if (unlisted < 0) {
            throw new IllegalArgumentException("unlisted must not be negative, was " + unlisted);
        }
    }

    public boolean isEmpty() {
        return violations.isEmpty() && unlisted == 0;
    }

    /** These problems and one more, unless the field is already named. */
    public BindingProblems with(String field, String message) {
        if (violations.stream().anyMatch(violation -> violation.field().equals(field))) {
            return this;
        }
        List<FieldViolation> more = new ArrayList<>(violations);
        more.add(new FieldViolation(field, message));
        return new BindingProblems(more, unlisted);
    }
}
