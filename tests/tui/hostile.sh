#!/bin/sh
# The viewer on a plan folder with hostile files beside a good one: it
# opens on the good plan at once and says which files it skipped.
. "$(dirname "$0")/../lib/tui.sh"
. "$TOP/tests/lib/reliability.sh"
fresh_plans
python3 - "$T/plans" <<'EOF2'
import os, sys
h = sys.argv[1]
def w(name, data):
    with open(os.path.join(h, name), "wb") as f:
        f.write(data.encode() if isinstance(data, str) else data)
w("a-big.yaml", "id: big\ntitle: \"" + "a" * (5 << 20) + "\"\n")
w("b-deep.yaml", "[" * 100000)
w("c-wide.yaml", "id: wide\nsection: [" + "1," * 1500000 + "1]\n")
w("d-bomb.yaml", "a: &a [x, x]\nb: [*a, *a]\n")
w("e-utf8.yaml", b"id: \xff\xfe\n")
w("f-esc.yaml", "id: \"x\\e]2;TITLE\\a\"\n")
EOF2
mkdir "$T/plans/g-dir.yaml"
mkfifo "$T/plans/h-fifo.yaml"

start 120 40 --plans "$T/plans"
see "the viewer opens on the good plan despite 8 hostile files" \
    wait_for "Targets (5)" 10
see "and says files were skipped" wait_for "skipped"
see "no escape sequence from a skipped file reached the terminal" \
    sh -c "t=\$(tmux -S $SOCK display -p -t t '#{pane_title}') &&
           case \$t in *TITLE*) false ;; esac"
see "every line fits 120 columns" fits 120
see "the viewer quits cleanly" quit_cleanly
