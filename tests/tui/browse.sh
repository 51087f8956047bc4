#!/bin/sh
# The viewer's panes: filters that combine, the layout from 80x24 up,
# resizing, Chinese text cut at character boundaries.
. "$(dirname "$0")/../lib/tui.sh"
fresh_plans

start 120 40 --plans "$T/plans" --as-of 2025-07-01
see "the viewer opens on the plans" wait_for "迷你市"
see "the target list shows every target" shows "Targets (5)"
see "the status bar counts the statuses" shows "! unreported 1"
see "the status bar shows the log" shows "$PLANTRACK_DB"
see "the status bar lists key hints" shows "? help"
see "every line fits 120 columns" fits 120
see "the detail pane shows the first target" shows "氮氧化物排放总量降幅"

# Years pane: two panes back from the target list; 2025 is the third entry.
keys BTab BTab j j Enter
see "picking 2025 filters the list" wait_for "Targets · 2025 (2)"
see "only 2025 targets are listed" sh -c "! grep -q 'ne-capacity\|新能源发电' '$T/screen' || grep -q 'Detail' '$T/screen'"
see "the year column is dropped when one year is picked" hides "YEAR"
keys Tab j Enter
see "picking an agency combines with the year" wait_for "Targets · 2025 · 市生态环境局 (2)"
keys g Enter
see "the 'all' entry clears the agency filter" wait_for "Targets · 2025 (2)"
keys BTab BTab j Enter
see "picking a plan combines with the year" wait_for "Targets · 迷你市 · 2025 (2)"
keys Tab g Enter
see "all years again" wait_for "Targets · 迷你市 (5)"

resize 80 24
see "at 80x24 the panes shrink" wait_for "Targets · 迷你市 (5)"
see "every line fits 80 columns, no CJK character cut in half" fits 80
keys Tab /
type_text "PM2.5"
keys Enter
settle
see "a long Chinese indicator is cut with a mark at 80 columns" shows "PM2.5年均浓"
see "the cut row still ends at the border" fits 80
resize 120 40
see "back at 120x40 the layout follows" wait_for "Targets · 迷你市 (5)"
settle
see "and every line fits 120 columns again" fits 120
resize 70 20
see "below 80x24 one pane at a time: the list" wait_for "Targets · 迷你市 (5)"
see "every line fits 70 columns" fits 70
resize 38 14
see "a terminal below 40x15 says so" wait_for "Terminal too small"
resize 100 30
see "and recovers when it grows" wait_for "Targets · 迷你市 (5)"
see "every line fits 100 columns" fits 100

keys o
see "o sorts by the next column, shown in its title" wait_for "YEAR^"
keys O
see "O reverses it" wait_for "YEARv"
keys o o o o o
see "and comes back to status" wait_for "STATUS^"

keys C-l
see "Ctrl-L repaints the same screen" wait_for "Targets · 迷你市 (5)"
see "the viewer quits cleanly with q" quit_cleanly
