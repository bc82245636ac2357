package dev.books.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole service, wired as Main wires it, on a random port against a real PostgreSQL: the one named by
 * BOOKS_TEST_DB_URL (in a database of its own), or else the embedded one. One walk through the API.
 */
class EndToEndTest {

    private static final HttpClient client = HttpClient.newHttpClient();

    @TempDir
    static Path dataDir;

    private static String testDatabase;
    private static BooksServer server;

    @BeforeAll
    static void startBooks() throws SQLException {
        Map<String, String> environment = new HashMap<>();
        environment.put("BOOKS_HTTP_PORT", "0");
        environment.put("BOOKS_DATA_DIR", dataDir.toString());
        String externalUrl = System.getenv("BOOKS_TEST_DB_URL");
        if (externalUrl != null && !externalUrl.isBlank()) {
            testDatabase = "books_e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            adminExecute("CREATE DATABASE " + testDatabase);
            environment.put("BOOKS_DB_URL", externalUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + testDatabase + "$1"));
            environment.put("BOOKS_DB_USER", System.getenv("BOOKS_TEST_DB_USER"));
            environment.put("BOOKS_DB_PASSWORD", System.getenv("BOOKS_TEST_DB_PASSWORD"));
        }
        server = BooksServer.start(Settings.read(environment));
    }

    @AfterAll
    static void stopBooks() throws SQLException {
        if (server != null) {
            server.close();
        }
        if (testDatabase != null) {
            adminExecute("DROP DATABASE IF EXISTS " + testDatabase + " WITH (FORCE)");
        }
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

    private static HttpResponse<String> send(String method, String path, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
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

    private static void adminExecute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(System.getenv("BOOKS_TEST_DB_URL"),
                System.getenv("BOOKS_TEST_DB_USER"), System.getenv("BOOKS_TEST_DB_PASSWORD"));
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
