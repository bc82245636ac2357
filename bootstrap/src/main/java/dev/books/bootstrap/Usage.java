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
