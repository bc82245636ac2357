package dev.books.application;

import java.time.Duration;
import java.util.Objects;

/**
 * How far a running import has come.
 *
 * @param read     records read from the input so far
 * @param accepted records valid and unique so far: stored when the import completes
 */
public record ImportProgress(long read, long accepted, long rejectedInvalid, long rejectedDuplicate, Duration elapsed) {

    public ImportProgress {
        Objects.requireNonNull(elapsed, "elapsed");
    }

    public long rejected() {
        return rejectedInvalid + rejectedDuplicate;
    }
}
