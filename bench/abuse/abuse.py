#!/usr/bin/env python3
"""The abuse suite of issue 8: hostile requests against a running Books service, one line per attack and a total.

An attack fails on any 5xx (transfer-codings may answer 501), a probe request slower than 10 s or failing while it
runs, heap or thread growth that does not go back within --settle seconds after it, any ERROR line the service
logs meanwhile, or its own checks (see README.md). Exit status 0 when every attack passed, 1 otherwise.

    bench/abuse/run.sh                                   # starts the fat jar with -Xmx256m and runs everything
    bench/abuse/abuse.py --port 8080 --pid 1234 --log books.log --only smuggling,fuzz --seed 7
"""
import argparse
import os
import secrets
import sys
import time
import traceback
from dataclasses import dataclass

import attacks
import fuzz
from outcome import Outcome
import rawhttp
from service import Footprint, Probe, Service

MiB = 2 ** 20
HEAP_TOLERANCE = 24 * MiB
THREAD_TOLERANCE = 8

# Cheap, functional attacks first; the ones that strain memory or threads last (memory, which wedged the service
# for minutes at 0bffd84, at the very end), so that a service they knock over still gets a fair hearing on the rest.
ATTACKS = [
    ("head-operations", attacks.head_operations),
    ("raw-non-utf8-query", attacks.raw_non_utf8_query),
    ("stray-pages", attacks.stray_pages),
    ("unicode", attacks.unicode),
    ("repeated-conditional-headers", attacks.repeated_conditional_headers),
    ("idempotency-key", attacks.idempotency_key),
    ("concurrent-unconditional-patch", attacks.concurrent_unconditional_patch),
    ("transfer-codings", attacks.transfer_codings),
    ("smuggling", attacks.smuggling),
    ("pipelining", attacks.pipelining),
    ("fuzz", fuzz.fuzz),
    ("websocket-upgrade", attacks.websocket_upgrade),
    ("error-amplification", attacks.error_amplification),
    ("idle-after-request-line", attacks.idle_after_request_line),
    ("slowloris-headers", attacks.slowloris_headers),
    ("slowloris-body", attacks.slowloris_body),
    ("memory", attacks.memory),
    # From an address of its own (127.0.0.2): its lockout after too many failed authentications spares the rest.
    ("credential-guessing", attacks.credential_guessing),
]


@dataclass
class Context:
    svc: Service
    args: argparse.Namespace
    nonce: str  # makes this run's titles unique, so the suite can run twice against one database
    book_id: str  # a book every attack may read


def settle(svc, before, seconds):
    """Polls until heap and threads are back within tolerance of `before`; returns (footprint, waited, ok)."""
    started = time.monotonic()
    while True:
        try:
            now = svc.footprint()
        except Exception as e:  # the service does not answer /metrics (or jcmd failed): keep trying
            now = Footprint(None, -1, "unmeasurable: %s" % (str(e) or e.__class__.__name__))
            if time.monotonic() - started >= seconds:
                return now, time.monotonic() - started, False
            time.sleep(1)
            continue
        heap_ok = now.heap is None or before.heap is None or now.heap <= before.heap + HEAP_TOLERANCE
        ok = heap_ok and now.threads <= before.threads + THREAD_TOLERANCE
        waited = time.monotonic() - started
        if ok or waited >= seconds:
            return now, waited, ok
        time.sleep(1)


def run_attack(ctx, name, attack, before, log_offset):
    """Runs one attack with the probe around it; returns (outcome, footprint after, log offset after)."""
    out = Outcome(name)
    probe = Probe(ctx.svc)
    probe.start()
    started = time.monotonic()
    try:
        attack(ctx, out)
    except Exception as e:  # a bug in the suite, or a service so broken the attack could not go on
        out.fail("attack stopped: %r" % e)
        if ctx.args.verbose:
            traceback.print_exc()
    elapsed = time.monotonic() - started
    probe.stop()

    fives = {s: n for s, n in out.statuses.items() if isinstance(s, int) and s >= 500 and s not in out.allowed_5xx}
    if fives:
        out.fail("5xx answers: " + ", ".join("%d×%d" % (n, s) for s, n in sorted(fives.items())))
    if probe.failures:
        out.fail("probe: %d failed (%s)" % (len(probe.failures), probe.failures[0]))
    if out.probe_p90_limit is not None and probe.percentile(0.9) >= out.probe_p90_limit:
        out.fail("probe p90 %.0f ms (limit %.0f ms)" % (probe.percentile(0.9) * 1000, out.probe_p90_limit * 1000))

    after, waited, ok = settle(ctx.svc, before, ctx.args.settle)
    growth = after.growth_since(before)
    if not ok:
        out.fail("not back to baseline %.0f s after: %s → %s" % (waited, before, after))
    if out.heap_growth_limit is not None and None not in (after.heap, before.heap) \
            and after.heap - before.heap > out.heap_growth_limit:
        out.fail("heap grew %.1f MiB (limit %.1f MiB for this attack)" % (
            (after.heap - before.heap) / MiB, out.heap_growth_limit / MiB))

    errors = ctx.svc.errors_since(log_offset)
    if errors:
        out.fail("%d ERROR lines in the log, first: %s" % (len(errors), errors[0][:160]))
    probe_text = probe.summary()
    if out.probe_p90_limit is not None:
        probe_text += " p90=%.0fms" % (probe.percentile(0.9) * 1000)
    verdict = "PASS" if not out.failures else "FAIL"
    print("%-31s %6d req %5.1fs  %s  %s  %s (settled %.0fs)  %s" % (
        name, out.requests, elapsed, out.histogram(), probe_text, growth, waited, verdict), flush=True)
    for note in out.notes:
        print("    · " + note, flush=True)
    for reason in out.failures:
        print("    ✗ " + reason, flush=True)
    return out, after, ctx.svc.log_offset()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--pid", type=int, help="the service's JVM pid, for jcmd GC.run (without it: no heap check)")
    parser.add_argument("--log", help="the service's log file (without it: no ERROR check)")
    parser.add_argument("--only", help="comma-separated attack names (see --list)")
    parser.add_argument("--api-key-file", help="a file holding an API key with every scope (the service's"
                        " BOOKS_DATA_DIR/dev-api-key); every request carries it unless an attack says otherwise")
    parser.add_argument("--list", action="store_true", help="print the attack names and exit")
    parser.add_argument("--seed", default="8", help="fuzz seed (default 8): the same seed sends the same requests")
    parser.add_argument("--settle", type=float, default=20, help="seconds to wait for heap/threads to come back")
    parser.add_argument("--fuzz-requests", type=int, default=10_000)
    parser.add_argument("--fuzz-connections", type=int, default=8)
    parser.add_argument("--fuzz-dump", help="write every failing fuzz request to this file (JSON lines)")
    parser.add_argument("--memory-rounds", type=int, default=3)
    parser.add_argument("--memory-concurrency", type=int, default=40)
    parser.add_argument("--websocket-requests", type=int, default=8_000)
    parser.add_argument("--slow-connections", type=int, default=500)
    parser.add_argument("--slow-seconds", type=float, default=20, help="how long each slowloris attack lasts")
    parser.add_argument("--slow-interval", type=float, default=3, help="seconds between two trickled pieces")
    parser.add_argument("--slow-drop-seconds", type=float, default=15,
                        help="slowloris-body: the server must drop a trickled body within this many seconds")
    parser.add_argument("--idle-connections", type=int, default=100)
    parser.add_argument("--idle-wait", type=float, default=40, help="idle-after-request-line: longest wait for closes")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()

    names = [n for n, _ in ATTACKS]
    if args.list:
        print("\n".join(names))
        return 0
    chosen = ATTACKS
    if args.only:
        wanted = [n.strip() for n in args.only.split(",") if n.strip()]
        unknown = [n for n in wanted if n not in names]
        if unknown:
            parser.error("unknown attack(s) %s; known: %s" % (", ".join(unknown), ", ".join(names)))
        chosen = [(n, f) for n, f in ATTACKS if n in wanted]

    if args.api_key_file:
        with open(args.api_key_file, encoding="ascii") as key:
            rawhttp.CREDENTIALS[:] = [("X-Api-Key", key.read().strip())]
    svc = Service(args.host, args.port, args.pid, args.log)
    nonce = secrets.token_hex(4)
    book = svc.create_book(title="Abuse anchor " + nonce, author="Abuse Suite")
    ctx = Context(svc, args, nonce, book["id"])
    for path in ["/books?limit=1", "/books/" + book["id"], "/health/live", "/metrics"]:
        svc.call("GET", path)  # warm-up, so the baseline is not the first touch of anything
    svc.footprint()  # the first full GC after start still frees start-up garbage (3-4 MiB): measure after the second
    baseline = svc.footprint()
    print("abuse: %s:%d pid=%s seed=%s; baseline %s; tolerance +%d MiB heap, +%d threads, settle ≤ %.0f s" % (
        args.host, args.port, args.pid or "?", args.seed, baseline, HEAP_TOLERANCE // MiB, THREAD_TOLERANCE,
        args.settle), flush=True)

    started = time.monotonic()
    outcomes = []
    before, offset = baseline, svc.log_offset()
    for name, attack in chosen:
        out, before, offset = run_attack(ctx, name, attack, before, offset)
        if before.problem:
            before = baseline  # the next attack is judged against the first baseline instead
        outcomes.append(out)

    final, waited, ok = settle(svc, baseline, args.settle)
    drift = "baseline %s → now %s" % (baseline, final)
    errors = svc.errors_since(0)
    failed = [o.name for o in outcomes if o.failures]
    print("abuse: %d attacks, %s requests, %d failed%s; %s%s; %d ERROR lines in the log; %.0f s" % (
        len(outcomes), format(sum(o.requests for o in outcomes), ","), len(failed),
        " (%s)" % ", ".join(failed) if failed else "", drift, "" if ok else " (NOT back)", len(errors),
        time.monotonic() - started), flush=True)
    return 0 if not failed and ok and not errors else 1


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    sys.exit(main())
