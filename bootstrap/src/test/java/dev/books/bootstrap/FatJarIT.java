package dev.books.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fat jar as a newcomer runs it: {@code java -jar books.jar} with nothing but a free port and a data
 * directory. It starts its embedded PostgreSQL, loads the sample catalogue, serves the API, and on SIGTERM shuts
 * down cleanly. Run by failsafe after {@code package}.
 */
class FatJarIT {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path workDir;

    @Test
    void the_jar_starts_with_no_database_installed_serves_the_catalogue_and_stops_on_sigterm() throws Exception {
        Path jar = Path.of("target", "books.jar").toAbsolutePath();
        assertThat(jar).exists();
        int port = freePort();
        Path log = workDir.resolve("books.log");
        ProcessBuilder launch = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        launch.environment().keySet().removeIf(name -> name.startsWith("BOOKS_"));
        launch.environment().put("BOOKS_HTTP_PORT", Integer.toString(port));
        // Every line Books itself may log about a request, refusals' reasons included: none may hold a secret.
        launch.environment().put("BOOKS_LOG_LEVELS", "dev.books=debug");
        List<String> secrets = new java.util.ArrayList<>();
        Process books = launch.start();
        try {
            String base = "http://127.0.0.1:" + port;
            awaitReady(base + "/health/ready", books, log);

            HttpResponse<String> catalogue = get(base + "/books?limit=100");
            assertThat(catalogue.statusCode()).isEqualTo(200);
            assertThat(catalogue.body().split("\"id\":").length - 1).as("sample books on the first page").isEqualTo(100);
            assertThat(catalogue.body()).contains("\"nextCursor\":\"");

            Path keyFile = workDir.resolve("books-data").resolve("dev-api-key");
            assertThat(Files.getPosixFilePermissions(keyFile)).as("the development key is its owner's only")
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            String devKey = Files.readString(keyFile).strip();
            String book = "{\"title\":\"A Book Made In The Fat Jar Test\",\"author\":\"Failsafe\"}";
            assertThat(post(base + "/books", book).statusCode()).as("without credentials").isEqualTo(401);
            String forgedToken = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJtYWxsb3J5In0.";
            assertThat(post(base + "/books", book, "Authorization", "Bearer " + forgedToken).statusCode())
                    .as("a token where no issuer is configured").isEqualTo(401);
            String wrongKey = devKey.substring(0, devKey.length() - 6) + "AAAAAA";
            assertThat(post(base + "/books", book, "X-Api-Key", wrongKey).statusCode()).isEqualTo(401);
            HttpResponse<String> created = post(base + "/books", book, "X-Api-Key", devKey);
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(created.body()).contains("\"createdBy\":\"key:dev\"");
            secrets.add(devKey);
            secrets.add(wrongKey);
            secrets.add(forgedToken);
            assertThat(get(base + "/openapi.json").statusCode()).isEqualTo(200);
            assertThat(Files.exists(workDir.resolve("books-data").resolve("PG_VERSION")))
                    .as("the data directory persists in the working directory").isTrue();
        } finally {
            books.destroy(); // SIGTERM
            assertThat(books.waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute").isTrue();
        }
        String output = Files.readString(log);
        assertThat(output).contains("EMBEDDED DEVELOPMENT DATABASE").contains("Loaded 268 sample books")
                .contains("Books stopped").contains("Embedded PostgreSQL stopped").doesNotContain("ERROR")
                .contains("dev-api-key").contains("principal=key:dev");
        assertThat(secrets).hasSize(3).allSatisfy(secret -> assertThat(output).doesNotContain(secret));
        // Nor a part of one: the secret of books_<id>_<secret> starts at character 19.
        assertThat(output).doesNotContain(secrets.get(0).substring(19, 35));
    }

    private static void awaitReady(String url, Process books, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!books.isAlive()) {
                throw new AssertionError("books.jar exited with " + books.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                if (get(url).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("books.jar was not ready within 120 s:\n" + Files.readString(log));
    }

    private static HttpResponse<String> post(String url, String json, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
