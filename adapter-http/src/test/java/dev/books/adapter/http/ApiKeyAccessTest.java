package dev.books.adapter.http;

import static dev.books.adapter.http.ApiAssertions.assertProblem;
import static dev.books.adapter.http.ApiAssertions.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.books.access.Scope;
import dev.books.adapter.http.security.SecuritySettings;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Who may do what with API keys: writes need a key with the scope, reads are public unless configured otherwise. */
class ApiKeyAccessTest {

    private static final String DUNE = "{\"title\": \"Dune\", \"author\": \"Frank Herbert\"}";
    private static final String CHALLENGE = "Bearer realm=\"books\"";
    private static final String INVALID = "Bearer realm=\"books\", error=\"invalid_token\"";

    private RunningApi api = RunningApi.start();

    @AfterEach
    void stop() {
        api.close();
    }

    private String key(String name, Scope... scopes) {
        return api.apiKeys.create(name, Set.of(scopes), Optional.empty()).secret();
    }

    private String created() {
        return api.post("/books", DUNE).headers().firstValue("Location").orElseThrow();
    }

    @Test
    void a_write_without_credentials_is_401_with_a_challenge_and_changes_nothing() {
        String location = created();
        RunningApi anonymous = api.anonymous().outOfContract();

        List<HttpResponse<String>> refused = List.of(
                anonymous.post("/books", DUNE),
                anonymous.patch(location, "{\"title\": \"Dune Messiah\"}"),
                anonymous.delete(location));

        for (HttpResponse<String> response : refused) {
            assertProblem(response, 401, "unauthorized");
            assertThat(response.headers().firstValue("WWW-Authenticate")).contains(CHALLENGE);
        }
        assertThat(api.repository.size()).isEqualTo(1);
        assertThat(json(api.get(location)).path("title").asText()).isEqualTo("Dune");
    }

    @Test
    void reads_are_public_and_an_authenticated_read_is_not_cached_by_others() {
        String location = created();

        HttpResponse<String> anonymous = api.anonymous().get(location);
        HttpResponse<String> authenticated = api.get(location);

        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(anonymous.headers().firstValue("Cache-Control")).isEmpty();
        assertThat(authenticated.statusCode()).isEqualTo(200);
        assertThat(authenticated.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void a_key_without_the_scope_is_403_naming_the_scope_and_changes_nothing() {
        String location = created();
        String reader = key("reader", Scope.READ);
        String writer = key("writer", Scope.WRITE);

        HttpResponse<String> create = api.anonymous().post("/books", DUNE, "X-Api-Key", reader);
        HttpResponse<String> delete = api.anonymous().delete(location, "X-Api-Key", writer);

        assertProblem(create, 403, "forbidden");
        assertThat(create.headers().firstValue("WWW-Authenticate"))
                .contains("Bearer realm=\"books\", error=\"insufficient_scope\", scope=\"books:write\"");
        assertProblem(delete, 403, "forbidden");
        assertThat(json(delete).path("detail").asText()).contains("books:delete");
        assertThat(api.repository.size()).isEqualTo(1);
    }

    @Test
    void a_key_with_the_scope_may_and_its_changes_are_attributed_to_it() {
        String location = created();
        String editor = key("editor", Scope.WRITE);

        HttpResponse<String> patched = api.anonymous().patch(location, "{\"title\": \"Dune Messiah\"}",
                "X-Api-Key", editor);

        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(json(patched).path("createdBy").asText()).isEqualTo("key:" + RunningApi.KEY_NAME);
        assertThat(json(patched).path("updatedBy").asText()).isEqualTo("key:editor");
    }

    @Test
    void a_key_may_also_come_as_a_bearer_credential() {
        String writer = key("writer", Scope.WRITE);

        HttpResponse<String> response = api.anonymous().post("/books", DUNE, "Authorization", "Bearer " + writer);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(json(response).path("createdBy").asText()).isEqualTo("key:writer");
    }

    @Test
    void unknown_wrong_revoked_and_expired_keys_are_refused_alike() {
        String valid = key("soon-revoked", Scope.WRITE);
        String expiring = api.apiKeys.create("expiring", Set.of(Scope.WRITE), Optional.of(Duration.ofHours(1)))
                .secret();
        String wrongSecret = valid.substring(0, valid.length() - 4) + (valid.endsWith("AAAA") ? "BBBB" : "AAAA");
        String unknownId = "books_000000000000_" + valid.substring(valid.lastIndexOf('_') + 1);
        api.apiKeys.revoke("soon-revoked");
        api.clock.advance(Duration.ofHours(2));

        List<String> details = new java.util.ArrayList<>();
        for (String presented : List.of(valid, expiring, wrongSecret, unknownId, "books_short")) {
            HttpResponse<String> response = api.anonymous().post("/books", DUNE, "X-Api-Key", presented);

            assertProblem(response, 401, "unauthorized");
            assertThat(response.headers().firstValue("WWW-Authenticate")).contains(INVALID);
            details.add(json(response).path("detail").asText());
        }
        assertThat(details).as("which part failed is not told").containsOnly(details.get(0));
        assertThat(api.repository.size()).isZero();
    }

    @Test
    void two_credentials_are_400_and_another_scheme_is_401_with_the_challenge() {
        String writer = key("writer", Scope.WRITE);

        HttpResponse<String> two = api.post("/books", DUNE, "Authorization", "Bearer " + writer);
        HttpResponse<String> basic = api.anonymous().outOfContract().post("/books", DUNE,
                "Authorization", "Basic dXNlcjpwYXNz");

        assertProblem(two, 400, "bad-request");
        assertProblem(basic, 401, "unauthorized");
        assertThat(basic.headers().firstValue("WWW-Authenticate")).contains(CHALLENGE);
        assertThat(api.repository.size()).isZero();
    }

    @Test
    void metrics_need_the_admin_scope() {
        String writer = key("writer", Scope.WRITE);
        String admin = key("operator", Scope.ADMIN);

        assertProblem(api.anonymous().outOfContract().get("/metrics"), 401, "unauthorized");
        assertProblem(api.anonymous().get("/metrics", "X-Api-Key", writer), 403, "forbidden");
        assertThat(api.anonymous().get("/metrics", "X-Api-Key", admin).statusCode()).isEqualTo(200);
    }

    @Test
    void health_and_the_contract_are_open_even_to_credentials_that_are_not_valid() {
        RunningApi stranger = api.anonymous();

        assertThat(stranger.get("/health/live", "X-Api-Key", "books_000000000000_nope").statusCode()).isEqualTo(200);
        assertThat(stranger.get("/openapi.json").statusCode()).isEqualTo(200);
        assertThat(stranger.get("/docs").statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "POST /%62ooks HTTP/1.1", "POST //books HTTP/1.1", "POST /books/ HTTP/1.1", "POST /books/./ HTTP/1.1",
        "GET /%6Detrics HTTP/1.1", "GET /metrics/ HTTP/1.1", "GET //metrics HTTP/1.1", "GET /metrics;x=1 HTTP/1.1",
        "GET /health/../metrics HTTP/1.1", "PUT /health/live HTTP/1.1"})
    void a_route_spelled_another_way_is_guarded_as_the_route_it_reaches(String requestLine) {
        RunningApi.RawResponse response = api.anonymous().raw(
                requestLine + "\r\nContent-Type: application/json", DUNE.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(response.status()).as(requestLine).isIn(400, 401, 404, 405);
        assertThat(response.body()).doesNotContain("jvm_").doesNotContain("\"id\"");
        assertThat(api.repository.size()).isZero();
    }

    @Test
    void when_reads_are_not_public_a_read_needs_a_key_with_the_read_scope() {
        api.close();
        api = RunningApi.secured(new SecuritySettings(SecuritySettings.Mode.REQUIRED, Optional.empty(), false,
                List.of(), RunningApi.SECURITY.rateLimits()));
        String location = created();
        String reader = key("reader", Scope.READ);
        String writer = key("writer", Scope.WRITE);

        assertProblem(api.anonymous().get(location), 401, "unauthorized");
        assertProblem(api.anonymous().get(location, "X-Api-Key", writer), 403, "forbidden");
        assertThat(api.anonymous().get(location, "X-Api-Key", reader).statusCode()).isEqualTo(200);
        assertThat(api.anonymous().get("/health/ready").statusCode()).isEqualTo(200);
    }
}
