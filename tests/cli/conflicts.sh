#!/bin/sh
# Competing corrections: two laptops correct one figure offline; after the
# exchange both logs count the same figure, mark the target, list the
# conflict; a correction naming both resolves it everywhere.
. "$(dirname "$0")/../lib/cli.sh"
fresh_plans
P="--plans $T/plans"
A="$T/a.db"
B="$T/b.db"
T1=mini/ne-capacity-2026

pt $P --db "$A" add $T1 --value 3000 --date 2024-12-31
orig=$(sed -n 's/^recorded \([0-9a-f-]*\) .*/\1/p' "$T/out")
pt $P --db "$A" add $T1 --value 3600 --date 2025-06-30
cp "$A" "$B"
pt $P --db "$A" correct "$orig" --value 3100 --note "laptop a"
c1=$(sed -n 's/^recorded \([0-9a-f-]*\) .*/\1/p' "$T/out")
pt $P --db "$A" correct "$orig" --value 3050 --note again
check "a figure already corrected is not corrected again" \
    err_has "was already corrected by $(echo "$c1" | cut -c1-8): correct that one instead"
pt $P --db "$B" correct "$orig" --value 3200 --note "laptop b"
c2=$(sed -n 's/^recorded \([0-9a-f-]*\) .*/\1/p' "$T/out")

# Exchange both ways: each log now holds both corrections, received in
# opposite orders.
pt $P --db "$A" import "$B"
pt $P --db "$B" import "$A"
for d in "$A" "$B"; do
    "$PLANTRACK" $P --db "$d" status --as-of 2025-07-01 --format json >"$d.json"
done
check "both logs give byte-identical status JSON" cmp -s "$A.json" "$B.json"
check "the target is marked as in conflict" \
    grep -q '"target": "ne-capacity-2026".*"conflict": true' "$A.json"
check "the later correction counts (as the baseline)" \
    grep -q '"target": "ne-capacity-2026".*"baseline_used": 3200' "$A.json"
check "targets without competing corrections are not marked" \
    grep -q '"target": "pm25-2025".*"conflict": false' "$A.json"

pt $P --db "$A" status --as-of 2025-07-01
check "the status table marks the target and says why" \
    sh -c "grep -q '^G on track #  ' '$T/out' && grep -q 'competing corrections' '$T/out'"
pt $P --db "$B" log $T1
check "the history marks the figure that counts" out_has "$(echo "$c2" | cut -c1-8) corrects $(echo "$orig" | cut -c1-8) (conflict: counts)"
check "and the one set aside" out_has "$(echo "$c1" | cut -c1-8) corrects $(echo "$orig" | cut -c1-8) (conflict: set aside)"
# The same rows in the same order (which import brought a row in is each
# log's own: it is left out of the comparison).
pt $P --db "$B" log $T1 --format csv
cut -d, -f1 "$T/out" >"$T/b.log"
pt $P --db "$A" log $T1 --format csv
cut -d, -f1 "$T/out" >"$T/a.log"
check "both logs list the history in the same order" cmp -s "$T/a.log" "$T/b.log"

pt --db "$A" conflicts
check "conflicts lists the competing figures" \
    sh -c "grep -q 'mini/ne-capacity-2026: 2 competing corrections of $(echo "$orig" | cut -c1-8)' '$T/out' && grep -q 'laptop a' '$T/out' && grep -q 'laptop b' '$T/out'"
check "and says how to resolve it" out_has "plantrack correct $(echo "$c2" | cut -c1-8) --value V --note REASON"
pt --db "$B" conflicts --format json
cp "$T/out" "$T/b.conflicts"
pt --db "$A" conflicts --format json
check "both logs list the same conflict" cmp -s "$T/out" "$T/b.conflicts"
pt --db "$A" conflicts mini/pm25-2025
check "a target without conflicts has none" out_has "no conflicts"

pt $P --db "$A" correct "$orig" --value 3150 --note x
check "correcting the original again points at the conflict" \
    err_has "corrected differently on two machines"
pt $P --db "$A" correct "$(echo "$c1" | cut -c1-8)" --value 3150 --note "checked with the bureau"
check "correcting a competing figure resolves the conflict" \
    out_has "this resolves the conflict between"
pt $P --db "$B" import "$A"
for d in "$A" "$B"; do
    "$PLANTRACK" $P --db "$d" status --as-of 2025-07-01 --format json >"$d.json"
done
check "once exchanged, both logs agree again" cmp -s "$A.json" "$B.json"
check "the resolution counts and the mark is gone" \
    grep -q '"target": "ne-capacity-2026".*"baseline_used": 3150.*"conflict": false' "$B.json"
pt --db "$B" conflicts
check "no conflict is left" out_has "no conflicts"
pt $P --db "$B" log $T1 --format csv
check "the resolution names both competing corrections" out_has "$c1 $c2"
