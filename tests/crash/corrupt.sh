#!/bin/bash
# A corrupt database: netanomd (and --replay) refuse it with an error that
# names the file and says what to do, exit non-zero, and leave the file
# (and no new file beside it) exactly as it was, for inspection.  Three
# ways to be corrupt: not a database at all, a page overwritten in the
# middle, and a copy cut short.
# Usage: corrupt.sh NETANOMD  (TAP lines on stdout)
set -u
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/netanom-corrupt.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
tap() {	# tap 0|1 NAME
	if [ "$1" = 0 ]; then echo "ok - corrupt: $2"; else echo "not ok - corrupt: $2"; fi
}

printf '[rule]\nbucket_span = 1s\nmin_buckets = 8\n' >"$tmp/conf"
python3 "$here/gen.py" 60 >"$tmp/in.ndjson"
# A real database, checkpointed into one file.
"$bin" --replay "$tmp/in.ndjson" --config "$tmp/conf" \
	--database "$tmp/good.db" >/dev/null 2>&1
sqlite3 "$tmp/good.db" 'PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;' >/dev/null
size=$(stat -c %s "$tmp/good.db")
[ "$size" -gt 8192 ] || { echo "not ok - corrupt: a database to damage ($size bytes)"; exit 1; }

mkdir "$tmp/garbage" "$tmp/page" "$tmp/short"
head -c 20000 /dev/urandom >"$tmp/garbage/netanom.db"
cp "$tmp/good.db" "$tmp/page/netanom.db"
# Page 2 onwards: a b-tree page's header overwritten.
printf 'garbage-garbage-garbage-garbage' |
	dd of="$tmp/page/netanom.db" bs=1 seek=$((4096 + 0)) conv=notrunc 2>/dev/null
head -c $((size / 2)) "$tmp/good.db" >"$tmp/short/netanom.db"

for kind in garbage page short; do
	dir=$tmp/$kind
	db=$dir/netanom.db
	sum=$(sha256sum "$db")
	for mode in daemon replay; do
		if [ $mode = daemon ]; then
			timeout 20 "$bin" --foreground --config "$tmp/conf" \
				--database "$db" --alerts "$tmp/alerts" --once \
				>"$tmp/out" 2>&1
		else
			timeout 20 "$bin" --replay "$tmp/in.ndjson" --config "$tmp/conf" \
				--database "$db" >"$tmp/out" 2>&1
		fi
		st=$?
		[ "$st" -ne 0 ] && [ "$st" -ne 124 ]
		tap $? "$kind, $mode: exits non-zero (status $st)"
		grep -q "$db" "$tmp/out" &&
			grep -Eqi 'move it away|choose another file' "$tmp/out"
		tap $? "$kind, $mode: the error names the file and what to do"
		sed 's/^/# /' "$tmp/out" | head -2
		[ "$(sha256sum "$db")" = "$sum" ] &&
			[ "$(ls "$dir")" = netanom.db ]
		tap $? "$kind, $mode: the file is left as it was, nothing beside it"
	done
done
