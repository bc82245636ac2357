package dev.books.domain;

import java.util.Arrays;
import java.util.Objects;

/**
 * The response to a request run under an idempotency key, as the driving adapter encoded it (status, headers and
 * body, in whatever form that adapter reads back): opaque bytes here, at most {@value #MAX_BYTES} of them. Holds
 * its own copy; compared by content.
 */
public record StoredResponse(byte[] bytes) {

    /** 64 KiB: a created book's response is well under 1 KiB; the bound keeps one row small. */
    public static final int MAX_BYTES = 64 * 1024;

    /** @throws IllegalArgumentException when there are more than {@value #MAX_BYTES} bytes */
    public StoredResponse {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("a stored response has at most " + MAX_BYTES + " bytes (got "
                    + bytes.length + ")");
        }
        bytes = bytes.clone();
    }

    /** A copy: changing it changes nothing stored. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredResponse that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "StoredResponse[" + bytes.length + " bytes]";
    }
}
