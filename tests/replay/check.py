#!/usr/bin/env python3
"""Compare netanomd --replay output (ECS NDJSON on stdin) with an expected
file: one line per alert, in order:

    TIME EXE MIN MAX [FIELD=VALUE ...]

TIME is the alert's @timestamp (the end of its bucket) without the
milliseconds, EXE its process.executable, MIN..MAX the range its
netanom.score must fall in; each FIELD is a dotted ECS path whose JSON
value must equal VALUE (compared as JSON text: true, 4444, "tcp").
Blank lines and lines starting with '#' are ignored; an empty expected
file means no alert.  Prints what differs and exits 1 on a mismatch."""
import json
import sys


def field(doc, path):
    for part in path.split("."):
        if not isinstance(doc, dict) or part not in doc:
            return None
        doc = doc[part]
    return doc


def check(want, got):
    t, exe, lo, hi, *fields = want.split()
    errors = []
    ts = got.get("@timestamp", "")
    if ts.split(".")[0] + "Z" != t:
        errors.append(f"@timestamp {ts}, expected {t}")
    if field(got, "process.executable") != exe:
        errors.append(f"process.executable {field(got, 'process.executable')}, expected {exe}")
    score = field(got, "netanom.score")
    if not isinstance(score, (int, float)) or not float(lo) <= score <= float(hi):
        errors.append(f"netanom.score {score}, expected {lo}..{hi}")
    for f in fields:
        path, _, value = f.partition("=")
        have = field(got, path)
        if have != json.loads(value):
            errors.append(f"{path} {json.dumps(have)}, expected {value}")
    return errors


def main():
    with open(sys.argv[1]) as f:
        wants = [l.strip() for l in f if l.strip() and not l.startswith("#")]
    gots = [json.loads(l) for l in sys.stdin if l.strip()]
    bad = False
    for i in range(max(len(wants), len(gots))):
        if i >= len(wants):
            print(f"unexpected alert {i + 1}: {field(gots[i], 'process.executable')}"
                  f" score {field(gots[i], 'netanom.score')}")
            bad = True
        elif i >= len(gots):
            print(f"missing alert {i + 1}: {wants[i]}")
            bad = True
        else:
            for e in check(wants[i], gots[i]):
                print(f"alert {i + 1}: {e}")
                bad = True
    sys.exit(1 if bad else 0)


main()
