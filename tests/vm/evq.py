# SPDX-License-Identifier: GPL-2.0-or-later
"""Questions about a file of 'netanomctl watch --json' lines, for the event
scenarios.

  evq.py FILE count [PATH_PREFIX]   lines (whose exe starts with the prefix)
  evq.py FILE get PATH KEY...       each KEY of the one event of PATH, a line
                                    each ('' if none, 'many' if several)
  evq.py FILE bad                   lines that are not JSON objects
"""
import json
import sys


def events(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                out.append(json.loads(line))
    return out


def main(argv):
    path, what = argv[1], argv[2]
    if what == "bad":
        n = 0
        with open(path, encoding="utf-8") as f:
            for line in f:
                try:
                    if not isinstance(json.loads(line), dict):
                        n += 1
                except ValueError:
                    n += 1
        print(n)
    elif what == "count":
        prefix = argv[3] if len(argv) > 3 else ""
        print(sum(1 for e in events(path) if e.get("exe", "").startswith(prefix)))
    elif what == "get":
        hits = [e for e in events(path) if e.get("exe") == argv[3]]
        for key in argv[4:]:
            if len(hits) > 1:
                print("many")
            elif hits:
                print(hits[0].get(key, ""))
            else:
                print("")
    else:
        sys.exit("evq.py: unknown question " + what)


if __name__ == "__main__":
    main(sys.argv)
