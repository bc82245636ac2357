package dev.books.domain;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The driven port for read-your-writes with less work: a store whose reads ({@link BookReads}) may be answered by
 * copies that trail its writes hands out, after writes, a token that covers them, and takes it back before reads,
 * which then need to see only what the token covers instead of everything acknowledged before they began (which
 * costs the store a question to its primary). Every implementation must pass the {@code ConsistencyTokensContract}
 * suite of the testkit.
 *
 * <p>Tokens are an optimisation, never a condition of correctness: without one, reads see every acknowledged write
 * anyway ({@link BookReads}). A store whose reads never trail its writes (a single database, the in-memory fake)
 * issues none.
 */
public interface ConsistencyTokens {

    /** For a store whose reads never trail its writes: no token is issued, and one given back changes nothing. */
    ConsistencyTokens NONE = new ConsistencyTokens() {
        @Override
        public Optional<ConsistencyToken> afterWrites() {
            return Optional.empty();
        }

        @Override
        public <T> T readingAfter(ConsistencyToken token, Supplier<T> reads) {
            return reads.get();
        }
    };

    /**
     * A token that covers every write acknowledged before this call: ask for it once a write has succeeded, and
     * hand it to the client that made the write. Empty when this store's reads never trail its writes.
     *
     * @throws StoreUnavailableException when the store cannot say (its primary cannot be reached)
     */
    Optional<ConsistencyToken> afterWrites();

    /**
     * Runs {@code reads} (calls to this store's {@link BookReads} made on the calling thread until it returns) so
     * that they see at least every write {@code token} covers; writes acknowledged after the token was issued may
     * or may not be seen. A token this store cannot use (not one it issued, malformed, from another cluster, or
     * ahead of every write it knows of) is ignored: the reads then see every write acknowledged before they began,
     * as without a token. Returns what {@code reads} returns; what it throws propagates unchanged.
     */
    <T> T readingAfter(ConsistencyToken token, Supplier<T> reads);
}
