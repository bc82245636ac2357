package dev.books.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * What a store hands out after a write so that a client can ask later reads to see at least that write (see
 * {@link ConsistencyTokens}). Opaque outside the store that issued it: 1 to {@value #MAX_LENGTH} visible ASCII
 * characters (no space), which travel unchanged in an HTTP header.
 */
public record ConsistencyToken(String value) {

    public static final int MAX_LENGTH = 64;

    /** @throws IllegalArgumentException when {@code value} breaks the rule above */
    public ConsistencyToken {
        Objects.requireNonNull(value, "value");
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("a consistency token has 1 to " + MAX_LENGTH
                    + " visible ASCII characters");
        }
    }

    /**
     * The token {@code text} spells, or empty when it cannot be one (null, empty, too long, a space or a character
     * outside visible ASCII): a client's token is advisory, so what cannot be a token is ignored, not refused.
     */
    public static Optional<ConsistencyToken> parse(String text) {
        return text != null && isWellFormed(text) ? Optional.of(new ConsistencyToken(text)) : Optional.empty();
    }

    private static boolean isWellFormed(String value) {
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }
}
