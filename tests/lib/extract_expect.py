#!/usr/bin/env python3
"""Compare `plantrack extract --format json` (stdin) with an expectation
file: one target a line, "YEAR COMPARATOR VALUE UNIT LEAD" ("-" for no
value or unit). Prints each expected target not found and each extracted
target not expected; exits 1 if there is any. With --row NAME, prints
instead one Markdown row (expected, drafted, matched, recall, precision)
for make extract-eval and exits 0."""
import json
import sys

row = None
if sys.argv[1] == "--row":
    row = sys.argv[2]
    del sys.argv[1:3]
got = json.load(sys.stdin)
want = []
for line in open(sys.argv[1], encoding="utf-8"):
    if line.strip() and not line.startswith("#"):
        y, c, v, u, lead = line.split()
        want.append((int(y), c, None if v == "-" else float(v),
                     None if u == "-" else u, lead))
left = list(got)
bad = 0
for y, c, v, u, lead in want:
    hit = None
    for t in left:
        if (t["year"], t["comparator"]) != (y, c):
            continue
        if (v is None) != (t["value"] is None) or (
                v is not None and abs(t["value"] - v) > 1e-9):
            continue
        if t["unit"] != u:
            continue
        if t["lead"] != lead:
            continue
        hit = t
        break
    if hit:
        left.remove(hit)
    else:
        bad += 1
        if row is None:
            print("missed:", y, c, v, u, lead)
if row is not None:
    hits = len(want) - bad
    print("| %s | %d | %d | %d | %.1f%% | %.1f%% |" % (
        row, len(want), len(got), hits, 100.0 * hits / max(len(want), 1),
        100.0 * hits / max(len(got), 1)))
    sys.exit(0)
for t in left:
    bad += 1
    print("extra:", t["year"], t["comparator"], t["value"], t["unit"],
          t["lead"], t["quote"])
sys.exit(1 if bad else 0)
