#!/bin/bash
# The daemon's figures, on the host (bench/README.md, part 3).
#
#   bench/daemon.sh EXECUTABLES OUTFILE
# shellcheck source=scripts/help.sh
. "$(dirname "$0")/../scripts/help.sh"
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd -P)
cd "$repo"
[ $# -eq 2 ] || { echo "usage: bench/daemon.sh EXECUTABLES OUTFILE" >&2; exit 2; }
nexe=$1 out=$2
st=0
echo "bench: daemon: one scoring pass over $nexe executables (host)" >&2
shm=$(mktemp -d /dev/shm/netanom-bench.XXXXXX)
trap 'rm -rf "$shm"' EXIT
python3 bench/gen-replay.py "$nexe" 1 >"$shm/replay.ndjson"
/usr/bin/time -v build/bin/netanomd --replay "$shm/replay.ndjson" \
	--database "$shm/replay.db" >/dev/null 2>"$shm/time.txt" || { cat "$shm/time.txt" >&2; st=1; }
python3 - "$shm/time.txt" "$nexe" >"$out" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
el = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", t)
s = int(el.group(1) or 0) * 3600 + int(el.group(2)) * 60 + float(el.group(3))
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1))
user = float(re.search(r"User time \(seconds\): ([\d.]+)", t).group(1))
sys_ = float(re.search(r"System time \(seconds\): ([\d.]+)", t).group(1))
print(f"replay_exes={sys.argv[2]} replay_wall_s={s} replay_cpu_s={user + sys_:.2f} replay_maxrss_kb={rss}")
PY
echo "bench: daemon: SQLite work per bucket (host)" >&2
build/bench/sqlbench "$shm/sql.db" "$nexe" 3 | sed "s/^/sql_exes=$nexe /" >>"$out" || st=1
exit "$st"
