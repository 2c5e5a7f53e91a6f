#!/bin/bash
# The guest side of scripts/demo.sh: runs in the test guest (scripts/vm.sh).
set -eu

ctl=build/bin/netanomctl
peer4=198.51.100.2
peer6=2001:db8::2

say() { printf '\n== %s\n' "$*"; }

# The same servers as the scenarios, run by a copy of python3 so that
# the demo's python3 client stands alone in the table.
cp "$(readlink -f /usr/bin/python3)" /tmp/peer-server
ip netns exec peer /tmp/peer-server tests/vm/peer-server.py /tmp/ready &
server=$!
for _ in $(seq 100); do [ -e /tmp/ready ] && break; sleep 0.1; done

say "insmod build/kmod/$(uname -r)/kmod/netanom.ko"
insmod "build/kmod/$(uname -r)/kmod/netanom.ko"
dmesg | grep netanom: | tail -n 1

say "connections to the peer namespace ($peer4, $peer6)"
set -x
curl -sS "http://$peer4:8080/"
curl -sS "http://[$peer6]:8080/"
python3 -c "import socket; socket.create_connection(('$peer4', 8080)).close()"
bash -c "exec 3<>/dev/udp/$peer4/9999; echo hello >&3"
echo | busybox nc -w 2 "$peer6" 8080 >/dev/null
cp /usr/bin/curl /tmp/renamed-curl
/tmp/renamed-curl -sS -o /dev/null "http://$peer4:8080/"
bash -c 'exec 3<>/dev/tcp/127.0.0.1/22' 2>/dev/null || true
{ set +x; } 2>/dev/null

say "netanomctl show"
"$ctl" show
say "netanomctl stats"
"$ctl" stats
say "netanomctl config"
"$ctl" config

rmmod netanom
kill "$server"
