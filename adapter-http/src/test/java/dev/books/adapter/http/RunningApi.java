package dev.books.adapter.http;

import dev.books.access.ApiKeys;
import dev.books.access.Scope;
import dev.books.adapter.http.edge.EdgeLimits;
import dev.books.adapter.http.operations.Operations;
import dev.books.adapter.http.security.SecuritySettings;
import dev.books.application.BookUseCases;
import dev.books.application.IdempotencyUseCases;
import dev.books.application.IdempotentRequests;
import dev.books.domain.BookRepository;
import dev.books.domain.ConsistencyTokens;
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
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The API started on a free port over an in-memory store and a clock that only tests move. Every exchange sent
 * through it (all but {@link #raw}) is checked against the OpenAPI document by {@link Contract}: the response
 * always, the request too unless it goes through {@link #outOfContract()}.
 *
 * <p>Requests carry an API key with every scope ({@link #KEY_NAME}) unless they go through {@link #anonymous()};
 * rate limits are out of reach, except where a test sets its own {@link SecuritySettings}.
 */
final class RunningApi implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The name of the key every request carries unless sent {@link #anonymous()}. */
    static final String KEY_NAME = "tests";
    /** Security as tests see it by default: keys required for writes, reads public, rate limits out of reach. */
    static final SecuritySettings SECURITY = new SecuritySettings(SecuritySettings.Mode.REQUIRED, Optional.empty(),
            true, java.util.List.of(), new SecuritySettings.RateLimits(1_000_000, 1_000_000, 1_000_000));

    final InMemoryBookRepository repository;
    final MutableClock clock;
    /** The keys the API accepts: tests may make and revoke more. */
    final ApiKeys apiKeys;
    private final Javalin app;
    private final boolean requestsInContract;
    /** The credential headers every request carries (a name and a value), or none. */
    private final String[] credentials;

    private RunningApi(InMemoryBookRepository repository, MutableClock clock, ApiKeys apiKeys, Javalin app,
            boolean requestsInContract, String[] credentials) {
        this.repository = repository;
        this.clock = clock;
        this.apiKeys = apiKeys;
        this.app = app;
        this.requestsInContract = requestsInContract;
        this.credentials = credentials;
    }

    private static RunningApi start(InMemoryBookRepository repository, BookRepository served, Operations operations) {
        // Nothing is in flight when a test stops the API: a graceful stop needs no grace period here.
        return start(repository, served, operations, EdgeLimits.defaults(), Duration.ZERO);
    }

    private static RunningApi start(InMemoryBookRepository repository, BookRepository served, Operations operations,
                                    EdgeLimits limits, Duration shutdownTimeout) {
        return start(repository, served, ConsistencyTokens.NONE, operations, limits, shutdownTimeout, SECURITY);
    }

    private static RunningApi start(InMemoryBookRepository repository, BookRepository served,
                                    ConsistencyTokens tokens, Operations operations, EdgeLimits limits,
                                    Duration shutdownTimeout, SecuritySettings security) {
        MutableClock clock = MutableClock.startingAtNewYear2026();
        HttpSettings settings = new HttpSettings(HttpSettings.DEFAULT_MAX_REQUEST_BODY_BYTES, 7, false,
                shutdownTimeout, limits, security);
        IdempotentRequests idempotency = IdempotencyUseCases.using(new InMemoryRequestLog(), clock,
                IdempotencyUseCases.DEFAULT_TIME_TO_LIVE).idempotentRequests();
        ApiKeys apiKeys = new ApiKeys(new InMemoryApiKeyStore(), clock);
        String secret = apiKeys.create(KEY_NAME, EnumSet.allOf(Scope.class), Optional.empty()).secret();
        Javalin app = HttpApi.create(BookUseCases.using(served, served, tokens, clock), idempotency, apiKeys,
                settings, operations).start("127.0.0.1", 0);
        return new RunningApi(repository, clock, apiKeys, app, true, new String[] {"X-Api-Key", secret});
    }

    /** The API over the in-memory store with this security (and no operational hooks). */
    static RunningApi secured(SecuritySettings security) {
        InMemoryBookRepository repository = new InMemoryBookRepository();
        return start(repository, repository, ConsistencyTokens.NONE, Operations.standalone(), EdgeLimits.defaults(),
                Duration.ZERO, security);
    }

    private static RunningApi start(InMemoryBookRepository repository, BookRepository served) {
        return start(repository, served, Operations.standalone());
    }

    /** The API over the in-memory store, with these operational hooks (metrics, readiness check, shutdown). */
    static RunningApi withOperations(Operations operations) {
        InMemoryBookRepository repository = new InMemoryBookRepository();
        return start(repository, repository, operations);
    }

    /**
     * The API over the in-memory store, with these operational hooks and edge limits; stopping it waits up to
     * {@code shutdownTimeout} for requests in flight.
     */
    static RunningApi with(Operations operations, EdgeLimits limits, Duration shutdownTimeout) {
        InMemoryBookRepository repository = new InMemoryBookRepository();
        return start(repository, repository, operations, limits, shutdownTimeout);
    }

    /** The port the API listens on, for tests that open sockets of their own. */
    int port() {
        return app.port();
    }

    static RunningApi start() {
        InMemoryBookRepository repository = new InMemoryBookRepository();
        return start(repository, repository);
    }

    /** The API over the in-memory store, as over a store with read replicas: writes are answered with its tokens. */
    static RunningApi withTokens(ConsistencyTokens tokens) {
        InMemoryBookRepository repository = new InMemoryBookRepository();
        return start(repository, repository, tokens, Operations.standalone(), EdgeLimits.defaults(), Duration.ZERO,
                SECURITY);
    }

    /** The API over a repository that is not the in-memory one (e.g. one that fails). */
    static RunningApi over(BookRepository served) {
        return start(new InMemoryBookRepository(), served);
    }

    /**
     * The same API, for requests the test breaks the OpenAPI document with on purpose (a malformed id, a body of
     * the wrong shape...): their responses are still checked, and the document must refuse the request.
     */
    RunningApi outOfContract() {
        return new RunningApi(repository, clock, apiKeys, app, false, credentials);
    }

    /** The same API, for requests that carry no credentials (or only those the test adds). */
    RunningApi anonymous() {
        return new RunningApi(repository, clock, apiKeys, app, requestsInContract, new String[0]);
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + app.port() + pathAndQuery);
    }

    HttpResponse<String> send(HttpRequest.Builder builder) {
        HttpRequest request = builder.timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Contract.document().check(request, response, requestsInContract);
            return response;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * GETs a static asset (Swagger UI's files under /webjars/). Assets are files, not API operations: the OpenAPI
     * document does not describe them (see {@link RouteCoverage}), so this exchange is not checked against it.
     */
    HttpResponse<byte[]> asset(String path) {
        try {
            return CLIENT.send(request(path).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path, String... headers) {
        return send(request(path, headers).GET());
    }

    HttpResponse<String> post(String path, String json, String... headers) {
        return send(request(path, headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> patch(String path, String json, String... headers) {
        return send(request(path, headers).header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> delete(String path, String... headers) {
        return send(request(path, headers).DELETE());
    }

    HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path));
        for (int i = 0; i < credentials.length; i += 2) {
            builder.header(credentials[i], credentials[i + 1]);
        }
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    /**
     * Sends {@code requestHead} (request line and headers, without the final blank line) as raw bytes, so that
     * targets no well-behaved client would send arrive exactly as written. Not checked against the OpenAPI
     * document: most of these requests name no operation, and some cannot even be parsed.
     */
    RawResponse raw(String requestHead, byte[] body) {
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((requestHead + "\r\nHost: localhost\r\nConnection: close\r\n" + credentialLines()
                    + (body.length > 0 && !requestHead.contains("Transfer-Encoding")
                            ? "Content-Length: " + body.length + "\r\n" : "")
                    + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return RawResponse.parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The credential header lines every request carries, for tests that write requests on sockets of their own. */
    String credentialLines() {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < credentials.length; i += 2) {
            lines.append(credentials[i]).append(": ").append(credentials[i + 1]).append("\r\n");
        }
        return lines.toString();
    }

    RawResponse raw(String requestLine) {
        return raw(requestLine, new byte[0]);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toByteArray();
    }

    @Override
    public void close() {
        app.stop();
    }

    /** A response read off a raw socket: status, headers (names lower-cased), body as UTF-8. */
    record RawResponse(int status, Map<String, String> headers, String body) {

        static RawResponse parse(byte[] bytes) {
            String text = new String(bytes, StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String head = end < 0 ? text : text.substring(0, end);
            String body = end < 0 ? "" : text.substring(end + 4);
            String[] lines = head.split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            return new RawResponse(status, headers, body);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }
}
