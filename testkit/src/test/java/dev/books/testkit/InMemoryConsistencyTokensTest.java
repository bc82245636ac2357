package dev.books.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.books.domain.ConsistencyToken;
import dev.books.domain.ConsistencyTokens;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The fake's tokens, and the domain's {@link ConsistencyTokens#NONE}, pass the same contract as PostgreSQL's. */
class InMemoryConsistencyTokensTest {

    @Nested
    class IssuingTokens extends ConsistencyTokensContract {

        private final InMemoryConsistencyTokens tokens = new InMemoryConsistencyTokens();

        @Override
        protected Store emptyStore() {
            InMemoryBookRepository books = new InMemoryBookRepository();
            return new Store(books, books, tokens);
        }

        @Test
        void every_write_gets_a_new_token_and_every_token_given_back_is_noted() {
            ConsistencyToken first = tokens.afterWrites().orElseThrow();
            ConsistencyToken second = tokens.afterWrites().orElseThrow();
            tokens.readingAfter(first, () -> null);

            assertThat(first).isNotEqualTo(second);
            assertThat(tokens.tokensGivenBack()).containsExactly(first);
        }
    }

    @Nested
    class IssuingNone extends ConsistencyTokensContract {

        @Override
        protected Store emptyStore() {
            InMemoryBookRepository books = new InMemoryBookRepository();
            return new Store(books, books, ConsistencyTokens.NONE);
        }

        @Test
        void no_token_is_issued() {
            assertThat(ConsistencyTokens.NONE.afterWrites()).isEmpty();
        }
    }
}
