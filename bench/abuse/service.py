"""The service under attack, as the suite sees it: requests, a probe that keeps asking it a normal question,
its heap and threads after a full GC (jcmd + /metrics), and the ERROR lines of its log."""
import json
import re
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass

from rawhttp import Conn, Hang, NoResponse, build

# slf4j-simple as bootstrap configures it: "2026-12-06T04:14:11.410Z [main] INFO Main - ..."
ERROR_LINE = re.compile(r"^\S+ \[[^\]]*\] ERROR ")


@dataclass
class Footprint:
    heap: float  # bytes used on the heap right after a full GC; None when the pid is unknown
    threads: int
    problem: str = None  # why it could not be measured

    def __str__(self):
        if self.problem:
            return self.problem
        heap = "heap ?" if self.heap is None else "heap %.1f MiB" % (self.heap / 2 ** 20)
        return "%s, %d threads" % (heap, self.threads)

    def growth_since(self, before):
        if self.problem or before.problem:
            return "footprint unmeasurable"
        if None in (self.heap, before.heap):
            heap = "heap ?"
        else:
            heap = "heap %+.1f MiB" % ((self.heap - before.heap) / 2 ** 20)
        return "%s, threads %+d" % (heap, self.threads - before.threads)


class Service:
    def __init__(self, host, port, pid=None, log=None):
        self.host, self.port, self.pid, self.log = host, port, pid, log

    def conn(self, timeout=10.0, source=None):
        return Conn(self.host, self.port, timeout, source)

    def send(self, data, head=False, timeout=10.0, source=None):
        """One request on a fresh connection (from the local address source, if given)."""
        with self.conn(timeout, source) as c:
            return c.exchange(data, head=head)

    def call(self, method, target, body=None, headers=(), timeout=10.0):
        """A well-formed request; a dict or list body is sent as JSON."""
        headers = list(headers)
        if isinstance(body, (dict, list)):
            body = json.dumps(body, ensure_ascii=False).encode()
            if not any(n.lower() == "content-type" for n, _ in headers):
                content_type = "application/merge-patch+json" if method == "PATCH" else "application/json"
                headers.append(("Content-Type", content_type))
        return self.send(build(method, target, headers, body), head=method == "HEAD", timeout=timeout)

    def create_book(self, **fields):
        response = self.call("POST", "/books", fields)
        if response.status != 201:
            raise RuntimeError("could not create a book %r: %d %s" % (fields, response.status, response.body[:300]))
        return json.loads(response.body)

    # ---- footprint ---------------------------------------------------------------------------------------------

    def metrics(self):
        values = {}
        for line in self.call("GET", "/metrics").body.decode().splitlines():
            if line and not line.startswith("#"):
                name, _, value = line.rpartition(" ")
                values[name] = float(value)
        return values

    def footprint(self):
        """Heap in use after a full GC (all heap pools summed) and live JVM threads."""
        if self.pid:
            subprocess.run(["jcmd", str(self.pid), "GC.run"], check=True, capture_output=True, timeout=20)
        metrics = self.metrics()
        heap = sum(v for k, v in metrics.items() if k.startswith("jvm_memory_used_bytes{") and 'area="heap"' in k)
        threads = next(int(v) for k, v in metrics.items() if k.startswith("jvm_threads_live_threads"))
        return Footprint(heap if self.pid else None, threads)

    # ---- log ---------------------------------------------------------------------------------------------------

    def log_offset(self):
        if not self.log:
            return 0
        with open(self.log, "rb") as f:
            return f.seek(0, 2)

    def errors_since(self, offset):
        """The ERROR lines the service logged after this offset."""
        if not self.log:
            return []
        with open(self.log, "rb") as f:
            f.seek(offset)
            text = f.read().decode("utf-8", "replace")
        return [line for line in text.splitlines() if ERROR_LINE.match(line)]


class Probe(threading.Thread):
    """A normal client during an attack: GET /books?limit=1 on a fresh connection every 200 ms."""

    LIMIT = 10.0  # seconds: a probe slower than this is a hang

    def __init__(self, service, interval=0.2):
        super().__init__(daemon=True, name="probe")
        self.service, self.interval = service, interval
        self.latencies = []
        self.failures = []
        self._stopping = threading.Event()

    def run(self):
        request = build("GET", "/books?limit=1", [("X-Request-Id", "abuse-probe")])
        while not self._stopping.is_set():
            started = time.monotonic()
            try:
                with self.service.conn(self.LIMIT) as c:
                    response = c.exchange(request)
                if response.status != 200:
                    self.failures.append("probe got %d" % response.status)
            except Hang:
                self.failures.append("probe hung > %.0f s" % self.LIMIT)
            except (NoResponse, OSError) as e:
                self.failures.append("probe failed: %s" % e)
            self.latencies.append(time.monotonic() - started)
            self._stopping.wait(max(self.interval - (time.monotonic() - started), 0.01))

    def stop(self):
        self._stopping.set()
        self.join(self.LIMIT + 5)

    def percentile(self, p):
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        return ordered[min(int(len(ordered) * p), len(ordered) - 1)]

    def summary(self):
        if not self.latencies:
            return "probe n=0"
        return "probe n=%d p50=%.0fms max=%.0fms" % (
            len(self.latencies), statistics.median(self.latencies) * 1000, max(self.latencies) * 1000)
