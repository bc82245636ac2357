#!/usr/bin/env bash
# Usage: bench/cluster/up.sh [--delay 500ms] [--instances 2] [--pgbouncer] [--haproxy] [--no-read-url] [--auth keys|none]
#
# Builds, on this machine, the topology of docs/scaling.md: a PostgreSQL 15 primary and one hot standby
# (pg_basebackup -R, streaming), N Books instances (default 2) with read routing (BOOKS_DB_READ_URL = the standby,
# BOOKS_DB_URL = both hosts with targetServerType=primary, so that a promoted standby takes the writes), and nginx
# in front. Prints the URLs and writes them to $STATE/cluster.env; bench/cluster/down.sh tears everything down.
#
#   --delay D       recovery_min_apply_delay on the standby (e.g. 500ms): replication lag you can see
#   --instances N   Books instances behind the balancer (default 2)
#   --pgbouncer     PgBouncer in transaction mode in front of both servers; Books connects through it
#                   (prepareThreshold=0; the session settings Books sends are set on the database instead)
#   --haproxy       haproxy beside nginx, with active checks on /health/ready (HAPROXY_URL)
#   --no-read-url   no BOOKS_DB_READ_URL: every read on the primary (for comparisons)
#   --auth keys     (default) BOOKS_AUTH=keys: an API key with every scope is made with `books.jar keys create` before
#                   the instances start; its secret is in $STATE/api-key (0600), which scale.py sends as X-Api-Key
#   --auth none     BOOKS_AUTH=none: nobody is asked who they are (for tests that are not about access)
#
# Env: STATE [/tmp/books-cluster]  PREFIX [books_scale] (cluster names PREFIX_primary, PREFIX_standby)
#      JAR [bootstrap/target/books.jar] (built if missing)  JAVA [java]  JAVA_OPTS [-Xmx256m]
#      BOOKS_DRAIN [2s] (BOOKS_SHUTDOWN_DRAIN)  EXTRA_ENV [] (more KEY=VALUE words for every instance)
#
# Needs root (pg_createcluster, su postgres), Debian's postgresql-15, nginx (nginx-light), and for the options
# pgbouncer and haproxy. Never touches the machine's `main` cluster. Every process it starts is recorded in
# $STATE/pids and ended by down.sh by that pid only; a failed start tears down what it had started.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
here="$repo/bench/cluster"
state=${STATE:-/tmp/books-cluster}
prefix=${PREFIX:-books_scale}
jar=${JAR:-$repo/bootstrap/target/books.jar}
java=${JAVA:-java}
java_opts=${JAVA_OPTS:--Xmx256m}
drain=${BOOKS_DRAIN:-2s}
delay=
instances=2
pgbouncer=0
haproxy=0
read_url=1
auth=keys

while [[ $# -gt 0 ]]; do
  case $1 in
    --delay) delay=$2; shift 2 ;;
    --instances) instances=$2; shift 2 ;;
    --pgbouncer) pgbouncer=1; shift ;;
    --haproxy) haproxy=1; shift ;;
    --no-read-url) read_url=0; shift ;;
    --auth) auth=$2; shift 2 ;;
    -h|--help) sed -n '2,27p' "$0"; exit 0 ;;
    *) echo "up.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

if [[ $auth != keys && $auth != none ]]; then
  echo "up.sh: --auth is keys or none (got '$auth')" >&2
  exit 2
fi
if [[ $(id -u) != 0 ]]; then
  echo "up.sh: needs root (pg_createcluster, su postgres)" >&2
  exit 2
fi
tools=(pg_createcluster pg_ctlcluster pg_dropcluster pg_lsclusters pg_basebackup psql nginx python3 curl "$java")
[[ $pgbouncer == 1 ]] && tools+=(pgbouncer)
[[ $haproxy == 1 ]] && tools+=(haproxy)
for tool in "${tools[@]}"; do
  command -v "$tool" >/dev/null || { echo "up.sh: $tool not found (apt-get install -y nginx-light pgbouncer haproxy)" >&2; exit 2; }
done
if [[ -f $state/cluster.env ]]; then
  echo "up.sh: a cluster is already up in $state; run bench/cluster/down.sh first" >&2
  exit 2
fi
if [[ ! -f $jar ]]; then
  echo "Building $jar"
  (cd "$repo" && mvn -B -q package -Dmaven.test.skip=true)
fi

mkdir -p "$state"
chmod 755 "$state"
: >"$state/pids"
: >"$state/ports"
started=$(date +%s.%N)
ok=0
keys_pid=
trap '[[ $ok == 1 ]] || { echo "up.sh: failed; tearing down" >&2; [[ -n $keys_pid ]] && kill "$keys_pid" 2>/dev/null
  STATE=$state "$here/down.sh" >&2 || true; }' EXIT

# A port below the ephemeral range (an outgoing connection cannot take it before an instance binds it, even in a
# restart minutes later), and none handed out before in this run.
free_port() {
  local port
  # shellcheck disable=SC2046
  port=$(python3 "$repo/bench/lib/free_port.py" 1 --not $(cat "$state/ports" 2>/dev/null)) || return 1
  echo "$port" >>"$state/ports"
  echo "$port"
}
cluster_dir() { pg_lsclusters -h | awk -v c="$1" '$1 == 15 && $2 == c {print $6}'; }
log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*"; }

primary=${prefix}_primary
standby=${prefix}_standby
for name in "$primary" "$standby"; do
  if [[ -n $(cluster_dir "$name") ]]; then
    log "dropping cluster 15/$name left by an earlier run"
    pg_dropcluster --stop 15 "$name"
  fi
done

# Recorded before anything exists, so that down.sh drops whatever got made.
primary_port=$(free_port)
standby_port=$(free_port)
cat >"$state/cluster.env" <<EOF
PRIMARY_CLUSTER=$primary
STANDBY_CLUSTER=$standby
PRIMARY_PORT=$primary_port
STANDBY_PORT=$standby_port
EOF

log "primary 15/$primary on port $primary_port"
pg_createcluster 15 "$primary" --port "$primary_port" -- --auth-local=trust --auth-host=trust >/dev/null
pg_ctlcluster --skip-systemctl-redirect 15 "$primary" start
psql -q -h 127.0.0.1 -p "$primary_port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
  -c "CREATE DATABASE books TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"

if [[ $auth == keys ]]; then
  # The key every test sends, made as an operator would, on the primary directly (the command migrates the schema
  # first), while the standby is being made. The secret is printed once, on stdout; it stays in this directory,
  # readable by root only. A one-shot command: the JIT's first tier is enough.
  log "API key 'bench' (books:read,write,delete,admin) by books.jar keys create"
  # shellcheck disable=SC2086
  (umask 077 && exec env BOOKS_DB_URL="jdbc:postgresql://127.0.0.1:$primary_port/books" BOOKS_DB_USER=postgres \
    BOOKS_DB_PASSWORD=cluster "$java" $java_opts -XX:TieredStopAtLevel=1 -jar "$jar" keys create --name bench \
    --scopes books:read,books:write,books:delete,books:admin >"$state/api-key" 2>"$state/keys.log") &
  keys_pid=$!
fi

log "standby 15/$standby on port $standby_port (pg_basebackup -R)"
pg_createcluster 15 "$standby" --port "$standby_port" -- --auth-local=trust --auth-host=trust >/dev/null
standby_data=$(cluster_dir "$standby")
find "$standby_data" -mindepth 1 -delete
su postgres -c "pg_basebackup -h 127.0.0.1 -p $primary_port -U postgres -D $standby_data -R -X stream -c fast"
if [[ -n $delay ]]; then
  echo "recovery_min_apply_delay = '$delay'" >>"/etc/postgresql/15/$standby/postgresql.conf"
fi
pg_ctlcluster --skip-systemctl-redirect 15 "$standby" start

db_url="jdbc:postgresql://127.0.0.1:$primary_port,127.0.0.1:$standby_port/books?targetServerType=primary"
db_read_url="jdbc:postgresql://127.0.0.1:$standby_port/books"
bouncer_port=
if [[ $pgbouncer == 1 ]]; then
  bouncer_port=$(free_port)
  mkdir -p "$state/pgbouncer"
  cat >"$state/pgbouncer/pgbouncer.ini" <<EOF
[databases]
books = host=127.0.0.1 port=$primary_port dbname=books
books_standby = host=127.0.0.1 port=$standby_port dbname=books

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $bouncer_port
unix_socket_dir =
auth_type = trust
auth_file = $state/pgbouncer/users.txt
pool_mode = transaction
; fewer server connections than Books' pools hold client connections: server connections are shared
default_pool_size = 6
max_client_conn = 500
; pgjdbc sends extra_float_digits; Books sends its session settings in options, which 1.18 cannot pass on
ignore_startup_parameters = extra_float_digits, options
pidfile = $state/pgbouncer/pgbouncer.pid
logfile = $state/pgbouncer/pgbouncer.log
EOF
  echo '"postgres" ""' >"$state/pgbouncer/users.txt"
  chown -R postgres "$state/pgbouncer"
  # What Books would set per session (the options PgBouncer drops), set where every session gets it.
  psql -q -h 127.0.0.1 -p "$primary_port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c "ALTER DATABASE books SET statement_timeout = '5s'" \
    -c "ALTER DATABASE books SET jit = off" \
    -c "ALTER DATABASE books SET max_parallel_workers_per_gather = 0"
  su postgres -s /bin/sh -c "pgbouncer -d $state/pgbouncer/pgbouncer.ini"
  for _ in $(seq 1 50); do [[ -s $state/pgbouncer/pgbouncer.pid ]] && break; sleep 0.1; done
  echo "pgbouncer $(cat "$state/pgbouncer/pgbouncer.pid")" >>"$state/pids"
  log "pgbouncer (transaction pooling) on port $bouncer_port"
  db_url="jdbc:postgresql://127.0.0.1:$bouncer_port/books?prepareThreshold=0"
  db_read_url="jdbc:postgresql://127.0.0.1:$bouncer_port/books_standby?prepareThreshold=0"
fi

if [[ -n $keys_pid ]]; then
  wait "$keys_pid" || { cat "$state/keys.log" >&2; exit 1; }
  keys_pid=
fi

ports=()
for n in $(seq 1 "$instances"); do
  port=$(free_port)
  ports+=("$port")
  {
    echo "BOOKS_HTTP_PORT=$port"
    echo "BOOKS_DB_URL=$db_url"
    [[ $read_url == 1 ]] && echo "BOOKS_DB_READ_URL=$db_read_url"
    echo "BOOKS_DB_USER=postgres"
    echo "BOOKS_DB_PASSWORD=cluster"
    echo "BOOKS_SHUTDOWN_DRAIN=$drain"
    echo "BOOKS_SHUTDOWN_TIMEOUT=10s"
    echo "BOOKS_AUTH=$auth"
    # The balancers on this machine: their X-Forwarded-For names the client (rate limits, the access log).
    echo "BOOKS_TRUSTED_PROXIES=127.0.0.1"
    # Rate limits are per instance. The tests are one principal at one address sending thousands of requests a
    # minute: those limits out of their reach. The failed-authentication budget keeps its default (20 a minute per
    # client address): scale.py contract checks that it shuts out one client behind nginx, not everyone.
    echo "BOOKS_RATE_LIMIT=1000000"
    echo "BOOKS_RATE_LIMIT_ANONYMOUS=1000000"
    for word in ${EXTRA_ENV:-}; do echo "$word"; done
  } >"$state/instance-$n.env"
done

cat >>"$state/cluster.env" <<EOF
STANDBY_DATA=$standby_data
PGBOUNCER_PORT=$bouncer_port
AUTH=$auth
API_KEY_FILE=$([[ $auth == keys ]] && echo "$state/api-key")
INSTANCES=$instances
BOOKS_PORTS="${ports[*]}"
JAR=$jar
JAVA=$java
JAVA_OPTS="$java_opts"
EOF

log "starting ${instances} Books instance(s)"
for n in $(seq 1 "$instances"); do
  STATE=$state "$here/instance.sh" start "$n" --no-wait
done
for n in $(seq 1 "$instances"); do
  STATE=$state "$here/instance.sh" wait "$n"
done

nginx_port=$(free_port)
mkdir -p "$state/nginx/tmp"
{
  echo "worker_processes 1;"
  echo "pid $state/nginx/nginx.pid;"
  echo "error_log $state/nginx/error.log warn;"
  echo "events { worker_connections 4096; }"
  echo "http {"
  echo "  access_log off;"
  for kind in client_body proxy fastcgi uwsgi scgi; do echo "  ${kind}_temp_path $state/nginx/tmp/$kind;"; done
  echo "  upstream books {"
  for port in "${ports[@]}"; do
    # Passive health: one failed attempt (refused, reset, timed out) rests an instance for 2 s.
    echo "    server 127.0.0.1:$port max_fails=1 fail_timeout=2s;"
  done
  echo "  }"
  echo "  server {"
  echo "    listen 127.0.0.1:$nginx_port;"
  echo "    location / {"
  echo "      proxy_pass http://books;"
  # A request that could not be delivered (refused, reset before an answer) goes to the next instance. nginx never
  # resends a request it has sent when its method is not idempotent (POST, PATCH), unless told so (non_idempotent):
  # it is not told so. A 503 from Books is an answer (the database is away), passed on with its Retry-After; retrying
  # it would only mark every instance failed during a database outage, and nginx would answer 502.
  echo "      proxy_next_upstream error timeout;"
  echo "      proxy_connect_timeout 1s;"
  echo "      proxy_read_timeout 30s;"
  echo "      proxy_set_header Host \$host;"
  echo "      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;"
  echo "    }"
  echo "  }"
  echo "}"
} >"$state/nginx/nginx.conf"
nginx -t -q -p "$state/nginx" -c "$state/nginx/nginx.conf"
nginx -p "$state/nginx" -c "$state/nginx/nginx.conf" -g 'daemon off;' >"$state/nginx/stdout.log" 2>&1 &
echo "nginx $!" >>"$state/pids"
echo "NGINX_URL=http://127.0.0.1:$nginx_port" >>"$state/cluster.env"

if [[ $haproxy == 1 ]]; then
  haproxy_port=$(free_port)
  mkdir -p "$state/haproxy"
  {
    echo "defaults"
    echo "  mode http"
    echo "  option forwardfor"
    echo "  timeout connect 1s"
    echo "  timeout client 30s"
    echo "  timeout server 30s"
    # Only a request that never reached an instance is sent to another: a refused connection.
    echo "  retries 2"
    echo "  option redispatch"
    echo "  retry-on conn-failure"
    echo "frontend books"
    echo "  bind 127.0.0.1:$haproxy_port"
    echo "  default_backend books"
    echo "backend books"
    echo "  balance roundrobin"
    # Active health: an instance whose /health/ready fails twice in a row (500 ms apart) gets no new requests,
    # which is what BOOKS_SHUTDOWN_DRAIN (2 s) leaves time for; two good answers bring it back.
    echo "  option httpchk GET /health/ready"
    echo "  http-check expect status 200"
    echo "  default-server inter 500ms fall 2 rise 2"
    # A check's answer may take longer than the interval on a busy machine; without this, the check times out after
    # `inter` (500 ms) and the instance left serving during another's restart can be marked down too.
    echo "  timeout check 2s"
    n=0
    for port in "${ports[@]}"; do
      n=$((n + 1))
      echo "  server books$n 127.0.0.1:$port check"
    done
  } >"$state/haproxy/haproxy.cfg"
  haproxy -c -q -f "$state/haproxy/haproxy.cfg"
  haproxy -db -f "$state/haproxy/haproxy.cfg" >"$state/haproxy/haproxy.log" 2>&1 &
  echo "haproxy $!" >>"$state/pids"
  echo "HAPROXY_URL=http://127.0.0.1:$haproxy_port" >>"$state/cluster.env"
fi

for _ in $(seq 1 50); do
  curl -sf -o /dev/null "http://127.0.0.1:$nginx_port/health/live" && break
  sleep 0.1
done
curl -sf -o /dev/null "http://127.0.0.1:$nginx_port/health/live"
ok=1
elapsed=$(python3 -c "import time; print('%.1f' % (time.time() - $started))")
log "up in ${elapsed} s; state in $state"
echo "  primary:   postgresql://127.0.0.1:$primary_port/books   (15/$primary)"
echo "  standby:   postgresql://127.0.0.1:$standby_port/books   (15/$standby${delay:+, recovery_min_apply_delay $delay})"
[[ -n $bouncer_port ]] && echo "  pgbouncer: postgresql://127.0.0.1:$bouncer_port/books (transaction pooling)"
n=0
for port in "${ports[@]}"; do
  n=$((n + 1))
  echo "  books-$n:   http://127.0.0.1:$port   (log $state/books-$n.log)"
done
echo "  nginx:     http://127.0.0.1:$nginx_port"
[[ $haproxy == 1 ]] && echo "  haproxy:   http://127.0.0.1:$haproxy_port"
if [[ $auth == keys ]]; then
  echo "  auth:      BOOKS_AUTH=keys; writes need X-Api-Key: \$(cat $state/api-key)"
else
  echo "  auth:      BOOKS_AUTH=none"
fi
echo "Tear down: STATE=$state bench/cluster/down.sh"
