package dev.books.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole service shuts down in the documented order: readiness turns 503 at once while it keeps serving for
 * the drain time, then it takes no new connections, then it is gone.
 */
class ShutdownTest {

    @TempDir
    Path dataDir;

    @Test
    void readiness_turns_503_at_once_and_the_service_keeps_serving_through_the_drain() throws Exception {
        try (TestDatabaseEnvironment environment = new TestDatabaseEnvironment(dataDir)) {
            BooksServer server = BooksServer.start(Settings.read(environment.with("BOOKS_SHUTDOWN_DRAIN", "1500ms")));
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            String base = "http://127.0.0.1:" + server.port();
            assertThat(get(client, base + "/health/ready").statusCode()).isEqualTo(200);

            CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
            Thread.sleep(300);

            HttpResponse<String> ready = get(client, base + "/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("shutting down");
            assertThat(get(client, base + "/books").statusCode()).as("still serving while draining").isEqualTo(200);

            closing.get(30, TimeUnit.SECONDS);
            assertThatThrownBy(() -> get(HttpClient.newHttpClient(), base + "/health/live"))
                    .isInstanceOf(IOException.class);
        }
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
