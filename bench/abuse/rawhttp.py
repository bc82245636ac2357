"""HTTP/1.1 over raw sockets: requests written byte for byte (malformed ones included), responses parsed strictly
enough to tell where one ends and the next begins. Standard library only."""
import select
import socket
import time
from dataclasses import dataclass, field


class NoResponse(Exception):
    """The server closed the connection, or reset it, before a whole response arrived."""


class Hang(Exception):
    """No (whole) response within the time allowed."""


@dataclass
class Response:
    status: int
    reason: str
    headers: list  # [(lower-case name, value)] in the order received
    body: bytes
    elapsed: float = 0.0
    raw_head: bytes = field(default=b"", repr=False)

    def header(self, name):
        """The first value of this header, or None."""
        name = name.lower()
        return next((v for n, v in self.headers if n == name), None)

    def all(self, name):
        name = name.lower()
        return [v for n, v in self.headers if n == name]

    @property
    def media_type(self):
        value = self.header("content-type")
        return value.split(";")[0].strip().lower() if value is not None else None

    @property
    def closes(self):
        return any("close" in v.lower() for v in self.all("connection"))


# Credentials every request built here carries unless it names its own (Authorization or X-Api-Key) or says
# credentials=False: abuse.py sets the service's development key, so that attacks reach what lies behind the guard.
CREDENTIALS = []


def build(method, target, headers=(), body=None, host="books", content_length=True, eol=b"\r\n", version="HTTP/1.1",
          credentials=True):
    """The bytes of one request. Parts may be str (sent as Latin-1, one byte per character) or bytes (sent as is).

    A Content-Length is added for a body unless the caller frames it (content_length=False, or its own
    Content-Length/Transfer-Encoding among the headers). CREDENTIALS are added unless credentials=False or the
    headers hold credentials of their own."""

    def b(part):
        return part if isinstance(part, bytes) else str(part).encode("latin-1")

    lines = [b(method) + b" " + b(target) + b" " + b(version)]
    if host is not None:
        lines.append(b"Host: " + b(host))
    names = set()
    for name, value in headers:
        names.add(b(name).lower())
        lines.append(b(name) + b": " + b(value))
    if credentials and not names & {b"authorization", b"x-api-key"}:
        for name, value in CREDENTIALS:
            lines.append(b(name) + b": " + b(value))
    body = b(body) if body is not None else None
    if body is not None and content_length and not names & {b"content-length", b"transfer-encoding"}:
        lines.append(b"Content-Length: " + str(len(body)).encode())
    return eol.join(lines) + eol + eol + (body or b"")


def chunked(data, size=None):
    """data in the chunked transfer coding (one chunk, or chunks of size), with the last chunk and no trailers."""
    if isinstance(data, str):
        data = data.encode()
    size = size or max(len(data), 1)
    out = b""
    for i in range(0, len(data), size):
        part = data[i:i + size]
        out += b"%x\r\n" % len(part) + part + b"\r\n"
    return out + b"0\r\n\r\n"


class Conn:
    """One client connection. Reads are buffered, so pipelined responses are read one after the other."""

    def __init__(self, host, port, timeout=10.0, source=None):
        self.host, self.port, self.timeout = host, port, timeout
        # source: the local address to connect from (127.0.0.2…: another client, as the service sees it)
        self.sock = socket.create_connection((host, port), timeout=timeout,
                                             source_address=(source, 0) if source else None)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buf = b""
        self.eof = False

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def send(self, data):
        self.sock.sendall(data)

    def exchange(self, data, head=False, timeout=None):
        """Sends one request and reads its response."""
        started = time.monotonic()
        self.send(data)
        return self.read_response(head=head, timeout=timeout, started=started)

    def send_while_reading(self, data, timeout=None, chunk=65536):
        """Sends a (large) request while watching for an early answer, as a careful client does: a server may
        refuse a body before it has all of it, and a client that only writes would lose that answer to a reset.
        Returns (response, bytes_sent)."""
        timeout = timeout or self.timeout
        started = time.monotonic()
        deadline = started + timeout
        sent = 0
        self.sock.setblocking(False)
        try:
            while sent < len(data):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise Hang("sent %d of %d bytes in %.1f s, no answer" % (sent, len(data), timeout))
                poller = select.poll()
                poller.register(self.sock, select.POLLIN | select.POLLOUT)
                events = dict(poller.poll(left * 1000)).get(self.sock.fileno(), 0)
                if events & (select.POLLIN | select.POLLHUP | select.POLLERR):
                    break
                if events & select.POLLOUT:
                    try:
                        sent += self.sock.send(data[sent:sent + chunk])
                    except (BrokenPipeError, ConnectionResetError):
                        break
        finally:
            self.sock.settimeout(self.timeout)
        remaining = max(deadline - time.monotonic(), 0.001)
        return self.read_response(timeout=remaining, started=started), sent

    def _fill(self, deadline):
        left = deadline - time.monotonic()
        if left <= 0:
            raise Hang("no whole response within the time allowed")
        self.sock.settimeout(left)
        try:
            data = self.sock.recv(262144)
        except socket.timeout:
            raise Hang("no whole response within the time allowed") from None
        except (ConnectionResetError, BrokenPipeError) as e:
            raise NoResponse("connection reset (%s)" % e.__class__.__name__) from None
        if not data:
            self.eof = True
            raise NoResponse("connection closed")
        self.buf += data

    def _read_until(self, marker, deadline):
        while True:
            i = self.buf.find(marker)
            if i >= 0:
                out, self.buf = self.buf[:i], self.buf[i + len(marker):]
                return out
            self._fill(deadline)

    def _read_exactly(self, n, deadline):
        while len(self.buf) < n:
            self._fill(deadline)
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def read_response(self, head=False, timeout=None, started=None):
        """The next response (interim 1xx responses skipped); raises NoResponse or Hang."""
        started = started or time.monotonic()
        deadline = started + (timeout or self.timeout)
        while True:
            raw = self._read_until(b"\r\n\r\n", deadline)
            lines = raw.split(b"\r\n")
            parts = lines[0].decode("latin-1").split(" ", 2)
            if len(parts) < 2 or not parts[0].startswith("HTTP/") or not parts[1].isdigit():
                raise NoResponse("not an HTTP response: %r" % lines[0][:80])
            status = int(parts[1])
            headers = []
            for line in lines[1:]:
                name, _, value = line.decode("latin-1").partition(":")
                headers.append((name.strip().lower(), value.strip()))
            if 100 <= status < 200 and status != 101:
                continue
            response = Response(status, parts[2] if len(parts) > 2 else "", headers, b"", raw_head=raw)
            break
        if head or status in (101, 204, 304):
            body = b""
        elif any("chunked" in v.lower() for v in response.all("transfer-encoding")):
            body = b""
            while True:
                size_line = self._read_until(b"\r\n", deadline)
                size = int(size_line.split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self._read_until(b"\r\n", deadline):
                        pass  # trailer fields, up to the empty line
                    break
                body += self._read_exactly(size, deadline)
                self._read_exactly(2, deadline)
        elif response.header("content-length") is not None:
            body = self._read_exactly(int(response.header("content-length")), deadline)
        else:
            # Delimited by the close of the connection.
            while not self.eof:
                try:
                    self._fill(deadline)
                except NoResponse:
                    break
            body, self.buf = self.buf, b""
        response.body = body
        response.elapsed = time.monotonic() - started
        return response

    def trailing_bytes(self, seconds):
        """Whatever arrives within this many seconds (up to the server closing the connection)."""
        data, deadline = self.buf, time.monotonic() + seconds
        self.buf = b""
        while time.monotonic() < deadline:
            self.sock.settimeout(max(deadline - time.monotonic(), 0.001))
            try:
                more = self.sock.recv(65536)
            except (socket.timeout, OSError):
                break
            if not more:
                self.eof = True
                break
            data += more
        return data
