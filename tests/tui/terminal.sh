#!/bin/sh
# Terminal safety in the viewer: escape sequences in plan text (indicator,
# unit, agency names, the source text) and in the log (sources, notes,
# authors, hosts) are shown neutralised, never sent to the terminal.
. "$(dirname "$0")/../lib/tui.sh"
. "$TOP/tests/lib/reliability.sh"
fresh_plans
P="--plans $T/plans --as-of 2025-07-01"

python3 - "$T/plans" <<'EOF'
import sys
d = sys.argv[1]
p = d + "/mini.yaml"
s = open(p, encoding="utf-8").read()
s = s.replace("indicator: 新能源发电装机容量",
              'indicator: "新能源\\e]2;TITLE1\\a发电装机容量"', 1)
s = s.replace("unit: 万千瓦", 'unit: "万千瓦\\e[5m"', 1)
s = s.replace("name: 市能源局", 'name: "市能源局\\e]2;TITLE2\\a\\u009b2J"', 1)
s = s.replace("lead: 市能源局", "lead: energy", 1)
open(p, "w", encoding="utf-8").write(s)
src = d + "/sources/mini.txt"
t = open(src, encoding="utf-8").read()
open(src, "w", encoding="utf-8").write("\x1b]2;TITLE3\x07\x1b[2J" + t)
EOF
# (an author or host with control characters is refused at the door now;
# sources and notes keep what was typed, and are shown neutralised)
prep $P add mini/ne-capacity-2026 --value 4000 --date 2025-06-30 \
    --source "$(printf 'src\033]2;TITLE4\007')" \
    --note "$(printf 'note\033]2;TITLE5\007 \033[2J')"

title() { tmux -S "$SOCK" display -p -t t '#{pane_title}'; }
untitled() { ! title | grep -q TITLE; }

start 120 40 $P
see "the viewer opens on a plan full of escape sequences" wait_for "Targets (5)"
keys /
type_text "新能源"
keys Enter
settle
see "the indicator shows its escape neutralised" shows "新能源�]2;TITLE1�发电装机容量"
see "the agency name too" shows "市能源局�]2;TITLE2��2J"
see "the source and note from the log too" \
    sh -c "grep -q 'src�]2;TITLE4�' '$T/screen' && grep -q 'note�]2;TITLE5�' '$T/screen'"
see "no escape sequence changed the terminal title" untitled
see "and every line still fits 120 columns" fits 120
keys s
see "the source text opens" wait_for "Source:"
see "with its escape sequences neutralised" shows "�]2;TITLE3��[2J"
see "the title is still untouched" untitled
keys Escape a
see "the form shows the unit from the plan" wait_for "Add an observation"
see "neutralised as well" shows "万千瓦�[5m"
see "and nothing changed the title" untitled
keys Escape
see "the viewer quits cleanly" quit_cleanly
