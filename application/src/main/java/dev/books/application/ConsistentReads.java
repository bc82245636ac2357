package dev.books.application;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Driving port: read-your-writes with less work for clients that carry a token (see
 * {@link dev.books.domain.ConsistencyTokens}). After a successful write the driving adapter hands the client
 * {@link #tokenAfterWrite()}; when the client sends it back, the adapter runs its reads inside {@link #after}.
 * Clients that send nothing still read their writes: tokens only spare the store a question to its primary.
 */
public interface ConsistentReads {

    /**
     * The token for a client whose write has just succeeded: it covers that write (and every write acknowledged
     * before it). Empty when the store's reads never trail its writes, and when it cannot say right now (its primary
     * just went away): the write stands, and the client's reads see it without a token too.
     */
    Optional<String> tokenAfterWrite();

    /**
     * Runs {@code reads} (calls to {@link GetBook} and {@link ListBooks} on the calling thread) so that they see at
     * least the writes {@code token} covers; returns what they return. A token that is not one (null, malformed, or
     * not the store's) is ignored: the reads then see every write acknowledged before they began.
     */
    <T> T after(String token, Supplier<T> reads);
}
