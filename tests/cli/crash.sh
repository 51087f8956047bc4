#!/bin/sh
# Crash safety: writers killed with SIGKILL at random points, while another
# session keeps writing. The log stays intact (PRAGMA integrity_check) and
# every observation whose add printed "recorded ID" is in it.
. "$(dirname "$0")/../lib/cli.sh"
. "$TOP/tests/lib/reliability.sh"
fresh_plans
P="--plans $T/plans"
ROUNDS=$(by_suite 40 25 0 400)
if [ "$ROUNDS" -eq 0 ]; then
    skip "writers killed at random" "under valgrind the kills would hit valgrind, not plantrack (the plain and asan suites run it)"
    exit 0
fi

# exec: in the background the kill must hit plantrack itself, not a shell
# waiting for it.
add() {
    exec "$PLANTRACK" $P add mini/ne-capacity-2026 --value "$1" \
        --date 2025-01-01 --note "$2"
}

# How long one add lives, so the kills land all over it: start-up, plan
# loading, the transaction, the output.
(add 1 calibrate >/dev/null 2>&1)
t0=$(now_ms)
(add 2 calibrate >/dev/null 2>&1)
(add 3 calibrate >/dev/null 2>&1)
life=$((($(now_ms) - t0) / 2 + 1))

# A steady writer that is never killed, adding until told to stop.
: >"$T/steady.log"
(
    k=0
    while [ ! -e "$T/stop" ]; do
        k=$((k + 1))
        (add $((100000 + k)) "steady-$k" >"$T/steady.out" 2>/dev/null) &&
            printed_uuid "$T/steady.out" >>"$T/steady.log"
    done
) &
steady=$!

: >"$T/acked"
killed=0 finished=0
r=0
while [ "$r" -lt "$ROUNDS" ]; do
    ms=$(rand "$life")
    delay=$((ms / 1000)).$(printf %03d $((ms % 1000)))
    rm -f "$T/c.out" # a writer killed before it opened it leaves none
    (add $((r + 10)) "crash-$r" >"$T/c.out" 2>"$T/c.err") &
    pid=$!
    [ "$ms" -gt 0 ] && sleep "$delay"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    # 137: killed by the signal; otherwise it had finished (exit 0).
    if [ $? -eq 137 ]; then
        killed=$((killed + 1))
    else
        finished=$((finished + 1))
    fi
    [ -e "$T/c.out" ] && printed_uuid "$T/c.out" >>"$T/acked"
    r=$((r + 1))
done
touch "$T/stop"
wait "$steady"
cat "$T/steady.log" >>"$T/acked"
acked=$(grep -c . "$T/acked")
stored=$(sql "SELECT count(*) FROM observations WHERE note LIKE 'crash-%'")
echo "# $ROUNDS adds lasting ~${life} ms: $killed killed ($((ROUNDS - stored)) before their commit), $finished finished; $(grep -c . "$T/steady.log") steady adds meanwhile"

check "after $killed writers were killed: PRAGMA integrity_check is ok" \
    integrity
sql 'SELECT uuid FROM observations' | sort >"$T/stored"
sort -u "$T/acked" >"$T/acked.sorted"
comm -23 "$T/acked.sorted" "$T/stored" >"$T/lost"
check "every one of the $acked acknowledged observations is in the log" \
    test ! -s "$T/lost"
sed -n '1,5s/^/#   lost: /p' "$T/lost"
check "no observation is in the log twice" \
    test "$(sql "SELECT count(*) - count(DISTINCT note) FROM observations
                 WHERE note <> 'calibrate'")" -eq 0
pt $P add mini/ne-capacity-2026 --value 5 --date 2025-01-02 --note after \
    --confirm
check "the log still takes observations" rc_is 0
pt $P log mini/ne-capacity-2026 --format csv
check "and reads back in full" \
    test "$(tail -n +2 "$T/out" | grep -c .)" -eq \
    "$(sql 'SELECT count(*) FROM observations')"
