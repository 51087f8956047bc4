#!/bin/sh
# plantrack report: the selection as HTML, xlsx and Markdown for a meeting,
# safe with hostile text, reproducible byte for byte. (The browser renders
# the HTML once per check, in tests/browser/.)
. "$(dirname "$0")/../lib/cli.sh"
fresh_plans
P="--plans $T/plans --as-of 2026-03-01"
# openpyxl is Debian's package, for Debian's python.
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
"$PY" -c 'import openpyxl' 2>/dev/null || {
    echo "not ok - $NAME: needs python3-openpyxl, which is not installed (make deps installs it)"
    exit 1
}

# A log with history, a correction and text that tries to be markup.
{
    echo "uuid,plan,target,date,value,state,unit,source,note,author,host,recorded_at,corrects"
    printf '%s\r\n' \
        "11111111-1111-4111-8111-111111111111,mini,ne-capacity-2026,2024-12-31,3000,,万千瓦,能源局年报,,wang,h,2025-01-10T02:00:00.000Z," \
        "11111111-1111-4111-8111-111111111112,mini,ne-capacity-2026,2025-06-30,3500,,万千瓦,能源局半年报,,li,h,2025-07-10T02:00:00.000Z," \
        "11111111-1111-4111-8111-111111111113,mini,pm25-2025,2024-12-31,25,,微克/立方米,监测站,,zhao,h,2025-01-05T02:00:00.000Z," \
        "11111111-1111-4111-8111-111111111114,mini,pm25-2025,2025-12-31,24,,微克/立方米,监测站,,zhao,h,2026-01-20T02:00:00.000Z," \
        "11111111-1111-4111-8111-111111111115,mini,pm25-2025,2025-12-31,23,,微克/立方米,\"<script>alert(1)</script> | *x*\",口径更正,zhao,h,2026-02-01T02:00:00.000Z,11111111-1111-4111-8111-111111111114" \
        "11111111-1111-4111-8111-111111111116,mini,incentive-rules-2025,2025-05-01,,in-progress,,,,sun,h,2025-05-02T02:00:00.000Z,"
} >"$T/log.csv"
pt --plans "$T/plans" import "$T/log.csv"
check "the fixture log imports" rc_is 0

# ---- Markdown ----
pt $P report --format md
check "md goes to standard output" sh -c "[ $rc -eq 0 ] && head -1 '$T/out' | grep -qx '# Target progress report'"
check "md says what it is of" out_has "As of: 2026-03-01"
check "md has the 督办 table: each agency's targets, lights and statuses" \
    sh -c "grep -qF '| Lead agency | Targets | red | yellow | green | none | missed | unreported | no data | on track |' '$T/out' &&
           grep -qF '| 市生态环境局 | 3 | 3 | 0 | 0 | 0 | 2 | 1 | 0 | 0 |' '$T/out'"
check "md lists what needs attention with its id, status and light" \
    out_has '`mini/pm25-2025` — missed (red)'
check "md gives the latest figure, its date and source" \
    out_has "Latest: 23 微克/立方米 (2025-12-31); Source: "
check "md escapes markup from the log" \
    out_has 'Source: \<script\>alert(1)\</script\> \| \*x\*'
cp "$T/out" "$T/first.md"
pt $P report --format md
check "md is reproducible" cmp -s "$T/out" "$T/first.md"
head=$(sed -n 's/^Log head hash: \([0-9a-f]\{64\}\) (6 rows)$/\1/p' "$T/out")
check "md gives the log's head and its rows" test -n "$head"
pt verify --head "$head"
check "a head printed in a report is one verify finds in the chain" \
    sh -c "[ $rc -eq 0 ] && grep -q 'still holds what head' '$T/out'"

pt $P report --format md --since 2025-06-01
check "--since lists a correction with its note and author" \
    sh -c "grep -F 'correction: 23 微克/立方米 (2025-12-31)' '$T/out' |
           grep -F 'Note: 口径更正; recorded 2026-02-01' | grep -q 'by zhao'"
check "--since leaves out what was recorded before it" \
    sh -c "grep -q '3500 万千瓦' '$T/out' && ! grep -q '3000 万千瓦' '$T/out'"
check "--since gives the status changes" sh -c "
    grep -F '\`mini/pm25-2025\` PM2.5' '$T/out' | grep -q ': limited → \*\*missed\*\*'"
pt $P report --format md --since 2026-03-01
check "--since the as-of date: nothing changed" out_has "Nothing changed."

# ---- HTML ----
mkdir -p "$T/here"
(cd "$T/here" && "$PLANTRACK" $P report >"$T/out" 2>"$T/err")
rc=$?
HTML="$T/here/plantrack-2026-03-01.html"
check "html is the default, in a dated file here" test -s "$HTML"
check "and says where it went" out_has "plantrack-2026-03-01.html: 5 target(s), 3 need attention"
check "html is one self-contained file: no script, no link out" sh -c "
    ! grep -Eiq '<script|<link|<img|@import|url\(|https?://[^\"]*\"' '$HTML' ||
    grep -Eio '<script|<link|<img|@import|url\(|https?://[^ ]*' '$HTML' |
        grep -v 'http://www.w3.org/2000/svg' | grep -q . && exit 1; exit 0"
check "html escapes text from the log" \
    sh -c "grep -qF '&lt;script&gt;alert(1)&lt;/script&gt; | *x*' '$HTML' &&
           ! grep -q 'alert(1)</script>' '$HTML'"
check "html draws a chart of the history" grep -q '<polyline class="obs"' "$HTML"
check "html names the Chinese fonts that exist on desktops and Debian" \
    sh -c "grep -q 'Noto Sans CJK SC' '$HTML' && grep -q 'Microsoft YaHei' '$HTML'"
check "html prints on A4" grep -q '@page{size:A4' "$HTML"
cp "$HTML" "$T/first.html"
(cd "$T/here" && "$PLANTRACK" $P report >/dev/null 2>&1)
check "html is reproducible" cmp -s "$HTML" "$T/first.html"
pt $P report -o "$T/r.htm" --lead 市能源局
check "-o names the file; its extension the format" \
    sh -c "[ $rc -eq 0 ] && grep -q '<!DOCTYPE html>' '$T/r.htm'"

LANGUAGE=zh_CN pt $P report -o "$T/zh.html"
check "in Chinese the page says it is Chinese" grep -q '<html lang="zh-CN">' "$T/zh.html"
check "and its headings are Chinese" \
    sh -c "grep -q '目标任务进展情况报告' '$T/zh.html' && grep -q '按牵头单位汇总' '$T/zh.html'"
check "with no English heading left" \
    sh -c "! grep -Eq 'Summary by|Need attention|Latest figure|Target progress' '$T/zh.html'"

# ---- xlsx ----
pt $P report --format xlsx -o "$T/r.xlsx" --since 2025-06-01
check "xlsx is written" sh -c "[ $rc -eq 0 ] && test -s '$T/r.xlsx'"
cp "$T/r.xlsx" "$T/first.xlsx"
pt $P report --format xlsx -o "$T/r.xlsx" --since 2025-06-01
check "xlsx is reproducible" cmp -s "$T/r.xlsx" "$T/first.xlsx"
check "xlsx reads back: sheets, rows, types, frozen header, filter" "$PY" -c '
import datetime, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
assert wb.sheetnames == ["Summary", "Targets", "Changes"], wb.sheetnames
t = wb["Targets"]
head = [c.value for c in t[1]]
assert t.max_row == 1 + 5, t.max_row
assert t.freeze_panes == "A2" and t.auto_filter.ref.startswith("A1:"), \
    (t.freeze_panes, t.auto_filter.ref)
rows = {r[0]: dict(zip(head, r)) for r in t.iter_rows(min_row=2, values_only=True)}
pm = rows["mini/pm25-2025"]
assert pm["Latest figure"] == 23 and isinstance(pm["Latest figure"], (int, float)), pm
assert pm["Latest date"] == datetime.datetime(2025, 12, 31), pm["Latest date"]
assert pm["Year"] == 2025 and pm["Target value"] == 22, pm
assert pm["Status code"] == "missed" and pm["Light"] == "red", pm
assert pm["Source"] == "<script>alert(1)</script> | *x*", pm
assert rows["mini/incentive-rules-2025"]["Latest figure"] == "in progress"
# The lights are cell colours (Bad, Neutral, Good in Excel).
col = head.index("Light") + 1
for r in range(2, t.max_row + 1):
    v = t.cell(r, col).value
    rgb = t.cell(r, col).fill.fgColor.rgb
    want = {"red": "FFFFC7CE", "yellow": "FFFFEB9C", "green": "FFC6EFCE"}.get(v)
    assert (rgb == want) if want else (t.cell(r, col).fill.fill_type is None), (v, rgb)
assert t.cell(2 + list(rows).index("mini/ne-capacity-2026"), col).value == "green"
s = wb["Summary"]
srows = list(s.iter_rows())
shead = [c.value for c in srows[5]]
assert shead[:6] == ["Lead agency", "Targets", "red", "yellow", "green", "none"], shead
eco = [r for r in srows if r[0].value == "市生态环境局"][0]
assert eco[2].value == 3 and eco[2].fill.fgColor.rgb == "FFFFC7CE", eco[2].fill.fgColor.rgb
assert eco[3].value == 0 and eco[3].fill.fill_type is None
energy = [r for r in srows if r[0].value == "市能源局"][0]
assert energy[4].value == 1 and energy[4].fill.fgColor.rgb == "FFC6EFCE"
ne = rows["mini/ne-capacity-2026"]
assert ne["Source"] == "能源局半年报" and ne["Latest figure"] == 3500, ne
# A column of Chinese text is as wide as its widest cell (2 per character).
col = openpyxl.utils.get_column_letter(head.index("Indicator") + 1)
assert t.column_dimensions[col].width >= 2 * len("PM2.5年均浓度控制在较低水平并持续改善的长期目标指标") - 8, \
    t.column_dimensions[col].width
s = wb["Summary"]
labels = [r[0] for r in s.iter_rows(values_only=True)]
assert "市生态环境局" in labels and "Total" in labels, labels
c = wb["Changes"]
kinds = [r[2] for r in c.iter_rows(min_row=2, values_only=True)]
assert "correction" in kinds and any(k.startswith("status ") for k in kinds), kinds
' "$T/r.xlsx"
LANGUAGE=zh_CN pt $P report -o "$T/zh.xlsx"
check "in Chinese the sheets and headers are Chinese" "$PY" -c '
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
assert wb.sheetnames == ["汇总", "目标"], wb.sheetnames
head = [c.value for c in wb["目标"][1]]
assert "指标" in head and "牵头单位" in head and "最新数据" in head, head
' "$T/zh.xlsx"

# ---- what is refused ----
pt $P report --format table
check "report refuses a status format" \
    sh -c "[ $rc -eq 1 ] && grep -q 'report --format must be html, xlsx or md' '$T/err'"
pt $P status --format html
check "status refuses a report format" \
    sh -c "[ $rc -eq 1 ] && grep -q -- '--format html is for report' '$T/err'"
pt $P report --format xlsx -o -
check "a workbook does not go to standard output" \
    sh -c "[ $rc -eq 1 ] && grep -q 'give -o FILE.xlsx' '$T/err'"
pt $P report --since 2026-06-01
check "--since after the as-of date is refused" \
    err_has "--since 2026-06-01 is after the as-of date 2026-03-01"
pt $P report --lead 市财政局
check "an agency no plan has is refused" err_has "no agency '市财政局' in the plans"
pt $P report -o "$T/no/such/dir/r.html"
check "an unwritable place is an error of the system" \
    sh -c "[ $rc -eq 2 ] && grep -q 'cannot write $T/no/such/dir/r.html' '$T/err'"
# A disk that fills up halfway (a file size limit): the write fails, the
# report already there is kept whole and no temporary file is left.
cp "$HTML" "$T/before.html"
(cd "$T/here" && trap '' XFSZ && ulimit -f 2 &&
    "$PLANTRACK" $P report -o plantrack-2026-03-01.html >"$T/out" 2>"$T/err")
rc=$?
check "a failed write leaves the previous report as it was" \
    sh -c "[ $rc -eq 2 ] && cmp -s '$HTML' '$T/before.html' &&
           [ \$(ls '$T/here' | wc -l) -eq 1 ] && grep -q 'cannot write' '$T/err'"
