"""Check the first alert of an NDJSON alert file: one PASS or FAIL line a check.

Tamper alerts (rule.name "netanom tamper: ...", see 97-tamper.sh) are
skipped: the first alert about an executable is checked.

    alert-fields.py ALERTS [NAME=VALUE...] <CHECKS

CHECKS is Python that sets `checks`, a list of (name, bool).  It may use
`doc` (the alert), `get("a.b.c")` (a field, or None where it is missing),
`ts(iso)` (an ECS @timestamp in seconds since the epoch) and every NAME,
bound to its VALUE as a string.  The alert itself ends the output, after
"# ", for the log.  Used by tests/vm/lib.sh's check_alert.
"""
import calendar
import json
import sys
import time


def main():
    with open(sys.argv[1]) as f:
        docs = [json.loads(line) for line in f if line.strip()]
    docs = [d for d in docs if not d.get("rule", {}).get("name", "")
            .startswith("netanom tamper: ")] or [{}]
    doc = docs[0]

    def get(path):
        v = doc
        for k in path.split("."):
            v = v[k] if isinstance(v, dict) and k in v else None
        return v

    def ts(s):
        whole, frac = s.split(".")
        return (calendar.timegm(time.strptime(whole, "%Y-%m-%dT%H:%M:%S"))
                + float("0." + frac.rstrip("Z")))

    env = {"doc": doc, "get": get, "ts": ts}
    for arg in sys.argv[2:]:
        name, _, value = arg.partition("=")
        env[name] = value
    exec(sys.stdin.read(), env)
    for name, ok in env["checks"]:
        print(("PASS " if ok else "FAIL ") + name.replace(" ", "_"))
    print("# " + json.dumps(doc))


main()
