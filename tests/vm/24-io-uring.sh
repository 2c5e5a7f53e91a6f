#!/bin/bash
# io_uring's connect, sendmsg and accept reach the same LSM hooks as the
# system calls, and are counted once each under the program's executable,
# whether the ring runs them inline or in its worker threads.  The program
# (tests/vm/uring.c, built here with cc) listens once, connects over TCP
# (with a real HTTP exchange) and UDP through the ring, sends one datagram
# with an address through the ring, connects to itself with connect(2) and
# accepts that through the ring:
#   listen=1 tcp4=2 udp4=1 sendto=1 accept=1, no loopback.
# A TCP connect through the ring is issued twice by the kernel (once more
# when the socket becomes writable, to learn the result); it still counts
# once.
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/lib.sh"
need_built
GUEST4=198.51.100.1
uring=$WORK/uring
cc -std=c11 -O2 -Wall -Wextra -Werror -o "$uring" "$REPO/tests/vm/uring.c" ||
	bail "tests/vm/uring.c builds"
start_peer_server
load_module

"$uring" "$PEER4" "$HTTP_PORT" "$UDP_PORT" "$GUEST4" >"$WORK/uring.out" 2>&1 ||
	echo "uring exited with $?"
cat "$WORK/uring.out"
for step in "connect tcp" "connect udp" "sendmsg with an address" "accept"; do
	check "io_uring $step succeeds" grep -qx "$step ok" "$WORK/uring.out"
done

snap io-uring
expect <<EOF
shape json_shape
entry io_uring_connect_sendmsg_accept_each_counted_once $uring listen=1 tcp4=2 udp4=1 connects=3 sendto=1 accept=1 fastopen=0 loopback=0 tcp6=0 udp6=0
EOF

finish
