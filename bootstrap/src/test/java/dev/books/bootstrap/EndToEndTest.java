package dev.books.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole service, wired as Main wires it, on a random port against a real PostgreSQL: the one named by
 * BOOKS_TEST_DB_URL (in a database of its own), or else the embedded one. One walk through the API, and writers
 * racing on one book.
 */
class EndToEndTest {

    private static final HttpClient client = HttpClient.newHttpClient();

    @TempDir
    static Path dataDir;

    private static TestDatabaseEnvironment environment;
    private static BooksServer server;
    /** An API key with every scope; every request carries it unless a test says otherwise. */
    private static String apiKey;

    @BeforeAll
    static void startBooks() {
        environment = new TestDatabaseEnvironment(dataDir);
        apiKey = environment.createKey("end-to-end");
        server = BooksServer.start(Settings.read(environment.with()));
    }

    @AfterAll
    static void stopBooks() {
        if (server != null) {
            server.close();
        }
        environment.close();
    }

    @Test
    void create_get_list_patch_delete() throws IOException, InterruptedException {
        HttpResponse<String> created = send("POST", "/books",
                "{\"title\":\"The Dispossessed\",\"author\":\"Ursula K. Le Guin\",\"category\":\"Science Fiction\","
                        + "\"isbn\":\"0-06-051275-X\",\"publishedYear\":1974}");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = field(created.body(), "id");
        assertThat(created.headers().firstValue("Location")).contains("/books/" + id);
        assertThat(created.headers().firstValue("ETag")).contains("\"1\"");
        assertThat(field(created.body(), "isbn")).isEqualTo("9780060512750");
        assertThat(field(created.body(), "createdBy")).isEqualTo("key:end-to-end");

        HttpResponse<String> read = send("GET", "/books/" + id, null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).isEqualTo(created.body());

        HttpResponse<String> listed = send("GET", "/books?q=dispossesed&limit=5", null);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains("\"id\":\"" + id + "\"");

        HttpResponse<String> patched = send("PATCH", "/books/" + id, "{\"category\":null,\"publishedYear\":1975}");
        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(patched.body()).contains("\"category\":null").contains("\"publishedYear\":1975")
                .contains("\"version\":2");

        HttpResponse<String> deleted = send("DELETE", "/books/" + id, null);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(send("GET", "/books/" + id, null).statusCode()).isEqualTo(404);
    }

    @Test
    void fifty_patches_without_if_match_at_once_all_succeed_and_no_field_is_lost() throws Exception {
        String id = field(send("POST", "/books", "{\"title\":\"Crowded Room\",\"author\":\"Many Hands\"}").body(),
                "id");

        List<HttpResponse<String>> answers = patchAtOnce(id, 50, null, n -> switch (n % 4) {
            case 0 -> "{\"title\":\"Crowded Room " + n + "\"}";
            case 1 -> "{\"author\":\"Many Hands " + n + "\"}";
            case 2 -> "{\"category\":\"Shelf " + n + "\"}";
            default -> "{\"publishedYear\":" + (1900 + n) + "}";
        });

        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200);
        String book = send("GET", "/books/" + id, null).body();
        assertThat(book).contains("\"version\":51").containsPattern("\"title\":\"Crowded Room \\d+\"")
                .containsPattern("\"author\":\"Many Hands \\d+\"").containsPattern("\"category\":\"Shelf \\d+\"")
                .containsPattern("\"publishedYear\":19\\d\\d");
    }

    @Test
    void of_twenty_patches_with_the_same_if_match_at_once_exactly_one_wins() throws Exception {
        String id = field(send("POST", "/books", "{\"title\":\"Contested\",\"author\":\"Rival Editors\"}").body(),
                "id");

        List<HttpResponse<String>> answers =
                patchAtOnce(id, 20, "\"1\"", n -> "{\"category\":\"Draft " + n + "\"}");

        assertThat(answers).extracting(HttpResponse::statusCode).filteredOn(status -> status == 200).hasSize(1);
        assertThat(answers).extracting(HttpResponse::statusCode).filteredOn(status -> status != 200)
                .hasSize(19).containsOnly(412);
        assertThat(send("GET", "/books/" + id, null).body()).contains("\"version\":2");
    }

    @Test
    void an_idempotency_key_holds_across_a_restart() throws IOException, InterruptedException {
        String body = "{\"title\":\"The Lathe of Heaven\",\"author\":\"Ursula K. Le Guin\"}";
        HttpResponse<String> first = send("POST", "/books", body, "Idempotency-Key", "\"lathe-1\"");
        assertThat(first.statusCode()).isEqualTo(201);

        server.close();
        server = BooksServer.start(Settings.read(environment.with()));

        HttpResponse<String> retry = send("POST", "/books", body, "Idempotency-Key", "\"lathe-1\"");
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        HttpResponse<String> other = send("POST", "/books", "{\"title\":\"Other\",\"author\":\"Someone\"}",
                "Idempotency-Key", "\"lathe-1\"");
        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(other.body()).contains("urn:books:problem:idempotency-key-reused");
        assertThat(send("GET", "/books?title=the%20lathe%20of%20heaven", null).body().split("\"id\":").length - 1)
                .isEqualTo(1);
    }

    @Test
    void without_credentials_the_catalogue_is_readable_but_not_writable_and_metrics_are_closed()
            throws IOException, InterruptedException {
        HttpResponse<String> create = sendAs(null, "POST", "/books", "{\"title\":\"Unsigned\",\"author\":\"Nobody\"}");
        HttpResponse<String> metrics = sendAs(null, "GET", "/metrics", null);
        HttpResponse<String> forged = sendAs("books_000000000000_" + "A".repeat(43), "POST", "/books",
                "{\"title\":\"Forged\",\"author\":\"Nobody\"}");

        assertThat(create.statusCode()).isEqualTo(401);
        assertThat(create.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"books\"");
        assertThat(metrics.statusCode()).isEqualTo(401);
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(sendAs(null, "GET", "/books?title=unsigned", null).body()).doesNotContain("Unsigned");
        assertThat(sendAs(null, "GET", "/health/ready", null).statusCode()).isEqualTo(200);
    }

    @Test
    void health_and_metrics_cover_the_database_the_pool_and_the_jvm() throws IOException, InterruptedException {
        assertThat(send("GET", "/health/live", null).statusCode()).isEqualTo(200);
        HttpResponse<String> ready = send("GET", "/health/ready", null);
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"database\":\"UP\"");

        String metrics = send("GET", "/metrics", null).body();

        assertThat(metrics).contains("hikaricp_connections_active{application=\"books\",pool=\"books-db\"}")
                .contains("jvm_memory_used_bytes{application=\"books\"")
                .contains("jvm_gc_memory_allocated_bytes_total")
                .contains("jvm_threads_live_threads{application=\"books\"}")
                .contains("process_uptime_seconds{application=\"books\"}")
                .contains("http_server_requests_seconds_count{application=\"books\",method=\"GET\",route=\"/health/ready\"");
    }

    /** Sends {@code count} merge patches of one book at once, each on its own connection; their answers. */
    private static List<HttpResponse<String>> patchAtOnce(String id, int count, String ifMatch,
            IntFunction<String> body) throws Exception {
        HttpClient connections = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + "/books/" + id))
                    .method("PATCH", HttpRequest.BodyPublishers.ofString(body.apply(n)))
                    .header("Content-Type", "application/merge-patch+json")
                    .header("X-Api-Key", apiKey);
            if (ifMatch != null) {
                request.header("If-Match", ifMatch);
            }
            sent.add(connections.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> answer : sent) {
            answers.add(answer.get(60, TimeUnit.SECONDS));
        }
        return answers;
    }

    private static HttpResponse<String> send(String method, String path, String json, String... headers)
            throws IOException, InterruptedException {
        return sendAs(apiKey, method, path, json, headers);
    }

    /** Sends with this key, or without credentials when {@code key} is null. */
    private static HttpResponse<String> sendAs(String key, String method, String path, String json, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (key != null) {
            request.header("X-Api-Key", key);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.method(method, HttpRequest.BodyPublishers.ofString(json))
                    .header("Content-Type", "application/json");
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + Pattern.quote(name) + "\":\"([^\"]*)\"").matcher(json);
        assertThat(matcher.find()).as("field %s in %s", name, json).isTrue();
        return matcher.group(1);
    }
}
