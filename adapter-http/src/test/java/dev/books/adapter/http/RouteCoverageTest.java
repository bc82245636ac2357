package dev.books.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.books.access.ApiKeys;
import dev.books.adapter.http.operations.ApiDocs;
import dev.books.adapter.http.operations.Operations;
import dev.books.application.BookUseCases;
import dev.books.application.IdempotencyUseCases;
import dev.books.testkit.InMemoryApiKeyStore;
import dev.books.testkit.InMemoryBookRepository;
import dev.books.testkit.InMemoryRequestLog;
import dev.books.testkit.MutableClock;
import io.javalin.Javalin;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every route Javalin registered is in the OpenAPI document, and every operation the document names exists. */
class RouteCoverageTest {

    private static final JsonNode DOCUMENT = Contract.yaml(Contract.resource(ApiDocs.DOCUMENT));

    private static Javalin app() {
        MutableClock clock = MutableClock.startingAtNewYear2026();
        return HttpApi.create(BookUseCases.using(new InMemoryBookRepository(), clock),
                IdempotencyUseCases.using(new InMemoryRequestLog(), clock, IdempotencyUseCases.DEFAULT_TIME_TO_LIVE)
                        .idempotentRequests(),
                new ApiKeys(new InMemoryApiKeyStore(), clock), HttpSettings.defaults(), Operations.standalone());
    }

    @Test
    void the_document_and_the_routes_name_the_same_operations() {
        Set<String> registered = RouteCoverage.registered(app());
        Set<String> documented = RouteCoverage.documented(DOCUMENT);

        assertThat(RouteCoverage.differences(registered, documented)).as("routes vs. OpenAPI document").isEmpty();
        assertThat(registered).contains("GET /books", "HEAD /books", "POST /books", "GET /books/{id}",
                "HEAD /books/{id}", "PATCH /books/{id}", "DELETE /books/{id}", "GET /openapi.json",
                "GET /openapi.yaml", "GET /docs");
    }

    @Test
    void the_document_names_no_static_asset() {
        assertThat(DOCUMENT.path("paths").properties()).noneMatch(path -> path.getKey().startsWith("/webjars"));
    }

    @Test
    void a_route_missing_from_the_document_is_named() {
        Set<String> documented = RouteCoverage.documented(DOCUMENT);
        Javalin withExtraRoute = Javalin.create(cfg -> {
            cfg.routes.get("/books", ctx -> { });
            cfg.routes.put("/books/{id}", ctx -> { });
            cfg.routes.before(ctx -> { }); // a filter, not a route
        });

        String differences = RouteCoverage.differences(RouteCoverage.registered(withExtraRoute), documented);

        assertThat(differences)
                .contains("route PUT /books/{id} is registered with Javalin but missing from the OpenAPI document")
                .doesNotContain("route GET /books is")
                .doesNotContain("BEFORE");
    }

    @Test
    void a_documented_route_that_does_not_exist_is_named() {
        ObjectNode document = DOCUMENT.deepCopy();
        ((ObjectNode) document.path("paths")).putObject("/authors").putObject("get");

        String differences = RouteCoverage.differences(RouteCoverage.registered(app()),
                RouteCoverage.documented(document));

        assertThat(differences).isEqualTo(
                "route GET /authors is named by the OpenAPI document but Javalin has no such route\n");
    }
}
