#!/bin/sh
# Append-only and audit, seen from outside: the database itself refuses to
# change or remove an observation; a correction is a new row that points
# at the old one, which stays as it was; the author is the account that
# ran plantrack, whatever the environment says. And no SQL is built from
# input: text that looks like SQL goes in and comes back verbatim.
. "$(dirname "$0")/../lib/cli.sh"
. "$TOP/tests/lib/reliability.sh"
need python3 setpriv
fresh_plans
P="--plans $T/plans --as-of 2025-07-01"
INJ="'); DROP TABLE observations;--"

pt $P add mini/pm25-2025 --value 25 --date 2024-12-31 --note "$INJ" \
    --source "x' OR '1'='1"
first=$(printed_uuid "$T/out")
check "a note and a source that look like SQL are recorded" rc_is 0
row() { sql "SELECT quote(value), note, source, author, host, recorded_at, quote(corrects) FROM observations WHERE uuid = '$1'"; }
before=$(row "$first")

# The database refuses changes, whoever asks (here the sqlite3 shell).
sql "UPDATE observations SET value = 1" 2>"$T/err"
check "UPDATE is refused by the database" err_has "append-only"
sql "DELETE FROM observations" 2>"$T/err"
check "DELETE is refused by the database" err_has "append-only"
check "the observation is unchanged" test "$(row "$first")" = "$before"
# INSERT OR REPLACE deletes the row it replaces without firing the DELETE
# trigger (SQLite fires it only with recursive_triggers on); schema 3 makes
# such an insert do nothing. Checked on a copy.
cp "$PLANTRACK_DB" "$T/copy.db"
DB="$T/copy.db" sql "INSERT OR REPLACE INTO observations (uuid, plan, target,
    date, value, author, host, recorded_at) VALUES ('$first', 'mini',
    'pm25-2025', '2024-12-31', 99, 'x', 'x', 'x')" 2>/dev/null
check "INSERT OR REPLACE cannot rewrite an observation" \
    test "$(DB="$T/copy.db" sql "SELECT value FROM observations WHERE uuid = '$first'")" = 25.0

# A correction, and a correction of the correction.
pt $P correct "$first" --value 24 --note "口径更正"
fix=$(printed_uuid "$T/out")
check "a correction is recorded as a new observation" rc_is 0
check "the corrected observation is unchanged, byte for byte" \
    test "$(row "$first")" = "$before"
check "the correction points at it" \
    test "$(sql "SELECT corrects FROM observations WHERE uuid = '$fix'")" = "$first"
full || exit 0 # under valgrind, the main cases only
pt $P correct "$(echo "$fix" | cut -c1-8)" --value 23 --note "再次更正"
fix2=$(printed_uuid "$T/out")
check "a correction can itself be corrected" rc_is 0
pt $P log mini/pm25-2025 --format json
check "the history keeps all three, each marked" python3 -c '
import json, sys
rows = {r["uuid"]: r for r in json.load(open(sys.argv[1]))}
first, fix, fix2 = sys.argv[2:5]
assert len(rows) == 3, rows
assert rows[first]["superseded"] and rows[fix]["superseded"]
assert not rows[fix2]["superseded"] and rows[fix2]["corrects"] == fix
assert rows[first]["value"] == 25 and rows[fix]["value"] == 24
' "$T/out" "$first" "$fix" "$fix2"
full && pt $P status --format json &&
check "status counts only the latest correction" python3 -c '
import json, sys
r = [r for r in json.load(open(sys.argv[1])) if r["target"] == "pm25-2025"][0]
assert r["latest_value"] == 23 and r["observations"] == 1, r
' "$T/out"
n=$(sql 'SELECT count(*) FROM observations')
full || set -- "$INJ"
[ $# -gt 0 ] ||
    set -- "$INJ" "%%%%%%%%" "________" "0000000" "$(echo "$first" | cut -c1-7)"
for bad in "$@"; do
    pt $P correct "$bad" --value 1 --note x
    check "correct '$bad': refused with exit 1" rc_is 1
done
pt $P add mini/ne-capacity-2026 --corrects "$first" --value 4000 --note x
check "a correction cannot point at another target's observation" \
    err_has "an observation of another target"
check "nothing refused reached the log" \
    test "$(sql 'SELECT count(*) FROM observations')" -eq "$n"

# The author: the effective account, not $USER or $LOGNAME.
env USER=mallory LOGNAME=mallory "$PLANTRACK" $P add mini/pm25-2025 \
    --value 22 --date 2025-06-30 >"$T/out" 2>"$T/err"
check "USER and LOGNAME do not change the author" \
    test "$(sql "SELECT author FROM observations WHERE uuid = '$(printed_uuid "$T/out")'")" = "$(id -un)"
if ! full; then
    :
elif can_drop_root; then
    chmod 777 "$T"
    chmod 666 "$PLANTRACK_DB" "$PLANTRACK_DB-wal" "$PLANTRACK_DB-shm" 2>/dev/null
    chmod -R a+rX "$T/plans"
    pt_as_nobody $P add mini/pm25-2025 --value 21 --date 2025-06-30
    check "run as nobody, the observation's author is nobody" \
        test "$(sql "SELECT author FROM observations WHERE uuid = '$(printed_uuid "$T/out")'")" = nobody
else
    skip "run as another account, the author follows" "only root with setpriv can run plantrack as another account"
fi

# Text that looks like SQL, everywhere the command line takes text.
pt $P log "mini/x'); DROP TABLE observations;--"
check "a target name that looks like SQL is just unknown" rc_is 1
if full; then
    pt $P status --plan "$INJ"
    check "so is a plan name" rc_is 1
    pt $P status --lead "$INJ"
    check "a --lead that looks like SQL matches nothing, and says so" \
        sh -c "[ $rc -eq 1 ] && grep -q 'no agency' '$T/err'"
fi
check "the table is still there, with every row" \
    test "$(sql 'SELECT count(*) FROM observations')" -ge "$n"
pt $P log mini/pm25-2025 --format json
check "note and source come back verbatim" python3 -c '
import json, sys
rows = json.load(open(sys.argv[1]))
assert any(r["note"] == sys.argv[2] and r["source"] == "x'"'"' OR '"'"'1'"'"'='"'"'1"
           for r in rows), rows
' "$T/out" "$INJ"
