#!/bin/bash
# Kill -9 at random moments: netanomd --replay with a database and an
# alert file is killed with SIGKILL KILLS times at random moments (start,
# flush of stored alerts, bucket transactions, alert writes) and started
# again each time on the same input, until one run gets to the end.
# After every kill the database must pass PRAGMA integrity_check; at the
# end, the alert file must equal, line for line, the one of a run that was
# never interrupted (no alert lost, none duplicated), and the learned
# state (host, executables, history, alerts) must equal that run's (the
# baseline continued, it did not start over).
#
# Usage: kill9.sh NETANOMD [KILLS]  (TAP lines on stdout)
# KILL9_SEED reproduces a run (the seed is printed).
set -u
bin=$1
kills=${2:-100}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/netanom-kill9.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
seed=${KILL9_SEED:-$$}
RANDOM=$seed
echo "# kill9: seed $seed"

cat >"$tmp/conf" <<EOC
[rule]
bucket_span = 1s
min_buckets = 8
realert = 30s
EOC
python3 "$here/gen.py" 300 >"$tmp/input.ndjson"

# start DIR: one replay into DIR's database and alert file, in the
# background, as a direct child (so that $! is netanomd itself).
start() {
	"$bin" --replay "$tmp/input.ndjson" --config "$tmp/conf" \
		--database "$1/state/netanom.db" --alerts "$1/alerts.ndjson" \
		>/dev/null 2>>"$1/log" &
}

# integrity DIR: PRAGMA integrity_check on a copy of DIR's database as
# the kill left it (with its WAL: checking it in place would recover the
# WAL and spare the next start that work).
integrity() {
	rm -rf "$tmp/copy"
	mkdir "$tmp/copy"
	cp "$1/state/"netanom.db* "$tmp/copy/"
	sqlite3 "$tmp/copy/netanom.db" 'PRAGMA integrity_check' >"$tmp/integrity" 2>&1 &&
		[ "$(cat "$tmp/integrity")" = ok ]
}

mkdir -p "$tmp/ref"
start "$tmp/ref"
if ! wait $!; then
	echo "not ok - kill9: the uninterrupted replay succeeds"
	sed 's/^/# /' "$tmp/ref/log" | tail -5
	exit 1
fi
ref_alerts=$(grep -c . "$tmp/ref/alerts.ndjson")
python3 "$here/dbcheck.py" state "$tmp/ref/state/netanom.db" >"$tmp/ref.state"

# Cycles: a fresh database, killed again and again until a run gets to
# the end, then compared with the reference; until KILLS kills in all.
killed=0 starts=0 cycles=0 bad_db=0 bad_alerts=0 bad_state=0
while [ "$killed" -lt "$kills" ]; do
	cycles=$((cycles + 1))
	cut=$tmp/cut$cycles
	mkdir -p "$cut"
	finished=0
	while [ "$finished" -eq 0 ]; do
		starts=$((starts + 1))
		start "$cut"
		pid=$!
		if [ "$killed" -lt "$kills" ]; then
			# 0 to 60 ms: from exec and database open to deep in
			# the feed.
			sleep "0.0$(printf '%02d' $((RANDOM % 60)))"
			if kill -9 "$pid" 2>/dev/null; then
				wait "$pid" 2>/dev/null
				killed=$((killed + 1))
			else
				wait "$pid" && finished=1
			fi
		else
			wait "$pid" && finished=1
		fi
		if [ -f "$cut/state/netanom.db" ] && ! integrity "$cut"; then
			bad_db=$((bad_db + 1))
			echo "# after kill $killed: $(cat "$tmp/integrity")"
		fi
		if [ "$starts" -gt $((kills * 3)) ]; then
			echo "# gave up after $starts starts"
			break 2
		fi
	done
	if ! cmp -s "$tmp/ref/alerts.ndjson" "$cut/alerts.ndjson"; then
		bad_alerts=$((bad_alerts + 1))
		echo "# cycle $cycles: $(grep -c . "$cut/alerts.ndjson") alert lines," \
			"$(sort "$cut/alerts.ndjson" | uniq -d | wc -l) repeated"
		diff "$tmp/ref/alerts.ndjson" "$cut/alerts.ndjson" | cut -c1-160 |
			head -4 | sed 's/^/# /'
	fi
	python3 "$here/dbcheck.py" state "$cut/state/netanom.db" >"$tmp/cut.state"
	if ! cmp -s "$tmp/ref.state" "$tmp/cut.state"; then
		bad_state=$((bad_state + 1))
		diff "$tmp/ref.state" "$tmp/cut.state" | cut -c1-200 | head -4 |
			sed 's/^/# /'
	fi
	rm -rf "$cut"
done
echo "# kill9: $killed kills in $starts starts, $cycles runs to the end;" \
	"$ref_alerts alerts each"

tap() {	# tap OK NAME
	if [ "$1" = 0 ]; then echo "ok - kill9: $2"; else echo "not ok - kill9: $2"; fi
}
[ "$killed" -ge "$kills" ] && [ "$finished" -eq 1 ]
tap $? "$killed kills at random moments, $cycles runs to the end"
tap "$bad_db" "PRAGMA integrity_check passes after every kill"
tap "$bad_alerts" "the alert file equals an uninterrupted run's every time ($ref_alerts alerts: none lost, none twice)"
tap "$bad_state" "the learned state equals an uninterrupted run's every time (the baseline continued)"
