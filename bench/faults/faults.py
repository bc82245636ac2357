#!/usr/bin/env python3
"""PostgreSQL fault suite for Books (issue 8): run by bench/faults/run.sh, which owns the cluster's lifetime.

Books (the fat jar) talks to a PostgreSQL cluster of its own through a TCP proxy that this script can freeze,
resume and reset. A few client threads keep a mixed load on Books while each fault happens; every response is
recorded (status, Retry-After, content type, latency, wall time) and judged against what the configured timeouts
promise. A probe that talks to PostgreSQL directly (not through Books) says when the database answers again.

Only the standard library: the proxy is threads and sockets, the probe speaks the PostgreSQL wire protocol
(trust authentication, simple queries) itself.
"""

import argparse
import collections
import http.client
import itertools
import json
import os
import random
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.parse

# ---------------------------------------------------------------------------------------------------------------
# A minimal PostgreSQL client: startup with trust authentication, simple queries. Enough for probes and locks.
# ---------------------------------------------------------------------------------------------------------------


class PgError(Exception):
    def __init__(self, fields):
        self.code = fields.get("C", "?")
        super().__init__("%s %s" % (self.code, fields.get("M", "")))


class PgSession:
    """One PostgreSQL session over the wire protocol (v3), trust authentication only."""

    def __init__(self, host, port, user, database, timeout, options=None):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.sock.settimeout(timeout)
        params = {"user": user, "database": database, "application_name": "books-faults"}
        if options:
            params["options"] = options
        body = struct.pack("!i", 196608)
        for key, value in params.items():
            body += key.encode() + b"\0" + value.encode() + b"\0"
        body += b"\0"
        self.sock.sendall(struct.pack("!i", len(body) + 4) + body)
        self.buffer = b""
        self._until_ready()

    def _read(self, n):
        while len(self.buffer) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("the server closed the connection")
            self.buffer += chunk
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def _message(self):
        kind, length = struct.unpack("!ci", self._read(5))
        return kind, self._read(length - 4)

    def _until_ready(self):
        rows, error = [], None
        while True:
            kind, body = self._message()
            if kind == b"R":
                (code,) = struct.unpack("!i", body[:4])
                if code != 0:
                    raise ConnectionError("the server asks for authentication %d; the suite needs trust" % code)
            elif kind == b"E":
                fields = dict((f[:1].decode(), f[1:].decode(errors="replace")) for f in body.split(b"\0") if f)
                error = PgError(fields)
            elif kind == b"D":
                (count,) = struct.unpack("!h", body[:2])
                pos, row = 2, []
                for _ in range(count):
                    (size,) = struct.unpack("!i", body[pos:pos + 4])
                    pos += 4
                    row.append(None if size < 0 else body[pos:pos + size].decode())
                    pos += max(size, 0)
                rows.append(row)
            elif kind == b"Z":
                if error:
                    raise error
                return rows

    def query(self, sql, timeout=None):
        self.sock.settimeout(timeout)
        payload = sql.encode() + b"\0"
        self.sock.sendall(b"Q" + struct.pack("!i", len(payload) + 4) + payload)
        return self._until_ready()

    def close(self):
        try:
            self.sock.sendall(b"X" + struct.pack("!i", 4))
        except OSError:
            pass
        self.sock.close()


# ---------------------------------------------------------------------------------------------------------------
# The TCP proxy between Books and PostgreSQL.
# ---------------------------------------------------------------------------------------------------------------


class Pair:
    def __init__(self, client):
        self.client = client
        self.upstream = None
        self.closed = threading.Event()
        self.lock = threading.Lock()

    def close(self, reset=False):
        with self.lock:
            if self.closed.is_set():
                return
            self.closed.set()
            for s in (self.client, self.upstream):
                if s is None:
                    continue
                try:
                    if reset:
                        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    else:
                        s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()


class FreezableProxy:
    """
    Forwards TCP between a local port and PostgreSQL. freeze() stops forwarding in both directions while every
    socket stays open (a silent partition: bytes, FINs and new connections are held, not refused); resume()
    delivers what was held and carries on; reset() ends every connection at once with an RST.
    """

    def __init__(self, listen_port, upstream_port):
        self.upstream = ("127.0.0.1", upstream_port)
        self.flowing = threading.Event()
        self.flowing.set()
        self.pairs = set()
        self.lock = threading.Lock()
        self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.server.bind(("127.0.0.1", listen_port))
        self.server.listen(128)
        self.port = self.server.getsockname()[1]
        threading.Thread(target=self._accept, name="proxy-accept", daemon=True).start()

    def freeze(self):
        self.flowing.clear()

    def resume(self):
        self.flowing.set()

    def reset(self):
        with self.lock:
            pairs = list(self.pairs)
        for pair in pairs:
            pair.close(reset=True)

    def open_pairs(self):
        with self.lock:
            return len(self.pairs)

    def _accept(self):
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            pair = Pair(client)
            with self.lock:
                self.pairs.add(pair)
            threading.Thread(target=self._connect, args=(pair,), name="proxy-pair", daemon=True).start()

    def _wait_flowing(self, pair):
        while not self.flowing.wait(0.05):
            if pair.closed.is_set():
                return False
        return not pair.closed.is_set()

    def _connect(self, pair):
        try:
            if not self._wait_flowing(pair):
                return
            try:
                upstream = socket.create_connection(self.upstream, timeout=2)
            except OSError:
                pair.close(reset=True)  # as a refused connection looks to the client
                return
            upstream.settimeout(None)
            upstream.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with pair.lock:
                if pair.closed.is_set():
                    upstream.close()
                    return
                pair.upstream = upstream
            threading.Thread(target=self._pump, args=(pair, pair.upstream, pair.client), daemon=True,
                             name="proxy-down").start()
            self._pump(pair, pair.client, pair.upstream)
        finally:
            with self.lock:
                self.pairs.discard(pair)

    def _pump(self, pair, source, target):
        try:
            while True:
                data = source.recv(65536)
                # Data and end-of-stream alike wait for the network to flow again.
                if not self._wait_flowing(pair):
                    return
                if not data:
                    break
                target.sendall(data)
        except OSError:
            pass
        pair.close()

    def close(self):
        self.server.close()
        self.reset()


# ---------------------------------------------------------------------------------------------------------------
# The database prober: opens a session straight to PostgreSQL every few tens of milliseconds.
# ---------------------------------------------------------------------------------------------------------------


class Prober:
    """Records (time, answered) samples of "connect, run the probe query, disconnect" against a target port."""

    def __init__(self, user, database, port, interval=0.05, timeout=0.5):
        self.user, self.database = user, database
        self.port = port
        self.sql = "SELECT 1"
        self.interval, self.timeout = interval, timeout
        self.samples = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        threading.Thread(target=self._run, name="prober", daemon=True).start()

    def aim(self, port, sql="SELECT 1"):
        with self.lock:
            self.port, self.sql = port, sql

    def _run(self):
        while not self.stopping.is_set():
            with self.lock:
                port, sql = self.port, self.sql
            started = time.monotonic()
            ok = False
            try:
                session = PgSession("127.0.0.1", port, self.user, self.database, self.timeout,
                                    options="-c statement_timeout=%d" % int(self.timeout * 1000))
                try:
                    session.query(sql, timeout=self.timeout)
                    ok = True
                finally:
                    session.close()
            except (OSError, PgError, ConnectionError, struct.error):
                ok = False
            with self.lock:
                self.samples.append((started, time.monotonic(), ok))
            time.sleep(max(0.0, self.interval - (time.monotonic() - started)))

    def answered_again(self, since):
        """When the first probe answered after one, begun at or after `since`, had not; or None."""
        with self.lock:
            samples = [s for s in self.samples if s[0] >= since]
        seen_down = False
        for _, ended, ok in samples:
            if not ok:
                seen_down = True
            elif seen_down:
                return ended
        return None

    def wait_answered(self, since, deadline):
        while time.monotonic() < deadline:
            t = self.answered_again(since)
            if t is not None:
                return t
            time.sleep(0.02)
        return None

    def stop(self):
        self.stopping.set()


# ---------------------------------------------------------------------------------------------------------------
# Books, the process under test.
# ---------------------------------------------------------------------------------------------------------------


class Books:
    def __init__(self, args, proxy_port, log_path, pid_file):
        self.args = args
        self.proxy_port = proxy_port
        self.log_path = log_path
        self.pid_file = pid_file
        self.process = None
        self.log_file = None

    def env(self):
        env = dict(os.environ)
        for name in list(env):
            # The suite sets the rest; logging may be tuned from outside (e.g. BOOKS_LOG_LEVELS=com.zaxxer.hikari=debug).
            if name.startswith("BOOKS_") and not name.startswith("BOOKS_LOG_"):
                del env[name]
        a = self.args
        env.update({
            "BOOKS_HTTP_PORT": str(a.http_port),
            "BOOKS_DB_URL": "jdbc:postgresql://127.0.0.1:%d/%s" % (self.proxy_port, a.database),
            "BOOKS_DB_USER": "postgres",
            "BOOKS_DB_PASSWORD": "faults",  # trust authentication: never checked, but a real setup has one
            "BOOKS_DB_POOL_SIZE": str(a.pool_size),
            "BOOKS_DB_CONNECT_TIMEOUT": "%dms" % a.connect_timeout_ms,
            "BOOKS_DB_STATEMENT_TIMEOUT": "%dms" % a.statement_timeout_ms,
            "BOOKS_DB_SOCKET_TIMEOUT": "%dms" % a.socket_timeout_ms,
            "BOOKS_READINESS_TIMEOUT": "%dms" % a.readiness_timeout_ms,
            "BOOKS_SHUTDOWN_TIMEOUT": "5s",
            # A later change refuses an external database without authentication configured; none is meant here.
            "BOOKS_AUTH": "none",
        })
        return env

    def start(self):
        self.log_file = open(self.log_path, "ab")
        command = [self.args.java] + self.args.java_opts.split() + ["-jar", self.args.jar]
        self.process = subprocess.Popen(command, env=self.env(), stdout=self.log_file, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL)
        with open(self.pid_file, "a") as f:
            f.write("%d\n" % self.process.pid)
        return self.process

    def wait_live(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            status, _, _ = http_get(self.args.http_port, "/health/live", timeout=1)
            if status == 200:
                return True
            time.sleep(0.1)
        return False

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return self.process.returncode if self.process else None
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log_file.close()
        return self.process.returncode

    def log_size(self):
        return os.path.getsize(self.log_path)

    def log_since(self, offset):
        with open(self.log_path, "rb") as f:
            f.seek(offset)
            return f.read().decode(errors="replace")


def http_get(port, path, timeout=5):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    except (OSError, http.client.HTTPException):
        return None, {}, b""
    finally:
        conn.close()


def thread_names(java, pid):
    """The JVM's threads by name, numbers masked ("JettyServerThreadPool-N": 12), from jcmd Thread.print."""
    jcmd = os.path.join(os.path.dirname(os.path.realpath(shutil.which(java) or java)), "jcmd")
    try:
        out = subprocess.run([jcmd, str(pid), "Thread.print"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired):
        return collections.Counter()
    return collections.Counter(re.sub(r"\d+", "N", name) for name in re.findall(r'^"([^"]*)"', out, re.M))


def wall_clock(monotonic):
    """A monotonic instant as UTC wall-clock time, to find it in Books' log."""
    wall = time.time() - (time.monotonic() - monotonic)
    return time.strftime("%H:%M:%S", time.gmtime(wall)) + ".%03dZ" % int((wall % 1) * 1000)


def live_threads(port):
    status, _, body = http_get(port, "/metrics")
    if status != 200:
        return None
    match = re.search(rb"^jvm_threads_live_threads\{[^}]*\}\s+([0-9.eE+]+)", body, re.M)
    return int(float(match.group(1))) if match else None


# ---------------------------------------------------------------------------------------------------------------
# The load: a few clients, each its own keep-alive connection, a mix of reads and writes.
# ---------------------------------------------------------------------------------------------------------------

Result = collections.namedtuple("Result", "start end op status retry_after problem_json error")


class Load:
    OPS = (("get", 40), ("list", 30), ("create", 15), ("patch", 15))

    def __init__(self, port, ids, clients, pause, client_timeout, seed):
        self.port, self.ids = port, ids
        self.clients, self.pause, self.client_timeout = clients, pause, client_timeout
        self.results = []
        self.lock = threading.Lock()
        self.running = threading.Event()
        self.threads = []
        self.random = random.Random(seed)

    def start(self):
        self.running.set()
        for i in range(self.clients):
            t = threading.Thread(target=self._client, args=(random.Random(self.random.random()),),
                                 name="load-%d" % i, daemon=True)
            t.start()
            self.threads.append(t)

    def stop(self):
        self.running.clear()
        for t in self.threads:
            t.join(self.client_timeout + 5)
        self.threads = []

    def window(self, start, end):
        with self.lock:
            return [r for r in self.results if start <= r.start < end]

    titles = itertools.count(1)  # across every Load of the run: each create is a new work

    def _next_title(self):
        return "Fault load %d-%d" % (os.getpid(), next(Load.titles))

    def _request(self, rnd):
        op = rnd.choices([o for o, _ in self.OPS], [w for _, w in self.OPS])[0]
        headers = {}
        body = None
        if op == "get":
            method, path = "GET", "/books/" + rnd.choice(self.ids)
        elif op == "list":
            method = "GET"
            path = "/books?limit=20" if rnd.random() < 0.7 else "/books?limit=10&q=" + urllib.parse.quote(
                rnd.choice(["fault seed", "seed book", "faulty"]))
        elif op == "create":
            method, path = "POST", "/books"
            body = json.dumps({"title": self._next_title(), "author": "Load Client", "category": "Load"})
            headers["Content-Type"] = "application/json"
        else:
            method, path = "PATCH", "/books/" + rnd.choice(self.ids)
            body = json.dumps({"category": "Patched %d" % rnd.randrange(1000)})
            headers["Content-Type"] = "application/merge-patch+json"
        return op, method, path, body, headers

    def _client(self, rnd):
        conn = None
        while self.running.is_set():
            op, method, path, body, headers = self._request(rnd)
            if conn is None:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.client_timeout)
            start = time.monotonic()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                result = Result(start, time.monotonic(), op, response.status,
                                response.getheader("Retry-After") is not None,
                                (response.getheader("Content-Type") or "").startswith("application/problem+json"),
                                None)
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException) as e:
                result = Result(start, time.monotonic(), op, None, False, False, "%s: %s" % (type(e).__name__, e))
                conn.close()
                conn = None
            with self.lock:
                self.results.append(result)
            time.sleep(self.pause)
        if conn is not None:
            conn.close()


class Monitor:
    """Samples /health/ready and the JVM's live thread count while a scenario runs."""

    def __init__(self, port, interval=0.25):
        self.port, self.interval = port, interval
        self.ready = []  # (time, status)
        self.threads = []  # (time, live threads)
        self.stopping = threading.Event()
        threading.Thread(target=self._run, name="monitor", daemon=True).start()

    def _run(self):
        last_threads = 0.0
        while not self.stopping.is_set():
            started = time.monotonic()
            status, _, _ = http_get(self.port, "/health/ready", timeout=5)
            self.ready.append((started, status))
            if started - last_threads >= 1.0:
                last_threads = started
                count = live_threads(self.port)
                if count is not None:
                    self.threads.append((started, count))
            time.sleep(max(0.0, self.interval - (time.monotonic() - started)))

    def stop(self):
        self.stopping.set()


# ---------------------------------------------------------------------------------------------------------------
# The suite.
# ---------------------------------------------------------------------------------------------------------------


class Suite:
    def __init__(self, args):
        self.args = args
        self.state = args.state_dir
        self.direct_port = args.pg_port
        self.proxy = FreezableProxy(args.proxy_port, args.pg_port)
        self.books = Books(args, self.proxy.port, os.path.join(self.state, "books.log"),
                           os.path.join(self.state, "pids"))
        self.prober = Prober("postgres", args.database, self.direct_port)
        self.load = None
        self.monitor = None
        self.baseline_threads = None
        self.baseline_names = collections.Counter()
        self.ids = []
        self.lines = []
        self.failures = 0
        a = args
        self.connect_s = a.connect_timeout_ms / 1000
        self.statement_s = a.statement_timeout_ms / 1000
        self.socket_s = a.socket_timeout_ms / 1000
        # One database call waits at most: a pool connection (connectionTimeout; HikariCP may then spend up to its
        # validationTimeout, min(connect, 5 s), checking an idle one), then one statement: cancelled by the server
        # after statement_timeout, or given up by the driver after socketTimeout when nothing comes back at all.
        self.call_s = self.connect_s + min(self.connect_s, 5.0) + max(self.statement_s, self.socket_s)
        self.slack_s = a.slack_ms / 1000
        # PATCH reads the book and then updates it: two calls.
        self.calls = {"get": 1, "list": 1, "create": 1, "patch": 2}

    def bound(self, op):
        return self.calls[op] * self.call_s + self.slack_s

    # -- cluster control ------------------------------------------------------------------------------------

    def pg_ctl(self, action, *extra):
        started = time.monotonic()
        subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", "15", self.args.cluster, action] + list(extra),
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        return time.monotonic() - started

    def postmaster_pid(self):
        with open(os.path.join(self.args.pg_data, "postmaster.pid")) as f:
            return int(f.readline())

    def sql(self, statement):
        session = PgSession("127.0.0.1", self.direct_port, "postgres", self.args.database, 5)
        try:
            return session.query(statement, timeout=10)
        finally:
            session.close()

    # -- set-up --------------------------------------------------------------------------------------------

    def start_books(self, expect_ready=True):
        process = self.books.start()
        if not self.books.wait_live(60):
            return False
        if expect_ready:
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                if http_get(self.args.http_port, "/health/ready")[0] == 200:
                    return True
                time.sleep(0.1)
            return False
        return process.poll() is None

    def seed(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.args.http_port, timeout=10)
        for i in range(40):
            body = json.dumps({"title": "Fault seed book %d" % i, "author": "Seed Author %d" % (i % 7),
                               "category": "Seed"})
            conn.request("POST", "/books", body=body, headers={"Content-Type": "application/json"})
            response = conn.getresponse()
            payload = response.read()
            if response.status != 201:
                raise RuntimeError("seeding: POST /books answered %d %s" % (response.status, payload[:200]))
            self.ids.append(json.loads(payload)["id"])
        conn.close()

    def new_load(self):
        return Load(self.args.http_port, self.ids, self.args.clients, self.args.pause_ms / 1000,
                    self.args.client_timeout, seed=self.args.seed)

    def warm_up(self):
        load = self.new_load()
        monitor = Monitor(self.args.http_port)  # readiness probes have threads of their own: part of the baseline
        load.start()
        time.sleep(self.args.warmup)
        load.stop()
        bad = [r for r in load.results if r.status is None or r.status >= 500]
        if bad:
            raise RuntimeError("warm-up: %d of %d requests failed, e.g. %s" % (len(bad), len(load.results), bad[0]))
        # Jetty keeps idle workers for a minute: the baseline is taken after a load of the same shape. jcmd's first
        # attach starts a thread that stays ("Attach Listener"), so it runs before the count.
        self.baseline_names = thread_names(self.args.java, self.books.process.pid)
        time.sleep(1)
        self.baseline_threads = live_threads(self.args.http_port)
        monitor.stop()
        self.save_results("warm-up", load.results)
        return len(load.results)

    def save_results(self, name, results):
        """Every response of a scenario, for a closer look: seconds from the first request, op, status, latency."""
        if not results:
            return
        origin = results[0].start
        with open(os.path.join(self.state, "requests-%s.csv" % name), "w") as f:
            f.write("start_s,end_s,latency_ms,op,status,retry_after,problem_json,error\n")
            for r in sorted(results, key=lambda r: r.start):
                f.write("%.3f,%.3f,%.0f,%s,%s,%d,%d,%s\n" % (
                    r.start - origin, r.end - origin, (r.end - r.start) * 1000, r.op,
                    r.status if r.status is not None else "", r.retry_after, r.problem_json,
                    (r.error or "").replace(",", ";")))

    # -- one scenario --------------------------------------------------------------------------------------

    def run_scenario(self, name, fault, probe_port=None, probe_sql="SELECT 1", log_offset=None):
        """
        fault() does the damage and the repair; it returns (away, back, note): when the database went away and
        the time to measure recovery from (None to take the prober's "answered again").
        """
        self.prober.aim(probe_port or self.direct_port, probe_sql)
        if log_offset is None:
            log_offset = self.books.log_size()
        self.load = self.new_load()
        self.monitor = Monitor(self.args.http_port)
        began = time.monotonic()
        self.load.start()
        time.sleep(self.args.before)
        fault_at = time.monotonic()
        note = ""
        back = None
        try:
            back, note = fault(fault_at)
        except Exception as e:  # noqa: BLE001 - a broken fault is reported as the scenario's failure
            note = "fault failed: %s: %s" % (type(e).__name__, e)
        if back is None:
            back = self.prober.wait_answered(fault_at, time.monotonic() + 30)
        time.sleep(self.args.after)
        ended = time.monotonic()
        self.load.stop()
        self.prober.aim(self.direct_port)
        threads_back_at, threads_now = self.wait_threads()
        self.monitor.stop()
        log = self.books.log_since(log_offset)
        return self.judge(name, began, fault_at, back, ended, note, threads_back_at, threads_now, log)

    def wait_threads(self):
        """Waits (load stopped) until live threads are within the tolerance of the baseline; (seconds, count)."""
        started = time.monotonic()
        count = None
        while time.monotonic() - started < self.args.thread_wait:
            count = live_threads(self.args.http_port)
            if count is not None and count <= self.baseline_threads + self.args.thread_tolerance:
                return time.monotonic() - started, count
            time.sleep(1)
        return None, count

    def judge(self, name, began, fault_at, back, ended, note, threads_back_after, threads_now, log):
        results = self.load.window(began, ended)
        self.save_results(name, results)
        reasons = []
        histogram = collections.Counter()
        for r in results:
            histogram[str(r.status) if r.status is not None else "conn-error"] += 1
        errors = [r for r in results if r.error]
        if errors:
            reasons.append("%d connection errors (%s)" % (len(errors), errors[0].error))
        bad_5xx = [r for r in results if r.status is not None and r.status >= 500
                   and not (r.status == 503 and r.retry_after and r.problem_json)]
        if bad_5xx:
            r = bad_5xx[0]
            reasons.append("%d 5xx other than 503+Retry-After+problem (e.g. %s %s, Retry-After %s, problem %s)"
                           % (len(bad_5xx), r.op, r.status, r.retry_after, r.problem_json))
        other = [r for r in results if r.status is not None and not (200 <= r.status < 300 or 400 <= r.status < 600)]
        if other:
            reasons.append("%d unexpected statuses (e.g. %s)" % (len(other), other[0].status))
        longest = max(results, key=lambda r: r.end - r.start, default=None)
        over = [r for r in results if r.end - r.start > self.bound(r.op)]
        if over:
            worst = max(over, key=lambda r: r.end - r.start)
            reasons.append("%d requests over their bound (worst %s %.2f s > %.2f s)"
                           % (len(over), worst.op, worst.end - worst.start, self.bound(worst.op)))
        recovery = None
        if back is None:
            reasons.append("the database never answered again")
        else:
            first_ok = min((r.end for r in results if r.status is not None and 200 <= r.status < 300
                            and r.end >= back), default=None)
            if first_ok is None:
                reasons.append("no 2xx after the database answered again")
            else:
                recovery = first_ok - back
                if recovery > self.args.recovery:
                    reasons.append("first 2xx %.2f s after the database answered (> %.1f s)"
                                   % (recovery, self.args.recovery))
            late = [r for r in results if r.status == 503 and r.start > back + self.args.recovery]
            if late:
                reasons.append("%d x 503 on requests started more than %.1f s after the database answered"
                               % (len(late), self.args.recovery))
        during = [r for r in results if back is None or r.start < back]
        unavailable = sum(1 for r in during if r.status == 503)
        waits = sorted(r.end - r.start for r in results if r.status == 503)
        waits_503 = "%.2f/%.2fs" % (waits[len(waits) // 2], waits[-1]) if waits else "-"
        grown = {}
        if threads_now is not None and threads_now > self.baseline_threads:
            grown = dict(thread_names(self.args.java, self.books.process.pid) - self.baseline_names)
        if threads_back_after is None:
            reasons.append("live threads %s, not back within %d of the baseline %d after %d s"
                           % (threads_now, self.args.thread_tolerance, self.baseline_threads, self.args.thread_wait))
        peak_threads = max((c for t, c in self.monitor.threads if began <= t <= ended), default=None)
        errors_logged = [line for line in log.splitlines() if re.search(r"\bERROR\b", line)]
        warns_logged = [line for line in log.splitlines() if re.search(r"\bWARN\b", line)]
        if errors_logged:
            reasons.append("%d ERROR lines in the log (first: %s)" % (len(errors_logged), errors_logged[0][:200]))
        ready = [(t, s) for t, s in self.monitor.ready if began <= t <= ended]
        ready_503 = sum(1 for _, s in ready if s == 503)
        ready_back = None
        if back is not None:
            ready_back = min((t for t, s in ready if s == 200 and t >= back), default=None)
        verdict = "FAIL" if reasons else "PASS"
        if reasons:
            self.failures += 1
        hist = " ".join("%s:%d" % (k, v) for k, v in sorted(histogram.items()))
        line = ("%-16s %s  requests=%d [%s]  503-while-away=%d (p50/max %s)  longest=%s  recovery=%s  ready-503=%d "
                "ready-back=%s  threads=%d->peak %s->%s%s  log: %d ERROR, %d WARN%s%s" % (
                    name, verdict, len(results), hist, unavailable, waits_503,
                    "%.2fs(%s)" % (longest.end - longest.start, longest.op) if longest else "-",
                    "%.2fs" % recovery + " (db back %s)" % wall_clock(back) if recovery is not None else "-",
                    ready_503,
                    "%.2fs" % (ready_back - back) if ready_back is not None else "-",
                    self.baseline_threads, peak_threads, threads_now,
                    " (after %.0fs)" % threads_back_after if threads_back_after is not None else "",
                    len(errors_logged), len(warns_logged),
                    "  note: " + note if note else "",
                    "  WHY: " + "; ".join(reasons) if reasons else ""))
        print(line, flush=True)
        self.lines.append(line)
        summary = summarise_log(warns_logged + errors_logged)
        if grown:
            print("    threads above the baseline: %s" % ", ".join("%s x%d" % kv for kv in sorted(grown.items())))
        for text, count in summary:
            print("    log %4d x %s" % (count, text), flush=True)
        return not reasons

    # -- the faults ----------------------------------------------------------------------------------------

    def fast_restart(self, fault_at):
        took = self.pg_ctl("restart", "-m", "fast")
        return None, "pg_ctlcluster restart -m fast took %.2f s" % took

    def kill_postmaster(self, fault_at):
        pid = self.postmaster_pid()
        os.kill(pid, signal.SIGKILL)
        time.sleep(self.args.down)
        took = self.pg_ctl("start")
        return None, "kill -9 %d, %.0f s down, start took %.2f s" % (pid, self.args.down, took)

    def stall(self, fault_at):
        self.proxy.freeze()
        freeze_s = self.socket_s + self.args.stall_extra
        time.sleep(freeze_s)
        self.proxy.resume()
        return None, "proxy frozen %.1f s (socket timeout %.1f s), %d connections held" % (
            freeze_s, self.socket_s, self.proxy.open_pairs())

    def stall_then_reset(self, fault_at):
        self.proxy.freeze()
        freeze_s = self.socket_s + self.args.stall_extra
        time.sleep(freeze_s)
        held = self.proxy.open_pairs()
        self.proxy.reset()
        self.proxy.resume()
        return None, "proxy frozen %.1f s, then its %d connections reset (RST) and forwarding resumed" % (
            freeze_s, held)

    def lock_table(self, fault_at):
        holder = PgSession("127.0.0.1", self.direct_port, "postgres", self.args.database, 5)
        hold_s = self.statement_s + self.args.lock_extra
        try:
            holder.query("BEGIN; LOCK TABLE books IN ACCESS EXCLUSIVE MODE", timeout=10)
            time.sleep(hold_s)
            waiting = holder.query("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'books' "
                                   "AND wait_event_type = 'Lock'", timeout=5)[0][0]
            holder.query("COMMIT", timeout=10)
        finally:
            holder.close()
        return None, "ACCESS EXCLUSIVE on books held %.1f s; %s Books sessions waiting on it at release" % (
            hold_s, waiting)

    def down_at_start(self):
        """Books starts while the database is down: it must come up unready, answer 503, and recover."""
        name = "down-at-start"
        self.books.stop()
        self.pg_ctl("stop", "-m", "fast")
        self.prober.aim(self.direct_port)
        log_offset = self.books.log_size()
        process = self.books.start()
        live = self.books.wait_live(30)
        if not live:
            time.sleep(0.5)
            log = self.books.log_since(log_offset)
            status = process.poll()
            last = [line for line in log.splitlines() if re.search(r"\b(ERROR|WARN)\b|Exception", line)][:3]
            line = ("%-16s FAIL  Books did not come up while the database was down (exit status %s)  WHY: %s"
                    % (name, status, " | ".join(s.strip()[:220] for s in last) or "no log"))
            print(line, flush=True)
            self.lines.append(line)
            self.failures += 1
            self.pg_ctl("start")
            return False
        ready_status = http_get(self.args.http_port, "/health/ready")[0]
        note = "/health/ready %s while down" % ready_status

        def fault(fault_at):
            took = self.pg_ctl("start")
            return None, note + ", cluster start took %.2f s" % took

        ok = self.run_scenario(name, fault, log_offset=log_offset)
        if ready_status != 503:
            self.lines[-1] += "  (and /health/ready was %s, not 503, while the database was down)" % ready_status
            print("    FAIL: /health/ready was %s, not 503, while the database was down" % ready_status)
            if ok:
                self.failures += 1
            return False
        return ok

    # -- main ----------------------------------------------------------------------------------------------

    def run(self):
        a = self.args
        print("Bounds: one database call waits at most connect %.1f s + pool validation %.1f s + max(statement "
              "%.1f s, socket %.1f s) = %.1f s; a request may take calls x that + %.1f s slack: GET/list/POST %.1f s, "
              "PATCH (read, then update) %.1f s. Recovery: first 2xx within %.1f s of the database answering again "
              "(direct probe), no 503 on a request started later than that. Threads: back within %d of the "
              "baseline within %d s." % (self.connect_s, min(self.connect_s, 5.0), self.statement_s, self.socket_s,
                                         self.call_s, self.slack_s, self.bound("get"), self.bound("patch"),
                                         a.recovery, a.thread_tolerance, a.thread_wait), flush=True)
        if not self.start_books():
            print("Books did not become ready; its log:\n" + self.books.log_since(0)[-4000:])
            return 1
        self.seed()
        warm = self.warm_up()
        print("Books ready (pid %d); %d books seeded; warm-up %d requests; baseline %d live threads"
              % (self.books.process.pid, len(self.ids), warm, self.baseline_threads), flush=True)
        only = set(a.only.split(",")) if a.only else None

        scenarios = [
            ("fast-restart", lambda: self.run_scenario("fast-restart", self.fast_restart)),
            ("kill-9", lambda: self.run_scenario("kill-9", self.kill_postmaster)),
            ("stall", lambda: self.run_scenario("stall", self.stall, probe_port=self.proxy.port)),
            ("stall-reset", lambda: self.run_scenario("stall-reset", self.stall_then_reset,
                                                      probe_port=self.proxy.port)),
            ("lock", lambda: self.run_scenario("lock", self.lock_table, probe_sql="SELECT 1 FROM books LIMIT 1")),
            ("down-at-start", self.down_at_start),
        ]
        for key, scenario in scenarios:
            if only and key not in only:
                continue
            scenario()
        self.books.stop()
        self.prober.stop()
        self.proxy.close()
        print("TOTAL: %d scenario(s), %d failed" % (len(self.lines), self.failures), flush=True)
        return 1 if self.failures else 0


def summarise_log(lines):
    """WARN/ERROR lines grouped by logger and message, numbers and ids masked."""
    counts = collections.Counter()
    for line in lines:
        text = re.sub(r"^\S+ \[[^\]]*\] ", "", line.strip())  # timestamp and thread
        text = re.sub(r"@[0-9a-f]+\b", "@…", text)  # object identities
        text = re.sub(r"\b[0-9a-f]{32}\b|\b[0-9a-f-]{36}\b", "<id>", text)  # request and book ids
        text = re.sub(r"\b\d+ ?ms\b", "N ms", text)
        counts[text[:180]] += 1
    return counts.most_common(8)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--jar", required=True)
    p.add_argument("--java", default="java")
    p.add_argument("--java-opts", default="-Xmx256m")
    p.add_argument("--cluster", required=True)
    p.add_argument("--pg-port", type=int, required=True)
    p.add_argument("--pg-data", required=True)
    p.add_argument("--database", default="books")
    p.add_argument("--proxy-port", type=int, default=0)
    p.add_argument("--http-port", type=int, required=True)
    p.add_argument("--state-dir", required=True)
    p.add_argument("--pool-size", type=int, default=4)
    p.add_argument("--connect-timeout-ms", type=int, default=1000)
    p.add_argument("--statement-timeout-ms", type=int, default=2000)
    p.add_argument("--socket-timeout-ms", type=int, default=3000)
    p.add_argument("--readiness-timeout-ms", type=int, default=1000)
    p.add_argument("--slack-ms", type=int, default=1000)
    p.add_argument("--clients", type=int, default=6)
    p.add_argument("--pause-ms", type=int, default=20)
    p.add_argument("--client-timeout", type=float, default=30)
    p.add_argument("--seed", type=int, default=8)
    p.add_argument("--warmup", type=float, default=5)
    p.add_argument("--before", type=float, default=2, help="seconds of load before each fault")
    p.add_argument("--after", type=float, default=5, help="seconds of load after the database answers again")
    p.add_argument("--down", type=float, default=3, help="seconds the killed postmaster stays down")
    p.add_argument("--stall-extra", type=float, default=2, help="the freeze lasts the socket timeout plus this")
    p.add_argument("--lock-extra", type=float, default=2, help="the lock is held the statement timeout plus this")
    p.add_argument("--recovery", type=float, default=2)
    p.add_argument("--thread-tolerance", type=int, default=4)
    p.add_argument("--thread-wait", type=int, default=20)
    p.add_argument("--only", default="", help="comma-separated scenario keys: fast-restart, kill-9, stall, "
                   "stall-reset, lock, down-at-start")
    args = p.parse_args()
    suite = Suite(args)
    try:
        sys.exit(suite.run())
    finally:
        suite.books.stop()


if __name__ == "__main__":
    main()
