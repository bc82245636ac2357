package dev.books.adapter.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * An OpenID Connect provider as far as a resource server sees one, on a free local port: a discovery document, a
 * JWKS of public keys that tests may rotate, and tokens signed with its keys.
 */
final class TokenIssuer implements AutoCloseable {

    static final String AUDIENCE = "books-api";

    private final HttpServer server;
    private final List<RSAKey> keys = new CopyOnWriteArrayList<>();
    private final AtomicInteger keyFetches = new AtomicInteger();

    private TokenIssuer(HttpServer server) {
        this.server = server;
    }

    static TokenIssuer start() {
        try {
            TokenIssuer issuer = new TokenIssuer(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
            issuer.keys.add(newKey("key-1"));
            issuer.server.createContext("/realms/books/.well-known/openid-configuration", exchange -> issuer.answer(
                    exchange, "{\"issuer\": \"" + issuer.issuer() + "\", \"jwks_uri\": \"" + issuer.issuer()
                            + "/protocol/openid-connect/certs\"}"));
            issuer.server.createContext("/realms/books/protocol/openid-connect/certs", exchange -> {
                issuer.keyFetches.incrementAndGet();
                issuer.answer(exchange, new JWKSet(List.<JWK>copyOf(issuer.keys)).toString(true));
            });
            issuer.server.start();
            return issuer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RSAKey newKey(String id) {
        try {
            return new RSAKeyGenerator(2048).keyID(id).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    URI issuer() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/realms/books");
    }

    /** The key tokens are signed with unless a test says otherwise. */
    RSAKey currentKey() {
        return keys.get(keys.size() - 1);
    }

    /** Publishes a new key next to the old ones (a provider's key rotation), and returns it. */
    RSAKey rotate(String id) {
        RSAKey key = newKey(id);
        keys.add(key);
        return key;
    }

    int keyFetches() {
        return keyFetches.get();
    }

    /** Valid claims: this issuer, the service's audience, subject {@code alice}, five minutes to live. */
    JWTClaimsSet.Builder claims(String scope) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer().toString())
                .audience(AUDIENCE)
                .subject("alice")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .claim("scope", scope);
    }

    String token(String scope) {
        return sign(claims(scope).build(), currentKey());
    }

    String token(String scope, UnaryOperator<JWTClaimsSet.Builder> change) {
        return sign(change.apply(claims(scope)).build(), currentKey());
    }

    static String sign(JWTClaimsSet claims, RSAKey key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private void answer(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
