#!/bin/bash
# Five real programs connect to the peer over IPv4 TCP, each a different
# number of times, and each gets its own entry with exactly that count:
#   bash /dev/tcp 1, curl 2, python3 3, busybox nc 4, a copy of curl 5.
# Distinct counts make a connect booked to the wrong program visible; the
# copy of curl must be an entry of its own (identity is the file, not the
# name).  Clients use literal addresses: no DNS, no happy eyeballs.  The
# peer server, in its own network namespace, accepted all 15.
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/lib.sh"
need_built
start_peer_server
curl2=$WORK/curl2
copy_prog /usr/bin/curl "$curl2"
busybox=$(readlink -f /bin/busybox)
bash_bin=$(readlink -f /bin/bash)
load_module

url=http://$PEER4:$HTTP_PORT/

# bash: one connect through /dev/tcp, with a real HTTP exchange.
bash -c "exec 3<>/dev/tcp/$PEER4/$HTTP_PORT && printf 'GET / HTTP/1.0\r\n\r\n' >&3 && cat <&3" >"$WORK/bash.out" ||
	echo "bash /dev/tcp failed"
check "bash /dev/tcp gets the peer's answer" grep -q '^ok' "$WORK/bash.out"

for i in 1 2; do
	curl -sS --max-time 20 "$url" >"$WORK/curl.$i" || echo "curl failed"
done
check "curl gets the peer's answer" body_ok "$WORK/curl.2"

# Started through the /usr/bin/python3 symlink: counted under the file it
# points to, with comm "python3".
python3 - "$PEER4" "$HTTP_PORT" >"$WORK/py.out" <<'EOF' || echo "python3 failed"
import socket, sys
for _ in range(3):
    with socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=20) as s:
        s.sendall(b"GET / HTTP/1.0\r\n\r\n")
        print(s.makefile("rb").read().decode().splitlines()[-1])
EOF
check "python3 gets the peer's answers" test "$(grep -c '^ok$' "$WORK/py.out")" = 3

for i in 1 2 3 4; do
	printf 'GET / HTTP/1.0\r\n\r\n' | busybox nc -w 10 "$PEER4" "$HTTP_PORT" >"$WORK/nc.$i" ||
		echo "busybox nc failed"
done
check "busybox nc gets the peer's answer" grep -q '^ok' "$WORK/nc.4"

for i in 1 2 3 4 5; do
	"$curl2" -sS --max-time 20 "$url" >"$WORK/curl2.$i" || echo "curl2 failed"
done
check "the copy of curl gets the peer's answer" body_ok "$WORK/curl2.5"

v4tcp="tcp6=0 udp4=0 udp6=0 other=0 loopback=0 last_uid=0 last_dest=$PEER4:$HTTP_PORT exe=@real sendto=0 fastopen=0 listen=0 accept=0"
snap after-connects
expect <<EOF
shape json_shape
only exactly_the_five_programs_and_the_peer_server_have_entries $bash_bin /usr/bin/curl $PYTHON $busybox $curl2 $PEER_SERVER
entry the_peer_server_accepted_the_15_connections $PEER_SERVER connects=0 accept=15 listen=0 sendto=0 fastopen=0
entry bash_/dev/tcp_counted_once_under_bash $bash_bin connects=1 tcp4=1 comm=bash $v4tcp
entry curl_counted_twice /usr/bin/curl connects=2 tcp4=2 comm=curl $v4tcp
entry python3_counted_3_times_under_the_real_file $PYTHON connects=3 tcp4=3 comm=python3 $v4tcp
entry busybox_nc_counted_4_times $busybox connects=4 tcp4=4 comm=busybox $v4tcp
entry the_copy_of_curl_counted_5_times_on_its_own $curl2 connects=5 tcp4=5 comm=curl2 $v4tcp
stats stats_count_6_entries entries=6 dropped=0 alloc_failures=0 hits>=15 bytes>=1
EOF

# The entry's dev and ino are stat(2)'s, so tools can find the file.
read -r dev ino < <(stat -L -c '%d %i' "$curl2")
expect_eq "curl2 entry dev is st_dev" "$(getv "$curl2" dev)" "$dev"
expect_eq "curl2 entry ino is st_ino" "$(getv "$curl2" ino)" "$ino"

# The human-readable table names every program too.
if "$CTL" show >"$WORK/show.txt" 2>&1; then
	missing=
	for p in "$bash_bin" /usr/bin/curl "$PYTHON" "$busybox" "$curl2"; do
		grep -qF "$p" "$WORK/show.txt" || missing="$missing $p"
	done
	expect_eq "netanomctl show lists every program" "${missing:-none}" none
else
	fail "netanomctl show succeeds" "$(cat "$WORK/show.txt")"
fi
cat "$WORK/show.txt"

finish
