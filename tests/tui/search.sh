#!/bin/sh
# Incremental search over indicators, quotes and agency names; n / N.
. "$(dirname "$0")/../lib/tui.sh"

start 120 40 --plans "$TOP/plans" --as-of 2025-07-01
see "the viewer opens on the five plans" wait_for "Targets (212)"
keys /
see "/ opens the search prompt" wait_for "/"
type_text "绿氢"
see "the list follows as one types" wait_for "绿氢产能"
keys Enter
settle
see "Enter ends the search on the match" shows "Quote: 「"
see "and the detail shows the matched target" sh -c "grep -q '绿氢产能' '$T/screen'"
keys /
type_text "氢"
keys Enter
settle
first=$(detail_head)
keys n
settle
second=$(detail_head)
see "n goes to the next match" test "$second" != "$first"
see "which also matches" sh -c "echo '$second' | grep -q 氢"
keys N
settle
see "N goes back to the previous match" test "$(detail_head)" = "$first"
keys /
type_text "no-such-thing-anywhere"
see "a search without match says so" wait_for "no target matches"
keys Escape
see "Esc cancels the search" wait_gone "no-such-thing"
keys /
type_text "市能源局"
keys Enter
settle
see "agency names are searched too" sh -c "grep -q 'Lead: .*市能源局' '$T/screen'"
keys /
type_text "pm2.5"
keys Enter
settle
see "Latin letters match in any case" shows "PM2.5"
keys Escape
see "Esc clears the search" wait_for "search cleared"
see "the viewer quits cleanly" quit_cleanly
