#!/bin/sh
# The HTML report as a person sees it: headless Chromium renders it, prints
# it on A4 and takes a screenshot, with no console error and no network
# request. One browser for all of it, once per check (tests/run-all runs
# this directory with the plain binary only). PLANTRACK_KEEP_RENDER=DIR
# keeps the PDFs and PNGs to look at.
. "$(dirname "$0")/../lib/cli.sh"
P="--plans $TOP/plans --as-of 2026-03-01"
R="$T/render"
mkdir -p "$R"

need chromium pdfinfo pdftotext python3

pt --plans "$TOP/plans" import "$FIX/meeting.csv"
check "the meeting's log imports" rc_is 0
# The meeting of issue 14: one agency's 2025 targets across the five plans.
LANGUAGE=zh_CN pt $P report --format html --year 2025 --lead 市生态环境局 \
    -o "$T/meeting.html"
check "the report of 市生态环境局's 2025 targets is written" rc_is 0
# The meeting of the five shipped plans on their 2025 targets: an agency
# a page.
LANGUAGE=zh_CN pt $P report --year 2025 -o "$T/five.html"
check "the report of the five plans' 2025 targets is written" rc_is 0
# A page that does what a report must not, to show the checks can fail.
cat >"$T/control.html" <<'EOF'
<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>x</title>
</head><body><h1>对照页</h1><img src="http://example.invalid/x.png">
<script>console.error("boom")</script></body></html>
EOF

python3 "$TOP/tests/browser/render.py" "$R" "$T/control.html" \
    "$T/meeting.html" "$T/five.html" >"$T/render.json" 2>"$T/err"
rc=$?
check "chromium renders the three pages" \
    sh -c "[ $rc -eq 0 ] && [ \$(wc -l <'$T/render.json') -eq 3 ]"
[ -n "${PLANTRACK_KEEP_RENDER:-}" ] &&
    cp "$R"/* "$T"/*.html "$PLANTRACK_KEEP_RENDER"/

# field N KEY: a field of the Nth page's result, as JSON.
field() {
    python3 -c 'import json, sys
r = [json.loads(l) for l in open(sys.argv[1])][int(sys.argv[2]) - 1]
print(json.dumps(r[sys.argv[3]], ensure_ascii=False))' "$T/render.json" "$1" "$2"
}
field 1 requests >"$T/f"
check "the harness sees a page's network request" grep -q example.invalid "$T/f"
field 1 messages >"$T/f"
check "and its console error" grep -q console.error "$T/f"

for n in 2 3; do
    name=$(sed -n "${n}p" "$T/render.json" | python3 -c \
        'import json, sys, os; print(os.path.basename(json.load(sys.stdin)["file"]))')
    field $n requests >"$T/f"
    check "$name: no network request" grep -qx '\[\]' "$T/f"
    field $n messages >"$T/f"
    check "$name: no console message, exception or error" grep -qx '\[\]' "$T/f"
    field $n fonts >"$T/f"
    check "$name: its Chinese heading is drawn by a Chinese font, not boxes" \
        grep -Eq 'WenQuanYi|Noto Sans CJK|Source Han|Droid Sans Fallback' "$T/f"
    check "$name: the screenshot is not blank" python3 -c "
import json, sys
r = [json.loads(l) for l in open('$T/render.json')][$n - 1]
assert r['ink'] > 0.03, r['ink']
assert r['red'] > 0.0005, r['red']  # what needs attention stands out
"
    check "$name: the PDF is A4" \
        sh -c "pdfinfo '$R/$n.pdf' | grep -Eq '^Page size: +59[45](\.[0-9]+)? x 84[12](\.[0-9]+)? pts \(A4\)'"
done

# pages PDF: the number of pages; first_lines PDF: the first line of text
# of each page.
pages() { pdfinfo "$1" | sed -n 's/^Pages: *//p'; }
first_lines() {
    n=$(pages "$1")
    i=1
    while [ "$i" -le "$n" ]; do
        pdftotext -f "$i" -l "$i" "$1" - | grep -v '^[[:space:]]*$' | head -n 1
        i=$((i + 1))
    done
}

first_lines "$R/2.pdf" >"$T/meeting.first"
check "the meeting report opens with its title" \
    sh -c "head -n 1 '$T/meeting.first' | grep -q 'plantrack · 督办会议材料'"
check "市生态环境局's page starts a page of its own" \
    sh -c "grep -qx '市生态环境局' '$T/meeting.first'"
check "the targets apart start a page of their own" \
    sh -c "grep -q '^待上级下达的目标与征求意见稿方案' '$T/meeting.first'"
pdftotext "$R/2.pdf" "$T/meeting.txt"
check "the report has the 督办 table of the agency" \
    sh -c "grep -q '按牵头单位汇总' '$T/meeting.txt'"
check "and its charts (one per numeric target that needs attention)" \
    sh -c "[ \$(grep -c '<svg' '$T/meeting.html') -ge 4 ]"
check "a chart places each figure at its date and height" python3 -c '
import datetime, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
svg = text.split("<title>减污降碳协同增效标杆企业或标杆项目数量</title>")[1]
pts = re.search(r"<polyline class=\"obs\" points=\"([^\"]*)\"", svg).group(1)
xy = [tuple(map(float, p.split(","))) for p in pts.split()]
# 2, 4, 6, 8 on 2024-06-30, 2024-12-31, 2025-06-30, 2025-12-31
days = [(datetime.date(*d) - datetime.date(2024, 6, 30)).days for d in
        ((2024, 6, 30), (2024, 12, 31), (2025, 6, 30), (2025, 12, 31))]
assert len(xy) == 4, xy
for (x, y), d in zip(xy, days):
    want = xy[0][0] + (xy[-1][0] - xy[0][0]) * d / days[-1]
    assert abs(x - want) <= 3, (xy, days)
rise = [xy[i][1] - xy[i + 1][1] for i in range(3)]
assert min(rise) > 0 and max(rise) - min(rise) <= 3, xy  # even steps up
' "$T/meeting.html"
check "what needs attention is there with its figure, source and lead" \
    sh -c "grep -q 'ordos/benchmarks-2025' '$T/meeting.txt' &&
           grep -q '市生态环境局年报' '$T/meeting.txt'"

# Every agency's section begins a page: its heading is a page's first line.
grep -o '<section class="agency">' "$T/five.html" | wc -l >"$T/n_agencies"
python3 -c '
import html, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
for h in re.findall(r"<section class=\"agency\">\n<h2>(.*?)</h2>", text):
    print(html.unescape(h))' "$T/five.html" >"$T/agencies"
first_lines "$R/3.pdf" >"$T/five.first"
pages "$R/3.pdf" >"$T/n_pages"
check "the five plans' report has an agency a page" sh -c "
    [ \$(cat '$T/n_agencies') -ge 5 ] &&
    [ \$(cat '$T/n_pages') -ge \$((\$(cat '$T/n_agencies') + 1)) ] &&
    while read -r a; do grep -qxF \"\$a\" '$T/five.first' || exit 1; done <'$T/agencies'"
# On A4 the counts give the agencies' names room: a name of eleven
# characters and its city stays on one line, not a word a line.
pdftotext -f 1 -l 2 "$R/3.pdf" "$T/five.summary"
check "on paper the 督办 table keeps an agency's name on one line" \
    sh -c "grep -qx '湖州 市发展和改革委员会' '$T/five.summary' &&
           grep -qx '鄂尔多斯 市生态环境局' '$T/five.summary'"
