package dev.books.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Collects the failures of several value-object constructions so that all of them are reported at once:
 * <pre>{@code
 * Violations violations = new Violations();
 * Title title = violations.attempt("title", () -> new Title(rawTitle));
 * Author author = violations.attempt("author", () -> new Author(rawAuthor));
 * violations.throwIfAny();   // InvalidBookException listing both, if both failed
 * }</pre>
 * One failure per field: the first recorded wins, and a field already failed is not attempted again. A driving
 * adapter's own findings (a field of the wrong JSON type, say) come first ({@link #after}); the rules then run on
 * the other fields only. Failures are reported in the order of the fields given, then any other field in the
 * order found. Not thread-safe; use one per validation.
 */
public final class Violations {

    private final List<String> fieldOrder;
    private final List<FieldViolation> found = new ArrayList<>();
    private int unlisted;

    /** An empty collector reporting in the order of a book's fields. */
    public Violations() {
        this(BookDetails.FIELDS);
    }

    private Violations(List<String> fieldOrder) {
        this.fieldOrder = List.copyOf(fieldOrder);
    }

    /**
     * A collector that starts from earlier findings and reports in {@code fieldOrder}.
     *
     * @param unlisted failures found earlier but not even passed on (see {@link InvalidBookException#unlisted()})
     */
    public static Violations after(List<FieldViolation> earlier, int unlisted, List<String> fieldOrder) {
        Violations violations = new Violations(fieldOrder);
        earlier.forEach(violation -> violations.add(violation.field(), violation.message()));
        violations.unlisted = unlisted;
        return violations;
    }

    /**
     * The value the factory makes for {@code field}, or null after recording why it refused (or, without trying,
     * when the field has already failed).
     */
    public <T> T attempt(String field, Supplier<T> factory) {
        return has(field) ? null : attempt(factory);
    }

    /** The value the factory makes, or null after recording why it refused. */
    public <T> T attempt(Supplier<T> factory) {
        try {
            return factory.get();
        } catch (InvalidBookException e) {
            e.violations().forEach(violation -> add(violation.field(), violation.message()));
            return null;
        }
    }

    /** Records a failure of {@code field}, unless it has failed already. */
    public void add(String field, String message) {
        if (!has(field)) {
            found.add(new FieldViolation(field, message));
        }
    }

    public boolean has(String field) {
        return found.stream().anyMatch(violation -> violation.field().equals(field));
    }

    public boolean isEmpty() {
        return found.isEmpty() && unlisted == 0;
    }

    /** @throws InvalidBookException listing every recorded violation, if there is any */
    public void throwIfAny() {
        if (!isEmpty()) {
            throw new InvalidBookException(ordered(), unlisted);
        }
    }

    /** @throws InvalidQueryException listing every recorded violation, if there is any */
    public void throwIfAnyInQuery() {
        if (!isEmpty()) {
            throw new InvalidQueryException(ordered());
        }
    }

    private List<FieldViolation> ordered() {
        List<FieldViolation> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingInt(violation -> {
            int index = fieldOrder.indexOf(violation.field());
            return index < 0 ? fieldOrder.size() : index;
        }));
        return sorted;
    }
}
