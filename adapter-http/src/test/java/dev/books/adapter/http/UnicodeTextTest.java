package dev.books.adapter.http;

import static dev.books.adapter.http.ApiAssertions.assertProblem;
import static dev.books.adapter.http.ApiAssertions.errors;
import static dev.books.adapter.http.ApiAssertions.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The text rules of ADR 0009 as a client meets them: Unicode forms of one work are one work (409), invisible or
 * direction-changing text is refused naming the field (422, or 400 for a query), and text comes back composed.
 */
class UnicodeTextTest {

    private static final String FORMATTING = "must not contain invisible formatting characters (found %s)";

    private RunningApi api;

    @BeforeEach
    void start() {
        api = RunningApi.start();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private HttpResponse<String> create(String title, String author) {
        return api.post("/books", "{\"title\": \"" + title + "\", \"author\": \"" + author + "\"}");
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "title {0}")
    @CsvSource(delimiter = '|', value = {
        "\\u200b             | U+200B ZERO WIDTH SPACE",
        "\\u202eenuD         | U+202E RIGHT-TO-LEFT OVERRIDE",
        "Dune\\u2067         | U+2067 RIGHT-TO-LEFT ISOLATE",
        "Du\\u200ene         | U+200E LEFT-TO-RIGHT MARK",
        "\\ufeffDune         | U+FEFF ZERO WIDTH NO-BREAK SPACE",
        "\\u200dDune         | U+200D ZERO WIDTH JOINER",
    })
    void a_title_with_an_invisible_formatting_character_is_422_naming_the_title_and_the_character(
            String title, String named) {
        HttpResponse<String> response = create(title, "Frank Herbert");

        assertThat(errors(assertProblem(response, 422, "invalid-book")))
                .containsExactly(entry("title", FORMATTING.formatted(named)));
        assertThat(api.repository.size()).isZero();
    }

    @Test
    void an_author_and_a_category_with_nothing_visible_are_422_naming_each() {
        HttpResponse<String> response = api.post("/books",
                "{\"title\": \"Dune\", \"author\": \"\\u3164\", \"category\": \"\\u2800 \\u115f\"}");

        assertThat(errors(assertProblem(response, 422, "invalid-book"))).containsExactly(
                entry("author", "must contain at least one visible character"),
                entry("category", "must contain at least one visible character"));
    }

    @Test
    void changing_a_title_to_a_right_to_left_override_is_422_and_changes_nothing() {
        JsonNode book = json(create("Dune", "Frank Herbert"));

        HttpResponse<String> response = api.patch("/books/" + book.path("id").asText(),
                "{\"title\": \"\\u202eenuD\"}");

        assertThat(errors(assertProblem(response, 422, "invalid-book")))
                .containsExactly(entry("title", FORMATTING.formatted("U+202E RIGHT-TO-LEFT OVERRIDE")));
        assertThat(json(api.get("/books/" + book.path("id").asText())).path("title").asText()).isEqualTo("Dune");
    }

    @Test
    void a_decomposed_title_is_stored_and_answered_composed() {
        HttpResponse<String> response = create("Cafe\\u0301 Society", "Rene\\u0301e Fleming");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(json(response).path("title").asText()).isEqualTo("Caf\u00E9 Society");
        assertThat(json(response).path("author").asText()).isEqualTo("Ren\u00E9e Fleming");
    }

    @Test
    void composed_and_decomposed_cafe_are_one_work_409() {
        assertThat(create("Caf\\u00e9", "Somebody").statusCode()).isEqualTo(201);

        HttpResponse<String> response = create("Cafe\\u0301", "Somebody");

        assertThat(assertProblem(response, 409, "duplicate-book").path("detail").asText())
                .contains("title and author");
        assertThat(api.repository.size()).isEqualTo(1);
    }

    @Test
    void full_width_dune_is_dune_409() {
        assertThat(create("Dune", "Frank Herbert").statusCode()).isEqualTo(201);

        HttpResponse<String> response = create("\\uff24\\uff55\\uff4e\\uff45",
                "\\uff26\\uff52\\uff41\\uff4e\\uff4b \\uff28\\uff45\\uff52\\uff42\\uff45\\uff52\\uff54");

        assertProblem(response, 409, "duplicate-book");
        assertThat(api.repository.size()).isEqualTo(1);
    }

    @Test
    void an_emoji_sequence_joined_by_zwj_and_persian_with_a_zwnj_are_kept_as_sent() {
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
        String persian = "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645";

        HttpResponse<String> response = create(family + " Stories", persian);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(json(response).path("title").asText()).isEqualTo(family + " Stories");
        assertThat(json(response).path("author").asText()).isEqualTo(persian);
    }

    @Test
    void the_exact_filters_and_search_see_through_unicode_forms() {
        String id = json(create("Caf\\u00e9 Society", "Frank Herbert")).path("id").asText();

        JsonNode byFullWidthAuthor = json(api.get("/books?author="
                + query("\uFF26\uFF52\uFF41\uFF4E\uFF4B \uFF28\uFF45\uFF52\uFF42\uFF45\uFF52\uFF54")));
        JsonNode byDecomposedTitle = json(api.get("/books?title=" + query("cafe\u0301 society")));
        JsonNode searchDecomposed = json(api.get("/books?q=" + query("cafe\u0301")));

        assertThat(byFullWidthAuthor.path("items").findValuesAsText("id")).containsExactly(id);
        assertThat(byDecomposedTitle.path("items").findValuesAsText("id")).containsExactly(id);
        assertThat(searchDecomposed.path("items").findValuesAsText("id")).containsExactly(id);
    }

    @Test
    void an_invisible_filter_or_search_text_is_400_naming_the_parameter() {
        JsonNode problem = assertProblem(api.get("/books?title=" + query("\u200B") + "&q=" + query("\u3164")), 400,
                "invalid-query");

        assertThat(errors(problem)).containsExactly(
                entry("title", FORMATTING.formatted("U+200B ZERO WIDTH SPACE")),
                entry("q", "must contain at least one visible character"));
    }
}
