#!/usr/bin/env python3
"""dbcheck.py state DB: print the learned state -- host row, executables'
   model columns, score history, alerts -- in a stable order, so that two
   databases fed the same buckets compare equal."""
import sqlite3
import sys

what, path = sys.argv[1], sys.argv[2]
con = sqlite3.connect(path)
for table, order in (("host", "id"), ("executables", "path"),
                     ("history", "seq"), ("alerts", "id"),
                     ("activity", "bucket, exe_id")):
    cols = [r[1] for r in con.execute("PRAGMA table_info(%s)" % table)]
    # Row ids of executables differ with insertion order only if the
    # order differs; keep them: the same input gives the same ids.
    for row in con.execute("SELECT * FROM %s ORDER BY %s" % (table, order)):
        print(table, dict(zip(cols, row)))
