"""What one attack saw: the requests it sent, the answers by status, and why it failed (if it did)."""
import json
import threading
from collections import Counter


class Outcome:
    def __init__(self, name):
        self.name = name
        self.requests = 0
        self.statuses = Counter()  # status code, or "reset"/"closed"/"hang" when no answer came
        self.failures = []
        self.notes = []
        self.allowed_5xx = set()  # the only 5xx this attack may see (transfer-codings: 501)
        self.probe_p90_limit = None  # seconds; slowloris attacks hold the probe to < 100 ms
        self.heap_growth_limit = None  # bytes; stricter than the general tolerance where a leak is small per request
        self._lock = threading.Lock()

    def sent(self, status, count=1):
        with self._lock:
            self.requests += count
            self.statuses[status] += count

    def fail(self, reason):
        with self._lock:
            if reason not in self.failures:
                self.failures.append(reason)

    def note(self, text):
        with self._lock:
            self.notes.append(text)

    def expect(self, condition, reason):
        if not condition:
            self.fail(reason)
        return condition

    def histogram(self):
        def key(item):
            return (0, item[0], "") if isinstance(item[0], int) else (1, 0, item[0])
        return "{" + " ".join("%s:%d" % kv for kv in sorted(self.statuses.items(), key=key)) + "}"


def problem_fault(response):
    """Why a 4xx answer is not a proper problem (RFC 9457 as docs/api.md promises), or None."""
    if response.media_type != "application/problem+json":
        return "%d with Content-Type %s" % (response.status, response.header("content-type"))
    try:
        problem = json.loads(response.body)
    except ValueError:
        return "%d problem body is not JSON: %r" % (response.status, response.body[:80])
    if not isinstance(problem, dict) or problem.get("status") != response.status:
        return "%d problem body names status %r" % (
            response.status, problem.get("status") if isinstance(problem, dict) else problem)
    return None
