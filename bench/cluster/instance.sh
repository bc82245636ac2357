#!/usr/bin/env bash
# Usage: bench/cluster/instance.sh start|wait|stop|restart N [--no-wait]
#
# One Books instance of the cluster up.sh built ($STATE, default /tmp/books-cluster): `start` launches it with the
# environment in $STATE/instance-N.env (log $STATE/books-N.log) and waits until /health/ready answers 200;
# `stop` sends SIGTERM and waits for the graceful shutdown (readiness 503 at once, BOOKS_SHUTDOWN_DRAIN of serving,
# then in-flight requests finish); `restart` is both. Only the pid this script recorded is ever signalled.
set -euo pipefail

state=${STATE:-/tmp/books-cluster}
action=${1:?usage: instance.sh start|wait|stop|restart N}
n=${2:?usage: instance.sh start|wait|stop|restart N}
wait_ready=1
[[ ${3:-} == --no-wait ]] && wait_ready=0
start_wait=${START_WAIT:-120}
stop_wait=${STOP_WAIT:-60}

# shellcheck disable=SC1091
source "$state/cluster.env"
env_file="$state/instance-$n.env"
pid_file="$state/books-$n.pid"
[[ -f $env_file ]] || { echo "instance.sh: no instance $n in $state" >&2; exit 2; }
port=$(sed -n 's/^BOOKS_HTTP_PORT=//p' "$env_file")

running_pid() {
  [[ -f $pid_file ]] || return 1
  local pid
  pid=$(cat "$pid_file")
  # The recorded pid, and still our java (a pid can be reused once the process has gone).
  kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "-jar $JAR" && echo "$pid"
}

start() {
  if running_pid >/dev/null; then
    echo "instance.sh: books-$n is already running" >&2
    return 1
  fi
  (
    set -a
    # shellcheck disable=SC1090
    source "$env_file"
    set +a
    # shellcheck disable=SC2086
    exec "$JAVA" $JAVA_OPTS -jar "$JAR" serve >>"$state/books-$n.log" 2>&1
  ) &
  echo $! >"$pid_file"
  echo "books-$n $!" >>"$state/pids"
}

# The end of the instance's log, on stderr: down.sh removes $STATE, and a CI run shows only what was printed.
log_tail() {
  echo "--- last 30 lines of $state/books-$n.log" >&2
  tail -n 30 "$state/books-$n.log" >&2 2>/dev/null || true
  echo "---" >&2
}

wait_ready() {
  local deadline=$((SECONDS + start_wait))
  while ((SECONDS < deadline)); do
    if [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/health/ready") == 200 ]]; then
      return 0
    fi
    running_pid >/dev/null || { echo "instance.sh: books-$n exited; see $state/books-$n.log" >&2; log_tail; return 1; }
    sleep 0.2
  done
  echo "instance.sh: books-$n not ready within ${start_wait} s; see $state/books-$n.log" >&2
  log_tail
  return 1
}

stop() {
  local pid
  pid=$(running_pid) || return 0
  kill -TERM "$pid"
  local deadline=$((SECONDS + stop_wait))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "instance.sh: books-$n did not stop within ${stop_wait} s of SIGTERM; killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
    return 1
  fi
}

case $action in
  start)
    start
    if [[ $wait_ready == 1 ]]; then wait_ready; fi
    ;;
  wait) wait_ready ;;
  stop) stop ;;
  restart) stop; start; wait_ready ;;
  *) echo "instance.sh: unknown action $action" >&2; exit 2 ;;
esac
