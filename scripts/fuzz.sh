#!/bin/bash
# make fuzz: a long run of tests/vm/41-fuzz.sh in a guest of each kernel.
#
#   scripts/fuzz.sh
#
# NETANOM_FUZZ_COUNT requests as root (default 1000000, and a fifth of that
# in each denied run), made from NETANOM_FUZZ_SEED (default: a new one,
# printed, so that a failure can be made again with the same seed).  Prints
# the fuzzer's rate in messages per second, which make test never does.
# Exit status: 0 when every check on every kernel passed.
# shellcheck source=scripts/help.sh
. "$(dirname "$0")/help.sh"
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd -P)
count=${NETANOM_FUZZ_COUNT:-1000000}
seed=${NETANOM_FUZZ_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
# The root run goes at a few thousand requests a second under TCG.
timeout=$((600 + count / 200))
echo "make fuzz: seed $seed, $count requests as root (NETANOM_FUZZ_SEED=$seed to repeat)"
bad=0
for rel in $("$repo/scripts/kernels.sh" images); do
	VM_TIMEOUT=$((timeout + 120)) "$repo/scripts/vm.sh" --kernel "$rel" -- \
		env NETANOM_FUZZ_COUNT="$count" NETANOM_FUZZ_SEED="$seed" \
		NETANOM_FUZZ_RATE=1 SCENARIO_TIMEOUT="$timeout" \
		tests/vm/run.sh 41-fuzz || bad=1
done
exit "$bad"
