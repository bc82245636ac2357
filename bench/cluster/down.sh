#!/usr/bin/env bash
# Usage: bench/cluster/down.sh
#
# Tears down the cluster bench/cluster/up.sh built in $STATE (default /tmp/books-cluster): the Books instances
# (SIGTERM, then SIGKILL after 30 s), nginx, haproxy and PgBouncer, each by the pid up.sh recorded and only while
# that pid is still the process it started; then drops both PostgreSQL clusters and removes $STATE (KEEP=1 keeps
# it, with the logs). Safe to run twice, and after a failed up.sh.
set -uo pipefail

state=${STATE:-/tmp/books-cluster}
if [[ ! -f $state/cluster.env ]]; then
  echo "down.sh: no cluster in $state"
  exit 0
fi
# shellcheck disable=SC1091
source "$state/cluster.env"

# What each kind of process must still look like to be ours.
expected() {
  case $1 in
    books-*) echo "-jar" ;;
    nginx) echo "nginx" ;;
    haproxy) echo "haproxy" ;;
    pgbouncer) echo "pgbouncer" ;;
    *) echo "?" ;;
  esac
}

ours() {
  local kind=$1 pid=$2
  kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$(expected "$kind")"
}

if [[ -f $state/pids ]]; then
  # Newest first: the balancers before the instances behind them, the instances before the pooler.
  tac "$state/pids" | while read -r kind pid; do
    [[ -n ${pid:-} ]] && ours "$kind" "$pid" && kill -TERM "$pid" 2>/dev/null
  done
  for _ in $(seq 1 300); do
    alive=0
    while read -r kind pid; do
      [[ -n ${pid:-} ]] && ours "$kind" "$pid" && alive=1
    done <"$state/pids"
    [[ $alive == 0 ]] && break
    sleep 0.1
  done
  while read -r kind pid; do
    if [[ -n ${pid:-} ]] && ours "$kind" "$pid"; then
      echo "down.sh: $kind ($pid) did not stop; killing it" >&2
      kill -KILL "$pid" 2>/dev/null
    fi
  done <"$state/pids"
fi

for cluster in ${PRIMARY_CLUSTER:-} ${STANDBY_CLUSTER:-}; do
  if pg_lsclusters -h 2>/dev/null | awk '{print $1, $2}' | grep -qx "15 $cluster"; then
    pg_dropcluster --stop 15 "$cluster" || echo "down.sh: could not drop cluster $cluster" >&2
  fi
done

if [[ ${KEEP:-0} == 1 ]]; then
  rm -f "$state/cluster.env"
  echo "down.sh: stopped and dropped; logs kept in $state"
else
  rm -rf "$state"
  echo "down.sh: stopped and dropped"
fi
