package dev.books.application;

import java.time.Duration;
import java.util.Objects;

/** What an export did: how many books it handed out, and how long that took. */
public record ExportSummary(long exported, Duration elapsed) {

    public ExportSummary {
        Objects.requireNonNull(elapsed, "elapsed");
    }
}
