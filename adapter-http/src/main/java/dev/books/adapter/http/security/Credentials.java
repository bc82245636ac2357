package dev.books.adapter.http.security;

import dev.books.access.ApiKeys;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/**
 * What a request presents to say who sent it: nothing, an API key ({@code X-Api-Key}, or {@code Authorization:
 * Bearer books_…}), a bearer token (RFC 6750), another scheme (Basic, say: this service does not take it), or
 * something malformed (two credentials, a header repeated, an empty one). Never logged.
 */
sealed interface Credentials {

    String API_KEY_HEADER = "X-Api-Key";

    /** No credentials. */
    record None() implements Credentials {
    }

    record ApiKey(String secret) implements Credentials {

        @Override
        public String toString() {
            return "ApiKey[…]";
        }
    }

    record BearerToken(String token) implements Credentials {

        @Override
        public String toString() {
            return "BearerToken[…]";
        }
    }

    /** An Authorization scheme other than Bearer: a challenge tells the client which one to use. */
    record OtherScheme() implements Credentials {
    }

    /** Present but not usable; {@code reason} says why (for the client: it names no secret). */
    record Malformed(String reason) implements Credentials {
    }

    static Credentials of(HttpFields headers) {
        List<String> authorization = headers.getValuesList(HttpHeader.AUTHORIZATION);
        List<String> apiKey = headers.getValuesList(API_KEY_HEADER);
        if (authorization.size() + apiKey.size() > 1) {
            return new Malformed("Send one credential: Authorization or X-Api-Key, once.");
        }
        if (apiKey.size() == 1) {
            return new ApiKey(apiKey.get(0).strip());
        }
        if (authorization.isEmpty()) {
            return new None();
        }
        String value = authorization.get(0).strip();
        int space = value.indexOf(' ');
        String scheme = space < 0 ? value : value.substring(0, space);
        if (!scheme.toLowerCase(Locale.ROOT).equals("bearer")) {
            return new OtherScheme();
        }
        String credential = space < 0 ? "" : value.substring(space + 1).strip();
        if (credential.isEmpty()) {
            return new Malformed("The Bearer credential is empty.");
        }
        return ApiKeys.looksLikeKey(credential) ? new ApiKey(credential) : new BearerToken(credential);
    }
}
