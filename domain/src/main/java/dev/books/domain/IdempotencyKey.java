package dev.books.domain;

import java.util.Objects;

/**
 * The key a client sends to have a request run at most once (the {@code Idempotency-Key} of
 * draft-ietf-httpapi-idempotency-key-header), within the scope the server gives it: the same key in two scopes
 * is two keys, so that two clients, or two routes, never share one.
 *
 * <p>The key is the client's and is checked here: 1 to {@value #MAX_LENGTH} printable ASCII characters (the content
 * of a structured-field string; spaces, quotes and backslashes included), compared exactly, case included. The
 * scope is the server's (a route, the principal that sends the request…), so a bad one is a bug.
 */
public record IdempotencyKey(String scope, String value) {

    public static final int MAX_LENGTH = 255;
    public static final int MAX_SCOPE_LENGTH = 512;

    /**
     * @throws InvalidIdempotencyKeyException when {@code value} breaks the rules above
     * @throws IllegalArgumentException       when {@code scope} is empty, longer than {@value #MAX_SCOPE_LENGTH}
     *                                        characters or holds a control character
     */
    public IdempotencyKey {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(value, "value");
        if (scope.isEmpty() || scope.length() > MAX_SCOPE_LENGTH || scope.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a scope has 1 to " + MAX_SCOPE_LENGTH
                    + " characters and no control characters");
        }
        String problem = problem(value);
        if (problem != null) {
            throw new InvalidIdempotencyKeyException(problem);
        }
    }

    /** Why a key is not acceptable, or null when it is; never repeats the key itself. */
    private static String problem(String value) {
        if (value.isEmpty()) {
            return "must not be empty";
        }
        if (value.length() > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters (got " + value.length() + ")";
        }
        for (int i = 0; i < value.length(); i++) {
            if (!isPrintableAscii(value.charAt(i))) {
                return "must hold printable ASCII characters only (the one at position " + (i + 1) + " is not)";
            }
        }
        return null;
    }

    /** Space to tilde: what an sf-string may carry once its escapes are undone. */
    static boolean isPrintableAscii(char c) {
        return c >= 0x20 && c <= 0x7E;
    }

    @Override
    public String toString() {
        return scope + " " + value;
    }
}
