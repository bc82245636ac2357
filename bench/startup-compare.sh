#!/usr/bin/env bash
# Usage: bench/startup-compare.sh [N]   (default 3)
#
# Launch to first 200 (GET /books?limit=1), alternating N times: Books as bench/run.sh starts it, Books with its
# AppCDS archive (bin/appcds.sh; docs/operations.md), and the Spring Boot peer built by an earlier bench/run.sh;
# each on a freshly created database of the one PostgreSQL server, as bench/run.sh does. One line per launch, with
# the 1-minute load at its start.
# Env: JAVA_HOME [the `java` on PATH], SHARED [../shared], SCRATCH [/tmp/books-bench-peers] (bench/run.sh's),
#      PG_HOST/PG_PORT/PG_USER/PG_PASSWORD [127.0.0.1/5432/postgres/postgres], DB_SUFFIX [].
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-3}
shared=$(cd "$repo" && cd "${SHARED:-../shared}" && pwd)
scratch=${SCRATCH:-${TMPDIR:-/tmp}/books-bench-peers}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
jar=$repo/bootstrap/target/books.jar
archive=$repo/bootstrap/target/books-java$("$java" -version 2>&1 | sed -n '1s/.*version "\([^"]*\)".*/\1/p').jsa
PG_HOST=${PG_HOST:-127.0.0.1} PG_PORT=${PG_PORT:-5432} PG_USER=${PG_USER:-postgres} PG_PASSWORD=${PG_PASSWORD:-postgres}
db=books_startup${DB_SUFFIX:-}
url=jdbc:postgresql://$PG_HOST:$PG_PORT/$db
[ -f "$jar" ] || { echo "startup-compare.sh: $jar missing (mvn package)" >&2; exit 1; }
[ -x "$scratch/spring-boot/run.sh" ] || { echo "startup-compare.sh: no Spring peer in $scratch (run bench/run.sh once)" >&2; exit 1; }

admin() { PGPASSWORD=$PG_PASSWORD psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -qAt -v ON_ERROR_STOP=1 "$@"; }
fresh() {
  admin -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" 2>/dev/null
  admin -c "CREATE DATABASE $db TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
}

if [ ! -s "$archive" ] || [ "$archive" -ot "$jar" ]; then
  fresh
  BOOKS_DB_URL=$url BOOKS_DB_USER=$PG_USER BOOKS_DB_PASSWORD=$PG_PASSWORD "$repo/bin/appcds.sh" "$jar" "$archive" >&2
fi

books=(env BOOKS_DB_URL="$url" BOOKS_DB_USER="$PG_USER" BOOKS_DB_PASSWORD="$PG_PASSWORD" BOOKS_AUTH=none)
for i in $(seq 1 "$n"); do
  for what in books books-cds spring; do
    fresh
    port=18197
    case $what in
      books) cmd=("${books[@]}" BOOKS_HTTP_PORT=$port "$java" -jar "$jar") ;;
      books-cds) cmd=("${books[@]}" BOOKS_HTTP_PORT=$port "$java" -XX:SharedArchiveFile="$archive" -jar "$jar") ;;
      spring) cmd=(env ${JAVA_HOME:+JAVA_HOME=$JAVA_HOME} "$scratch/spring-boot/run.sh" "$port" "$url" "$PG_USER" "$PG_PASSWORD") ;;
    esac
    load=$(cut -d' ' -f1 /proc/loadavg)
    out=$("$shared/bench/startup.sh" "http://127.0.0.1:$port/books?limit=1" "${TMPDIR:-/tmp}/startup-$what.log" "${cmd[@]}")
    pid=$(sed -n 's/.*pid=\([0-9]*\).*/\1/p' <<<"$out")
    echo "run=$i service=$what $out load1=$load"
    kill "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  done
done
admin -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
