package dev.books.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * What the {@link RequestLog} holds for a live key: the fingerprint of the request that claimed it and, once that
 * request has completed, its response (empty while it is still in flight).
 */
public record LoggedRequest(String fingerprint, Optional<StoredResponse> response) {

    public LoggedRequest {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(response, "response");
    }

    public static LoggedRequest inFlight(String fingerprint) {
        return new LoggedRequest(fingerprint, Optional.empty());
    }

    public static LoggedRequest completed(String fingerprint, StoredResponse response) {
        return new LoggedRequest(fingerprint, Optional.of(response));
    }

    public boolean isCompleted() {
        return response.isPresent();
    }
}
