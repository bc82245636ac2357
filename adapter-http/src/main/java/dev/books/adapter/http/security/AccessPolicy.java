package dev.books.adapter.http.security;

import dev.books.access.Scope;
import java.util.Optional;

/**
 * Which scope each request needs: the one table of who may do what over HTTP. Health checks, the contract and its
 * UI are open (load balancers and readers need no credentials); operators' metrics need {@code books:admin};
 * reading the catalogue needs {@code books:read} only when reads are not public; every other method needs
 * {@code books:write} ({@code books:delete} for DELETE), whatever the path.
 *
 * <p>It fails closed: it decides on the canonical path (decoded, dot segments resolved, empty segments and a
 * trailing slash dropped), so {@code /%62ooks} or {@code //metrics/} is judged as the route it reaches, and a
 * method that is not a read needs a write scope even on a path no route serves.
 */
final class AccessPolicy {

    private final boolean readsPublic;

    AccessPolicy(boolean readsPublic) {
        this.readsPublic = readsPublic;
    }

    /** Whether the (canonical) path is open to anyone, credentials unchecked even when sent. */
    static boolean isOpen(String path) {
        return path.startsWith("/health/") || path.startsWith("/openapi.") || path.equals("/docs")
                || path.startsWith("/webjars/");
    }

    /**
     * The path as the routes will see it: {@code //books/} and {@code /books} are the same route to the router, so
     * they are the same to the policy.
     */
    static String canonical(String decodedPath) {
        String collapsed = decodedPath.replaceAll("/{2,}", "/");
        return collapsed.length() > 1 && collapsed.endsWith("/")
                ? collapsed.substring(0, collapsed.length() - 1) : collapsed;
    }

    /** The scope a request needs, or empty when anyone may send it. */
    Optional<Scope> required(String method, String path) {
        if (path.equals("/metrics")) {
            return Optional.of(Scope.ADMIN);
        }
        return switch (method) {
            case "GET", "HEAD" -> readsPublic ? Optional.empty() : Optional.of(Scope.READ);
            // CORS preflights (answered before the guard when origins are configured) and Allow: nothing to guard.
            case "OPTIONS" -> Optional.empty();
            case "DELETE" -> Optional.of(Scope.DELETE);
            default -> Optional.of(Scope.WRITE);
        };
    }
}
