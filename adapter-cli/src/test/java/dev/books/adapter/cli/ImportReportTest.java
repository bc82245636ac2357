package dev.books.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.books.application.ImportProgress;
import dev.books.application.ImportSummary;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ImportReportTest {

    private final Console out = new Console();
    private long bytesRead;
    private final ImportReport report = new ImportReport(out.stream, "books.ndjson", OptionalLong.of(200_000_000),
            () -> bytesRead, 100);

    private static ImportProgress progress(long read, long seconds) {
        return new ImportProgress(read, read - 10, 6, 4, Duration.ofSeconds(seconds));
    }

    @Test
    void shows_progress_every_hundred_thousand_records_or_five_seconds_whichever_comes_first() {
        bytesRead = 15_000_000;
        report.progressed(progress(10_000, 1));
        report.progressed(progress(100_000, 2));
        report.progressed(progress(110_000, 3));
        report.progressed(progress(120_000, 7));
        report.progressed(progress(130_000, 8));

        assertThat(out.text()).isEqualTo("""
                … 100,000 records read (7% of 200.0 MB), 99,990 accepted, 10 rejected, 50,000 records/s
                … 120,000 records read (7% of 200.0 MB), 119,990 accepted, 10 rejected, 17,143 records/s
                """);
    }

    @Test
    void announces_the_commit_only_after_a_long_run() {
        report.committing(progress(500, 0));
        assertThat(out.text()).isEmpty();

        report.progressed(progress(100_000, 1));
        report.committing(progress(150_000, 2));

        assertThat(out.text()).endsWith(
                "… all 150,000 records read; committing 149,990 books (into an empty catalogue this includes building"
                        + " its indexes)\n");
    }

    @Test
    void sums_up_a_completed_import_with_its_rate() {
        report.finished(new ImportSummary(1_000_000, 999_000, 600, 400, Duration.ofMillis(9_500), Optional.empty()));

        assertThat(out.text()).isEqualTo("""
                Imported 999,000 books from books.ndjson (1,000,000 records read) in 9.5 s, 105,263 records/s.
                Rejected 1,000 records: 600 invalid, 400 duplicates.
                """);
    }

    @Test
    void without_a_size_shows_no_share() {
        ImportReport fromPipe = new ImportReport(out.stream, "standard input", OptionalLong.empty(), () -> 0, 100);

        fromPipe.progressed(progress(100_000, 4));

        assertThat(out.text()).isEqualTo("… 100,000 records read, 99,990 accepted, 10 rejected, 25,000 records/s\n");
    }
}
