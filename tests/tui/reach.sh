#!/bin/sh
# Nothing out of reach at 80x24: the detail scrolls to its chart and back,
# an observation opens in full, the help scrolls to its end, a long message
# opens in full, hints are whole, labels never break, the log path keeps
# its end with a mark where it was cut.
. "$(dirname "$0")/../lib/tui.sh"
fresh_plans
P="--plans $T/plans"
LONG="市能源局2025年上半年统计快报（第3期）附表2，经市统计局核定后的最终数据，与年报口径一致"
pt $P add mini/ne-capacity-2026 --value 4200 --date 2024-06-30 \
    --source "$LONG" --note "初报"
first=$(sed -n 's/^recorded \([0-9a-f-]*\) .*/\1/p' "$T/out")
pt $P add mini/ne-capacity-2026 --value 4400 --date 2024-12-31 --source 年报
pt $P correct "$first" --value 4250 --note "统计口径更正：按年报口径"

start 80 24 $P --as-of 2025-07-01
see "the viewer opens at 80x24" wait_for "Targets (5)"
keys /
type_text "新能源发电"
keys Enter Tab
see "Tab goes to the detail" wait_for "新能源发电装机容量"
keys G
see "G reaches the chart's legend at the end of the detail" wait_for "figures"
see "with the chart's unit or marks explained" shows "target"
see "the position is in the border" shows "/"
keys g
see "g comes back to the top: the status and the target" \
    wait_for "Target: by 2026"
keys C-d
see "Ctrl-D moves half a page down" wait_for "Quote:"
# From the end, up to the last history row (the oldest figure).
keys G
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15; do
    keys k Enter
    settle
    shows "Observation · Esc" && break
done
see "Enter on a history row opens the observation" shows "Observation · Esc closes"
see "with its whole source, wrapped" shows "与年报口径一致"
see "who recorded it and where" sh -c "grep -q 'Author: ' '$T/screen' && grep -q 'Host: ' '$T/screen'"
see "and what corrected it" shows "Corrected by: "
see "the overlay fits 80 columns" fits 80
keys Escape
see "Esc closes it" wait_gone "Observation · Esc"

keys ?
see "the help opens" wait_for "Help: j/k scroll"
see "and says how far it goes" shows " 1-"
keys G
see "G reaches the end of the help: the legend of the marks" \
    wait_for "~ in the detail: an approximate value"
see "and the config file" shows "Config file:"
see "the help fits 80 columns" fits 80
keys Escape
wait_gone "Help: j/k"
see "the hint line holds whole hints only" \
    sh -c "tail -n 1 '$T/screen' | grep -q 'q quit  ? help' && ! tail -n 1 '$T/screen' | grep -q '~ *$'"
see "the viewer quits cleanly" quit_cleanly

# A long message opens in full; the log's path keeps its end.
mkdir -p "$HOME/.config/plantrack"
printf 'frobnicate = yes please, with a long value that goes on\n' \
    >"$HOME/.config/plantrack/config"
DEEP="$T/a/very/long/folder/name/that/does/not/fit/on/one/status/line/at/all"
mkdir -p "$DEEP"
start 80 24 $P --db "$DEEP/progress.db" --as-of 2025-07-01
see "a problem in the config file is said at start" wait_for "config: "
see "cut with a key to read it all" shows "m more"
see "the log path keeps its end from a folder's start, the cut marked" \
    sh -c "tail=\$(grep -o '\.\.\./[^ ]*/progress\.db' '$T/screen' | sed 's/^...//')
        case '$DEEP/progress.db' in ?*\"\$tail\") [ -n \"\$tail\" ] ;; *) false ;; esac"
keys m
see "m opens the whole message" wait_for "Message · Esc closes"
see "with the file and line" sh -c \
    "grep -q 'plantrack/config:1:' '$T/screen' && grep -q \"unknown setting 'frobnicate'\" '$T/screen'"
keys Escape
see "the viewer quits cleanly" quit_cleanly

# Chinese: labels are whole, never broken inside a word.
TUI_ENV="LANGUAGE=zh_CN" start 80 24 $P --as-of 2025-07-01
see "the Chinese viewer opens" wait_for "目标 (5)"
keys /
type_text "新能源发电"
keys Enter
see "配合单位 is one label on its own line" wait_for "配合单位：市生态环境局"
see "and the Chinese screen fits 80 columns" fits 80
see "the Chinese viewer quits cleanly" quit_cleanly

# A qualitative target's state is picked, not typed.
start 80 24 $P --as-of 2025-07-01
see "the viewer opens again" wait_for "Targets (5)"
keys /
type_text "激励办法"
keys Enter a
see "the form of a qualitative target asks for a state" wait_for "state"
see "and says how to pick it" shows "Space"
keys Space
see "Space picks the first state" wait_for "state   done"
keys Space
see "and the next" wait_for "state   in progress"
keys Left
see "Left goes back" wait_for "state   done"
keys C-s
see "the picked state saves" wait_for "saved done as of"
see "the picker's viewer quits cleanly" quit_cleanly
