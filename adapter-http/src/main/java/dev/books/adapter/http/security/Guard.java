package dev.books.adapter.http.security;

import dev.books.access.ApiKeys;
import dev.books.access.Principal;
import dev.books.access.Scope;
import dev.books.adapter.http.exchange.Principals;
import dev.books.adapter.http.problem.ProblemType;
import dev.books.adapter.http.problem.ProblemWriter;
import dev.books.domain.StoreUnavailableException;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in front of everything but the edge: establishes who sent the request (an API key or a bearer token),
 * decides whether they may (the {@link AccessPolicy}), and whether they may now (their rate limit), before a byte of
 * a body is read. A refusal is a problem: 401 with {@code WWW-Authenticate: Bearer realm="books"} (and
 * {@code error="invalid_token"} for a bad credential), 403 with {@code error="insufficient_scope"}, 429 with
 * {@code Retry-After}, {@code RateLimit-Policy} and {@code RateLimit}. A request let through carries its
 * {@link Principal} ({@link Principals#ATTRIBUTE}) for the routes and the access log.
 *
 * <p>Why a credential was refused is logged at DEBUG, never the credential; the client learns only that it was
 * refused (an unknown key, a wrong secret, a revoked or expired one look the same). Failed authentications are
 * rate-limited per client address, before any is checked.
 */
final class Guard extends Handler.Wrapper {

    private static final Logger LOG = LoggerFactory.getLogger(Guard.class);
    private static final String REALM = "Bearer realm=\"books\"";

    private final AccessPolicy policy;
    private final ApiKeys apiKeys;
    private final Optional<JwtVerifier> tokens;
    private final RateLimiter perPrincipal;
    private final RateLimiter perAnonymousAddress;
    private final RateLimiter failures;
    private final ProblemWriter problems;
    private final ClientAddresses clients;

    Guard(AccessPolicy policy, ApiKeys apiKeys, Optional<JwtVerifier> tokens, SecuritySettings.RateLimits limits,
          ClientAddresses clients, ProblemWriter problems) {
        this.policy = policy;
        this.apiKeys = apiKeys;
        this.tokens = tokens;
        this.perPrincipal = new RateLimiter("principal", limits.perPrincipal());
        this.perAnonymousAddress = new RateLimiter("anonymous", limits.perAnonymousAddress());
        this.failures = new RateLimiter("failed-authentication", limits.failedAuthentications());
        this.problems = problems;
        this.clients = clients;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String canonicalPath = request.getHttpURI().getCanonicalPath();
        // No canonical path (a target that climbs above the root): judged by its method alone, like an unknown path.
        String path = canonicalPath == null ? "" : AccessPolicy.canonical(canonicalPath);
        if (AccessPolicy.isOpen(path)) {
            return super.handle(request, response, callback);
        }
        String address = clients.of(request);
        Credentials credentials = Credentials.of(request.getHeaders());
        Principal principal = null;
        if (credentials instanceof Credentials.Malformed malformed) {
            return refuse(request, response, callback, ProblemType.BAD_REQUEST, malformed.reason(), null);
        }
        if (credentials instanceof Credentials.OtherScheme) {
            return refuse(request, response, callback, ProblemType.UNAUTHORIZED,
                    "Authenticate with a bearer token or an API key (X-Api-Key); no other scheme is accepted.",
                    REALM);
        }
        if (!(credentials instanceof Credentials.None)) {
            if (failures.isExhausted(address)) {
                return tooMany(request, response, callback, failures, failures.take(address));
            }
            Authentication result;
            try {
                result = authenticate(credentials);
            } catch (StoreUnavailableException e) {
                return refuse(request, response, callback, ProblemType.STORE_UNAVAILABLE,
                        "The credentials cannot be checked now; retry after Retry-After.", null);
            }
            if (result instanceof Unavailable) {
                return refuse(request, response, callback, ProblemType.AUTHENTICATION_UNAVAILABLE,
                        "The identity provider's keys cannot be had now; retry after Retry-After.", null);
            }
            if (result instanceof Refused refused) {
                failures.take(address);
                LOG.debug("Request {} from {}: credentials refused ({})", ProblemWriter.requestId(request), address,
                        refused.reason());
                return refuse(request, response, callback, ProblemType.UNAUTHORIZED,
                        "The credentials are not valid (unknown, expired, revoked or not for this service).",
                        REALM + ", error=\"invalid_token\"");
            }
            principal = ((Accepted) result).principal();
        }
        Optional<Scope> required = policy.required(request.getMethod(), path);
        if (required.isPresent() && principal == null) {
            return refuse(request, response, callback, ProblemType.UNAUTHORIZED,
                    "This request needs credentials: an API key or a bearer token.", REALM);
        }
        if (principal != null) {
            // Set before any refusal below: the access log names who was refused, too.
            request.setAttribute(Principals.ATTRIBUTE, principal);
        }
        if (required.isPresent() && !principal.may(required.get())) {
            return refuse(request, response, callback, ProblemType.FORBIDDEN,
                    "The credentials do not grant " + required.get() + ".",
                    REALM + ", error=\"insufficient_scope\", scope=\"" + required.get() + "\"");
        }
        RateLimiter limiter = principal == null ? perAnonymousAddress : perPrincipal;
        String caller = principal == null ? address : principal.actor().name();
        RateLimiter.Decision decision = limiter.take(caller);
        if (!decision.allowed()) {
            return tooMany(request, response, callback, limiter, decision);
        }
        response.getHeaders().put("RateLimit-Policy", limiter.policyHeader());
        response.getHeaders().put("RateLimit", limiter.header(decision));
        if (principal != null) {
            // What an authenticated caller reads is theirs: no shared cache keeps it.
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        }
        return super.handle(request, response, callback);
    }

    private Authentication authenticate(Credentials credentials) {
        if (credentials instanceof Credentials.ApiKey key) {
            return apiKeys.authenticate(key.secret()).<Authentication>map(Accepted::new)
                    .orElseGet(() -> new Refused("no active key matches"));
        }
        String token = ((Credentials.BearerToken) credentials).token();
        if (tokens.isEmpty()) {
            return new Refused("bearer tokens are not accepted here (no issuer configured)");
        }
        JwtVerifier.Verdict verdict = tokens.get().verify(token);
        if (verdict instanceof JwtVerifier.Valid valid) {
            return new Accepted(valid.principal());
        }
        if (verdict instanceof JwtVerifier.Unavailable unavailable) {
            LOG.warn("A bearer token could not be checked: {}", unavailable.reason());
            return new Unavailable();
        }
        return new Refused(((JwtVerifier.Invalid) verdict).reason());
    }

    private boolean tooMany(Request request, Response response, Callback callback, RateLimiter limiter,
                            RateLimiter.Decision decision) {
        response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(Math.max(1, decision.retryAfterSeconds())));
        response.getHeaders().put("RateLimit-Policy", limiter.policyHeader());
        response.getHeaders().put("RateLimit", limiter.header(decision));
        return refuse(request, response, callback, ProblemType.TOO_MANY_REQUESTS,
                "Too many requests; retry after Retry-After.", null);
    }

    private boolean refuse(Request request, Response response, Callback callback, ProblemType type, String detail,
                           String challenge) {
        if (challenge != null) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, challenge);
        }
        if (request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH) > 0
                || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
            // The body is not read for a refused request: the connection cannot carry another one after it.
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        problems.write(request, response, callback, type, detail);
        return true;
    }

    /** What checking a credential came to. */
    private sealed interface Authentication permits Accepted, Refused, Unavailable {
    }

    private record Accepted(Principal principal) implements Authentication {
    }

    private record Refused(String reason) implements Authentication {
    }

    private record Unavailable() implements Authentication {
    }
}
