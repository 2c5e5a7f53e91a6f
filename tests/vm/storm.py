#!/usr/bin/python3
"""Connect as fast as one CPU allows, until SIGTERM (guest scenarios).

    storm.py PROGRESS_FILE PEER4 PEER6

Cycles through UDP connects to PEER4 and PEER6 (no packet is sent, so this
is nearly all connect(2) work) and a TCP connect to a closed loopback port
(refused).  Every 0.2 s it writes "<connects> <errors>" to PROGRESS_FILE;
an error is a connect that did not end as it must (UDP: success, TCP:
ECONNREFUSED).  On SIGTERM it writes the file once more and exits 0 when
there were no errors.
"""

import errno
import os
import signal
import socket
import sys
import time

stop = False


def on_term(*_):
    global stop
    stop = True


def write(path, n, errors):
    with open(path + ".tmp", "w") as f:
        f.write("%d %d\n" % (n, errors))
    os.replace(path + ".tmp", path)


def main():
    path, p4, p6 = sys.argv[1:4]
    signal.signal(signal.SIGTERM, on_term)
    u4 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    n = errors = 0
    last = time.monotonic()
    while not stop:
        for s, addr in ((u4, (p4, 9999)), (u6, (p6, 9999))):
            try:
                s.connect(addr)
            except OSError:
                errors += 1
            n += 1
        t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            t.connect(("127.0.0.1", 1))
            errors += 1
        except OSError as e:
            if e.errno != errno.ECONNREFUSED:
                errors += 1
        t.close()
        n += 1
        now = time.monotonic()
        if now - last > 0.2:
            write(path, n, errors)
            last = now
    write(path, n, errors)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
