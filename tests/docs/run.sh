#!/bin/bash
# Man pages and bash completion, host-side:   tests/docs/run.sh TAP_FILE
#  - every man/*.[1-8] renders without a warning from man/groff;
#  - the docs cannot drift from the code: every long option of
#    `netanomd --help` is in netanomd.8; every command of `netanomctl
#    --help` and every long option of each command's --help in
#    netanomctl.8; every section and key of etc/netanomd.conf in
#    netanomd.conf.5; every module parameter and netlink command of the
#    module in netanom.4;
#  - the bash completion offers every command, and for each command every
#    long option its --help lists.
# Needs build/bin/netanomd and build/bin/netanomctl.
# shellcheck source=scripts/help.sh
. "$(dirname "$0")/../../scripts/help.sh"
set -u
tap=$1
top=$(cd "$(dirname "$0")/../.." && pwd)
man=$top/man
bin=$top/build/bin
. "$top/tests/lib/tap.sh"
tap_start "$tap" docs

# The roff source as words: escapes for '-' and fonts removed.
plain() {
	sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' "$1"
}

# missing PAGE WORD...: the words PAGE does not contain (as whole words).
missing() {
	local page=$1 w text
	shift
	text=$(plain "$page")
	for w in "$@"; do
		grep -qE -- "(^|[^A-Za-z0-9_-])$w([^A-Za-z0-9_-]|\$)" <<<"$text" ||
			echo "$w"
	done
}

# Long options in a --help text.
long_opts() {
	grep -oE -- '--[a-z][a-z-]*' | sort -u
}

for f in "$man"/*.[1-8]; do
	out=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 \
		man --warnings -E UTF-8 -l -Tutf8 "$f" 2>&1 >/dev/null)
	[ -z "$out" ]
	result $? "$(basename "$f") renders without warnings" "$out"
done
for p in netanomd.8 netanomctl.8 netanomd.conf.5 netanom.4; do
	[ -f "$man/$p" ]
	result $? "man page $p exists"
done

# netanomd
opts=$("$bin/netanomd" --help | long_opts)
[ -n "$opts" ] && out=$(missing "$man/netanomd.8" $opts) && [ -z "$out" ]
result $? "every option of netanomd --help is in netanomd.8" "$out"

# netanomctl: commands, and each command's options.
cmds=$("$bin/netanomctl" --help |
	sed -n '/^Commands:/,/^$/{/^  [a-z]/s/^  \([a-z]*\).*/\1/p}')
[ "$(wc -w <<<"$cmds")" -ge 8 ]
result $? "netanomctl --help lists its commands" "$cmds"
out=
for c in $cmds; do
	grep -qE "^\.BR? $c( |\$)" <(plain "$man/netanomctl.8") ||
		out="$out command $c;"
	copts=$("$bin/netanomctl" "$c" --help | long_opts)
	m=$(missing "$man/netanomctl.8" $copts)
	[ -z "$m" ] || out="$out $c: $m;"
done
[ -z "$out" ]
result $? "every command and option of netanomctl is in netanomctl.8" "$out"
out=$(missing "$man/netanomctl.8" $("$bin/netanomctl" --help | long_opts))
[ -z "$out" ]
result $? "netanomctl's own options are in netanomctl.8" "$out"

# netanomd.conf: sections as .SH [name], keys as .B key.
conf=$top/etc/netanomd.conf
sections=$(sed -n 's/^\[\([a-z]*\)\]$/\1/p' "$conf")
keys=$(sed -n 's/^;\{0,1\}\([a-z_]*\) =.*/\1/p' "$conf" | sort -u)
[ -n "$sections" ] && [ "$(wc -w <<<"$keys")" -ge 10 ]
result $? "etc/netanomd.conf has sections and keys" "$sections $keys"
out=
for s in $sections; do
	grep -qx ".SH \[$s\]" "$man/netanomd.conf.5" || out="$out [$s]"
done
for k in $keys; do
	grep -qx ".B $k" "$man/netanomd.conf.5" || out="$out $k"
done
[ -z "$out" ]
result $? "every section and key of etc/netanomd.conf is in netanomd.conf.5" "$out"

# netanom.4: module parameters and netlink commands.
params=$(sed -n 's/^module_param(\([a-z_]*\),.*/\1/p' "$top"/kmod/*.c | sort -u)
cmds4=$(sed -n 's/^\t\(NETANOM_CMD_[A-Z_]*\),.*/\1/p' \
	"$top/include/uapi/linux/netanom.h" | grep -v UNSPEC)
[ -n "$params" ] && [ -n "$cmds4" ]
result $? "the module has parameters and commands to look for" "$params $cmds4"
out=$(missing "$man/netanom.4" $params $cmds4)
[ -z "$out" ]
result $? "every module parameter and netlink command is in netanom.4" "$out"

# Bash completion, driven as bash would drive it.
comp=$top/etc/bash-completion/netanomctl
complete_words() {
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1));
		_netanomctl; printf "%s\n" "${COMPREPLY[@]}"' _ "$comp" "$@"
}
got=$(complete_words netanomctl "")
out=
for c in $cmds; do grep -qx "$c" <<<"$got" || out="$out $c"; done
[ -n "$cmds" ] && [ -z "$out" ]
result $? "completion offers every netanomctl command" "missing:$out"
out=
for c in $cmds; do
	got=$(complete_words netanomctl "$c" "--")
	for o in $("$bin/netanomctl" "$c" --help | long_opts); do
		grep -qx -- "$o" <<<"$got" || out="$out $c $o;"
	done
done
[ -z "$out" ]
result $? "completion offers every option of every command" "missing:$out"
got=$(complete_words netanomctl config count_unix "")
[ "$(echo $got)" = "on off" ]
result $? "completion offers on/off after a config key" "$got"
got=$(complete_words netanomctl alerts --database "$top/etc/netanomd.c")
[ "$got" = "$top/etc/netanomd.conf" ]
result $? "completion offers files after --database" "$got"

# Every command script answers --help (most through scripts/help.sh) and
# does nothing else: a script without it would take "--help" for an
# argument (vm-test.sh once took it for its results folder and booted
# guests).
out=
for f in "$top"/scripts/*.sh "$top"/bench/*.sh "$top"/tests/*/run.sh "$top"/.ci/run; do
	[ "$f" = "$top/scripts/help.sh" ] && continue
	text=$(cd / && timeout 20 "$f" --help 2>&1 </dev/null) && [ -n "$text" ] &&
		! grep -q '^shellcheck ' <<<"$text" ||
		out="$out ${f#"$top"/}"
done
[ -z "$out" ]
result $? "every script answers --help, without shellcheck directives" "failing:$out"

echo "docs: $((n - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
