#!/bin/sh
# The config file: default --plans and --db, key bindings (the help and the
# hints follow them), the theme, the columns (chosen in the viewer and
# saved); and the filters: statuses, lights and 序时进度, several agencies
# at once, one key to clear them all.
. "$(dirname "$0")/../lib/tui.sh"
fresh_plans
CONF="$HOME/.config/plantrack/config"
mkdir -p "$(dirname "$CONF")"
pt --plans "$T/plans" --db "$T/other.db" add mini/pm25-2025 --value 25.5 \
    --date 2024-12-31
cat >"$CONF" <<CONF
# plantrack settings
plans = $T/plans
db = $T/other.db
theme = monochrome
bind F3 search
bind / none
CONF

# No --plans, no --db: the config's; PLANTRACK_DB would win over it.
TUI_ENV="PLANTRACK_DB=" start 80 24 --as-of 2025-07-01
see "plans and db come from the config" wait_for "Targets (5)"
see "the log is the config's" shows "other.db"
keys /
see "an unbound key says it is unknown" wait_for "unknown key /"
keys F3
type_text "pm2.5"
see "the key bound in the config searches" wait_for "1/1"
keys Escape ?
see "the help shows the new binding" wait_for "F3"
keys Escape
keys C
see "C opens the choice of columns" wait_for "Columns · x shows/hides"
keys j x Escape
see "closing saves the choice in the config" wait_for "columns status,indicator,"
see "the file keeps its other lines" sh -c \
    "grep -q '^columns = status,indicator,target,latest,date' '$CONF' && grep -q '^theme = monochrome' '$CONF'"
see "the list lost its year column" hides "YEAR"
keys 3 j x j x
see "x picks several agencies at once" wait_for "2 agencies"
keys f
see "f opens the statuses" wait_for "All statuses"
keys Escape
keys X
see "X clears every filter" wait_for "every filter cleared"
see "the list is whole again" shows "Targets (5)"
# The light and 序时进度 beside the status: 25.5 of a path from 26 to 22
# is behind it (lights: all, red, yellow, none; then any, behind).
keys f
see "the status filter lists 序时进度 too" wait_for "behind schedule"
keys j j j j j Enter
see "Enter keeps only the targets behind schedule" \
    wait_for "Targets · behind schedule (1)"
keys X
see "X clears it with the rest" wait_for "Targets (5)"
see "the viewer quits cleanly" quit_cleanly

printf 'mouse = maybe\nbind Ctrl-Q frobnicate\n' >"$CONF"
start 80 24 --plans "$T/plans" --as-of 2025-07-01
see "a bad value is named with its file and line" wait_for "config:1:"
keys m
see "m lists them in full" wait_for "not 'maybe'"
see "the unknown action too, with what is known" shows "frobnicate"
keys Escape
see "the viewer still quits cleanly" quit_cleanly
