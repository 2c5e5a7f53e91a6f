#!/bin/bash
# Run netanom's KUnit suites on UML in Debian's linux-source-6.12 tree.
#
# Usage: scripts/kunit.sh [TAP_OUT]        (default build/results/kunit.tap)
#        scripts/kunit.sh --extract-only   only extract the tree (for
#                                          checkpatch in scripts/kcheck.sh)
#
# The tree is extracted once into build/kunit/linux-source-6.12; kmod/ is
# linked into it as net/netanom and the uapi header next to the kernel's own.
# kunit.py builds in build/kunit/uml, incrementally, and its whole output goes
# to build/kunit/kunit.log.  TAP_OUT gets one line per test case:
#   ok kunit <suite>.<case>   /   not ok kunit <suite>.<case>
# or "not ok kunit build" when nothing could be run.  Exit status is 0 iff
# every case passed.
#
# Environment: NETANOM_KUNITCONFIG overrides the kunitconfig (used to warm
# the build cache before the module's sources exist); NETANOM_KMOD links
# another copy of kmod/ in (a scratch copy with a line broken on purpose,
# to see a test fail); KUNIT_JOBS (default the number of CPUs).
# shellcheck source=scripts/help.sh
. "$(dirname "$0")/help.sh"
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
extract_only=false
if [ "${1:-}" = --extract-only ]; then
	extract_only=true
	shift
fi
tap=${1:-$top/build/results/kunit.tap}
tarball=/usr/src/linux-source-6.12.tar.xz
kdir=$top/build/kunit
tree=$kdir/linux-source-6.12
stamp=$tree/.netanom-extracted
build_dir=$kdir/uml
log=$kdir/kunit.log
json=$kdir/kunit.json
kunitconfig=${NETANOM_KUNITCONFIG:-$top/kmod/tests/.kunitconfig}
kmod=${NETANOM_KMOD:-$top/kmod}
jobs=${KUNIT_JOBS:-$(nproc)}

mkdir -p "$kdir" "$(dirname "$tap")"
# Relative paths are relative to where we were started, not to the tree.
case $tap in /*) ;; *) tap=$PWD/$tap ;; esac
case $kunitconfig in /*) ;; *) kunitconfig=$PWD/$kunitconfig ;; esac
case $kmod in /*) ;; *) kmod=$PWD/$kmod ;; esac
# One run at a time: two would share the tree and the build directory.
exec 9>"$kdir/lock"
flock 9
: >"$log"
start=$SECONDS

say() { echo "kunit: $*"; }

fail_build() {
	echo "not ok kunit build" >"$tap"
	say "$1 (see $log)" >&2
	tail -n 25 "$log" | sed 's/^/  | /' >&2
	exit 1
}

# 1. The kernel tree, extracted once.  The stamp records which tarball it
# came from, so a new linux-source-6.12 upload is picked up.
want="$(stat -c '%s %Y' "$tarball" 2>/dev/null)" ||
	{ echo "not ok kunit build" >"$tap"; say "$tarball missing" \
		"(apt-get install linux-source-6.12)" >&2; exit 1; }
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
	say "extracting $tarball (once)"
	rm -rf "$tree" "$kdir/extract.tmp" "$build_dir"
	mkdir -p "$kdir/extract.tmp"
	tar -xJf "$tarball" -C "$kdir/extract.tmp" >>"$log" 2>&1 ||
		fail_build "cannot extract $tarball"
	mv "$kdir/extract.tmp/linux-source-6.12" "$tree"
	rmdir "$kdir/extract.tmp"
	echo "$want" >"$stamp"
fi
if $extract_only; then
	exit 0
fi

# 2. Link the module in as net/netanom, idempotently.
# Objects built from another copy may look newer than these sources: when
# the link changes, build the module's objects afresh.
if [ "$(readlink "$tree/net/netanom" 2>/dev/null)" != "$kmod" ]; then
	rm -rf "$build_dir/net/netanom"
fi
ln -sfn "$kmod" "$tree/net/netanom"
ln -sfn "$top/include/uapi/linux/netanom.h" \
	"$tree/include/uapi/linux/netanom.h"
grep -qxF 'source "net/netanom/Kconfig"' "$tree/net/Kconfig" ||
	printf '\nsource "net/netanom/Kconfig"\n' >>"$tree/net/Kconfig"
# shellcheck disable=SC2016 # a make variable, not a shell one
grep -qxF 'obj-$(CONFIG_NETANOM) += netanom/' "$tree/net/Makefile" ||
	printf '\n%s\n' 'obj-$(CONFIG_NETANOM) += netanom/' >>"$tree/net/Makefile"

# 3. Configure, build and run.  kunit.py rebuilds only what changed.
say "building and running on UML in $build_dir (log: $log)"
rm -f "$json"
rc=0
(cd "$tree" && python3 tools/testing/kunit/kunit.py run \
	--kunitconfig="$kunitconfig" --build_dir="$build_dir" \
	--jobs="$jobs" --timeout=300 --json="$json") >>"$log" 2>&1 || rc=$?

# 4. Results.  kunit.py's JSON lists suites and cases (KernelCI format);
# without it the build or the boot failed.
if [ ! -s "$json" ] || ! grep -q '"test_cases"' "$json"; then
	fail_build "kunit.py failed before any test ran (exit $rc)"
fi
python3 - "$json" "$tap" <<'EOF' || fail_build "cannot parse $json"
import json
import sys

with open(sys.argv[1]) as f:
    top = json.load(f)
lines = []


def walk(group, prefix):
    """One TAP line per test case: suite.case (suite.case.param if nested)."""
    lost = 0
    for sub in group.get("sub_groups", []):
        walk(sub, prefix + sub["name"] + ".")
    for case in group.get("test_cases", []):
        # After a kernel crash kunit.py reports the cases it never saw
        # finish without a name.
        if not case["name"]:
            lost += 1
            case["name"] = "crashed_or_not_run_%d" % lost
        name = prefix + case["name"]
        status = case.get("status", "FAIL")
        if status == "SKIP":
            lines.append("ok kunit %s # SKIP" % name)
        elif status == "PASS":
            lines.append("ok kunit %s" % name)
        else:
            lines.append("not ok kunit %s" % name)


walk(top, "")
with open(sys.argv[2], "w") as f:
    f.write("".join(l + "\n" for l in lines))
EOF

pass=$(grep -c '^ok ' "$tap" || true)
fail=$(grep -c '^not ok ' "$tap" || true)
if [ "$((pass + fail))" -eq 0 ]; then
	fail_build "no test case ran (exit $rc)"
fi

if grep -q 'Kernel panic' "$build_dir/test.log" 2>/dev/null; then
	say "the UML kernel crashed:" >&2
	sed -n '/KTAP version/,$p' "$build_dir/test.log" |
		grep -E -m 8 'Kernel panic|RIP:|netanom|_test' |
		grep -v '^ *\(KTAP\|#\|ok\|not ok\)' | sed 's/^/  | /' >&2
fi

# A splat (lockdep, RCU, sleeping in atomic...) while the suites ran fails
# the run even when every expectation held.  The log before the first KTAP
# line is UML's boot, which warns about PCI without a virtio device.
splat='BUG:|WARNING:|Oops|Call Trace|suspicious RCU usage|possible circular locking|sleeping function called'
splats=$(sed -n '/KTAP version/,$p' "$build_dir/test.log" 2>/dev/null |
	grep -E "$splat" || true)
if [ -n "$splats" ]; then
	echo "not ok kunit kernel_log" >>"$tap"
	fail=$((fail + 1))
	echo "$splats" | head -n 5 | sed 's/^/  | /' >&2
else
	echo "ok kunit kernel_log" >>"$tap"
	pass=$((pass + 1))
fi

# A crash mid-run leaves the cases that did run in the JSON but kunit.py
# fails: record it so that the tier cannot pass.
if [ "$rc" -ne 0 ] && [ "$fail" -eq 0 ]; then
	echo "not ok kunit build" >>"$tap"
	fail=$((fail + 1))
	say "kunit.py exited with $rc although no case failed (see $log)" >&2
fi
grep '^not ok ' "$tap" | sed 's/^/  /' >&2 || true
say "$pass passed, $fail failed in $((SECONDS - start))s; TAP in $tap"
[ "$fail" -eq 0 ]
