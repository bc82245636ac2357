package dev.books.application;

import dev.books.domain.IdempotencyKey;
import dev.books.domain.LoggedRequest;
import dev.books.domain.RequestClaim;
import dev.books.domain.RequestLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

final class IdempotentRequestsService implements IdempotentRequests {

    private final RequestLog log;
    private final Clock clock;
    private final Duration timeToLive;
    private final Duration lease;

    IdempotentRequestsService(RequestLog log, Clock clock, Duration timeToLive, Duration lease) {
        this.log = log;
        this.clock = clock;
        this.timeToLive = timeToLive;
        this.lease = lease;
    }

    @Override
    public Claim claim(String scope, String key, String fingerprint) {
        IdempotencyKey id = new IdempotencyKey(scope, key);
        // Microseconds: what PostgreSQL keeps of a timestamp, so that the fake and the database compare alike.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        RequestClaim claim = new RequestClaim(id, fingerprint, UUID.randomUUID(), now, now.plus(lease),
                now.plus(timeToLive));
        Optional<LoggedRequest> held = log.claim(claim);
        if (held.isEmpty()) {
            return new GrantedClaim(log, claim);
        }
        LoggedRequest holder = held.get();
        if (!holder.fingerprint().equals(fingerprint)) {
            return new Claim.Mismatch();
        }
        return holder.response().<Claim>map(response -> new Claim.Replay(response.bytes()))
                .orElseGet(Claim.InProgress::new);
    }
}
