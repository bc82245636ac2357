#!/usr/bin/env bash
# Usage: bench/run.sh            run the whole comparison (see bench/README.md)
#        bench/run.sh --summary RESULTS_FILE   print the summary table of an earlier run
#
# Reproduces the HTTP comparison of docs/performance.md: Books against the Spring Boot peer and the FastAPI seed
# peer, one service at a time, on the same machine and the same PostgreSQL server, each on a fresh database,
# ROUNDS times with the order of services reversed every other round. Every measurement goes to a results file of
# key=value lines (bench/results/<timestamp>.txt); a summary table is printed at the end.
#
# Env (defaults in brackets):
#   SHARED [../shared]       the shared folder (bench harness, peers), relative to the repository root
#   ROUNDS [2]  SERVICES ["books spring fastapi"]
#   WARMUP [30] DURATION [10] CONNECTIONS [32] THREADS [2] SCENARIOS ["get_by_id list create mixed"]
#   POOL_SIZE [10]           database pool of every service
#   JAVA_OPTS []             JVM flags, given to both JVM services alike; JAVA_HOME [the `java` on PATH]
#   FASTAPI_WORKERS [1]      uvicorn worker processes
#   PG_HOST [127.0.0.1] PG_PORT [5432] PG_USER [postgres] PG_PASSWORD [postgres]
#   PG_LIMIT_CLIENTS ["32 10"]  pgbench client counts for the database ceiling (32 = wrk's connections,
#                            10 = the services' pool size); "" skips it
#   LOAD_MAX [0.7] LOAD_POLL [30] LOAD_WAIT_MAX [900]  wait for a quiet machine before each measured step
#   BUILD [1]                0 reuses the jars built by an earlier run
#   BOOKS_JAR [bootstrap/target/books.jar]  the Books jar to run (with BUILD=0: another revision's, for an A/B)
#   PROFILE [0]              1 records JFR + perf around each scenario (diagnostics: numbers are then not comparable)
#   PORT_BOOKS [18081] PORT_SPRING [18082] PORT_FASTAPI [18083]
#   DB_SUFFIX []             appended to every database name the run creates and drops (books_bench, spring_peer…),
#                            so that two runs on one PostgreSQL server (with other PORT_*, SCRATCH) do not collide
#   RESULTS [bench/results/<timestamp>.txt]  (a folder of the same name keeps server logs and wrk output)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)

summary() { # RESULTS_FILE -> tables on stdout
  python3 - "$1" <<'PY'
import re, sys

path = sys.argv[1]
meta, rows = {}, []
for line in open(path):
    line = line.rstrip("\n")
    if not line or line.startswith("#"):
        continue
    if line.startswith("meta "):
        k, _, v = line[5:].partition("=")
        meta[k] = v
        continue
    rows.append(dict(kv.split("=", 1) for kv in line.split() if "=" in kv))

names = {"books": "Books", "spring": "Spring", "fastapi": "FastAPI"}
services = [s for s in ("books", "spring", "fastapi") if any(r.get("service") == s for r in rows)]
rounds = sorted({int(r["round"]) for r in rows if "round" in r})
scenarios = [s for s in ("get_by_id", "list", "create", "mixed")
             if any(r.get("scenario") == s for r in rows)]

def find(rnd, svc, scenario, clients=None):
    for r in rows:
        if r.get("round") == str(rnd) and r.get("service") == svc and r.get("scenario") == scenario \
                and (clients is None or r.get("clients") == str(clients)):
            return r
    return None

def num(r, k):
    try:
        return float(r[k])
    except (TypeError, KeyError, ValueError):
        return None

def ratio(a, b):
    return "%.2f×" % (a / b) if a and b else "-"

def fmt(v, spec="%.0f"):
    return spec % v if v is not None else "-"

print("Results: %s" % path)
for k in ("date", "machine", "java", "postgres", "wrk", "settings"):
    if k in meta:
        print("  %-9s %s" % (k, meta[k]))
cell_w = 26
for rnd in rounds:
    order = [r["service"] for r in rows if r.get("round") == str(rnd) and r.get("scenario") == "load"
             and r.get("service") in names]
    loads = ", ".join("%s %s" % (names[r["service"]], r.get("load1", "?")) for r in rows
                      if r.get("round") == str(rnd) and r.get("scenario") == "load" and r.get("service") in names)
    print("\nRound %d (order: %s; 1-min load at start: %s)" % (rnd, " → ".join(names[s] for s in order), loads))
    head = "%-12s" % "scenario" + "".join("| %-*s" % (cell_w, names[s] + " rps p50/p99 ms") for s in services)
    extra = [("books", "spring"), ("books", "fastapi")]
    extra = [(a, b) for a, b in extra if a in services and b in services]
    head += "".join("| %-14s" % ("%s/%s" % (names[a], names[b])) for a, b in extra)
    print(head)
    print("-" * len(head))
    for sc in scenarios:
        line = "%-12s" % sc
        for s in services:
            r = find(rnd, s, sc)
            if r is None:
                cell = "-"
            else:
                cell = "%s %s/%s" % (fmt(num(r, "rps")), fmt(num(r, "p50_ms"), "%.1f"), fmt(num(r, "p99_ms"), "%.1f"))
                bad = int(num(r, "non2xx") or 0) + int(num(r, "errors") or 0)
                if bad:
                    cell += " (%d bad)" % bad
            line += "| %-*s" % (cell_w, cell)
        for a, b in extra:
            ra, rb = find(rnd, a, sc), find(rnd, b, sc)
            line += "| %-14s" % ratio(num(ra, "rps") if ra else None, num(rb, "rps") if rb else None)
        print(line)
    for label, sc, key, spec in (("startup ms", "startup", "startup_ms", "%.0f"),
                                 ("RSS MiB", "rss", "rss_mib", "%.0f")):
        line = "%-12s" % label
        for s in services:
            r = find(rnd, s, sc)
            line += "| %-*s" % (cell_w, fmt(num(r, key), spec) if r else "-")
        print(line)
    line = "%-12s" % "idle CPU*"
    for s in services:
        r = find(rnd, s, "post_warmup")
        line += "| %-*s" % (cell_w, (r.get("server_idle_cpu_pct") + "% of a core") if r else "-")
    print(line)
    line = "%-12s" % "smoke"
    for s in services:
        r = find(rnd, s, "smoke")
        line += "| %-*s" % (cell_w, ("%s passed, %s failed" % (r.get("passed"), r.get("failed"))) if r else "-")
    print(line)
    # Server CPU per request: where a 2-core box spends its cycles.
    line = "%-12s" % "server CPU"
    for s in services:
        parts = []
        for sc in scenarios:
            r = find(rnd, s, sc)
            cpu, n = num(r, "server_cpu_ms") if r else None, num(r, "requests") if r else None
            parts.append("%.0f" % (cpu * 1000 / n) if cpu is not None and n else "-")
        line += "| %-*s" % (cell_w, "/".join(parts) + " µs/req")
    print(line)
    for c in ("32", "10"):
        r = find(rnd, "postgres", "pg_select_by_pk", c)
        if r:
            print("PostgreSQL ceiling (pgbench select-by-pk, %s clients, prepared): %s tps, %s ms avg"
                  % (c, fmt(num(r, "tps")), r.get("lat_avg_ms")))

print("\n* idle CPU: the server's CPU use during 3 s without load right after the warm-up (JIT still compiling)")
print("  server CPU: the server process's CPU time per request in get_by_id/list/create/mixed")
if "books" in services and "spring" in services:
    print("\nTargets (issue 12): Books/Spring requests/s >= 1.5x on get_by_id, >= 1.3x on create, list and mixed;")
    print("server CPU per request <= 0.6x Spring's on get_by_id and create; p99 <= Spring's; in every round")
    goals = {"get_by_id": 1.5, "create": 1.3, "list": 1.3, "mixed": 1.3}
    for rnd in rounds:
        verdicts = []
        for sc in scenarios:
            a, b = find(rnd, "books", sc), find(rnd, "spring", sc)
            if not (a and b and num(a, "rps") and num(b, "rps")):
                continue
            x = num(a, "rps") / num(b, "rps")
            text = "%s %.2fx%s" % (sc, x, "" if x >= goals.get(sc, 1.3) else " (missed)")
            if sc in ("get_by_id", "create") and num(a, "requests") and num(b, "requests"):
                cpu = (num(a, "server_cpu_ms") / num(a, "requests")) / (num(b, "server_cpu_ms") / num(b, "requests"))
                text += ", CPU %.2fx%s" % (cpu, "" if cpu <= 0.6 else " (missed)")
            p99 = num(a, "p99_ms") <= num(b, "p99_ms")
            text += ", p99 %s" % ("lower" if p99 else "HIGHER")
            verdicts.append(text)
        print("  round %d: %s" % (rnd, "; ".join(verdicts) or "no data"))
PY
}

if [ "${1:-}" = "--summary" ]; then
  [ "$#" -eq 2 ] || { echo "usage: $0 --summary RESULTS_FILE" >&2; exit 2; }
  summary "$2"
  exit 0
fi
[ "$#" -eq 0 ] || { echo "usage: $0 [--summary RESULTS_FILE]" >&2; exit 2; }

SHARED=${SHARED:-../shared}
shared=$(cd "$repo" && cd "$SHARED" && pwd)
harness=$shared/bench
ROUNDS=${ROUNDS:-2}
SERVICES=${SERVICES:-books spring fastapi}
export WARMUP=${WARMUP:-30} THREADS=${THREADS:-2}
export SCENARIOS=${SCENARIOS:-get_by_id list create mixed}
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-32}
POOL_SIZE=${POOL_SIZE:-10}
FASTAPI_WORKERS=${FASTAPI_WORKERS:-1}
PG_HOST=${PG_HOST:-127.0.0.1} PG_PORT=${PG_PORT:-5432}
PG_USER=${PG_USER:-postgres} PG_PASSWORD=${PG_PASSWORD:-postgres}
PG_LIMIT_CLIENTS=${PG_LIMIT_CLIENTS-32 10}
LOAD_MAX=${LOAD_MAX:-0.7} LOAD_POLL=${LOAD_POLL:-30} LOAD_WAIT_MAX=${LOAD_WAIT_MAX:-900}
BUILD=${BUILD:-1}
PROFILE=${PROFILE:-0}
PORT_BOOKS=${PORT_BOOKS:-18081} PORT_SPRING=${PORT_SPRING:-18082} PORT_FASTAPI=${PORT_FASTAPI:-18083}
DB_SUFFIX=${DB_SUFFIX:-}
stamp=$(date +%Y-%m-%dT%H%M%S)
RESULTS=${RESULTS:-$repo/bench/results/$stamp.txt}
work=${RESULTS%.txt}
mkdir -p "$(dirname "$RESULTS")" "$work"
scratch=${SCRATCH:-${TMPDIR:-/tmp}/books-bench-peers}

java_bin=${JAVA_HOME:+$JAVA_HOME/bin/}java
java_bin=$(readlink -f "$(command -v "$java_bin")")
java_home=$(dirname "$(dirname "$java_bin")")
books_jar=${BOOKS_JAR:-$repo/bootstrap/target/books.jar}
# Read; not passed on: the service warns about a BOOKS_* setting it does not know.
unset BOOKS_JAR
spring_dir=$scratch/spring-boot
fastapi_dir=$shared/peers/fastapi-seed

note() { printf '== %s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
record() { printf '%s\n' "$*" >> "$RESULTS"; }
pg_uri() { printf 'postgresql://%s:%s@%s:%s/%s' "$PG_USER" "$PG_PASSWORD" "$PG_HOST" "$PG_PORT" "$1"; }
admin_psql() { psql "$(pg_uri postgres)" -v ON_ERROR_STOP=1 -Atq "$@"; }

for tool in wrk curl psql pgbench python3 mvn; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool not found (see bench/README.md)" >&2; exit 1; }
done

# ---------------------------------------------------------------------------------------------- builds
if [ "$BUILD" = 1 ]; then
  note "building Books (bootstrap/target/books.jar)"
  (cd "$repo" && mvn -B -q package -Dmaven.test.skip=true ${MAVEN_ARGS:-})
  note "building the Spring Boot peer in $spring_dir (a scratch copy: the shared folder is read-only)"
  rm -rf "$spring_dir" && mkdir -p "$scratch" && cp -r "$shared/peers/spring-boot" "$spring_dir"
  chmod -R u+w "$spring_dir"
  (cd "$spring_dir" && JAVA_HOME=$java_home ./build.sh ${MAVEN_ARGS:-} >/dev/null)
fi
[ -f "$books_jar" ] || { echo "run.sh: $books_jar missing (BUILD=1)" >&2; exit 1; }
[ -f "$spring_dir/target/books-spring-boot.jar" ] || { echo "run.sh: $spring_dir/target/books-spring-boot.jar missing (BUILD=1)" >&2; exit 1; }

fastapi_ok=1
if ! /usr/bin/python3 -c 'import fastapi, uvicorn, asyncpg, sqlalchemy' 2>/dev/null; then
  fastapi_ok=0
  note "FastAPI peer skipped: apt-get install -y python3-fastapi python3-uvicorn python3-asyncpg python3-sqlalchemy"
fi

# -------------------------------------------------------------------------------------------- database
if ! pg_isready -q -h "$PG_HOST" -p "$PG_PORT"; then
  note "starting PostgreSQL 15"
  pg_ctlcluster --skip-systemctl-redirect 15 main start
  for _ in $(seq 1 30); do pg_isready -q -h "$PG_HOST" -p "$PG_PORT" && break; sleep 1; done
fi
admin_psql -c 'SELECT 1' >/dev/null

fresh_db() { # NAME: drop and recreate, UTF-8 so that pg_trgm sees letters alike in every service
  admin_psql -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)"
  admin_psql -c "CREATE DATABASE $1 TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
}

# ---------------------------------------------------------------------------------------------- meta
{
  echo "# bench/run.sh results: key=value lines; see docs/performance.md"
  echo "meta date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "meta git=$(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet HEAD -- . ':!bench' ':!docs' || echo '-dirty')"
  echo "meta books_jar=$books_jar (built $(stat -c %y "$books_jar" | cut -d. -f1))"
  echo "meta machine=$(nproc) cpus ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM, Linux $(uname -r)"
  echo "meta java=$("$java_bin" -version 2>&1 | sed -n 2p) ($java_bin)"
  echo "meta postgres=$(admin_psql -c 'SHOW server_version') (shared_buffers $(admin_psql -c 'SHOW shared_buffers'), max_connections $(admin_psql -c 'SHOW max_connections'))"
  echo "meta wrk=$(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2)"
  echo "meta spring=Spring Boot $(sed -n 's:.*<version>\(4[^<]*\)</version>.*:\1:p' "$shared/peers/spring-boot/pom.xml" | head -n 1), Tomcat, HikariCP"
  [ "$fastapi_ok" = 0 ] || echo "meta fastapi=$(/usr/bin/python3 -c 'import sys, fastapi, uvicorn, sqlalchemy, asyncpg; print("Python %d.%d, FastAPI %s, uvicorn %s, SQLAlchemy %s, asyncpg %s" % (sys.version_info[:2] + (fastapi.__version__, uvicorn.__version__, sqlalchemy.__version__, asyncpg.__version__)))'), $FASTAPI_WORKERS worker(s)"
  echo "meta settings=rounds $ROUNDS, warm-up ${WARMUP}s, ${DURATION}s per scenario, $CONNECTIONS connections, $THREADS wrk threads, pool $POOL_SIZE, JAVA_OPTS '${JAVA_OPTS:-}', load max $LOAD_MAX"
} >> "$RESULTS"

# ------------------------------------------------------------------------------------- measurements
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }
tree_ticks() { # PID -> utime+stime of it and its children
  local p t=0 s
  for p in "$1" $(pgrep -P "$1" || true); do
    s=$(cat "/proc/$p/stat" 2>/dev/null) || continue
    s=${s##*) }
    t=$((t + $(awk '{ print $12 + $13 }' <<<"$s")))
  done
  echo "$t"
}
pg_ticks() { # all processes of the postgres user (the services' pooled backends live through a run)
  local p t=0 s
  for p in $(pgrep -u postgres || true); do
    s=$(cat "/proc/$p/stat" 2>/dev/null) || continue
    s=${s##*) }
    t=$((t + $(awk '{ print $12 + $13 }' <<<"$s")))
  done
  echo "$t"
}
csw_start() { # PID OUT: count the process's context switches (all its threads, ended ones too) into OUT
  csw_pid=
  command -v perf >/dev/null || return 0
  perf stat -e context-switches -x, -o "$2" -p "$1" >/dev/null 2>&1 &
  csw_pid=$!
}
csw_stop() { # OUT -> the count, or "-" without perf
  [ -n "$csw_pid" ] || { echo -; return; }
  kill -INT "$csw_pid" 2>/dev/null || true
  wait "$csw_pid" 2>/dev/null || true
  awk -F, '/context-switches/ { print $1; found = 1 } END { if (!found) print "-" }' "$1"
}
hz=$(getconf CLK_TCK)
ms_of() { echo $(( $1 * 1000 / hz )); }

wait_quiet() { # ROUND LABEL: wait until the 1-minute load is below LOAD_MAX, then record it
  local waited=0 load
  while :; do
    load=$(cut -d' ' -f1 /proc/loadavg)
    if awk -v l="$load" -v m="$LOAD_MAX" 'BEGIN { exit !(l <= m) }'; then break; fi
    if [ "$waited" -ge "$LOAD_WAIT_MAX" ]; then
      note "load still $load after ${waited}s: measuring anyway (recorded)"
      break
    fi
    note "1-min load $load > $LOAD_MAX: waiting ${LOAD_POLL}s (${waited}s so far)"
    sleep "$LOAD_POLL"
    waited=$((waited + LOAD_POLL))
  done
  # A 2 s sample of the CPU in use right now, as a check on the (slow-moving) load average.
  local b0 b1
  b0=$(busy_ticks); sleep 2; b1=$(busy_ticks)
  record "round=$1 service=$2 scenario=load load1=$load loadavg=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/') waited_s=$waited busy_cpus_now=$(awk -v d=$((b1 - b0)) -v hz="$hz" 'BEGIN { printf "%.2f", d / hz / 2 }')"
}

server_pid=
stop_server() {
  [ -n "$server_pid" ] || return 0
  kill "$server_pid" 2>/dev/null || true
  for _ in $(seq 1 150); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.2; done
  if kill -0 "$server_pid" 2>/dev/null; then
    note "server $server_pid ignored SIGTERM for 30 s: SIGKILL"
    kill -9 "$server_pid" 2>/dev/null || true
  fi
  server_pid=
}
trap stop_server EXIT

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# PROFILE=1: a JFR recording (JVM services) and a system-wide perf sample (if perf works) around each scenario,
# summarised by bench/profile_report.py next to the results. Profiling costs throughput: diagnostics only.
# JFR runs from the JVM's launch (see jvm_opts): started with jcmd on a warm JVM under load, it retransforms JDK
# classes, the JIT deoptimises, and a 2-core machine serves ~10x fewer requests for minutes (measured: 9,000 ->
# 900 req/s for Books, alike for Spring). From the launch on, settings=profile (10 ms Java samples) costs Books
# ~15% of its get_by_id throughput, settings=default nothing measurable.
profile_start() { # PREFIX
  perf_pid=
  if command -v perf >/dev/null; then
    perf record -a -F 499 -q -o "$1.perf.data" -- sleep "$((DURATION + 2))" 2>/dev/null &
    perf_pid=$!
  fi
}
profile_stop() { # PREFIX BENCH_LINE
  [ "$svc" = fastapi ] || jcmd "$server_pid" JFR.dump name=bench filename="$1.jfr" begin="-${DURATION}s" >/dev/null
  [ -z "$perf_pid" ] || wait "$perf_pid" || true
  python3 "$repo/bench/profile_report.py" --server-pid "$server_pid" --bench "$2" \
    $( [ "$svc" = fastapi ] || echo --jfr "$1.jfr" ) $( [ -z "$perf_pid" ] || echo --perf "$1.perf.data" ) \
    > "$1-profile.txt" 2>&1 || true
  note "profile: $1-profile.txt"
}

run_service() { # ROUND SERVICE
  local rnd=$1 svc=$2 port db probe log out
  local -a cmd bench_env
  log=$work/round$rnd-$svc.log
  local jvm_opts=${JAVA_OPTS:-}
  [ "$PROFILE" = 0 ] || jvm_opts="$jvm_opts -XX:StartFlightRecording=name=bench,settings=profile,maxage=10m"
  case $svc in
    books)
      port=$PORT_BOOKS db=books_bench$DB_SUFFIX probe="/books?limit=1"
      # The peers ask nobody who they are and limit no rate: Books runs the same way here (BOOKS_AUTH=none; the
      # shared load generator sends no credentials). What authentication costs is measured apart (performance.md).
      # shellcheck disable=SC2086  # jvm_opts is a list of flags
      cmd=(env BOOKS_HTTP_PORT="$port" BOOKS_DB_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$db"
           BOOKS_DB_USER="$PG_USER" BOOKS_DB_PASSWORD="$PG_PASSWORD" BOOKS_DB_POOL_SIZE="$POOL_SIZE"
           BOOKS_AUTH=none BOOKS_RATE_LIMIT=1000000 BOOKS_RATE_LIMIT_ANONYMOUS=1000000
           "$java_bin" $jvm_opts -jar "$books_jar")
      bench_env=(YEAR_FIELD=publishedYear LIST_MAX_OFFSET=0) ;;
    spring)
      port=$PORT_SPRING db=spring_peer$DB_SUFFIX probe="/books?limit=1"
      cmd=(env JAVA_HOME="$java_home" JAVA_OPTS="$jvm_opts" DB_POOL_SIZE="$POOL_SIZE"
           "$spring_dir/run.sh" "$port" "jdbc:postgresql://$PG_HOST:$PG_PORT/$db" "$PG_USER" "$PG_PASSWORD")
      bench_env=(YEAR_FIELD=publishedYear LIST_MAX_OFFSET=0) ;;
    fastapi)
      port=$PORT_FASTAPI db=fastapi_peer$DB_SUFFIX probe="/books/"
      cmd=(env DB_POOL_SIZE="$POOL_SIZE" "$fastapi_dir/run.sh" "$port" "$(pg_uri $db)" "$FASTAPI_WORKERS")
      bench_env=(BOOK_FIELDS=title,author,category LIST_PATH=/books/ LIST_MAX_OFFSET=0) ;;
    *) echo "run.sh: unknown service $svc" >&2; exit 2 ;;
  esac
  local base=http://127.0.0.1:$port
  port_free "$port" || { echo "run.sh: port $port is taken (PORT_${svc^^}=...)" >&2; exit 1; }

  fresh_db "$db"
  [ "$svc" != fastapi ] || psql "$(pg_uri $db)" -q -v ON_ERROR_STOP=1 -f "$fastapi_dir/schema.sql" >/dev/null
  admin_psql -c CHECKPOINT
  wait_quiet "$rnd" "$svc"

  note "round $rnd: $svc: starting on :$port"
  out=$("$harness/startup.sh" "$base$probe" "$log" "${cmd[@]}") || { echo "run.sh: $svc did not start (log: $log)" >&2; exit 1; }
  server_pid=$(sed -n 's/.*pid=\([0-9]*\).*/\1/p' <<<"$out")
  record "round=$rnd service=$svc $out"
  record "round=$rnd service=$svc $("$harness/rss.sh" "$server_pid" rss_idle)"

  local passed failed
  if [ "$svc" = fastapi ]; then
    # smoke.sh needs isbn and year fields: the seed's own shape gets a short check instead.
    passed=0 failed=0
    local id code
    id=$(curl -s --max-time 10 -H 'Content-Type: application/json' -d @"$fastapi_dir/body.json" "$base/books" \
           | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])' 2>/dev/null) || id=
    if [ -n "$id" ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$base/books/$id")
    if [ "$code" = 200 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X DELETE "$base/books/$id")
    if [ "$code" = 200 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
  else
    YEAR_FIELD=publishedYear "$harness/smoke.sh" "$base" > "$work/round$rnd-$svc-smoke.txt" || true
    read -r passed failed < <(sed -n 's/^smoke: \([0-9]*\) passed, \([0-9]*\) failed/\1 \2/p' "$work/round$rnd-$svc-smoke.txt")
  fi
  record "round=$rnd service=$svc scenario=smoke passed=${passed:-0} failed=${failed:-?}"

  # One bench.sh call per scenario (the warm-up with the first) so that each scenario's CPU can be
  # attributed: the server's own, PostgreSQL's, and the whole machine's (the rest is wrk and noise).
  local idfile=$work/round$rnd-$svc-ids.txt first=1 sc line s0 s1 p0 p1 m0 m1 csw
  rm -f "$idfile"
  for sc in $SCENARIOS; do
    note "round $rnd: $svc: $sc$( [ "$first" = 1 ] && [ "$WARMUP" != 0 ] && echo " (after ${WARMUP}s warm-up)")"
    if [ "$first" = 1 ]; then
      # Seeding and warm-up first, measured separately below.
      env "${bench_env[@]}" IDFILE="$idfile" SCENARIOS=" " "$harness/bench.sh" "$base" "$DURATION" "$CONNECTIONS" \
        >/dev/null 2>>"$work/bench-stderr.txt" || true
      first=0
      # CPU the server burns with no load right after the warm-up: the JIT compiling what the warm-up queued.
      s0=$(tree_ticks "$server_pid"); sleep 3; s1=$(tree_ticks "$server_pid")
      record "round=$rnd service=$svc scenario=post_warmup server_idle_cpu_pct=$(( (s1 - s0) * 100 / (3 * hz) ))"
    fi
    [ "$PROFILE" = 0 ] || profile_start "$work/round$rnd-$svc-$sc"
    csw_start "$server_pid" "$work/round$rnd-$svc-$sc.csw"
    s0=$(tree_ticks "$server_pid"); p0=$(pg_ticks); m0=$(busy_ticks)
    line=$(env "${bench_env[@]}" IDFILE="$idfile" SCENARIOS="$sc" WARMUP=0 LOG_DIR="$work/wrk-round$rnd-$svc" \
             "$harness/bench.sh" "$base" "$DURATION" "$CONNECTIONS" 2>>"$work/bench-stderr.txt") || true
    s1=$(tree_ticks "$server_pid"); p1=$(pg_ticks); m1=$(busy_ticks)
    csw=$(csw_stop "$work/round$rnd-$svc-$sc.csw")
    [ "$PROFILE" = 0 ] || profile_stop "$work/round$rnd-$svc-$sc" "$line"
    [ -n "$line" ] || line="scenario=$sc error=no_output"
    record "round=$rnd service=$svc $line server_cpu_ms=$(ms_of $((s1 - s0))) pg_cpu_ms=$(ms_of $((p1 - p0))) machine_cpu_ms=$(ms_of $((m1 - m0))) server_csw=$csw"
  done
  record "round=$rnd service=$svc $("$harness/rss.sh" "$server_pid" rss)"
  record "round=$rnd service=$svc scenario=rows count=$(psql "$(pg_uri $db)" -Atq -c \
    "SELECT count(*) FROM $( [ "$svc" = fastapi ] && echo play_pen.book || echo books )")"
  stop_server
}

pg_limit() { # ROUND
  [ -n "$PG_LIMIT_CLIENTS" ] || return 0
  fresh_db pg_limit_bench$DB_SUFFIX
  local c
  for c in $PG_LIMIT_CLIENTS; do
    wait_quiet "$1" postgres
    note "round $1: PostgreSQL ceiling (pg_limit.sh, $c clients)"
    record "round=$1 service=postgres $("$harness/pg_limit.sh" "$(pg_uri pg_limit_bench$DB_SUFFIX)" "$c" "$DURATION" 1000 2>/dev/null)"
  done
}

read -r -a order <<<"$SERVICES"
[ "$fastapi_ok" = 1 ] || order=("${order[@]/fastapi}")
for rnd in $(seq 1 "$ROUNDS"); do
  if [ $((rnd % 2)) = 0 ]; then
    reversed=()
    for ((i = ${#order[@]} - 1; i >= 0; i--)); do reversed+=("${order[i]}"); done
    round_order=("${reversed[@]}")
  else
    round_order=("${order[@]}")
  fi
  for svc in "${round_order[@]}"; do
    [ -z "$svc" ] || run_service "$rnd" "$svc"
  done
  # Once per round is cheap (DURATION per client count) and shows drift in the database itself.
  pg_limit "$rnd"
done

note "results: $RESULTS (server logs and wrk output: $work/)"
summary "$RESULTS"
