#!/usr/bin/env bash
# Usage: bench/faults/run.sh [--only fast-restart,kill-9,stall,lock,down-at-start] [faults.py options]
#
# The PostgreSQL fault suite of issue 8 (see bench/faults/README.md). Needs root: it creates a PostgreSQL 15
# cluster of its own (never the `main` one), runs Books' fat jar against it through a freezable TCP proxy,
# injects each fault under load, prints one line per scenario and a total, and exits non-zero on any failure.
# Everything it started (Books, the cluster) is stopped and removed on exit, failure or Ctrl-C.
#
# Env (defaults in brackets):
#   CLUSTER [books_faults]   name of the throwaway cluster (dropped at the end, and first if a crashed run left it)
#   JAR [bootstrap/target/books.jar]  built once with `mvn -B -q package -Dmaven.test.skip=true` if missing
#   JAVA [java]  JAVA_OPTS [-Xmx256m]
#   KEEP [0]                 1 keeps the state folder (Books' log) after a passing run; a failing run keeps it always
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
here="$repo/bench/faults"
cluster=${CLUSTER:-books_faults}
jar=${JAR:-$repo/bootstrap/target/books.jar}
java=${JAVA:-java}
java_opts=${JAVA_OPTS:--Xmx256m}

if [[ $(id -u) != 0 ]]; then
  echo "run.sh: needs root (pg_createcluster, pg_ctlcluster, kill -9 of a postmaster)" >&2
  exit 2
fi
for tool in pg_createcluster pg_ctlcluster pg_dropcluster pg_lsclusters psql python3 "$java"; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool not found" >&2; exit 2; }
done
if [[ ! -f $jar ]]; then
  echo "Building $jar (mvn -B -q package -Dmaven.test.skip=true)"
  (cd "$repo" && mvn -B -q package -Dmaven.test.skip=true)
fi

# Below the ephemeral range, so that no outgoing connection takes it before the server binds it (bench/lib).
free_port() { python3 "$repo/bench/lib/free_port.py"; }

state=$(mktemp -d /tmp/books-faults.XXXXXX)
chmod 755 "$state"
: >"$state/pids"
created=0

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  # Books (and anything else the suite started) by the pids it recorded; faults.py stops them itself when it can.
  while read -r pid; do
    [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  done <"$state/pids"
  if [[ $created == 1 ]]; then
    pg_dropcluster --stop 15 "$cluster" 2>/dev/null || echo "run.sh: could not drop cluster $cluster" >&2
  fi
  if [[ $status == 0 && ${KEEP:-0} != 1 ]]; then
    rm -rf "$state"
  else
    echo "State (Books' log): $state"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if pg_lsclusters -h | awk '{print $1, $2}' | grep -qx "15 $cluster"; then
  echo "Dropping cluster 15/$cluster left by an earlier run"
  pg_dropcluster --stop 15 "$cluster"
fi
pg_port=$(free_port)
created=1
pg_createcluster 15 "$cluster" --port "$pg_port" -- --auth-local=trust --auth-host=trust >/dev/null
pg_ctlcluster --skip-systemctl-redirect 15 "$cluster" start
pg_data=$(pg_lsclusters -h | awk -v c="$cluster" '$1 == 15 && $2 == c {print $6}')
psql -q -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
  -c "CREATE DATABASE books TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
echo "Cluster 15/$cluster on 127.0.0.1:$pg_port ($pg_data), $(psql -h 127.0.0.1 -p "$pg_port" -U postgres -d books -Atc 'SHOW server_version')"

read -r http_port proxy_port <<<"$(python3 "$repo/bench/lib/free_port.py" 2 | xargs)"
python3 "$here/faults.py" --jar "$jar" --java "$java" --java-opts="$java_opts" --cluster "$cluster" \
  --pg-port "$pg_port" --pg-data "$pg_data" --http-port "$http_port" --proxy-port "$proxy_port" \
  --state-dir "$state" "$@" 2>&1 | tee "$state/output.txt"
