package dev.books.access;

/** A key of this name exists already: names are unique, so that revoking by name is unambiguous. */
@SuppressWarnings("serial") // never serialised
public final class DuplicateKeyNameException extends RuntimeException {

    public DuplicateKeyNameException(String name) {
        super("an API key named " + name + " exists already", null, false, false);
    }
}
