#!/bin/sh
# Narrow terminals: below 80x24 one pane at a time (the list, then the
# detail on Enter) with the filters as overlays, down to 40x15; below that
# a message; TERM=dumb refused with a message.
. "$(dirname "$0")/../lib/tui.sh"
fresh_plans
P="--plans $T/plans --as-of 2025-07-01"

start 60 20 $P
see "at 60x20 the list has the whole screen" wait_for "Targets (5)"
see "it fits 60 columns" fits 60
keys j Enter
see "Enter shows the detail in its place" wait_for "Target: by 2025"
see "the detail fits 60 columns" fits 60
keys G
see "the detail scrolls to its end" wait_for "figures"
keys Escape
see "Esc goes back to the list" wait_for "Targets (5)"
keys 2
see "2 opens the years as an overlay" wait_for "2 Years"
keys j j Enter
see "Enter there filters the list" wait_for "Targets · 2025 (2)"
keys f
see "f opens the statuses" wait_for "All statuses"
keys j Enter
see "and a status filters too" wait_for "Targets · 2025 · "
keys X
see "X clears every filter" wait_for "Targets (5)"
see "the viewer quits cleanly" quit_cleanly

TUI_ENV="LANGUAGE=zh_CN" start 40 15 $P
see "at 40x15, in Chinese, the list" wait_for "目标 (5)"
see "fits 40 columns" fits 40
keys Enter
see "the detail" wait_for "依据："
see "still fits 40 columns" fits 40
keys ?
see "the help" wait_for "帮助"
see "fits 40 columns too" fits 40
keys Escape
resize 38 14
see "below 40x15 the viewer says so" wait_for "至少需要 40x15"
resize 50 16
see "at 50x16 it is back" wait_for "详情"
keys Escape /
type_text "xinnengyuan"
keys Enter
see "at 50x16 a search finds a target" wait_for "新能源发电装机"
see "and the screen fits 50 columns" fits 50
see "the narrow viewer quits cleanly" quit_cleanly

TUI_ENV="TERM=dumb" start 80 24 $P
exited() {
    n=$((100 * SLOW))
    while [ ! -s "$T/tui.status" ] && [ $n -gt 0 ]; do
        sleep 0.1
        n=$((n - 1))
    done
    [ -s "$T/tui.status" ] && [ "$(cat "$T/tui.status")" != 0 ]
}
see "TERM=dumb: the viewer refuses, exits non-zero" exited
see "saying why" grep -q "terminal 'dumb' cannot move its cursor" "$T/tui.err"
