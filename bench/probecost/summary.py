#!/usr/bin/env python3
"""Table of bench/probecost/run.sh's output: instructions per UDP connect
of each mode over nothing loaded, per kernel.

    bench/probecost/summary.py OUTFILE...

Several files (boots) of one kernel are pooled: their rounds together.

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


def main(paths):
    seq = {}  # kernel -> [(mode, blk_per_op, cpu_per_op)] in order
    notes = []
    for path in paths:
        with open(path) as f:
            for line in f:
                w = dict(x.split("=", 1) for x in line.split() if "=" in x)
                k = w.get("kernel")
                if "error" in w or line.rstrip().endswith("unsupported"):
                    notes.append(line.strip())
                if k is not None and "blk_per_op" in w:
                    seq.setdefault(k, []).append(
                        (w["mode"], float(w["blk_per_op"]),
                         float(w["cpu_per_op"])))
        # No pair across two boots.
        for ms in seq.values():
            ms.append(("end", 0.0, 0.0))
    print("| kernel | mode | over nothing (median) | least .. greatest"
          " | rounds | nothing (median) | mean-based |")
    print("|---|---|---:|---|---:|---:|---:|")
    for k, ms in seq.items():
        none = [v for m, v, _ in ms if m == "none"]
        diffs = {}
        means = {}
        for i, (m, v, c) in enumerate(ms):
            if m in ("none", "end") or i == 0 or i + 1 >= len(ms):
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
    for n in sorted(set(notes)):
        print(n)


if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] in ("-h", "--help"):
        sys.exit(__doc__)
    main(sys.argv[1:])
