package dev.books.application;

import java.util.Arrays;
import java.util.Objects;

/**
 * The answer to a request's claim on its idempotency key ({@link IdempotentRequests#claim}): run it
 * ({@link Granted}), answer with the response of the first run ({@link Replay}), or refuse it ({@link InProgress},
 * {@link Mismatch}).
 */
public sealed interface Claim permits Claim.Granted, Claim.Replay, Claim.InProgress, Claim.Mismatch {

    /**
     * The key is this request's: run it, then call exactly one of {@link #complete} (it succeeded: retries get its
     * response) or {@link #release} (it failed: a retry runs again). For the thread that runs the request. A call
     * that throws (the store is unavailable) leaves the claim as it was, so the other may follow; if neither ever
     * succeeds, the claim lapses when its lease ends ({@link IdempotencyUseCases#LEASE}).
     */
    sealed interface Granted extends Claim permits GrantedClaim {

        /**
         * Keeps {@code response} (the adapter's encoding of the whole response, at most
         * {@link dev.books.domain.StoredResponse#MAX_BYTES} bytes) as the answer to every retry until the key
         * expires. Does nothing in the store if the lease ended and another attempt has since taken the key over.
         *
         * @throws IllegalArgumentException                   when the response is larger than that (nothing is kept)
         * @throws IllegalStateException                      after a successful {@code complete} or {@code release}
         * @throws dev.books.domain.StoreUnavailableException when the store cannot be reached
         */
        void complete(byte[] response);

        /**
         * Gives the key up, so that a retry runs the request again.
         *
         * @throws IllegalStateException                      after a successful {@code complete} or {@code release}
         * @throws dev.books.domain.StoreUnavailableException when the store cannot be reached
         */
        void release();
    }

    /** The same request already completed: answer with its response, as the adapter encoded it then. */
    record Replay(byte[] response) implements Claim {

        public Replay {
            response = Objects.requireNonNull(response, "response").clone();
        }

        /** A copy. */
        @Override
        public byte[] response() {
            return response.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Replay that && Arrays.equals(response, that.response);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(response);
        }

        @Override
        public String toString() {
            return "Replay[" + response.length + " bytes]";
        }
    }

    /** The same request is still running under this key (elsewhere, or a moment ago): the client should wait. */
    record InProgress() implements Claim {
    }

    /** The key was used for another request (another fingerprint): a client error that no retry mends. */
    record Mismatch() implements Claim {
    }
}
