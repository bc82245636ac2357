package dev.books.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.books.application.CreateBookCommand;
import dev.books.application.ImportRecord;
import dev.books.application.RecordPosition;
import dev.books.domain.FieldViolation;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BookRecordReaderTest {

    private static BookRecordReader reader(String json) {
        return reader(json.getBytes(StandardCharsets.UTF_8));
    }

    private static BookRecordReader reader(byte[] bytes) {
        return BookRecordReader.of(new ByteArrayInputStream(bytes));
    }

    private static List<ImportRecord> readAll(String json) {
        List<ImportRecord> records = new ArrayList<>();
        try (BookRecordReader reader = reader(json)) {
            reader.forEachRemaining(records::add);
        }
        return records;
    }

    private static ImportRecord read(String object) {
        List<ImportRecord> records = readAll(object);
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    private static ImportRecord book(RecordPosition position, String title, String author, String category,
            String isbn, Integer year, FieldViolation... problems) {
        return ImportRecord.of(position, new CreateBookCommand(title, author, category, isbn, year), List.of(problems));
    }

    @Nested
    class Shapes {

        @Test
        void ndjson_records_are_positioned_by_line_and_blank_lines_are_skipped() {
            List<ImportRecord> records = readAll("""
                    {"title":"Dune","author":"Frank Herbert","category":"Science Fiction","isbn":"9780441013593","publishedYear":1965}

                    {"title":"Emma","author":"Jane Austen"}
                      \t
                    {"author":"Anonymous","title":"Beowulf","category":null}
                    """);

            assertThat(records).containsExactly(
                    book(RecordPosition.line(1), "Dune", "Frank Herbert", "Science Fiction", "9780441013593", 1965),
                    book(RecordPosition.line(3), "Emma", "Jane Austen", null, null, null),
                    book(RecordPosition.line(5), "Beowulf", "Anonymous", null, null, null));
        }

        @Test
        void windows_line_ends_count_as_one_line_each() {
            List<ImportRecord> records = readAll("{\"title\":\"A\",\"author\":\"B\"}\r\n\r\n{\"title\":\"C\",\"author\":\"D\"}\r\n");

            assertThat(records).extracting(ImportRecord::position)
                    .containsExactly(RecordPosition.line(1), RecordPosition.line(3));
        }

        @Test
        void the_elements_of_a_json_array_are_positioned_by_index_and_the_line_they_start_on() {
            List<ImportRecord> records = readAll("""
                    [
                      {"title": "Dune", "author": "Frank Herbert"},
                      {
                        "title": "Emma",
                        "author": "Jane Austen"
                      }, {"title": "Beowulf", "author": "Anonymous"}
                    ]
                    """);

            assertThat(records).extracting(ImportRecord::position).containsExactly(
                    RecordPosition.element(0, 2), RecordPosition.element(1, 3), RecordPosition.element(2, 6));
            assertThat(records.get(1).fields()).contains(new CreateBookCommand("Emma", "Jane Austen", null, null, null));
        }

        @Test
        void an_empty_input_an_empty_array_and_whitespace_hold_no_records() {
            assertThat(readAll("")).isEmpty();
            assertThat(readAll(" \n\n ")).isEmpty();
            assertThat(readAll("[]")).isEmpty();
            assertThat(readAll("\n[ ]\n")).isEmpty();
        }

        @Test
        void a_utf8_byte_order_mark_is_skipped_in_either_shape() {
            byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
            byte[] ndjson = "{\"title\":\"Ñandú\",\"author\":\"Ana\"}\n".getBytes(StandardCharsets.UTF_8);
            byte[] array = "[{\"title\":\"Ñandú\",\"author\":\"Ana\"}]".getBytes(StandardCharsets.UTF_8);

            assertThat(readBytes(withPrefix(bom, ndjson))).containsExactly(
                    book(RecordPosition.line(1), "Ñandú", "Ana", null, null, null));
            assertThat(readBytes(withPrefix(bom, array))).containsExactly(
                    book(RecordPosition.element(0, 1), "Ñandú", "Ana", null, null, null));
        }

        private static List<ImportRecord> readBytes(byte[] bytes) {
            List<ImportRecord> records = new ArrayList<>();
            try (BookRecordReader reader = reader(bytes)) {
                reader.forEachRemaining(records::add);
            }
            return records;
        }

        private static byte[] withPrefix(byte[] prefix, byte[] rest) {
            byte[] all = new byte[prefix.length + rest.length];
            System.arraycopy(prefix, 0, all, 0, prefix.length);
            System.arraycopy(rest, 0, all, prefix.length, rest.length);
            return all;
        }

        @Test
        void reports_how_far_into_the_input_it_is() {
            try (BookRecordReader reader = reader("{\"title\":\"A\",\"author\":\"B\"}\n{\"title\":\"C\",\"author\":\"D\"}\n")) {
                reader.next();
                long afterFirst = reader.bytesRead();
                reader.next();

                assertThat(afterFirst).isBetween(20L, 30L);
                assertThat(reader.bytesRead()).isGreaterThan(afterFirst);
            }
        }
    }

    @Nested
    class RecordsTheUseCaseWillReject {

        /** (A first line holding an array would make the whole input a JSON array: the first value decides.) */
        @Test
        void a_record_that_is_not_an_object_says_what_it_is_and_the_next_is_read() {
            List<ImportRecord> records = readAll("""
                    "Emma"
                    ["Dune", "Frank Herbert"]
                    42
                    null
                    {"title":"Beowulf","author":"Anonymous"}
                    """);

            assertThat(records).containsExactly(
                    ImportRecord.unreadable(RecordPosition.line(1), "is not a JSON object (found a string)"),
                    ImportRecord.unreadable(RecordPosition.line(2), "is not a JSON object (found an array)"),
                    ImportRecord.unreadable(RecordPosition.line(3), "is not a JSON object (found a number)"),
                    ImportRecord.unreadable(RecordPosition.line(4), "is not a JSON object (found null)"),
                    book(RecordPosition.line(5), "Beowulf", "Anonymous", null, null, null));
        }

        @Test
        void elements_of_an_array_that_are_not_objects_are_records_too() {
            List<ImportRecord> records = readAll("[{\"title\":\"A\",\"author\":\"B\"}, [1, [2]], true]");

            assertThat(records).extracting(ImportRecord::position)
                    .containsExactly(RecordPosition.element(0, 1), RecordPosition.element(1, 1),
                            RecordPosition.element(2, 1));
            assertThat(records.get(2).problems())
                    .containsExactly(new FieldViolation("record", "is not a JSON object (found a boolean)"));
        }

        @Test
        void fields_of_the_wrong_type_are_named_and_left_out_and_the_rest_of_the_record_is_read() {
            ImportRecord record = read("""
                    {"title": 1984, "author": {"first": "George", "last": ["Orwell"]}, "category": true,
                     "isbn": ["9780451524935"], "publishedYear": "1949"}
                    """);

            assertThat(record).isEqualTo(book(RecordPosition.line(1), null, null, null, null, null,
                    new FieldViolation("title", "must be a string"),
                    new FieldViolation("author", "must be a string"),
                    new FieldViolation("category", "must be a string"),
                    new FieldViolation("isbn", "must be a string"),
                    new FieldViolation("publishedYear", "must be an integer")));
        }

        @Test
        void a_year_must_be_a_whole_number_that_fits() {
            assertThat(read("{\"title\":\"A\",\"author\":\"B\",\"publishedYear\":1949.0}").problems())
                    .containsExactly(new FieldViolation("publishedYear", "must be an integer"));
            assertThat(read("{\"title\":\"A\",\"author\":\"B\",\"publishedYear\":99999999999}").problems())
                    .containsExactly(new FieldViolation("publishedYear", "is out of range"));
            assertThat(read("{\"title\":\"A\",\"author\":\"B\",\"publishedYear\":-3}").fields().orElseThrow()
                    .publishedYear()).isEqualTo(-3);
        }

        @Test
        void unknown_and_read_only_fields_are_named_whatever_their_value() {
            ImportRecord record = read("""
                    {"id": "019b76da-a801-78f8-83c7-970f589d5253", "title": "Dune", "publisher": {"name": "Chilton"},
                     "author": "Frank Herbert", "version": 3}
                    """);

            assertThat(record).isEqualTo(book(RecordPosition.line(1), "Dune", "Frank Herbert", null, null, null,
                    new FieldViolation("id", "is read-only"),
                    new FieldViolation("publisher", "is not a field of a book"),
                    new FieldViolation("version", "is read-only")));
        }

        @Test
        void a_repeated_field_is_named_and_neither_value_is_used() {
            ImportRecord record = read("{\"title\":\"Dune\",\"author\":\"Frank Herbert\",\"title\":\"Emma\"}");

            assertThat(record).isEqualTo(book(RecordPosition.line(1), null, "Frank Herbert", null, null, null,
                    new FieldViolation("title", "appears more than once")));
        }

        @Test
        void null_stands_for_an_absent_field() {
            assertThat(read("{\"title\":null,\"author\":\"B\",\"isbn\":null,\"publishedYear\":null}"))
                    .isEqualTo(book(RecordPosition.line(1), null, "B", null, null, null));
        }
    }

    @Nested
    class InputThatIsNotWellFormed {

        @Test
        void stops_ndjson_where_it_breaks_after_handing_out_the_records_before() {
            try (BookRecordReader reader = reader("""
                    {"title":"Dune","author":"Frank Herbert"}
                    {"title":"Emma","author":"Jane Austen"}
                    {"title":"Beowulf" "author":"Anonymous"}
                    {"title":"Ulysses","author":"James Joyce"}
                    """)) {
                assertThat(reader.next().position()).isEqualTo(RecordPosition.line(1));
                assertThat(reader.next().position()).isEqualTo(RecordPosition.line(2));

                assertThatThrownBy(reader::hasNext).isInstanceOfSatisfying(UnreadableInputException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.column()).isEqualTo(20);
                    assertThat(e.getMessage()).startsWith("line 3, column 20: not well-formed JSON: Unexpected character");
                });
            }
        }

        @Test
        void stops_an_array_where_it_breaks() {
            try (BookRecordReader reader = reader("[{\"title\":\"A\",\"author\":\"B\"},\n {\"title\":\"C\",,}]")) {
                reader.next();

                assertThatThrownBy(reader::next).isInstanceOfSatisfying(UnreadableInputException.class,
                        e -> assertThat(e.line()).isEqualTo(2));
            }
        }

        @Test
        void an_array_that_is_never_closed_is_not_well_formed() {
            try (BookRecordReader reader = reader("[{\"title\":\"A\",\"author\":\"B\"},\n")) {
                reader.next();

                assertThatThrownBy(reader::hasNext).isInstanceOf(UnreadableInputException.class)
                        .hasMessageContaining("end-of-input");
            }
        }

        @Test
        void anything_after_the_array_is_not_well_formed() {
            try (BookRecordReader reader = reader("[{\"title\":\"A\",\"author\":\"B\"}]\n{\"title\":\"C\",\"author\":\"D\"}")) {
                reader.next();

                assertThatThrownBy(reader::hasNext).isInstanceOfSatisfying(UnreadableInputException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("after the closing ]");
                });
            }
        }

        @Test
        void a_truncated_last_line_is_not_well_formed() {
            try (BookRecordReader reader = reader("{\"title\":\"A\",\"author\":\"B\"}\n{\"title\":\"C\",\"auth")) {
                reader.next();

                assertThatThrownBy(reader::hasNext).isInstanceOfSatisfying(UnreadableInputException.class,
                        e -> assertThat(e.line()).isEqualTo(2));
            }
        }

        @Test
        void two_records_on_one_ndjson_line_are_not_well_formed() {
            try (BookRecordReader reader = reader("{\"title\":\"A\",\"author\":\"B\"} {\"title\":\"C\",\"author\":\"D\"}\n")) {
                reader.next();

                assertThatThrownBy(reader::hasNext).isInstanceOf(UnreadableInputException.class)
                        .hasMessageContaining("one record per line");
            }
        }

        @Test
        void bytes_that_are_not_utf8_are_not_well_formed() {
            byte[] latin1 = "{\"title\":\"Se\u00f1or\",\"author\":\"B\"}".getBytes(StandardCharsets.ISO_8859_1);
            try (BookRecordReader reader = reader(latin1)) {
                assertThatThrownBy(reader::hasNext).isInstanceOf(UnreadableInputException.class)
                        .hasMessageContaining("UTF-8");
            }
        }
    }

    @Test
    void the_fields_of_a_record_are_empty_only_when_it_is_not_an_object() {
        assertThat(read("{}").fields()).contains(new CreateBookCommand(null, null, null, null, null));
        assertThat(read("[[]]").fields()).isEqualTo(Optional.empty());
    }
}
