package dev.books.domain;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The book, or the change to it, breaks the rules: every failing field is reported, not only the first. At most
 * {@link #MAX_LISTED} are listed; any beyond are counted in {@link #unlisted()}, so that a request naming a hundred
 * thousand made-up fields gets a small answer, not a large one.
 */
@SuppressWarnings("serial") // never serialised; the violations are plain values
public final class InvalidBookException extends BookException {

    /** This refusal's {@link #code()}. */
    public static final String CODE = "invalid-book";

    /** How many violations are listed at most. */
    public static final int MAX_LISTED = 20;

    private final List<FieldViolation> violations;
    private final int unlisted;

    public InvalidBookException(List<FieldViolation> violations) {
        this(violations, 0);
    }

    /**
     * @param violations the failing fields (the first {@link #MAX_LISTED} are kept)
     * @param unlisted   how many more failures were found but not even passed on
     */
    public InvalidBookException(List<FieldViolation> violations, int unlisted) {
        super(describe(violations, unlisted));
        if (unlisted < 0) {
            throw new IllegalArgumentException("unlisted must not be negative, was " + unlisted);
        }
        int listed = Math.min(violations.size(), MAX_LISTED);
        this.violations = List.copyOf(violations.subList(0, listed));
        this.unlisted = unlisted + violations.size() - listed;
    }

    public InvalidBookException(String field, String message) {
        this(List.of(new FieldViolation(field, message)));
    }

    /** The failing fields, at most {@link #MAX_LISTED}. */
    public List<FieldViolation> violations() {
        return violations;
    }

    /** How many further failures there are beyond {@link #violations()}; usually 0. */
    public int unlisted() {
        return unlisted;
    }

    @Override
    public String code() {
        return CODE;
    }

    private static String describe(List<FieldViolation> violations, int unlisted) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid book has at least one violation");
        }
        int more = unlisted + Math.max(0, violations.size() - MAX_LISTED);
        return violations.stream().limit(MAX_LISTED).map(FieldViolation::toString)
                .collect(Collectors.joining("; ")) + (more > 0 ? "; and " + more + " more" : "");
    }
}
