package dev.books.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.books.domain.Book;
import dev.books.domain.BookQuery;
import dev.books.domain.DuplicateBookException;
import dev.books.domain.FieldViolation;
import dev.books.domain.Isbn;
import dev.books.domain.StoreUnavailableException;
import dev.books.domain.Title;
import dev.books.testkit.InMemoryBookRepository;
import dev.books.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The import use case against the in-memory store: what it loads, what it rejects and why, and what it reports. */
class ImportBooksTest {

    private final MutableClock clock = MutableClock.startingAtNewYear2026();
    private final InMemoryBookRepository store = new InMemoryBookRepository();
    private final ImportBooks importBooks = BulkUseCases.using(store, store, clock).importBooks();
    private final Recorder recorder = new Recorder();

    private static ImportRecord record(long line, String title, String author, String category, String isbn,
            Integer year) {
        return ImportRecord.of(RecordPosition.line(line), new CreateBookCommand(title, author, category, isbn, year),
                List.of());
    }

    private static ImportRecord numbered(long line) {
        return record(line, "Title " + line, "Author " + line % 5, null, null, null);
    }

    private static List<ImportRecord> numbered(int fromLine, int count) {
        return IntStream.range(fromLine, fromLine + count).mapToObj(ImportBooksTest::numbered).toList();
    }

    private ImportSummary run(List<ImportRecord> records, boolean strict, int batchSize) {
        return importBooks.importBooks(ImportBooksCommand.of(records.iterator()).strict(strict)
                .withBatchSize(batchSize).withListener(recorder));
    }

    private ImportSummary run(List<ImportRecord> records) {
        return run(records, false, ImportBooks.DEFAULT_BATCH_SIZE);
    }

    private List<Book> catalogue() {
        return store.find(BookQuery.newest(100)).books();
    }

    @Nested
    class ACompletedImport {

        @Test
        void stores_every_valid_record_checked_and_normalised_as_create_does() {
            ImportSummary summary = run(List.of(
                    record(1, "  Dune ", "Frank  Herbert", "Science Fiction", "0-441-01359-7", 1965),
                    record(2, "Emma", "Jane Austen", null, null, null)));

            assertThat(summary).isEqualTo(new ImportSummary(2, 2, 0, 0, Duration.ZERO, Optional.empty()));
            assertThat(summary.completed()).isTrue();
            assertThat(catalogue()).extracting(Book::title).containsExactlyInAnyOrder(new Title("Dune"),
                    new Title("Emma"));
            Book dune = catalogue().stream().filter(book -> book.title().value().equals("Dune")).findFirst()
                    .orElseThrow();
            assertThat(dune.author().value()).isEqualTo("Frank Herbert");
            assertThat(dune.isbn()).contains(new Isbn("9780441013593"));
            assertThat(dune.version()).isEqualTo(1);
        }

        @Test
        void of_nothing_stores_nothing_and_says_so() {
            ImportSummary summary = run(List.of());

            assertThat(summary).isEqualTo(new ImportSummary(0, 0, 0, 0, Duration.ZERO, Optional.empty()));
            assertThat(recorder.committing).hasSize(1);
        }

        @Test
        void measures_its_time_by_the_clock() {
            Iterator<ImportRecord> slow = new Iterator<>() {
                private int left = 2;

                @Override
                public boolean hasNext() {
                    return left > 0;
                }

                @Override
                public ImportRecord next() {
                    clock.advance(Duration.ofSeconds(3));
                    return numbered(left--);
                }
            };

            ImportSummary summary = importBooks.importBooks(ImportBooksCommand.of(slow));

            assertThat(summary.elapsed()).isEqualTo(Duration.ofSeconds(6));
        }
    }

    @Nested
    class InvalidRecords {

        @Test
        void are_rejected_with_their_position_and_every_violation_while_the_rest_is_stored() {
            ImportSummary summary = run(List.of(
                    numbered(1),
                    record(2, " ", "Someone", null, "978-0-00-000000-1", 0),
                    numbered(3)));

            assertThat(summary).isEqualTo(new ImportSummary(3, 2, 1, 0, Duration.ZERO, Optional.empty()));
            assertThat(recorder.rejections).containsExactly(ImportRejection.invalid(RecordPosition.line(2), List.of(
                    new FieldViolation("title", "must not be blank"),
                    new FieldViolation("isbn", "has an invalid check digit"),
                    new FieldViolation("publishedYear", "must be 1 or later"))));
            assertThat(recorder.rejections.get(0).reason())
                    .isEqualTo("title must not be blank; isbn has an invalid check digit; publishedYear must be 1 or later");
            assertThat(catalogue()).hasSize(2);
        }

        @Test
        void a_year_after_next_year_by_the_clock_is_refused() {
            run(List.of(record(1, "Tomorrow's Book", "Someone", null, null, 2028)));

            assertThat(recorder.rejections).extracting(ImportRejection::reason)
                    .containsExactly("publishedYear must be 2027 or earlier");
        }

        @Test
        void report_what_the_reader_found_first_and_the_domains_findings_on_the_other_fields() {
            ImportRecord wrongTypes = ImportRecord.of(RecordPosition.element(4, 9),
                    new CreateBookCommand(null, "Someone", null, "123", null),
                    List.of(new FieldViolation("title", "must be a string"),
                            new FieldViolation("publisher", "is not a field of a book")));

            run(List.of(wrongTypes));

            assertThat(recorder.rejections).containsExactly(ImportRejection.invalid(RecordPosition.element(4, 9),
                    List.of(new FieldViolation("title", "must be a string"),
                            new FieldViolation("publisher", "is not a field of a book"),
                            new FieldViolation("isbn", "must be an ISBN-10 or ISBN-13"))));
        }

        @Test
        void with_only_a_readers_finding_are_rejected_although_the_domain_accepts_the_other_fields() {
            ImportRecord unknownField = ImportRecord.of(RecordPosition.line(1),
                    new CreateBookCommand("Dune", "Frank Herbert", null, null, null),
                    List.of(new FieldViolation("id", "is read-only")));

            ImportSummary summary = run(List.of(unknownField));

            assertThat(summary.rejectedInvalid()).isEqualTo(1);
            assertThat(recorder.rejections).extracting(ImportRejection::reason).containsExactly("id is read-only");
            assertThat(catalogue()).isEmpty();
        }

        @Test
        void a_record_that_is_not_a_book_at_all_is_rejected_with_the_readers_reason() {
            run(List.of(ImportRecord.unreadable(RecordPosition.line(3), "is not a JSON object (got an array)")));

            assertThat(recorder.rejections).extracting(ImportRejection::reason)
                    .containsExactly("record is not a JSON object (got an array)");
        }
    }

    @Nested
    class Duplicates {

        @Test
        void of_a_stored_book_or_of_an_earlier_record_are_rejected_by_their_rule() {
            BookUseCases.using(store, clock).createBook()
                    .create(new CreateBookCommand("Dune", "Frank Herbert", null, "9780441013593", 1965));

            ImportSummary summary = run(List.of(
                    record(1, "DUNE", "frank herbert", null, null, null),
                    record(2, "Emma", "Jane Austen", null, "9780141439587", null),
                    record(3, "Emma (again)", "J. Austen", null, "0141439580", null),
                    record(4, "Dune Messiah", "Frank Herbert", null, "9780441013593", null)));

            assertThat(summary).isEqualTo(new ImportSummary(4, 1, 0, 3, Duration.ZERO, Optional.empty()));
            assertThat(recorder.rejections).containsExactly(
                    ImportRejection.duplicate(RecordPosition.line(1), DuplicateBookException.Rule.TITLE_AND_AUTHOR),
                    ImportRejection.duplicate(RecordPosition.line(3), DuplicateBookException.Rule.ISBN),
                    ImportRejection.duplicate(RecordPosition.line(4), DuplicateBookException.Rule.ISBN));
            assertThat(recorder.rejections.get(0).reason()).isEqualTo("a book with this title and author already exists");
        }

        @Test
        void across_batches_are_found_too() {
            List<ImportRecord> records = new ArrayList<>(numbered(1, 5));
            records.add(record(6, "title 2", "AUTHOR 2", null, null, null));

            ImportSummary summary = run(records, false, 2);

            assertThat(summary.imported()).isEqualTo(5);
            assertThat(recorder.rejections).containsExactly(
                    ImportRejection.duplicate(RecordPosition.line(6), DuplicateBookException.Rule.TITLE_AND_AUTHOR));
        }

        @Test
        void and_invalid_records_are_reported_in_input_order() {
            ImportSummary summary = run(List.of(
                    numbered(1),
                    numbered(1),
                    record(3, null, "Someone", null, null, null),
                    numbered(1)));

            assertThat(summary.rejected()).isEqualTo(3);
            assertThat(recorder.rejections).extracting(ImportRejection::position).containsExactly(
                    RecordPosition.line(1), RecordPosition.line(3), RecordPosition.line(1));
            assertThat(recorder.rejections).extracting(ImportRejection::isDuplicate).containsExactly(true, false, true);
        }
    }

    @Nested
    class StrictMode {

        @Test
        void stops_at_the_first_invalid_record_and_stores_nothing_not_even_earlier_batches() {
            List<ImportRecord> records = new ArrayList<>(numbered(1, 5));
            records.add(record(6, "", "Someone", null, null, null));
            records.addAll(numbered(7, 3));

            ImportSummary summary = run(records, true, 2);

            assertThat(summary.completed()).isFalse();
            assertThat(summary.stoppedBy()).contains(ImportRejection.invalid(RecordPosition.line(6),
                    List.of(new FieldViolation("title", "must not be blank"))));
            assertThat(summary).extracting(ImportSummary::read, ImportSummary::imported, ImportSummary::rejectedInvalid)
                    .containsExactly(6L, 0L, 1L);
            assertThat(recorder.rejections).containsExactly(summary.stoppedBy().orElseThrow());
            assertThat(catalogue()).isEmpty();
        }

        @Test
        void reports_a_duplicate_earlier_in_the_batch_rather_than_a_later_invalid_record() {
            ImportSummary summary = run(List.of(
                    numbered(1),
                    record(2, "title 1", "author 1", null, null, null),
                    record(3, null, null, null, null, null)), true, 100);

            assertThat(summary.stoppedBy()).contains(
                    ImportRejection.duplicate(RecordPosition.line(2), DuplicateBookException.Rule.TITLE_AND_AUTHOR));
            assertThat(summary).extracting(ImportSummary::rejectedInvalid, ImportSummary::rejectedDuplicate)
                    .containsExactly(0L, 1L);
            assertThat(catalogue()).isEmpty();
        }

        @Test
        void stops_at_a_duplicate_in_a_later_batch_and_stores_nothing() {
            List<ImportRecord> records = new ArrayList<>(numbered(1, 4));
            records.add(numbered(2));

            ImportSummary summary = run(records, true, 2);

            assertThat(summary.stoppedBy().map(ImportRejection::position)).contains(RecordPosition.line(2));
            assertThat(summary.read()).isEqualTo(5);
            assertThat(catalogue()).isEmpty();
        }

        @Test
        void with_nothing_to_reject_imports_everything() {
            ImportSummary summary = run(numbered(1, 5), true, 2);

            assertThat(summary.completed()).isTrue();
            assertThat(summary.imported()).isEqualTo(5);
        }
    }

    @Nested
    class Reporting {

        @Test
        void progress_comes_after_every_batch_and_before_the_commit() {
            List<ImportRecord> records = new ArrayList<>(numbered(1, 5));
            records.add(record(6, null, "Someone", null, null, null));
            records.add(numbered(7));

            run(records, false, 3);

            assertThat(recorder.progress).extracting(ImportProgress::read, ImportProgress::accepted,
                            ImportProgress::rejected)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(3L, 3L, 0L),
                            org.assertj.core.groups.Tuple.tuple(6L, 5L, 1L),
                            org.assertj.core.groups.Tuple.tuple(7L, 6L, 1L));
            assertThat(recorder.committing).extracting(ImportProgress::read).containsExactly(7L);
            assertThat(recorder.storedWhenCommitting).isZero();
        }

        @Test
        void a_run_of_invalid_records_still_reports_every_batch() {
            List<ImportRecord> records = IntStream.rangeClosed(1, 7)
                    .mapToObj(line -> record(line, null, null, null, null, null)).toList();

            ImportSummary summary = run(records, false, 3);

            assertThat(recorder.progress).extracting(ImportProgress::read).containsExactly(3L, 6L, 7L);
            assertThat(summary.rejectedInvalid()).isEqualTo(7);
        }
    }

    @Nested
    class AFailedImport {

        @Test
        void when_the_input_breaks_stores_nothing_rethrows_and_frees_the_store_for_the_next_import() {
            Iterator<ImportRecord> breaking = new Iterator<>() {
                private int line;

                @Override
                public boolean hasNext() {
                    if (line == 4) {
                        throw new IllegalStateException("the input is damaged at line 5");
                    }
                    return true;
                }

                @Override
                public ImportRecord next() {
                    return numbered(++line);
                }
            };

            assertThatThrownBy(() -> importBooks.importBooks(ImportBooksCommand.of(breaking).withBatchSize(2)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("line 5");
            assertThat(catalogue()).isEmpty();
            assertThat(run(numbered(1, 1)).imported()).isEqualTo(1);
        }

        @Test
        void when_the_store_is_unavailable_stores_nothing() {
            store.setAvailable(false);

            assertThatThrownBy(() -> run(numbered(1, 3))).isInstanceOf(StoreUnavailableException.class);

            store.setAvailable(true);
            assertThat(catalogue()).isEmpty();
        }
    }

    /** Everything the use case reports, and what the store held when the commit began. */
    private final class Recorder implements ImportListener {

        final List<ImportRejection> rejections = new ArrayList<>();
        final List<ImportProgress> progress = new ArrayList<>();
        final List<ImportProgress> committing = new ArrayList<>();
        int storedWhenCommitting = -1;

        @Override
        public void rejected(ImportRejection rejection) {
            rejections.add(rejection);
        }

        @Override
        public void progressed(ImportProgress soFar) {
            progress.add(soFar);
        }

        @Override
        public void committing(ImportProgress soFar) {
            committing.add(soFar);
            storedWhenCommitting = store.size();
        }
    }
}
