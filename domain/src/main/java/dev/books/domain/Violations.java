package dev.books.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Collects the failures of several value-object constructions so that all of them are reported at once:
 * <pre>{@code
 * Violations violations = new Violations();
 * Title title = violations.attempt(() -> new Title(rawTitle));
 * Author author = violations.attempt(() -> new Author(rawAuthor));
 * violations.throwIfAny();   // InvalidBookException listing both, if both failed
 * }</pre>
 * Not thread-safe; use one per validation.
 */
public final class Violations {

    private final List<FieldViolation> found = new ArrayList<>();

    /** The value the factory makes, or null after recording why it refused. */
    public <T> T attempt(Supplier<T> factory) {
        try {
            return factory.get();
        } catch (InvalidBookException e) {
            found.addAll(e.violations());
            return null;
        }
    }

    public void add(String field, String message) {
        found.add(new FieldViolation(field, message));
    }

    /** @throws InvalidBookException listing every recorded violation, if there is any */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidBookException(found);
        }
    }
}
