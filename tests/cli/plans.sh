#!/bin/sh
# The shipped plans: each has its cleaned source, every quote is found in
# it and carries the target's numbers, so a typo in a value fails the build.
. "$(dirname "$0")/../lib/cli.sh"
need python3

for f in "$TOP"/plans/*.yaml; do
    id=$(sed -n 's/^id: *//p' "$f" | head -n 1)
    check "plan $id has its source text" test -s "$TOP/plans/sources/$id.txt"
    pt check "$f"
    check "plan $id: every quote is in sources/$id.txt with its numbers" rc_is 0
done

unset PLANTRACK_DB # nothing recorded: a new user's default log
pt --plans "$TOP/plans" status --format json
check "the five plans hold well over a hundred targets, each plan dozens or more" python3 -c '
import json, sys, collections
rows = json.load(open(sys.argv[1]))
per = collections.Counter(r["plan"] for r in rows)
assert len(rows) > 150 and len(per) == 5 and min(per.values()) >= 15, per
numeric = sum(1 for r in rows if r["comparator"] != "done")
assert numeric > 100, numeric
' "$T/out"

# A typo in one value of a real plan, and a quote that drifted.
mkdir -p "$T/typo/sources"
cp "$TOP/plans/sources/ordos.txt" "$T/typo/sources/"
sed '0,/^    value: 5000$/s//    value: 500/' "$TOP/plans/ordos.yaml" >"$T/typo/ordos.yaml"
pt check "$T/typo/ordos.yaml"
check "a mistyped value in a real plan is caught" err_has "value 500 does not appear in the quote"
sed '0,/^    quote: \(.*\)$/s//    quote: \1。多出的字/' "$TOP/plans/ordos.yaml" >"$T/typo/ordos.yaml"
pt check "$T/typo/ordos.yaml"
check "a quote that is not in the source is caught" err_has "quote not found in sources/ordos.txt"
