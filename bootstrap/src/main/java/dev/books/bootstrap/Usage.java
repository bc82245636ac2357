package dev.books.bootstrap;

/** The text {@code java -jar books.jar --help} prints. */
final class Usage {

    static final String TEXT = """
            Books: a book-catalogue service, and the tools to fill and empty it.

            Usage: java -jar books.jar [COMMAND]

            Commands:
              serve       Run the HTTP service (the default).
              migrate     Bring the database schema up to date, then exit.
              import [--strict] FILE
                          Load books from FILE ("-" reads standard input): a JSON array
                          of objects, or NDJSON (one object per line), with the fields
                          of POST /books: title, author, category, isbn, publishedYear.
                          Invalid and duplicate records are listed and skipped; the
                          rest is stored all at once when the input has been read to
                          its end, or not at all.
                          --strict  stop at the first rejected record (nothing is
                                    imported then).
              export [FILE]
                          Write every book as NDJSON, newest first, to FILE or to
                          standard output. The output imports cleanly (as new books).
              keys create --name NAME --scopes SCOPE[,SCOPE...] [--expires 90d]
                          Make an API key for a machine (a CI job, an importer) and
                          print it, once, alone on standard output. Scopes:
                          books:read, books:write (create, change), books:delete,
                          books:admin (metrics). --expires: days (d), hours (h) or
                          minutes (m).
              keys list   List the keys: name, scopes, created, last used, expiry,
                          state. Keys themselves are never shown again.
              keys revoke NAME
                          Revoke a key; every instance refuses it within 5 seconds.
              help, --help, -h
                          Show this text.

            Environment:
              BOOKS_DB_URL        PostgreSQL JDBC URL, e.g. jdbc:postgresql://db:5432/books.
                                  Unset: the embedded development database in
                                  BOOKS_DATA_DIR (serve fills it with sample books the
                                  first time it creates it).
              BOOKS_DB_USER       Database user (with BOOKS_DB_URL only).
              BOOKS_DB_PASSWORD   Database password (with BOOKS_DB_URL only).
              BOOKS_DATA_DIR      The embedded database's directory (default ./books-data).
              BOOKS_HTTP_PORT     Port of the HTTP service (default 8080; 0: any free one).
              BOOKS_DB_POOL_SIZE  Database connections in the pool (default 10).
              BOOKS_DB_READ_URL   A read replica for lists, searches and exports; its
                                  user, password and pool size in BOOKS_DB_READ_USER,
                                  BOOKS_DB_READ_PASSWORD, BOOKS_DB_READ_POOL_SIZE
                                  (default: the primary's); BOOKS_DB_READ_MAX_LAG
                                  (default 5s): beyond it, reads use the primary.
              BOOKS_DB_CONNECT_TIMEOUT, BOOKS_DB_STATEMENT_TIMEOUT, BOOKS_DB_SOCKET_TIMEOUT
                                  Durations such as 500ms, 5s, 2m or 1h (defaults 3s, 5s,
                                  15s). An import runs on a connection of its own,
                                  without the last two.
              BOOKS_IDEMPOTENCY_TTL
                                  How long serve remembers an Idempotency-Key, from
                                  the first request that sent it (default 24h;
                                  at least 60s).
              BOOKS_LOG_LEVEL     trace, debug, info (default), warn or error. Logs go to
                                  standard error.
              BOOKS_AUTH          How callers authenticate: unset (API keys, and bearer
                                  tokens when BOOKS_AUTH_ISSUER is set), keys (API keys
                                  only) or none (nobody is asked: anyone may change the
                                  catalogue). With BOOKS_DB_URL, serve refuses to start
                                  until BOOKS_AUTH or BOOKS_AUTH_ISSUER says. With the
                                  embedded database and neither, serve writes a key with
                                  every scope to BOOKS_DATA_DIR/dev-api-key.
              BOOKS_AUTH_ISSUER   The OpenID Connect issuer whose JWTs are accepted
                                  (https; http on localhost only), with
                                  BOOKS_AUTH_AUDIENCE (required: the aud tokens must
                                  name), BOOKS_AUTH_JWKS_URL (default: discovered),
                                  BOOKS_AUTH_SCOPES_CLAIM (default scope,scp; e.g.
                                  realm_access.roles for Keycloak roles) and
                                  BOOKS_AUTH_CLOCK_SKEW (default 30s).
              BOOKS_AUTH_READS    public (default) or authenticated (books:read needed).
              BOOKS_CORS_ORIGINS  Browser origins allowed to call the API, comma-separated
                                  (default none).
              BOOKS_RATE_LIMIT, BOOKS_RATE_LIMIT_ANONYMOUS, BOOKS_RATE_LIMIT_AUTH_FAILURES
                                  Requests a minute per key or token subject (default
                                  1200), per address without credentials (600), and
                                  failed authentications per address (20); per instance.
              BOOKS_TRUSTED_PROXIES
                                  Proxies (addresses or CIDR ranges, comma-separated)
                                  whose X-Forwarded-For names the client (default none:
                                  the client is the TCP peer).

            Exit status:
              0  done (an import may have rejected records: they are listed and counted)
              1  failure: the database, reading or writing a file, a bug (an import
                 stores nothing then)
              2  usage or configuration error (including an import FILE that does not
                 exist)
              3  import input refused: not well-formed JSON, or a rejected record with
                 --strict (nothing is imported)
            """;

    private Usage() {
    }
}
