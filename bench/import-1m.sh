#!/usr/bin/env bash
# Measures `books.jar import` of 1,000,000 generated books into an empty catalogue, against the machine's
# PostgreSQL (a fresh database of our own) or, with --embedded, the embedded one (a fresh data directory).
# With --into-full (local PostgreSQL only), then imports 100,000 more books into that catalogue of 1,000,000.
#   bench/import-1m.sh [--embedded | --into-full]
# Needs bootstrap/target/books.jar (mvn -B -q package -Dmaven.test.skip=true; or the jar BOOKS_JAR names) and, for the local modes,
# PostgreSQL on 127.0.0.1:5432 with user postgres / password postgres. Prints the revision, the load average
# before and after (the machine is shared: read the numbers with it), and the import's own log lines.
set -euo pipefail
cd "$(dirname "$0")/.."
data=/tmp/books-bench-1m.ndjson
more=/tmp/books-bench-100k.ndjson
[ -s "$data" ] || bench/generate-books.py 1000000 > "$data"
jar=${BOOKS_JAR:-bootstrap/target/books.jar}
# Read; not passed on: the service warns about a BOOKS_* setting it does not know.
unset BOOKS_JAR
echo "revision $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . || echo ' (with uncommitted changes)'), $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "before: $(uptime)"
timed() { /usr/bin/time -f "wall %e s, JVM CPU %U s user + %S s system, peak RSS %M KB (the JVM)" "$@"; }
if [ "${1:-}" = "--embedded" ]; then
  dir=$(mktemp -d /tmp/books-bench-embedded.XXXXXX)
  env -u BOOKS_DB_URL -u BOOKS_DB_USER -u BOOKS_DB_PASSWORD BOOKS_DATA_DIR="$dir" timed java -jar "$jar" import "$data"
  rm -rf "$dir"
else
  db=books_bench_import
  export PGPASSWORD=postgres
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db" \
    -c "CREATE DATABASE $db TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER libc LOCALE 'C.UTF-8'"
  export BOOKS_DB_URL=jdbc:postgresql://127.0.0.1:5432/$db BOOKS_DB_USER=postgres BOOKS_DB_PASSWORD=postgres
  timed java -jar "$jar" import "$data"
  if [ "${1:-}" = "--into-full" ]; then
    [ -s "$more" ] || bench/generate-books.py 100000 --from=1000001 > "$more"
    psql -h 127.0.0.1 -U postgres -d $db -qc "VACUUM ANALYZE books" -c "CHECKPOINT"
    echo "between: $(uptime)"
    timed java -jar "$jar" import "$more"
  fi
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db"
fi
echo "after: $(uptime)"
