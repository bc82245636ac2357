package dev.books.adapter.http.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.books.access.Principal;
import dev.books.access.Scope;
import dev.books.domain.Actor;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies bearer tokens (signed JWTs) from one OpenID Connect provider, with nimbus-jose-jwt: the signature against
 * the provider's JWKS (asymmetric algorithms only: never {@code none}, never an HMAC, whose "key" would be the
 * public one), the type, {@code iss}, {@code aud}, {@code exp}/{@code nbf} within the clock skew, and a subject.
 *
 * <p>The JWKS is found through the provider's discovery document (unless configured), lazily: a provider that is
 * down when Books starts does not stop it. Keys are cached; a token signed with an unknown {@code kid} (the provider
 * rotated its keys) makes the cache refresh, at most every {@link #MIN_REFRESH_INTERVAL}; a provider that is down or
 * slow costs a request at most {@link #HTTP_TIMEOUT}, and tokens signed with keys already cached keep working.
 */
final class JwtVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(JwtVerifier.class);
    /** Every fetch from the provider: connect and read, each. */
    static final Duration HTTP_TIMEOUT = Duration.ofSeconds(2);
    /** The least time between two refreshes of the keys (an unknown kid asks for one). */
    static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(5);
    private static final Duration KEYS_TIME_TO_LIVE = Duration.ofMinutes(15);
    private static final Duration DISCOVERY_RETRY = Duration.ofSeconds(5);
    private static final int MAX_DOCUMENT_BYTES = 256 * 1024;
    private static final Set<JWSAlgorithm> ALLOWED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512, JWSAlgorithm.Ed25519, JWSAlgorithm.EdDSA);

    private final SecuritySettings.Jwt settings;
    private final Clock clock;
    private final DefaultResourceRetriever http = new DefaultResourceRetriever(
            (int) HTTP_TIMEOUT.toMillis(), (int) HTTP_TIMEOUT.toMillis(), MAX_DOCUMENT_BYTES);
    private volatile ConfigurableJWTProcessor<SecurityContext> processor;
    private volatile Instant nextDiscovery = Instant.MIN;

    JwtVerifier(SecuritySettings.Jwt settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** What a token says, once verified. */
    sealed interface Verdict permits Valid, Invalid, Unavailable {
    }

    /** A valid token, and the principal it stands for. */
    record Valid(Principal principal) implements Verdict {
    }

    /** A token that must be refused; the reason is for the DEBUG log, never for the client. */
    record Invalid(String reason) implements Verdict {
    }

    /** The provider's keys could not be had: the token can be neither accepted nor refused now. */
    record Unavailable(String reason) implements Verdict {
    }

    Verdict verify(String token) {
        ConfigurableJWTProcessor<SecurityContext> verifying;
        try {
            verifying = processor();
        } catch (IOException | ParseException | IllegalStateException e) {
            return new Unavailable("discovery failed: " + e.getMessage());
        }
        try {
            JWTClaimsSet claims = verifying.process(token, null);
            return new Valid(new Principal(Actor.named("jwt:", claims.getSubject()), scopes(claims)));
        } catch (RateLimitReachedException e) {
            // An unknown kid, and the keys were refreshed moments ago: the token is not signed by a key we know.
            return new Invalid("unknown key, refreshed recently");
        } catch (KeySourceException e) {
            return new Unavailable("keys not available: " + e.getMessage());
        } catch (ParseException | BadJOSEException | JOSEException e) {
            return new Invalid(e.getMessage());
        }
    }

    private ConfigurableJWTProcessor<SecurityContext> processor() throws IOException, ParseException {
        ConfigurableJWTProcessor<SecurityContext> built = processor;
        if (built != null) {
            return built;
        }
        synchronized (this) {
            if (processor != null) {
                return processor;
            }
            Instant now = clock.instant();
            if (now.isBefore(nextDiscovery)) {
                throw new IllegalStateException("the provider did not answer; asking again soon");
            }
            nextDiscovery = now.plus(DISCOVERY_RETRY);
            URL jwks = settings.jwksUrl().isPresent() ? settings.jwksUrl().get().toURL() : discover();
            processor = build(jwks);
            LOG.info("Verifying bearer tokens of {} with the keys at {}", settings.issuer(), jwks);
            return processor;
        }
    }

    private URL discover() throws IOException, ParseException {
        URI document = URI.create(settings.issuer().toString().replaceAll("/+$", "")
                + "/.well-known/openid-configuration");
        Resource resource = http.retrieveResource(document.toURL());
        Map<String, Object> metadata = JSONObjectUtils.parse(resource.getContent());
        String issuer = JSONObjectUtils.getString(metadata, "issuer");
        if (!settings.issuer().toString().equals(issuer)) {
            throw new IllegalStateException("the discovery document names another issuer");
        }
        return URI.create(JSONObjectUtils.getString(metadata, "jwks_uri")).toURL();
    }

    private ConfigurableJWTProcessor<SecurityContext> build(URL jwks) {
        JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(jwks, http)
                .cache(KEYS_TIME_TO_LIVE.toMillis(), HTTP_TIMEOUT.toMillis())
                .rateLimited(MIN_REFRESH_INTERVAL.toMillis())
                // Keys already had keep verifying tokens while the provider is down, for a day at most.
                .outageTolerant(Duration.ofDays(1).toMillis())
                .build();
        DefaultJWTProcessor<SecurityContext> built = new DefaultJWTProcessor<>();
        built.setJWSKeySelector(new JWSVerificationKeySelector<>(ALLOWED, keys));
        built.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(
                JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                Set.of(settings.audience()),
                new JWTClaimsSet.Builder().issuer(settings.issuer().toString()).build(),
                Set.of("sub", "exp"),
                null);
        claims.setMaxClockSkew((int) settings.clockSkew().toSeconds());
        built.setJWTClaimsSetVerifier(claims);
        return built;
    }

    /**
     * The scopes the token grants, read from the configured claims (each the name of a claim, or else a path of
     * nested claims with dots): a space-separated string or a list.
     */
    private Set<Scope> scopes(JWTClaimsSet claims) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String claim : settings.scopeClaims()) {
            // A claim named as a whole first (Auth0's namespaced "https://example.com/roles" has dots), else a path.
            Object value = claims.getClaims().containsKey(claim) ? claims.getClaim(claim)
                    : claim(claims.getClaims(), List.of(claim.split("\\.")));
            if (value instanceof String text) {
                for (String name : text.trim().split("\\s+")) {
                    Scope.named(name).ifPresent(scopes::add);
                }
            } else if (value instanceof Collection<?> names) {
                names.forEach(name -> Scope.named(String.valueOf(name)).ifPresent(scopes::add));
            }
        }
        return scopes;
    }

    private static Object claim(Map<String, Object> claims, List<String> path) {
        Object value = claims.get(path.get(0));
        if (path.size() == 1) {
            return value;
        }
        return value instanceof Map<?, ?> nested ? claim(castMap(nested), path.subList(1, path.size())) : null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
