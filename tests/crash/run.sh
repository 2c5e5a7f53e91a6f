#!/bin/bash
# The host-side hardening tests of netanomd, TAP on stdout:
#   kill9.sh     kill -9 at 100 random moments: integrity, no alert lost or
#                twice, the baseline continues
#   fulldisk.sh  a full disk under the running daemon (root; a private
#                mount namespace)
#   corrupt.sh   a corrupt database is refused, named, left untouched
#   fuzz         mutated configurations and replay lines through the
#                parsers, under ASan and UBSan
# Usage: run.sh NETANOMD FAKE_NETANOMD FUZZ_PARSERS
# Exit status: 0 when every check passed.
# shellcheck source=scripts/help.sh
. "$(dirname "$0")/../../scripts/help.sh"
set -u
bin=$1
fake=$2
fuzz=$3
here=$(cd "$(dirname "$0")" && pwd)
top=$here/../..
out=$(mktemp -d "${TMPDIR:-/tmp}/netanom-crash.XXXXXX")
trap 'rm -rf "$out"' EXIT

"$here/kill9.sh" "$bin" "${KILL9_KILLS:-100}"
"$here/fulldisk.sh" "$fake"
"$here/corrupt.sh" "$bin"
seed=${FUZZ_SEED:-$$}
if "$fuzz" "${FUZZ_CONFIG_CASES:-20000}" "${FUZZ_REPLAY_CASES:-50000}" "$seed" \
	"$top/etc/netanomd.conf" "$top"/tests/replay/*.conf \
	"$top"/tests/replay/*.ndjson >"$out/fuzz" 2>&1; then
	echo "ok - fuzz: $(tail -n 1 "$out/fuzz")"
else
	echo "not ok - fuzz: the parsers under ASan and UBSan (seed $seed)"
	head -c 2000 "$out/fuzz" | sed 's/^/# /'
fi
