#!/usr/bin/env bash
# Usage: bench/cluster/run.sh [ci|all]
#
# The scale-out tests of docs/scaling.md on clusters built by up.sh, each torn down by down.sh (also on failure or
# Ctrl-C). Exits non-zero if any test failed.
#
#   ci   (CI runs this) one cluster (BOOKS_AUTH=keys, every request with the cluster's key): read-your-writes
#        (standby delayed 500 ms, 200 x each flow), the replica stopped and started under the flows, an API key revoked
#        while both instances use it, a rolling restart of both instances under load through nginx.
#   all  ci, then on the same cluster the API contract through two instances, then the failover; then a cluster
#        with haproxy (the rolling restart through it), one with PgBouncer in transaction mode, and a failover by
#        kill -9.  ~10 min
#
# Env: STATE [/tmp/books-cluster]  and what up.sh reads (JAR, JAVA, JAVA_OPTS...). Needs root.
set -uo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
here="$repo/bench/cluster"
export STATE=${STATE:-/tmp/books-cluster}
mode=${1:-ci}
failed=0

log() { printf '\n== %s: %s\n' "$(date -u +%H:%M:%S)" "$*"; }
teardown() { "$here/down.sh" >/dev/null 2>&1 || true; }
trap 'teardown' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

check() {
  if ! python3 "$here/scale.py" "$@"; then
    failed=1
    echo "FAILED: scale.py $*"
  fi
}

up() {
  teardown
  log "up.sh $*"
  if ! "$here/up.sh" "$@"; then
    echo "FAILED: up.sh $*"
    exit 1
  fi
}

up
log "read-your-writes"
check ryw -n 200 --more-n "$([[ $mode == all ]] && echo 100 || echo 50)"
log "replica stopped and started"
check replica-outage
log "API key revoked while both instances use it"
# The bound: ApiKeys' 5 s cache, plus a probe's interval, from the moment the revoke command returned.
check revocation --bound 6
log "rolling restart through nginx"
check rolling --threads 6

if [[ $mode == all ]]; then
  log "two instances as one service"
  check contract
  log "failover (fast stop of the primary, promotion of the standby)"
  check failover --threads 2

  up --haproxy
  log "rolling restart through haproxy (active checks on /health/ready)"
  check rolling --via haproxy --threads 6

  up --pgbouncer
  log "PgBouncer in transaction mode"
  check pgbouncer -n 100

  up
  log "failover after kill -9 of the primary"
  check failover --threads 2 --kill
fi

if [[ $failed == 0 ]]; then
  log "all passed"
else
  log "some failed"
fi
exit "$failed"
