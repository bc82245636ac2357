package dev.books.adapter.http.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may do what, and how they say who they are.
 *
 * @param mode         whether callers authenticate at all
 * @param jwt          bearer tokens from an OpenID Connect provider, if accepted
 * @param readsPublic  whether reading the catalogue needs no credentials (writes always do)
 * @param corsOrigins  the browser origins allowed to call the API (none: no CORS headers at all)
 * @param rateLimits   requests per minute per caller
 * @param trustedProxies the proxies (addresses or CIDR blocks) whose {@code X-Forwarded-For} names the client, for
 *                     the rate limits: without them, every client behind a proxy would share the proxy's budget
 */
public record SecuritySettings(Mode mode, Optional<Jwt> jwt, boolean readsPublic, List<String> corsOrigins,
                               RateLimits rateLimits, List<String> trustedProxies) {

    /** Whether callers authenticate. */
    public enum Mode {
        /** Nobody is asked who they are; anyone may change the catalogue. Only on purpose (BOOKS_AUTH=none). */
        NONE,
        /** API keys, and bearer tokens when {@link #jwt()} is configured. */
        REQUIRED
    }

    /**
     * Bearer tokens (RFC 6750, RFC 7519) signed by an OpenID Connect provider.
     *
     * @param issuer       the provider; tokens' {@code iss} must equal it; its discovery document names the JWKS
     * @param jwksUrl      the JWKS, when it is not to be discovered
     * @param audience     what the token's {@code aud} must contain
     * @param scopeClaims  where scopes are read: claim names ({@code scope}, {@code https://example.com/roles}), or
     *                     paths of nested claims with dots ({@code realm_access.roles}) when no claim has the name
     * @param clockSkew    how much the provider's clock and ours may differ for {@code exp} and {@code nbf}
     */
    public record Jwt(URI issuer, Optional<URI> jwksUrl, String audience, List<String> scopeClaims,
                      Duration clockSkew) {

        public static final List<String> DEFAULT_SCOPE_CLAIMS = List.of("scope", "scp");
        public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);

        public Jwt {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(jwksUrl, "jwksUrl");
            Objects.requireNonNull(audience, "audience");
            scopeClaims = List.copyOf(scopeClaims);
            Objects.requireNonNull(clockSkew, "clockSkew");
        }
    }

    /**
     * Requests per minute: per authenticated principal, per client address for anonymous reads, and failed
     * authentications per client address.
     */
    public record RateLimits(int perPrincipal, int perAnonymousAddress, int failedAuthentications) {

        public RateLimits {
            if (perPrincipal < 1 || perAnonymousAddress < 1 || failedAuthentications < 1) {
                throw new IllegalArgumentException("rate limits are at least 1 a minute");
            }
        }

        /** 1,200 a minute per principal, 600 per anonymous address, 20 failed authentications per address. */
        public static RateLimits defaults() {
            return new RateLimits(1_200, 600, 20);
        }
    }

    public SecuritySettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(jwt, "jwt");
        corsOrigins = List.copyOf(corsOrigins);
        Objects.requireNonNull(rateLimits, "rateLimits");
        trustedProxies = List.copyOf(trustedProxies);
        if (mode == Mode.NONE && jwt.isPresent()) {
            throw new IllegalArgumentException("tokens are configured but authentication is switched off");
        }
    }

    /** With no trusted proxy: the TCP peer is the client. */
    public SecuritySettings(Mode mode, Optional<Jwt> jwt, boolean readsPublic, List<String> corsOrigins,
                            RateLimits rateLimits) {
        this(mode, jwt, readsPublic, corsOrigins, rateLimits, List.of());
    }

    /** These settings, with these trusted proxies. */
    public SecuritySettings withTrustedProxies(List<String> proxies) {
        return new SecuritySettings(mode, jwt, readsPublic, corsOrigins, rateLimits, proxies);
    }

    /** Whether {@code pattern} is an IP address or a CIDR block, as {@link #trustedProxies()} takes them. */
    public static boolean isAddressPattern(String pattern) {
        return ClientAddresses.isAddressPattern(pattern);
    }

    /** API keys only, public reads, no CORS, the default rate limits. */
    public static SecuritySettings keysOnly() {
        return new SecuritySettings(Mode.REQUIRED, Optional.empty(), true, List.of(), RateLimits.defaults());
    }

    /** Nobody asked; anyone may change the catalogue (for tests and for deployments that chose it). */
    public static SecuritySettings none() {
        return new SecuritySettings(Mode.NONE, Optional.empty(), true, List.of(), RateLimits.defaults());
    }
}
