package dev.books.adapter.http;

import static dev.books.adapter.http.ApiAssertions.assertProblem;
import static dev.books.adapter.http.ApiAssertions.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.books.domain.Book;
import dev.books.testkit.ForwardingBookRepository;
import dev.books.testkit.InMemoryBookRepository;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** POST /books with Idempotency-Key: a retried create is answered as the first, never made twice. */
class IdempotencyKeyTest {

    private static final String DUNE = "{\"title\": \"Dune\", \"author\": \"Frank Herbert\"}";
    private static final String KEY = "Idempotency-Key";

    private RunningApi api;

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void a_retry_with_the_same_key_and_body_gets_the_first_response_and_creates_nothing() {
        api = RunningApi.start();
        HttpResponse<String> first = api.post("/books", DUNE, KEY, "\"retry-1\"");
        api.patch(first.headers().firstValue("Location").orElseThrow(), "{\"category\": \"Changed since\"}");

        HttpResponse<String> retry = api.post("/books", DUNE, KEY, "\"retry-1\"");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        for (String header : new String[] {"Location", "ETag", "Content-Type"}) {
            assertThat(retry.headers().firstValue(header)).as(header).isEqualTo(first.headers().firstValue(header));
        }
        assertThat(api.repository.size()).isEqualTo(1);
    }

    @Test
    void a_key_is_the_same_as_a_structured_field_string_or_bare() {
        api = RunningApi.start();
        HttpResponse<String> quoted = api.post("/books", DUNE, KEY, "\"k-\\\"1\\\"\"");
        HttpResponse<String> bare = api.post("/books", DUNE, KEY, "k-\"1\"");

        assertThat(bare.statusCode()).isEqualTo(201);
        assertThat(bare.body()).isEqualTo(quoted.body());
    }

    @Test
    void the_same_key_with_another_body_is_422_and_creates_nothing() {
        api = RunningApi.start();
        api.post("/books", DUNE, KEY, "\"reused\"");

        HttpResponse<String> other =
                api.post("/books", "{\"title\": \"Emma\", \"author\": \"Jane Austen\"}", KEY, "\"reused\"");

        assertProblem(other, 422, "idempotency-key-reused");
        assertThat(api.repository.size()).isEqualTo(1);
    }

    @Test
    void the_same_key_while_the_first_create_runs_is_409_with_retry_after() throws Exception {
        CountDownLatch inserting = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        InMemoryBookRepository store = new InMemoryBookRepository();
        api = RunningApi.over(new ForwardingBookRepository(store) {
            @Override
            public Book insert(Book book) {
                inserting.countDown();
                try {
                    proceed.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.insert(book);
            }
        });
        CompletableFuture<HttpResponse<String>> first =
                CompletableFuture.supplyAsync(() -> api.post("/books", DUNE, KEY, "\"slow\""));
        assertThat(inserting.await(10, TimeUnit.SECONDS)).isTrue();

        HttpResponse<String> second = api.post("/books", DUNE, KEY, "\"slow\"");
        proceed.countDown();

        assertProblem(second, 409, "idempotency-key-in-use");
        assertThat(second.headers().firstValue("Retry-After")).contains("1");
        assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void a_create_that_failed_keeps_nothing_so_its_retry_runs_again() {
        api = RunningApi.start();
        HttpResponse<String> original = api.post("/books", DUNE);
        HttpResponse<String> duplicate = api.post("/books", DUNE, KEY, "\"after-409\"");
        assertProblem(duplicate, 409, "duplicate-book");
        api.delete(original.headers().firstValue("Location").orElseThrow());

        HttpResponse<String> retry = api.post("/books", DUNE, KEY, "\"after-409\"");

        assertThat(retry.statusCode()).isEqualTo(201);
    }

    @Test
    void an_invalid_body_claims_no_key() {
        api = RunningApi.start();
        HttpResponse<String> invalid = api.outOfContract().post("/books", "{\"title\": \"Dune\"}", KEY, "\"fixed\"");
        assertProblem(invalid, 422, "invalid-book");

        HttpResponse<String> fixed = api.post("/books", DUNE, KEY, "\"fixed\"");

        assertThat(fixed.statusCode()).isEqualTo(201);
    }

    @Test
    void a_key_that_is_too_long_or_not_ascii_is_400() {
        api = RunningApi.start();

        assertProblem(api.outOfContract().post("/books", DUNE, KEY, "k".repeat(256)), 400, "invalid-idempotency-key");
        RunningApi.RawResponse nonAscii = api.raw("POST /books HTTP/1.1\r\nContent-Type: application/json\r\n"
                + KEY + ": caf\u00e9", DUNE.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(nonAscii.status()).isEqualTo(400);
        assertThat(json(nonAscii.body()).path("type").asText()).isEqualTo("urn:books:problem:invalid-idempotency-key");
        assertThat(api.repository.size()).isZero();
    }

    @Test
    void a_key_given_twice_is_400() {
        api = RunningApi.start();

        RunningApi.RawResponse twice = api.raw("POST /books HTTP/1.1\r\nContent-Type: application/json\r\n"
                + KEY + ": a\r\n" + KEY + ": b", DUNE.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(twice.status()).isEqualTo(400);
        assertThat(api.repository.size()).isZero();
    }
}
