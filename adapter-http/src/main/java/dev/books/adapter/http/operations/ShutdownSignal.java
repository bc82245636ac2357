package dev.books.adapter.http.operations;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tells the readiness probe that this instance is going away. Raised by whoever begins the shutdown (a SIGTERM
 * handler, before any drain time) and, at the latest, when the HTTP server starts stopping.
 */
public final class ShutdownSignal {

    private final AtomicBoolean raised = new AtomicBoolean();

    /** From now on readiness answers 503. Idempotent. */
    public void raise() {
        raised.set(true);
    }

    public boolean isRaised() {
        return raised.get();
    }
}
