#!/usr/bin/python3
"""Check netanomctl's JSON output against expectations (guest scenarios).

    nq.py DIR < EXPECTATIONS

DIR holds show.json (netanomctl show --json) and stats.json (netanomctl
stats --json) of one snapshot.  Python parses them, not jq: jq turns
integers into doubles, and inode numbers can exceed 2^53.

Each line of EXPECTATIONS is one check; each check prints one line,
"PASS <label>" or "FAIL <label>: <why>", which tests/vm/lib.sh turns into
TAP.  Checks (LABEL is one word; lib.sh shows its "_" as blanks):

  entry LABEL PATH KEY=VALUE...
        the one entry whose (dev, ino) is stat(PATH)'s (following
        symlinks) has these values.  KEY is connects, loopback, tcp4, tcp6,
        udp4, udp6, other (by_proto), exe, comm, first_seen, last_seen,
        last_pid, last_uid, last_dest, dev, ino, sendto, fastopen,
        listen, accept.  exe=@real means the
        resolved PATH.  For integers, KEY>=N and KEY<=N work too.
  absent LABEL PATH       no entry has PATH's (dev, ino)
  only LABEL PATH...      the entries are exactly those of PATH... (one each)
  stats LABEL KEY=VALUE...  stats.json has these values (>=N, <=N allowed)
  shape LABEL             show.json and stats.json have the documented shape
  empty LABEL             show.json is [] and stats entries is 0
  get PATH KEY            print the value of KEY of PATH's entry (no PASS/FAIL)
"""

import datetime
import json
import os
import re
import sys

EXE_KEYS = {"exe", "dev", "ino", "comm", "connects", "loopback", "by_proto",
            "first_seen", "last_seen", "last_pid", "last_uid", "last_dest",
            "sendto", "fastopen", "listen", "accept", "excluded"}
# Uses other than connect(2), not part of "connects"; "excluded" holds the
# uses of every kind that the exclusion lists left out.
USE_KEYS = ("sendto", "fastopen", "listen", "accept", "excluded")
PROTO_KEYS = {"tcp4", "tcp6", "udp4", "udp6", "other"}
STATS_COUNTERS = {"hits", "entries", "max_entries", "dropped",
                  "alloc_failures", "bytes", "events_sent",
                  "events_dropped", "resets"}
# instance: 16 hex digits drawn at load; locked: lock=1.
STATS_KEYS = STATS_COUNTERS | {"instance", "locked"}
# RFC 3339 in UTC: date, "T", time, optional fraction, "Z".
RFC3339_UTC = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$")


class Fail(Exception):
    pass


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        raise Fail("cannot parse %s: %s" % (os.path.basename(path), e))


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def parse_time(s):
    # Python 3.11 reads at most 6 fraction digits; keep microseconds.
    m = re.match(r"^(.*T\d{2}:\d{2}:\d{2})(?:\.(\d+))?Z$", s)
    frac = (m.group(2) or "0")[:6].ljust(6, "0")
    t = datetime.datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S")
    return t.replace(microsecond=int(frac), tzinfo=datetime.timezone.utc)


def lookup(show, path):
    try:
        st = os.stat(path)
    except OSError as e:
        raise Fail("cannot stat %s: %s" % (path, e))
    hits = [e for e in show
            if e.get("dev") == st.st_dev and e.get("ino") == st.st_ino]
    return hits, st


def value_of(entry, key):
    if key in PROTO_KEYS:
        return entry["by_proto"][key]
    return entry[key]


def compare(got, op, want):
    """op is =, >= or <= (the last two for integers only)."""
    if op != "=":
        if not is_int(got) or not want.isdigit():
            return False
        return got >= int(want) if op == ">=" else got <= int(want)
    if is_int(got):
        return want.lstrip("-").isdigit() and got == int(want)
    return str(got) == want


def check_values(obj, pairs, getter, path=None):
    bad = []
    for pair in pairs:
        m = re.match(r"^(\w+)(>=|<=|=)(.*)$", pair)
        if not m:
            bad.append("bad expectation %r" % pair)
            continue
        key, op, want = m.groups()
        if want == "@real" and path is not None:
            want = os.path.realpath(path)
        try:
            got = getter(obj, key)
        except (KeyError, TypeError):
            bad.append("%s missing" % key)
            continue
        if not compare(got, op, want):
            bad.append("%s=%r, want %s%s" % (key, got, op, want))
    if bad:
        raise Fail("; ".join(bad))


def one_entry(show, path):
    hits, st = lookup(show, path)
    if len(hits) != 1:
        raise Fail("%d entries for %s (dev %d ino %d); entries: %s" % (
            len(hits), path, st.st_dev, st.st_ino, summary(show)))
    return hits[0]


def summary(show):
    return ", ".join("%s(%s:%s)=%s" % (e.get("exe"), e.get("dev"),
                                       e.get("ino"), e.get("connects"))
                     for e in show) or "none"


def check_shape(show, stats):
    bad = []
    if not isinstance(show, list):
        raise Fail("show --json is not an array")
    now = datetime.datetime.now(datetime.timezone.utc)
    for e in show:
        name = e.get("exe") if isinstance(e, dict) else repr(e)
        if not isinstance(e, dict):
            bad.append("element %r is not an object" % (e,))
            continue
        keys = set(e)
        if keys != EXE_KEYS:
            bad.append("%s: keys %s, want %s" % (
                name, sorted(keys), sorted(EXE_KEYS)))
            continue
        for k in ("exe", "comm", "last_dest", "first_seen", "last_seen"):
            if not isinstance(e[k], str):
                bad.append("%s: %s is not a string" % (name, k))
        for k in ("dev", "ino", "connects", "loopback", "last_pid",
                  "last_uid") + USE_KEYS:
            if not is_int(e[k]) or e[k] < 0:
                bad.append("%s: %s=%r is not a counter" % (name, k, e[k]))
        bp = e["by_proto"]
        if not isinstance(bp, dict) or set(bp) != PROTO_KEYS or \
                not all(is_int(v) and v >= 0 for v in bp.values()):
            bad.append("%s: by_proto=%r" % (name, bp))
            continue
        if bad:
            continue
        if e["connects"] != sum(bp.values()):
            bad.append("%s: connects %d != sum of by_proto %d" % (
                name, e["connects"], sum(bp.values())))
        if e["connects"] + sum(e[k] for k in USE_KEYS) < 1:
            bad.append("%s: an entry with no network use" % name)
        if e["loopback"] > e["connects"]:
            bad.append("%s: loopback %d > connects %d" % (
                name, e["loopback"], e["connects"]))
        if not e["exe"].startswith("/"):
            bad.append("%s: exe is not an absolute path" % name)
        if not 0 < len(e["comm"]) <= 15:
            bad.append("%s: comm %r" % (name, e["comm"]))
        times = []
        for k in ("first_seen", "last_seen"):
            if not RFC3339_UTC.match(e[k]):
                bad.append("%s: %s=%r is not RFC 3339 UTC" % (name, k, e[k]))
            else:
                times.append(parse_time(e[k]))
        if len(times) == 2:
            if times[0] > times[1]:
                bad.append("%s: first_seen after last_seen" % name)
            for t in times:
                if abs((now - t).total_seconds()) > 600:
                    bad.append("%s: time %s is not near now (%s)" % (
                        name, t.isoformat(), now.isoformat()))
        # "unix" and "afN" for other families (netanomctl's choice).
        if not re.match(r"^(\d{1,3}(\.\d{1,3}){3}:\d+|"
                        r"\[[0-9a-fA-F:.]+\]:\d+|unix|af\d+|)$",
                        e["last_dest"]):
            bad.append("%s: last_dest %r is not ip:port or [ip6]:port" % (
                name, e["last_dest"]))
    if not isinstance(stats, dict) or set(stats) != STATS_KEYS:
        bad.append("stats keys %s, want %s" % (
            sorted(stats) if isinstance(stats, dict) else stats,
            sorted(STATS_KEYS)))
    elif not all(is_int(stats[k]) and stats[k] >= 0 for k in STATS_COUNTERS) \
            or not re.match(r"^[0-9a-f]{16}$", str(stats["instance"])) \
            or not isinstance(stats["locked"], bool):
        bad.append("stats values %r" % (stats,))
    elif stats["entries"] != len(show):
        bad.append("stats entries %d != %d entries shown" % (
            stats["entries"], len(show)))
    if bad:
        raise Fail("; ".join(bad))


def run(line, d):
    words = line.split()
    op, args = words[0], words[1:]
    if op == "get":
        try:
            e = one_entry(load(os.path.join(d, "show.json")), args[0])
            print(value_of(e, args[1]))
        except (Fail, KeyError, TypeError):
            pass
        return
    label = args[0]
    try:
        show = load(os.path.join(d, "show.json"))
        if op == "entry":
            e = one_entry(show, args[1])
            try:
                check_values(e, args[2:], value_of, args[1])
            except Fail as f:
                raise Fail("%s; the entry: %s" % (f, json.dumps(e)))
        elif op == "absent":
            hits, _ = lookup(show, args[1])
            if hits:
                raise Fail("unexpected entry %r" % (hits,))
        elif op == "only":
            want = set()
            for p in args[1:]:
                st = os.stat(p)
                want.add((st.st_dev, st.st_ino))
            got = [(e.get("dev"), e.get("ino")) for e in show]
            if sorted(got) != sorted(want):
                raise Fail("entries are %s, want exactly %s" % (
                    summary(show), " ".join(args[1:])))
        elif op == "stats":
            stats = load(os.path.join(d, "stats.json"))
            check_values(stats, args[1:], lambda o, k: o[k])
        elif op == "shape":
            check_shape(show, load(os.path.join(d, "stats.json")))
        elif op == "empty":
            stats = load(os.path.join(d, "stats.json"))
            if show != [] or stats.get("entries") != 0:
                raise Fail("show: %s; stats entries %r" % (
                    summary(show), stats.get("entries")))
        else:
            raise Fail("unknown check %r" % op)
    except Fail as e:
        print("FAIL %s: %s" % (label, e))
    except (IndexError, ValueError, KeyError, TypeError) as e:
        print("FAIL %s: bad check line or data (%s: %s)" % (
            label, type(e).__name__, e))
    else:
        print("PASS %s" % label)
    sys.stdout.flush()


def main():
    for line in sys.stdin:
        if line.strip() and not line.lstrip().startswith("#"):
            run(line, sys.argv[1])


if __name__ == "__main__":
    main()
