#!/bin/sh
# The viewer marks a target whose figure was corrected differently on two
# laptops, explains it in the detail, and lets the official resolve it.
. "$(dirname "$0")/../lib/tui.sh"
. "$(dirname "$0")/../lib/reliability.sh"
fresh_plans
P="--plans $T/plans"

prep $P add mini/ne-capacity-2026 --value 3000 --date 2024-12-31
orig=$(sed -n 's/^recorded \([0-9a-f-]*\) .*/\1/p' "$T/prep.out")
cp "$PLANTRACK_DB" "$T/other.db"
prep $P correct "$orig" --value 3100 --note here
prep $P --db "$T/other.db" correct "$orig" --value 3200 --note there
prep $P import "$T/other.db"

start 100 40 $P --as-of 2025-07-01
see "the viewer opens" wait_for "迷你市"
see "the target in conflict carries the # mark" shows "# no data"
keys /
type_text 新能源
keys Enter
see "the detail says what the conflict is" wait_for "Conflict: 2 competing corrections"
see "the history marks the figure that counts" shows "(conflict: counts)"
keys c
see "c corrects the figure that counts" wait_for "correcting 3200 万千瓦"
keys C-u
type_text "3150"
keys C-s
see "a correction needs a reason" wait_for "give the reason"
type_text "与统计局核对"
keys C-s
see "the correction is saved" wait_for "saved 3150 万千瓦"
see "it resolves the conflict: the detail says so no more" wait_gone "Conflict:"
see "and the mark is gone" wait_gone "# no data"
see "the history says what it resolves" shows "resolves"
pt $P conflicts
see "plantrack conflicts agrees" out_has "no conflicts"
keys '?'
see "the help opens" wait_for "Help"
keys G
see "the help explains the mark" wait_for "competing corrections of one figure"
