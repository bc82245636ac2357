package dev.books.adapter.http;

import dev.books.application.BookUseCases;
import dev.books.application.IdempotentRequests;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import jakarta.validation.ValidatorFactory;
import java.util.Objects;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.MinimumDataRateHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** The Books HTTP API (a driving adapter): JSON over Javalin, in front of the use cases. */
public final class HttpApi {

    private HttpApi() {
    }

    /**
     * The Books HTTP API over these use cases, configured but not started, with creates made at most once per
     * Idempotency-Key through {@code idempotency}, and its operational routes wired to the process:
     * {@code /metrics} exposes {@code operations.metrics()} and {@code /health/ready} asks
     * {@code operations.database()}.
     *
     * <p>Stopping the returned server is graceful: readiness turns 503 at once, the connectors stop accepting,
     * requests in flight may finish for up to {@link HttpSettings#shutdownTimeout()}.
     */
    public static Javalin create(BookUseCases useCases, IdempotentRequests idempotency, HttpSettings settings,
                                 Operations operations) {
        Objects.requireNonNull(useCases, "useCases");
        Objects.requireNonNull(idempotency, "idempotency");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(operations, "operations");
        JsonCodec json = new JsonCodec();
        ValidatorFactory validation = Validators.build();
        BookEndpoints books = new BookEndpoints(useCases, new IdempotentCreates(idempotency),
                new BookRequestBinder(validation.getValidator()),
                new JsonBodyReader(json, settings.maxRequestBodyBytes()), json);
        ProblemHeaders problemHeaders = new ProblemHeaders(settings.retryAfterSeconds());
        ProblemResponder problems = new ProblemResponder(json, problemHeaders);
        JettyProblems jettyProblems = new JettyProblems(json, problemHeaders);
        OperationsEndpoints ops = new OperationsEndpoints(operations, json, problemHeaders);
        RequestMetrics requestMetrics = new RequestMetrics(operations.metrics());
        ApiDocs docs = ApiDocs.load();
        EdgeLimits limits = settings.limits();

        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            // Building the app without starting it is legitimate here (tests, embedders): no 5 s watcher thread.
            cfg.startup.startupWatcherEnabled = false;
            // Our handlers read bodies themselves, with the same limit; this covers anything else.
            cfg.http.maxRequestSize = settings.maxRequestBodyBytes();
            // A known path with an unsupported method is a 405 with Allow, not a 404.
            cfg.http.prefer405over404 = true;
            // Responses are small JSON; compressing them costs more CPU than it saves. A proxy may still do it.
            cfg.http.compressionStrategy = CompressionStrategy.NONE;
            // Virtual threads stay off: on Java 17 the flag does nothing, and on 21+ Javalin would run all of
            // Jetty (selectors included) on them; blocking JDBC behind a small pool gains nothing from them.
            cfg.concurrency.useVirtualThreads = false;
            // Threads beyond the minimum end after a short idle time: a burst's threads do not linger for a minute.
            QueuedThreadPool threads = new QueuedThreadPool(limits.maxThreads(), EdgeLimits.MIN_THREADS,
                    (int) limits.threadIdleTimeout().toMillis());
            threads.setName("books-http");
            // Jetty ends at most one idle thread per idle timeout by default: a burst's threads would linger for
            // minutes. All of them may go.
            threads.setMaxEvictCount(limits.maxThreads());
            cfg.jetty.threadPool = threads;

            cfg.jetty.modifyHttpConfiguration(http -> {
                // Let ambiguous targets through Jetty's parser so that EdgeHandler refuses them as problems.
                http.setUriCompliance(UriCompliance.LEGACY);
                http.setSendServerVersion(false);
                http.setSendXPoweredBy(false);
            });
            // Books keeps no server-side state: without a session handler no request (not even a WebSocket
            // handshake, see EdgeHandler) can open a session or be given a session cookie.
            cfg.jetty.modifyServletContextHandler(context -> context.setSessionHandler(new NoSessions()));
            cfg.jetty.modifyServer(server -> {
                // The connectors exist once the server is about to start.
                cfg.events.serverStarting(() -> {
                    for (Connector connector : server.getConnectors()) {
                        if (connector instanceof AbstractConnector network) {
                            network.setIdleTimeout(limits.connectionIdleTimeout().toMillis());
                        }
                    }
                });
                server.setErrorHandler(new ProblemErrorHandler(jettyProblems, requestMetrics));
                // Each insert wraps what is there, so the last inserted is outermost. In request order: the edge
                // sees every request (ids, access log, metrics, refusals); the graceful handler counts requests in
                // flight so that stopping waits for them; the body intake admits bodies within the memory budget
                // and the deadline; the minimum data rate cuts off trickled bodies; bodies are then read whole,
                // without a thread, before the request is handed to Javalin's blocking servlet.
                server.insertHandler(new BodyIntake.Dispatched());
                server.insertHandler(new EagerContentHandler(new EagerContentHandler.RetainedContentLoaderFactory(
                        retainedBytes(settings.maxRequestBodyBytes()), -1, true)));
                server.insertHandler(new MinimumDataRateHandler(limits.minRequestDataRate(), 0));
                server.insertHandler(new BodyIntake(jettyProblems, requestMetrics, settings.maxRequestBodyBytes(),
                        limits.bodyBytesInFlight(), limits.bodyDeadline()));
                server.insertHandler(new GracefulHandler());
                server.insertHandler(new EdgeHandler(jettyProblems, settings.accessLog(), requestMetrics,
                        docs.assetPaths()));
                server.setStopTimeout(settings.shutdownTimeout().toMillis());
            });
            // Every route handler first notes its route template, for the access log and the metrics.
            cfg.router.handlerWrapper(endpoint -> ctx -> {
                ctx.req().setAttribute(EdgeHandler.ROUTE_ATTRIBUTE, endpoint.path);
                endpoint.handler.handle(ctx);
            });
            cfg.events.serverStopping(ops::shuttingDown);

            cfg.routes.get("/books", books::list);
            cfg.routes.head("/books", books::list);
            cfg.routes.post("/books", books::create);
            cfg.routes.get("/books/{id}", books::get);
            cfg.routes.head("/books/{id}", books::get);
            cfg.routes.patch("/books/{id}", books::update);
            cfg.routes.delete("/books/{id}", books::delete);

            // Every GET answers HEAD with the same headers (Jetty leaves the body out).
            getAndHead(cfg, "/health/live", ops::live);
            getAndHead(cfg, "/health/ready", ops::ready);
            getAndHead(cfg, "/metrics", ops::metrics);

            // The contract (see ApiDocs); Swagger UI's assets are static files under /webjars/, not routes, and
            // only the ones /docs loads get past the EdgeHandler.
            getAndHead(cfg, "/openapi.json", docs::json);
            getAndHead(cfg, "/openapi.yaml", docs::yaml);
            getAndHead(cfg, "/docs", docs::page);
            cfg.staticFiles.enableWebjars();

            cfg.routes.exception(HttpResponseException.class, problems::respond);
            cfg.routes.exception(Exception.class, problems::respond);
            cfg.router.javaLangErrorHandler(problems::respondToError);

            cfg.events.serverStopped(validation::close);
        });
    }

    private static void getAndHead(JavalinConfig cfg, String path, Handler handler) {
        cfg.routes.get(path, handler);
        cfg.routes.head(path, handler);
    }

    /**
     * What the eager reading of a body may retain: the body's limit plus the framing of its chunks (Jetty counts a
     * few bytes per chunk); the exact limit is the JSON reader's to enforce.
     */
    private static long retainedBytes(int maxRequestBodyBytes) {
        return maxRequestBodyBytes + maxRequestBodyBytes / 8L + 1024;
    }
}
