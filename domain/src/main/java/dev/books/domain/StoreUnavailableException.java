package dev.books.domain;

/**
 * The store could not be reached or did not answer in time. Nothing is known to have changed; the caller may
 * retry later.
 */
public final class StoreUnavailableException extends BookException {

    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return "store-unavailable";
    }
}
