package dev.books.domain;

/**
 * Every refusal the domain can give, each with a stable, machine-readable {@link #code()}. Adapters translate
 * these, and only these, into their own error vocabulary; anything else escaping the core is a bug.
 */
public abstract sealed class BookException extends RuntimeException
        permits InvalidBookException, InvalidQueryException, BookNotFoundException, DuplicateBookException,
                VersionConflictException, StoreUnavailableException, InvalidIdempotencyKeyException {

    private static final long serialVersionUID = 1L;

    protected BookException(String message) {
        super(message);
    }

    protected BookException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A stable code for this kind of refusal, e.g. {@code "duplicate-book"}; never changes between releases. */
    public abstract String code();
}
