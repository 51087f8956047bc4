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
check "keeping status, year, indicator, target and latest on a line" \
    sh -c "grep -q '^STATUS *YEAR  INDICATOR  *TARGET  *LATEST\$' '$T/out'"
check "and the whole PLAN/TARGET id with the lead on the line under it" \
    sh -c "grep -q '^  PLAN/TARGET  *LEAD\$' '$T/out' &&
           for id in ne-capacity-2026 co2-intensity-2026 pm25-2025 \
                     incentive-rules-2025 nox-cut-2024; do
               grep -q \"^  mini/\$id  \" '$T/out' || exit 1
           done &&
           grep -q '^  mini/ne-capacity-2026  *市能源局\$' '$T/out'"
check "leaving out the date" sh -c "! grep -q 'DATE' '$T/out'"
LANGUAGE=zh_CN on_tty 80 "$PLANTRACK" $P status
check "in Chinese too the table fits 80 columns" fits_in 80
check "with the whole id and the lead under each target" \
    sh -c "grep -q '^  mini/pm25-2025  *市生态环境局\$' '$T/out'"
on_tty 200 "$PLANTRACK" $P status
check "a wide terminal shows every column" out_has "LATEST  DATE        LEAD"
on_tty 80 "$PLANTRACK" $P log
check "the log fits 80 columns too" fits_in 80

# status --by: counts per group, the 督办 lights first, at 80 columns in
# both languages, on the five shipped plans (long agency names).
S="--plans $TOP/plans --as-of 2026-03-01"
export PLANTRACK_DB="$T/meeting.db"
pt --plans "$TOP/plans" import "$FIX/meeting.csv"
# aligned_blocks: in every block of $T/out (blank-line separated, the last
# line left out), each count ends under the end of its header.
aligned_blocks() {
    python3 -c '
import re, sys, unicodedata
def w(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
text = [l for l in open(sys.argv[1], encoding="utf-8").read().split("\n")
        if "as of 20" not in l and not l.startswith("截至")]
blocks, cur = [], []
for line in text:
    if line.strip():
        cur.append(line)
    elif cur:
        blocks.append(cur); cur = []
if cur:
    blocks.append(cur)
assert len(blocks) >= 2, blocks
for b in blocks:
    head = b[0]
    # header cells are separated by two or more spaces
    cells = [(m.start(), m.end()) for m in re.finditer(r"\S+(?: \S+)*", head)]
    ends = [w(head[:e]) for s, e in cells[1:]]
    for line in b[1:]:
        for e in ends:
            prefix = ""
            acc = 0
            for ch in line:
                if acc >= e:
                    break
                prefix += ch
                acc += w(ch)
            assert acc == e and prefix[-1].isdigit(), (line, e)
            rest = line[len(prefix):]
            assert rest == "" or rest[0] == " ", (line, e)
' "$T/out"
}
on_tty 80 "$PLANTRACK" $S status --by lead --year 2025
check "status --by lead fits 80 columns" fits_in 80
check "its counts stand under their headers, block by block" aligned_blocks
check "the first block is the 督办 table: targets and lights" \
    sh -c "grep -q '^LEAD  *TARGETS  red  yellow  green  none\$' '$T/out'"
check "an agency is an agency of a plan, named in full" \
    sh -c "grep -q '^鄂尔多斯 市生态环境局 ' '$T/out' &&
           grep -q '^长治 长治市减污降碳协同创新试点工作领导小组 ' '$T/out'"
check "and named alike in every block, never cut" \
    sh -c "[ \$(grep -c '^长治 长治市减污降碳协同创新试点工作领导小组  ' '$T/out') -eq 3 ] &&
           ! grep -q '[~…]' '$T/out'"
check "and the footer says what was not counted" \
    out_has "70 target(s) as of 2026-03-01; not counted: 13 deferred, 26 of draft plans"
LANGUAGE=zh_CN on_tty 80 "$PLANTRACK" $S status --by lead --year 2025
check "in Chinese it fits 80 columns too" fits_in 80
check "aligned by display width" aligned_blocks
check "with Chinese headers" \
    sh -c "grep -q '^牵头单位  *目标数  红灯  黄灯  绿灯  无灯\$' '$T/out'"
pt $S status --by lead --year 2025
check "piped, --by is one table with every column" \
    sh -c "grep -q '^LEAD .*TARGETS  red  yellow  green  none  missed .*met\$' '$T/out'"
pt $S status --by plan --format json
check "--by as JSON: every light and status of each group" python3 -c '
import json, sys
rows = {r["plan"]: r for r in json.load(open(sys.argv[1]))}
o = rows["ordos"]
assert o["group"] == "鄂尔多斯", o
assert o["targets"] == o["red"] + o["yellow"] + o["green"] + o["none"], o
assert o["targets"] == sum(o[k] for k in ("missed", "unreported", "deterioration",
    "limited", "needs-acceleration", "no-data", "not-started", "in-progress",
    "on-track", "met-late", "met", "done")), o
assert "liupanshui" not in rows  # a draft plan is not counted
' "$T/out"
pt $S status --by year --format csv
check "--by year as CSV" sh -c "head -1 '$T/out' | grep -q '^group,plan,targets,red,yellow,green,none,missed,' &&
                               grep -q '^2025年*,,70,' '$T/out'"
pt $S status --by agency
check "--by takes lead, plan or year" \
    sh -c "[ $rc -eq 1 ] && grep -q -- '--by must be lead, plan or year' '$T/err'"
