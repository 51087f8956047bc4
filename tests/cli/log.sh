#!/bin/sh
# plantrack log, export and import: history, orphans, merging field logs.
. "$(dirname "$0")/../lib/cli.sh"
fresh_plans
P="--plans $T/plans"

pt $P add mini/pm25-2025 --value 25 --date 2024-12-31 --note "'); DROP TABLE observations;--"
pt $P add mini/pm25-2025 --value 24 --date 2025-06-30 --source "$(printf 'evil\033]0;title\007 source')"
pt $P log mini/pm25-2025
check "log shows the history newest first" sh -c "grep -n 2025-06-30 '$T/out' | grep -q '^2:'"
check "notes that look like SQL come back verbatim" out_has "'); DROP TABLE observations;--"
check "escape sequences from the log never reach the terminal" sh -c "! grep -q \"$(printf '\033')\" '$T/out'"
pt $P log mini/pm25-2025 --format json
check "json escapes control characters" out_has '\u001b]0;title\u0007'

pt $P export
check "export writes a CSV with a header" sh -c "head -1 '$T/out' | grep -q '^uuid,plan,target,date,value,state'"
cp "$T/out" "$T/export.csv"
mv "$PLANTRACK_DB" "$T/field.db"
rm -f "$T/field.db-wal" "$T/field.db-shm"
pt $P import "$T/export.csv"
check "an export imports into an empty log" out_has "imported 2 new observation(s)"
pt $P import "$T/export.csv"
check "importing again adds nothing: each row is a duplicate" \
    sh -c "grep -q 'imported 0 new observation(s)' '$T/out' && grep -q '2 duplicate(s)' '$T/out'"
pt $P add mini/nox-cut-2024 --value 120 --date 2024-06-30
pt $P import "$T/field.db"
check "a field laptop's log merges by id" \
    sh -c "grep -q 'imported 0 new observation(s)' '$T/out' && grep -q '2 duplicate(s)' '$T/out'"
check "the merged log has every observation once" test "$(log_rows)" -eq 3

printf 'uuid,plan\n1,2\n' >"$T/bad.csv"
pt $P import "$T/bad.csv"
check "a foreign CSV is refused" err_has "not a plantrack export"
sed '3s/,2025-06-30,/,2025-02-30,/; 3s/^[0-9a-f]\{8\}/aaaaaaaa/' "$T/export.csv" >"$T/bad2.csv"
pt $P import "$T/bad2.csv"
check "a bad row refuses the whole import, naming its line" \
    sh -c "grep -q \"bad2.csv:3: date '2025-02-30' is not a date\" '$T/err' && grep -q 'nothing was imported' '$T/err'"
check "nothing of a refused import reached the log" test "$(log_rows)" -eq 3

# A target removed from the plans: its observations are kept and reported.
sed -i 's/^  - id: nox-cut-2024$/  - id: nox-cut-2024-renamed/' "$T/plans/mini.yaml"
pt $P status
check "status reports observations of a target no longer in the plans" err_has "observation(s) for mini/nox-cut-2024, a target not in the plans, are kept"
pt $P log mini/nox-cut-2024
check "and log still shows them" sh -c "[ $rc -eq 0 ] && grep -q 120 '$T/out'"

# The table shows when a figure was recorded on the officials' clock (TZ);
# CSV and JSON keep the UTC time as stored.
{
    echo "uuid,plan,target,date,value,state,unit,source,note,author,host,recorded_at,corrects"
    printf '33333333-3333-4333-8333-333333333333,mini,pm25-2025,2025-06-30,21,,微克/立方米,,,wang,host,2025-07-01T20:30:00.000Z,\r\n'
} >"$T/clock.csv"
pt $P import "$T/clock.csv"
check "a row recorded on another machine imports" rc_is 0
TZ=CST-8 pt $P log mini/pm25-2025
check "the table gives the recorded time in local time (UTC+8)" \
    out_has "2025-07-02 04:30  33333333"
TZ=CST-8 pt $P log mini/pm25-2025 --format csv
check "CSV keeps it in UTC" out_has "2025-07-01T20:30:00.000Z"
