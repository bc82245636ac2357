package dev.books.adapter.http;

import static dev.books.adapter.http.ApiAssertions.assertProblem;
import static dev.books.adapter.http.ApiAssertions.errors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.books.domain.Author;
import dev.books.domain.Category;
import dev.books.domain.PublicationYear;
import dev.books.domain.Refusals;
import dev.books.domain.Title;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A rule's limit and wording live once, in the domain: the HTTP answer carries them as the domain has them. Every
 * expected message here is read from the domain ({@link Refusals} and the value objects' limits), never copied, so
 * changing a rule is one edit in the domain and this test follows it.
 */
class DomainWordingTest {

    private static RunningApi api;

    @BeforeAll
    static void start() {
        api = RunningApi.start();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void lengths_years_and_isbns_are_refused_in_the_domains_words() {
        int longTitle = Title.MAX_LENGTH + 1;
        int longCategory = Category.MAX_LENGTH + 1;
        String body = """
                {"title": "%s", "author": " ", "category": "%s", "isbn": "123", "publishedYear": %d}"""
                .formatted("t".repeat(longTitle), "c".repeat(longCategory), PublicationYear.EARLIEST - 1);

        assertThat(errors(assertProblem(api.outOfContract().post("/books", body), 422, "invalid-book")))
                .containsExactly(
                        entry("title", Refusals.tooLong(Title.MAX_LENGTH, longTitle)),
                        entry("author", Refusals.BLANK),
                        entry("category", Refusals.tooLong(Category.MAX_LENGTH, longCategory)),
                        entry("isbn", Refusals.NOT_AN_ISBN),
                        entry("publishedYear", Refusals.YEAR_TOO_EARLY));
    }

    @Test
    void a_patch_is_refused_in_the_same_words_with_or_without_problems_the_adapter_found() {
        String location = api.post("/books", "{\"title\": \"Dune\", \"author\": \"Frank Herbert\"}").headers()
                .firstValue("Location").orElseThrow();
        String tooLong = "a".repeat(Author.MAX_LENGTH + 1);

        assertThat(errors(assertProblem(api.outOfContract().patch(location, "{\"author\": \"" + tooLong + "\"}"),
                422, "invalid-book")))
                .containsExactly(entry("author", Refusals.tooLong(Author.MAX_LENGTH, Author.MAX_LENGTH + 1)));
        assertThat(errors(assertProblem(api.outOfContract().patch(location,
                "{\"author\": \"" + tooLong + "\", \"title\": null, \"shelf\": 3}"), 422, "invalid-book")))
                .containsExactly(entry("title", Refusals.REQUIRED),
                        entry("author", Refusals.tooLong(Author.MAX_LENGTH, Author.MAX_LENGTH + 1)),
                        entry("shelf", "is not a field of a book"));
    }
}
