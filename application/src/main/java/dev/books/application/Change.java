package dev.books.application;

import java.util.Objects;

/**
 * What a partial update does to one field: keep it, set it to a value, or clear it (optional fields only; clearing
 * a required one is reported as a violation).
 */
public sealed interface Change<T> {

    static <T> Change<T> keep() {
        return new Keep<>();
    }

    static <T> Change<T> to(T value) {
        return new SetTo<>(value);
    }

    static <T> Change<T> clear() {
        return new Clear<>();
    }

    /** The field's new raw value given its current one; null when it ends up absent. */
    T applyTo(T current);

    /** Leaves the field as it is. */
    record Keep<T>() implements Change<T> {
        @Override
        public T applyTo(T current) {
            return current;
        }
    }

    /** Replaces the field's value. */
    record SetTo<T>(T value) implements Change<T> {
        public SetTo {
            Objects.requireNonNull(value, "value (use Change.clear() to remove a value)");
        }

        @Override
        public T applyTo(T current) {
            return value;
        }
    }

    /** Removes the field's value. */
    record Clear<T>() implements Change<T> {
        @Override
        public T applyTo(T current) {
            return null;
        }
    }
}
