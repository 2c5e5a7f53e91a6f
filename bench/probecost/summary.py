#!/usr/bin/env python3
"""Table of bench/probecost/run.sh's output: instructions per UDP connect
of each mode over nothing loaded, per kernel.

    bench/probecost/summary.py OUTFILE

Each measurement of a mode is set against the mean of the two measurements
of nothing loaded just before and after it (run.sh measures nothing
between every two modes); the table gives the median of those differences
over the rounds, their least and greatest, and the median of nothing.
The figure is connbench's blk_per_op (the median block of 250 connects):
under -icount, instructions.  The last column does the same with
cpu_per_op (the mean over the whole run, interrupts and deferred work
included) as a cross-check.
"""
import statistics
import sys


def main(path):
    seq = {}  # kernel -> [(mode, blk_per_op)] in order
    notes = []
    for line in open(path):
        w = dict(x.split("=", 1) for x in line.split() if "=" in x)
        k = w.get("kernel")
        if "error" in w or line.split()[-1] == "unsupported":
            notes.append(line.strip())
        if k is None or "blk_per_op" not in w:
            continue
        seq.setdefault(k, []).append(
            (w["mode"], float(w["blk_per_op"]), float(w["cpu_per_op"])))
    print("| kernel | mode | over nothing (median) | least .. greatest"
          " | rounds | nothing (median) | mean-based |")
    print("|---|---|---:|---|---:|---:|---:|")
    for k, ms in seq.items():
        none = [v for m, v, _ in ms if m == "none"]
        diffs = {}
        means = {}
        for i, (m, v, c) in enumerate(ms):
            if m == "none" or i == 0 or i + 1 >= len(ms):
                continue
            if ms[i - 1][0] != "none" or ms[i + 1][0] != "none":
                continue
            base = (ms[i - 1][1] + ms[i + 1][1]) / 2
            diffs.setdefault(m, []).append(v - base)
            cbase = (ms[i - 1][2] + ms[i + 1][2]) / 2
            means.setdefault(m, []).append(c - cbase)
        for m, d in diffs.items():
            print(f"| {k} | {m} | +{statistics.median(d):.0f} | "
                  f"+{min(d):.0f} .. +{max(d):.0f} | {len(d)} | "
                  f"{statistics.median(none):.0f} | "
                  f"+{statistics.median(means[m]):.0f} |")
    for n in notes:
        print(n)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
