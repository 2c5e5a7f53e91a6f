#!/bin/bash
# "loopback" is the part of "connects" that went to 127.0.0.0/8, ::1 or ::
# (also IPv4-mapped); connects to the peer are not loopback.  Loopback
# connects are counted whether or not anything listens there.
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/lib.sh"
need_built
start_peer_server
sh=$WORK/bash-loop
py=$WORK/py-loop
copy_prog "$(readlink -f /bin/bash)" "$sh"
copy_prog "$PYTHON" "$py"
load_module

# A loopback listener, so that some loopback connects also succeed.
"$PYTHON" -c '
import socket, sys, time
s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
s.bind(("::", 7070)); s.listen(64)
open(sys.argv[1], "w").close()
while True:
    c, _ = s.accept(); c.close()
' "$WORK/lo-ready" &
BG_PIDS+=($!)
for _ in $(seq 100); do [ -e "$WORK/lo-ready" ] && break; sleep 0.1; done

# bash copy: tcp4 127.0.0.1 (listener), tcp4 127.9.9.9 (refused), tcp6 ::1
# (listener), udp4 127.0.0.1, and tcp4 to the peer: 5 connects, 4 loopback.
"$sh" -c 'exec 3<>/dev/tcp/127.0.0.1/7070' && echo "tcp 127.0.0.1 ok"
"$sh" -c 'exec 3<>/dev/tcp/127.9.9.9/9' 2>/dev/null || echo "tcp 127.9.9.9 refused, as it should"
"$sh" -c 'exec 3<>/dev/tcp/::1/7070' && echo "tcp ::1 ok"
"$sh" -c 'exec 3<>/dev/udp/127.0.0.1/9' && echo "udp 127.0.0.1 ok"
"$sh" -c "exec 3<>/dev/tcp/$PEER4/$HTTP_PORT" && echo "tcp peer ok"

# python copy: tcp ::ffff:127.0.0.1 (tcp4, loopback), tcp :: (tcp6,
# loopback: :: means this host), udp6 ::1, tcp4 to the peer (not loopback),
# and last udp4 to 127.0.0.53:53: 5 connects, 4 loopback.
"$py" - "$PEER4" "$HTTP_PORT" <<'EOF' || echo "python3 copy failed"
import socket, sys
A4, A6, TCP, UDP = socket.AF_INET, socket.AF_INET6, socket.SOCK_STREAM, socket.SOCK_DGRAM
def conn(fam, typ, addr):
    with socket.socket(fam, typ) as s:
        s.settimeout(20)
        s.connect(addr)
conn(A6, TCP, ("::ffff:127.0.0.1", 7070))
conn(A6, TCP, ("::", 7070))
conn(A6, UDP, ("::1", 53))
conn(A4, TCP, (sys.argv[1], int(sys.argv[2])))
conn(A4, UDP, ("127.0.0.53", 53))
print("python done")
EOF

snap loopback
expect <<EOF
entry bash_copy_4_of_5_connects_loopback $sh connects=5 loopback=4 tcp4=3 tcp6=1 udp4=1 udp6=0 other=0 last_dest=$PEER4:$HTTP_PORT
entry python3_copy_4_of_5_connects_loopback_mapped_and_unspecified_too $py connects=5 loopback=4 tcp4=2 tcp6=1 udp4=1 udp6=1 other=0 last_dest=127.0.0.53:53
EOF

finish
