package dev.books.domain;

/**
 * The store could not be reached or did not answer in time. Nothing is known to have changed; the caller may
 * retry later.
 */
public final class StoreUnavailableException extends BookException {

    /** This refusal's {@link #code()}. */
    public static final String CODE = "store-unavailable";

    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return CODE;
    }
}
