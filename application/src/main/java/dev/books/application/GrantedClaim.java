package dev.books.application;

import dev.books.domain.RequestClaim;
import dev.books.domain.RequestLog;
import dev.books.domain.StoredResponse;

/** A granted claim: the handle through which the request that holds the key completes or releases it. */
final class GrantedClaim implements Claim.Granted {

    private final RequestLog log;
    private final RequestClaim claim;
    private boolean finished;

    GrantedClaim(RequestLog log, RequestClaim claim) {
        this.log = log;
        this.claim = claim;
    }

    @Override
    public void complete(byte[] response) {
        requireUnfinished();
        log.complete(claim, new StoredResponse(response));
        finished = true;
    }

    @Override
    public void release() {
        requireUnfinished();
        log.release(claim);
        finished = true;
    }

    private void requireUnfinished() {
        if (finished) {
            throw new IllegalStateException("the claim on " + claim.key() + " was already completed or released");
        }
    }

    @Override
    public String toString() {
        return "Granted[" + claim.key() + "]";
    }
}
