package dev.books.adapter.http;

import dev.books.access.ApiKeys;
import dev.books.adapter.http.books.BookRoutes;
import dev.books.adapter.http.edge.Edge;
import dev.books.adapter.http.operations.Operations;
import dev.books.adapter.http.operations.OperationsRoutes;
import dev.books.adapter.http.problem.ProblemWriter;
import dev.books.adapter.http.security.Security;
import dev.books.application.BookUseCases;
import dev.books.application.IdempotentRequests;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.HttpResponseException;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;

/**
 * The Books HTTP API (a driving adapter): JSON over Javalin, in front of the use cases. Its parts, one package
 * each: {@code books} (the book endpoints), {@code operations} (health, metrics, the contract), {@code edge} (what
 * every request meets first, and Jetty's set-up), {@code security} (who may send what), {@code problem} (every
 * error response); {@code exchange} holds what they all know of a request (its id, its principal).
 */
public final class HttpApi {

    /** The buffer Javalin copies a response's bytes through (see create). */
    static final int RESPONSE_COPY_BYTES = 1024;

    private HttpApi() {
    }

    /**
     * The Books HTTP API over these use cases, configured but not started, with creates made at most once per
     * Idempotency-Key through {@code idempotency}, API keys checked by {@code apiKeys} (and bearer tokens as
     * {@link HttpSettings#security()} says), and its operational routes wired to the process:
     * {@code /metrics} exposes {@code operations.metrics()} and {@code /health/ready} asks
     * {@code operations.database()}.
     *
     * <p>Stopping the returned server is graceful: readiness turns 503 at once, the connectors stop accepting,
     * requests in flight may finish for up to {@link HttpSettings#shutdownTimeout()}.
     */
    public static Javalin create(BookUseCases useCases, IdempotentRequests idempotency, ApiKeys apiKeys,
                                 HttpSettings settings, Operations operations) {
        Objects.requireNonNull(useCases, "useCases");
        Objects.requireNonNull(idempotency, "idempotency");
        Objects.requireNonNull(apiKeys, "apiKeys");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(operations, "operations");
        ProblemWriter problems = new ProblemWriter(settings.retryAfterSeconds());

        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            // Building the app without starting it is legitimate here (tests, embedders): no 5 s watcher thread.
            cfg.startup.startupWatcherEnabled = false;
            // A known path with an unsupported method is a 405 with Allow, not a 404.
            cfg.http.prefer405over404 = true;
            // Responses are small JSON; compressing them costs more CPU than it saves. A proxy may still do it.
            cfg.http.compressionStrategy = CompressionStrategy.NONE;
            // Javalin copies each result to the response through a buffer of this size, allocated per response
            // (Jetty's 32 KiB output buffer by default): a book is ~300 bytes, a page of 100 some 30 KiB.
            cfg.http.responseBufferSize = RESPONSE_COPY_BYTES;
            // Javalin's switch stays off: on 21+ it would run all of Jetty (selectors included) on virtual threads.
            // The edge gives Jetty a pool that runs only the requests on them, where the runtime has them (Edge).
            cfg.concurrency.useVirtualThreads = false;

            BookRoutes.register(cfg, useCases, idempotency, settings.maxRequestBodyBytes());
            Set<String> staticFiles = OperationsRoutes.register(cfg, operations, problems);
            Edge.install(cfg, settings.limits(), settings.maxRequestBodyBytes(), settings.accessLog(),
                    settings.shutdownTimeout(), staticFiles,
                    Security.guards(settings.security(), apiKeys, problems, Clock.systemUTC()), problems,
                    operations.metrics());

            cfg.routes.exception(HttpResponseException.class, problems::respond);
            cfg.routes.exception(Exception.class, problems::respond);
            cfg.router.javaLangErrorHandler(problems::respondToError);
        });
    }
}
