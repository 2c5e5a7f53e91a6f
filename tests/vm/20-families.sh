#!/bin/bash
# IPv4 and IPv6, TCP and UDP, each counted under its own counter:
#   - a copy of python3: tcp4 x1, tcp6 x2, udp4 x3, udp6 x4, plus TCP and
#     UDP over AF_INET6 sockets to the IPv4-mapped peer (counted as tcp4 and
#     udp4), plus two AF_UNSPEC "disconnects" of UDP sockets (never counted);
#   - a copy of bash: /dev/udp to the IPv4 peer and /dev/tcp to the IPv6 peer;
#   - curl and busybox nc over IPv6;
#   - the peer server, in its own network namespace, accepted the 7 TCP
#     connections and echoed the 9 UDP datagrams with sendto(2) on its
#     unconnected dual-stack socket.
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/lib.sh"
need_built
start_peer_server
py=$WORK/py-families
sh6=$WORK/bash-families
copy_prog "$PYTHON" "$py"
copy_prog "$(readlink -f /bin/bash)" "$sh6"
busybox=$(readlink -f /bin/busybox)
load_module

"$py" - "$PEER4" "$PEER6" "$HTTP_PORT" "$UDP_PORT" >"$WORK/py.out" 2>&1 <<'EOF' || true
import ctypes, socket, sys
p4, p6, tport, uport = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
A4, A6 = socket.AF_INET, socket.AF_INET6
TCP, UDP = socket.SOCK_STREAM, socket.SOCK_DGRAM
libc = ctypes.CDLL(None, use_errno=True)

def tcp(fam, addr):
    with socket.socket(fam, TCP) as s:
        s.settimeout(20)
        s.connect(addr)
        s.sendall(b"GET / HTTP/1.0\r\n\r\n")
        assert s.makefile("rb").read().endswith(b"\nok\n")

def udp(fam, addr, disconnect=False):
    with socket.socket(fam, UDP) as s:
        s.settimeout(20)
        s.connect(addr)
        s.send(b"ping")
        assert s.recv(100) == b"ping"
        if disconnect:
            # connect(2) with AF_UNSPEC dissolves the association; the
            # kernel sees a connect, netanom must not count it.
            unspec = ctypes.create_string_buffer(16)
            if libc.connect(s.fileno(), unspec, 16) != 0:
                raise OSError(ctypes.get_errno(), "AF_UNSPEC connect")

mapped = "::ffff:" + p4
tcp(A6, (mapped, tport))                  # tcp4 (IPv4-mapped)
udp(A6, (mapped, uport))                  # udp4 (IPv4-mapped)
tcp(A4, (p4, tport))                      # tcp4
for _ in range(2):
    tcp(A6, (p6, tport))                  # tcp6
for i in range(3):
    udp(A4, (p4, uport), disconnect=i < 1)    # udp4, 1 AF_UNSPEC
for i in range(4):
    udp(A6, (p6, uport), disconnect=i < 1)    # udp6, 1 AF_UNSPEC; last: udp6
print("python done")
EOF
check "python3 copy: every connect got its answer" grep -q '^python done$' "$WORK/py.out"
cat "$WORK/py.out"

# bash's read takes a byte at a time, which on a datagram socket loses the
# rest of the datagram: head reads the echo whole.
"$sh6" -c "exec 3<>/dev/udp/$PEER4/$UDP_PORT && echo ping >&3 && echo udp:\$(timeout 20 head -c 4 <&3)" >"$WORK/sh.out" 2>&1 ||
	echo "bash copy: /dev/udp failed"
"$sh6" -c "exec 3<>/dev/tcp/$PEER6/$HTTP_PORT && printf 'GET / HTTP/1.0\r\n\r\n' >&3 && cat <&3" >>"$WORK/sh.out" 2>&1 ||
	echo "bash copy: /dev/tcp over IPv6 failed"
cat "$WORK/sh.out"
check "bash copy: /dev/udp echo came back" grep -q '^udp:ping$' "$WORK/sh.out"
check "bash copy: /dev/tcp over IPv6 got the answer" grep -q '^ok$' "$WORK/sh.out"

curl -sS --max-time 20 "http://[$PEER6]:$HTTP_PORT/" >"$WORK/curl.out" || echo "curl failed"
check "curl over IPv6 gets the answer" body_ok "$WORK/curl.out"
printf 'GET / HTTP/1.0\r\n\r\n' | busybox nc -w 10 "$PEER6" "$HTTP_PORT" >"$WORK/nc.out" ||
	echo "busybox nc failed"
check "busybox nc over IPv6 gets the answer" grep -q '^ok' "$WORK/nc.out"

snap families
expect <<EOF
shape json_shape
entry python3_copy_counts_per_family_and_transport $py connects=12 tcp4=2 tcp6=2 udp4=4 udp6=4 other=0 loopback=0 last_dest=[$PEER6]:$UDP_PORT
entry bash_copy_udp4_and_tcp6 $sh6 connects=2 tcp4=0 tcp6=1 udp4=1 udp6=0 other=0 loopback=0 last_dest=[$PEER6]:$HTTP_PORT
entry curl_over_IPv6_is_tcp6 /usr/bin/curl connects=1 tcp4=0 tcp6=1 udp4=0 udp6=0 other=0 loopback=0 last_dest=[$PEER6]:$HTTP_PORT
entry busybox_nc_over_IPv6_is_tcp6 $busybox connects=1 tcp4=0 tcp6=1 udp4=0 udp6=0 other=0 loopback=0 last_dest=[$PEER6]:$HTTP_PORT
entry peer_server_accepted_7_and_echoed_9_datagrams_by_sendto $PEER_SERVER connects=0 accept=7 sendto=9 listen=0 fastopen=0
EOF

finish
