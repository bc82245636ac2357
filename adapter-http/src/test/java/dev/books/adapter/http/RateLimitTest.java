package dev.books.adapter.http;

import static dev.books.adapter.http.ApiAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.books.adapter.http.security.SecuritySettings;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each caller has a budget of requests a minute: a principal, an anonymous address, failed authentications. */
class RateLimitTest {

    private final RunningApi api = RunningApi.secured(new SecuritySettings(SecuritySettings.Mode.REQUIRED,
            Optional.empty(), true, List.of(), new SecuritySettings.RateLimits(3, 2, 2)));

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void a_principal_past_its_budget_is_429_with_retry_after_and_the_budget_in_headers() {
        for (int i = 3; i > 0; i--) {
            HttpResponse<String> allowed = api.get("/books");
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(allowed.headers().firstValue("RateLimit-Policy")).contains("\"principal\";q=3;w=60");
            assertThat(allowed.headers().firstValue("RateLimit")).hasValueSatisfying(
                    value -> assertThat(value).startsWith("\"principal\";r="));
        }

        HttpResponse<String> refused = api.get("/books");

        assertProblem(refused, 429, "too-many-requests");
        assertThat(refused.headers().firstValue("Retry-After").map(Long::parseLong))
                .hasValueSatisfying(seconds -> assertThat(seconds).isBetween(1L, 60L));
        assertThat(refused.headers().firstValue("RateLimit")).hasValueSatisfying(
                value -> assertThat(value).startsWith("\"principal\";r=0;t="));
        assertThat(api.anonymous().get("/books").statusCode()).as("another caller's budget").isEqualTo(200);
    }

    @Test
    void anonymous_reads_are_limited_per_address() {
        RunningApi anonymous = api.anonymous();
        assertThat(anonymous.get("/books").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/books").statusCode()).isEqualTo(200);

        HttpResponse<String> refused = anonymous.get("/books");

        assertProblem(refused, 429, "too-many-requests");
        assertThat(refused.headers().firstValue("RateLimit-Policy")).contains("\"anonymous\";q=2;w=60");
        assertThat(api.get("/books").statusCode()).as("a principal's own budget").isEqualTo(200);
    }

    @Test
    void after_too_many_failed_authentications_an_address_is_not_heard_even_with_a_valid_key() {
        RunningApi guessing = api.anonymous();
        for (int i = 0; i < 2; i++) {
            assertProblem(guessing.get("/books", "X-Api-Key", "books_000000000000_guess" + i), 401, "unauthorized");
        }

        HttpResponse<String> guessAgain = guessing.get("/books", "X-Api-Key", "books_000000000000_guess");
        HttpResponse<String> valid = api.get("/books");

        assertProblem(guessAgain, 429, "too-many-requests");
        assertThat(guessAgain.headers().firstValue("RateLimit-Policy")).contains("\"failed-authentication\";q=2;w=60");
        assertProblem(valid, 429, "too-many-requests");
        assertThat(api.get("/health/live").statusCode()).as("health stays open").isEqualTo(200);
    }

    @Test
    void behind_a_trusted_proxy_each_forwarded_client_has_its_own_budget() {
        try (RunningApi proxied = RunningApi.secured(new SecuritySettings(SecuritySettings.Mode.REQUIRED,
                Optional.empty(), true, List.of(), new SecuritySettings.RateLimits(3, 2, 2), List.of("127.0.0.1")))) {
            RunningApi anonymous = proxied.anonymous();
            for (int i = 0; i < 2; i++) {
                assertThat(anonymous.get("/books", "X-Forwarded-For", "203.0.113.7").statusCode()).isEqualTo(200);
            }

            assertProblem(anonymous.get("/books", "X-Forwarded-For", "203.0.113.7"), 429, "too-many-requests");
            assertThat(anonymous.get("/books", "X-Forwarded-For", "198.51.100.9").statusCode())
                    .as("another client behind the same proxy").isEqualTo(200);
            assertProblem(anonymous.get("/books", "X-Forwarded-For", "198.51.100.9, 203.0.113.7"), 429,
                    "too-many-requests");
        }
    }

    @Test
    void a_forwarded_address_from_a_peer_that_is_not_trusted_changes_nothing() {
        RunningApi anonymous = api.anonymous();
        assertThat(anonymous.get("/books", "X-Forwarded-For", "203.0.113.1").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/books", "X-Forwarded-For", "203.0.113.2").statusCode()).isEqualTo(200);

        assertProblem(anonymous.get("/books", "X-Forwarded-For", "203.0.113.3"), 429, "too-many-requests");
    }
}
