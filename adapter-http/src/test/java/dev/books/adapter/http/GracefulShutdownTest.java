package dev.books.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.books.access.ApiKeys;
import dev.books.adapter.http.operations.Operations;
import dev.books.application.BookUseCases;
import dev.books.application.CreateBookCommand;
import dev.books.application.IdempotencyUseCases;
import dev.books.domain.Book;
import dev.books.domain.BookId;
import dev.books.domain.BookRepository;
import dev.books.testkit.ForwardingBookRepository;
import dev.books.testkit.InMemoryApiKeyStore;
import dev.books.testkit.InMemoryBookRepository;
import dev.books.testkit.InMemoryRequestLog;
import dev.books.testkit.MutableClock;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Stopping the server is graceful: requests in flight when the stop begins all finish with 2xx, the server takes
 * no new connection meanwhile, and connections close as their last request completes.
 */
class GracefulShutdownTest {

    private static final int IN_FLIGHT = 8;
    private static final Duration SLOWNESS = Duration.ofMillis(1500);

    @Test
    void requests_in_flight_when_the_stop_begins_all_complete_with_2xx() throws Exception {
        MutableClock clock = MutableClock.startingAtNewYear2026();
        SlowReads store = new SlowReads(new InMemoryBookRepository());
        BookUseCases useCases = BookUseCases.using(store, clock);
        Book book = useCases.createBook().create(new CreateBookCommand("Slow Reading", "Patient Author", null, null, null));
        HttpSettings settings = new HttpSettings(HttpSettings.DEFAULT_MAX_REQUEST_BODY_BYTES, 5, false,
                Duration.ofSeconds(10));
        Javalin app = HttpApi.create(useCases, IdempotencyUseCases.using(new InMemoryRequestLog(), clock,
                IdempotencyUseCases.DEFAULT_TIME_TO_LIVE).idempotentRequests(), new ApiKeys(new InMemoryApiKeyStore(), clock),
                settings, Operations.standalone())
                .start("127.0.0.1", 0);
        int port = app.port();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        store.slowDown(IN_FLIGHT);
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < IN_FLIGHT; i++) {
            responses.add(client.sendAsync(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + port + "/books/" + book.id())).build(), HttpResponse.BodyHandlers.ofString()));
        }
        // A pipelined pair on one connection: a slow read, then a second request that Jetty reads only after it.
        Socket pipelined = new Socket("127.0.0.1", port);
        send(pipelined, "GET /books/" + book.id() + " HTTP/1.1\r\nHost: t\r\n\r\n"
                + "GET /health/live HTTP/1.1\r\nHost: t\r\n\r\n");
        assertThat(store.awaitSlowReads(Duration.ofSeconds(10))).as("all slow reads in flight").isTrue();

        long stopStarted = System.nanoTime();
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(app::stop);
        Thread.sleep(300);

        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + port + "/health/live")).build(), HttpResponse.BodyHandlers.ofString()))
                .as("a new connection while stopping").isInstanceOf(IOException.class);
        for (CompletableFuture<HttpResponse<String>> response : responses) {
            HttpResponse<String> answer = response.get(20, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains(book.id().toString());
        }
        String answers = readAll(pipelined);
        assertThat(answers).as("the request in flight completes; its connection then closes, unused")
                .startsWith("HTTP/1.1 200").contains("\"id\":\"" + book.id() + "\"").contains("Connection: close");
        assertThat(answers.indexOf("HTTP/1.1", 10)).as("no second answer on a closing connection").isEqualTo(-1);
        stopping.get(20, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - stopStarted))
                .as("the stop waited for the slow reads, not for the whole timeout")
                .isBetween(SLOWNESS.minusMillis(500), Duration.ofSeconds(9));
    }

    /**
     * A balancer connects, then sends its request: when the stop begins between the two, the request is still
     * answered (the doors close first, and what came in before they closed is served), never refused with a 503 that
     * the balancer would hand to its client as it is.
     */
    @Test
    void a_request_on_a_connection_accepted_just_before_the_stop_is_served_not_refused() throws Exception {
        MutableClock clock = MutableClock.startingAtNewYear2026();
        HttpSettings settings = new HttpSettings(HttpSettings.DEFAULT_MAX_REQUEST_BODY_BYTES, 5, false,
                Duration.ofSeconds(10));
        Javalin app = HttpApi.create(BookUseCases.using(new InMemoryBookRepository(), clock),
                IdempotencyUseCases.using(new InMemoryRequestLog(), clock, IdempotencyUseCases.DEFAULT_TIME_TO_LIVE)
                        .idempotentRequests(), new ApiKeys(new InMemoryApiKeyStore(), clock), settings,
                Operations.standalone()).start("127.0.0.1", 0);
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/books"))
                .build(), HttpResponse.BodyHandlers.ofString()); // a warm path, as in a server that has been serving
        try (Socket connected = new Socket("127.0.0.1", app.port())) {
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(app::stop);
            Thread.sleep(100);

            send(connected, "GET /books HTTP/1.1\r\nHost: t\r\n\r\n");

            String answer = readAll(connected);
            assertThat(answer).startsWith("HTTP/1.1 200");
            stopping.get(20, TimeUnit.SECONDS);
        }
    }

    private static void send(Socket socket, String requests) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(requests.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String readAll(Socket socket) throws IOException {
        socket.setSoTimeout(20_000);
        try (InputStream in = socket.getInputStream()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return bytes.toString(StandardCharsets.UTF_8);
        } finally {
            socket.close();
        }
    }

    /** Reads take {@link #SLOWNESS} once slowed down, and tell when the expected number are in flight. */
    private static final class SlowReads extends ForwardingBookRepository {

        private volatile CountDownLatch inFlight = new CountDownLatch(0);
        private volatile boolean slow;

        SlowReads(BookRepository delegate) {
            super(delegate);
        }

        void slowDown(int expectedReads) {
            inFlight = new CountDownLatch(expectedReads + 1);
            slow = true;
        }

        boolean awaitSlowReads(Duration timeout) throws InterruptedException {
            return inFlight.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public Optional<Book> findById(BookId id) {
            if (slow) {
                inFlight.countDown();
                try {
                    Thread.sleep(SLOWNESS.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return super.findById(id);
        }
    }
}
