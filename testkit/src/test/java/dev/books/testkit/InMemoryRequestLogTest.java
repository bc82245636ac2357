package dev.books.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.books.domain.RequestClaim;
import dev.books.domain.RequestLog;
import dev.books.domain.StoreUnavailableException;
import org.junit.jupiter.api.Test;

/** The fake passes the same contract as the PostgreSQL adapter. */
class InMemoryRequestLogTest extends RequestLogContract {

    private final InMemoryRequestLog fake = new InMemoryRequestLog();

    @Override
    protected RequestLog emptyLog() {
        return fake;
    }

    @Test
    void a_switched_off_log_refuses_every_call_until_switched_on_again() {
        RequestClaim kept = claimed("kept", "fp");
        fake.setAvailable(false);

        assertThatThrownBy(() -> fake.claim(claimOf("lost", "fp"))).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> fake.complete(kept, response("x"))).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> fake.release(kept)).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> fake.purgeExpired(clock.instant(), 1)).isInstanceOf(StoreUnavailableException.class);

        fake.setAvailable(true);
        assertThat(fake.size()).isEqualTo(1);
    }

    @Test
    void purged_keys_leave_the_memory() {
        claimed("a", "fp");
        claimed("b", "fp");
        clock.advance(TIME_TO_LIVE);

        fake.purgeExpired(clock.instant(), 10);

        assertThat(fake.size()).isZero();
    }
}
