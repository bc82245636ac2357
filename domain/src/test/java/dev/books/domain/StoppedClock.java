package dev.books.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock that stands still until a test moves it, forwards or back. The domain's own tests cannot use the
 * testkit's {@code MutableClock}: the testkit depends on the domain.
 */
final class StoppedClock extends Clock {

    private Instant now;

    StoppedClock(String isoInstant) {
        this.now = Instant.parse(isoInstant);
    }

    void advance(Duration step) {
        now = now.plus(step);
    }

    void set(String isoInstant) {
        now = Instant.parse(isoInstant);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a StoppedClock is always UTC");
    }
}
