package dev.books.domain;

/**
 * A client's idempotency key breaks the rules of {@link IdempotencyKey}; {@link #reason()} says which, without
 * repeating the key.
 */
@SuppressWarnings("serial") // never serialised
public final class InvalidIdempotencyKeyException extends BookException {

    /** This refusal's {@link #code()}. */
    public static final String CODE = "invalid-idempotency-key";

    private final String reason;

    public InvalidIdempotencyKeyException(String reason) {
        super("the idempotency key " + reason);
        this.reason = reason;
    }

    /** What is wrong with the key, e.g. "must be at most 255 characters (got 300)": safe to show the client. */
    public String reason() {
        return reason;
    }

    @Override
    public String code() {
        return CODE;
    }
}
