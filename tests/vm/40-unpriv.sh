#!/bin/bash
# Who uses the network is sensitive: every operation needs CAP_NET_ADMIN in
# the initial user namespace, and the family answers in the initial network
# namespace only.  An unprivileged user, root without CAP_NET_ADMIN, root of
# a user namespace (CAP_NET_ADMIN there only) and root in another network
# namespace get exit status 1 and a message that says what to do, and
# change nothing.  A process in a user namespace is reported under its uid
# in the initial one.  Without the module, netanomctl says it is not loaded.
# (tests/vm/41-fuzz.sh sends the same callers thousands of requests.)
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/lib.sh"
need_built
start_peer_server
load_module

bash -c "exec 3<>/dev/tcp/$PEER4/$HTTP_PORT" || echo "bash /dev/tcp failed"
bash_bin=$(readlink -f /bin/bash)

# Root of a user namespace that maps uid 0 to 65534 is reported as 65534.
copy_prog "$bash_bin" "$WORK/userns-bash"
: >"$WORK/userns-uid"
chmod 0666 "$WORK/userns-uid"
setpriv --reuid=65534 --regid=65534 --clear-groups \
	unshare --user --map-root-user "$WORK/userns-bash" -c \
	"echo \$UID >$WORK/userns-uid; exec 3<>/dev/tcp/$PEER4/$HTTP_PORT" ||
	echo "userns-bash: the connect failed"
expect_eq "the user namespace's process has uid 0 inside it" \
	"$(cat "$WORK/userns-uid" 2>/dev/null)" 0
snap userns
expect <<EOF
entry root_of_the_user_namespace_reported_as_uid_65534 $WORK/userns-bash connects=1 last_uid=65534
EOF

# Every subcommand that talks to the module, and a few of them: each
# reading and each changing request, for the callers whose way in is the
# same as another's.
# shellcheck disable=SC2034 # read through the nameref in denied()
all_subs=("show" "show --json" "stats" "stats --json" "config" "config --json"
	"config count_unix 1" "config enabled 0" "reset" "exclude" "exclude clear")
# shellcheck disable=SC2034
some_subs=("show --json" "config" "config enabled 0" "reset")

# denied LABEL PATTERN SUBS PREFIX...: netanomctl under PREFIX fails as it
# should for each subcommand of the array named SUBS, with PATTERN
# (grep -E) in its message.
denied() {
	local label=$1 pattern=$2 sub rc
	local -n subs=$3
	shift 3
	for sub in "${subs[@]}"; do
		set +e
		# shellcheck disable=SC2086 # $sub is several words on purpose
		"$@" "$CTL" $sub >"$WORK/out" 2>"$WORK/err"
		rc=$?
		set -e
		if [ "$rc" = 1 ] && grep -Eq "$pattern" "$WORK/err" && [ ! -s "$WORK/out" ]; then
			pass "$label: netanomctl $sub is refused (exit 1, says what to do)"
		else
			fail "$label: netanomctl $sub is refused (exit 1, says what to do)" \
				"exit $rc, stdout '$(head -c 300 "$WORK/out")', stderr '$(head -c 300 "$WORK/err")'"
		fi
	done
	head -n 1 "$WORK/err"
}

perm='CAP_NET_ADMIN in the initial user namespace \(run as root on the host'
denied "uid 65534" "$perm" all_subs \
	setpriv --reuid=65534 --regid=65534 --clear-groups
# Root without CAP_NET_ADMIN in its bounding set, so not after execve.
denied "root without CAP_NET_ADMIN" "$perm" all_subs \
	setpriv --bounding-set=-net_admin
# Root of its own user namespace, which holds CAP_NET_ADMIN there only.
denied "root of a user namespace" "$perm" some_subs \
	unshare --user --map-root-user
# Root in another network namespace: the family is not there at all.
netns='module is loaded, but it answers in the initial network namespace only'
denied "root in another network namespace" "$netns" some_subs \
	ip netns exec peer
denied "root of a user and network namespace" "$netns" some_subs \
	unshare --user --map-root-user --net


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
