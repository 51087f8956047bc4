#!/bin/sh
# The mouse: a click selects and focuses, a second click opens, a click on
# a filter applies it, a click on a column title sorts, the wheel scrolls;
# `mouse = off` in the config turns it off.
. "$(dirname "$0")/../lib/tui.sh"
fresh_plans
P="--plans $T/plans --as-of 2025-07-01"
pt $P add mini/pm25-2025 --value 25 --date 2024-06-30 --source 月报
pt $P add mini/pm25-2025 --value 24 --date 2024-12-31 --source 年报

start 80 24 $P
see "the viewer opens" wait_for "Targets (5)"
# The list starts at column 22, its rows at screen row 2; PM2.5, on
# track, is last (row 6).
click 40 6
see "a click on a row selects it" wait_for "on track  PM2.5"
click 40 6
keys G
see "a second click opens its detail (G then ends the detail)" \
    wait_for "figures"
wheel_up 40 16
wheel_up 40 16
see "the wheel scrolls the detail" wait_for "History (2)"
click 5 6
see "a click on a year filters by it" wait_for "Targets · 2024 (1)"
click 5 5
see "a click on the 'all' entry clears it" wait_for "Targets (5)"
click 45 1
see "a click on a column's title sorts by it" wait_for "INDICATOR^"
click 45 1
see "a second click reverses it" wait_for "INDICATORv"
see "the viewer quits cleanly" quit_cleanly

mkdir -p "$HOME/.config/plantrack"
printf 'mouse = off\n' >"$HOME/.config/plantrack/config"
start 80 24 $P
see "with mouse = off" wait_for "Targets (5)"
click 45 1
sleep 0.3
see "a click does nothing" hides "INDICATOR^"
see "and the viewer quits cleanly" quit_cleanly
