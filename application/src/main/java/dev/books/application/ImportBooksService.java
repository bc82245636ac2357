package dev.books.application;

import dev.books.domain.Book;
import dev.books.domain.BookBulkLoader;
import dev.books.domain.BookDetails;
import dev.books.domain.BookId;
import dev.books.domain.BulkLoad;
import dev.books.domain.FieldViolation;
import dev.books.domain.InvalidBookException;
import dev.books.domain.SkippedBook;
import dev.books.domain.Violations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class ImportBooksService implements ImportBooks {

    private final BookBulkLoader loader;
    private final Clock clock;

    ImportBooksService(BookBulkLoader loader, Clock clock) {
        this.loader = loader;
        this.clock = clock;
    }

    @Override
    public ImportSummary importBooks(ImportBooksCommand command) {
        Run run = new Run(command, clock);
        // Closing without a commit discards the load: a stopped or failed import stores nothing.
        try (BulkLoad load = loader.begin()) {
            Iterator<ImportRecord> records = command.records();
            while (records.hasNext()) {
                if (!run.take(records.next(), load)) {
                    return run.stopped();
                }
            }
            if (!run.flush(load)) {
                return run.stopped();
            }
            command.listener().committing(run.progress());
            load.commit();
            return run.completed();
        }
    }

    /** One import's state: the records since the last flush and the running totals. */
    private static final class Run {

        private final ImportBooksCommand command;
        private final ImportListener listener;
        private final Clock clock;
        private final Instant started;
        private final List<Pending> pending = new ArrayList<>();
        private final List<Numbered> rejections = new ArrayList<>();
        private long read;
        private long readAtLastFlush;
        private long accepted;
        private long rejectedInvalid;
        private long rejectedDuplicate;
        private ImportRejection stoppedBy;

        Run(ImportBooksCommand command, Clock clock) {
            this.command = command;
            this.listener = command.listener();
            this.clock = clock;
            this.started = clock.instant();
        }

        /** Checks one record and queues it; false when strict mode must stop. */
        boolean take(ImportRecord record, BulkLoad load) {
            long number = ++read;
            Optional<List<FieldViolation>> violations = Optional.empty();
            try {
                pending.add(new Pending(number, record.position(), toBook(record)));
            } catch (InvalidBookException e) {
                violations = Optional.of(e.violations());
            }
            if (violations.isPresent()) {
                rejections.add(new Numbered(number, ImportRejection.invalid(record.position(), violations.get())));
                if (command.strict()) {
                    // An earlier record still waiting in the batch may be a duplicate: the flush finds out which
                    // rejection comes first.
                    return flush(load);
                }
            }
            return read - readAtLastFlush < command.batchSize() || flush(load);
        }

        /**
         * Hands the waiting books to the store and reports this batch's rejections in input order; false when
         * strict mode must stop.
         */
        boolean flush(BulkLoad load) {
            readAtLastFlush = read;
            if (!pending.isEmpty()) {
                List<SkippedBook> skipped = load.add(pending.stream().map(Pending::book).toList());
                accepted += pending.size() - skipped.size();
                rejections.addAll(duplicates(skipped));
                pending.clear();
            }
            rejections.sort(Comparator.comparingLong(Numbered::number));
            if (command.strict() && !rejections.isEmpty()) {
                stoppedBy = rejections.get(0).rejection();
                report(stoppedBy);
                return false;
            }
            rejections.forEach(numbered -> report(numbered.rejection()));
            rejections.clear();
            listener.progressed(progress());
            return true;
        }

        ImportProgress progress() {
            return new ImportProgress(read, accepted, rejectedInvalid, rejectedDuplicate, elapsed());
        }

        ImportSummary completed() {
            return new ImportSummary(read, accepted, rejectedInvalid, rejectedDuplicate, elapsed(), Optional.empty());
        }

        ImportSummary stopped() {
            return new ImportSummary(read, 0, rejectedInvalid, rejectedDuplicate, elapsed(), Optional.of(stoppedBy));
        }

        /** The new book, checked as {@link CreateBook} checks it, after what the reader already found. */
        private Book toBook(ImportRecord record) {
            if (record.fields().isEmpty()) {
                throw new InvalidBookException(record.problems());
            }
            CreateBookCommand fields = record.fields().get();
            // Reported as found: what the reader found first, then the rules' findings on the other fields.
            Violations violations = Violations.after(record.problems(), 0, List.of());
            BookDetails details = BookDetails.from(fields.title(), fields.author(), fields.category(),
                    fields.isbn(), fields.publishedYear(), clock, violations);
            return Book.create(details, clock, command.actor());
        }

        private List<Numbered> duplicates(List<SkippedBook> skipped) {
            if (skipped.isEmpty()) {
                return List.of();
            }
            Map<BookId, Pending> byId = new HashMap<>();
            pending.forEach(waiting -> byId.put(waiting.book().id(), waiting));
            List<Numbered> found = new ArrayList<>(skipped.size());
            for (SkippedBook book : skipped) {
                Pending waiting = byId.get(book.book().id());
                if (waiting == null) {
                    throw new IllegalStateException("the store skipped a book it was not given: " + book.book().id());
                }
                found.add(new Numbered(waiting.number(), ImportRejection.duplicate(waiting.position(), book.rule())));
            }
            return found;
        }

        private void report(ImportRejection rejection) {
            if (rejection.isDuplicate()) {
                rejectedDuplicate++;
            } else {
                rejectedInvalid++;
            }
            listener.rejected(rejection);
        }

        private Duration elapsed() {
            return Duration.between(started, clock.instant());
        }
    }

    /** A valid book waiting for its batch to be stored, and where it came from. */
    private record Pending(long number, RecordPosition position, Book book) {
    }

    /** A rejection and the number of its record in the input, for reporting in input order. */
    private record Numbered(long number, ImportRejection rejection) {
    }
}
