-- Idempotency keys (ADR 0010): one row per key a client sent to have a request run at most once, within the scope
-- the service gives it (the route, the principal), so that two clients' keys never meet.
--
-- A row with no response is a request in flight: it holds its key until lease_until; past it, its instance is
-- presumed dead and the next claim takes the key over. A row with a response is a completed request: claims with
-- its key are answered with that response (the bytes the HTTP adapter encoded) until expires_at. Past expires_at a
-- row counts as absent, and the service purges such rows in batches, oldest first (idempotency_keys_expires_idx).
-- owner is the attempt that claimed the row: only it may complete or release it.
--
-- Every time comes from the service's clock, as for books, not from now(): the in-memory fake and this table then
-- decide alike, and tests can move time.

CREATE TABLE idempotency_keys (
    scope           text        NOT NULL,
    idempotency_key text        NOT NULL,
    fingerprint     text        NOT NULL,
    owner           uuid        NOT NULL,
    claimed_at      timestamptz NOT NULL,
    lease_until     timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    response        bytea,

    CONSTRAINT idempotency_keys_pkey PRIMARY KEY (scope, idempotency_key),

    -- Cheap mirrors of the domain's bounds (IdempotencyKey, RequestClaim, StoredResponse).
    CONSTRAINT idempotency_keys_scope_length CHECK (char_length(scope) BETWEEN 1 AND 512),
    CONSTRAINT idempotency_keys_key_length CHECK (char_length(idempotency_key) BETWEEN 1 AND 255),
    CONSTRAINT idempotency_keys_key_printable_ascii CHECK (idempotency_key ~ '^[ -~]*$'),
    CONSTRAINT idempotency_keys_fingerprint_length CHECK (char_length(fingerprint) BETWEEN 1 AND 256),
    CONSTRAINT idempotency_keys_fingerprint_printable_ascii CHECK (fingerprint ~ '^[ -~]*$'),
    CONSTRAINT idempotency_keys_response_size CHECK (octet_length(response) <= 65536),
    CONSTRAINT idempotency_keys_lease_after_claim CHECK (lease_until > claimed_at),
    CONSTRAINT idempotency_keys_expiry_after_claim CHECK (expires_at > claimed_at)
);

CREATE INDEX idempotency_keys_expires_idx ON idempotency_keys (expires_at);
