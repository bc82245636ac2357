#!/usr/bin/env bash
# Search at a million books (issue 12): loads 1,000,000 generated books into a scratch database of the machine's
# PostgreSQL with the fat jar's import, makes a reproducible set of mistyped searches (search-queries.py: SEED,
# COUNT), runs it through the HTTP API at CLIENTS concurrent clients (search-client.py) and prints recall and
# latency. Results go to bench/results/search-1m-<timestamp>.txt, with the query set and its intended book ids.
#   bench/search-1m.sh                      # SEED=20261206 COUNT=300 CLIENTS=8 PASSES=3
#   KEEP=1 bench/search-1m.sh               # keep the database (books_bench_search) and reuse it next time
# Needs bootstrap/target/books.jar (mvn -B -q -pl bootstrap -am package -Dmaven.test.skip=true), python3, psql,
# and PostgreSQL on 127.0.0.1:5432 with user postgres / password postgres.
set -euo pipefail
cd "$(dirname "$0")/.."
SEED=${SEED:-20261206} COUNT=${COUNT:-300} CLIENTS=${CLIENTS:-8} PASSES=${PASSES:-3}
PORT=${PORT:-18095} KEEP=${KEEP:-0} JAVA_OPTS=${JAVA_OPTS:-}
db=books_bench_search
data=/tmp/books-bench-1m.ndjson
jar=bootstrap/target/books.jar
stamp=$(date -u +%Y-%m-%dT%H%M%SZ)
mkdir -p bench/results
out=bench/results/search-1m-$stamp.txt
work=$(mktemp -d /tmp/books-search-1m.XXXXXX)
export PGPASSWORD=postgres
psql_db() { psql -h 127.0.0.1 -U postgres -d "$db" -v ON_ERROR_STOP=1 -qAt "$@"; }
server=
cleanup() {
  [ -z "$server" ] || kill "$server" 2>/dev/null || true
  [ "$KEEP" = 1 ] || psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db" >/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

[ -s "$data" ] || bench/generate-books.py 1000000 > "$data"
{
  echo "meta date=$stamp revision=$(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo -dirty)"
  echo "meta machine=$(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "meta seed=$SEED count=$COUNT clients=$CLIENTS passes=$PASSES java=$(java -version 2>&1 | head -1)"
} | tee "$out"

if [ "$KEEP" = 1 ] && [ "$(psql -h 127.0.0.1 -U postgres -qAt -c "SELECT count(*) FROM pg_database WHERE datname = '$db'")" = 1 ] \
    && [ "$(psql_db -c 'SELECT count(*) FROM books')" = 1000000 ]; then
  echo "load: reusing $db (1,000,000 books)" | tee -a "$out"
else
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db" \
    -c "CREATE DATABASE $db TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER libc LOCALE 'C.UTF-8'"
  start=$(date +%s.%N)
  BOOKS_DB_URL=jdbc:postgresql://127.0.0.1:5432/$db BOOKS_DB_USER=postgres BOOKS_DB_PASSWORD=postgres \
    java $JAVA_OPTS -jar "$jar" import "$data" > "$work/import.log" 2>&1 || { cat "$work/import.log"; exit 1; }
  echo "load: $(psql_db -c 'SELECT count(*) FROM books') books imported in $(echo "$(date +%s.%N) - $start" | bc) s" \
    | tee -a "$out"
fi
psql_db -c "VACUUM ANALYZE books"
echo "load: index $(psql_db -c "SELECT pg_size_pretty(pg_relation_size('books_search_words_idx'))") books_search_words_idx" \
  | tee -a "$out"

# The query set, and the id each intended book got in this load (titles are unique in the generated catalogue).
bench/search-queries.py "$data" "$SEED" "$COUNT" > "$work/queries.tsv"
psql_db -c "CREATE TEMPORARY TABLE wanted (n int, text text, kind text, place text, title text)" \
  -c "\\copy wanted FROM '$work/queries.tsv'" \
  -c "\\copy (SELECT w.n, w.text, w.kind, w.place, w.title, b.id FROM wanted w JOIN books b ON b.title = w.title ORDER BY w.n) TO '$work/queries-with-ids.tsv'"
[ "$(wc -l < "$work/queries-with-ids.tsv")" = "$COUNT" ] || { echo "search-1m: not every intended book was found by title" >&2; exit 1; }

BOOKS_HTTP_PORT=$PORT BOOKS_DB_URL=jdbc:postgresql://127.0.0.1:5432/$db BOOKS_DB_USER=postgres \
  BOOKS_DB_PASSWORD=postgres BOOKS_AUTH=none BOOKS_RATE_LIMIT=1000000 BOOKS_RATE_LIMIT_ANONYMOUS=1000000 \
  java $JAVA_OPTS -jar "$jar" > "$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$PORT/health/ready" > /dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 0.5
done
echo "meta load at start of searches: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out"
bench/search-client.py "http://127.0.0.1:$PORT" "$work/queries-with-ids.tsv" "$CLIENTS" "$PASSES" | tee -a "$out"
echo "meta load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out"
{ echo "# queries: record, text, slip, where, intended title, intended id"; cat "$work/queries-with-ids.tsv"; } >> "$out"
