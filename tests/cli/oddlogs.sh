#!/bin/sh
# Odd logs fail loudly and safely: a log that is not a regular file, a
# schema version out of range, a damaged page, a value outside the
# schema's ranges, a link planted as its -shm, a full disk: each is refused
# with a message and exit 2, never read in part; a huge record number does
# not break the readers.
. "$(dirname "$0")/../lib/cli.sh"
. "$TOP/tests/lib/reliability.sh"
fresh_plans
P="--plans $T/plans --as-of 2025-07-01"

# exit2 DESCRIPTION: the last run exited 2 and said something.
exit2() { check "$1" sh -c "[ $rc -eq 2 ] && [ -s '$T/err' ]"; }

need timeout mkfifo python3
mkfifo "$T/fifo.db"
# (a guard against a hang that the fix removed; the test never waits on it)
timeout 60 "$PLANTRACK" $P --db "$T/fifo.db" status >"$T/out" 2>"$T/err"
rc=$?
exit2 "a FIFO as log is refused at once"
check "saying it is not a regular file" err_has "not a regular file"
if [ "$(id -u)" = 0 ]; then
    mknod "$T/dev.db" c 1 3
    pt $P --db "$T/dev.db" add mini/pm25-2025 --value 1 --date 2025-06-30
    exit2 "a character device as log is refused"
    check "and gets no -journal beside it" test ! -e "$T/dev.db-journal"
else
    skip "a character device as log is refused" "mknod needs root"
fi

prep $P add mini/pm25-2025 --value 25 --date 2024-12-31
prep $P add mini/pm25-2025 --value 24 --date 2025-06-30
cp "$PLANTRACK_DB" "$T/good.db"

sql "PRAGMA user_version = -1"
pt $P status
exit2 "a schema version of -1 is refused"
check "as out of range" err_has "schema version -1 is out of range"
sql "PRAGMA user_version = 5"

ln -sf /dev/null "$PLANTRACK_DB-shm"
pt $P status
exit2 "a link planted as the log's -shm is refused"
check "naming it" err_has "progress.db-shm is not a regular file"
rm -f "$PLANTRACK_DB-shm"

# A value outside the schema's ranges, written behind plantrack's back.
sql "DROP TRIGGER observations_no_update; UPDATE observations SET value = 9e999 WHERE seq = 2"
pt $P status
exit2 "a value outside the log's ranges is refused, not shown"
check "naming its row" err_has "row 2 holds a value outside the log's ranges"
cp "$T/good.db" "$PLANTRACK_DB"

# A record number of 4e18: readers go on.
sql "DROP TRIGGER observations_chain; INSERT INTO observations (seq, uuid, plan, target, date, value, author, host, recorded_at, corrects) SELECT 4000000000000000000, 'bbbbbbbb-0000-4000-8000-000000000000', plan, target, '2025-06-30', 23, 'x', 'x', '2025-07-01T00:00:00Z', uuid FROM observations WHERE seq = 2"
pt $P status --format json
check "a record number of 4e18 does not break status" python3 -c '
import json, sys
r = [r for r in json.load(open(sys.argv[1])) if r["target"] == "pm25-2025"][0]
assert r["latest_value"] == 23, r
' "$T/out"
pt $P log mini/pm25-2025
check "nor log" sh -c "[ $rc -eq 0 ] && grep -q '3 observation(s)' '$T/out'"
cp "$T/good.db" "$PLANTRACK_DB"

# A damaged page: refused whole, never read in part.
python3 - "$PLANTRACK_DB" <<'PY'
import sys
f = open(sys.argv[1], "r+b")
size = int.from_bytes(f.read(18)[16:18], "big")
f.seek(size)               # page 2: the observations table's root
f.write(b"\xff" * 16)      # no page type, no cell count SQLite could read
PY
pt $P status
exit2 "a log with a damaged page is refused"
check "as damaged" err_has "damaged"
pt $P export
exit2 "export of it too"

cp "$T/good.db" "$PLANTRACK_DB"
"$PLANTRACK" $P export >/dev/full 2>"$T/err"
rc=$?
exit2 "export onto a full disk says so"
check "with the reason" err_has "No space left on device"
