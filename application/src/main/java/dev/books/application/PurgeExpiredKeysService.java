package dev.books.application;

import dev.books.domain.RequestLog;
import java.time.Clock;

final class PurgeExpiredKeysService implements PurgeExpiredKeys {

    private final RequestLog log;
    private final Clock clock;

    PurgeExpiredKeysService(RequestLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    @Override
    public int purge(int max) {
        return log.purgeExpired(clock.instant(), max);
    }
}
