package dev.books.adapter.http;

import dev.books.application.BookUseCases;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.HttpResponseException;
import jakarta.validation.ValidatorFactory;
import java.util.Objects;
import org.eclipse.jetty.http.UriCompliance;

/** The Books HTTP API (a driving adapter): JSON over Javalin, in front of the use cases. */
public final class HttpApi {

    private HttpApi() {
    }

    /** The Books HTTP API over these use cases, configured but not started. */
    public static Javalin create(BookUseCases useCases) {
        return create(useCases, HttpSettings.defaults());
    }

    /** The Books HTTP API over these use cases with these settings, configured but not started. */
    public static Javalin create(BookUseCases useCases, HttpSettings settings) {
        Objects.requireNonNull(useCases, "useCases");
        Objects.requireNonNull(settings, "settings");
        JsonCodec json = new JsonCodec();
        ValidatorFactory validation = Validators.build();
        BookEndpoints books = new BookEndpoints(useCases,
                new BookRequestBinder(validation.getValidator(), settings.clock()),
                new JsonBodyReader(json, settings.maxRequestBodyBytes()), json);
        ProblemHeaders problemHeaders = new ProblemHeaders(settings.retryAfterSeconds());
        ProblemResponder problems = new ProblemResponder(json, problemHeaders);
        JettyProblems jettyProblems = new JettyProblems(json, problemHeaders);
        ApiDocs docs = ApiDocs.load();

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

            cfg.jetty.modifyHttpConfiguration(http -> {
                // Let ambiguous targets through Jetty's parser so that EdgeHandler refuses them as problems.
                http.setUriCompliance(UriCompliance.LEGACY);
                http.setSendServerVersion(false);
                http.setSendXPoweredBy(false);
            });
            cfg.jetty.modifyServer(server -> {
                server.setErrorHandler(new ProblemErrorHandler(jettyProblems));
                server.insertHandler(new EdgeHandler(jettyProblems, settings.accessLog()));
            });

            cfg.routes.get("/books", books::list);
            cfg.routes.head("/books", books::list);
            cfg.routes.post("/books", books::create);
            cfg.routes.get("/books/{id}", books::get);
            cfg.routes.head("/books/{id}", books::get);
            cfg.routes.patch("/books/{id}", books::update);
            cfg.routes.delete("/books/{id}", books::delete);

            // The contract (see ApiDocs); Swagger UI's assets are static files under /webjars/, not routes.
            cfg.routes.get("/openapi.json", docs::json);
            cfg.routes.get("/openapi.yaml", docs::yaml);
            cfg.routes.get("/docs", docs::page);
            cfg.staticFiles.enableWebjars();

            cfg.routes.exception(HttpResponseException.class, problems::respond);
            cfg.routes.exception(Exception.class, problems::respond);
            cfg.router.javaLangErrorHandler(problems::respondToError);

            cfg.events.serverStopped(validation::close);
        });
    }
}
