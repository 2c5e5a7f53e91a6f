#!/bin/bash
# AF_UNIX connects are not counted by default; with "config count_unix 1"
# they are, as "other" (never loopback), and turning it off stops that.
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/lib.sh"
need_built
py=$WORK/py-unix
copy_prog "$PYTHON" "$py"
load_module

# Three stream connects and one datagram connect to sockets of its own.
unix_connects() {
	"$py" - "$WORK" <<'EOF'
import os, socket, sys
d = sys.argv[1]
for p in ("s.sock", "d.sock"):
    try:
        os.unlink(os.path.join(d, p))
    except FileNotFoundError:
        pass
srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
srv.bind(os.path.join(d, "s.sock"))
srv.listen(8)
dgram = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
dgram.bind(os.path.join(d, "d.sock"))
for _ in range(3):
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as c:
        c.connect(os.path.join(d, "s.sock"))
        srv.accept()[0].close()
with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as c:
    c.connect(os.path.join(d, "d.sock"))
    c.send(b"x")
    assert dgram.recv(10) == b"x"
print("unix done")
EOF
}

unix_connects || echo "unix connects failed"
snap default
expect <<EOF
absent AF_UNIX_not_counted_by_default $py
EOF

check "config count_unix 1 succeeds" "$CTL" config count_unix 1
unix_connects || echo "unix connects failed"
snap count-unix
expect <<EOF
shape json_shape_with_AF_UNIX_entries
entry AF_UNIX_counted_as_other $py connects=4 other=4 tcp4=0 tcp6=0 udp4=0 udp6=0 loopback=0 last_dest=unix
EOF

check "config count_unix 0 succeeds" "$CTL" config count_unix 0
unix_connects || echo "unix connects failed"
snap off-again
expect <<EOF
entry AF_UNIX_not_counted_after_turning_it_off $py connects=4 other=4
EOF

finish
