#!/bin/bash
# Unconnected UDP: sends that carry their own destination never pass
# connect(2); they are counted as "sendto", apart from the connects.
# A copy of python3, against the peer's UDP echo:
#   - sendto on an unconnected IPv4 socket x2, IPv6 x3, and to the
#     IPv4-mapped peer from an IPv6 socket x1;
#   - sendmsg with an address x1;
#   - a connected UDP socket: one connect (udp4) and 4 sends without an
#     address, which are not counted;
#   - sendto with an address on a connected TCP socket, which TCP ignores
#     without MSG_FASTOPEN: one connect (tcp4), no sendto, no fastopen;
#   - a sendto with an AF_UNSPEC address and the peer's IPv4 address and
#     port on an IPv4 UDP socket, which IPv4 takes for AF_INET: sendto; the
#     same on a connected IPv6 UDP socket (one udp6 connect), which IPv6
#     takes for "no address": not counted;
# so sendto=8, connects=3 (udp4 1, udp6 1, tcp4 1), and the last destination is the
# last sendto's (the sendtos come last).
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/lib.sh"
need_built
start_peer_server
py=$WORK/py-sendto
copy_prog "$PYTHON" "$py"
load_module

"$py" - "$PEER4" "$PEER6" "$HTTP_PORT" "$UDP_PORT" >"$WORK/py.out" 2>&1 <<'EOF' || true
import socket, sys
p4, p6, tport, uport = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
A4, A6, UDP, TCP = socket.AF_INET, socket.AF_INET6, socket.SOCK_DGRAM, socket.SOCK_STREAM
echoes = 0

def echo(s):
    global echoes
    if s.recv(100) == b"ping":
        echoes += 1

c = socket.socket(A4, UDP); c.settimeout(20)
c.connect((p4, uport))                                        # udp4 1
for _ in range(4):
    c.send(b"ping"); echo(c)                                  # not counted
# AF_UNSPEC as the address.  An IPv4 socket takes it for AF_INET and
# sends to the address in it: counted.  An IPv6 socket takes it for "no
# address" and sends to its connected peer: not counted.
import ctypes, struct
libc = ctypes.CDLL(None, use_errno=True)
unspec4 = struct.pack("<H", 0) + struct.pack(">H", uport) + socket.inet_aton(p4) + bytes(8)
if libc.sendto(c.fileno(), b"ping", 4, 0, unspec4, 16) == 4:
    echo(c)                                                   # sendto 1
c6 = socket.socket(A6, UDP); c6.settimeout(20)
c6.connect((p6, uport))                                       # udp6 1
if libc.sendto(c6.fileno(), b"ping", 4, 0, bytes(28), 28) == 4:
    echo(c6)                                                  # not counted

t = socket.create_connection((p4, tport), timeout=20)         # tcp4 1
t.sendto(b"GET / HTTP/1.0\r\n\r\n", ("192.0.2.99", 1))         # ignored address
assert t.makefile("rb").read().endswith(b"\nok\n")

u4 = socket.socket(A4, UDP); u4.settimeout(20)
u6 = socket.socket(A6, UDP); u6.settimeout(20)
for _ in range(2):
    u4.sendto(b"ping", (p4, uport)); echo(u4)                 # sendto 3
u6.sendto(b"ping", ("::ffff:" + p4, uport)); echo(u6)         # sendto 4
u4.sendmsg([b"pi", b"ng"], [], 0, (p4, uport)); echo(u4)      # sendto 5
for _ in range(3):
    u6.sendto(b"ping", (p6, uport)); echo(u6)                 # sendto 8
print("echoes", echoes)
EOF
cat "$WORK/py.out"
check "python3 copy: all 13 datagrams echoed, TCP answered" grep -q '^echoes 13$' "$WORK/py.out"

snap sendto
expect <<EOF
shape json_shape
entry unconnected_sends_counted_as_sendto_apart_from_connects $py sendto=8 connects=3 udp4=1 tcp4=1 udp6=1 tcp6=0 fastopen=0 listen=0 accept=0 loopback=0 last_dest=[$PEER6]:$UDP_PORT
entry peer_server_echoed_13_datagrams_and_accepted_1 $PEER_SERVER sendto=13 accept=1 connects=0
EOF

finish
