#!/bin/bash
# Who uses the network is sensitive: every operation needs CAP_NET_ADMIN.
# An unprivileged user, and root without CAP_NET_ADMIN, get exit status 1
# and a message that names CAP_NET_ADMIN, and change nothing.  Without the
# module, netanomctl says the module is not loaded.
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/lib.sh"
need_built
start_peer_server
load_module

bash -c "exec 3<>/dev/tcp/$PEER4/$HTTP_PORT" || echo "bash /dev/tcp failed"
bash_bin=$(readlink -f /bin/bash)

# denied LABEL PREFIX...: netanomctl under PREFIX fails as it should for
# each subcommand.
denied() {
	local label=$1 sub rc
	shift
	for sub in "show" "show --json" "stats" "stats --json" "config" \
		"config --json" "config count_unix 1" "config enabled 0" "reset" \
		"exclude" "exclude clear"; do
		set +e
		# shellcheck disable=SC2086 # $sub is several words on purpose
		"$@" "$CTL" $sub >"$WORK/out" 2>"$WORK/err"
		rc=$?
		set -e
		if [ "$rc" = 1 ] && grep -q CAP_NET_ADMIN "$WORK/err" && [ ! -s "$WORK/out" ]; then
			pass "$label: netanomctl $sub is refused (exit 1, CAP_NET_ADMIN)"
		else
			fail "$label: netanomctl $sub is refused (exit 1, CAP_NET_ADMIN)" \
				"exit $rc, stdout '$(head -c 300 "$WORK/out")', stderr '$(head -c 300 "$WORK/err")'"
		fi
	done
	head -n 1 "$WORK/err"
}

denied "uid 65534" setpriv --reuid=65534 --regid=65534 --clear-groups
# Root without CAP_NET_ADMIN in its bounding set, so not after execve.
denied "root without CAP_NET_ADMIN" setpriv --bounding-set=-net_admin

# Nothing the refused commands asked for happened.
snap after-refusals
expect <<EOF
entry entry_survived_the_refused_reset $bash_bin connects=1 tcp4=1
EOF
if "$CTL" config --json >"$WORK/config.json"; then
	expect_eq "config unchanged by the refused changes" \
		"$("${PY[@]}" -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["enabled"], d["count_unix"])' "$WORK/config.json")" \
		"True False"
else
	fail "netanomctl config --json succeeds as root"
fi

# Without the module: exit 1 and a message that says it is not loaded.
rmmod netanom
set +e
"$CTL" show >"$WORK/out" 2>"$WORK/err"
rc=$?
set -e
cat "$WORK/err"
if [ "$rc" = 1 ] && grep -qi 'not loaded\|modprobe\|insmod' "$WORK/err"; then
	pass "without the module, netanomctl show says it is not loaded"
else
	fail "without the module, netanomctl show says it is not loaded" "exit $rc, stderr '$(cat "$WORK/err")'"
fi

finish
