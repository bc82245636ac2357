-- Who changed what, and who may (issue 9).
--
-- Every book names who created it and who made its current version: an API key as 'key:<name>', a token's subject
-- as 'jwt:<sub>', 'anonymous' with authentication switched off. Books stored before this migration were created
-- and changed by nobody known: 'unknown'. (ADD COLUMN with a constant default rewrites no row.)
ALTER TABLE books ADD COLUMN created_by text NOT NULL DEFAULT 'unknown';
ALTER TABLE books ADD COLUMN updated_by text NOT NULL DEFAULT 'unknown';
ALTER TABLE books ALTER COLUMN created_by DROP DEFAULT;
ALTER TABLE books ALTER COLUMN updated_by DROP DEFAULT;
ALTER TABLE books ADD CONSTRAINT books_created_by_shape CHECK (created_by ~ '^[!-~]{1,200}$');
ALTER TABLE books ADD CONSTRAINT books_updated_by_shape CHECK (updated_by ~ '^[!-~]{1,200}$');

-- A deleted book leaves no row in books, but its deletion is accounted for: written in the same statement as the
-- DELETE (a CTE), so there is no deletion without its trace. Append-only: nothing in Books updates or deletes here.
CREATE TABLE book_deletions (
    id          uuid        NOT NULL,
    version     bigint      NOT NULL,
    title       text        NOT NULL,
    author      text        NOT NULL,
    deleted_by  text        NOT NULL,
    deleted_at  timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT book_deletions_pkey PRIMARY KEY (id),
    CONSTRAINT book_deletions_deleted_by_shape CHECK (deleted_by ~ '^[!-~]{1,200}$')
);

-- API keys for machines: the key is 'books_<id>_<secret>'; only the SHA-256 of the secret is kept. A key is found
-- by its id, then its secret compared in constant time. Names are unique, revoked keys included, so that
-- 'keys revoke NAME' is unambiguous and a name in the log always means one key.
CREATE TABLE api_keys (
    id            text        NOT NULL,
    name          text        NOT NULL,
    secret_hash   bytea       NOT NULL,
    scopes        text[]      NOT NULL,
    created_at    timestamptz NOT NULL,
    last_used_at  timestamptz,
    expires_at    timestamptz,
    revoked_at    timestamptz,

    CONSTRAINT api_keys_pkey PRIMARY KEY (id),
    CONSTRAINT api_keys_name_unique UNIQUE (name),
    CONSTRAINT api_keys_id_shape CHECK (id ~ '^[0-9a-f]{12}$'),
    CONSTRAINT api_keys_name_shape CHECK (name ~ '^[A-Za-z0-9._-]{1,64}$'),
    CONSTRAINT api_keys_secret_hash_length CHECK (octet_length(secret_hash) = 32),
    CONSTRAINT api_keys_scopes_known CHECK (scopes <@ ARRAY['books:read', 'books:write', 'books:delete', 'books:admin']
                                            AND cardinality(scopes) >= 1)
);
