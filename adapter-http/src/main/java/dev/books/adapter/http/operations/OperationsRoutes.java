package dev.books.adapter.http.operations;

import dev.books.adapter.http.problem.ProblemWriter;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Handler;
import java.util.Set;

/**
 * The routes for operators, orchestrators and readers of the contract: {@code /health/live}, {@code /health/ready},
 * {@code /metrics}, the OpenAPI document and Swagger UI at {@code /docs}; each GET answers HEAD too.
 */
public final class OperationsRoutes {

    private OperationsRoutes() {
    }

    /**
     * Registers the routes with {@code cfg}; readiness turns 503 the moment the server starts stopping.
     *
     * @return the static files {@code /docs} loads (under {@code /webjars/}): the only ones to serve
     */
    public static Set<String> register(JavalinConfig cfg, Operations operations, ProblemWriter problems) {
        OperationsEndpoints ops = new OperationsEndpoints(operations, problems);
        ApiDocs docs = ApiDocs.load();
        cfg.events.serverStopping(ops::shuttingDown);

        getAndHead(cfg, "/health/live", ops::live);
        getAndHead(cfg, "/health/ready", ops::ready);
        getAndHead(cfg, "/metrics", ops::metrics);

        // The contract (see ApiDocs); Swagger UI's assets are static files under /webjars/, not routes.
        getAndHead(cfg, "/openapi.json", docs::json);
        getAndHead(cfg, "/openapi.yaml", docs::yaml);
        getAndHead(cfg, "/docs", docs::page);
        cfg.staticFiles.enableWebjars();
        return docs.assetPaths();
    }

    /** Every GET answers HEAD with the same headers (Jetty leaves the body out). */
    private static void getAndHead(JavalinConfig cfg, String path, Handler handler) {
        cfg.routes.get(path, handler);
        cfg.routes.head(path, handler);
    }
}
