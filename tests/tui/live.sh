#!/bin/sh
# Other sessions writing the same log; a log the viewer cannot write.
. "$(dirname "$0")/../lib/tui.sh"
need sqlite3
fresh_plans
P="--plans $T/plans"

pt $P add mini/co2-intensity-2026 --value 5 --date 2024-12-31
start 120 40 $P
see "the viewer opens" wait_for "Targets (5)"
pt $P add mini/co2-intensity-2026 --value 9.5 --date 2025-06-30
see "another session's observation appears without a key press" wait_for "9.5%" 5
see "and the viewer says the figures were updated" shows "the log changed"
# Twenty writers at once: each records its figure, or (on a loaded
# machine) may give up on the busy log after 5 s, saying so with exit 2
# and writing nothing. The viewer must show what the log holds.
# Under valgrind the subject is the viewer, and the writers are the plain
# build (each under valgrind would hold the log for seconds).
WRITER=$PLANTRACK
case $PLANTRACK in *valgrind*) WRITER=$TOP/plantrack ;; esac
mkdir -p "$T/writers"
i=0
while [ $i -lt 20 ]; do
    (
        "$WRITER" $P add mini/nox-cut-2024 --value $((100 + i)) \
            --date 2024-06-30 >"$T/writers/$i.out" 2>&1
        echo $? >"$T/writers/$i.rc"
    ) &
    i=$((i + 1))
done
wait
n=$(sqlite3 "$PLANTRACK_DB" \
    "SELECT count(*) FROM observations WHERE value BETWEEN 100 AND 119")
# writers_ok: every writer recorded (exit 0) or said the log was busy (exit
# 2), and the log holds one row per writer that recorded.
writers_ok() {
    ok=0
    for r in "$T"/writers/*.rc; do
        c=$(cat "$r")
        if [ "$c" = 0 ]; then
            ok=$((ok + 1))
        elif [ "$c" != 2 ] || ! grep -q busy "${r%.rc}.out"; then
            echo "#   writer $(basename "$r" .rc): exit $c: $(head -c 300 "${r%.rc}.out")"
            return 1
        fi
    done
    echo "#   $ok of 20 writers recorded; the log holds $n of theirs"
    [ "$ok" -gt 0 ] && [ "$ok" = "$n" ]
}
see "the twenty writers each record their figure or say the log is busy" \
    writers_ok
see "twenty writers at once while the viewer runs: it shows all they wrote" \
    wait_for "History ($n)" 10
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
see "and the draft is kept" test -f "$(draft_dir_of)/mini__nox-cut-2024.draft"
keys Escape
see "read-only quits cleanly" quit_cleanly
