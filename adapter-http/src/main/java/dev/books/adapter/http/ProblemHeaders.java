package dev.books.adapter.http;

import java.util.function.BiConsumer;

/** The headers a problem response carries besides its body: Retry-After on 503, Cache-Control on all. */
final class ProblemHeaders {

    static final String PROBLEM_JSON = "application/problem+json";

    private final String retryAfterSeconds;

    ProblemHeaders(long retryAfterSeconds) {
        this.retryAfterSeconds = Long.toString(retryAfterSeconds);
    }

    void forEach(ErrorTranslation.Kind kind, BiConsumer<String, String> header) {
        // An error describes this attempt only; no cache should replay it.
        header.accept("Cache-Control", "no-store");
        if (kind == ErrorTranslation.Kind.STORE_UNAVAILABLE) {
            header.accept("Retry-After", retryAfterSeconds);
        } else if (kind == ErrorTranslation.Kind.SERVER_BUSY || kind == ErrorTranslation.Kind.IDEMPOTENCY_KEY_IN_USE) {
            // Bodies in flight finish within milliseconds, or within the body deadline at worst.
            header.accept("Retry-After", "1");
        }
    }
}
