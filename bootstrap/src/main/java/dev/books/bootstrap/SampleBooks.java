package dev.books.bootstrap;

import dev.books.adapter.cli.BookRecordReader;
import dev.books.application.ImportBooks;
import dev.books.application.ImportBooksCommand;
import dev.books.application.ImportSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sample catalogue shipped in the jar ({@value #RESOURCE}: real books, ISBNs only where certain), loaded through
 * the import machinery into a newly created embedded database, so that a newcomer's first {@code GET /books} shows
 * something. Never into an external database, and never twice: deleted samples stay deleted.
 */
final class SampleBooks {

    static final String RESOURCE = "sample-books.ndjson";

    private static final Logger log = LoggerFactory.getLogger(SampleBooks.class);

    private SampleBooks() {
    }

    static ImportSummary load(ImportBooks importBooks) {
        try (InputStream input = SampleBooks.class.getClassLoader().getResourceAsStream(RESOURCE);
                BookRecordReader records = BookRecordReader.of(requirePresent(input))) {
            ImportSummary summary = importBooks.importBooks(ImportBooksCommand.of(records));
            log.info("Loaded {} sample books into the new embedded database", summary.imported());
            return summary;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream requirePresent(InputStream input) {
        if (input == null) {
            throw new IllegalStateException(RESOURCE + " is missing from the class path");
        }
        return input;
    }
}
