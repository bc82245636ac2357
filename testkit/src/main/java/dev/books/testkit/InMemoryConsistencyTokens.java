package dev.books.testkit;

import dev.books.domain.ConsistencyToken;
import dev.books.domain.ConsistencyTokens;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The fake's {@link ConsistencyTokens}: memory never trails itself, so a token has nothing to do, but one is issued
 * after every write ({@code m1}, {@code m2}…) and every token given back is noted, so that a test of a driving
 * adapter can see what went out and what came back in.
 */
public final class InMemoryConsistencyTokens implements ConsistencyTokens {

    private final AtomicLong issued = new AtomicLong();
    private final List<ConsistencyToken> givenBack = new CopyOnWriteArrayList<>();

    @Override
    public Optional<ConsistencyToken> afterWrites() {
        return Optional.of(new ConsistencyToken("m" + issued.incrementAndGet()));
    }

    @Override
    public <T> T readingAfter(ConsistencyToken token, Supplier<T> reads) {
        givenBack.add(token);
        return reads.get();
    }

    /** Every token handed to {@link #readingAfter}, in order. */
    public List<ConsistencyToken> tokensGivenBack() {
        return List.copyOf(givenBack);
    }
}
