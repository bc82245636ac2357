package dev.books.application;

import dev.books.domain.ConsistencyToken;
import dev.books.domain.ConsistencyTokens;
import dev.books.domain.StoreUnavailableException;
import java.util.Optional;
import java.util.function.Supplier;

final class ConsistentReadsService implements ConsistentReads {

    private final ConsistencyTokens tokens;

    ConsistentReadsService(ConsistencyTokens tokens) {
        this.tokens = tokens;
    }

    /** A write that succeeded stays a success when its token cannot be had: the client's reads see it anyway. */
    @Override
    public Optional<String> tokenAfterWrite() {
        try {
            return tokens.afterWrites().map(ConsistencyToken::value);
        } catch (StoreUnavailableException e) {
            return Optional.empty();
        }
    }

    @Override
    public <T> T after(String token, Supplier<T> reads) {
        Optional<ConsistencyToken> parsed = ConsistencyToken.parse(token);
        return parsed.isPresent() ? tokens.readingAfter(parsed.get(), reads) : reads.get();
    }
}
