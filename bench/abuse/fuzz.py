"""Seeded request fuzzing: JSON bodies, query strings, headers and cursors, generated from random.Random(seed) so
that a seed names the same requests on every run (book ids and real cursors are filled in from the service).

Every answer must be below 500, and every 4xx an application/problem+json whose status matches."""
import base64
import json
import threading
import time
from collections import Counter
from random import Random
from urllib.parse import quote

from outcome import problem_fault
from rawhttp import Hang, NoResponse, build

WORDS = "silent harbor amber winds garden night river stone empire shadow light crown glass city dream".split()
ODD_TYPES = ["application/merge-patch+json", "application/json; charset=utf-8", "application/json; charset=UTF-16",
             'application/json;charset="utf-8"', "application/json; charset=latin1", "APPLICATION/JSON",
             "application/json;;;", "application/json; boundary=x; charset=utf-8; q=0.1", "text/plain",
             "application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz", "application/problem+json",
             "application/json, text/plain", "*/*", "", "application/ld+json", "application", "/",
             "application/json\t", "application/vnd.api+json", "text/json"]
ETAGS = ['"1"', 'W/"1"', "*", '"', '""', '"1", ', ",,,", "1", 'W/"', '"1"x', '"\x7f"', "W/W/\"1\"", '* , "1"',
         '"' + "9" * 40 + '"', '"-1"', '"0"', '"2147483648"', '"1", *', "\t", " ", '"a b"', 'W/ "1"', '"1" "2"']
FUZZ_HEADERS = ["Accept", "Accept-Language", "Accept-Encoding", "Accept-Charset", "If-Match", "If-None-Match",
                "If-Modified-Since", "If-Unmodified-Since", "If-Range", "Range", "X-Request-Id", "Cookie",
                "Authorization", "Origin", "Referer", "User-Agent", "Forwarded", "X-Forwarded-For",
                "X-Forwarded-Proto", "Cache-Control", "Pragma", "TE", "Expect", "Content-Type", "Content-Encoding",
                "Upgrade", "Via", "Max-Forwards", "Prefer", "X-Custom", "Idempotency-Key"]
QUERY_NAMES = ["limit", "cursor", "q", "title", "author", "category", "offset", "sort", "", "LIMIT", "limit[]",
               "q%00", "title.x"]


class Targets:
    """What the fuzz requests point at: books created for the fuzz and real cursors of a few queries."""

    def __init__(self, svc, nonce):
        self.ids = [svc.create_book(title="Fuzz target %d %s" % (i, nonce), author="Fuzzer")["id"] for i in range(8)]
        self.cursors = []
        for query in ["limit=1", "limit=2&q=the", "limit=1&author=Fuzzer", "limit=3&category=Fiction", "limit=5"]:
            cursor = json.loads(svc.call("GET", "/books?" + query).body).get("nextCursor")
            # Always five, so that the random choices, and so the requests, do not depend on the catalogue.
            self.cursors.append((query, cursor or "AW5IZ0vHAAZh71fQ0IkBokmPUBRzlLYcET_0bbxXIKmwDA"))


class Generator:
    def __init__(self, seed, targets):
        self.rng = Random(seed)
        self.targets = targets

    # ---- JSON text ---------------------------------------------------------------------------------------------

    def string(self):
        r, rng = self.rng.random(), self.rng
        if r < 0.35:
            return json.dumps("%s %s %d" % (rng.choice(WORDS), rng.choice(WORDS), rng.getrandbits(32)))
        if r < 0.45:
            return json.dumps(rng.choice(WORDS) * rng.randint(20, 700))  # long: up to ~5,000 characters
        if r < 0.60:
            chars = [chr(rng.choice([rng.randint(0x20, 0x7e), rng.randint(0xa0, 0x2fff), rng.randint(0x300, 0x36f),
                                     rng.randint(0x200b, 0x206f), rng.randint(0xff01, 0xff5e),
                                     rng.randint(0x1f300, 0x1f6ff)])) for _ in range(rng.randint(0, 40))]
            return json.dumps("".join(chars), ensure_ascii=rng.random() < 0.5)
        if r < 0.80:
            escapes = ["\\u0000", "\\ud800", "\\udc00", "\\ud800\\udc00", "\\udbff", "\\u001f", "\\u202e",
                       "\\u200b", "\\\\", '\\"', "\\/", "\\b", "\\uFEFF", "\\u00", "\\x41", "\\U0001F600", "\\q"]
            return '"' + "".join(rng.choice(escapes + ["a", "b", " "]) for _ in range(rng.randint(1, 12))) + '"'
        if r < 0.90:
            return '"' + "".join(chr(rng.randint(0, 31)) for _ in range(rng.randint(1, 4))) + 'x"'  # raw controls
        return rng.choice(['""', '" "', '"\t"', "'single'", '"unterminated', '"\\', '"\u00e9"', '"%s"' % ("x" * 1001)])

    def number(self):
        rng = self.rng
        return rng.choice(["0", "-1", "1", "1999", "2026", "2999", "-0", "1e3", "1.5", "1999.0", "1E+3", "2147483647",
                           "2147483648", "-2147483649", "9223372036854775808", "1e999999", "-1e-999999", "0x10",
                           "NaN", "Infinity", "-Infinity", "+1", "01", ".5", "5.", "1" + "0" * rng.randint(20, 400),
                           "1." + "1" * rng.randint(100, 3000), str(rng.getrandbits(64))])

    def deep(self):
        depth = self.rng.choice([10, 100, 999, 1000, 1001, 2000, 3000, self.rng.randint(1, 3000)])
        if self.rng.random() < 0.5:
            return "[" * depth + "]" * depth
        return '{"a":' * depth + "1" + "}" * depth

    def value(self, depth=0):
        r = self.rng.random()
        if r < 0.30:
            return self.string()
        if r < 0.55:
            return self.number()
        if r < 0.65:
            return self.rng.choice(["true", "false", "null", "True", "nul", "undefined"])
        if r < 0.75 and depth < 3:
            return "[" + ",".join(self.value(depth + 1) for _ in range(self.rng.randint(0, 4))) + "]"
        if r < 0.85 and depth < 3:
            return "{" + ",".join("%s:%s" % (self.string(), self.value(depth + 1))
                                  for _ in range(self.rng.randint(0, 4))) + "}"
        if r < 0.92:
            return self.deep()
        return self.string()

    def book_json(self, valid=False):
        rng = self.rng
        fields = []
        good = {"title": json.dumps("%s %s %d" % (rng.choice(WORDS).title(), rng.choice(WORDS), rng.getrandbits(40))),
                 "author": json.dumps("%s %s" % (rng.choice(WORDS).title(), rng.choice(WORDS).title())),
                 "category": json.dumps(rng.choice(["Fiction", "Poetry", "Science"])),
                 "isbn": "null",
                 "publishedYear": str(rng.randint(1, 2026))}
        for name in ["title", "author", "category", "isbn", "publishedYear"]:
            if valid:
                fields.append((name, good[name]))
                continue
            r = rng.random()
            if r < 0.15:
                continue  # absent
            fields.append((name, good[name] if r < 0.65 else "null" if r < 0.75 else self.value()))
        for _ in range(0 if valid else rng.choice([0, 0, 0, 1, 2, 30])):
            fields.append((rng.choice(["id", "version", "createdAt", "updatedAt", "x", "Title", "title ", "",
                                       "__proto__", "constructor", "items"]), self.value()))
        if fields and not valid and rng.random() < 0.05:
            fields.append(rng.choice(fields))  # a key twice
        rng.shuffle(fields)
        text = "{" + ",".join("%s:%s" % (json.dumps(k), v) for k, v in fields) + "}"
        return text

    def body(self):
        """A request body as bytes: mostly a book-shaped object, sometimes anything, sometimes broken bytes."""
        rng = self.rng
        r = rng.random()
        if r < 0.05:
            text = self.book_json(valid=True)
        elif r < 0.70:
            text = self.book_json()
        elif r < 0.85:
            text = self.value()
        else:
            text = rng.choice(["", " ", "{", "}", "[]", "null", '"Dune"', "42", "{}", "{} {}", "{,}", '{"title":}',
                               "{/*c*/}", "{'title':'x'}", "{\"title\":\"a\",}", "\x00", "{}\x00"])
        data = text.encode("utf-8", "surrogatepass")
        m = rng.random()
        if m < 0.06:
            data = data[:rng.randint(0, len(data))]  # truncated
        elif m < 0.10 and data:
            i = rng.randrange(len(data))
            bad = rng.choice([b"\xff", b"\xfe\xff", b"\xc3\x28", b"\xc0\xaf", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80",
                              b"\x80"])
            data = data[:i] + bad + data[i:]  # not UTF-8: lone bytes, overlong, an encoded surrogate, 5-byte form
        elif m < 0.12:
            data = b"\xef\xbb\xbf" + data
        elif m < 0.14:
            data = text.encode("utf-16", "surrogatepass")
        elif m < 0.15:
            data = rng.randbytes(rng.randint(1, 2000))
        return data

    # ---- query strings, headers, cursors -----------------------------------------------------------------------

    def query_value(self):
        rng = self.rng
        r = rng.random()
        if r < 0.25:
            return rng.choice(["-1", "0", "1", "20", "100", "101", "1e2", "0x10", "%201", "1%20", "", "+5", "NaN",
                               "2147483648", "99999999999999999999", "1.0", "null", "true", "%00", "5%00", "%2B5"])
        if r < 0.45:
            return quote(rng.choice(WORDS) + " " + rng.choice(WORDS))
        if r < 0.60:
            return "".join("%%%02X" % b for b in rng.randbytes(rng.randint(1, 30)))  # bytes, often not UTF-8
        if r < 0.70:
            return rng.choice(["%", "%zz", "%E2%82", "%C0%AF", "%ED%A0%80", "%u0041", "%%%", "a%2", "%F0%9F%98%80",
                               "%EF%BC%A4%EF%BD%95", "%E2%80%8B", "%E2%80%AE", "+", "++", "&", "=", "=="])
        if r < 0.80:
            return quote(rng.choice(WORDS)) * rng.randint(50, 900)  # long: up to ~7 KB
        return quote("".join(chr(rng.randint(0x20, 0x2fff)) for _ in range(rng.randint(1, 20))), safe="")

    def query(self):
        rng = self.rng
        pairs = []
        for _ in range(rng.randint(0, 6)):
            name = rng.choice(QUERY_NAMES)
            pairs.append(name if rng.random() < 0.05 else "%s=%s" % (name, self.query_value()))
        if pairs and rng.random() < 0.2:
            pairs.append(rng.choice(pairs))  # repeated parameter
        return rng.choice(["&", "&", "&", ";", "&&"]).join(pairs)

    def cursor(self):
        rng = self.rng
        query, cursor = rng.choice(self.targets.cursors)
        r = rng.random()
        if r < 0.15:
            cursor = cursor[:rng.randint(0, len(cursor) - 1)]
        elif r < 0.30:
            i = rng.randrange(len(cursor))
            cursor = cursor[:i] + rng.choice("AZaz09-_+/=.") + cursor[i + 1:]
        elif r < 0.40:
            cursor += rng.choice(["=", "==", "A", "AAAA", "%3D", "!"])
        elif r < 0.55:
            raw = rng.randbytes(rng.randint(0, 80))
            cursor = (base64.urlsafe_b64encode if rng.random() < 0.5 else base64.b64encode)(raw).decode()
            cursor = quote(cursor.rstrip("=") if rng.random() < 0.5 else cursor, safe="")
        elif r < 0.65:
            query = rng.choice(self.targets.cursors)[0] + "&title=other"  # a cursor of another query
        elif r < 0.72:
            cursor = "A" * rng.randint(100, 5000)
        elif r < 0.80:
            cursor = rng.choice(["", "null", "0", "-1", "%00", "%FF", "AW4t%", "..", "%2F%2F"])
        elif r < 0.85:
            query += "&cursor=" + cursor  # the cursor twice
        # else: the real cursor, unchanged (200)
        return query, cursor

    def headers(self):
        rng = self.rng
        out = []
        for _ in range(rng.randint(1, 6)):
            name = rng.choice(FUZZ_HEADERS + ["X-" + rng.choice(WORDS), "X_Under", "X-\u00c4"])
            r = rng.random()
            if name in ("If-Match", "If-None-Match", "If-Range") and r < 0.7:
                value = ", ".join(rng.choice(ETAGS) for _ in range(rng.randint(1, 3)))
            elif r < 0.4:
                value = "".join(chr(rng.randint(0x20, 0x7e)) for _ in range(rng.randint(0, 60)))
            elif r < 0.55:
                value = "".join(chr(rng.randint(0x80, 0xff)) for _ in range(rng.randint(1, 20)))  # obs-text
            elif r < 0.65:
                value = rng.choice(WORDS) * rng.randint(100, 1400)  # huge, most under the 8 KiB limit
            elif r < 0.70:
                value = "".join(chr(rng.choice([0, 1, 7, 9, 11, 12, 27, 127])) for _ in range(rng.randint(1, 3)))
            else:
                value = rng.choice(["", " ", "\t", "*", "*/*", "application/json", "text/html;q=0.9,*/*;q=0.1",
                                    "gzip, deflate, br", "100-continue", "bytes=0-10", "bytes=-1", "h2c",
                                    "websocket", "trailers", "no-cache", "close", "keep-alive", "0", "-1",
                                    "Thu, 01 Jan 1970 00:00:00 GMT", "Mon, 32 Foo 99999 25:61:61 XYZ"])
            out.append((name, value))
        return out

    # ---- requests ----------------------------------------------------------------------------------------------

    def book_target(self):
        rng = self.rng
        if rng.random() < 0.8:
            return "/books/" + rng.choice(self.targets.ids)
        return "/books/" + rng.choice(["00000000-0000-0000-0000-000000000000", "01890a5d-ac96-774b-bcce-b302099a8057",
                                       "x", "%00", "..%2F", self.targets.ids[0].upper(), self.targets.ids[0] + "0"])

    def request(self):
        """(kind, bytes) of the next request."""
        rng = self.rng
        r = rng.random()
        if r < 0.35:
            content_type = "application/json" if rng.random() < 0.75 else rng.choice(ODD_TYPES)
            headers = [("Content-Type", content_type)] if content_type or rng.random() < 0.5 else []
            return "body", build("POST", "/books", headers, self.body())
        if r < 0.50:
            content_type = rng.choice(["application/merge-patch+json", "application/json"]) if rng.random() < 0.75 \
                else rng.choice(ODD_TYPES)
            headers = [("Content-Type", content_type)]
            if rng.random() < 0.3:
                headers.append(("If-Match", rng.choice(ETAGS)))
            return "body", build("PATCH", self.book_target(), headers, self.body())
        if r < 0.75:
            return "query", build("GET", "/books?" + self.query())
        if r < 0.88:
            target = self.book_target() if rng.random() < 0.6 else "/books?limit=%d" % rng.randint(1, 5)
            method = rng.choice(["GET", "GET", "GET", "DELETE", "OPTIONS"]) if "/books/" in target else "GET"
            if method == "DELETE":
                target = "/books/" + rng.choice(["00000000-0000-0000-0000-000000000000", "%00", "nope"])
            return "header", build(method, target, self.headers())
        query, cursor = self.cursor()
        return "cursor", build("GET", "/books?%s&cursor=%s" % (query, cursor))


def fuzz(ctx, out):
    """ctx.args.fuzz_requests generated requests over several keep-alive connections."""
    targets = Targets(ctx.svc, ctx.nonce)
    generator = Generator(ctx.args.seed, targets)
    requests = [generator.request() for _ in range(ctx.args.fuzz_requests)]
    out.note("seed %s, %d requests, %d bytes" % (ctx.args.seed, len(requests), sum(len(r) for _, r in requests)))
    workers = ctx.args.fuzz_connections
    kinds = {}
    failures = []
    silent_closes = Counter()
    lock = threading.Lock()

    def failed(index, request, reason, previous=None):
        with lock:
            failures.append({"index": index, "reason": reason, "request": request.decode("latin-1"),
                             "previous": previous})
            kinds[reason.split(":")[0]] = kinds.get(reason.split(":")[0], 0) + 1

    def worker(k):
        conn, previous = None, None
        for index in range(k, len(requests), workers):
            kind, request = requests[index]
            if conn is None:
                conn, previous = ctx.svc.conn(10), None
            try:
                try:
                    response = conn.exchange(request)
                except (NoResponse, OSError):
                    if previous is None or conn.buf:
                        raise
                    # The server closed this kept-alive connection after its last answer without saying so
                    # (no Connection: close). Clients resend on a new connection; so does the fuzzer, once.
                    with lock:
                        silent_closes[previous["request"].split("\r\n")[0][:60]] += 1
                    conn.close()
                    conn, previous = ctx.svc.conn(10), None
                    response = conn.exchange(request)
            except Hang:
                out.sent("hang")
                failed(index, request, "hang: no answer within 10 s")
                conn.close()
                conn = None
                continue
            except (NoResponse, OSError) as e:
                out.sent("closed")
                failed(index, request, "no answer: %s" % e, previous)
                conn.close()
                conn = None
                continue
            out.sent(response.status)
            previous = {"request": request[:300].decode("latin-1"), "head": response.raw_head.decode("latin-1")}
            if response.status >= 500:
                failed(index, request, "5xx: %d %s" % (response.status, response.body[:120]))
            elif response.status == 101:
                failed(index, request, "101: switched protocols")
            elif 400 <= response.status < 500:
                fault = problem_fault(response)
                if fault:
                    failed(index, request, "not a problem: " + fault)
            if response.closes:
                conn.close()
                conn = None
        if conn is not None:
            conn.close()

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(k,), daemon=True) for k in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    out.note("%.1f s, %.0f requests/s" % (elapsed, len(requests) / elapsed))
    if silent_closes:
        out.note("%d times the server closed a kept-alive connection after an answer without Connection: close"
                 " (request resent), after e.g. %s" % (sum(silent_closes.values()),
                                                      "; ".join("%r ×%d" % kv for kv in silent_closes.most_common(3))))
    if failures:
        failures.sort(key=lambda f: f["index"])
        out.fail("%d failing requests (%s)" % (len(failures), ", ".join("%s %d" % kv for kv in sorted(kinds.items()))))
        for f in failures[:5]:
            out.note("#%d %s: %r" % (f["index"], f["reason"][:100], f["request"][:160]))
        if ctx.args.fuzz_dump:
            with open(ctx.args.fuzz_dump, "w") as dump:
                for f in failures:
                    dump.write(json.dumps(f) + "\n")
            out.note("all failing requests in %s" % ctx.args.fuzz_dump)
