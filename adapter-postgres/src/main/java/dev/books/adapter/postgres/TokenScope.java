package dev.books.adapter.postgres;

import java.util.function.Supplier;

/**
 * The position the reads on this thread must see when a client's consistency token says so: set for the reads
 * {@link WalConsistencyTokens#readingAfter} runs, read by {@link ReplicaBookReads} in their place of a fence asked of
 * the primary. Nested scopes restore the outer one; nothing is left behind on the thread.
 */
final class TokenScope {

    private final ThreadLocal<Lsn> current = new ThreadLocal<>();

    /** The token's position for the reads running on this thread, or null when they have none. */
    Lsn current() {
        return current.get();
    }

    <T> T within(Lsn position, Supplier<T> reads) {
        Lsn outer = current.get();
        current.set(position);
        try {
            return reads.get();
        } finally {
            if (outer == null) {
                current.remove();
            } else {
                current.set(outer);
            }
        }
    }
}
