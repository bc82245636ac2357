package dev.books.application;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What an import did.
 *
 * @param read      records read from the input
 * @param imported  books stored: every accepted record of a completed import, none of a stopped one
 * @param stoppedBy in strict mode, the first rejected record, which stopped the import before anything was stored
 */
public record ImportSummary(long read, long imported, long rejectedInvalid, long rejectedDuplicate, Duration elapsed,
        Optional<ImportRejection> stoppedBy) {

    public ImportSummary {
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(stoppedBy, "stoppedBy");
    }

    /** Whether the import read its whole input and stored what it accepted. */
    public boolean completed() {
        return stoppedBy.isEmpty();
    }

    public long rejected() {
        return rejectedInvalid + rejectedDuplicate;
    }
}
