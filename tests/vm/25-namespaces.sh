#!/bin/bash
# A process in other namespaces -- a container -- is counted under its
# executable file, whatever its namespaces make of it:
#   - a copy of bash in a new network and mount namespace (unshare), where
#     its own directory is bind-mounted at another path and it runs from
#     there: it connects over TCP and UDP to the peer's addresses, which
#     that namespace cannot reach (ENETUNREACH; the hook runs before the
#     route lookup, so both are counted);
#   - the same file run in the initial namespaces: one more tcp4 connect,
#     to the same entry;
#   - another copy of bash in the peer's network namespace connects to the
#     peer server there (tcp4 1).
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/lib.sh"
need_built
start_peer_server
ns=$WORK/bash-ns
peer=$WORK/bash-peer
copy_prog "$(readlink -f /bin/bash)" "$ns"
copy_prog "$(readlink -f /bin/bash)" "$peer"
mkdir -p "$WORK/elsewhere"
load_module

# shellcheck disable=SC2016 # expanded by the inner shell, from its arguments
unshare --net --mount --propagation private /bin/bash -c '
	mount --bind "$1" "$2" || exit 1
	"$2/bash-ns" -c "exec 3<>/dev/tcp/$3/$4" 2>/dev/null && echo "tcp: connected?"
	"$2/bash-ns" -c "exec 3<>/dev/udp/$3/$5" 2>/dev/null && echo "udp: connected?"
	ip -o link | cut -d" " -f2 | tr "\n" " "; echo
	echo "in the namespaces: done"
' - "$WORK" "$WORK/elsewhere" "$PEER4" "$HTTP_PORT" "$UDP_PORT" >"$WORK/ns.out" 2>&1 || true
cat "$WORK/ns.out"
check "the unshared program ran in its own namespaces" grep -q '^in the namespaces: done$' "$WORK/ns.out"
check "its network namespace has only lo" grep -qx 'lo: ' "$WORK/ns.out"

"$ns" -c "exec 3<>/dev/tcp/$PEER4/$HTTP_PORT" || echo "connect from the initial namespaces failed"
ip netns exec peer "$peer" -c "exec 3<>/dev/tcp/$PEER4/$HTTP_PORT && printf 'GET / HTTP/1.0\r\n\r\n' >&3 && cat <&3" >"$WORK/peer.out" 2>&1 ||
	echo "connect inside the peer namespace failed"
check "the program in the peer namespace got its answer" grep -q '^ok' "$WORK/peer.out"

snap namespaces
expect <<EOF
shape json_shape
entry one_file_one_entry_across_network_and_mount_namespaces $ns connects=3 tcp4=2 udp4=1 last_dest=$PEER4:$HTTP_PORT
entry a_program_in_another_network_namespace_is_counted $peer connects=1 tcp4=1 last_dest=$PEER4:$HTTP_PORT
EOF

finish
