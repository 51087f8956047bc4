#!/bin/sh
# plantrack add / correct: what is accepted, normalised, refused; refused
# entries never touch the log.
. "$(dirname "$0")/../lib/cli.sh"
need strace python3
fresh_plans
P="--plans $T/plans"

pt $P add mini/ne-capacity-2026 --value ５，０００ --date 2025-06-30
check "full-width digits and separators are accepted" rc_is 0
check "and recorded as a plain number" out_has "= 5000 万千瓦 as of 2025-06-30"
pt $P add mini/ne-capacity-2026 --value "4 800万千瓦" --date 2025-03-31
check "a value may carry the target's own unit" rc_is 0
pt $P add mini/ne-capacity-2026 --value -0 --date 2025-01-01 --confirm
check "-0 is accepted" out_has "= 0 万千瓦"
pt $P add mini/co2-intensity-2026 --value "12.5%" --date 2024-12-31
check "a percentage keeps its unit, the fall said in words" \
    out_has "= fall 12.5% as of"

rows=$(log_rows)
for bad in NaN inf 1e999 "" "5千" "5,00" "abc" "5000吨"; do
    pt $P add mini/ne-capacity-2026 --value "$bad" --date 2025-06-30
    check "value '$bad' is refused with exit 1" rc_is 1
    check "value '$bad' is refused naming the field" err_has "--value:"
done
for bad in 2025-02-30 2099-01-01 "next week" 1999-12-31; do
    pt $P add mini/ne-capacity-2026 --value 1 --date "$bad"
    check "date '$bad' is refused naming the field" err_has "--date:"
done
pt $P add mini/ne-capacity-2026 --value 1 --unit 吨
check "a unit that does not match is refused" err_has "does not match the target's unit '万千瓦'"
check "nothing refused reached the log" test "$(log_rows)" -eq "$rows"

pt $P add mini/incentive-rules-2025 --value 进行中 --date 2025-03-01
check "a qualitative target takes a state, also in Chinese" out_has "= in-progress"
pt $P add mini/incentive-rules-2025 --value 5
check "a number for a qualitative target is refused" err_has "not a state"

pt $P add mini/ne-capacity-2025 --value 1
check "an unknown target is refused with a suggestion" err_has "did you mean 'ne-capacity-2026'"
pt $P add --value 1
check "add without a target explains itself" err_has "add needs one PLAN/TARGET"
pt $P add mini/ne-capacity-2026
check "add without a value explains itself" err_has "--value is required"

pt $P add mini/ne-capacity-2026 --value 50000 --date 2025-07-01
check "a value ten times the last one is refused without --confirm" \
    sh -c "[ $rc -eq 1 ] && grep -q 'ten times or more away from the last figure, 5000 (2025-06-30)' '$T/err' && grep -q -- '--confirm' '$T/err'"
pt $P add mini/ne-capacity-2026 --value 50000 --date 2025-07-01 --confirm
check "and recorded with --confirm" rc_is 0
id=$(sed -n 's/^recorded \([0-9a-f-]*\) .*/\1/p' "$T/out")
pt $P correct "$id" --value 5100
check "a correction needs a reason" err_has "give the reason for the correction"
pt $P correct "$(echo "$id" | cut -c1-8)" --value 5100 --note "typo: one zero too many"
check "a correction by short id is recorded" rc_is 0
pt $P log mini/ne-capacity-2026 --format json
check "the corrected value stays in the history, marked" python3 -c '
import json, sys
rows = json.load(open(sys.argv[1]))
old = [r for r in rows if r["value"] == 50000][0]
new = [r for r in rows if r["value"] == 5100][0]
assert old["superseded"] and new["corrects"] == old["uuid"], rows
assert new["date"] == old["date"] == "2025-07-01"
assert new["note"] == "typo: one zero too many"
' "$T/out"
pt $P status --format json --as-of 2025-07-02
check "status uses the corrected value" python3 -c '
import json, sys
r = [r for r in json.load(open(sys.argv[1])) if r["target"] == "ne-capacity-2026"][0]
assert r["latest_value"] == 5100, r
' "$T/out"

pt $P add mini/ne-capacity-2026 --value 1 --author someone
check "the author cannot be set from the command line" err_has "unknown option '--author'"
pt $P log --format json
check "the author is the operating system account" python3 -c '
import json, sys, pwd, os
rows = json.load(open(sys.argv[1]))
me = pwd.getpwuid(os.geteuid()).pw_name
assert rows and all(r["author"] == me for r in rows), rows
' "$T/out"

# add reads only plans/PLAN.yaml when that file holds the target: a
# province's other plans, even a broken one, neither slow it nor clutter it.
printf 'id: broken\ntitle: [\n' >"$T/plans/broken.yaml"
# (LeakSanitizer cannot run under ptrace: leaks are checked everywhere else.)
ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" \
    strace -f -e trace=open,openat -o "$T/trace" \
    "$PLANTRACK" $P add mini/ne-capacity-2026 --value 4000 --date 2025-05-31 \
    >"$T/out" 2>"$T/err"
rc=$?
check "add reads only its own plan's file" sh -c "[ $rc -eq 0 ] &&
    grep -q 'mini.yaml' '$T/trace' && ! grep -q 'broken.yaml' '$T/trace'"
pt $P status --format csv
check "while status still reports the broken file" err_has "broken.yaml"
cp "$T/plans/mini.yaml" "$T/plans/renamed.yaml"
rm "$T/plans/mini.yaml" "$T/plans/broken.yaml"
pt $P add mini/ne-capacity-2026 --value 4100 --date 2025-05-31
check "a plan in a file of another name is still found" rc_is 0
pt $P add mini/ne-capacity-2025 --value 1
check "and a misspelt target still gets its suggestion" \
    err_has "did you mean 'ne-capacity-2026'"

# "Today" is the officials' date (TZ), not the server's: POSIX zone strings
# 26 hours apart always disagree on the date.
ahead=$(TZ=ahead-14 date +%F)
TZ=ahead-14 pt $P add mini/ne-capacity-2026 --value 4200 --date "$ahead"
check "today where TZ says is accepted" rc_is 0
TZ=behind+12 pt $P add mini/ne-capacity-2026 --value 4200 --date "$ahead"
check "the same date where it is still yesterday is in the future" \
    err_has "is in the future"
