package dev.books.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The service starts while BOOKS_DB_URL's database is away: unready, every book request a 503 with Retry-After,
 * instead of exiting (the pool and the migration catch up when the database arrives: StoreUnavailableTest).
 */
class DatabaseAwayAtStartTest {

    private static final HttpClient client = HttpClient.newHttpClient();

    @Test
    void starts_unready_and_answers_503_with_retry_after() throws IOException, InterruptedException {
        int nobodyListens;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobodyListens = free.getLocalPort();
        }
        Settings config = Settings.read(Map.of(
                "BOOKS_HTTP_PORT", "0",
                "BOOKS_DB_URL", "jdbc:postgresql://127.0.0.1:" + nobodyListens + "/books",
                "BOOKS_DB_USER", "books",
                "BOOKS_DB_PASSWORD", "unused",
                "BOOKS_AUTH", "keys",
                "BOOKS_DB_CONNECT_TIMEOUT", "1s",
                "BOOKS_READINESS_TIMEOUT", "500ms",
                "BOOKS_LOG_LEVEL", "warn"));

        try (BooksServer server = BooksServer.start(config)) {
            assertThat(get(server, "/health/live").statusCode()).isEqualTo(200);
            assertThat(get(server, "/health/ready").statusCode()).isEqualTo(503);

            HttpResponse<String> books = get(server, "/books?limit=1");

            assertThat(books.statusCode()).isEqualTo(503);
            assertThat(books.headers().firstValue("Retry-After")).isPresent();
            assertThat(books.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(books.body()).contains("urn:books:problem:");
        }
    }

    private static HttpResponse<String> get(BooksServer server, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
