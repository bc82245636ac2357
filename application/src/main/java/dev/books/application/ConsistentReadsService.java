package dev.books.application;

import dev.books.domain.ConsistencyToken;
import dev.books.domain.ConsistencyTokens;
import java.util.Optional;
import java.util.function.Supplier;

final class ConsistentReadsService implements ConsistentReads {

    private final ConsistencyTokens tokens;

    ConsistentReadsService(ConsistencyTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Optional<String> tokenAfterWrite() {
        return tokens.afterWrites().map(ConsistencyToken::value);
    }

    @Override
    public <T> T after(String token, Supplier<T> reads) {
        Optional<ConsistencyToken> parsed = ConsistencyToken.parse(token);
        return parsed.isPresent() ? tokens.readingAfter(parsed.get(), reads) : reads.get();
    }
}
