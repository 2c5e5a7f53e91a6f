#!/bin/bash
# Inbound: listen(2) and accepted connections, per executable, in their own
# counters.  A copy of python3 serves:
#   - listen on TCP 0.0.0.0:7071 and [::]:7072 (2 listens), and on an
#     AF_UNIX socket (not inet: not counted);
#   - a non-blocking accept with nothing pending (EAGAIN: no connection, not
#     counted);
#   - then accepts exactly 3 connections on 7071 and 2 on 7072.
# A copy of bash makes those 5 connects; it never listens nor accepts.
# So the server has listen=2 accept=5 and no connects.
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/lib.sh"
need_built
srv=$WORK/py-server
cli=$WORK/bash-client
copy_prog "$PYTHON" "$srv"
copy_prog "$(readlink -f /bin/bash)" "$cli"
load_module

"$srv" - "$WORK" >"$WORK/srv.out" 2>&1 <<'EOF' &
import os, socket, sys
work = sys.argv[1]
a = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
a.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
a.bind(("0.0.0.0", 7071)); a.listen(8)
b = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
b.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
b.bind(("::", 7072)); b.listen(8)
u = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
u.bind(os.path.join(work, "unix.sock")); u.listen(1)
a.setblocking(False)
try:
    a.accept()
    print("accepted without a client?")
except BlockingIOError:
    print("nothing to accept, as expected")
a.setblocking(True)
open(os.path.join(work, "srv-ready"), "w").close()
n = 0
for s, k in ((a, 3), (b, 2)):
    for _ in range(k):
        c, _ = s.accept(); c.close(); n += 1
print("accepted", n)
EOF
BG_PIDS+=($!)
for _ in $(seq 100); do [ -e "$WORK/srv-ready" ] && break; sleep 0.1; done
for _ in 1 2 3; do "$cli" -c 'exec 3<>/dev/tcp/127.0.0.1/7071' || echo "connect to 7071 failed"; done
for _ in 1 2; do "$cli" -c 'exec 3<>/dev/tcp/::1/7072' || echo "connect to 7072 failed"; done
for _ in $(seq 100); do grep -q '^accepted' "$WORK/srv.out" && break; sleep 0.1; done
cat "$WORK/srv.out"
check "server accepted the 5 connections" grep -q '^accepted 5$' "$WORK/srv.out"

snap inbound
expect <<EOF
shape json_shape
entry server_2_inet_listens_5_accepts_no_connects $srv listen=2 accept=5 connects=0 sendto=0 fastopen=0 last_dest=
entry client_5_connects_no_listen_or_accept $cli connects=5 tcp4=3 tcp6=2 loopback=5 listen=0 accept=0
EOF

finish
