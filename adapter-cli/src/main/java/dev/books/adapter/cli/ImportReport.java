package dev.books.adapter.cli;

import dev.books.application.ImportListener;
import dev.books.application.ImportProgress;
import dev.books.application.ImportRejection;
import dev.books.application.ImportSummary;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * What a person running an import sees, as plain lines (the same on a terminal, in a pipe or in a log file): the
 * rejected records with their position and reason (the first {@code listLimit}), a progress line every
 * {@link #PROGRESS_RECORDS} records or {@link #PROGRESS_INTERVAL}, whichever comes first, and the totals.
 */
final class ImportReport implements ImportListener {

    static final long PROGRESS_RECORDS = 100_000;
    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);

    private final PrintStream out;
    private final String source;
    private final OptionalLong size;
    private final LongSupplier bytesRead;
    private final int listLimit;
    private long listed;
    private long unlisted;
    private long readAtLastLine;
    private Duration elapsedAtLastLine = Duration.ZERO;
    private boolean progressShown;

    ImportReport(PrintStream out, String source, OptionalLong size, LongSupplier bytesRead, int listLimit) {
        this.out = out;
        this.source = source;
        this.size = size;
        this.bytesRead = bytesRead;
        this.listLimit = listLimit;
    }

    @Override
    public void rejected(ImportRejection rejection) {
        if (listed < listLimit) {
            listed++;
            out.println("rejected " + rejection.position() + ": " + (rejection.isDuplicate() ? "duplicate, " : "")
                    + rejection.reason());
            if (listed == listLimit) {
                out.println("(further rejected records are counted, not listed)");
            }
        } else {
            unlisted++;
        }
    }

    @Override
    public void progressed(ImportProgress progress) {
        if (progress.read() - readAtLastLine >= PROGRESS_RECORDS
                || progress.elapsed().minus(elapsedAtLastLine).compareTo(PROGRESS_INTERVAL) >= 0) {
            readAtLastLine = progress.read();
            elapsedAtLastLine = progress.elapsed();
            progressShown = true;
            out.println("… " + count(progress.read()) + " records read" + share() + ", "
                    + count(progress.accepted()) + " accepted, " + count(progress.rejected()) + " rejected"
                    + rate(progress.read(), progress.elapsed()));
        }
    }

    @Override
    public void committing(ImportProgress progress) {
        if (progressShown) {
            out.println("… all " + count(progress.read()) + " records read; committing "
                    + count(progress.accepted(), "book", "books") + " (into an empty catalogue this includes"
                    + " building its indexes)");
        }
    }

    /** The totals, once the import has ended. */
    void finished(ImportSummary summary) {
        if (!summary.completed()) {
            out.println("Stopped at the first rejected record (--strict), "
                    + summary.stoppedBy().orElseThrow().position() + ": nothing was imported.");
            return;
        }
        out.println("Imported " + count(summary.imported(), "book", "books") + " from " + source + " ("
                + count(summary.read(), "record", "records") + " read) in " + seconds(summary.elapsed())
                + rate(summary.read(), summary.elapsed()) + ".");
        if (summary.rejected() > 0) {
            out.println("Rejected " + count(summary.rejected(), "record", "records") + ": "
                    + count(summary.rejectedInvalid()) + " invalid, "
                    + count(summary.rejectedDuplicate(), "duplicate", "duplicates")
                    + (unlisted > 0 ? " (the first " + listed + " are listed above, " + count(unlisted)
                            + " more are not)" : "")
                    + ".");
        }
    }

    private String share() {
        if (size.isEmpty() || size.getAsLong() == 0) {
            return "";
        }
        long percent = Math.min(100, bytesRead.getAsLong() * 100 / size.getAsLong());
        return String.format(Locale.ROOT, " (%d%% of %.1f MB)", percent, size.getAsLong() / 1e6);
    }

    private static String rate(long records, Duration elapsed) {
        if (elapsed.toMillis() < 1) {
            return "";
        }
        return ", " + count(Math.round(records * 1000.0 / elapsed.toMillis())) + " records/s";
    }

    private static String seconds(Duration elapsed) {
        return String.format(Locale.ROOT, "%.1f s", elapsed.toMillis() / 1000.0);
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String count(long n, String one, String many) {
        return count(n) + " " + (n == 1 ? one : many);
    }
}
