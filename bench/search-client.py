#!/usr/bin/env python3
"""Runs the searches of a query set through the HTTP API at N concurrent clients and prints recall and latency.

    bench/search-client.py BASE_URL QUERIES_TSV [CLIENTS=8] [PASSES=3]

QUERIES_TSV: the columns of search-queries.py followed by the intended book's id. Each pass sends every search once
(GET /books?q=…, the default first page of 20), spread over CLIENTS threads with a kept-alive connection each. The
first pass warms the caches and is not timed; recall counts the searches whose first page holds the intended book
(from the last pass; every pass is checked to agree). Latency is per request, as the client sees it, over the timed
passes.
"""
import http.client
import json
import queue
import sys
import threading
import time
import urllib.parse


def percentile(sorted_values, p):
    return sorted_values[min(len(sorted_values) - 1, int(len(sorted_values) * p))]


def main():
    base, path = sys.argv[1], sys.argv[2]
    clients = int(sys.argv[3]) if len(sys.argv) > 3 else 8
    passes = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    url = urllib.parse.urlsplit(base)
    queries = [line.rstrip("\n").split("\t") for line in open(path, encoding="utf-8") if line.strip()]
    found = {}
    latencies = []
    errors = []
    lock = threading.Lock()

    def run_pass(timed):
        work = queue.Queue()
        for q in queries:
            work.put(q)

        def client():
            conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
            while True:
                try:
                    n, text, kind, where, title, book_id = work.get_nowait()
                except queue.Empty:
                    conn.close()
                    return
                target = "/books?q=" + urllib.parse.quote(text)
                start = time.perf_counter()
                conn.request("GET", target)
                response = conn.getresponse()
                body = response.read()
                elapsed = (time.perf_counter() - start) * 1000
                with lock:
                    if response.status != 200:
                        errors.append((text, response.status))
                        continue
                    ids = [item["id"] for item in json.loads(body)["items"]]
                    hit = book_id in ids
                    if n in found and found[n] != hit:
                        errors.append((text, "answer changed between passes"))
                    found[n] = hit
                    if timed:
                        latencies.append(elapsed)

        threads = [threading.Thread(target=client) for _ in range(clients)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return time.perf_counter() - started

    run_pass(timed=False)
    wall = sum(run_pass(timed=True) for _ in range(passes - 1))
    latencies.sort()
    hits = sum(1 for q in queries if found.get(q[0]))
    print("searches=%d clients=%d timed_passes=%d requests=%d errors=%d" % (
        len(queries), clients, passes - 1, len(latencies), len(errors)))
    print("recall=%.1f%% (%d of %d intended books on the first page)" % (100.0 * hits / len(queries), hits,
                                                                           len(queries)))
    for kind in sorted({q[2] for q in queries}):
        for where in sorted({q[3] for q in queries}):
            group = [q for q in queries if q[2] == kind and q[3] == where]
            if group:
                print("  %s in %s: %d of %d" % (kind, where, sum(1 for q in group if found.get(q[0])), len(group)))
    print("latency_ms p50=%.1f p90=%.1f p99=%.1f max=%.1f throughput=%.0f/s" % (
        percentile(latencies, 0.50), percentile(latencies, 0.90), percentile(latencies, 0.99), latencies[-1],
        len(latencies) / wall))
    for text, problem in errors[:10]:
        print("error: %s: %s" % (text, problem))
    missed = [q for q in queries if not found.get(q[0])]
    for q in missed:
        print("missed: %s (%s in %s) wanted %s" % (q[1], q[2], q[3], q[4]))


if __name__ == "__main__":
    main()
