#!/bin/sh
# The inline editor: validation as one types, saving, corrections, drafts
# kept after Esc and after a crash, a failed save keeping the form.
. "$(dirname "$0")/../lib/tui.sh"
need pkill sqlite3
fresh_plans
P="--plans $T/plans"

start 120 40 $P
see "the viewer opens" wait_for "Targets (5)"
keys /
type_text "新能源"
keys Enter a
see "a opens the form in the detail pane" wait_for "Add an observation"
see "the form shows the target's unit beside the value" shows "万千瓦"
type_text "abc"
see "a non-number is refused beside the field" wait_for "'abc' is not a number"
keys C-u
type_text "５０００"
see "full-width digits are accepted" wait_gone "is not a number"
keys Up C-u
type_text "2025-02-30"
see "an impossible date is refused" wait_for "'2025-02-30' is not a calendar date"
keys C-u
type_text "2099-01-01"
see "a date in the future is refused" wait_for "2099-01-01 is in the future"
keys C-u
type_text "2025-06-30"
see "a good date clears the message" wait_gone "in the future"
keys Tab Tab C-u
type_text "吨"
see "a unit that does not match is refused" wait_for "unit '吨' does not match the target's unit '万千瓦'"
keys C-u
type_text "万千瓦"
keys Tab
type_text "市能源局统计"
keys Tab
type_text "年中数"
keys C-s
see "Ctrl-S saves the observation" wait_for "saved 5000 万千瓦 as of 2025-06-30"
see "the history shows it at once" shows "2025-06-30  5000 万千瓦"
see "the light and status change at once" shows "G met"
see "and the counts" shows "+ met 1"
pt $P log mini/ne-capacity-2026
see "plantrack log shows what the editor saved" sh -c "grep -q '5000 万千瓦' '$T/out' && grep -q '市能源局统计 / 年中数' '$T/out'"

keys c
see "c opens a correction of the latest observation" wait_for "correcting 5000 万千瓦"
keys C-u
type_text "4900"
keys C-s
see "a correction needs a reason" wait_for "give the reason for the correction"
type_text "口径更正"
keys C-s
see "the correction is saved" wait_for "saved 4900 万千瓦"
see "the old value stays visible, marked" shows "(corrected)"
see "the correction says what it corrects" shows "corrects"

# A target's draft of a new observation and its draft of a correction are
# kept apart: neither overwrites the other.
keys a
wait_for "Add an observation"
type_text "4700"
keys Escape
wait_for "draft kept for mini/ne-capacity-2026"
keys c
see "c opens a fresh correction beside the draft of a new figure" \
    wait_for "correcting 4900 万千瓦"
keys C-u
type_text "4650"
keys Escape
see "Esc keeps the correction as its own draft" \
    wait_for "draft of the correction kept for mini/ne-capacity-2026"
keys a
see "a brings back the new figure's draft" wait_for "restored from your draft"
see "untouched by the correction typed since" shows "4700"
keys C-d
keys c
see "c brings back the correction's draft" wait_for "restored from your draft"
see "with its own value" shows "4650"
keys C-d
see "Ctrl-D discards each" wait_for "draft discarded"
see "leaving no draft of the target" \
    sh -c "! ls '$(draft_dir_of)' | grep -q ne-capacity"

keys /
type_text "PM2.5"
keys Enter a
type_text "24"
keys Escape
see "Esc closes the form and keeps the draft" wait_for "draft kept for mini/pm25-2025"
see "the draft is on disk" test -f "$(draft_dir_of)/mini__pm25-2025.draft"
keys a
see "a brings the draft back" wait_for "restored from your draft"
see "with what was typed" shows "24"
type_text "5"
sleep 0.3
pkill -9 -f -- "$T/plans"
see "the editor is killed (SIGKILL) with the draft open" viewer_killed
start 120 40 $P
see "after a crash the next start offers the draft" wait_for "Unsaved observations from an earlier session"
see "naming the target and the value" shows "mini/pm25-2025  value 245"
keys Enter
see "Enter reopens it in the form" wait_for "restored from your draft"
keys C-u
type_text "24.5"
(printf 'BEGIN EXCLUSIVE;\nSELECT 1;\n'; sleep 8; printf 'COMMIT;\n') |
    sqlite3 "$PLANTRACK_DB" >/dev/null 2>&1 &
locker=$!
sleep 0.5
keys C-s
see "a save on a locked log fails with the reason" wait_for "not saved:" 9
see "the form stays open" shows "Add an observation"
see "what was typed is still there" shows "24.5"
wait "$locker"
keys C-s
see "once the log is free the save goes through" wait_for "saved 24.5 微克/立方米"
see "the draft is gone after saving" test ! -f "$(draft_dir_of)/mini__pm25-2025.draft"
see "the viewer quits cleanly" quit_cleanly
