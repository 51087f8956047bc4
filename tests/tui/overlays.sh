#!/bin/sh
# Help, the source view, monochrome, and untrusted text neutralised.
. "$(dirname "$0")/../lib/tui.sh"
fresh_plans
P="--plans $T/plans"

pt $P add mini/pm25-2025 --value 25 --date 2024-12-31 \
    --note "$(printf 'ok\033]2;pwned\007 then \033[2J clear')"
start 120 40 $P --as-of 2025-07-01
see "the viewer opens" wait_for "Targets (5)"
keys ?
see "? opens the help" wait_for "Help: j/k scroll · Esc, q or ? closes"
# The title can be on screen before the rows below it: wait for the rows.
help_rows() {
    wait_for "Shift-Tab" && shows "add an observation"
}
see "the help lists every key, from the key table" help_rows
see "and says where it is in it" shows " 1-36/"
keys Space
see "Space pages down the help, to the rarer keys" wait_for "Ctrl-L"
see "and the form's keys" shows "Ctrl-D"
keys G
see "the help explains the status marks (at its end)" wait_for "needs acceleration"
keys Escape
see "Esc closes the help" wait_gone "Help: j/k"

keys /
type_text "PM2.5"
keys Enter
see "a note with escape sequences shows replacement marks" \
    wait_for "ok�]2;pwned� then �[2J clear"
see "and the terminal title was not changed" \
    sh -c "t=\$(tmux -S $SOCK display -p -t t '#{pane_title}') && [ \"\$t\" != pwned ]"
keys s
see "s shows the quote in the plan's source text" wait_for "Source: 迷你市减污降碳协同创新试点实施方案"
see "with the text around it" shows "牵头单位：市生态环境局"
keys Escape
see "Esc closes the source" wait_gone "Source:"
see "the viewer quits cleanly" quit_cleanly

TUI_ENV="NO_COLOR=1" start 80 24 $P --as-of 2025-07-01
see "without colour the statuses still read as words" wait_for "R unreported"
# "…and none" ends one row and "is recorded" starts the next.
wrapped_between_words() {
    screen >"$T/screen"
    grep -q 'and none *│$' "$T/screen" &&
        grep -q '^│ *││ *is recorded *│$' "$T/screen"
}
see "at 80 columns the detail wraps English between words" \
    wrapped_between_words
see "monochrome quits cleanly" quit_cleanly
