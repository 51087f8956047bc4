# Helpers for driving the viewer in tmux like a person: start it detached at
# a fixed size, send keys, read the screen with capture-pane, assert on it.
. "$(dirname "$0")/../lib/cli.sh"
need tmux python3

# The server socket lives in $T, so nothing outlives the test.
SOCK="$T/tmux.sock"
export XDG_STATE_HOME="$T/state"
trap 'tmux -S "$SOCK" kill-server 2>/dev/null; chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT

# start COLS ROWS [ARGS...]: run plantrack in a fresh tmux session. Its
# stderr goes to $T/tui.err and its exit status to $T/tui.status.
start() {
    cols=$1 rows=$2
    shift 2
    # One viewer at a time: the last one's server is gone, and its socket
    # with it, before a new server starts (a dying server's socket once
    # turned away the next session under load).
    if tmux -S "$SOCK" kill-server 2>/dev/null; then
        n=50
        while tmux -S "$SOCK" has-session 2>/dev/null && [ "$n" -gt 0 ]; do
            sleep 0.1
            n=$((n - 1))
        done
    fi
    rm -f "$SOCK" "$T/tui.status"
    printf '%s\n' "$@" >"$T/tui.args"
    cat >"$T/tui.sh" <<SCRIPT
cd "$T"
xargs -d '\n' -a "$T/tui.args" "$PLANTRACK" 2>"$T/tui.err"
echo \$? >"$T/tui.status"
sleep 30
SCRIPT
    tmux -S "$SOCK" -f /dev/null new-session -d -s t -x "$cols" -y "$rows" \
        "env LC_ALL=C.UTF-8 TERM=screen-256color PLANTRACK_DB='$PLANTRACK_DB' PLANTRACK_LOCALEDIR='$PLANTRACK_LOCALEDIR' XDG_STATE_HOME='$XDG_STATE_HOME' HOME='$HOME' ${TUI_ENV:-} sh '$T/tui.sh'"
    tmux -S "$SOCK" set-option -t t status off >/dev/null
}

keys() { tmux -S "$SOCK" send-keys -t t "$@"; }
# Literal text (no key names), e.g. Chinese or text with spaces.
type_text() { tmux -S "$SOCK" send-keys -t t -l "$1"; }
screen() { tmux -S "$SOCK" capture-pane -p -t t; }
resize() { tmux -S "$SOCK" resize-window -t t -x "$1" -y "$2"; }

# The waits below end as soon as their condition holds; SECONDS only bounds
# how long a failure takes to show. Under valgrind, where every process
# runs some 50 times slower, a loaded machine needs wider bounds.
# STILL: how many 0.1 s samples in a row show a screen at rest.
case $PLANTRACK in
*valgrind*) SLOW=4 STILL=2 ;;
*) SLOW=1 STILL=1 ;;
esac

# wait_for TEXT [SECONDS]: until the screen shows TEXT, and then until it
# stops changing, so that $T/screen holds the whole redraw: tmux may show
# the first rows of an update before the rest (slow under valgrind).
wait_for() {
    n=$(( ${2:-5} * 10 * SLOW ))
    while [ "$n" -gt 0 ]; do
        screen >"$T/screen"
        if grep -qF -- "$1" "$T/screen"; then
            until_still "$(cksum <"$T/screen")"
            screen >"$T/screen"
            return 0
        fi
        sleep 0.1
        n=$((n - 1))
    done
    return 1
}

# wait_gone TEXT [SECONDS]: until the screen no longer shows TEXT.
wait_gone() {
    n=$(( ${2:-5} * 10 * SLOW ))
    while [ "$n" -gt 0 ]; do
        screen >"$T/screen"
        grep -qF -- "$1" "$T/screen" || return 0
        sleep 0.1
        n=$((n - 1))
    done
    return 1
}

# Let the viewer settle after keys: the screen stops changing. A guess,
# where the test cannot name what the screen will show; prefer wait_for.
settle() { until_still ""; }

# until_still CKSUM: sample the screen every 0.1 s (2 s at most, longer
# under valgrind) until it stays the same for STILL samples in a row (under
# valgrind a keystroke can take longer than 0.1 s to show), the first
# compared with CKSUM.
until_still() {
    prev=$1 same=0 n=$((20 * SLOW))
    while [ "$n" -gt 0 ]; do
        sleep 0.1
        cur=$(screen | cksum)
        if [ "$cur" = "$prev" ]; then
            same=$((same + 1))
            [ "$same" -ge "$STILL" ] && return 0
        else
            same=0
        fi
        prev=$cur
        n=$((n - 1))
    done
}

# The first line inside the Detail pane (the target's status and indicator).
detail_head() {
    screen | awk '/Detail/ { getline; print; exit }' |
        sed 's/^.*││//; s/│$//; s/ *$//'
}

shows() { screen >"$T/screen"; grep -qF -- "$1" "$T/screen"; }
hides() { ! shows "$1"; }

# Pass when the test condition holds; on failure show the screen.
see() {
    d=$1
    shift
    if "$@"; then
        pass "$d"
    else
        echo "not ok - $NAME: $d"
        screen | sed 's/^/#   | /'
        sed -n '1,10s/^/#   stderr: /p' "$T/tui.err" 2>/dev/null
    fi
}

# Every line of the screen fits in COLS display cells (CJK = 2), and lines
# that end with a border end exactly at the last column.
fits() {
    screen | python3 -c '
import sys, unicodedata
cols = int(sys.argv[1])
def width(s):
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
bad = 0
for n, line in enumerate(sys.stdin.read().split("\n"), 1):
    w = width(line)
    if w > cols or (line.endswith("\u2502") and w != cols):
        print("#   line %d is %d cells: %s" % (n, w, line)); bad += 1
sys.exit(1 if bad else 0)
' "$1"
}

# file_has FILE LINE [SECONDS]: until FILE holds the whole line LINE.
file_has() {
    n=$(( ${3:-5} * 10 ))
    until grep -qxF -- "$2" "$1" 2>/dev/null; do
        [ "$n" -gt 0 ] || return 1
        sleep 0.1
        n=$((n - 1))
    done
}

# viewer_killed: the viewer has ended by a signal (xargs reports 125),
# waiting for it to end for a few seconds at most.
viewer_killed() {
    n=$((50 * SLOW))
    while [ ! -s "$T/tui.status" ] && [ "$n" -gt 0 ]; do
        sleep 0.1
        n=$((n - 1))
    done
    [ "$(cat "$T/tui.status" 2>/dev/null)" = 125 ]
}

# quit: press q and wait for the program to exit with status 0 and nothing
# on stderr (sanitizer reports land there).
quit_cleanly() {
    keys q
    n=$((50 * SLOW))
    while [ ! -s "$T/tui.status" ] && [ "$n" -gt 0 ]; do
        sleep 0.1
        n=$((n - 1))
    done
    [ "$(cat "$T/tui.status" 2>/dev/null)" = 0 ] && [ ! -s "$T/tui.err" ]
}

# draft_dir_of [LOG [STATE_HOME]]: the folder of the drafts typed against a
# log (default $PLANTRACK_DB): drafts are kept per log.
draft_dir_of() {
    python3 -c '
import os, sys
p = os.path.realpath(sys.argv[1])
h = 2166136261
for b in p.encode():
    h = ((h ^ b) * 16777619) & 0xFFFFFFFF
print("%s/plantrack/drafts/%s-%08x" % (sys.argv[2], os.path.basename(p), h))
' "${1:-$PLANTRACK_DB}" "${2:-$XDG_STATE_HOME}"
}

# The mouse as an xterm reports it (X10 encoding, which ncurses reads with
# TERM=screen-256color): mouse BUTTON COL ROW, 0-based cells.
mouse_byte() { printf "\\$(printf %o "$1")"; }
mouse() {
    tmux -S "$SOCK" send-keys -t t -l \
        "$(printf '\033[M')$(mouse_byte $((32 + $1)))$(mouse_byte $((33 + $2)))$(mouse_byte $((33 + $3)))"
}
click() { mouse 0 "$1" "$2"; mouse 3 "$1" "$2"; }
wheel_up() { mouse 64 "$1" "$2"; }
wheel_down() { mouse 65 "$1" "$2"; }

# highlighted TEXT: TEXT is on screen drawn in reverse video or underlined
# (as the search shows its matches), on a row that is not the cursor's.
highlighted() {
    tmux -S "$SOCK" capture-pane -p -e -t t | python3 -c '
import re, sys
text = sys.argv[1]
for line in sys.stdin:
    at = line.find(text)
    while at >= 0:
        before = line[:at]
        # the attributes in force: the codes since the last reset
        codes = re.findall(r"\x1b\[([0-9;]*)m", before)
        on = set()
        for c in codes:
            for n in (c or "0").split(";"):
                if n in ("0", ""):
                    on.clear()
                elif n in ("7", "4"):
                    on.add(n)
                elif n in ("27", "24"):
                    on.discard(n[1])
        if on:
            sys.exit(0)
        at = line.find(text, at + 1)
sys.exit(1)
' "$1"
}
