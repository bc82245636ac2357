package dev.books.adapter.cli;

import dev.books.application.ExportBooks;
import dev.books.application.ExportSummary;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code books.jar export [FILE]}: writes every book as NDJSON, newest first, through {@link ExportBooks}, to FILE
 * (replaced whole, only once the export has succeeded) or to standard output (then the totals go to standard error,
 * out of the data's way).
 */
public final class ExportCommand {

    /** Books written between checks that standard output still takes them (a closed pipe, say). */
    static final int CHECK_EVERY = 1_000;

    private final ExportBooks exportBooks;
    private final PrintStream out;
    private final PrintStream err;

    public ExportCommand(ExportBooks exportBooks, PrintStream out, PrintStream err) {
        this.exportBooks = Objects.requireNonNull(exportBooks, "exportBooks");
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
    }

    /** Exports to the file, or to standard output when {@code file} is null or {@code -}. */
    public ExitStatus run(String file) {
        if (file == null || ImportCommand.STANDARD_INPUT.equals(file)) {
            return toStandardOutput();
        }
        return toFile(Path.of(file));
    }

    private ExitStatus toStandardOutput() {
        try {
            ExportSummary summary = export(out, () -> {
                if (out.checkError()) {
                    throw new UncheckedIOException(new IOException("standard output was closed"));
                }
            });
            err.println(describe(summary, "standard output"));
            return ExitStatus.OK;
        } catch (UncheckedIOException e) {
            err.println("Export stopped: " + e.getCause().getMessage() + ".");
            return ExitStatus.FAILURE;
        }
    }

    private ExitStatus toFile(Path file) {
        Path absolute = file.toAbsolutePath();
        Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
        try {
            ExportSummary summary;
            try (OutputStream output = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
                summary = export(output, () -> { });
            }
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            out.println(describe(summary, file.toString()));
            return ExitStatus.OK;
        } catch (IOException | UncheckedIOException e) {
            deleteQuietly(partial);
            IOException cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : (IOException) e;
            err.println("Cannot write " + file + ": " + cause + ".");
            return ExitStatus.FAILURE;
        } catch (RuntimeException e) {
            deleteQuietly(partial);
            throw e;
        }
    }

    private ExportSummary export(OutputStream output, Runnable check) {
        try (NdjsonBookWriter writer = new NdjsonBookWriter(output)) {
            long[] written = {0};
            return exportBooks.export(book -> {
                writer.write(book);
                if (++written[0] % CHECK_EVERY == 0) {
                    writer.flush();
                    check.run();
                }
            });
        } finally {
            check.run();
        }
    }

    private static String describe(ExportSummary summary, String target) {
        return String.format(Locale.ROOT, "Exported %s to %s in %.1f s.",
                ImportReport.count(summary.exported(), "book", "books"), target, summary.elapsed().toMillis() / 1000.0);
    }

    private static void deleteQuietly(Path partial) {
        try {
            Files.deleteIfExists(partial);
        } catch (IOException e) {
            // Best effort: the message about the failure itself matters more.
        }
    }
}
