#!/bin/sh
# plantrack status: filters, formats, and the figures from the log.
. "$(dirname "$0")/../lib/cli.sh"
need python3
fresh_plans
P="--plans $T/plans --as-of 2025-07-01"

pt $P status --format json
check "a log named by PLANTRACK_DB that does not exist is an error (exit 2)" \
    sh -c "[ $rc -eq 2 ] && grep -q 'no log at $PLANTRACK_DB (named by PLANTRACK_DB)' '$T/err'"
check "and creates no log" test ! -e "$PLANTRACK_DB"
pt $P --db "$T/typo.db" status
check "so is one named by --db, naming it" \
    sh -c "[ $rc -eq 2 ] && grep -q 'no log at $T/typo.db (named by --db)' '$T/err'"
check "and creates nothing" test ! -e "$T/typo.db"
pt $P --db "$T/typo.db" log
check "log and export refuse it too" rc_is 2
pt $P --db "$T/typo.db" export
check "log and export refuse it too (export)" rc_is 2
DB=$PLANTRACK_DB
unset PLANTRACK_DB # a new user's default log, not there yet
pt $P status --format json
check "status works before anything is recorded" rc_is 0
check "and creates no default log either" test ! -e "$XDG_DATA_HOME/plantrack"
export PLANTRACK_DB="$DB"
check "json is one array with the documented keys" python3 -c '
import json, sys
rows = json.load(open(sys.argv[1]))
keys = {"plan", "target", "year", "indicator", "comparator", "value", "unit",
        "baseline_year", "lead", "support", "status", "latest_value",
        "latest_date", "observations"}
assert isinstance(rows, list) and len(rows) == 5, len(rows)
assert all(keys <= set(r) for r in rows)
r = [r for r in rows if r["target"] == "ne-capacity-2026"][0]
assert r["lead"] == "市能源局" and r["support"] == ["市生态环境局"], r
assert r["status"] == "no-data" and r["latest_value"] is None
' "$T/out"

pt $P add mini/ne-capacity-2026 --value 3000 --date 2024-12-31
pt $P add mini/ne-capacity-2026 --value 4000 --date 2025-06-30 --source 年报
check "add succeeds" rc_is 0
pt $P status --format json
check "the new observation is the latest value and moves the status" python3 -c '
import json, sys
r = [r for r in json.load(open(sys.argv[1])) if r["target"] == "ne-capacity-2026"][0]
assert r["latest_value"] == 4000 and r["latest_date"] == "2025-06-30", r
assert r["observations"] == 2 and r["status"] == "on-track", r
assert r["method"] == "cagr" and r["why"].startswith("R = "), r
' "$T/out"

pt $P status --year 2025
check "--year keeps only that milestone year" sh -c "! grep -q ' 2026 ' '$T/out' && grep -q 'mini/pm25-2025' '$T/out'"
pt $P status --lead 市生态环境局 --format csv
check "--lead filters by lead agency name" sh -c "grep -q pm25-2025 '$T/out' && ! grep -q ne-capacity '$T/out'"
pt $P status --lead eco --format csv
check "--lead accepts the agency id" out_has "nox-cut-2024"
pt $P status --status on-track,missed --format csv
check "--status takes a list" sh -c "grep -q ne-capacity-2026 '$T/out' && ! grep -q incentive-rules '$T/out'"
pt $P status --status ontrack
check "an unknown status is refused" rc_is 1
pt $P status --plan nope
check "an unknown plan is refused" err_has "no plan 'nope'"

pt status --format csv $P --year 2026
check "global options work after the subcommand" out_has "ne-capacity-2026"
check "csv has a header row" sh -c "head -1 '$T/out' | grep -q '^plan,target,year,indicator'"

pt $P --as-of 2027-07-01 status --format json
check "a figure due and not recorded is unreported, never missed" python3 -c '
import json, sys
r = {r["target"]: r for r in json.load(open(sys.argv[1]))}
assert r["ne-capacity-2026"]["status"] == "unreported", r["ne-capacity-2026"]
assert r["ne-capacity-2026"]["light"] == "red"
assert r["incentive-rules-2025"]["status"] == "unreported"
' "$T/out"
pt $P --as-of 2027-07-01 status --status overdue --format csv
check "--status overdue, retired, still means missed and unreported" \
    sh -c "grep -q ne-capacity-2026 '$T/out' && grep -q incentive-rules '$T/out'"

pt $P status
check "the table ends with the counts by status" out_has "5 target(s) as of 2025-07-01:"
check "the table aligns Chinese text by display width" column_aligned "TARGET"

COLUMNS=60 pt $P status
check "without a terminal the table is not truncated" out_has "PM2.5年均浓度控制在较低水平并持续改善的长期目标指标"

# fits_in COLS: every line of $T/out is at most COLS display cells.
fits_in() {
    python3 -c '
import sys, unicodedata
cols = int(sys.argv[2])
for line in open(sys.argv[1], encoding="utf-8").read().splitlines():
    w = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
    assert w <= cols, (w, line)
' "$T/out" "$1"
}
on_tty 80 "$PLANTRACK" $P status
check "on an 80-column terminal the table fits, never wraps" fits_in 80
check "keeping status, year, target id, indicator, target and latest" \
    sh -c "grep '^STATUS' '$T/out' |
        grep -q '^STATUS *YEAR  PLAN/TARGET  *INDICATOR  *TARGET  *LATEST\$'"
check "leaving out the date and the lead" sh -c "! grep -q 'DATE\|LEAD' '$T/out'"
on_tty 200 "$PLANTRACK" $P status
check "a wide terminal shows every column" out_has "LATEST  DATE        LEAD"
on_tty 80 "$PLANTRACK" $P log
check "the log fits 80 columns too" fits_in 80
