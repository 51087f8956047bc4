#!/bin/sh
# The viewer writes what it lists as a report: the same HTML as
# `plantrack report`, of the viewer's own selection (filters and the
# narrowing search).
. "$(dirname "$0")/../lib/tui.sh"
fresh_plans
pt --plans "$T/plans" add mini/pm25-2025 --value 25 --date 2024-12-31
pt --plans "$T/plans" add mini/pm25-2025 --value 24 --date 2025-12-31
pt --plans "$T/plans" add mini/ne-capacity-2026 --value 3600 --date 2025-06-30

start 160 30 --plans "$T/plans" --as-of 2026-03-01
see "the viewer opens" wait_for "Targets (5)"
see "the key hints offer the report" shows "w report"
# Years pane: two panes back from the target list; 2025 is the third entry.
keys BTab BTab j j Enter
see "2025 picked" wait_for "Targets · 2025 (2)"
keys w
see "w writes the listed targets as a report and says where" \
    wait_for "report written: $T/plantrack-2026-03-01-2025.html"
see "with how many targets and how many need attention" \
    shows "(2 target(s), 2 need attention)"
R="$T/plantrack-2026-03-01-2025.html"
check "the report holds the two listed targets and no other" sh -c "
    grep -q 'mini/pm25-2025' '$R' && grep -q 'mini/incentive-rules-2025' '$R' &&
    ! grep -q 'mini/ne-capacity-2026' '$R' && ! grep -q 'mini/nox-cut-2024' '$R'"
check "and says what the viewer showed" grep -q '2025</dd>' "$R"
check "with the chart of what needs attention" \
    grep -q '<polyline class="obs" points="[0-9]*,[0-9]* [0-9]*,[0-9]*"' "$R"
check "it is the report plantrack report writes" sh -c "
    cd '$T' && '$PLANTRACK' --plans '$T/plans' --as-of 2026-03-01 report \
        --year 2025 -o cli.html >/dev/null &&
    diff '$R' cli.html | grep '^[<>]' | grep -v '<dd>\|<title>' | grep -q . && exit 1; exit 0"
# The narrowing search is part of the selection.
keys X
see "X clears the filters" wait_for "Targets (5)"
keys '|'
type_text "装机"
keys Enter
see "the list narrows to the search" wait_for "Targets · |装机 (1)"
keys w
see "and the report is of that one target" \
    wait_for "(1 target(s), 0 need attention)"
check "its file holds it" sh -c "
    grep -q 'mini/ne-capacity-2026' '$T/plantrack-2026-03-01.html' &&
    ! grep -q 'mini/pm25-2025' '$T/plantrack-2026-03-01.html'"
quit_cleanly
