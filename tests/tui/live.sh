#!/bin/sh
# Other sessions writing the same log; a log the viewer cannot write.
. "$(dirname "$0")/../lib/tui.sh"
fresh_plans
P="--plans $T/plans"

pt $P add mini/co2-intensity-2026 --value 5 --date 2024-12-31
start 120 40 $P
see "the viewer opens" wait_for "Targets (5)"
pt $P add mini/co2-intensity-2026 --value 9.5 --date 2025-06-30
see "another session's observation appears without a key press" wait_for "9.5%" 5
see "and the viewer says the figures were updated" shows "the log changed"
i=0
while [ $i -lt 20 ]; do
    "$PLANTRACK" $P add mini/nox-cut-2024 --value $((100 + i)) --date 2024-06-30 >/dev/null 2>&1 &
    i=$((i + 1))
done
wait
see "twenty writers at once while the viewer runs" wait_for "History (20)" 5
see "the viewer keeps working" sh -c "tmux -S $SOCK send-keys -t t j && sleep 0.3 && [ ! -s '$T/tui.status' ]"
see "the viewer quits cleanly" quit_cleanly

sqlite3 "$PLANTRACK_DB" "PRAGMA user_version = 9"
start 120 40 $P
see "a log of a newer version is browsed read-only" wait_for "[read-only]"
see "with the reason" shows "upgrade plantrack"
see "the plans are still there" shows "Targets (5)"
keys a
type_text "1"
keys C-s
see "saving says why it cannot" wait_for "not saved:"
see "and the draft is kept" test -f "$XDG_STATE_HOME/plantrack/drafts/mini__nox-cut-2024.draft"
keys Escape
see "read-only quits cleanly" quit_cleanly
