#!/bin/sh
# Terminal safety: escape sequences and other control characters in plan
# text (indicator, unit, agency names) and in the log (notes, sources,
# authors, hosts, ids of targets no longer planned) never reach the
# terminal raw from the table output or from messages; JSON escapes them as
# \u001b, CSV keeps them inside its fields so an export imports back intact.
. "$(dirname "$0")/../lib/cli.sh"
. "$TOP/tests/lib/reliability.sh"
need python3
fresh_plans
P="--plans $T/plans --as-of 2025-07-01"

# The plan: an OSC title sequence in an indicator, a colour in a unit, a
# screen clear and a C1 CSI in an agency name, a right-to-left override.
python3 - "$T/plans/mini.yaml" <<'EOF'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = s.replace("indicator: 新能源发电装机容量",
              'indicator: "新能源\\e]0;PWNED\\a发电装机容量"', 1)
s = s.replace("unit: 万千瓦", 'unit: "万千瓦\\e[31m"', 1)
s = s.replace("name: 市能源局", 'name: "市能源局\\e[2J\\u009b1m\\u202e"', 1)
s = s.replace("lead: 市能源局", "lead: energy", 1)
open(p, "w", encoding="utf-8").write(s)
EOF

# raw FILE: the file holds ESC, BEL or a C1 control (U+0080-U+009F).
raw() {
    python3 -c '
import re, sys
data = open(sys.argv[1], "rb").read().decode("utf-8", "replace")
sys.exit(0 if re.search("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u202a-\u202e]", data) else 1)
' "$1"
}
clean() { ! raw "$T/out" && ! raw "$T/err"; }

prep --plans "$T/plans" check
check "the plan with control characters is valid" \
    grep -q "no problems" "$T/prep.out"
DB=$PLANTRACK_DB
unset PLANTRACK_DB # nothing recorded yet: the default log, not there
pt $P status
check "status (table) shows the targets" out_has "mini/ne-capacity-2026"
check "status (table): no control character reaches the terminal" clean
check "status (table) shows what was neutralised as U+FFFD" out_has "新能源�]0;PWNED�发电"
full && pt $P status --format json &&
check "status --format json escapes them as \\u001b" \
    sh -c "grep -qF '\\u001b]0;PWNED\\u0007' '$T/out' && grep -qF '\\u001b[2J\\u009b' '$T/out'"
full && check "status --format json stays valid JSON with the text intact" python3 -c '
import json, sys
r = [r for r in json.load(open(sys.argv[1])) if r["target"] == "ne-capacity-2026"][0]
assert r["indicator"] == "新能源\x1b]0;PWNED\x07发电装机容量", r["indicator"]
assert r["lead"] == "市能源局\x1b[2J\x9b1m\u202e", r["lead"]
' "$T/out"
if full; then
    pt $P status --format csv
    check "status --format csv keeps them inside the field" \
        grep -q "$(printf '\033\\[2J')" "$T/out"
fi

export PLANTRACK_DB="$DB"
pt $P add mini/ne-capacity-2026 --value 5000 --date 2025-06-30 \
    --note "$(printf 'note \033]0;PWNED\007 \302\233 end')" \
    --source "$(printf 'src \033[2J\033[H')"
check "add records it" rc_is 0
check "add: the unit from the plan is neutralised in what add prints" clean
if full; then
pt $P add mini/ne-capacity-2026 --value 5000 --unit 吨 --date 2025-06-30
check "a refused add names the plan's unit without its escape" \
    sh -c "grep -q 'does not match' '$T/err' && ! grep -q \"$(printf '\033')\" '$T/err'"
pt $P add mini/ne-capacity-2026 --value "$(printf '5\033]0;PWNED\007')"
check "a refused value is echoed without its escape" \
    sh -c "grep -q -- '--value:' '$T/err' && ! grep -q \"$(printf '\033')\" '$T/err'"
pt $P log "$(printf 'mini/x\033[2J')"
check "an unknown target given on the command line is echoed safely" clean
fi

# Author and host with control characters, and a target not in the plans,
# from another log: each row refused by its line, named without escapes.
{
    echo "uuid,plan,target,date,value,state,unit,source,note,author,host,recorded_at,corrects"
    printf '11111111-1111-4111-8111-111111111111,mini,pm25-2025,2025-06-30,21,,微克/立方米,,,"\033]0;PWNED\007wang","host\033[2J",2025-07-01T00:00:00.000Z,\r\n'
    printf '22222222-2222-4222-8222-222222222222,mini,"gone\033[31m",2025-06-30,1,,,,,li,host,2025-07-01T00:00:00.000Z,\r\n'
} >"$T/field.csv"
pt --plans "$T/plans" import "$T/field.csv"
check "control characters in author or host, and an unplanned target, are refused by line" \
    sh -c "[ $rc -eq 1 ] && grep -q 'field.csv:2: author holds a control character' '$T/err' && grep -q \"field.csv:3: plan 'mini' has no target 'gone\" '$T/err'"
check "the refusal names them without their escapes" clean
pt $P log
check "log (table) shows notes and sources" out_has "PWNED"
check "log (table): no control character reaches the terminal" clean

# On a terminal (a pty), no escape sequence gets through from any output
# format: tables, CSV and JSON alike; a file or a pipe still gets the exact
# data (above).
for args in "$P status" "$P status --format csv" "$P status --format json" \
    "$P log" "$P log --format csv" "$P log --format json" "$P export" \
    "$P export --format json" "log --imports" "verify"; do
    # shellcheck disable=SC2086
    on_tty 200 "$PLANTRACK" $args
    check "on a terminal, '$args' writes no escape sequence" pty_clean
done
on_tty 200 "$PLANTRACK" $P export
check "CSV on a terminal shows them replaced" grep -q 'src �\[2J�\[H' "$T/out"
full || exit 0
pt $P log mini/ne-capacity-2026 --format json
check "log --format json escapes the note" out_has '"note": "note \u001b]0;PWNED\u0007 \u009b end"'
pt $P export
cp "$T/out" "$T/export.csv"
PLANTRACK_DB="$T/copy.db" "$PLANTRACK" --plans "$T/plans" import "$T/export.csv" >/dev/null 2>&1
check "an export with control characters imports back byte for byte" \
    test "$(sql "SELECT group_concat(hex(note) || hex(source) || hex(author) || hex(host) || hex(target), ',') FROM (SELECT * FROM observations ORDER BY uuid)")" = \
    "$(DB="$T/copy.db" sql "SELECT group_concat(hex(note) || hex(source) || hex(author) || hex(host) || hex(target), ',') FROM (SELECT * FROM observations ORDER BY uuid)")"
