package dev.books.adapter.cli;

import dev.books.application.ImportBooks;
import dev.books.application.ImportBooksCommand;
import dev.books.application.ImportSummary;
import dev.books.domain.Actor;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code books.jar import [--strict] FILE}: loads the books of a JSON array or NDJSON file ({@code -} for standard
 * input) through {@link ImportBooks}, printing rejected records, progress and totals for the person running it.
 * All or nothing: the accepted books are stored together at the end, or not at all.
 */
public final class ImportCommand {

    /** Standard input instead of a file. */
    public static final String STANDARD_INPUT = "-";
    /** Rejected records listed one by one; the rest are counted. */
    public static final int LISTED_REJECTIONS = 100;

    private final ImportBooks importBooks;
    private final InputStream stdin;
    private final PrintStream out;
    private final PrintStream err;
    private final Actor actor;

    /** @param actor to whom the imported books are attributed (who runs the command) */
    public ImportCommand(ImportBooks importBooks, InputStream stdin, PrintStream out, PrintStream err, Actor actor) {
        this.importBooks = Objects.requireNonNull(importBooks, "importBooks");
        this.stdin = Objects.requireNonNull(stdin, "stdin");
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.actor = Objects.requireNonNull(actor, "actor");
    }

    /** Why {@code file} cannot be imported (it does not exist, or is a directory), when that is known up front. */
    public static Optional<String> problemWith(String file) {
        if (STANDARD_INPUT.equals(file)) {
            return Optional.empty();
        }
        try {
            Path path = Path.of(file);
            if (Files.isDirectory(path)) {
                return Optional.of("Cannot import " + file + ": it is a directory.");
            }
            if (!Files.exists(path)) {
                return Optional.of("Cannot import " + file + ": no such file.");
            }
            return Optional.empty();
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.of("Cannot import " + file + ": " + e.getMessage());
        }
    }

    /**
     * Imports the file; {@link ExitStatus#OK} when the whole input was read and its accepted books stored (rejected
     * records included), {@link ExitStatus#INPUT_REFUSED} when the input is not well-formed or, in strict mode, a
     * record was rejected. Database failures are left to the caller.
     */
    public ExitStatus run(String file, boolean strict) {
        boolean standardInput = STANDARD_INPUT.equals(file);
        String source = standardInput ? "standard input" : file;
        OptionalLong size = OptionalLong.empty();
        InputStream input;
        Optional<String> problem = problemWith(file);
        if (problem.isPresent()) {
            err.println(problem.get());
            return ExitStatus.USAGE;
        }
        try {
            if (standardInput) {
                input = stdin;
            } else {
                Path path = Path.of(file);
                input = Files.newInputStream(path);
                size = OptionalLong.of(Files.size(path));
            }
        } catch (NoSuchFileException e) {
            err.println("Cannot import " + file + ": no such file.");
            return ExitStatus.USAGE;
        } catch (IOException e) {
            err.println("Cannot import " + file + ": " + e.getMessage());
            return ExitStatus.USAGE;
        }
        try (BookRecordReader reader = BookRecordReader.of(input)) {
            ImportReport report = new ImportReport(out, source, size, reader::bytesRead, LISTED_REJECTIONS);
            ImportSummary summary = importBooks.importBooks(
                    ImportBooksCommand.of(reader).strict(strict).withListener(report).by(actor));
            report.finished(summary);
            return summary.completed() ? ExitStatus.OK : ExitStatus.INPUT_REFUSED;
        } catch (UnreadableInputException e) {
            err.println(source + ", " + e.getMessage());
            err.println("The input breaks off there; nothing was imported. Fix it and run the import again.");
            return ExitStatus.INPUT_REFUSED;
        } catch (UncheckedIOException e) {
            err.println("Reading " + source + " failed: " + e.getCause().getMessage() + "; nothing was imported.");
            return ExitStatus.FAILURE;
        } finally {
            if (!standardInput) {
                closeQuietly(input);
            }
        }
    }

    private static void closeQuietly(InputStream input) {
        try {
            input.close();
        } catch (IOException e) {
            // Only read from, and everything it said has been used.
        }
    }
}
