#!/usr/bin/env python3
"""What the fence costs a look-up by id (ADR 0015): GET /books/{id} with wrk against one Books instance of the
cluster up.sh built, in three ways, each at 1 and at 32 connections:

  primary   no token: the look-up runs on the primary (what Books does);
  fenced    a token from beyond the primary's log, which Books replaces with a fence asked of the primary: the
            look-up runs on the replica after one (coalesced) statement on the primary, as every plain look-up
            would if it went to the replica;
  token     a real token: the look-up runs on the replica, and the primary is not asked at all.

For each it prints wrk's throughput and latency, and from Books' own counters the statements each request cost the
primary (look-ups there, and fetches of its position: with many readers at once one fetch serves several; the
replica probe's two a second are included) and the reads the replica answered. Run it on a quiet machine: the
client, the service and both servers share the cores.

  bench/cluster/up.sh --instances 1 && python3 bench/cluster/fence_cost.py && bench/cluster/down.sh
"""

import argparse
import json
import os
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scale import Client, Cluster, new_book  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def seed(base, count, threads=8):
    ids, lock = [], threading.Lock()

    def worker(n):
        client = Client(base, keep_alive=True)
        for _ in range(n):
            status, _, body = client.send("POST", "/books", new_book("fence"))
            if status == 201:
                with lock:
                    ids.append(json.loads(body)["id"])
        client.close()

    pool = [threading.Thread(target=worker, args=(count // threads,)) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return ids


def counters(cluster):
    """(statements on the primary, reads on the replica) so far, from Books' metrics."""
    m = cluster.metrics()
    on_primary = sum(v for (name, labels), v in m.items()
                     if name == "books_db_reads_total" and 'endpoint="primary"' in labels)
    fetches = sum(v for (name, _), v in m.items() if name == "books_db_fence_fetches_total")
    on_replica = sum(v for (name, labels), v in m.items()
                     if name == "books_db_reads_total" and 'endpoint="replica"' in labels)
    return on_primary + fetches, on_replica


def wrk(base, ids_file, connections, seconds, token):
    out = subprocess.run(["wrk", "-t%d" % min(2, connections), "-c%d" % connections, "-d%ds" % seconds, "--latency", "-s",
                          os.path.join(HERE, "get_by_id.lua"), base, "--", ids_file],
                         check=True, capture_output=True, text=True,
                         env=dict(os.environ, TOKEN=token or "")).stdout
    return [line for line in out.splitlines() if line.startswith("requests=")][0]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--state", default=os.environ.get("STATE", "/tmp/books-cluster"))
    p.add_argument("--books", type=int, default=1000)
    p.add_argument("--seconds", type=int, default=10)
    p.add_argument("--warmup", type=int, default=20)
    p.add_argument("--rounds", type=int, default=2)
    args = p.parse_args()
    cluster = Cluster(args.state)
    base = cluster.instances[0]
    ids = seed(base, args.books)
    ids_file = os.path.join(args.state, "ids.txt")
    with open(ids_file, "w") as f:
        f.write("\n".join(ids) + "\n")
    _, headers, _ = Client(base).send("PATCH", "/books/" + ids[0], {"publishedYear": 2000})
    real_token = headers.get("books-consistency-token")
    time.sleep(1)  # the replica replays the last write, and the real token stays behind it from now on
    wrk(base, ids_file, 32, args.warmup, None)
    print("books=%d seconds=%d machine-load=%s" % (len(ids), args.seconds, os.getloadavg()[0]))
    for round_ in range(1, args.rounds + 1):
        for name, token in (("primary", None), ("fenced", "FFFFFFFF/FFFFFFFF"), ("token", real_token)):
            for connections in (1, 32):
                primary0, replica0 = counters(cluster)
                line = wrk(base, ids_file, connections, args.seconds, token)
                primary1, replica1 = counters(cluster)
                requests = int(line.split()[0].split("=")[1]) or 1
                print("round=%d way=%-7s connections=%-2d %s primary_statements_per_request=%.3f"
                      " replica_reads_per_request=%.3f"
                      % (round_, name, connections, line, (primary1 - primary0) / requests,
                         (replica1 - replica0) / requests))


if __name__ == "__main__":
    main()
