#!/bin/sh
# The terminal goes away (SSH dropped, window closed): the viewer ends,
# even when no SIGHUP reaches it (run under make, or by a wrapper that
# blocks it), instead of spinning on a dead terminal; the draft stays.
. "$(dirname "$0")/../lib/tui.sh"
fresh_plans

# hangup_run BLOCK: the viewer in tmux, SIGHUP blocked when BLOCK is 1;
# its pid in $T/pid. Then the tmux server is killed, closing the terminal.
hangup_run() {
    rm -f "$T/pid"
    cat >"$T/run.sh" <<SCRIPT
echo \$\$ >"$T/pid"
exec python3 -c 'import os, signal, sys
if sys.argv[1] == "1":
    signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGHUP])
os.execvp(sys.argv[2], sys.argv[2:])' $1 "$PLANTRACK" --plans "$T/plans"
SCRIPT
    tmux -S "$SOCK" -f /dev/null new-session -d -s t -x 120 -y 40 \
        "env LC_ALL=C.UTF-8 TERM=screen-256color PLANTRACK_DB='$PLANTRACK_DB' XDG_STATE_HOME='$XDG_STATE_HOME' sh '$T/run.sh'"
}

# ends_within SECONDS: the process in $T/pid is gone within SECONDS.
ends_within() {
    n=$(($1 * 10))
    while kill -0 "$(cat "$T/pid")" 2>/dev/null && [ "$n" -gt 0 ]; do
        sleep 0.1
        n=$((n - 1))
    done
    ! kill -0 "$(cat "$T/pid")" 2>/dev/null
}

for block in 0 1; do
    case $block in
    0) how="with SIGHUP" ;;
    1) how="with SIGHUP blocked" ;;
    esac
    hangup_run $block
    see "the viewer opens ($how)" wait_for "Targets (5)" 10
    keys /
    type_text "PM2.5"
    keys Enter a
    type_text "23.$block"
    wait_for "23.$block" >/dev/null
    sleep 0.3 # the draft is on disk
    tmux -S "$SOCK" kill-server
    see "the terminal closed, the viewer ends ($how)" ends_within 10
    kill -9 "$(cat "$T/pid")" 2>/dev/null
    see "and what was typed is in its draft ($how)" \
        grep -q "value=23.$block\$" \
        "$(draft_dir_of)/mini__pm25-2025.draft"
    rm -f "$(draft_dir_of)/mini__pm25-2025.draft"
done
