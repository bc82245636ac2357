#!/usr/bin/env python3
"""Usage: free_port.py [COUNT] [--not PORT...]   (or, from Python: from free_port import free_ports)

Prints COUNT (default 1) distinct TCP ports, one per line, that are free on 127.0.0.1 now, are none of the ports
after --not (those a script has handed out already and not yet bound), and lie below the kernel's ephemeral range
(/proc/sys/net/ipv4/ip_local_port_range, 32768-60999 on Debian).

Why not bind to port 0 and hand that port on: the kernel picks it from the ephemeral range, the very range it also
picks the local port of every outgoing connection from. Between the moment the port is handed on and the moment a
server binds it (a JVM that starts in seconds, an instance restarted minutes later in a rolling restart), one of the
machine's outgoing connections (a connection pool's, a test client's) can take it, and the server fails to start
with "Address already in use". A port below the range is never taken that way; it can only be taken by another
server that chose it, which the bind test here and the random choice make unlikely.
"""
import random
import socket
import sys

LOW = 20000


def ephemeral_low():
    try:
        with open("/proc/sys/net/ipv4/ip_local_port_range") as f:
            return int(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


def is_free(port):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


def free_ports(count=1, taken=()):
    high = ephemeral_low() - 1
    if high <= LOW:
        raise SystemExit("free_port.py: the ephemeral range starts at %d, leaving no ports above %d" % (high + 1, LOW))
    chosen = []
    for _ in range(1000 * count):
        port = random.randint(LOW, high)
        if port not in chosen and port not in taken and is_free(port):
            chosen.append(port)
            if len(chosen) == count:
                return chosen
    raise SystemExit("free_port.py: found only %d free ports of %d in %d-%d" % (len(chosen), count, LOW, high))


if __name__ == "__main__":
    args = sys.argv[1:]
    count = int(args.pop(0)) if args and args[0] != "--not" else 1
    taken = {int(a) for a in args[1:]} if args and args[0] == "--not" else set()
    for p in free_ports(count, taken):
        print(p)
