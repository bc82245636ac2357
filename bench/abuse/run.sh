#!/usr/bin/env bash
# Usage: bench/abuse/run.sh [abuse.py options, e.g. --only memory,fuzz --seed 7]
#
# Starts the fat jar (bootstrap/target/books.jar; build it first with `mvn -B -q package -Dmaven.test.skip=true`)
# with -Xmx256m on a free port, with a fresh embedded database in a temporary BOOKS_DATA_DIR and its log in a file,
# runs the abuse suite against it, stops it with SIGTERM, and exits non-zero when an attack failed, the log has an
# ERROR line (shutdown included), or the service did not stop within STOP_WAIT seconds.
#
# Env: JAR [bootstrap/target/books.jar]  HEAP [256m]  JAVA_OPTS []  START_WAIT [180]  STOP_WAIT [45]
#      KEEP [0]  1 keeps the temporary directory (database and log); the log is always copied to
#      bench/abuse/last-run.log (ignored by git)
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
jar=${JAR:-$repo/bootstrap/target/books.jar}
heap=${HEAP:-256m}
start_wait=${START_WAIT:-180}
stop_wait=${STOP_WAIT:-45}

if [[ ! -f $jar ]]; then
  echo "run.sh: no $jar; build it with: mvn -B -q package -Dmaven.test.skip=true" >&2
  exit 2
fi

# 500 + 500 slowloris connections, the service's side of them, and the fuzzer's: more than the usual 1024.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

work=$(mktemp -d "${TMPDIR:-/tmp}/books-abuse.XXXXXX")
log=$work/books.log
# Below the ephemeral range, so that no outgoing connection takes it before the service binds it (bench/lib).
port=$(python3 "$repo/bench/lib/free_port.py")
pid=

stop_service() {
  [[ -n $pid ]] || return 0
  local status=0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 "$stop_wait"); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 1
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "run.sh: the service did not stop within ${stop_wait} s of SIGTERM; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
      status=1
    fi
  fi
  wait "$pid" 2>/dev/null || true
  # A killed JVM leaves its embedded PostgreSQL behind: stop that one too (fast shutdown), by its own pid file.
  local postmaster=$work/data/postmaster.pid
  if [[ -f $postmaster ]]; then
    local pg
    pg=$(head -1 "$postmaster")
    if [[ -n $pg ]] && kill -0 "$pg" 2>/dev/null; then
      kill -INT "$pg" 2>/dev/null || true
      sleep 2
    fi
  fi
  pid=
  return $status
}

cleanup() {
  stop_service || true
  cp "$log" "$repo/bench/abuse/last-run.log" 2>/dev/null || true
  if [[ ${KEEP:-0} == 1 ]]; then
    echo "run.sh: kept $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

started=$(date +%s)
# shellcheck disable=SC2086 # JAVA_OPTS is a list of flags
# Rate limits per caller out of the way (the suite is one caller sending tens of thousands of requests), except the
# one on failed authentications, which credential-guessing checks.
BOOKS_HTTP_PORT=$port BOOKS_DATA_DIR=$work/data BOOKS_RATE_LIMIT=1000000 BOOKS_RATE_LIMIT_ANONYMOUS=1000000 \
  java -Xmx"$heap" ${JAVA_OPTS:-} -jar "$jar" >"$log" 2>&1 &
pid=$!

ready=0
for _ in $(seq 1 $((start_wait * 2))); do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "run.sh: the service exited during start; its log:" >&2
    tail -40 "$log" >&2
    exit 1
  fi
  if python3 - "$port" <<'PY' 2>/dev/null; then
import sys, urllib.request
urllib.request.urlopen("http://127.0.0.1:%s/health/ready" % sys.argv[1], timeout=2).read()
PY
    ready=1
    break
  fi
  sleep 0.5
done
if [[ $ready != 1 ]]; then
  echo "run.sh: the service was not ready within ${start_wait} s; its log:" >&2
  tail -40 "$log" >&2
  exit 1
fi
echo "run.sh: books.jar (-Xmx$heap) ready on port $port, pid $pid, in $(($(date +%s) - started)) s; log $log"

status=0
python3 "$repo/bench/abuse/abuse.py" --port "$port" --pid "$pid" --log "$log" \
  --api-key-file "$work/data/dev-api-key" "$@" || status=$?

if ! stop_service; then
  status=1
fi
errors=$(grep -cE '^\S+ \[[^]]*\] ERROR ' "$log" || true)
if [[ $errors != 0 ]]; then
  echo "run.sh: $errors ERROR lines in the service's log (shutdown included), first:" >&2
  grep -m 3 -E '^\S+ \[[^]]*\] ERROR ' "$log" | cut -c1-240 >&2
  status=1
fi
echo "run.sh: $( ((status == 0)) && echo PASS || echo FAIL ) in $(($(date +%s) - started)) s (start, suite, stop)"
exit $status
