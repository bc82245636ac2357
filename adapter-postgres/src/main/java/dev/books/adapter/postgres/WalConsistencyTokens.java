package dev.books.adapter.postgres;

import dev.books.domain.ConsistencyToken;
import dev.books.domain.ConsistencyTokens;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Consistency tokens over a read replica: a token is a position in the primary's write-ahead log ({@code 0/16B3748}),
 * fetched after the write it is handed out for, so it covers that write; reads run after it use it as their fence on
 * the replica instead of asking the primary. A token that is not a position is ignored here, and one beyond every
 * position the primary has reached is ignored by {@link ReplicaBookReads} (it asks the primary instead).
 */
final class WalConsistencyTokens implements ConsistencyTokens {

    private final PrimaryPosition position;
    private final TokenScope scope;

    WalConsistencyTokens(PrimaryPosition position, TokenScope scope) {
        this.position = position;
        this.scope = scope;
    }

    @Override
    public Optional<ConsistencyToken> afterWrites() {
        return Optional.of(new ConsistencyToken(position.current().toString()));
    }

    @Override
    public <T> T readingAfter(ConsistencyToken token, Supplier<T> reads) {
        Optional<Lsn> after = Lsn.parse(token.value());
        return after.isPresent() ? scope.within(after.get(), reads) : reads.get();
    }
}
