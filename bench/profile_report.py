#!/usr/bin/env python3
"""Summarises one profiled scenario of bench/run.sh (PROFILE=1): where the machine's CPU went (perf, by process
and kernel/user) and where the server's Java code spent its samples (JFR, by library and by method).

Usage: profile_report.py --server-pid PID [--bench 'scenario=... rps=...'] [--jfr FILE.jfr] [--perf FILE.data]
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys

# Library of a frame, by class-name prefix; the first match wins.
LIBRARIES = [
    ("dev.books.", "Books code"),
    ("bench.peer.", "peer code"),
    ("org.slf4j.", "logging (slf4j-simple)"),
    ("org.postgresql.", "pgjdbc"),
    ("com.zaxxer.hikari.", "HikariCP"),
    ("org.jdbi.", "JDBI"),
    ("com.fasterxml.jackson.", "Jackson"),
    ("tools.jackson.", "Jackson"),
    ("org.hibernate.validator.", "Hibernate Validator"),
    ("jakarta.validation.", "Hibernate Validator"),
    ("io.micrometer.", "Micrometer"),
    ("io.javalin.", "Javalin"),
    ("kotlin.", "Javalin"),  # Javalin is written in Kotlin: its stdlib calls are Javalin's
    ("org.eclipse.jetty.", "Jetty"),
    ("org.springframework.", "Spring"),
    ("org.apache.catalina.", "Tomcat"),
    ("org.apache.coyote.", "Tomcat"),
    ("org.apache.tomcat.", "Tomcat"),
]
# Frames worth an inclusive share ("how much of the time is spent under X").
INCLUSIVE = [
    ("access log line (EdgeHandler completion)", re.compile(r"EdgeHandler\$Completion\.completed")),
    ("slf4j-simple write", re.compile(r"^org\.slf4j\.simple\.")),
    ("request metrics (Micrometer)", re.compile(r"^io\.micrometer\.")),
    ("Javalin", re.compile(r"^io\.javalin\.")),
    ("Jetty ee10 servlet layer", re.compile(r"^org\.eclipse\.jetty\.ee10\.")),
    ("JDBI (all, incl. the pgjdbc calls under it)", re.compile(r"^org\.jdbi\.")),
    ("pgjdbc", re.compile(r"^org\.postgresql\.")),
    ("HikariCP getConnection/close", re.compile(r"^com\.zaxxer\.hikari\.")),
    ("Jackson", re.compile(r"^(com\.fasterxml|tools)\.jackson\.")),
    ("Bean Validation", re.compile(r"^(org\.hibernate\.validator|jakarta\.validation)\.")),
    ("domain rebuild (BookRow.toBook / Book)", re.compile(r"BookRow\.toBook|dev\.books\.domain\.")),
    ("socket writes", re.compile(r"SocketChannelImpl\.write|SocketOutputStream\.write|NioSocketImpl\.write")),
    ("socket reads", re.compile(r"SocketChannelImpl\.read|SocketInputStream\.read|NioSocketImpl\.read")),
]


def library(cls):
    for prefix, name in LIBRARIES:
        if cls.startswith(prefix):
            return name
    return None


def frame_name(frame):
    method = frame.get("method", {})
    cls = (method.get("type") or {}).get("name", "?").replace("/", ".")
    return cls, "%s.%s" % (cls, method.get("name", "?"))


def jfr_report(path, out):
    raw = subprocess.run(["jfr", "print", "--json", "--stack-depth", "128", "--events", "jdk.ExecutionSample",
                          path], check=True, capture_output=True, text=True).stdout
    events = json.loads(raw)["recording"]["events"]
    total = len(events)
    if not total:
        print("JFR: no execution samples", file=out)
        return
    by_lib, by_leaf, by_thread, inclusive = (collections.Counter() for _ in range(4))
    for e in events:
        frames = e["values"].get("stackTrace", {}).get("frames", [])
        names = [frame_name(f) for f in frames]
        thread = e["values"].get("sampledThread", {}).get("javaName") or "?"
        by_thread[re.sub(r"\d+", "N", thread)] += 1
        if names:
            by_leaf[names[0][1]] += 1
        # Self time by library: the library of the frame nearest the leaf that belongs to one, so JDK code
        # (HashMap, String, socket I/O) counts for the library that called it.
        lib = next((library(cls) for cls, _ in names if library(cls)), "JDK / other")
        by_lib[lib] += 1
        seen = set()
        for label, pattern in INCLUSIVE:
            if label not in seen and any(pattern.search(full) for _, full in names):
                inclusive[label] += 1
                seen.add(label)

    def table(title, counter, limit):
        print("\n%s (%d samples)" % (title, total), file=out)
        for name, n in counter.most_common(limit):
            print("  %5.1f%%  %s" % (100.0 * n / total, name), file=out)

    table("JFR execution samples by library (self, JDK frames charged to their caller)", by_lib, 20)
    table("JFR inclusive: samples with a frame under ...", inclusive, 20)
    table("JFR top methods (self)", by_leaf, 25)
    table("JFR samples by thread", by_thread, 10)


def perf_report(path, server_pid, out):
    text = subprocess.run(["perf", "report", "-i", path, "--sort", "pid,dso", "--stdio", "-q"],
                          capture_output=True, text=True).stdout
    groups = collections.Counter()
    total = 0.0
    # perf's "pid" is the thread id: the server's threads are those listed under /proc/PID/task.
    try:
        server_tids = {int(t) for t in os.listdir("/proc/%d/task" % server_pid)}
    except OSError:
        server_tids = {server_pid}
    for line in text.splitlines():
        # "  9.00%     1293:C2 CompilerThre  libjvm.so": a thread name may hold single spaces
        m = re.match(r"\s*([\d.]+)%\s+(\d+):(.+?)\s{2,}(\S.*?)\s*$", line)
        if not m:
            continue
        share, pid, comm, dso = float(m.group(1)), int(m.group(2)), m.group(3), m.group(4)
        if pid == 0 or comm.startswith("swapper"):
            who = "idle"
        elif pid in server_tids:
            who = "server"
        elif comm.startswith("postgres"):
            who = "postgres"
        elif comm.startswith("wrk"):
            who = "wrk"
        else:
            who = "other (%s)" % comm
        groups[(who, "kernel" if "kernel" in dso else "user")] += share
        total += share
    busy = total - groups[("idle", "kernel")] - groups[("idle", "user")]
    print("\nperf, whole machine (cpu-clock samples, 499 Hz, both CPUs): share of busy CPU time", file=out)
    print("  busy %.1f%% of the samples" % busy, file=out)
    whos = sorted({w for w, _ in groups if w != "idle"}, key=lambda w: -(groups[(w, "user")] + groups[(w, "kernel")]))
    for who in whos:
        u, k = groups[(who, "user")], groups[(who, "kernel")]
        if u + k < 0.2:
            continue
        print("  %-28s %5.1f%%   (user %5.1f%%, kernel %5.1f%%)"
              % (who, 100 * (u + k) / busy, 100 * u / busy, 100 * k / busy), file=out)
    threads = subprocess.run(["perf", "report", "-i", path, "--pid", str(server_pid), "--sort", "comm", "--stdio",
                              "-q"], capture_output=True, text=True).stdout
    print("\nperf, server threads (share of the busy CPU time)", file=out)
    agg = collections.Counter()
    for line in threads.splitlines():
        m = re.match(r"\s*([\d.]+)%\s+(.+?)\s*$", line)
        if m:
            agg[re.sub(r"\d+", "N", m.group(2))] += float(m.group(1))
    for name, share in agg.most_common(10):
        print("  %5.1f%%  %s" % (100 * share / busy, name), file=out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server-pid", type=int, required=True)
    ap.add_argument("--bench", default="")
    ap.add_argument("--jfr")
    ap.add_argument("--perf")
    args = ap.parse_args()
    out = sys.stdout
    if args.bench:
        print(args.bench, file=out)
    if args.perf:
        perf_report(args.perf, args.server_pid, out)
    if args.jfr:
        jfr_report(args.jfr, out)


if __name__ == "__main__":
    main()
