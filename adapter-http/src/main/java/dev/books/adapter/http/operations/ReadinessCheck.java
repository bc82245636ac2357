package dev.books.adapter.http.operations;

import java.util.Map;
import java.util.Optional;

/** What the readiness probe asks before it answers 200: can this instance serve requests right now? */
@FunctionalInterface
public interface ReadinessCheck {

    /** Always ready: for an API over a store that cannot go away (the in-memory one). */
    ReadinessCheck ALWAYS = () -> Optional.empty();

    /** Empty when ready; otherwise why not, in a sentence for the operator (it goes into the 503 problem). */
    Optional<String> notReadyBecause();

    /**
     * The state of what the instance uses but can serve without, reported beside the database in readiness's
     * {@code checks} and never a reason to be unready: {@code readReplica} ({@code UP}, {@code LAGGING} or
     * {@code DOWN}: reads go to the primary meanwhile) when there is one. None by default.
     */
    default Map<String, String> optionalChecks() {
        return Map.of();
    }
}
