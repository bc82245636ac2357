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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ListBooksTest {

    private RunningApi api;

    @BeforeEach
    void start() {
        api = RunningApi.start();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void an_empty_catalogue_is_an_empty_page() {
        HttpResponse<String> response = api.get("/books");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(response.body()).isEqualTo("{\"items\":[],\"nextCursor\":null}");
    }

    @Test
    void pages_follow_next_cursor_newest_first_to_the_end() {
        List<String> created = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            created.add(create("Book " + i, "Author " + i, null));
        }

        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String path = "/books?limit=3";
        while (path != null) {
            JsonNode page = json(api.get(path));
            pageSizes.add(page.path("items").size());
            page.path("items").forEach(book -> seen.add(book.path("title").asText()));
            path = page.path("nextCursor").isNull() ? null
                    : "/books?limit=3&cursor=" + encode(page.path("nextCursor").asText());
        }

        assertThat(pageSizes).containsExactly(3, 3, 1);
        assertThat(seen).containsExactly("Book 7", "Book 6", "Book 5", "Book 4", "Book 3", "Book 2", "Book 1");
        assertThat(created).hasSize(7);
    }

    @Test
    void the_default_page_holds_20_books() {
        for (int i = 1; i <= 21; i++) {
            create("Book " + i, "Author", null);
        }

        JsonNode page = json(api.get("/books"));

        assertThat(page.path("items").size()).isEqualTo(20);
        assertThat(page.path("nextCursor").isTextual()).isTrue();
    }

    @Test
    void exact_filters_ignore_case_and_combine() {
        create("The Hobbit", "J. R. R. Tolkien", "Fantasy");
        create("The Silmarillion", "J. R. R. Tolkien", "Fantasy");
        create("Roverandom", "J. R. R. Tolkien", "Children");
        create("A Wizard of Earthsea", "Ursula K. Le Guin", "fantasy");

        assertThat(titles("/books?title=the%20HOBBIT")).containsExactly("The Hobbit");
        assertThat(titles("/books?author=" + encode("j. r. r. TOLKIEN"))).hasSize(3);
        assertThat(titles("/books?category=FANTASY")).hasSize(3);
        assertThat(titles("/books?category=fantasy&author=" + encode("J. R. R. Tolkien")))
                .containsExactly("The Silmarillion", "The Hobbit");
        assertThat(titles("/books?title=Hobbit")).isEmpty();
    }

    @Test
    void q_searches_titles_and_authors_fuzzily_best_match_first() {
        create("The Hobbit", "J. R. R. Tolkien", null);
        create("Hobbit", "Anonymous", null);
        create("Moby-Dick", "Herman Melville", null);
        create("Things Fall Apart", "Chinua Achebe", null);

        assertThat(titles("/books?q=hobbit")).containsExactly("Hobbit", "The Hobbit");
        assertThat(titles("/books?q=" + encode("chinua achebee"))).containsExactly("Things Fall Apart");
        assertThat(titles("/books?q=quantum")).isEmpty();
    }

    @Test
    void search_results_paginate_through_the_cursor_too() {
        for (int i = 1; i <= 5; i++) {
            create("Foundation", "Writer " + i, null);
        }

        JsonNode first = json(api.get("/books?q=foundation&limit=3"));
        JsonNode second = json(api.get("/books?q=foundation&limit=3&cursor="
                + encode(first.path("nextCursor").asText())));

        assertThat(first.path("items").size()).isEqualTo(3);
        assertThat(second.path("items").size()).isEqualTo(2);
        assertThat(second.path("nextCursor").isNull()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "100", "20"})
    void limits_from_1_to_100_are_accepted(String limit) {
        for (int i = 1; i <= 3; i++) {
            create("Book " + i, "Author", null);
        }

        JsonNode page = json(api.get("/books?limit=" + limit));

        assertThat(page.path("items").size()).isEqualTo(Math.min(3, Integer.parseInt(limit)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-1", "99999999999"})
    void a_limit_out_of_range_is_400(String limit) {
        JsonNode problem = assertProblem(api.outOfContract().get("/books?limit=" + limit), 400, "invalid-query");

        assertThat(errors(problem)).containsExactly(entry("limit", "must be between 1 and 100"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "", "1.5", "1e2", "%2B", "0x10"})
    void a_limit_that_is_not_a_number_is_400(String limit) {
        JsonNode problem = assertProblem(api.outOfContract().get("/books?limit=" + limit), 400, "invalid-query");

        assertThat(errors(problem)).containsOnlyKeys("limit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "!!"})
    void a_cursor_this_service_did_not_issue_is_400(String cursor) {
        JsonNode problem = assertProblem(api.get("/books?cursor=" + encode(cursor)), 400, "invalid-query");

        assertThat(errors(problem)).containsOnlyKeys("cursor");
    }

    @Test
    void a_cursor_replayed_against_another_query_is_400() {
        create("Book 1", "Author", null);
        create("Book 2", "Author", null);
        String cursor = json(api.get("/books?limit=1")).path("nextCursor").asText();

        JsonNode problem = assertProblem(api.get("/books?limit=1&author=Author&cursor=" + encode(cursor)), 400,
                "invalid-query");

        assertThat(errors(problem)).containsOnlyKeys("cursor");
    }

    @Test
    void a_repeated_parameter_is_400() {
        JsonNode problem = assertProblem(api.outOfContract().get("/books?title=a&title=b"), 400, "invalid-query");

        assertThat(errors(problem)).containsExactly(entry("title", "must be given at most once"));
    }

    @Test
    void every_parameter_at_fault_is_listed_at_once() {
        JsonNode problem = assertProblem(api.outOfContract().get("/books?limit=ten&author=%20&q=a&q=b&category="
                + "x".repeat(51) + "&offset=3"), 400, "invalid-query");

        assertThat(errors(problem)).containsExactly(
                entry("author", "must not be blank"),
                entry("category", "must be at most 50 characters (got 51)"),
                entry("q", "must be given at most once"),
                entry("limit", "must be a whole number between 1 and 100"));
    }

    @Test
    void filter_failures_alone_are_listed_by_the_use_case() {
        JsonNode problem = assertProblem(api.outOfContract().get("/books?title=%20&limit=500"), 400, "invalid-query");

        assertThat(errors(problem)).containsExactly(
                entry("title", "must not be blank"),
                entry("limit", "must be between 1 and 100"));
    }

    @Test
    void the_query_is_always_decoded_as_utf8() {
        create("Café Society", "Zoë Heller", null);

        HttpResponse<String> response = api.get("/books?author=zo%C3%AB+HELLER&title=caf%C3%A9%20society",
                "Content-Type", "text/plain; charset=ISO-8859-1");

        assertThat(json(response).path("items").size()).isEqualTo(1);
    }

    @Test
    void unknown_parameters_are_ignored() {
        create("Dune", "Frank Herbert", null);

        HttpResponse<String> response = api.get("/books?limit=20&offset=0&sort=title");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("items").size()).isEqualTo(1);
    }

    private String create(String title, String author, String category) {
        api.clock.advance(Duration.ofSeconds(1));
        String body = category == null
                ? "{\"title\": \"%s\", \"author\": \"%s\"}".formatted(title, author)
                : "{\"title\": \"%s\", \"author\": \"%s\", \"category\": \"%s\"}".formatted(title, author, category);
        HttpResponse<String> response = api.post("/books", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).path("id").asText();
    }

    private List<String> titles(String path) {
        HttpResponse<String> response = api.get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> titles = new ArrayList<>();
        json(response).path("items").forEach(book -> titles.add(book.path("title").asText()));
        return titles;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
