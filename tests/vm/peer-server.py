#!/usr/bin/python3
"""Servers the guest scenarios connect to; run in the "peer" network namespace.

    ip netns exec peer python3 tests/vm/peer-server.py READY_FILE

Listens on every address of the namespace (198.51.100.2 and 2001:db8::2),
dual-stack:
    TCP 8080  answers any request with a tiny HTTP/1.0 200 response (curl,
              bash /dev/tcp, nc and python clients all finish cleanly)
    UDP 9999  echoes every datagram back
and writes READY_FILE once both sockets listen.  A server only accepts and
answers: it never calls connect(2), so it adds nothing to netanom's counts.
"""

import os
import socket
import sys
import threading

HTTP_PORT = 8080
UDP_PORT = 9999
RESPONSE = (b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n"
            b"Content-Length: 3\r\nConnection: close\r\n\r\nok\n")


def dual_stack(kind, port):
    s = socket.socket(socket.AF_INET6, kind)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    s.bind(("::", port))
    return s


def answer(conn):
    # Read the request up to its blank line, but do not wait long for
    # clients that send nothing (nc, bash /dev/tcp without a request).
    with conn:
        conn.settimeout(2)
        data = b""
        try:
            while b"\r\n\r\n" not in data and b"\n\n" not in data:
                chunk = conn.recv(4096)
                if not chunk:
                    break
                data += chunk
        except OSError:
            pass
        try:
            conn.sendall(RESPONSE)
            conn.shutdown(socket.SHUT_WR)
        except OSError:
            pass


def serve_tcp(s):
    while True:
        conn, _ = s.accept()
        threading.Thread(target=answer, args=(conn,), daemon=True).start()


def serve_udp(s):
    while True:
        data, addr = s.recvfrom(65535)
        s.sendto(data, addr)


def main():
    tcp = dual_stack(socket.SOCK_STREAM, HTTP_PORT)
    tcp.listen(128)
    udp = dual_stack(socket.SOCK_DGRAM, UDP_PORT)
    threading.Thread(target=serve_udp, args=(udp,), daemon=True).start()
    with open(sys.argv[1] + ".tmp", "w") as f:
        f.write(str(os.getpid()) + "\n")
    os.rename(sys.argv[1] + ".tmp", sys.argv[1])
    serve_tcp(tcp)


if __name__ == "__main__":
    main()
