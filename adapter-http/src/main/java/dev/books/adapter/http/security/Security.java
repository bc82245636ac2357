package dev.books.adapter.http.security;

import dev.books.access.ApiKeys;
import dev.books.adapter.http.problem.ProblemWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.handler.CrossOriginHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may do what over HTTP: the handlers to put right behind the edge, in order: CORS for the configured browser
 * origins (preflights are answered before anyone is asked for credentials), then the {@link Guard}.
 */
public final class Security {

    private static final Logger LOG = LoggerFactory.getLogger(Security.class);

    private Security() {
    }

    /** The handlers, outermost first; none at all when authentication is off and no origin is allowed. */
    public static List<Handler.Wrapper> guards(SecuritySettings settings, ApiKeys apiKeys, ProblemWriter problems,
                                               Clock clock) {
        List<Handler.Wrapper> guards = new ArrayList<>(2);
        if (!settings.corsOrigins().isEmpty()) {
            guards.add(crossOrigin(settings.corsOrigins()));
        }
        if (settings.mode() == SecuritySettings.Mode.NONE) {
            LOG.warn("AUTHENTICATION IS OFF (BOOKS_AUTH=none): anyone who can reach this service may change and "
                    + "delete every book, and read its metrics");
            return guards;
        }
        guards.add(new Guard(new AccessPolicy(settings.readsPublic()), apiKeys,
                settings.jwt().map(jwt -> new JwtVerifier(jwt, clock)), settings.rateLimits(),
                new ClientAddresses(settings.trustedProxies()), problems));
        return guards;
    }

    /**
     * CORS for exactly these origins (no wildcard: credentials go in headers, and a page of any origin must not
     * send them): the methods and headers the API takes, and the response headers a page may read.
     */
    private static CrossOriginHandler crossOrigin(List<String> origins) {
        CrossOriginHandler cors = new CrossOriginHandler();
        cors.setAllowedOriginPatterns(origins.stream().map(Pattern::quote).collect(Collectors.toSet()));
        cors.setAllowCredentials(false);
        cors.setAllowedMethods(Set.of("GET", "HEAD", "POST", "PATCH", "DELETE"));
        cors.setAllowedHeaders(Set.of("Authorization", "X-Api-Key", "Content-Type", "If-Match", "If-None-Match",
                "Idempotency-Key", "X-Request-Id"));
        cors.setExposedHeaders(Set.of("ETag", "Location", "X-Request-Id", "Retry-After", "RateLimit",
                "RateLimit-Policy", "WWW-Authenticate"));
        cors.setPreflightMaxAge(Duration.ofMinutes(10));
        return cors;
    }
}
