package dev.books.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The routes a Javalin app registered and the operations an OpenAPI document names, as {@code "METHOD /path"}
 * (both write path parameters as {@code {name}}), and what differs between the two.
 *
 * <p>Static assets are not routes: Swagger UI's files are served by Javalin's resource handler from the webjar
 * under {@link #STATIC_ASSETS}, never registered with the router, and deliberately not documented. They are
 * excluded on both sides by name, so that neither an asset route nor a documented asset path can slip in.
 */
final class RouteCoverage {

    static final String STATIC_ASSETS = "/webjars/";

    private static final Set<String> OPERATION_METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private RouteCoverage() {
    }

    /** Every HTTP route of the app (its before/after filters are not routes). */
    static Set<String> registered(Javalin app) {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(parsed -> parsed.endpoint)
                .filter(endpoint -> endpoint.method.isHttpMethod())
                .filter(endpoint -> !endpoint.path.startsWith(STATIC_ASSETS))
                .map(endpoint -> endpoint.method.name().toUpperCase(Locale.ROOT) + " " + endpoint.path)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Every operation of the document. */
    static Set<String> documented(JsonNode document) {
        Set<String> operations = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            if (path.getKey().startsWith(STATIC_ASSETS)) {
                continue;
            }
            for (Map.Entry<String, JsonNode> member : path.getValue().properties()) {
                if (OPERATION_METHODS.contains(member.getKey())) {
                    operations.add(member.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }
        }
        return operations;
    }

    /** Empty when both sides agree; otherwise one line per route the other side lacks. */
    static String differences(Set<String> registered, Set<String> documented) {
        StringBuilder report = new StringBuilder();
        for (String route : registered) {
            if (!documented.contains(route)) {
                report.append("route ").append(route).append(" is registered with Javalin but missing from the"
                        + " OpenAPI document\n");
            }
        }
        for (String route : documented) {
            if (!registered.contains(route)) {
                report.append("route ").append(route).append(" is named by the OpenAPI document but Javalin has"
                        + " no such route\n");
            }
        }
        return report.toString();
    }
}
