#!/bin/sh
# The editor killed (SIGKILL) at a random moment after Ctrl-S: the log
# stays intact, and what was typed is never lost: it is either in the log
# (always, when "saved" was on the screen) or still in the draft.
. "$(dirname "$0")/../lib/tui.sh"
. "$TOP/tests/lib/reliability.sh"
need ps
fresh_plans
P="--plans $T/plans"
ROUNDS=$(by_suite 3 2 0 40)
DRAFT="$(draft_dir_of)/mini__pm25-2025.draft"

# The pid of plantrack in the tmux pane: pane shell -> xargs -> plantrack.
tui_pid() {
    sh_pid=$(tmux -S "$SOCK" display -p -t t '#{pane_pid}')
    for x in $(ps -o pid= --ppid "$sh_pid"); do
        ps -o pid= --ppid "$x"
    done | head -n 1 | tr -d ' '
}

pt $P add mini/pm25-2025 --value 25 --date 2024-12-31
r=0 in_log=0 in_draft=0 both=0 bad=0
while [ "$r" -lt "$ROUNDS" ]; do
    v="2$r.$(rand 10)"
    start 120 40 $P
    wait_for "Targets (5)" || {
        echo "#   round $r: the viewer did not open"
        screen | sed 's/^/#   | /'
        bad=$((bad + 1))
        break
    }
    keys /
    type_text "PM2.5"
    keys Enter a
    wait_for "Add an observation" || {
        echo "#   round $r: the form did not open"
        screen | sed 's/^/#   | /'
        bad=$((bad + 1))
        break
    }
    type_text "$v"
    wait_for "$v" >/dev/null
    file_has "$DRAFT" "value=$v" # the draft is on disk
    pid=$(tui_pid)
    if [ -z "$pid" ]; then
        echo "#   round $r: the viewer's process was not found"
        bad=$((bad + 1))
        break
    fi
    # The key goes in the background so that the kill can land before,
    # during or after the save (a tmux client takes a few ms to start).
    ms=$(rand 12)
    keys C-s &
    sleep "0.0$(printf %02d "$ms")"
    kill -9 "$pid"
    wait
    if ! viewer_killed; then
        echo "#   round $r: the viewer did not end by the kill"
        bad=$((bad + 1))
    fi
    screen >"$T/screen.$r"
    rows=$(sql "SELECT count(*) FROM observations WHERE value = $v")
    drafted=0
    grep -q "value=$v\$" "$DRAFT" 2>/dev/null && drafted=1
    if ! integrity; then
        echo "#   round $r: integrity_check failed"
        bad=$((bad + 1))
    elif grep -q "saved $v" "$T/screen.$r" && [ "$rows" -ne 1 ]; then
        echo "#   round $r: the screen said saved, the log has $rows"
        bad=$((bad + 1))
    elif [ "$rows" -gt 1 ] || { [ "$rows" -eq 0 ] && [ "$drafted" -eq 0 ]; }; then
        echo "#   round $r: $v is $rows times in the log, in the draft: $drafted"
        bad=$((bad + 1))
    fi
    [ "$rows" -eq 1 ] && in_log=$((in_log + 1))
    [ "$drafted" -eq 1 ] && in_draft=$((in_draft + 1))
    [ "$rows" -eq 1 ] && [ "$drafted" -eq 1 ] && both=$((both + 1))
    rm -f "$DRAFT"
    r=$((r + 1))
done
echo "# $ROUNDS editors killed after Ctrl-S: saved $in_log, kept as draft $in_draft (both: $both)"
if [ "$ROUNDS" -gt 0 ]; then
    see "$ROUNDS editors killed mid-save: nothing typed lost, log intact" \
        test "$bad" -eq 0
fi

# After a crash the next start offers the draft, and saving it works.
start 120 40 $P
wait_for "Targets (5)"
keys /
type_text "PM2.5"
keys Enter a
type_text "19.75"
wait_for "19.75" >/dev/null
see "the draft is on disk" file_has "$DRAFT" "value=19.75"
kill -9 "$(tui_pid)"
see "the viewer is killed (SIGKILL) with the form open" viewer_killed
start 120 40 $P
see "the next start offers the unsaved draft" \
    wait_for "Unsaved observations from an earlier session"
keys Enter
see "which reopens in the form" wait_for "restored from your draft"
keys C-s
see "and saves" wait_for "saved 19.75"
see "once" test "$(sql 'SELECT count(*) FROM observations WHERE value = 19.75')" -eq 1
see "the author is the operating system account, as for add" \
    test "$(sql 'SELECT DISTINCT author FROM observations')" = "$(id -un)"
see "the viewer quits cleanly" quit_cleanly

# A session that died after saving but before dropping its draft: the
# draft carries the id it was saved under, so the next start sees it in
# the log and drops it instead of saving the observation twice.
saved=$(sql "SELECT uuid FROM observations WHERE value = 19.75")
mkdir -p "$(dirname "$DRAFT")"
printf 'plan=mini\ntarget=pm25-2025\ncorrects=\nuuid=%s\ndate=2025-06-30\nvalue=19.75\nunit=\nsource=\nnote=\n' \
    "$saved" >"$DRAFT"
start 120 40 $P
see "a draft that was saved before the crash is not offered again" \
    wait_for "had been saved before the session ended"
see "nor recorded twice" \
    test "$(sql 'SELECT count(*) FROM observations WHERE value = 19.75')" -eq 1
see "and it is gone" test ! -e "$DRAFT"
see "the viewer quits cleanly after that" quit_cleanly
