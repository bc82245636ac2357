#!/usr/bin/env bash
# Usage: bin/appcds.sh [JAR [ARCHIVE]]   (defaults: bootstrap/target/books.jar, JAR's name with .jsa)
#
# Makes an AppCDS archive of the classes Books loads to start and to serve, so that later launches map them
# instead of loading, verifying and linking them again (docs/operations.md, "Start-up and memory"):
#
#   java -XX:SharedArchiveFile=books.jsa -jar books.jar
#
# A training run: the jar is started with -XX:ArchiveClassesAtExit (Java 17 and later), serves one request of each
# kind, and is stopped with SIGTERM; the JVM writes the archive as it exits. The database is BOOKS_DB_URL's (with
# BOOKS_DB_USER, BOOKS_DB_PASSWORD) when set, otherwise an embedded one in a temporary folder (so that an image
# build needs no database). The archive is valid only for the same JVM build and the same jar (path, size and
# time): make it where the jar will run, e.g. as a step of the image build, after the jar is in place.
# Env: JAVA_HOME [the `java` on PATH], PORT [18099].
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
jar=$(readlink -f "${1:-$repo/bootstrap/target/books.jar}")
archive=${2:-${jar%.jar}.jsa}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
port=${PORT:-18099}
base=http://127.0.0.1:$port
[ -f "$jar" ] || { echo "appcds.sh: $jar not found" >&2; exit 1; }

data=$(mktemp -d)
log=$data/books.log
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$data"' EXIT
rm -f "$archive"
env BOOKS_HTTP_PORT="$port" BOOKS_AUTH=none BOOKS_DATA_DIR="$data/db" BOOKS_LOG_LEVEL=warn \
  "$java" -XX:ArchiveClassesAtExit="$archive" -jar "$jar" >"$log" 2>&1 &
pid=$!

for _ in $(seq 1 600); do
  curl -fs -o /dev/null "$base/books?limit=1" && break
  kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; echo "appcds.sh: Books did not start" >&2; exit 1; }
  sleep 0.1
done
# One request of each kind, errors included: their classes (problem details, validation) load on first use.
json='Content-Type: application/json'
id=$(curl -fs -H "$json" -d '{"title":"Training Run","author":"A. Trainer","isbn":"9780306406157","publishedYear":2001}' \
       "$base/books" | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
curl -s -o /dev/null "$base/books/$id"
curl -s -o /dev/null -H 'If-None-Match: "1"' "$base/books/$id"
curl -s -o /dev/null "$base/books?q=training&limit=5"
curl -s -o /dev/null "$base/books?author=A.%20Trainer"
curl -s -o /dev/null -X PATCH -H 'Content-Type: application/merge-patch+json' -d '{"publishedYear":2002}' "$base/books/$id"
curl -s -o /dev/null -H "$json" -d '{"title":""}' "$base/books"
curl -s -o /dev/null -H "$json" -d '{' "$base/books"
curl -s -o /dev/null "$base/books/not-an-id"
curl -s -o /dev/null -X DELETE "$base/books/$id"
curl -s -o /dev/null "$base/health/ready"
curl -s -o /dev/null "$base/metrics"
kill -TERM "$pid"
wait "$pid" || true
[ -s "$archive" ] || { cat "$log" >&2; echo "appcds.sh: no archive written" >&2; exit 1; }
echo "appcds.sh: $archive ($(du -h "$archive" | cut -f1)); run with: $java -XX:SharedArchiveFile=$archive -jar $jar"
