#!/usr/bin/env python3
"""The scale-out tests of issue 10, against the cluster bench/cluster/up.sh built (docs/scaling.md).

Every test talks HTTP to real Books processes (through nginx, or to one instance directly) over a real PostgreSQL
primary and hot standby, and prints key=value figures. Subcommands:

  ryw             read-your-writes: create->get, patch->get, delete->get, create->list by exact title, N times each
                  from fresh connections through nginx, with the standby delayed (recovery_min_apply_delay) and
                  without; plain clients and clients that send the consistency token back. Zero stale answers.
  replica-outage  the same flows while the standby is stopped, then started again: zero 5xx, zero stale, reads back
                  on the replica afterwards, one WARN per instance per change of the replica's state.
  rolling         a rolling restart (SIGTERM, drain, start) of every instance in turn under load through the
                  balancer: zero failed requests.
  failover        the primary stopped and the standby promoted while a writer loops: writes resume within 5 s of the
                  promotion, only 503 in between, no acknowledged write lost.
  contract        two instances as one service: every endpoint through the balancer, and what must hold across
                  instances (an idempotency key, a cursor, an entity tag, a token used on the other instance).
  pgbouncer       Books through PgBouncer in transaction mode (up.sh --pgbouncer): the flows and a concurrent load,
                  then an instance without prepareThreshold=0 to show what it breaks and that Books says why.
  revocation      an API key revoked with `books.jar keys revoke` while both instances are using it: each refuses it
                  within seconds (ApiKeys' 5 s cache), and keeps refusing it; other keys are unaffected.

With up.sh's default (BOOKS_AUTH=keys) every request carries the cluster's API key (X-Api-Key, every scope) unless a
test sends it without on purpose.

Exit status 1 when a check fails. Standard library only (Python 3.9+); PostgreSQL is reached with the wire-protocol
client of bench/faults/faults.py.
"""

import argparse
import http.client
import json
import os
import random
import re
import subprocess
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "faults"))
from faults import PgSession  # noqa: E402  (the suite's own minimal PostgreSQL client)
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from free_port import free_ports  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
TOKEN = "Books-Consistency-Token"
API_KEY = "X-Api-Key"
# The credentials every request carries unless its client is made with others (none for anonymous requests): the
# cluster's key when up.sh made one.
CREDENTIALS = {}


# ---------------------------------------------------------------------------------------------------------------
# The cluster
# ---------------------------------------------------------------------------------------------------------------


class Cluster:
    """What up.sh recorded in $STATE/cluster.env, and the means to act on it."""

    def __init__(self, state):
        self.state = state
        self.env = {}
        with open(os.path.join(state, "cluster.env")) as f:
            for line in f:
                if "=" in line:
                    key, value = line.rstrip("\n").split("=", 1)
                    self.env[key] = value.strip('"')
        self.nginx = self.env["NGINX_URL"]
        self.haproxy = self.env.get("HAPROXY_URL")
        self.ports = [int(p) for p in self.env["BOOKS_PORTS"].split()]
        self.instances = ["http://127.0.0.1:%d" % p for p in self.ports]
        self.auth = self.env.get("AUTH", "none")
        if self.env.get("API_KEY_FILE"):
            with open(self.env["API_KEY_FILE"]) as f:
                CREDENTIALS[API_KEY] = f.read().strip()

    def new_port(self):
        """A port for one more instance: free, below the ephemeral range, none up.sh has handed out ($STATE/ports)."""
        path = os.path.join(self.state, "ports")
        with open(path) as f:
            taken = {int(line) for line in f if line.strip()}
        port = free_ports(1, taken)[0]
        with open(path, "a") as f:
            f.write("%d\n" % port)
        return port

    def books_jar(self, *arguments):
        """Runs a one-shot command of books.jar against the primary (e.g. keys create): (exit status, stdout, stderr)."""
        env = dict(os.environ, BOOKS_DB_URL="jdbc:postgresql://127.0.0.1:%s/books" % self.env["PRIMARY_PORT"],
                   BOOKS_DB_USER="postgres", BOOKS_DB_PASSWORD="cluster")
        done = subprocess.run([self.env["JAVA"]] + self.env["JAVA_OPTS"].split()
                              + ["-XX:TieredStopAtLevel=1", "-jar", self.env["JAR"]]
                              + list(arguments), env=env, capture_output=True, text=True, timeout=120)
        return done.returncode, done.stdout, done.stderr

    def pg(self, which, sql):
        port = int(self.env["PRIMARY_PORT" if which == "primary" else "STANDBY_PORT"])
        session = PgSession("127.0.0.1", port, "postgres", "books", 5)
        try:
            return session.query(sql, timeout=10)
        finally:
            session.close()

    def pg_ctl(self, which, action, *extra):
        cluster = self.env["PRIMARY_CLUSTER" if which == "primary" else "STANDBY_CLUSTER"]
        started = time.monotonic()
        subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", "15", cluster, action] + list(extra),
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        return time.monotonic() - started

    def set_apply_delay(self, delay):
        self.pg("standby", "ALTER SYSTEM SET recovery_min_apply_delay = '%s'" % delay)
        self.pg("standby", "SELECT pg_reload_conf()")
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            if self.pg("standby", "SHOW recovery_min_apply_delay")[0][0] == (delay if delay != "0" else "0"):
                return
            time.sleep(0.05)
        raise RuntimeError("the standby did not take recovery_min_apply_delay = %s" % delay)

    def instance(self, action, n):
        started = time.monotonic()
        subprocess.run([os.path.join(HERE, "instance.sh"), action, str(n)], check=True,
                       env=dict(os.environ, STATE=self.state))
        return time.monotonic() - started

    def log(self, n):
        with open(os.path.join(self.state, "books-%d.log" % n), errors="replace") as f:
            return f.read()

    def metrics(self):
        """Books' read metrics summed over the instances: {(name, labels): value}."""
        total = {}
        for base in self.instances:
            status, _, body = request("GET", base + "/metrics")
            if status != 200:
                continue
            for line in body.decode().splitlines():
                m = re.match(r'^(books_db_[a-z_]+)\{([^}]*)\} ([0-9.eE+-]+)$', line)
                if m:
                    labels = ",".join(sorted(l for l in m.group(2).split(",") if not l.startswith("application=")))
                    key = (m.group(1), labels)
                    total[key] = total.get(key, 0) + float(m.group(3))
        return total

    def readiness(self, base):
        status, _, body = request("GET", base + "/health/ready")
        try:
            return status, json.loads(body).get("checks", {})
        except ValueError:
            return status, {}


def delta(before, after):
    keys = sorted(set(before) | set(after))
    return {k: after.get(k, 0) - before.get(k, 0) for k in keys if after.get(k, 0) - before.get(k, 0)}


def describe_reads(d):
    parts = []
    for (name, labels), value in sorted(d.items()):
        if name in ("books_db_reads_total", "books_db_fences_total", "books_db_fence_fetches_total"):
            short = name.replace("books_db_", "").replace("_total", "")
            parts.append("%s{%s}=%d" % (short, labels.replace('"', ""), value))
    return " ".join(parts)


# ---------------------------------------------------------------------------------------------------------------
# HTTP
# ---------------------------------------------------------------------------------------------------------------


class Client:
    """HTTP/1.1 to one base URL: a fresh connection per request, or one kept alive (reopened after a failure)."""

    def __init__(self, base, keep_alive=False, timeout=30, credentials=None, source=None):
        parsed = urllib.parse.urlparse(base)
        self.host, self.port = parsed.hostname, parsed.port
        # Another loopback address (127.0.0.2...) is another client to Books' per-address budgets.
        self.source = (source, 0) if source else None
        self.keep_alive = keep_alive
        self.timeout = timeout
        self.credentials = CREDENTIALS if credentials is None else credentials
        self.connection = None

    def send(self, method, path, body=None, headers=None):
        given, headers = headers, dict(self.credentials)
        headers.update(given or {})
        data = None
        if body is not None:
            data = json.dumps(body).encode() if not isinstance(body, bytes) else body
            headers.setdefault("Content-Type", "application/merge-patch+json" if method == "PATCH"
                               else "application/json")
        if not self.keep_alive:
            headers["Connection"] = "close"
        for attempt in (1, 2):
            fresh = self.connection is None
            if fresh:
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout,
                                                             source_address=self.source)
            try:
                self.connection.request(method, path, body=data, headers=headers)
                response = self.connection.getresponse()
                payload = response.read()
                result = (response.status, {k.lower(): v for k, v in response.getheaders()}, payload)
                if not self.keep_alive or response.getheader("Connection", "").lower() == "close":
                    self.close()
                return result
            except (OSError, http.client.HTTPException) as e:
                self.close()
                # A kept-alive connection the server closed while idle is not a failure of this request: one retry
                # on a fresh connection, as every HTTP client does. A fresh connection that fails is a failure.
                if fresh or attempt == 2:
                    return 0, {}, repr(e).encode()
        return 0, {}, b"unreachable"

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def request(method, url, body=None, headers=None, timeout=30):
    parsed = urllib.parse.urlparse(url)
    path = parsed.path + ("?" + parsed.query if parsed.query else "")
    return Client("%s://%s" % (parsed.scheme, parsed.netloc), timeout=timeout).send(method, path, body, headers)


def tag():
    return "%08x" % random.SystemRandom().randrange(16 ** 8)


def new_book(run):
    return {"title": "Scale %s %s" % (run, tag()), "author": "Ada Cluster"}


# ---------------------------------------------------------------------------------------------------------------
# The read-your-writes flows
# ---------------------------------------------------------------------------------------------------------------


class Tally:
    """Outcomes of flows and requests, shared by threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.counts = {}
        self.statuses = {}
        self.failures = []

    def add(self, key, n=1):
        with self.lock:
            self.counts[key] = self.counts.get(key, 0) + n

    def status(self, op, status):
        with self.lock:
            self.statuses[(op, status)] = self.statuses.get((op, status), 0) + 1

    def fail(self, text):
        with self.lock:
            if len(self.failures) < 20:
                self.failures.append(text)
            self.counts["failures"] = self.counts.get("failures", 0) + 1

    def get(self, key):
        return self.counts.get(key, 0)

    def server_errors(self):
        return sum(n for (op, s), n in self.statuses.items() if s >= 500 or s == 0)

    def histogram(self):
        by_status = {}
        for (op, s), n in self.statuses.items():
            by_status[s] = by_status.get(s, 0) + n
        return "[" + " ".join("%s:%d" % (s, n) for s, n in sorted(by_status.items())) + "]"


class Flows:
    """The four flows of the issue; each write and its read on a fresh connection through the balancer."""

    def __init__(self, base, tally, run, use_token=False, standby_probe=None):
        self.base = base
        self.tally = tally
        self.run = run
        self.use_token = use_token
        self.standby_probe = standby_probe

    def call(self, op, method, path, body=None, headers=None):
        status, hdrs, payload = Client(self.base).send(method, path, body, headers)
        self.tally.status(op, status)
        return status, hdrs, payload

    def read_headers(self, write_headers):
        token = write_headers.get(TOKEN.lower())
        if self.use_token:
            if token is None:
                self.tally.fail("a write was answered without %s" % TOKEN)
                return {}
            return {TOKEN: token}
        return {}

    def create(self):
        book = new_book(self.run)
        status, headers, payload = self.call("create", "POST", "/books", book)
        if status != 201:
            if status >= 500 or status == 0:
                return None
            self.tally.fail("create answered %d: %s" % (status, payload[:200]))
            return None
        return book, headers, json.loads(payload)

    def standby_has(self, book_id):
        """Whether the standby alone (no fence) would show the book now: the control that lag is real."""
        if self.standby_probe is None:
            return None
        try:
            return bool(self.standby_probe("SELECT 1 FROM books WHERE id = '%s'" % book_id))
        except Exception:  # noqa: BLE001  (the standby may be down in the outage test)
            return None

    def create_then_get(self):
        made = self.create()
        if made is None:
            return
        book, headers, body = made
        naive = self.standby_has(body["id"])
        status, _, payload = self.call("get", "GET", "/books/" + body["id"], headers=self.read_headers(headers))
        self.tally.add("create->get")
        if naive is False:
            self.tally.add("standby-alone-stale")
        if status >= 500 or status == 0:
            return
        if status != 200 or json.loads(payload)["version"] != 1:
            self.tally.add("stale")
            self.tally.fail("create->get: %d for the book just created (%s)" % (status, body["id"]))

    def patch_then_get(self):
        made = self.create()
        if made is None:
            return
        _, _, body = made
        year = random.randrange(1900, 2020)
        status, headers, payload = self.call("patch", "PATCH", "/books/" + body["id"], {"publishedYear": year})
        if status != 200:
            if status < 500 and status != 0:
                self.tally.fail("patch answered %d: %s" % (status, payload[:200]))
            return
        status, _, payload = self.call("get", "GET", "/books/" + body["id"], headers=self.read_headers(headers))
        self.tally.add("patch->get")
        if status >= 500 or status == 0:
            return
        got = json.loads(payload) if status == 200 else {}
        if status != 200 or got.get("version") != 2 or got.get("publishedYear") != year:
            self.tally.add("stale")
            self.tally.fail("patch->get: %d version %s year %s, wanted version 2 year %d"
                            % (status, got.get("version"), got.get("publishedYear"), year))

    def delete_then_get(self):
        made = self.create()
        if made is None:
            return
        _, _, body = made
        status, headers, payload = self.call("delete", "DELETE", "/books/" + body["id"])
        if status != 204:
            if status < 500 and status != 0:
                self.tally.fail("delete answered %d: %s" % (status, payload[:200]))
            return
        status, _, _ = self.call("get", "GET", "/books/" + body["id"], headers=self.read_headers(headers))
        self.tally.add("delete->get")
        if status >= 500 or status == 0:
            return
        if status != 404:
            self.tally.add("stale")
            self.tally.fail("delete->get: %d for the book just deleted (%s)" % (status, body["id"]))

    def create_then_list(self):
        made = self.create()
        if made is None:
            return
        book, headers, body = made
        query = urllib.parse.urlencode({"title": book["title"].upper()})
        status, _, payload = self.call("list", "GET", "/books?" + query, headers=self.read_headers(headers))
        self.tally.add("create->list")
        if status >= 500 or status == 0:
            return
        ids = [item["id"] for item in json.loads(payload)["items"]] if status == 200 else []
        if ids != [body["id"]]:
            self.tally.add("stale")
            self.tally.fail("create->list: %d %s for the title just created" % (status, ids))

    def all(self):
        return [self.create_then_get, self.patch_then_get, self.delete_then_get, self.create_then_list]


def run_flows(flows, each, threads=1):
    """Runs every flow `each` times, spread over `threads` threads."""
    work = [flow for flow in flows.all() for _ in range(each)]
    random.shuffle(work)
    lock = threading.Lock()

    def worker():
        while True:
            with lock:
                if not work:
                    return
                flow = work.pop()
            flow()

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()


def flows_line(name, tally, started, extra=""):
    return ("%-28s create->get=%d patch->get=%d delete->get=%d create->list=%d stale=%d 5xx=%d requests=%s %.1fs%s"
            % (name, tally.get("create->get"), tally.get("patch->get"), tally.get("delete->get"),
               tally.get("create->list"), tally.get("stale"), tally.server_errors(), tally.histogram(),
               time.monotonic() - started, extra))


# ---------------------------------------------------------------------------------------------------------------
# Tests
# ---------------------------------------------------------------------------------------------------------------


def test_ryw(cluster, args):
    failed = False
    phases = [("delay %s, plain" % args.delay, args.delay, False, args.n),
              ("delay %s, token" % args.delay, args.delay, True, args.more_n),
              ("no delay, plain", "0", False, args.more_n), ("no delay, token", "0", True, args.more_n)]
    standby = PgSession("127.0.0.1", int(cluster.env["STANDBY_PORT"]), "postgres", "books", 5)
    standby_lock = threading.Lock()

    def on_standby(sql):
        with standby_lock:
            return standby.query(sql, timeout=5)

    try:
        for name, delay, use_token, each in phases:
            cluster.set_apply_delay(delay)
            tally = Tally()
            before = cluster.metrics()
            started = time.monotonic()
            flows = Flows(cluster.nginx, tally, "ryw", use_token=use_token,
                          standby_probe=on_standby)
            run_flows(flows, each, threads=args.threads)
            d = delta(before, cluster.metrics())
            ok = tally.get("stale") == 0 and tally.server_errors() == 0 and tally.get("failures") == 0
            failed |= not ok
            print(flows_line("ryw %s" % name, tally, started,
                             " standby-alone-stale=%d %s %s" % (tally.get("standby-alone-stale"),
                                                                 describe_reads(d), "PASS" if ok else "FAIL")))
            for f in tally.failures:
                print("    " + f)
    finally:
        standby.close()
        cluster.set_apply_delay("0")
    return failed


def test_replica_outage(cluster, args):
    tally = Tally()
    stop = threading.Event()
    logs_before = [len(cluster.log(n + 1)) for n in range(len(cluster.instances))]

    def loop():
        flows = Flows(cluster.nginx, tally, "outage")
        while not stop.is_set():
            random.choice(flows.all())()

    workers = [threading.Thread(target=loop) for _ in range(args.threads)]
    started = time.monotonic()
    before = cluster.metrics()
    for w in workers:
        w.start()
    time.sleep(args.before)
    took_stop = cluster.pg_ctl("standby", "stop", "-m", "fast")
    time.sleep(args.down)
    during = delta(before, cluster.metrics())
    took_start = cluster.pg_ctl("standby", "start")
    started_again = time.monotonic()
    back = None
    deadline = started_again + 30
    while time.monotonic() < deadline:
        states = [cluster.readiness(base)[1].get("readReplica") for base in cluster.instances]
        if all(s == "UP" for s in states):
            back = time.monotonic() - started_again
            break
        time.sleep(0.1)
    mid = cluster.metrics()
    time.sleep(args.after)
    stop.set()
    for w in workers:
        w.join()
    after = delta(mid, cluster.metrics())
    replica_after = sum(v for (name, labels), v in after.items()
                        if name == "books_db_reads_total" and 'endpoint="replica"' in labels)
    warns, infos = [], []
    for n in range(len(cluster.instances)):
        text = cluster.log(n + 1)[logs_before[n]:]
        warns.append(len(re.findall(r"WARN ReplicaHealth", text)))
        infos.append(len(re.findall(r"INFO ReplicaHealth - The read replica serves reads", text)))
    ok = (tally.get("stale") == 0 and tally.server_errors() == 0 and tally.get("failures") == 0
          and back is not None and replica_after > 0 and all(w == 1 for w in warns) and all(i == 1 for i in infos))
    print(flows_line("replica-outage", tally, started,
                     " standby-stop=%.2fs down=%.0fs start=%.2fs replica-back-after-start=%s reads-while-down{%s}"
                     " replica-reads-after=%d warn-lines=%s info-lines=%s %s"
                     % (took_stop, args.down, took_start, "%.2fs" % back if back is not None else "never",
                        describe_reads(during), replica_after, warns, infos, "PASS" if ok else "FAIL")))
    for f in tally.failures:
        print("    " + f)
    return not ok


class Load:
    """Threads that keep a mixed workload going through one URL, each on a kept-alive connection."""

    def __init__(self, base, threads, run):
        self.base = base
        self.tally = Tally()
        self.stop = threading.Event()
        self.run = run
        self.workers = [threading.Thread(target=self.loop) for _ in range(threads)]
        self.slowest = 0.0

    def timed(self, client, op, method, path, body=None):
        started = time.monotonic()
        status, headers, payload = client.send(method, path, body)
        took = time.monotonic() - started
        with self.tally.lock:
            self.slowest = max(self.slowest, took)
        self.tally.status(op, status)
        if status == 0 or status >= 500:
            self.tally.fail("%s %s -> %d %s" % (method, path, status, payload[:160]))
        return status, payload

    def loop(self):
        client = Client(self.base, keep_alive=True)
        mine = []
        while not self.stop.is_set():
            roll = random.random()
            if roll < 0.15 or not mine:
                status, payload = self.timed(client, "create", "POST", "/books", new_book(self.run))
                if status == 201:
                    mine.append(json.loads(payload)["id"])
            elif roll < 0.25:
                self.timed(client, "patch", "PATCH", "/books/" + random.choice(mine),
                           {"publishedYear": random.randrange(1900, 2020)})
            elif roll < 0.45:
                self.timed(client, "list", "GET", "/books?limit=20")
            elif roll < 0.5:
                self.timed(client, "search", "GET", "/books?q=scale%20cluster")
            else:
                self.timed(client, "get", "GET", "/books/" + random.choice(mine))
        client.close()

    def start(self):
        for w in self.workers:
            w.start()

    def finish(self):
        self.stop.set()
        for w in self.workers:
            w.join()


def test_rolling(cluster, args):
    via = cluster.haproxy if args.via == "haproxy" else cluster.nginx
    if via is None:
        print("rolling: no %s in this cluster (up.sh --haproxy)" % args.via)
        return True
    load = Load(via, args.threads, "rolling")
    started = time.monotonic()
    load.start()
    time.sleep(args.before)
    restarts = []
    for n in range(1, len(cluster.instances) + 1):
        restarts.append("books-%d %.1fs" % (n, cluster.instance("restart", n)))
        # Longer than nginx's fail_timeout (2 s): the restarted instance is tried again before the next goes down.
        time.sleep(args.between)
    time.sleep(args.after)
    load.finish()
    served = []
    for base in cluster.instances:
        status, _, body = request("GET", base + "/metrics")
        total = sum(float(m) for m in re.findall(r'^http_server_requests_seconds_count\{[^}]*route="/books[^}]*\} ([0-9.]+)$',
                                                   body.decode(), re.M)) if status == 200 else 0
        served.append(int(total))
    tally = load.tally
    total = sum(tally.statuses.values())
    non_2xx = sum(n for (op, s), n in tally.statuses.items() if not 200 <= s < 300)
    ok = non_2xx == 0 and all(s > 0 for s in served)
    print("rolling via %-8s requests=%d %s non2xx=%d connection-errors=%d slowest=%.2fs restarts=[%s]"
          " served-after-restart=%s %.1fs %s"
          % (args.via, total, tally.histogram(), non_2xx, sum(n for (op, s), n in tally.statuses.items() if s == 0),
             load.slowest, ", ".join(restarts), served, time.monotonic() - started, "PASS" if ok else "FAIL"))
    for f in tally.failures:
        print("    " + f)
    return not ok


def test_failover(cluster, args):
    lock = threading.Lock()
    events = []  # (started, ended, status, id)
    stop = threading.Event()

    def writer():
        client = Client(cluster.nginx, keep_alive=True, timeout=30)
        while not stop.is_set():
            started = time.monotonic()
            status, headers, payload = client.send("POST", "/books", new_book("failover"))
            ended = time.monotonic()
            book_id = json.loads(payload)["id"] if status == 201 else None
            if status == 503 and "retry-after" not in headers:
                status = -503  # a 503 without Retry-After is not what the contract promises
            with lock:
                events.append((started, ended, status, book_id))
            time.sleep(0.02)

    threads = [threading.Thread(target=writer) for _ in range(args.threads)]
    for t in threads:
        t.start()
    time.sleep(args.before)
    if args.kill:
        with open(os.path.join(pg_data(cluster, "primary"), "postmaster.pid")) as f:
            postmaster = int(f.readline())
        os.kill(postmaster, 9)
        how = "kill -9 of the primary's postmaster"
    else:
        cluster.pg_ctl("primary", "stop", "-m", "fast")
        how = "pg_ctlcluster stop -m fast of the primary"
    stopped_at = time.monotonic()
    time.sleep(args.down)
    promote_took = cluster.pg_ctl("standby", "promote")
    promoted_at = time.monotonic()
    time.sleep(args.after)
    stop.set()
    for t in threads:
        t.join()

    acknowledged = [e for e in events if e[2] == 201]
    first_after = min((e[1] for e in acknowledged if e[0] >= promoted_at - promote_took), default=None)
    resumed = first_after - promoted_at if first_after is not None else None
    outage = [e for e in events if e[1] > stopped_at and (first_after is None or e[0] < first_after)]
    kinds = {}
    for e in events:
        kinds[e[2]] = kinds.get(e[2], 0) + 1
    bad = [e for e in events if e[2] not in (201, 503)]
    # Every acknowledged write must be on the new primary (through Books, which now writes and reads there).
    lost = []
    for e in acknowledged:
        status, _, _ = request("GET", cluster.nginx + "/books/" + e[3])
        if status != 200:
            lost.append((e[3], status))
    ok = resumed is not None and resumed <= args.bound and not bad and not lost
    print("failover %s: writes=%d %s resumed-after-promotion=%s (bound %.0fs) outage-requests=%d"
          " longest=%.2fs promote=%.2fs acknowledged=%d lost=%d %s"
          % (how, len(events), "[" + " ".join("%s:%d" % kv for kv in sorted(kinds.items())) + "]",
             "%.2fs" % resumed if resumed is not None else "never", args.bound, len(outage),
             max((e[1] - e[0] for e in events), default=0), promote_took, len(acknowledged), len(lost),
             "PASS" if ok else "FAIL"))
    for e in bad[:10]:
        print("    unexpected status %d after %.2fs" % (e[2], e[1] - stopped_at))
    for book_id, status in lost[:10]:
        print("    acknowledged %s, now %d" % (book_id, status))
    return not ok


def pg_data(cluster, which):
    name = cluster.env["PRIMARY_CLUSTER" if which == "primary" else "STANDBY_CLUSTER"]
    out = subprocess.run(["pg_lsclusters", "-h"], check=True, capture_output=True, text=True).stdout
    for line in out.splitlines():
        fields = line.split()
        if fields[0] == "15" and fields[1] == name:
            return fields[5]
    raise RuntimeError("no cluster %s" % name)


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = []

    def check(self, what, condition, detail=""):
        if condition:
            self.passed += 1
        else:
            self.failed.append("%s %s" % (what, detail))


def test_contract(cluster, args):
    """Every endpoint through the balancer, and what must hold across two instances reached directly."""
    c = Checks()
    lb = Client(cluster.nginx)
    a, b = Client(cluster.instances[0]), Client(cluster.instances[1 % len(cluster.instances)])
    problem = "application/problem+json"

    def is_problem(result, status, kind):
        s, h, body = result
        ok = s == status and h.get("content-type", "").startswith(problem)
        if ok and kind:
            ok = json.loads(body).get("type") == "urn:books:problem:" + kind
        return ok

    # Every endpoint and its refusals, through the balancer (requests alternate between the instances).
    run = tag()
    book = {"title": "Contract %s" % run, "author": "Ada Cluster", "isbn": isbn13(), "publishedYear": 1999}
    created = lb.send("POST", "/books", book)
    c.check("POST 201", created[0] == 201 and "location" in created[1] and created[1].get("etag") == '"1"', created[0])
    body = json.loads(created[2]) if created[0] == 201 else {"id": "00000000-0000-7000-8000-000000000000"}
    path = "/books/" + body["id"]
    c.check("POST duplicate 409", is_problem(lb.send("POST", "/books", book), 409, "duplicate-book"))
    c.check("POST malformed 400", is_problem(lb.send("POST", "/books", b'{"title":'), 400, None))
    c.check("POST invalid 422", is_problem(lb.send("POST", "/books", {"title": "", "author": "A"}), 422, "invalid-book"))
    c.check("POST wrong type 415", lb.send("POST", "/books", b"x", {"Content-Type": "text/plain"})[0] == 415)
    c.check("GET 200", lb.send("GET", path)[0] == 200)
    c.check("GET 304", lb.send("GET", path, headers={"If-None-Match": '"1"'})[0] == 304)
    c.check("GET bad id 400", is_problem(lb.send("GET", "/books/nope"), 400, None))
    c.check("GET missing 404", is_problem(lb.send("GET", "/books/0190a5d0-0000-7000-8000-000000000000"), 404,
                                          "book-not-found"))
    c.check("GET list 200", lb.send("GET", "/books?limit=5")[0] == 200)
    c.check("GET search 200", lb.send("GET", "/books?q=contract")[0] == 200)
    c.check("GET bad limit 400", is_problem(lb.send("GET", "/books?limit=0"), 400, None))
    c.check("PATCH 200", lb.send("PATCH", path, {"category": "Test"}, {"If-Match": '"1"'})[0] == 200)
    c.check("PATCH stale 412", is_problem(lb.send("PATCH", path, {"category": "X"}, {"If-Match": '"1"'}), 412,
                                          "version-conflict"))
    c.check("PATCH invalid 422", lb.send("PATCH", path, {"publishedYear": 99999})[0] == 422)
    c.check("DELETE stale 412", lb.send("DELETE", path, headers={"If-Match": '"1"'})[0] == 412)
    c.check("DELETE 204", lb.send("DELETE", path, headers={"If-Match": '"2"'})[0] == 204)
    c.check("DELETE again 404", lb.send("DELETE", path)[0] == 404)
    for route in ("/health/live", "/health/ready", "/metrics", "/openapi.json", "/openapi.yaml", "/docs"):
        c.check("GET %s" % route, lb.send("GET", route)[0] == 200)
    c.check("HEAD /books", lb.send("HEAD", "/books")[0] == 200)
    if cluster.auth == "keys":
        anonymous = Client(cluster.nginx, credentials={})
        c.check("anonymous POST 401", is_problem(anonymous.send("POST", "/books", new_book("anon")), 401,
                                                 "unauthorized"))
        c.check("anonymous GET 200 (reads are public)", anonymous.send("GET", "/books?limit=1")[0] == 200)
        c.check("anonymous /metrics 401", anonymous.send("GET", "/metrics")[0] == 401)
        c.check("a wrong key 401", is_problem(Client(cluster.nginx, credentials={API_KEY: "books_x_nope"})
                                              .send("POST", "/books", new_book("anon")), 401, "unauthorized"))
        c.check("changes attributed to the key", created[0] == 201 and body.get("createdBy") == "key:bench",
                body.get("createdBy"))
        # Behind nginx (a trusted proxy, X-Forwarded-For), the failed-authentication budget is each client's: one
        # guessing keys is shut out, on every instance, and no one else is. 127.0.0.x are distinct clients here.
        guesser = Client(cluster.nginx, credentials={API_KEY: "books_%s_guess" % tag()[:12].ljust(12, "0")},
                         source="127.0.0.2")
        guesses = [guesser.send("GET", "/books?limit=1")[0] for _ in range(25 * len(cluster.instances))]
        c.check("a client guessing keys through nginx is refused, then limited", guesses[0] == 401
                and guesses[-4:] == [429] * 4, guesses)
        shut_out = Client(cluster.nginx, source="127.0.0.2")
        c.check("... even with a valid key, and a forged X-Forwarded-For does not help", all(
            shut_out.send("POST", "/books", new_book("guesser"), {"X-Forwarded-For": "10.9.9.9"})[0] == 429
            for _ in cluster.instances))
        bystander = Client(cluster.nginx, source="127.0.0.3")
        c.check("... while another client behind the same nginx writes on every instance", all(
            bystander.send("POST", "/books", new_book("bystander"))[0] == 201 for _ in cluster.instances))

    # Across instances, reached directly: nothing that must be shared lives in one process.
    key = '"contract-%s"' % run
    dune = {"title": "Cross %s" % run, "author": "Ada Cluster"}
    first = a.send("POST", "/books", dune, {"Idempotency-Key": key})
    replay = b.send("POST", "/books", dune, {"Idempotency-Key": key})
    c.check("idempotency key: a retry on the other instance replays the first answer",
            first[0] == 201 and replay[0] == 201 and replay[2] == first[2]
            and replay[1].get("location") == first[1].get("location"))
    c.check("idempotency key: another body on the other instance is 422",
            is_problem(b.send("POST", "/books", {"title": "Other %s" % run, "author": "B"}, {"Idempotency-Key": key}),
                       422, "idempotency-key-reused"))
    author = "Pager %s" % run
    for i in range(5):
        a.send("POST", "/books", {"title": "Page %d" % i, "author": author})
    titles, cursor, hops = [], None, 0
    for hop in range(10):
        client = (a, b)[hop % 2]
        query = {"author": author, "limit": 2}
        if cursor:
            query["cursor"] = cursor
        s, _, page = client.send("GET", "/books?" + urllib.parse.urlencode(query))
        if s != 200:
            break
        page = json.loads(page)
        titles += [item["title"] for item in page["items"]]
        hops += 1
        cursor = page.get("nextCursor")
        if not cursor:
            break
    c.check("cursor: pages followed alternately on both instances", sorted(titles) == ["Page %d" % i for i in range(5)]
            and hops == 3, titles)
    made = json.loads(first[2]) if first[0] == 201 else {"id": "x"}
    own = "/books/" + made["id"]
    etag = a.send("GET", own)[1].get("etag")
    c.check("entity tag from one instance matches on the other (304)",
            b.send("GET", own, headers={"If-None-Match": etag or '"0"'})[0] == 304)
    c.check("If-Match from one instance is honoured on the other",
            b.send("PATCH", own, {"category": "Cross"}, {"If-Match": etag or '"0"'})[0] == 200)
    c.check("the stale tag is refused on the first instance",
            a.send("PATCH", own, {"category": "Again"}, {"If-Match": etag or '"0"'})[0] == 412)
    written = a.send("PATCH", own, {"publishedYear": 2001})
    token = written[1].get(TOKEN.lower())
    read = b.send("GET", own, headers={TOKEN: token or ""})
    c.check("a token from one instance is taken by the other", token is not None and read[0] == 200
            and json.loads(read[2]).get("publishedYear") == 2001)
    c.check("a delete on one instance is a 404 on the other at once",
            a.send("DELETE", own)[0] == 204 and b.send("GET", own)[0] == 404)
    ok = not c.failed
    print("contract via nginx and across %d instances: checks=%d failed=%d %s"
          % (len(cluster.instances), c.passed + len(c.failed), len(c.failed), "PASS" if ok else "FAIL"))
    for f in c.failed:
        print("    FAILED " + f)
    return not ok


def isbn13():
    digits = "978" + "%09d" % random.SystemRandom().randrange(10 ** 9)
    check = (10 - sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits)) % 10) % 10
    return digits + str(check)


def test_pgbouncer(cluster, args):
    if not cluster.env.get("PGBOUNCER_PORT"):
        print("pgbouncer: this cluster has no PgBouncer (up.sh --pgbouncer)")
        return True
    failed = False
    tally = Tally()
    started = time.monotonic()
    run_flows(Flows(cluster.nginx, tally, "bouncer"), args.n, threads=args.threads)
    ok = tally.get("stale") == 0 and tally.server_errors() == 0 and tally.get("failures") == 0
    failed |= not ok
    print(flows_line("pgbouncer flows", tally, started, " " + ("PASS" if ok else "FAIL")))
    for f in tally.failures:
        print("    " + f)

    load = Load(cluster.nginx, args.threads * 2, "bouncer")
    started = time.monotonic()
    load.start()
    time.sleep(args.seconds)
    load.finish()
    total = sum(load.tally.statuses.values())
    errors = load.tally.server_errors()
    sessions = cluster.pg("primary", "SELECT count(*) FROM pg_stat_activity WHERE datname = 'books'"
                          " AND backend_type = 'client backend'")[0][0]
    ok = errors == 0
    failed |= not ok
    print("pgbouncer load            requests=%d %s 5xx=%d server-sessions-on-the-primary=%s %.1fs %s"
          % (total, load.tally.histogram(), errors, sessions, time.monotonic() - started, "PASS" if ok else "FAIL"))
    for f in load.tally.failures[:5]:
        print("    " + f)

    # Detected at start: the sessions lack the mark of Books' startup options (PgBouncer dropped them).
    warned = [("prepareThreshold=0 is set" in cluster.log(n + 1) and "Sessions do not get the settings" in cluster.log(n + 1))
              for n in range(len(cluster.instances))]
    ok = all(warned)
    failed |= not ok
    print("pgbouncer detected at start: %s %s" % (warned, "PASS" if ok else "FAIL"))

    # The control: an instance without prepareThreshold=0 is told at start, and its statements break under load.
    n = len(cluster.instances) + 1
    env_file = os.path.join(cluster.state, "instance-%d.env" % n)
    with open(os.path.join(cluster.state, "instance-1.env")) as f:
        lines = f.read().splitlines()
    port = cluster.new_port()
    with open(env_file, "w") as f:
        for line in lines:
            if line.startswith("BOOKS_HTTP_PORT="):
                line = "BOOKS_HTTP_PORT=%d" % port
            f.write(line.replace("?prepareThreshold=0", "") + "\n")
    log_path = os.path.join(cluster.state, "books-%d.log" % n)
    offset = os.path.getsize(log_path) if os.path.exists(log_path) else 0
    try:
        try:
            cluster.instance("start", n)
            started_up = True
        except subprocess.CalledProcessError:
            started_up = False  # its migration met another session's prepared statement: the start itself fails
        control = Load("http://127.0.0.1:%d" % port, args.threads * 3, "noprepare")
        if started_up:
            control.start()
            time.sleep(args.seconds)
            control.finish()
        log = cluster.log(n)[offset:]
        told_at_start = "prepareThreshold=0 is not in the URL" in log
        clash_lines = len(re.findall(r"ERROR PoolerHints - A statement met a prepared statement of another session", log))
        broken = control.tally.server_errors()
        ok = clash_lines == 1 and (not started_up or (told_at_start and broken > 0))
        failed |= not ok
        print("pgbouncer without prepareThreshold=0 (control): %s requests=%d %s told-at-start=%s"
              " clash-error-lines=%d %s"
              % ("started" if started_up else "did not start", sum(control.tally.statuses.values()),
                 control.tally.histogram(), told_at_start, clash_lines,
                 "PASS (breaks, and says why)" if ok else "FAIL"))
    finally:
        cluster.instance("stop", n)
        os.remove(env_file)
    return failed


def test_revocation(cluster, args):
    """An API key revoked while two instances use it: each refuses it within the cache's 5 s, and for good."""
    if cluster.auth != "keys":
        print("revocation: this cluster asks for no keys (up.sh --auth none)")
        return True
    name = "revoke-%s" % tag()
    status, secret, err = cluster.books_jar("keys", "create", "--name", name, "--scopes", "books:read,books:write")
    if status != 0 or not secret.strip():
        print("revocation: keys create failed (%d): %s FAIL" % (status, err.strip()[-300:]))
        return True
    key = {API_KEY: secret.strip()}
    clients = [Client(base, credentials=key) for base in cluster.instances]
    others = [Client(base) for base in cluster.instances]
    accepted_before = []
    for client in clients:
        made = client.send("POST", "/books", new_book("revocation"))
        accepted_before.append(made[0] == 201)
    # Both instances are using the key (each has it in its cache) when it is revoked: the slowest case.
    probes = {n: 0 for n in range(len(clients))}
    refused_at, wrong = {}, []
    stop = threading.Event()

    def probe(n):
        confirmed = 0
        while not stop.is_set():
            status = clients[n].send("GET", "/books?limit=1")[0]
            probes[n] += 1
            if status == 401:
                # Refused: asked twice more, 0.4 s apart (each refusal spends this address's budget of failed
                # authentications, 20 a minute, which the other tests share).
                refused_at.setdefault(n, time.monotonic())
                confirmed += 1
                if confirmed == 3:
                    return
                time.sleep(0.4)
                continue
            elif n in refused_at:
                wrong.append("books-%d accepted the key again (%d) after refusing it" % (n + 1, status))
            elif status != 200:
                wrong.append("books-%d answered %d before the revocation took" % (n + 1, status))
            time.sleep(0.05)

    committed = []

    def watch_primary():
        # When the revocation committed (the command's JVM start and exit around it take seconds on a busy machine):
        # the moment it is measured from.
        session = PgSession("127.0.0.1", int(cluster.env["PRIMARY_PORT"]), "postgres", "books", 5)
        try:
            while not stop.is_set() and not committed:
                rows = session.query("SELECT revoked_at IS NOT NULL FROM api_keys WHERE name = '%s'" % name, timeout=5)
                if rows and rows[0][0] == "t":
                    committed.append(time.monotonic())
                time.sleep(0.02)
        finally:
            session.close()

    threads = [threading.Thread(target=probe, args=(n,)) for n in range(len(clients))]
    threads.append(threading.Thread(target=watch_primary))
    for t in threads:
        t.start()
    time.sleep(1)
    revoke_started = time.monotonic()
    status, _, err = cluster.books_jar("keys", "revoke", name)
    revoked_at = committed[0] if committed else time.monotonic()
    deadline = revoked_at + args.bound + 2
    while time.monotonic() < deadline and len(refused_at) < len(clients):
        time.sleep(0.05)
    for t in threads[:-1]:
        t.join(timeout=3)  # refused twice more, 0.4 s apart, on every instance
    stop.set()
    for t in threads:
        t.join()
    # A write with the revoked key is refused too, and the other keys are untouched.
    writes = [client.send("POST", "/books", new_book("revoked"))[0] for client in clients]
    others_ok = [other.send("POST", "/books", new_book("revocation"))[0] for other in others]
    after = ["%.2fs" % (refused_at[n] - revoked_at) if n in refused_at else "never" for n in range(len(clients))]
    slowest = max((refused_at[n] - revoked_at for n in refused_at), default=None)
    ok = (status == 0 and committed and all(accepted_before) and len(refused_at) == len(clients)
          and slowest <= args.bound
          and not wrong and all(w == 401 for w in writes) and all(o == 201 for o in others_ok))
    print("revocation across %d instances: committed=%s after the command began, refused-after-commit=%s (bound %.0fs)"
          " probes=%s writes-after=%s other-key-writes=%s %s"
          % (len(clients), "%.1fs" % (revoked_at - revoke_started) if committed else "never", after, args.bound,
             list(probes.values()), writes, others_ok, "PASS" if ok else "FAIL"))
    if status != 0:
        print("    keys revoke failed (%d): %s" % (status, err.strip()[-300:]))
    for w in wrong[:5]:
        print("    " + w)
    return not ok


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("test", choices=["ryw", "replica-outage", "rolling", "failover", "contract", "pgbouncer",
                                    "revocation"])
    p.add_argument("--state", default=os.environ.get("STATE", "/tmp/books-cluster"))
    p.add_argument("-n", type=int, default=200, help="ryw: times each flow runs with the delay, plain clients")
    p.add_argument("--more-n", type=int, default=100, help="ryw: times each flow runs in the other phases")
    p.add_argument("--threads", type=int, default=4)
    p.add_argument("--delay", default="500ms", help="ryw: the standby's recovery_min_apply_delay")
    p.add_argument("--before", type=float, default=3)
    p.add_argument("--down", type=float, default=5)
    p.add_argument("--after", type=float, default=4)
    p.add_argument("--between", type=float, default=3, help="rolling: seconds between two restarts")
    p.add_argument("--via", choices=["nginx", "haproxy"], default="nginx")
    p.add_argument("--kill", action="store_true", help="failover: kill -9 the primary instead of a fast stop")
    p.add_argument("--bound", type=float, default=5,
                   help="failover: writes must resume within this (s); revocation: each instance refuses the key")
    p.add_argument("--seconds", type=float, default=10, help="pgbouncer: seconds of load")
    args = p.parse_args()
    cluster = Cluster(args.state)
    tests = {"ryw": test_ryw, "replica-outage": test_replica_outage, "rolling": test_rolling,
             "failover": test_failover, "contract": test_contract, "pgbouncer": test_pgbouncer,
             "revocation": test_revocation}
    sys.exit(1 if tests[args.test](cluster, args) else 0)


if __name__ == "__main__":
    main()
