#!/bin/sh
# plantrack verify: an untouched log passes and prints its head; any
# UPDATE, DELETE, insert or trigger drop done behind plantrack's back (with
# the sqlite3 shell, as a group member of the README's old shared directory
# could) is named by its row; the next write notices a dropped trigger and
# writes nothing; a head printed before a change proves it.
. "$(dirname "$0")/../lib/cli.sh"
. "$TOP/tests/lib/reliability.sh"
need python3 sqlite3
fresh_plans
P="--plans $T/plans"
for v in 25 24 23; do
    prep $P add mini/pm25-2025 --value $v --date 2025-0$((30 - v))-01
done

pt verify
check "an untouched log verifies (exit 0)" rc_is 0
check "saying the chain is intact" out_has "3 observation(s), each linked to the one before"
head=$(sed -n 's/^head: \([0-9a-f]\{64\}\) .*/\1/p' "$T/out")
check "and printing its head" test -n "$head"

# The triggers only stop honest people: drop one, change a row.
cp "$PLANTRACK_DB" "$T/before.db"
sql "DROP TRIGGER observations_no_update; UPDATE observations SET value = 19 WHERE seq = 2"
pt $P add mini/pm25-2025 --value 22 --date 2025-06-30
check "the next add notices the dropped trigger (exit 2)" rc_is 2
check "and names it" err_has "observations_no_update is missing"
check "and writes nothing" test "$(sql 'SELECT count(*) FROM observations')" -eq 3
pt verify
check "verify fails (exit 2)" rc_is 2
check "verify names the dropped trigger" out_has "observations_no_update is missing"
uuid2=$(sql 'SELECT uuid FROM observations WHERE seq = 2')
check "verify names the changed row" out_has "row 2 ($uuid2) was changed"
pt verify --head "$head"
check "the head printed before proves the change" \
    sh -c "[ $rc -eq 2 ] && grep -q 'rows covered by head .* were changed or removed since it was printed (row 2 first)' '$T/out'"

# DELETE, with the chain's own link removed too.
cp "$T/before.db" "$PLANTRACK_DB"
rm -f "$PLANTRACK_DB-wal" "$PLANTRACK_DB-shm"
sql "DROP TRIGGER observations_no_delete; DROP TRIGGER chain_no_delete; DELETE FROM observations WHERE seq = 2; DELETE FROM chain WHERE seq = 2"
pt verify
check "verify names the removed row" out_has "row 2, before row 3"

# An insert: only possible with the chain trigger dropped.
cp "$T/before.db" "$PLANTRACK_DB"
rm -f "$PLANTRACK_DB-wal" "$PLANTRACK_DB-shm"
sql "INSERT INTO observations (uuid, plan, target, date, value, author, host, recorded_at) VALUES ('aaaaaaaa-0000-4000-8000-000000000000', 'mini', 'pm25-2025', '2025-06-01', 1, 'x', 'x', '2025-06-02T00:00:00Z')" 2>"$T/err"
check "the sqlite3 shell cannot insert while the chain trigger stands" \
    sh -c "grep -q 'no such function' '$T/err' && [ \$(sqlite3 '$PLANTRACK_DB' 'SELECT count(*) FROM observations') -eq 3 ]"
sql "DROP TRIGGER observations_chain; INSERT INTO observations (uuid, plan, target, date, value, author, host, recorded_at) VALUES ('aaaaaaaa-0000-4000-8000-000000000000', 'mini', 'pm25-2025', '2025-06-01', 1, 'x', 'x', '2025-06-02T00:00:00Z')"
pt verify
check "verify names the row slipped in" out_has "row 4 (aaaaaaaa-0000-4000-8000-000000000000) has no link"
check "and the trigger dropped for it" out_has "observations_chain is missing"
pt verify --repair
check "verify --repair restores the triggers, still reporting the row" \
    sh -c "[ $rc -eq 2 ] && grep -q 'recorded in the log for good' '$T/err'"
pt verify
check "the repair stays on record" out_has "repaired the log after finding"
pt $P add mini/pm25-2025 --value 22 --date 2025-06-30
check "after the repair plantrack writes again" rc_is 0

# On an untouched log, the head printed earlier is still passed through.
cp "$T/before.db" "$PLANTRACK_DB"
rm -f "$PLANTRACK_DB-wal" "$PLANTRACK_DB-shm"
prep $P add mini/pm25-2025 --value 21 --date 2025-06-30
pt verify --head "$head"
check "a head printed earlier is still in an untouched log" \
    sh -c "[ $rc -eq 0 ] && grep -q '1 observation(s) were recorded since' '$T/out'"
pt verify --format json
check "verify --format json gives the head and no problem" python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
assert r["problems"] == 0 and len(r["head"]) == 64 and r["rows"] == 4, r
' "$T/out"

# Truncated to nothing or removed behind plantrack's back: an empty log
# holds nothing of a head printed earlier, and verify --head says so.
: >"$PLANTRACK_DB"
rm -f "$PLANTRACK_DB-wal" "$PLANTRACK_DB-shm"
pt verify --head "$head"
check "a log truncated to nothing does not pass for a head printed earlier" \
    sh -c "[ $rc -eq 2 ] && grep -q 'the log is empty: the rows head .* covered are gone' '$T/out'"
rm -f "$PLANTRACK_DB"
pt verify --head "$head"
check "nor does a removed log" rc_is 2
