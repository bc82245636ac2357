package dev.books.application;

/**
 * Driving port: run a request at most once per idempotency key, so that a client retrying after a timeout does not
 * do the work twice (draft-ietf-httpapi-idempotency-key-header). The driving adapter claims the key before it runs
 * the request, and completes or releases the claim afterwards:
 * <pre>{@code
 * Claim claim = requests.claim("POST /books", key, fingerprint);
 * if (claim instanceof Claim.Granted granted) {
 *     byte[] response;
 *     try {
 *         response = encode(run());
 *     } catch (RuntimeException e) {
 *         granted.release();               // a failure is not kept: a retry runs again
 *         throw e;
 *     }
 *     granted.complete(response);
 *     ...
 * } else if (claim instanceof Claim.Replay replay) { ... decode(replay.response()) ...
 * } else if (claim instanceof Claim.InProgress) { ... 409 ...
 * } else { ... Claim.Mismatch: 422 ... }
 * }</pre>
 */
public interface IdempotentRequests {

    /**
     * Claims {@code key} within {@code scope} for a request whose {@code fingerprint} is given. A key claimed for
     * another fingerprint is a {@link Claim.Mismatch}, whether its request is in flight or done; for the same
     * fingerprint, a {@link Claim.Replay} when that request completed, an {@link Claim.InProgress} while it runs.
     * Otherwise (a new key, or one expired, released, or abandoned past its lease) the claim is {@link Claim.Granted}.
     *
     * @param scope       the server's partition of keys: the route, and the principal once there is one; 1 to
     *                    {@value dev.books.domain.IdempotencyKey#MAX_SCOPE_LENGTH} characters, no control characters
     * @param key         the client's key, as sent (the content of the sf-string, escapes undone)
     * @param fingerprint the adapter's digest of what makes two requests the same (method, target, body…): 1 to
     *                    {@value dev.books.domain.RequestClaim#MAX_FINGERPRINT_LENGTH} printable ASCII characters
     * @throws dev.books.domain.InvalidIdempotencyKeyException when the key is not 1 to 255 printable ASCII
     *                                                         characters: the client's error (400)
     * @throws IllegalArgumentException                        when the scope or the fingerprint is out of bounds:
     *                                                         the adapter's bug
     * @throws dev.books.domain.StoreUnavailableException      when the store cannot be reached
     */
    Claim claim(String scope, String key, String fingerprint);
}
