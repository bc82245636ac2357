package dev.books.access;

import java.util.Arrays;
import java.util.Optional;

/** What a principal may do, by its name in tokens and keys ({@code books:write}…). */
public enum Scope {

    /** Read the catalogue (when reads are not public). */
    READ("books:read"),
    /** Create books and change them. */
    WRITE("books:write"),
    /** Delete books. */
    DELETE("books:delete"),
    /** Operate the service: its metrics. */
    ADMIN("books:admin");

    private final String value;

    Scope(String value) {
        this.value = value;
    }

    /** The scope's name, as tokens and keys carry it. */
    public String value() {
        return value;
    }

    /** The scope of this name, if there is one. */
    public static Optional<Scope> named(String value) {
        return Arrays.stream(values()).filter(scope -> scope.value.equals(value)).findFirst();
    }

    @Override
    public String toString() {
        return value;
    }
}
