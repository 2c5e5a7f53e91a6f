#!/usr/bin/env python3
"""Replay input for the crash tests: BUCKETS buckets of one second from a
fixed start; six steady programs active in most buckets, and every 7th
bucket after the learning a program never seen before (a first
occurrence: an alert), sometimes two in one bucket, and now and then a
steady one missing or an old newcomer coming back (realert rules).
Deterministic: the same arguments give the same file.
Usage: gen.py BUCKETS > FILE"""
import json
import sys

n = int(sys.argv[1])
start = 1764000000  # 2025-11-24T16:00:00Z, a bucket boundary for 1 s
steady = ["/usr/sbin/sshd", "/usr/bin/curl", "/usr/lib/apt/methods/http",
          "/usr/sbin/chronyd", "/usr/bin/python3.11", "/usr/sbin/nginx"]
for t in range(n):
    active = []
    for i, exe in enumerate(steady):
        if (t + i) % 11 != 0:
            active.append({"exe": exe, "connects": 1 + (t * 7 + i) % 5,
                           "uid": 0, "pid": 100 + i,
                           "dest": "198.51.100.%d:443" % (i + 1),
                           "transport": "tcp"})
    if t >= 12 and t % 7 == 0:
        active.append({"exe": "/tmp/new-%d" % t, "connects": 1,
                       "uid": 1000, "pid": 4000 + t,
                       "dest": "203.0.113.9:4444", "transport": "tcp"})
        if t % 3 == 0:
            active.append({"exe": "/var/tmp/other-%d" % t, "connects": 2,
                           "uid": 1001, "pid": 5000 + t,
                           "dest": "[2001:db8::9]:53", "transport": "udp"})
    if t >= 40 and t % 13 == 0:
        old = 14 + 7 * ((t // 13) % 4)
        active.append({"exe": "/tmp/new-%d" % old, "connects": 3,
                       "uid": 1000, "pid": 6000 + t})
    print(json.dumps({"time": "%sZ" % __import__("time").strftime(
        "%Y-%m-%dT%H:%M:%S", __import__("time").gmtime(start + t)),
        "active": active}))
