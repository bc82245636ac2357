package dev.books.adapter.http;

import static dev.books.adapter.http.ApiAssertions.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.books.domain.ConsistencyToken;
import dev.books.testkit.InMemoryConsistencyTokens;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code Books-Consistency-Token}: out with every successful write, back in with reads; never a reason to refuse. */
class ConsistencyTokenTest {

    private static final String TOKEN = "Books-Consistency-Token";
    private static final String DUNE = "{\"title\": \"Dune\", \"author\": \"Frank Herbert\"}";

    private final InMemoryConsistencyTokens tokens = new InMemoryConsistencyTokens();
    private RunningApi api;

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void every_successful_write_is_answered_with_a_token() {
        api = RunningApi.withTokens(tokens);

        HttpResponse<String> created = api.post("/books", DUNE);
        String location = created.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> changed = api.patch(location, "{\"publishedYear\": 1965}");
        HttpResponse<String> deleted = api.delete(location);

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue(TOKEN)).contains("m1");
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.headers().firstValue(TOKEN)).contains("m2");
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.headers().firstValue(TOKEN)).contains("m3");
    }

    @Test
    void a_refused_write_and_a_read_are_answered_without_one() {
        api = RunningApi.withTokens(tokens);
        String location = api.post("/books", DUNE).headers().firstValue("Location").orElseThrow();

        HttpResponse<String> duplicate = api.post("/books", DUNE);
        HttpResponse<String> read = api.get(location);

        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(duplicate.headers().firstValue(TOKEN)).isEmpty();
        assertThat(read.headers().firstValue(TOKEN)).isEmpty();
    }

    @Test
    void a_replayed_create_carries_the_token_of_the_write_it_replays() {
        api = RunningApi.withTokens(tokens);

        HttpResponse<String> first = api.post("/books", DUNE, "Idempotency-Key", "\"dune-1\"");
        HttpResponse<String> replay = api.post("/books", DUNE, "Idempotency-Key", "\"dune-1\"");

        assertThat(replay.statusCode()).isEqualTo(201);
        assertThat(replay.headers().firstValue(TOKEN)).isEqualTo(first.headers().firstValue(TOKEN)).contains("m1");
    }

    @Test
    void reads_that_send_a_token_run_after_it() {
        api = RunningApi.withTokens(tokens);
        HttpResponse<String> created = api.post("/books", DUNE);
        String token = created.headers().firstValue(TOKEN).orElseThrow();
        String location = created.headers().firstValue("Location").orElseThrow();

        HttpResponse<String> book = api.get(location, TOKEN, token);
        HttpResponse<String> page = api.get("/books?title=dune", TOKEN, token);

        assertThat(book.statusCode()).isEqualTo(200);
        assertThat(json(page).path("items")).hasSize(1);
        assertThat(tokens.tokensGivenBack()).containsExactly(new ConsistencyToken(token), new ConsistencyToken(token));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"two words", "x-very-long-token-of-more-than-sixty-four-characters-is-not-a-token-at-all"})
    void what_cannot_be_a_token_is_ignored_not_refused(String notAToken) {
        api = RunningApi.withTokens(tokens);
        String location = api.post("/books", DUNE).headers().firstValue("Location").orElseThrow();

        assertThat(api.get(location, TOKEN, notAToken).statusCode()).isEqualTo(200);
        assertThat(api.get("/books", TOKEN, notAToken).statusCode()).isEqualTo(200);
        assertThat(tokens.tokensGivenBack()).isEmpty();
    }

    @Test
    void over_a_store_that_issues_no_tokens_writes_carry_none_and_reads_ignore_one() {
        api = RunningApi.start();

        HttpResponse<String> created = api.post("/books", DUNE);
        String location = created.headers().firstValue("Location").orElseThrow();

        assertThat(created.headers().firstValue(TOKEN)).isEmpty();
        assertThat(api.get(location, TOKEN, "0/16B3748").statusCode()).isEqualTo(200);
    }
}
