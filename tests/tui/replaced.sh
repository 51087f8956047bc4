#!/bin/sh
# The log file replaced (renamed over) while the viewer is open: the viewer
# says so, and a save is refused rather than reported "saved" into the old
# file that no one reads any more; r reopens the log and the draft saves.
. "$(dirname "$0")/../lib/tui.sh"
. "$TOP/tests/lib/reliability.sh"
fresh_plans
P="--plans $T/plans"
prep $P add mini/pm25-2025 --value 25 --date 2024-12-31

start 120 40 $P
see "the viewer opens" wait_for "Targets (5)"
cp "$PLANTRACK_DB" "$T/restored.db"
mv "$T/restored.db" "$PLANTRACK_DB"
see "it notices the log file was replaced" wait_for "the log file was replaced" 10
keys /
type_text "PM2.5"
keys Enter a
see "the form opens" wait_for "Add an observation"
type_text "24"
keys C-s
see "a save is refused, not sent to the old file" \
    wait_for "not saved: the log file was replaced"
see "nothing reached the new file" test "$(log_rows)" -eq 1
keys Escape
see "Esc keeps it as a draft" wait_for "draft kept"
keys r
see "r reopens the log" wait_for "reloaded"
keys a
see "the draft comes back" wait_for "restored from your draft"
keys C-s
see "and saves into the log now in place" wait_for "saved 24 微克/立方米"
see "which holds it" test "$(log_rows)" -eq 2
see "the viewer quits cleanly" quit_cleanly
