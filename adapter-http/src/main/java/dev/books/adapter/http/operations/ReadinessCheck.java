package dev.books.adapter.http.operations;

import java.util.Optional;

/** What the readiness probe asks before it answers 200: can this instance serve requests right now? */
@FunctionalInterface
public interface ReadinessCheck {

    /** Always ready: for an API over a store that cannot go away (the in-memory one). */
    ReadinessCheck ALWAYS = () -> Optional.empty();

    /** Empty when ready; otherwise why not, in a sentence for the operator (it goes into the 503 problem). */
    Optional<String> notReadyBecause();
}
