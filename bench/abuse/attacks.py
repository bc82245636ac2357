"""The attacks of issue 8, one function each: (ctx, out) -> None, recording into out (an Outcome).

Each checks the behaviour the issue asks for, strictly enough that the defect found at 0bffd84 fails it, and no
more strictly than RFC 9110/9112 and docs/api.md allow (see README.md for each attack's rules)."""
import base64
import json
import random
import re
import select
import socket
import threading
import time
import uuid
from urllib.parse import quote

from outcome import problem_fault
from rawhttp import Hang, NoResponse, build, chunked

MiB = 2 ** 20


def _answer(out, call):
    """Runs call() -> Response, recording its status (or the lack of an answer); None when none came."""
    try:
        response = call()
    except Hang as e:
        out.sent("hang")
        out.fail("no answer: %s" % e)
        return None
    except (NoResponse, OSError) as e:
        out.sent("closed")
        out.fail("no answer: %s" % e)
        return None
    out.sent(response.status)
    return response


def _is_problem(out, response, what):
    fault = problem_fault(response)
    if fault:
        out.fail("%s: %s" % (what, fault))
    return fault is None


def _titles(ctx, title):
    """How many books have exactly this title (the list filter ignores case and repeated whitespace)."""
    page = json.loads(ctx.svc.call("GET", "/books?limit=100&title=" + quote(title)).body)
    return len(page["items"])


def _readable(sockets, timeout):
    """Those of the sockets with something to read (or closed); poll, since select() stops at descriptor 1023."""
    poller = select.poll()
    by_fd = {s.fileno(): s for s in sockets}
    for fd in by_fd:
        poller.register(fd, select.POLLIN)
    return [by_fd[fd] for fd, _ in poller.poll(timeout * 1000)]


def _run_threads(count, target, *args):
    threads = [threading.Thread(target=target, args=(i, *args), daemon=True) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


# ---- 1. memory --------------------------------------------------------------------------------------------------

def memory(ctx, out):
    """40 concurrent ~1 MB bodies whose JSON tree is huge (340,000 empty objects): every answer a 4xx."""
    body = b'{"title":"Tree","author":"T","x":[' + b",".join([b"{}"] * 340_000) + b"]}"
    head = build("POST", "/books", [("Content-Type", "application/json"), ("Content-Length", len(body))])
    request = head + body
    out.note("%d-byte bodies, %d × %d" % (len(body), ctx.args.memory_rounds, ctx.args.memory_concurrency))

    def one(_, barrier):
        with ctx.svc.conn(30) as c:
            try:
                barrier.wait(15)
            except threading.BrokenBarrierError:
                pass
            response = _answer(out, lambda: c.send_while_reading(request, timeout=30)[0])
        if response is None:
            return
        if out.expect(400 <= response.status < 500, "expected a 4xx for every tree body, got %d" % response.status):
            _is_problem(out, response, "tree body")

    for n in range(ctx.args.memory_rounds):
        barrier = threading.Barrier(ctx.args.memory_concurrency)
        _run_threads(ctx.args.memory_concurrency, one, barrier)
        if out.statuses["hang"] or out.statuses["closed"]:
            out.note("stopped after round %d: the service no longer answers" % (n + 1))
            break


# ---- 2. websocket-upgrade ---------------------------------------------------------------------------------------

def websocket_upgrade(ctx, out):
    """WebSocket upgrade requests to many paths: no Set-Cookie, no 101, and (by heap) no state left behind."""
    # A leaked session is ~700 bytes: 8,000 of them are ~5.5 MiB, well above the noise of a heap after full GC.
    out.heap_growth_limit = 2.5 * MiB
    total, connections, batch = ctx.args.websocket_requests, 8, 50
    paths = ["/", "/ws", "/socket", "/books", "/books/" + ctx.book_id, "/health/live", "/webjars/", "/chat",
             "/books/not-a-uuid", "/x"]

    def worker(n):
        rng = random.Random("%s-ws-%d" % (ctx.args.seed, n))
        c = ctx.svc.conn()
        try:
            for _ in range(total // connections // batch):
                requests = b"".join(build("GET", rng.choice(paths) + "?r=%d" % rng.getrandbits(30), [
                    ("Connection", "Upgrade"), ("Upgrade", "websocket"),
                    ("Sec-WebSocket-Key", base64.b64encode(rng.randbytes(16)).decode()),
                    ("Sec-WebSocket-Version", "13")]) for _ in range(batch))
                c.send(requests)
                for _ in range(batch):
                    response = _answer(out, c.read_response)
                    if response is None:
                        c.close()
                        c = ctx.svc.conn()
                        break
                    out.expect(response.status != 101, "a websocket upgrade was accepted (101)")
                    if response.all("set-cookie"):
                        cookies.append(response.header("set-cookie"))
                    if response.closes:
                        c.close()
                        c = ctx.svc.conn()
                        break
        finally:
            c.close()

    cookies = []
    _run_threads(connections, worker)
    if cookies:
        out.fail("%d responses set a cookie, e.g. Set-Cookie: %s" % (len(cookies), cookies[0][:70]))


# ---- 3. slowloris ----------------------------------------------------------------------------------------------

def _slowloris(ctx, out, opening, trickle, drop_required):
    """Holds ctx.args.slow_connections connections open for ctx.args.slow_seconds, each sending its opening and
    then trickle(n) every few seconds; reopens whatever the server drops, to keep the pressure on."""
    out.probe_p90_limit = 0.100
    count, window, interval = ctx.args.slow_connections, ctx.args.slow_seconds, ctx.args.slow_interval
    drop_limit = ctx.args.slow_drop_seconds
    socks = {}  # socket -> [opened, next send, bytes trickled]
    lifetimes, held_long, answered = [], 0, 0
    start = time.monotonic()

    def open_one():
        s = socket.create_connection((ctx.svc.host, ctx.svc.port), timeout=5)
        s.sendall(opening)
        s.setblocking(False)
        now = time.monotonic()
        socks[s] = [now, now + random.uniform(0.2, interval), 0]
        out.requests += 1

    for _ in range(count):
        try:
            open_one()
        except OSError as e:
            out.fail("could not open attack connection %d: %s" % (len(socks), e))
            break
    out.note("%d connections open after %.1f s" % (len(socks), time.monotonic() - start))

    def dropped(s, data=b""):
        nonlocal held_long, answered
        opened = socks.pop(s)[0]
        life = time.monotonic() - opened
        lifetimes.append(life)
        if data.startswith(b"HTTP/1."):
            answered += 1
            status = data[9:12].decode("latin-1")
            out.statuses[int(status) if status.isdigit() else "garbled"] += 1
        else:
            out.statuses["closed"] += 1
        if life > drop_limit:
            held_long += 1
        s.close()

    while time.monotonic() - start < window:
        for s in _readable(socks, 0.1):
            try:
                data = s.recv(65536)
            except OSError:
                data = b""
            dropped(s, data)
            if time.monotonic() - start < window - 1:
                try:
                    open_one()
                except OSError as e:
                    out.fail("could not reopen an attack connection: %s" % e)
        now = time.monotonic()
        for s, state in list(socks.items()):
            if state[1] <= now:
                try:
                    s.send(trickle(state[2]))
                    state[2] += 1
                except BlockingIOError:
                    pass
                except OSError:
                    dropped(s)
                    continue
                state[1] = now + interval
    now = time.monotonic()
    still_open = list(socks)
    held_long += sum(1 for s in still_open if now - socks[s][0] > drop_limit)
    out.statuses["held"] += len(still_open)
    for s in still_open:
        s.close()
    out.note("server dropped %d (answered %d), %d still open at the end; %d held > %.0f s%s" % (
        len(lifetimes), answered, len(still_open), held_long, drop_limit, "" if drop_required else " (allowed here)"))
    if drop_required and window <= drop_limit:
        out.note("--slow-seconds %.0f is too short to judge drops after %.0f s" % (window, drop_limit))
    if drop_required and held_long:
        out.fail("%d trickling connections held longer than %.0f s (no minimum data rate / request deadline)" % (
            held_long, drop_limit))


def slowloris_body(ctx, out):
    """POST /books with Content-Length: 1000 and one byte every few seconds: the server drops them, fast."""
    opening = build("POST", "/books", [("Content-Type", "application/json"), ("Content-Length", "1000")])
    _slowloris(ctx, out, opening, lambda n: b"{" if n == 0 else b" ", drop_required=True)


def slowloris_headers(ctx, out):
    """A request line, then one header line every few seconds, never the empty line that ends the headers."""
    opening = b"GET /books?limit=1 HTTP/1.1\r\nHost: books\r\n"
    _slowloris(ctx, out, opening, lambda n: b"X-Slow-%d: %d\r\n" % (n, n), drop_required=False)


# ---- 4. idle-after-request-line ---------------------------------------------------------------------------------

def idle_after_request_line(ctx, out):
    """GET /books HTTP/1.1 then silence: the server may close (or answer 408) when it likes, but logs no ERROR
    (the general log check) and answers no 5xx."""
    conns = []
    for _ in range(ctx.args.idle_connections):
        s = socket.create_connection((ctx.svc.host, ctx.svc.port), timeout=5)
        s.sendall(b"GET /books HTTP/1.1\r\n")
        s.setblocking(False)
        conns.append(s)
        out.requests += 1
    start = time.monotonic()
    open_ = set(conns)
    closed_at = []
    while open_ and time.monotonic() - start < ctx.args.idle_wait:
        for s in _readable(open_, 0.5):
            try:
                data = s.recv(65536)
            except OSError:
                data = b""
            if data.startswith(b"HTTP/1."):
                status = data[9:12].decode("latin-1")
                out.statuses[int(status) if status.isdigit() else "garbled"] += 1
            else:
                out.statuses["closed"] += 1
            closed_at.append(time.monotonic() - start)
            open_.discard(s)
            s.close()
    for s in open_:
        out.statuses["held"] += 1
        s.close()
    if closed_at:
        out.note("server closed %d after %.1f-%.1f s" % (len(closed_at), min(closed_at), max(closed_at)))
    if open_:
        out.note("%d still open after %.0f s (closed by the suite)" % (len(open_), ctx.args.idle_wait))
    time.sleep(1)  # lets the server log whatever our closing makes it log, inside this attack's log window


# ---- 5. error-amplification -------------------------------------------------------------------------------------

def error_amplification(ctx, out):
    """~1 MB of 130,000 distinct unknown keys: a 422 of at most a few KB, answered fast."""
    alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    keys = ('"%s%s%s":0' % (a, b, c) for a in alphabet for b in alphabet for c in alphabet)
    entries = [next(keys) for _ in range(130_000)]
    body = ('{"title":"Amplified %s","author":"A",' % ctx.nonce + ",".join(entries) + "}").encode()
    request = build("POST", "/books", [("Content-Type", "application/json")], body)
    out.note("%d-byte body" % len(body))
    sizes, times = [], []

    def one(_):
        with ctx.svc.conn(30) as c:
            response = _answer(out, lambda: c.send_while_reading(request, timeout=30)[0])
        if response is None:
            return
        sizes.append(len(response.body))
        times.append(response.elapsed)
        if out.expect(response.status == 422, "expected 422, got %d" % response.status):
            _is_problem(out, response, "unknown keys")
        out.expect(len(response.body) < 16 * 1024, "a %d-byte error answer (limit 16 KiB)" % len(response.body))
        out.expect(response.elapsed < 3.0, "answered in %.1f s (limit 3 s)" % response.elapsed)

    for _ in range(2):
        _run_threads(5, one)
    if sizes:
        out.note("answers %d-%d bytes in %.2f-%.2f s" % (min(sizes), max(sizes), min(times), max(times)))


# ---- 6. transfer-codings ----------------------------------------------------------------------------------------

def transfer_codings(ctx, out):
    """Transfer codings other than chunked, with a plain chunked body: 501 (or 400), never 201."""
    out.allowed_5xx = {501}
    variants = [("chunked",), ("gzip, chunked",), ("deflate, chunked",), ("compress, chunked",), ("foo, chunked",),
                ("gzip", "chunked"), ("foo", "chunked"), ("chunked, chunked",), ("chunked", "chunked")]
    for i, codings in enumerate(variants):
        title = "Coded %d %s" % (i, ctx.nonce)
        body = chunked(json.dumps({"title": title, "author": "Encoder"}))
        headers = [("Content-Type", "application/json")] + [("Transfer-Encoding", c) for c in codings]
        response = _answer(out, lambda: ctx.svc.send(build("POST", "/books", headers, body)))
        label = " + ".join("TE: " + c for c in codings)
        if response is None:
            continue
        if codings == ("chunked",):
            out.expect(response.status == 201, "control %s: expected 201, got %d (the suite's body is wrong?)" % (
                label, response.status))
            continue
        if out.expect(response.status in (400, 501), "%s: expected 501 or 400, got %d" % (label, response.status)):
            _is_problem(out, response, label)
        out.expect(_titles(ctx, title) == 0, "%s: the book was created anyway" % label)


# ---- 7. repeated-conditional-headers ----------------------------------------------------------------------------

def repeated_conditional_headers(ctx, out):
    """Repeated If-Match / If-None-Match lines are one comma-joined list (RFC 9110 §5.3)."""
    book = ctx.svc.create_book(title="Conditional " + ctx.nonce, author="Cond")
    target = "/books/" + book["id"]
    out.sent(201)

    def version():
        return json.loads(ctx.svc.call("GET", target).body)["version"]

    def patch(lines, category, expected, what):
        response = _answer(out, lambda: ctx.svc.call("PATCH", target, {"category": category},
                                                     [("If-Match", v) for v in lines]))
        if response is not None:
            out.expect(response.status == expected, "%s: expected %d, got %d" % (what, expected, response.status))

    def get(lines, expected, what):
        response = _answer(out, lambda: ctx.svc.call("GET", target, headers=[("If-None-Match", v) for v in lines]))
        if response is not None:
            out.expect(response.status == expected, "%s: expected %d, got %d" % (what, expected, response.status))

    v = version()
    patch(['"%d", "%d"' % (v + 4, v)], "One line", 200, 'If-Match: "%d", "%d" (control)' % (v + 4, v))
    v = version()
    patch(['"%d"' % (v + 4), '"%d"' % v], "Two lines", 200, 'If-Match: "%d" + If-Match: "%d" (two lines)' % (v + 4, v))
    v = version()
    patch(['"%d"' % (v + 5), '"%d"' % (v + 6)], "Stale", 412, "two If-Match lines naming no current version")
    v = version()
    get(['"%d", "%d"' % (v + 7, v)], 304, 'If-None-Match: "%d", "%d" (control)' % (v + 7, v))
    get(['"%d"' % (v + 7), '"%d"' % v], 304, 'If-None-Match: "%d" + If-None-Match: "%d" (two lines)' % (v + 7, v))
    get(['"%d"' % (v + 7), '"%d"' % (v + 8)], 200, "two If-None-Match lines naming no current version")


# ---- 8. head-operations -----------------------------------------------------------------------------------------

def head_operations(ctx, out):
    """HEAD on the operations routes carries GET's status and Content-Type, GET's length (or none), no body."""
    paths = ["/health/live", "/health/ready", "/metrics", "/openapi.json", "/openapi.yaml", "/docs", "/books?limit=1"]
    for path in paths:
        got = _answer(out, lambda: ctx.svc.call("GET", path))
        with ctx.svc.conn() as c:
            head = _answer(out, lambda: c.exchange(build("HEAD", path), head=True))
            body_follows = head is not None and c.trailing_bytes(0.3)
        if got is None or head is None:
            continue
        out.expect(head.status == got.status, "HEAD %s: status %d, GET %d" % (path, head.status, got.status))
        out.expect(head.header("content-type") == got.header("content-type"), "HEAD %s: Content-Type %s, GET %s" % (
            path, head.header("content-type"), got.header("content-type")))
        length = head.header("content-length")
        # GET's length: its Content-Length, or what it sent when it streamed (chunked) without one. /metrics changes
        # between two calls, so there only a length of 0 is wrong.
        get_length = got.header("content-length") or str(len(got.body))
        if length is not None and path != "/metrics":
            out.expect(length == get_length, "HEAD %s: Content-Length %s, GET's %s" % (path, length, get_length))
        if length is not None and path == "/metrics":
            out.expect(length != "0", "HEAD /metrics: Content-Length 0")
        out.expect(not body_follows, "HEAD %s: a body followed the headers" % path)


# ---- 9. raw-non-utf8-query --------------------------------------------------------------------------------------

def raw_non_utf8_query(ctx, out):
    """Raw bytes that are not UTF-8 in the query are refused like their %-escaped form (400)."""
    targets = [b"/books?title=%FF%FE", b"/books?%FF=1",  # the %-escaped forms, already 400
               b"/books?title=\xff\xfe", b"/books?author=\xc3\x28", b"/books?q=\xe2\x82", b"/books?category=\xff",
               b"/books?limit=\xff", b"/books?cursor=\xfe", b"/books?\xff=1"]
    for target in targets:
        response = _answer(out, lambda: ctx.svc.send(build("GET", target)))
        if response is None:
            continue
        if out.expect(response.status == 400, "GET %r: expected 400, got %d" % (target, response.status)):
            _is_problem(out, response, repr(target))


# ---- 10. stray-pages --------------------------------------------------------------------------------------------

def stray_pages(ctx, out):
    """/docs and the assets it loads answer 200; Swagger UI's stock pages (petstore) are 404."""
    page = _answer(out, lambda: ctx.svc.call("GET", "/docs"))
    if page is None or not out.expect(page.status == 200, "/docs answered %d" % page.status):
        return
    assets = sorted(set(re.findall(r'(?:src|href)="(/webjars/[^"]+)"', page.body.decode("utf-8", "replace"))))
    out.expect(assets, "/docs names no /webjars/ asset")
    for asset in assets:
        response = _answer(out, lambda: ctx.svc.call("GET", asset))
        if response is not None:
            out.expect(response.status == 200, "/docs needs %s, which answered %d" % (asset, response.status))
    base = re.match(r"(/webjars/swagger-ui/[^/]+/)", assets[0]) if assets else None
    if not base:
        out.fail("cannot tell the swagger-ui version from /docs")
        return
    base = base.group(1)
    for stray in ["index.html", "oauth2-redirect.html", "swagger-initializer.js", "", "../"]:
        response = _answer(out, lambda: ctx.svc.call("GET", base + stray))
        if response is None:
            continue
        if stray == "swagger-initializer.js" and response.status == 200:
            out.expect(b"petstore" not in response.body, "%s%s is served and points at petstore" % (base, stray))
        elif stray in ("", "../"):
            out.expect(response.status != 200 or b"<a href" not in response.body,
                       "%s%s lists a directory" % (base, stray))
        else:
            out.expect(response.status == 404, "%s%s answered %d (a stock page; only /docs should be reachable)" % (
                base, stray, response.status))
    response = _answer(out, lambda: ctx.svc.call("GET", "/webjars/swagger-ui/index.html"))
    if response is not None:
        out.expect(response.status == 404, "/webjars/swagger-ui/index.html answered %d" % response.status)


# ---- 11. unicode ------------------------------------------------------------------------------------------------

def unicode(ctx, out):
    """Canonically or compatibly equal titles are one work (409); invisible and bidi-control titles are 422."""
    pairs = [("Caf\u00e9", "Cafe\u0301", "composed/decomposed Café"),
             ("\uff24\uff55\uff4e\uff45", "Dune", "full-width Ｄｕｎｅ/Dune")]
    def create(title):
        return _answer(out, lambda: ctx.svc.call("POST", "/books", {"title": "%s %s" % (title, ctx.nonce),
                                                                     "author": "Uni %s" % ctx.nonce}))

    for first, second, what in pairs:
        one, two = create(first), create(second)
        if one is None or two is None:
            continue
        out.expect(one.status == 201, "%s: first create answered %d" % (what, one.status))
        if out.expect(two.status == 409, "%s: second create answered %d, expected 409 (one work)" % (what, two.status)):
            _is_problem(out, two, what)
    invisible = [("\u200b", "title of only U+200B"),
                 ("\u200b\u200c\u2060", "title of only zero-width characters"),
                 ("Abc\u202edef %s" % ctx.nonce, "title with U+202E"),
                 ("Abc\u2066def %s" % ctx.nonce, "title with U+2066")]
    for title, what in invisible:
        response = _answer(out, lambda: ctx.svc.call("POST", "/books", {"title": title, "author": "Uni"}))
        if response is None:
            continue
        if out.expect(response.status == 422, "%s: answered %d, expected 422" % (what, response.status)) and \
                _is_problem(out, response, what):
            fields = [e.get("field") for e in json.loads(response.body).get("errors", [])]
            out.expect("title" in fields, "%s: the 422 does not name the title (%s)" % (what, fields))


# ---- 12. concurrent-unconditional-patch -------------------------------------------------------------------------

def concurrent_unconditional_patch(ctx, out):
    """50 concurrent PATCHes without If-Match, each changing the book: 50 × 200, version + 50."""
    racers = 50
    book = ctx.svc.create_book(title="Contended " + ctx.nonce, author="Racer")
    out.sent(201)
    target = "/books/" + book["id"]
    barrier = threading.Barrier(racers)
    statuses = []

    def racer(i):
        body = json.dumps({"publishedYear": 1900 + i, "category": "Race %d" % i}).encode()
        request = build("PATCH", target, [("Content-Type", "application/merge-patch+json")], body)
        with ctx.svc.conn(30) as c:
            barrier.wait(15)
            response = _answer(out, lambda: c.exchange(request))
        if response is not None:
            statuses.append(response.status)

    _run_threads(racers, racer)
    final = json.loads(ctx.svc.call("GET", target).body)["version"]
    ok = statuses.count(200)
    out.expect(ok == racers, "%d of %d unconditional PATCHes answered 200 (%s)" % (
        ok, racers, ", ".join("%d×%d" % (statuses.count(s), s) for s in sorted(set(statuses)) if s != 200)))
    out.expect(final == book["version"] + racers, "version rose by %d, expected %d" % (final - book["version"], racers))


# ---- 13. idempotency-key ----------------------------------------------------------------------------------------

def idempotency_key(ctx, out):
    """A retried POST with the same Idempotency-Key replays the first answer; a different body is 422."""
    key = str(uuid.UUID(int=random.Random(ctx.nonce).getrandbits(128), version=4))
    title = "Idempotent " + ctx.nonce
    first_body = {"title": title, "author": "Retry"}

    def post(body):
        return _answer(out, lambda: ctx.svc.call("POST", "/books", body, [("Idempotency-Key", '"%s"' % key)]))

    first, again = post(first_body), post(first_body)
    if first is None or again is None:
        return
    out.expect(first.status == 201, "first POST answered %d" % first.status)
    out.expect(again.status == first.status, "replay answered %d, first %d" % (again.status, first.status))
    out.expect(again.header("location") == first.header("location"), "replay Location %s, first %s" % (
        again.header("location"), first.header("location")))
    out.expect(again.body == first.body, "replay body differs from the first answer")
    out.expect(_titles(ctx, title) == 1, "%d books created for one key" % _titles(ctx, title))
    other = post({"title": title + " changed", "author": "Retry"})
    if other is not None and out.expect(other.status == 422,
                                        "same key, different body: %d, expected 422" % other.status):
        _is_problem(out, other, "same key, different body")


# ---- 14. smuggling ----------------------------------------------------------------------------------------------

def smuggling(ctx, out):
    """Ambiguous framing (TE+CL, CL+TE, duplicate or malformed Content-Length, obs-fold, bare LF…), each
    carrying a DELETE of a victim book: at most one answer, no 5xx, the victim survives, and framing that RFC 9112
    calls invalid gets 400. When both TE and CL came and the server used TE, it must close the connection."""
    json_type = ("Content-Type", "application/json")

    def delete(victim):
        return b"DELETE /books/" + victim.encode() + b" HTTP/1.1\r\nHost: books\r\n\r\n"

    def post(headers, body, **kw):
        return build("POST", "/books", [json_type] + headers, body, content_length=False, **kw)

    def shapes(victim, book):
        smuggled = delete(victim)
        te_body = chunked(book) + smuggled
        te_len = ("Content-Length", len(te_body))
        chunk_tail = book + b"\r\n0\r\n\r\n" + smuggled
        te = ("Transfer-Encoding", "chunked")
        # name, request bytes, statuses allowed, whether anything but a 400 must close the connection
        return [
            ("te-cl", post([te, te_len], te_body), "4xx,201", True),
            ("cl-te", post([te_len, te], te_body), "4xx,201", True),
            ("cl-cl", post([("Content-Length", len(book)), ("Content-Length", len(book + smuggled))], book + smuggled),
             "400", True),
            ("cl-list", post([("Content-Length", "%d, %d" % (len(book), len(book + smuggled)))], book + smuggled),
             "400", True),
            ("cl-plus", post([("Content-Length", "+%d" % len(book))], book + smuggled), "400", True),
            ("cl-space-colon", post([("Content-Length ", len(book))], book + smuggled), "400", True),
            ("te-space-colon", post([("Transfer-Encoding ", "chunked"), te_len], te_body), "400", True),
            ("te-obs-fold", post([("Transfer-Encoding", "\r\n chunked"), te_len], te_body), "4xx,201", True),
            ("te-bare-lf", post([("X-Note", "a\nTransfer-Encoding: chunked"), te_len], te_body), "4xx,201", True),
            ("te-http10", post([te, te_len], te_body, version="HTTP/1.0"), "4xx,201", True),
            ("chunk-size-0x", post([te], b"0x%x\r\n" % len(book) + chunk_tail), "400", True),
            ("chunk-size-overflow", post([te], b"1" + b"0" * 16 + b"%x\r\n" % len(book) + chunk_tail), "400", True),
            ("get-with-body", build("GET", "/books?limit=1", [("Content-Length", len(smuggled))], smuggled,
                                    content_length=False), "200,400", False),
            ("body-is-a-request", post([("Content-Length", len(smuggled))], smuggled), "400", False),
            ("obs-fold", build("GET", "/books?limit=1", [("X-Note", "a\r\n b")]), "200,400", False),
            ("bare-lf", build("GET", "/books?limit=1", eol=b"\n"), "200,400", False),
        ]

    count = len(shapes("x", b"{}"))
    summary = []
    for i in range(count):
        victim = ctx.svc.create_book(title="Victim %d %s" % (i, ctx.nonce), author="Smuggled")["id"]
        book = json.dumps({"title": "Smuggler %d %s" % (i, ctx.nonce), "author": "Smuggler"}).encode()
        name, request, allowed, close_rule = shapes(victim, book)[i]
        responses, closed = [], False
        with ctx.svc.conn() as c:
            c.send(request)
            try:
                responses.append(c.read_response(timeout=10))
                while True:
                    responses.append(c.read_response(timeout=1.5))
            except Hang:
                closed = False
            except (NoResponse, OSError):
                closed = True
        statuses = [r.status for r in responses]
        summary.append("%s %s%s" % (name, "+".join(map(str, statuses)) or "none", " close" if closed else ""))
        for s in statuses:
            out.sent(s)
        if not statuses:
            out.sent("closed")
            out.fail("%s: no answer" % name)
        elif len(statuses) > 1:
            out.fail("%s: %d answers %s (a smuggled request ran)" % (name, len(statuses), statuses))
        if statuses:
            s = statuses[0]
            ok = str(s) in allowed.split(",") or ("4xx" in allowed and 400 <= s < 500)
            out.expect(ok, "%s: answered %d, expected %s" % (name, s, allowed))
            if close_rule and s != 400 and s < 500:
                out.expect(closed, "%s: answered %d and kept the connection open (RFC 9112 §6.1: must close)" % (
                    name, s))
        gone = ctx.svc.call("GET", "/books/" + victim).status
        out.expect(gone == 200, "%s: the smuggled DELETE ran (victim answered %d)" % (name, gone))
    out.note(", ".join(summary))


def pipelining(ctx, out):
    """100 pipelined requests on one connection, answered in order; then the connection still works."""
    paths = ["/books?limit=1", "/books/" + ctx.book_id, "/health/live", "/books?limit=2&q=the"]
    requests = [build("GET", paths[i % len(paths)], [("X-Request-Id", "pipe-%03d" % i)]) for i in range(100)]
    with ctx.svc.conn() as c:
        c.send(b"".join(requests))
        ids = []
        for _ in requests:
            response = _answer(out, c.read_response)
            if response is None:
                break
            out.expect(response.status == 200, "pipelined request answered %d" % response.status)
            ids.append(response.header("x-request-id"))
        expected = ["pipe-%03d" % i for i in range(len(ids))]
        out.expect(ids == expected, "answers out of order: %s…" % [i for i, e in zip(ids, expected) if i != e][:3])
        out.expect(len(ids) == len(requests), "%d answers to %d pipelined requests" % (len(ids), len(requests)))
        after = _answer(out, lambda: c.exchange(build("GET", "/health/live")))
        if after is not None:
            out.expect(after.status == 200, "the connection after the pipeline answered %d" % after.status)


# ---- credential-guessing ---------------------------------------------------------------------------------------

def credential_guessing(ctx, out):
    """Guessed API keys and forged bearer tokens from one address (127.0.0.2): each is a 401 problem with a
    challenge, until the address's budget of failed authentications (BOOKS_RATE_LIMIT_AUTH_FAILURES, 20 a minute)
    is spent; then 429 with Retry-After, even for a valid key from that address, while other addresses are not
    affected. Nothing is created, and no presented secret comes back in an answer or goes into the log."""
    guesser = "127.0.0.2"
    rng = random.Random(ctx.args.seed)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    presented = []
    body = json.dumps({"title": "Guessed " + ctx.nonce, "author": "Credential Guesser"}).encode()
    for n in range(60):
        if n % 3 == 2:
            header = base64.urlsafe_b64encode(b'{"alg":"none"}').rstrip(b"=").decode()
            claims = base64.urlsafe_b64encode(json.dumps({"sub": "guess-%d" % n, "scope": "books:admin"})
                                              .encode()).rstrip(b"=").decode()
            secret = "%s.%s." % (header, claims)
            credential = ("Authorization", "Bearer " + secret)
        else:
            secret = "books_%012x_%s" % (rng.getrandbits(48), "".join(rng.choice(alphabet) for _ in range(43)))
            credential = ("X-Api-Key", secret)
        presented.append(secret)
        request = build("POST", "/books", [("Content-Type", "application/json"), credential], body)
        response = _answer(out, lambda: ctx.svc.send(request, source=guesser))
        if response is None:
            continue
        if response.status == 401:
            challenge = response.header("www-authenticate") or ""
            out.expect(challenge.startswith('Bearer realm="books"'), "401 without the Bearer challenge: %r" % challenge)
        elif response.status == 429:
            out.expect(response.header("retry-after") is not None, "429 without Retry-After")
        else:
            out.fail("a guessed credential got %d" % response.status)
        out.expect(response.status >= 400 and not problem_fault(response),
                   "guess answered %d: %s" % (response.status, problem_fault(response)))
        out.expect(not any(p.encode() in response.body for p in presented[-1:]), "the answer repeats the credential")
    out.expect(out.statuses[401] <= 21, "%d guesses were checked (401) from one address; at most 20 a minute should"
               % out.statuses[401])
    out.expect(out.statuses[429] >= 30, "only %d guesses were refused as too many (429)" % out.statuses[429])

    own = _answer(out, lambda: ctx.svc.send(build("GET", "/books?limit=1"), source=guesser))
    out.expect(own is not None and own.status == 429,
               "a valid key from the guessing address got %s, not 429" % (own and own.status))
    elsewhere = _answer(out, lambda: ctx.svc.call("GET", "/books?limit=1"))
    out.expect(elsewhere is not None and elsewhere.status == 200,
               "a valid key from another address got %s, not 200" % (elsewhere and elsewhere.status))
    out.expect(not _titles(ctx, "Guessed " + ctx.nonce), "a book was created with a guessed credential")
    if ctx.svc.log:
        with open(ctx.svc.log, encoding="utf-8", errors="replace") as log:
            text = log.read()
        leaked = [p for p in presented if p in text or p[19:35] in text]
        out.expect(not leaked, "%d presented credentials appear in the log" % len(leaked))
