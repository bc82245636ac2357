package dev.books.adapter.http;

import static dev.books.adapter.http.ApiAssertions.assertProblem;
import static dev.books.adapter.http.ApiAssertions.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.books.adapter.http.security.SecuritySettings;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bearer tokens from an OpenID Connect provider (a local {@link TokenIssuer}): the signature, the type, issuer,
 * audience, lifetime and scopes are checked; what a token may do is what its scopes say.
 */
class BearerTokenTest {

    private static final String DUNE = "{\"title\": \"Dune\", \"author\": \"Frank Herbert\"}";

    private final TokenIssuer provider = TokenIssuer.start();
    private final RunningApi api = RunningApi.secured(trusting(provider));

    private static SecuritySettings trusting(TokenIssuer provider) {
        SecuritySettings.Jwt jwt = new SecuritySettings.Jwt(provider.issuer(), Optional.empty(), TokenIssuer.AUDIENCE,
                List.of("scope", "realm_access.roles", "https://books.example.com/roles"),
                SecuritySettings.Jwt.DEFAULT_CLOCK_SKEW);
        return new SecuritySettings(SecuritySettings.Mode.REQUIRED, Optional.of(jwt), true, List.of(),
                RunningApi.SECURITY.rateLimits());
    }

    @AfterEach
    void stop() {
        api.close();
        provider.close();
    }

    private int created;

    /** POSTs a new book (each one another title) with the token. */
    private HttpResponse<String> create(String token) {
        created++;
        return api.anonymous().post("/books", "{\"title\": \"Dune " + created + "\", \"author\": \"Frank Herbert\"}",
                "Authorization", "Bearer " + token);
    }

    @Test
    void a_valid_token_with_the_scope_may_write_and_its_subject_is_the_author_of_the_change() {
        HttpResponse<String> response = create(provider.token("openid books:write"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(json(response).path("createdBy").asText()).isEqualTo("jwt:alice");
    }

    @Test
    void scopes_may_come_from_roles_as_keycloak_puts_them() {
        String token = provider.token("openid", claims -> claims.claim("realm_access",
                Map.of("roles", List.of("offline_access", "books:write"))));

        assertThat(create(token).statusCode()).isEqualTo(201);
    }

    @Test
    void scopes_may_come_from_a_claim_named_by_a_url_as_auth0_namespaces_them() {
        String token = provider.token("openid", claims -> claims.claim("https://books.example.com/roles",
                List.of("books:write")));

        assertThat(create(token).statusCode()).isEqualTo(201);
    }

    @Test
    void a_valid_token_without_the_scope_is_403() {
        HttpResponse<String> response = create(provider.token("openid books:read"));

        assertProblem(response, 403, "forbidden");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).contains("insufficient_scope", "books:write"));
        assertThat(api.repository.size()).isZero();
    }

    @Test
    void a_token_expired_within_the_clock_skew_is_still_accepted() {
        String token = provider.token("books:write", claims -> claims.expirationTime(
                Date.from(Instant.now().minusSeconds(10))));

        assertThat(create(token).statusCode()).isEqualTo(201);
    }

    static Stream<Arguments> tokensToRefuse() {
        Instant now = Instant.now();
        Function<TokenIssuer, String> expired = issuer -> issuer.token("books:write",
                claims -> claims.expirationTime(Date.from(now.minus(Duration.ofMinutes(2)))));
        Function<TokenIssuer, String> notYet = issuer -> issuer.token("books:write",
                claims -> claims.notBeforeTime(Date.from(now.plus(Duration.ofMinutes(2)))));
        Function<TokenIssuer, String> otherIssuer = issuer -> issuer.token("books:write",
                claims -> claims.issuer("http://127.0.0.1:1/realms/other"));
        Function<TokenIssuer, String> otherAudience = issuer -> issuer.token("books:write",
                claims -> claims.audience("another-service"));
        Function<TokenIssuer, String> noSubject = issuer -> issuer.token("books:write", claims -> claims.subject(null));
        Function<TokenIssuer, String> noExpiry = issuer -> issuer.token("books:write",
                claims -> claims.expirationTime(null));
        Function<TokenIssuer, String> unsigned = issuer -> new PlainJWT(issuer.claims("books:write").build())
                .serialize();
        Function<TokenIssuer, String> hmacWithThePublicKey = BearerTokenTest::signedWithThePublicKeyAsHmacSecret;
        Function<TokenIssuer, String> tampered = BearerTokenTest::withPayloadSwapped;
        Function<TokenIssuer, String> strangersKey = issuer -> TokenIssuer.sign(issuer.claims("books:write").build(),
                TokenIssuer.newKey(issuer.currentKey().getKeyID()));
        Function<TokenIssuer, String> notAJwt = issuer -> "not.a.jwt";
        return Stream.of(
                Arguments.of("expired", expired),
                Arguments.of("not yet valid", notYet),
                Arguments.of("another issuer", otherIssuer),
                Arguments.of("another audience", otherAudience),
                Arguments.of("no subject", noSubject),
                Arguments.of("no expiry", noExpiry),
                Arguments.of("alg none", unsigned),
                Arguments.of("HS256 keyed with the public key", hmacWithThePublicKey),
                Arguments.of("payload swapped, signature kept", tampered),
                Arguments.of("signed by another key with the same kid", strangersKey),
                Arguments.of("not a JWT", notAJwt));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokensToRefuse")
    void a_token_that_is_not_valid_is_401_invalid_token_and_changes_nothing(String what,
            Function<TokenIssuer, String> token) {
        HttpResponse<String> response = create(token.apply(provider));

        assertProblem(response, 401, "unauthorized");
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .contains("Bearer realm=\"books\", error=\"invalid_token\"");
        assertThat(api.repository.size()).isZero();
    }

    @Test
    void a_key_the_provider_rotated_in_is_fetched_when_a_token_names_it() throws InterruptedException {
        assertThat(create(provider.token("books:write")).statusCode()).isEqualTo(201);
        assertThat(provider.keyFetches()).isEqualTo(1);

        provider.rotate("key-2");
        // The keys are fetched again at most every 5 s (JwtVerifier.MIN_REFRESH_INTERVAL): a flood of tokens with
        // made-up key ids cannot make the service hammer the provider.
        Thread.sleep(5_500);
        HttpResponse<String> response = create(provider.token("books:write"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(provider.keyFetches()).isEqualTo(2);
    }

    @Test
    void tokens_keep_working_with_the_keys_already_fetched_while_the_provider_is_down() {
        assertThat(create(provider.token("books:write")).statusCode()).isEqualTo(201);
        String token = provider.token("books:write");
        provider.close();

        assertThat(create(token).statusCode()).isEqualTo(201);
    }

    @Test
    void a_provider_that_cannot_be_reached_is_503_for_tokens_while_api_keys_still_work() {
        TokenIssuer gone = TokenIssuer.start();
        gone.close();
        try (RunningApi unreachable = RunningApi.secured(trusting(gone))) {
            HttpResponse<String> response = unreachable.anonymous().post("/books", DUNE,
                    "Authorization", "Bearer " + gone.token("books:write"));

            assertProblem(response, 503, "authentication-unavailable");
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            assertThat(unreachable.post("/books", DUNE).statusCode()).as("with an API key").isEqualTo(201);
        }
    }

    private static String signedWithThePublicKeyAsHmacSecret(TokenIssuer issuer) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256)
                    .keyID(issuer.currentKey().getKeyID()).build(), issuer.claims("books:write").build());
            jwt.sign(new MACSigner(issuer.currentKey().toRSAPublicKey().getEncoded()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String withPayloadSwapped(TokenIssuer issuer) {
        String[] parts = issuer.token("books:read").split("\\.");
        JWTClaimsSet forged = issuer.claims("books:write books:admin").subject("mallory").build();
        return parts[0] + "." + Base64URL.encode(forged.toString()) + "." + parts[2];
    }
}
