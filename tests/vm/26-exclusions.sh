#!/bin/bash
# Kernel-side exclusions: uses towards an excluded destination CIDR, or by
# an excluded uid, are counted as "excluded" and in no other counter.
#   - the lists start empty;
#   - dests 198.51.100.0/24 (the peer's IPv4 network): a copy of python3
#     makes 2 TCP connects and 3 UDP sendtos to the peer over IPv4 (all
#     excluded) and 1 TCP connect over IPv6 (counted as tcp6);
#   - uids 4242 on top: a copy of bash run as uid 4242 connects twice to the
#     peer over IPv6 (excluded), then once as root (tcp6); a copy of python3
#     listens once as uid 4242 (excluded: the uid list applies to listen)
#     and once as root (listen);
#   - clear: the first copy's connect and sendto over IPv4 count again;
#   - rmmod with both lists set is clean (the guest's kernel log is checked).
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/lib.sh"
need_built
start_peer_server
py=$WORK/py-excl
pyl=$WORK/py-listen
sh=$WORK/bash-excl
# uid 4242 runs two of the copies: let it reach them.
chmod 0755 "$WORK"
copy_prog "$PYTHON" "$py"
copy_prog "$PYTHON" "$pyl"
copy_prog "$(readlink -f /bin/bash)" "$sh"
load_module

# talk N4 NU6: N4 TCP connects and as many UDP sendtos over IPv4 (the
# sendtos echoed), then NU6 TCP connects over IPv6.
talk() {
	"$py" - "$PEER4" "$PEER6" "$HTTP_PORT" "$UDP_PORT" "$@" <<'PY'
import socket, sys
p4, p6, tport, uport, n4, nu, n6 = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7])
for _ in range(n4):
    socket.create_connection((p4, tport), timeout=20).close()
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.settimeout(20)
for _ in range(nu):
    u.sendto(b"ping", (p4, uport)); u.recv(100)
for _ in range(n6):
    socket.create_connection((p6, tport), timeout=20).close()
print("talked")
PY
}

listen_once() {
	"$@" "$pyl" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(1); print("listened")'
}

"$CTL" config >"$WORK/config0" 2>&1 || true
check "lists empty after load" grep -q '^exclude_dests none$' "$WORK/config0"

check "netanomctl exclude dests 198.51.100.0/24" \
	"$CTL" exclude dests 198.51.100.0/24
"$CTL" config >"$WORK/config1" 2>&1 || true
cat "$WORK/config1"
check "config shows the destination list" \
	grep -q '^exclude_dests 198.51.100.0/24$' "$WORK/config1"
check "python3 copy talks to the excluded network" talk 2 3 1

check "netanomctl exclude uids 4242" "$CTL" exclude uids 4242
for _ in 1 2; do
	setpriv --reuid=4242 --regid=4242 --clear-groups \
		"$sh" -c "exec 3<>/dev/tcp/$PEER6/$HTTP_PORT" ||
		echo "bash as uid 4242 could not connect"
done
"$sh" -c "exec 3<>/dev/tcp/$PEER6/$HTTP_PORT" || echo "bash as root could not connect"
listen_once setpriv --reuid=4242 --regid=4242 --clear-groups || true
listen_once || true
"$CTL" exclude >"$WORK/lists" 2>&1 || true
check "both lists set" grep -qx 'exclude_uids  4242' "$WORK/lists"

snap excluded
expect <<EOF
shape json_shape
entry excluded_network_counted_as_excluded $py excluded=5 tcp4=0 sendto=0 loopback=0 tcp6=1 connects=1
entry excluded_uid_counted_as_excluded $sh excluded=2 tcp6=1 connects=1
entry excluded_uid_listen_counted_as_excluded $pyl excluded=1 listen=1 connects=0
EOF

check "netanomctl exclude clear" "$CTL" exclude clear
"$CTL" config >"$WORK/config2" 2>&1 || true
check "config shows empty lists after clear" \
	grep -q '^exclude_uids  none$' "$WORK/config2"
check "python3 copy talks again" talk 1 1 0
snap cleared
expect <<EOF
entry counting_resumes_after_clear $py excluded=5 tcp4=1 sendto=1 tcp6=1 connects=2
EOF

check "both lists set again" "$CTL" exclude dests 10.0.0.0/8,2001:db8::/32 uids 0,4242
check "rmmod with the lists set" rmmod netanom

finish
