#!/usr/bin/env bash
# Usage: bench/auth/keycloak-e2e.sh [--keycloak-only]
#
# Books against a real OpenID Connect provider (issue 9; see bench/auth/README.md). Gets Keycloak's distribution
# from Maven Central (cached in ~/.m2 after the first run), starts it with Temurin 25 on a free port with the realms
# of bench/auth/realm-books.json (`books`, and `other`: the same realm under another name), then runs Books' fat jar
# against a database of its own on the machine's PostgreSQL: first with no authentication configured (it must
# refuse to start), then with BOOKS_AUTH_ISSUER pointing at the realm. Prints one line per check and a total, exits
# non-zero on any failure. Everything it started (Keycloak, Books, the database, the temporary folder) is stopped
# and removed on exit, failure or Ctrl-C.
#
# --keycloak-only: the provider's side alone (discovery, tokens of both clients, audience, roles, `kid`, key
# rotation through the admin REST API); needs neither Books nor PostgreSQL.
#
# Env (defaults in brackets):
#   KEYCLOAK_VERSION [26.5.6]   org.keycloak:keycloak-quarkus-dist:<version>:zip
#   KC_JAVA_HOME [/usr/lib/jvm/temurin-25-jdk-amd64]   Keycloak needs Java 21+
#   KC_CACHE [~/.cache/books-bench/keycloak-<version>-dev]   where the first run keeps Keycloak unpacked and built
#                        for start-dev (no data), which saves later runs Quarkus' build step (10-70 s); 0: none
#   KC_START_WAIT [180]  BOOKS_START_WAIT [90]   seconds to wait for each to answer
#   JAR [bootstrap/target/books.jar]  built with `mvn -B -q package -Dmaven.test.skip=true` if missing
#   JAVA [java]  JAVA_OPTS [-Xmx256m]   for Books (Keycloak keeps its own defaults)
#   PG_HOST [127.0.0.1]  PG_PORT [5432]  PG_USER [postgres]  PG_PASSWORD [postgres]   the server that gets a
#                        throwaway database books_e2e_<pid> (created, then dropped; no other database is touched)
#   KEEP [0]   1 keeps the temporary folder (logs) after a passing run; a failing run keeps it always
set -euo pipefail
shopt -s inherit_errexit

repo=$(cd "$(dirname "$0")/../.." && pwd)
here=$repo/bench/auth
kc_version=${KEYCLOAK_VERSION:-26.5.6}
kc_java_home=${KC_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
kc_wait=${KC_START_WAIT:-180}
books_wait=${BOOKS_START_WAIT:-90}
jar=${JAR:-$repo/bootstrap/target/books.jar}
java=${JAVA:-java}
java_opts=${JAVA_OPTS:--Xmx256m}
pg_host=${PG_HOST:-127.0.0.1}
pg_port=${PG_PORT:-5432}
pg_user=${PG_USER:-postgres}
pg_password=${PG_PASSWORD:-postgres}
kc_cache=${KC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/books-bench/keycloak-$kc_version-dev}
kc_ready=
keycloak_only=0
case "${1:-}" in
  --keycloak-only) keycloak_only=1 ;;
  "") ;;
  *) echo "usage: $0 [--keycloak-only]" >&2; exit 2 ;;
esac

needed=(curl python3 unzip mvn setsid timeout)
((keycloak_only)) || needed+=(psql "$java")
for tool in "${needed[@]}"; do
  command -v "$tool" >/dev/null || { echo "keycloak-e2e: $tool not found" >&2; exit 2; }
done
[[ -x $kc_java_home/bin/java ]] || { echo "keycloak-e2e: no Java at $kc_java_home (KC_JAVA_HOME); Keycloak needs 21+" >&2; exit 2; }

started=$(date +%s)
now() { python3 -c 'import time; print("%.1f" % time.time())'; }
since() { python3 -c "import sys, time; print('%.1f' % (time.time() - float(sys.argv[1])))" "$1"; }
# Below the ephemeral range, so that no outgoing connection takes it before the server binds it (bench/lib).
free_port() { python3 "$repo/bench/lib/free_port.py"; }
secret() { python3 -c 'import secrets; print(secrets.token_urlsafe(24))'; }

work=$(mktemp -d "${TMPDIR:-/tmp}/books-keycloak-e2e.XXXXXX")
kc_pid=
books_pid=
db=books_e2e_$$
db_created=0
passed=0
failed=0

psql_admin() {
  PGPASSWORD=$pg_password psql -X -q -At -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -v ON_ERROR_STOP=1 "$@"
}

stop_books() {
  [[ -n $books_pid ]] || return 0
  if kill -0 "$books_pid" 2>/dev/null; then
    kill -TERM "$books_pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$books_pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$books_pid" 2>/dev/null || true
  fi
  wait "$books_pid" 2>/dev/null || true
  books_pid=
}

# After a run whose Keycloak answered: keep its distribution, built for start-dev, without its data, for the next run
# (copied to a temporary name first and renamed, so that a concurrent or interrupted run never sees half of it).
save_keycloak_build() {
  [[ $kc_cache != 0 && -n $kc_ready && ! -e $kc_cache ]] || return 0
  local tmp=$kc_cache.tmp.$$
  mkdir -p "$(dirname "$kc_cache")" && rm -rf "$tmp" && cp -a "$kc_home" "$tmp" && rm -rf "$tmp/data" &&
    touch "$tmp/.complete" && mv -T "$tmp" "$kc_cache" 2>/dev/null || rm -rf "$tmp"
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_books
  if [[ -n $kc_pid ]]; then
    # kc.sh runs a first JVM (the Quarkus build) as its child, then execs the server: its process group, made by
    # setsid, holds both.
    kill -TERM -- "-$kc_pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$kc_pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$kc_pid" 2>/dev/null || true
    wait "$kc_pid" 2>/dev/null || true
    save_keycloak_build
  fi
  if ((db_created)); then
    psql_admin -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" || echo "keycloak-e2e: could not drop database $db" >&2
  fi
  if [[ $status == 0 && ${KEEP:-0} != 1 ]]; then
    rm -rf "$work"
  else
    echo "Logs kept in $work (keycloak.log, books.log, books-refusal.log)"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- reporting -----------------------------------------------------------------------------------------------

check() { # check NAME OK(0|1) DETAIL
  if [[ $2 == 1 ]]; then
    passed=$((passed + 1))
    printf 'PASS  %-48s %s\n' "$1" "$3"
  else
    failed=$((failed + 1))
    printf 'FAIL  %-48s %s\n' "$1" "$3"
  fi
}

setup_failed() { # also called inside $(...): say it on stderr, where a capture cannot swallow it
  echo "FAIL  setup: $*" >&2
  exit 1
}

# --- small HTTP and JSON helpers ---------------------------------------------------------------------------------

# http METHOD URL [curl args]: status on stdout; headers in $work/h, body in $work/b.
http() {
  local method=$1 url=$2
  shift 2
  curl -s -o "$work/b" -D "$work/h" -w '%{http_code}' --max-time 20 -X "$method" "$@" "$url" || true # 000: no answer
}

header() { # header NAME: the last response's header value (empty when absent)
  grep -i "^$1:" "$work/h" | tail -1 | cut -d: -f2- | sed -e 's/^ *//' -e 's/\r$//' || true
}

# json FILE PATH: the value at a dotted path ("" when absent); lists printed space-separated.
json() {
  python3 - "$1" "$2" <<'PY'
import json, sys
try:
    value = json.load(open(sys.argv[1]))
except ValueError:
    sys.exit(0)
for part in sys.argv[2].split("."):
    value = value.get(part) if isinstance(value, dict) else None
if isinstance(value, list):
    print(" ".join(str(v) for v in value))
elif value is not None:
    print(value)
PY
}

# jwt TOKEN header|payload: the decoded JSON part, in a file whose name is printed.
jwt() {
  local out=$work/jwt-$2.json
  python3 - "$1" "$2" >"$out" <<'PY'
import base64, sys
part = sys.argv[1].split(".")[0 if sys.argv[2] == "header" else 1]
sys.stdout.write(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)).decode())
PY
  echo "$out"
}

# token REALM CLIENT SECRET: an access token by client credentials (fails the run when none comes).
token() {
  local status
  status=$(curl -s -o "$work/token.json" -w '%{http_code}' --max-time 20 -u "$2:$3" \
    -d grant_type=client_credentials "$kc/realms/$1/protocol/openid-connect/token" || true)
  [[ $status == 200 ]] || setup_failed "no token for $2 in realm $1 (HTTP $status: $(head -c 300 "$work/token.json"))"
  local value
  value=$(json "$work/token.json" access_token)
  echo "$value" >>"$work/secrets"
  echo "$value"
}

jwks_kids() { curl -s --max-time 20 "$kc/realms/$1/protocol/openid-connect/certs" | python3 -c '
import json, sys
print(" ".join(k["kid"] for k in json.load(sys.stdin)["keys"] if k.get("use", "sig") == "sig"))'; }

admin_token() {
  curl -s --max-time 20 -d grant_type=password -d client_id=admin-cli -d username=admin \
    --data-urlencode "password=$kc_admin_password" "$kc/realms/master/protocol/openid-connect/token" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])'
}

# rotate_keys: a new RSA key provider with a higher priority than the realm's generated one, which becomes passive
# (still published, so tokens it signed stay verifiable, but no longer signing). Prints the old and new kid.
rotate_keys() {
  local admin realm_id old_component
  admin=$(admin_token)
  realm_id=$(curl -s --max-time 20 -H "Authorization: Bearer $admin" "$kc/admin/realms/books" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
  old_component=$(curl -s --max-time 20 -H "Authorization: Bearer $admin" \
    "$kc/admin/realms/books/components?type=org.keycloak.keys.KeyProvider&name=rsa-generated" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["id"])')
  local status
  status=$(curl -s -o "$work/b" -w '%{http_code}' --max-time 20 -H "Authorization: Bearer $admin" \
    -H 'Content-Type: application/json' "$kc/admin/realms/books/components" --data @- <<JSON
{"name": "rsa-rotated", "providerId": "rsa-generated", "providerType": "org.keycloak.keys.KeyProvider",
 "parentId": "$realm_id", "config": {"priority": ["200"], "keySize": ["2048"], "algorithm": ["RS256"]}}
JSON
  )
  [[ $status == 201 ]] || setup_failed "adding a key provider: HTTP $status $(head -c 300 "$work/b")"
  curl -s --max-time 20 -H "Authorization: Bearer $admin" "$kc/admin/realms/books/components/$old_component" |
    python3 -c 'import json, sys; c = json.load(sys.stdin); c["config"]["active"] = ["false"]; print(json.dumps(c))' \
      >"$work/old-key.json"
  status=$(curl -s -o "$work/b" -w '%{http_code}' --max-time 20 -X PUT -H "Authorization: Bearer $admin" \
    -H 'Content-Type: application/json' --data @"$work/old-key.json" \
    "$kc/admin/realms/books/components/$old_component")
  [[ $status == 204 ]] || setup_failed "making the old key passive: HTTP $status $(head -c 300 "$work/b")"
  curl -s --max-time 20 -H "Authorization: Bearer $admin" "$kc/admin/realms/books/keys" | python3 -c '
import json, sys
keys = json.load(sys.stdin)["keys"]
rs = [k for k in keys if k["algorithm"] == "RS256"]
print(" ".join(k["kid"] + ":" + k["status"] for k in rs))'
}

# --- Keycloak ------------------------------------------------------------------------------------------------------

t0=$(now)
kc_home=$work/keycloak-$kc_version
if [[ $kc_cache != 0 && -f $kc_cache/.complete ]]; then
  # A distribution unpacked and built for start-dev by an earlier run (no data in it): saves Quarkus' build step.
  cp -a "$kc_cache" "$kc_home"
  rm -f "$kc_home/.complete"
  kc_source="the cached build $kc_cache"
else
  zip=$work/keycloak-quarkus-dist-$kc_version.zip
  (cd "$work" && mvn -B -q dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$kc_version:zip" \
    -DoutputDirectory="$work" >"$work/mvn.log" 2>&1) ||
    { cat "$work/mvn.log" >&2; setup_failed "could not get Keycloak $kc_version from Maven"; }
  unzip -q "$zip" -d "$work"
  rm -f "$zip"
  kc_source="the zip from Maven"
fi
fetched=$(since "$t0")

mkdir -p "$kc_home/data/import"
cp "$here/realm-books.json" "$kc_home/data/import/books.json"
# `other`: the same realm (same clients, same secrets) under another name, so that its tokens differ from `books`'
# only by their issuer and signing keys.
python3 - "$here/realm-books.json" "$kc_home/data/import/other.json" <<'PY'
import json, sys
realm = json.load(open(sys.argv[1]))
realm["realm"] = "other"
json.dump(realm, open(sys.argv[2], "w"), indent=1)
PY

kc_port=$(free_port)
kc=http://127.0.0.1:$kc_port
importer_secret=$(secret)
reader_secret=$(secret)
kc_admin_password=$(secret)
t0=$(now)
# The realm files read the client secrets from these variables (Keycloak resolves ${VAR} placeholders on import).
# (kc.sh reads JAVA and JAVA_OPTS too: those of the caller are Books', not Keycloak's.)
setsid env -u JAVA -u JAVA_OPTS -u JAVA_OPTS_APPEND JAVA_HOME="$kc_java_home" \
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD="$kc_admin_password" \
  BOOKS_E2E_IMPORTER_SECRET="$importer_secret" BOOKS_E2E_READER_SECRET="$reader_secret" \
  "$kc_home/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port="$kc_port" --import-realm \
  >"$work/keycloak.log" 2>&1 </dev/null &
kc_pid=$!

# While Keycloak starts: Books' first start, which must be refused (an external database, no authentication).
if ((!keycloak_only)); then
  if [[ ! -f $jar ]]; then
    echo "Building $jar (mvn -B -q package -Dmaven.test.skip=true)"
    (cd "$repo" && mvn -B -q package -Dmaven.test.skip=true)
  fi
  psql_admin -c 'SELECT 1' >/dev/null 2>"$work/psql.log" ||
    setup_failed "PostgreSQL on $pg_host:$pg_port does not answer as $pg_user: $(head -c 200 "$work/psql.log")"
  psql_admin -c "CREATE DATABASE $db TEMPLATE template0 ENCODING 'UTF8'"
  db_created=1
  books_env=(PATH="$PATH" HOME="$HOME" LANG=C.UTF-8
    BOOKS_DATA_DIR="$work/books-data"
    BOOKS_DB_URL="jdbc:postgresql://$pg_host:$pg_port/$db" BOOKS_DB_USER="$pg_user" BOOKS_DB_PASSWORD="$pg_password")

  t1=$(now)
  refusal=0
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of flags
  env -i "${books_env[@]}" BOOKS_HTTP_PORT="$(free_port)" \
    timeout 60 "$java" $java_opts -jar "$jar" >"$work/books-refusal.log" 2>&1 || refusal=$?
  took=$(since "$t1")
  line=$(grep -m1 'BOOKS_AUTH' "$work/books-refusal.log" | cut -c1-220 || true)
  traces=$(grep -cE '^\s+at |^Caused by|Exception in thread' "$work/books-refusal.log" || true)
  tables=$(PGPASSWORD=$pg_password psql -X -q -At -h "$pg_host" -p "$pg_port" -U "$pg_user" -d "$db" \
    -c "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
  ok=0
  [[ $refusal != 0 && $refusal != 124 && -n $line && $traces == 0 ]] && ok=1
  check "refuses to start: external DB, no auth" $ok \
    "exit $refusal in ${took} s, $traces stack-trace lines, $tables tables created: \"$line\""
fi

ready=0
deadline=$(($(date +%s) + kc_wait))
while (($(date +%s) < deadline)); do
  kill -0 "$kc_pid" 2>/dev/null || { tail -30 "$work/keycloak.log" >&2; setup_failed "Keycloak exited during start"; }
  if curl -sf --max-time 2 -o "$work/discovery.json" "$kc/realms/books/.well-known/openid-configuration"; then
    ready=1
    break
  fi
  sleep 0.5
done
((ready)) || { tail -30 "$work/keycloak.log" >&2; setup_failed "Keycloak did not answer within $kc_wait s"; }
kc_ready=$(since "$t0")
echo "Keycloak $kc_version on $kc (pid $kc_pid): $kc_source in place in ${fetched} s, discovery answered ${kc_ready} s after start"

# --- the provider's side ----------------------------------------------------------------------------------------

issuer=$kc/realms/books
ok=0
[[ $(json "$work/discovery.json" issuer) == "$issuer" && -n $(json "$work/discovery.json" jwks_uri) ]] && ok=1
check "keycloak: discovery document" $ok "issuer $(json "$work/discovery.json" issuer), jwks_uri $(json "$work/discovery.json" jwks_uri)"

: >"$work/secrets"
importer=$(token books books-importer "$importer_secret")
reader=$(token books books-reader "$reader_secret")
stranger=$(token other books-importer "$importer_secret")
books_kids=$(jwks_kids books)

h=$(jwt "$importer" header)
p=$(jwt "$importer" payload)
importer_kid=$(json "$h" kid)
importer_sub=$(json "$p" sub)
roles=$(json "$p" realm_access.roles)
ok=0
[[ $(json "$h" alg) == RS256 && -n $importer_kid && " $books_kids " == *" $importer_kid "* &&
  " $(json "$p" aud) " == *" books-api "* && " $roles " == *" books:write "* && " $roles " == *" books:read "* &&
  -n $importer_sub ]] && ok=1
check "keycloak: importer token" $ok "alg $(json "$h" alg), kid ${importer_kid:0:12}… (in JWKS), aud [$(json "$p" aud)], roles [$roles], sub $importer_sub"

p=$(jwt "$reader" payload)
roles=$(json "$p" realm_access.roles)
ok=0
[[ " $(json "$p" aud) " == *" books-api "* && " $roles " == *" books:read "* && " $roles " != *" books:write "* ]] && ok=1
check "keycloak: reader token" $ok "aud [$(json "$p" aud)], roles [$roles]"

h=$(jwt "$stranger" header)
p=$(jwt "$stranger" payload)
ok=0
[[ $(json "$p" iss) == "$kc/realms/other" && " $books_kids " != *" $(json "$h" kid) "* ]] && ok=1
check "keycloak: token of realm other" $ok "iss $(json "$p" iss), kid $(json "$h" kid | cut -c1-12)… (not in books' JWKS)"

rotate_and_check() {
  local keys
  keys=$(rotate_keys)
  rotated=$(token books books-importer "$importer_secret")
  rotated_kid=$(json "$(jwt "$rotated" header)" kid)
  local kids_after
  kids_after=$(jwks_kids books)
  local ok=0
  [[ -n $rotated_kid && $rotated_kid != "$importer_kid" && " $kids_after " == *" $rotated_kid "* &&
    " $kids_after " == *" $importer_kid "* && $keys == *"$importer_kid:PASSIVE"* ]] && ok=1
  check "keycloak: key rotation (admin REST API)" $ok \
    "new kid ${rotated_kid:0:12}… signs, old ${importer_kid:0:12}… passive; JWKS now [$(echo "$kids_after" | sed -E 's/([^ ]{12})[^ ]*/\1…/g')]"
}

if ((keycloak_only)); then
  rotate_and_check
  echo "keycloak-e2e (Keycloak only): $passed passed, $failed failed, in $(($(date +%s) - started)) s"
  ((failed == 0))
  exit
fi

# --- Books ----------------------------------------------------------------------------------------------------------

books_port=$(free_port)
b=http://127.0.0.1:$books_port
t1=$(now)
# shellcheck disable=SC2086 # JAVA_OPTS is a list of flags
env -i "${books_env[@]}" BOOKS_HTTP_PORT="$books_port" \
  BOOKS_AUTH_ISSUER="$issuer" BOOKS_AUTH_AUDIENCE=books-api BOOKS_AUTH_SCOPES_CLAIM=realm_access.roles \
  "$java" $java_opts -jar "$jar" >"$work/books.log" 2>&1 </dev/null &
books_pid=$!
ready=0
deadline=$(($(date +%s) + books_wait))
while (($(date +%s) < deadline)); do
  kill -0 "$books_pid" 2>/dev/null || { tail -30 "$work/books.log" >&2; setup_failed "Books exited during start"; }
  if curl -sf --max-time 2 -o /dev/null "$b/health/ready"; then
    ready=1
    break
  fi
  sleep 0.5
done
((ready)) || { tail -30 "$work/books.log" >&2; setup_failed "Books was not ready within $books_wait s"; }
books_ready=$(since "$t1")
check "starts with BOOKS_AUTH_ISSUER (Keycloak realm)" 1 "ready in ${books_ready} s on $b"

book() { printf '{"title":"%s","author":"Keycloak E2E","category":"Tests"}' "$1"; }
json_body=(-H 'Content-Type: application/json')

# No credentials at all: 401, a challenge without an error code (RFC 6750 3.1), a problem body.
status=$(http POST "$b/books" "${json_body[@]}" -d "$(book 'No token')")
challenge=$(header WWW-Authenticate)
ok=0
[[ $status == 401 && $challenge == Bearer* && $challenge == *'realm="books"'* && $challenge != *error=* &&
  $(header Content-Type) == application/problem+json* ]] && ok=1
check "POST without a token -> 401" $ok "$status, WWW-Authenticate: $challenge"

status=$(http POST "$b/books" "${json_body[@]}" -H "Authorization: Bearer $reader" -d "$(book 'Reader')")
challenge=$(header WWW-Authenticate)
ok=0
[[ $status == 403 && $challenge == Bearer* && $challenge == *'error="insufficient_scope"'* &&
  $(header Content-Type) == application/problem+json* ]] && ok=1
check "POST with the reader's token -> 403" $ok "$status, WWW-Authenticate: $challenge"

status=$(http GET "$b/books?limit=1" -H "Authorization: Bearer $reader")
check "GET /books with the reader's token -> 200" "$([[ $status == 200 ]] && echo 1 || echo 0)" "$status"

status=$(http POST "$b/books" "${json_body[@]}" -H "Authorization: Bearer $importer" -d "$(book 'Importer')")
book_id=$(json "$work/b" id)
created_by=$(json "$work/b" createdBy)
status_get=$(http GET "$b/books/$book_id")
created_by_get=$(json "$work/b" createdBy)
ok=0
[[ $status == 201 && $created_by == "jwt:$importer_sub" && $created_by_get == "$created_by" ]] && ok=1
check "POST with the importer's token -> 201, createdBy" $ok "$status, createdBy $created_by (GET $status_get: $created_by_get)"

sleep 0.3 # the access line is written when the response completes
line=$(grep -E "method=POST .*status=201" "$work/books.log" | grep -E "principal=\"?jwt:$importer_sub" | head -1 || true)
check "access log names the principal" "$([[ -n $line ]] && echo 1 || echo 0)" "${line:-no POST 201 line with principal=jwt:$importer_sub}"

status=$(http DELETE "$b/books/$book_id" -H "Authorization: Bearer $importer")
challenge=$(header WWW-Authenticate)
ok=0
[[ $status == 403 && $challenge == *'error="insufficient_scope"'* ]] && ok=1
check "DELETE with the importer's token -> 403" $ok "$status (no books:delete role), WWW-Authenticate: $challenge"

status=$(http GET "$b/metrics")
status_admin=$(http GET "$b/metrics" -H "Authorization: Bearer $importer")
status_health=$(http GET "$b/health/ready")
ok=0
[[ $status == 401 && $status_admin == 403 && $status_health == 200 ]] && ok=1
check "/metrics needs books:admin, health stays open" $ok "/metrics: $status without a token, $status_admin with the importer's; /health/ready: $status_health"

# Rotation: Books has the old key cached; the first token signed with the new key carries an unknown kid, which
# must make Books fetch the JWKS again (before any other unknown kid uses up its refetch budget).
rotate_and_check
status=$(http POST "$b/books" "${json_body[@]}" -H "Authorization: Bearer $rotated" -d "$(book 'After rotation')")
check "token signed by the new key -> 201" "$([[ $status == 201 ]] && echo 1 || echo 0)" \
  "$status (kid ${rotated_kid:0:12}… unknown to Books until it fetched the JWKS again)"

status=$(http POST "$b/books" "${json_body[@]}" -H "Authorization: Bearer $importer" -d "$(book 'Old key, passive')")
check "token signed by the old, passive key -> 201" "$([[ $status == 201 ]] && echo 1 || echo 0)" \
  "$status (kid ${importer_kid:0:12}…, still published)"

status=$(http POST "$b/books" "${json_body[@]}" -H "Authorization: Bearer $stranger" -d "$(book 'Other realm')")
challenge=$(header WWW-Authenticate)
ok=0
[[ $status == 401 && $challenge == *'error="invalid_token"'* ]] && ok=1
check "token from realm other -> 401" $ok "$status, WWW-Authenticate: $challenge"

# The importer's token with the books:delete role added to its payload; header and signature untouched.
tampered=$(python3 - "$rotated" <<'PY'
import base64, json, sys
header, payload, signature = sys.argv[1].split(".")
claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
claims["realm_access"]["roles"].append("books:delete")
encoded = base64.urlsafe_b64encode(json.dumps(claims, separators=(",", ":")).encode()).decode().rstrip("=")
print(header + "." + encoded + "." + signature)
PY
)
echo "$tampered" >>"$work/secrets"
status=$(http DELETE "$b/books/$book_id" -H "Authorization: Bearer $tampered")
challenge=$(header WWW-Authenticate)
ok=0
[[ $status == 401 && $challenge == *'error="invalid_token"'* ]] && ok=1
check "tampered token (role added) -> 401" $ok "$status, WWW-Authenticate: $challenge"

# API keys, managed with the CLI against the same database.
key_name=e2e-importer
# shellcheck disable=SC2086 # JAVA_OPTS is a list of flags
env -i "${books_env[@]}" BOOKS_AUTH_ISSUER="$issuer" BOOKS_AUTH_AUDIENCE=books-api \
  BOOKS_AUTH_SCOPES_CLAIM=realm_access.roles \
  timeout 60 "$java" $java_opts -jar "$jar" keys create --name "$key_name" --scopes books:write \
  >"$work/keys-create.log" 2>&1 || true
api_key=$(grep -oE 'books_[A-Za-z0-9_-]{16,}' "$work/keys-create.log" | head -1 || true)
[[ -n $api_key ]] && echo "$api_key" >>"$work/secrets"
status=$(http POST "$b/books" "${json_body[@]}" -H "X-Api-Key: $api_key" -d "$(book 'API key')")
key_book=$(json "$work/b" id)
key_created_by=$(json "$work/b" createdBy)
status_patch=$(http PATCH "$b/books/$key_book" -H 'Content-Type: application/merge-patch+json' \
  -H "Authorization: Bearer $api_key" -d '{"publishedYear":2026}')
key_updated_by=$(json "$work/b" updatedBy)
ok=0
[[ -n $api_key && $status == 201 && $key_created_by == "key:$key_name" && $status_patch == 200 &&
  $key_updated_by == "key:$key_name" ]] && ok=1
created="a books_… key" # never the key itself
[[ -n $api_key ]] || created="no books_… key in its output: $(head -c 200 "$work/keys-create.log")"
check "API key from the CLI -> 201, 200" $ok \
  "keys create: $created; POST (X-Api-Key) $status createdBy $key_created_by; PATCH (Bearer) $status_patch updatedBy $key_updated_by"

# shellcheck disable=SC2086 # JAVA_OPTS is a list of flags
env -i "${books_env[@]}" BOOKS_AUTH_ISSUER="$issuer" BOOKS_AUTH_AUDIENCE=books-api \
  BOOKS_AUTH_SCOPES_CLAIM=realm_access.roles \
  timeout 60 "$java" $java_opts -jar "$jar" keys revoke "$key_name" >"$work/keys-revoke.log" 2>&1 || true
t1=$(now)
status=000
for attempt in $(seq 1 60); do
  status=$(http POST "$b/books" "${json_body[@]}" -H "X-Api-Key: $api_key" -d "$(book "Revoked key $attempt")")
  [[ $status == 401 ]] && break
  sleep 0.5
done
check "revoked API key -> 401" "$([[ $status == 401 ]] && echo 1 || echo 0)" "$status, $(since "$t1") s after keys revoke returned"

# Nothing secret in Books' log: no token (whole, or its signature) and no API key.
sort -u "$work/secrets" | grep -v '^$' >"$work/secrets.sorted"
python3 - "$work/secrets.sorted" >>"$work/secrets.sorted" <<'PY'
import sys
for line in open(sys.argv[1]).read().split():
    if line.count(".") == 2:
        print(line.split(".")[2])
PY
# (keys create prints the new key once, by design: its output is not a log.)
found=$({ grep -c -F -f "$work/secrets.sorted" "$work/books.log" "$work/keys-revoke.log" || true; } |
  awk -F: '{s += $2} END {print s + 0}')
tokens=$(grep -c '\.' "$work/secrets.sorted" || true)
check "no token or key in Books' logs" "$([[ $found == 0 ]] && echo 1 || echo 0)" \
  "$found lines of $(wc -l <"$work/books.log") contain one of $tokens tokens (or their signatures) or the API key"

stop_books
echo "keycloak-e2e: $passed passed, $failed failed, in $(($(date +%s) - started)) s (Keycloak fetched ${fetched} s, ready ${kc_ready} s; Books ready ${books_ready} s)"
((failed == 0))
