#!/usr/bin/env bash
# Measures `books.jar import` of 1,000,000 generated books into an empty catalogue, against the machine's
# PostgreSQL (a fresh database of our own) or, with --embedded, the embedded one (a fresh data directory).
#   bench/import-1m.sh [--embedded]
# Needs bootstrap/target/books.jar (mvn -B -q package -Dmaven.test.skip=true) and, for the first mode,
# PostgreSQL on 127.0.0.1:5432 with user postgres / password postgres.
set -euo pipefail
cd "$(dirname "$0")/.."
data=/tmp/books-bench-1m.ndjson
[ -s "$data" ] || bench/generate-books.py 1000000 > "$data"
jar=bootstrap/target/books.jar
if [ "${1:-}" = "--embedded" ]; then
  dir=$(mktemp -d /tmp/books-bench-embedded.XXXXXX)
  env -u BOOKS_DB_URL -u BOOKS_DB_USER -u BOOKS_DB_PASSWORD BOOKS_DATA_DIR="$dir" \
    /usr/bin/time -f "wall %e s, peak RSS %M KB (the JVM)" java -jar "$jar" import "$data"
  rm -rf "$dir"
else
  db=books_bench_import
  export PGPASSWORD=postgres
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db" \
    -c "CREATE DATABASE $db TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER libc LOCALE 'C.UTF-8'"
  BOOKS_DB_URL=jdbc:postgresql://127.0.0.1:5432/$db BOOKS_DB_USER=postgres BOOKS_DB_PASSWORD=postgres \
    /usr/bin/time -f "wall %e s, peak RSS %M KB (the JVM)" java -jar "$jar" import "$data"
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db"
fi
