#!/bin/bash
# TCP Fast Open.  sendto(MSG_FASTOPEN) opens the connection inside the send,
# never calling connect(2): it is counted as "fastopen", apart from the
# connects.  TCP_FASTOPEN_CONNECT, the other client API, goes through
# connect(2) and is counted there, once.  A copy of python3 against the
# peer's HTTP server (the peer has no Fast Open cookie to give, so each is
# a plain handshake with the data after it, and each gets its answer):
#   - sendto(MSG_FASTOPEN) to the IPv4 peer x2 and to the IPv6 peer x1;
#   - setsockopt(TCP_FASTOPEN_CONNECT) + connect to the IPv4 peer x3;
# so fastopen=3, tcp4=3, last destination the last connect's.
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/lib.sh"
need_built
start_peer_server
py=$WORK/py-tfo
copy_prog "$PYTHON" "$py"
# Client Fast Open is on by default (bit 0); make sure.
sysctl -qw net.ipv4.tcp_fastopen=1
load_module

"$py" - "$PEER4" "$PEER6" "$HTTP_PORT" >"$WORK/py.out" 2>&1 <<'EOF' || true
import socket, sys
p4, p6, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
REQ = b"GET / HTTP/1.0\r\n\r\n"
MSG_FASTOPEN = 0x20000000
TCP_FASTOPEN_CONNECT = 30
answers = 0

def answered(s):
    global answers
    if s.makefile("rb").read().endswith(b"\nok\n"):
        answers += 1
    s.close()

for fam, addr in ((socket.AF_INET, p4), (socket.AF_INET, p4),
                  (socket.AF_INET6, p6)):
    # Blocking: without a cookie the send waits for the handshake, then
    # sends the data (a non-blocking one would return EINPROGRESS).
    s = socket.socket(fam, socket.SOCK_STREAM)
    s.sendto(REQ, MSG_FASTOPEN, (addr, port))                  # fastopen
    s.settimeout(20)
    answered(s)
for _ in range(3):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(20)
    s.setsockopt(socket.IPPROTO_TCP, TCP_FASTOPEN_CONNECT, 1)
    s.connect((p4, port))                                      # tcp4
    s.sendall(REQ)
    answered(s)
print("answers", answers)
EOF
cat "$WORK/py.out"
check "python3 copy: all 6 requests answered" grep -q '^answers 6$' "$WORK/py.out"

snap fastopen
expect <<EOF
shape json_shape
entry sendto_MSG_FASTOPEN_counted_as_fastopen_TCP_FASTOPEN_CONNECT_as_tcp4 $py fastopen=3 tcp4=3 connects=3 tcp6=0 udp4=0 udp6=0 sendto=0 listen=0 accept=0 last_dest=$PEER4:$HTTP_PORT
entry peer_server_accepted_all_6 $PEER_SERVER accept=6 connects=0
EOF

finish
