package dev.books.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.books.application.Change;
import dev.books.application.CreateBookCommand;
import dev.books.application.UpdateBookCommand;
import dev.books.domain.BookId;
import dev.books.domain.FieldViolation;
import dev.books.domain.InvalidBookException;
import java.io.IOException;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class BookJsonTest {

    private static final JsonFactory JSON = new JsonFactory();

    @Test
    void values_of_the_right_type_become_the_command_and_nothing_is_flagged() throws IOException {
        BookFields fields = read("""
                {"title": "Dune", "author": "Frank Herbert", "category": "SF", "isbn": "9780441013593",
                 "publishedYear": 1965}""", BookJson.Repeats.REFUSE);

        assertThat(fields.toCreateCommand())
                .isEqualTo(new CreateBookCommand("Dune", "Frank Herbert", "SF", "9780441013593", 1965));
        assertThat(fields.problems().isEmpty()).isTrue();
    }

    @Test
    void absent_is_kept_null_clears_a_value_replaces() throws IOException {
        BookFields fields = read("{\"category\": null, \"publishedYear\": 1970}", BookJson.Repeats.REFUSE);
        BookId id = BookId.parse("01890a5d-ac96-774b-bcce-b302099a8057").orElseThrow();

        UpdateBookCommand patch = fields.toUpdateCommand(id, OptionalLong.of(3));

        assertThat(patch.title()).isEqualTo(Change.keep());
        assertThat(patch.category()).isEqualTo(Change.clear());
        assertThat(patch.publishedYear()).isEqualTo(Change.to(1970));
        assertThat(patch.expectedVersion()).hasValue(3);
    }

    @Test
    void wrong_types_unknown_and_read_only_fields_are_named_and_the_field_is_left_out() throws IOException {
        BookFields fields = read("""
                {"title": 42, "author": ["x"], "publishedYear": "1999", "isbn": 1.5, "id": "x", "color": {"r": 1},
                 "category": "SF"}""", BookJson.Repeats.REFUSE);

        assertThat(fields.problems().violations()).containsExactly(
                new FieldViolation("title", BookJson.NOT_A_STRING),
                new FieldViolation("author", BookJson.NOT_A_STRING),
                new FieldViolation("publishedYear", BookJson.NOT_AN_INTEGER),
                new FieldViolation("isbn", BookJson.NOT_A_STRING),
                new FieldViolation("id", BookJson.READ_ONLY),
                new FieldViolation("color", BookJson.UNKNOWN));
        assertThat(fields.toCreateCommand().title()).isNull();
        assertThat(fields.toCreateCommand().category()).isEqualTo("SF");
    }

    @Test
    void a_year_beyond_an_int_is_out_of_range() throws IOException {
        BookFields fields = read("{\"publishedYear\": 3000000000}", BookJson.Repeats.REFUSE);

        assertThat(fields.problems().violations()).containsExactly(
                new FieldViolation("publishedYear", BookJson.OUT_OF_RANGE));
    }

    @Test
    void past_twenty_other_fields_the_rest_are_only_counted() throws IOException {
        StringBuilder body = new StringBuilder("{\"title\": \"Dune\"");
        for (int i = 0; i < 1000; i++) {
            body.append(", \"f").append(i).append("\": [1, {\"deep\": [2]}]");
        }
        BookFields fields = read(body.append('}').toString(), BookJson.Repeats.REFUSE);

        assertThat(fields.problems().violations()).hasSize(InvalidBookException.MAX_LISTED);
        assertThat(fields.problems().unlisted()).isEqualTo(1000 - InvalidBookException.MAX_LISTED);
        assertThat(fields.toCreateCommand().title()).isEqualTo("Dune");
    }

    @Test
    void a_repeated_field_refuses_the_document_or_is_named_as_asked() throws IOException {
        String twice = "{\"title\": \"a\", \"author\": \"b\", \"title\": \"c\"}";

        assertThatThrownBy(() -> read(twice, BookJson.Repeats.REFUSE))
                .isInstanceOfSatisfying(RepeatedFieldException.class, e -> assertThat(e.field()).isEqualTo("title"));
        BookFields reported = read(twice, BookJson.Repeats.REPORT);
        assertThat(reported.problems().violations())
                .containsExactly(new FieldViolation("title", BookJson.REPEATED));
        assertThat(reported.toCreateCommand().title()).as("neither value is used").isNull();
        assertThat(reported.toCreateCommand().author()).isEqualTo("b");
    }

    @Test
    void the_parser_is_left_on_the_closing_brace() throws IOException {
        try (JsonParser parser = JSON.createParser("{\"title\": \"a\", \"x\": [[[]]]} 42")) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            BookJson.read(parser, BookJson.Repeats.REFUSE);

            assertThat(parser.currentToken()).isEqualTo(JsonToken.END_OBJECT);
            assertThat(parser.nextToken()).isEqualTo(JsonToken.VALUE_NUMBER_INT);
        }
    }

    @Test
    void a_problem_added_by_the_adapter_joins_the_others_once() throws IOException {
        BookFields fields = read("{\"title\": 1}", BookJson.Repeats.REFUSE)
                .withProblem("title", "something else")
                .withProblem("author", "too long");

        assertThat(fields.problems().violations()).containsExactly(
                new FieldViolation("title", BookJson.NOT_A_STRING), new FieldViolation("author", "too long"));
    }

    private static BookFields read(String json, BookJson.Repeats repeats) throws IOException {
        try (JsonParser parser = JSON.createParser(json)) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            return BookJson.read(parser, repeats);
        }
    }
}
