#!/bin/bash
# Static checks of the kernel code, as TAP lines into $1 (default
# build/results/kcheck.tap):
#   - checkpatch.pl --no-tree from Debian's linux-source-6.12 (extracted by
#     scripts/kunit.sh) on every kmod source and the uapi header;
#   - sparse (make C=2) on the module for every kernel with headers.
# Exit status: 0 when every check passed.
# shellcheck source=scripts/help.sh
. "$(dirname "$0")/help.sh"
set -uo pipefail
cd "$(dirname "$0")/.."
out=${1:-build/results/kcheck.tap}
tree=build/kunit/linux-source-6.12
mkdir -p "$(dirname "$out")"
: >"$out"
fail=0

record() { # record NAME STATUS LOGFILE
	if [ "$2" -eq 0 ]; then
		echo "ok kcheck $1" >>"$out"
	else
		echo "not ok kcheck $1" >>"$out"
		sed 's/^/    # /' "$3" | head -40
		fail=1
	fi
}

if [ ! -x "$tree/scripts/checkpatch.pl" ]; then
	scripts/kunit.sh --extract-only >/dev/null || true
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for f in kmod/*.c kmod/*.h kmod/tests/*.c include/uapi/linux/netanom.h; do
	[ -e "$f" ] || continue
	perl "$tree/scripts/checkpatch.pl" --no-tree --quiet --show-types \
		--ignore LINUX_VERSION_CODE -f "$f" >"$log" 2>&1
	record "checkpatch $f" $? "$log"
done

if command -v sparse >/dev/null; then
	for rel in $(scripts/kernels.sh headers); do
		m=build/kmod/$rel
		[ -d "$m" ] || continue
		# Force a rebuild of every object so that sparse sees all of them.
		make -s -C "/lib/modules/$rel/build" M="$PWD/$m" \
			CONFIG_NETANOM=m C=2 CHECK="sparse -Wno-decl" modules >"$log" 2>&1
		st=$?
		# sparse reports on stderr without failing the build.
		if [ $st -eq 0 ] && grep -E 'warning:|error:' "$log" | grep -q .; then
			st=1
		fi
		record "sparse $rel" $st "$log"
	done
fi
exit $fail
