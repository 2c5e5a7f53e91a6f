#!/usr/bin/env python3
"""Replay input for netanomd --replay (docs/replay.md): EXES executables,
each active in each of BUCKETS 15-minute buckets.  Deterministic."""
import json
import sys

if len(sys.argv) != 3:
    sys.exit("usage: gen-replay.py EXES BUCKETS")
n, buckets = int(sys.argv[1]), int(sys.argv[2])
for b in range(buckets):
    active = [{"exe": f"/opt/bench/bin/prog-{i}", "connects": 1 + i % 7,
               "uid": 1000 + i % 50, "pid": 1000 + i,
               "dest": f"198.51.{i % 256}.{(i // 256) % 256}:443",
               "transport": "tcp" if i % 3 else "udp"} for i in range(n)]
    m, h = (b * 15) % 60, 10 + (b * 15) // 60
    print(json.dumps({"time": f"2026-11-28T{h:02d}:{m:02d}:00Z",
                      "active": active}, separators=(",", ":")))
