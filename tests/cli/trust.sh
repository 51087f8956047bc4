#!/bin/sh
# A status an official can trust (issue 11): no data is not failure; the
# deadline and data-due boundaries; met late; deferred targets and draft
# plans; 序时进度 and the lights; one sign convention for a fall; figures
# ten times away; and a command line that never answers a typo with a
# plausible wrong report.
. "$(dirname "$0")/../lib/cli.sh"
mkdir -p "$T/plans/sources"
cat >"$T/plans/city.yaml" <<'YAML'
id: city
title: 样例市减污降碳协同创新试点实施方案
short: 样例市
issuer: 样例市人民政府
issued: 2024-01-01
period: 2023-2026
agencies:
  - id: energy
    name: 市能源局
  - id: eco
    name: 市生态环境局
targets:
  - id: capacity-2026
    section: 一
    domain: energy
    indicator: 新能源装机容量
    year: 2026
    comparator: ">="
    value: 5000
    unit: 万千瓦
    baseline: {year: 2023, value: 2000}
    lead: energy
    lead_stated: false
    quote: 由2000万千瓦增至5000万千瓦
  - id: capacity-2025
    section: 一
    domain: energy
    indicator: 新能源装机容量（2025）
    year: 2025
    comparator: ">="
    value: 5000
    unit: 万千瓦
    baseline: {year: 2023, value: 2000}
    lead: energy
    quote: 由2000万千瓦增至5000万千瓦
  - id: energy-intensity-2025
    section: 一
    domain: energy
    indicator: 单位地区生产总值能耗降幅
    year: 2025
    comparator: reduce-by
    value: 18.5
    unit: "%"
    baseline: {year: 2020, value: 1}
    lead: energy
    approximate: true
    quote: 单位地区生产总值能耗较2020年下降18.5%
  - id: pm25-2024
    section: 二
    domain: environment
    indicator: PM2.5年均浓度
    year: 2024
    comparator: "<="
    value: 30
    unit: 微克/立方米
    lead: eco
    year_stated: false
    quote: PM2.5年均浓度控制在30微克/立方米以内
  - id: higher-2025
    section: 二
    domain: environment
    indicator: 完成上级下达的减排任务
    year: 2025
    comparator: done
    deferred: true
    lead: eco
    quote: 完成上级下达的减排任务
YAML
cat >"$T/plans/draft.yaml" <<'YAML'
id: draft
title: 草拟市实施方案（征求意见稿）
short: 草拟市
issuer: 草拟市人民政府
issued: 2023-06-01
standing: draft
period: 2023-2025
agencies:
  - id: eco
    name: 市生态环境局
targets:
  - id: rules-2024
    section: 一
    domain: governance
    indicator: 出台管理办法
    year: 2024
    comparator: done
    lead: eco
    quote: 出台管理办法
YAML
P="--plans $T/plans"
json_of() { # TARGET KEY: a field of one row of $T/out
    python3 -c '
import json, sys
r = [r for r in json.load(open(sys.argv[1])) if r.get("target") == sys.argv[2]][0]
print(json.dumps(r[sys.argv[3]]) if not isinstance(r[sys.argv[3]], str) else r[sys.argv[3]])
' "$T/out" "$1" "$2"
}
status_of() { # AS-OF TARGET: its status name
    "$PLANTRACK" $P --as-of "$1" status --format json >"$T/out" 2>"$T/err"
    json_of "$2" status
}

unset PLANTRACK_DB # a new user: the default log, nothing recorded yet
pt $P --as-of 2026-11-25 status
check "an empty log as of 2026-11-25: no target is missed" \
    sh -c "! grep -q 'missed' '$T/out'"
check "what is due and not recorded is unreported, the rest not yet due" \
    sh -c "grep -q 'unreported' '$T/out' && grep -q 'no data' '$T/out'"
check "the figure for 2024 is due six months after its deadline" \
    sh -c "[ $(status_of 2025-06-30 pm25-2024) = no-data ] &&
           [ $(status_of 2025-07-01 pm25-2024) = unreported ]"
check "a target under a draft plan is never unreported" \
    test "$(status_of 2026-11-25 rules-2024)" = no-data
check "a deferred target is never judged by a deadline" \
    test "$(status_of 2026-11-25 higher-2025)" = no-data
check "and says its number is set by a higher authority" \
    out_has "number set by a higher authority"
pt $P --as-of 2026-11-25 status --format json
check "json marks the draft plan, the inferred lead and year, the approximate value" python3 -c '
import json, sys
r = {x["target"]: x for x in json.load(open(sys.argv[1]))}
assert r["rules-2024"]["draft"] is True and r["capacity-2026"]["draft"] is False
assert r["capacity-2026"]["lead_stated"] is False, r["capacity-2026"]
assert r["capacity-2025"]["lead_stated"] is True
assert r["pm25-2024"]["year_stated"] is False
assert r["energy-intensity-2025"]["approximate"] is True
assert r["pm25-2024"]["light"] == "red" and r["capacity-2026"]["light"] == "none"
' "$T/out"
pt $P --as-of 2026-11-25 status
check "the table marks them and explains the marks above it" sh -c "
    grep -q '市能源局\*' '$T/out' && grep -q '2024\*' '$T/out' &&
    grep -q '^\* inferred' '$T/out' && grep -q 'draft/rules-2024 (draft)' '$T/out' &&
    grep -q '~18.5%' '$T/out'"
check "a fall is stated in words, never as a negative number" \
    sh -c "grep -q 'a fall of ~18.5% vs 2020' '$T/out' && ! grep -q -- '-18.5' '$T/out'"

# 序时进度: >= 5000 by 2026 from 2000 in 2023, as of 2025-06-30, a
# year's figure standing at its end: 2000 + 3000 * 1.496 / 3.
pt $P --as-of 2025-06-30 status --format json
check "the schedule value is about 3500" python3 -c '
import json, sys
r = [x for x in json.load(open(sys.argv[1])) if x["target"] == "capacity-2026"][0]
assert abs(r["schedule_value"] - 3495.9) < 0.1, r["schedule_value"]
assert r["schedule"] is None and r["required_annual_change"] is None
' "$T/out"

export PLANTRACK_DB="$T/progress.db"
pt $P add city/capacity-2026 --value 3100 --date 2024-12-31
pt $P --as-of 2025-06-30 status --format json
check "a figure above the path at its date is ahead, green, with the change still needed" python3 -c '
import json, sys
r = [x for x in json.load(open(sys.argv[1])) if x["target"] == "capacity-2026"][0]
assert r["schedule"] == "ahead" and r["light"] == "green", r
assert abs(r["schedule_at_latest"] - 3000) < 1e-6, r
assert abs(r["required_annual_change"] - 950) < 1e-6, r
' "$T/out"

# The deadline, to the day, and a figure that comes late.
pt $P add city/capacity-2025 --value 4000 --date 2025-06-30
check "the deadline day is still in time" \
    test "$(status_of 2025-12-31 capacity-2025)" != missed
check "the day after, the milestone-year figure that misses is missed" \
    test "$(status_of 2026-01-01 capacity-2025)" = missed
check "missed is red" test "$(json_of capacity-2025 light)" = red
pt $P add city/capacity-2025 --value 5100 --date 2026-03-31
check "met by a figure dated after the deadline is met late" \
    test "$(status_of 2026-03-31 capacity-2025)" = met-late
check "and the day before that figure, still missed" \
    test "$(status_of 2026-03-30 capacity-2025)" = missed
pt $P --as-of 2026-04-01 status --status met-late --format csv
check "--status met-late finds it" out_has "capacity-2025"

# One sign convention: the same cut, however it is typed, the same status.
for typed in 19.2 降19.2 下降19.2% "fall 19.2"; do
    DB="$T/sign-$(echo "$typed" | cksum | cut -d' ' -f1).db"
    pt $P --db "$DB" add city/energy-intensity-2025 --value "$typed" \
        --date 2024-12-31
    printf '%s\n' "$rc $(sed -n 's/^status: //p' "$T/out")" >>"$T/signs"
done
pt $P --db "$T/level.db" add city/energy-intensity-2025 --level 0.808 \
    --date 2024-12-31
printf '%s\n' "$rc $(sed -n 's/^status: //p' "$T/out")" >>"$T/signs"
check "19.2, 降19.2, 下降19.2%, fall 19.2 and --level 0.808 give one status" \
    sh -c "[ \$(sort -u '$T/signs' | wc -l) -eq 1 ] && grep -q '^0 met' '$T/signs'"
check "the level is kept in the note" sh -c "
    '$PLANTRACK' $P --db '$T/level.db' log --format csv | grep -q 'level 0.808 (baseline 1 in 2020)'"
pt $P --db "$T/minus.db" add city/energy-intensity-2025 --value -19.2
check "a contradictory sign is refused, saying how to type it" sh -c "
    [ $rc -eq 1 ] && grep -q 'positive number or in words' '$T/err' &&
    grep -q '降18.5' '$T/err'"
check "and nothing is recorded" sh -c "
    ! '$PLANTRACK' $P --db '$T/minus.db' export | grep -q city"

# Ten times away asks for --confirm; a correction is measured against the
# figure it follows, not the one it corrects.
pt $P add city/pm25-2024 --value 28 --date 2024-06-30
pt $P add city/pm25-2024 --value 280 --date 2024-12-31
check "a figure ten times the last needs --confirm" sh -c "
    [ $rc -eq 1 ] && grep -q 'ten times or more away from the last figure, 28' '$T/err'"
pt $P add city/pm25-2024 --value 280 --date 2024-12-31 --confirm
id=$(sed -n 's/^recorded \([0-9a-f]*\)-.*/\1/p' "$T/out")
pt $P correct "$id" --value 27 --note "typo"
check "its correction to 27 is plausible against 28, not against 280" rc_is 0

# The command line: options that do not apply, filters everywhere.
pt $P add city/pm25-2024 --value 27 --year 2025
check "add --year is refused, not ignored" sh -c "
    [ $rc -eq 1 ] && grep -q \"option '--year' does not apply to 'add'\" '$T/err'"
pt $P status --value 3
check "status --value is refused" rc_is 1
pt $P --plans "$T/plans" --db "$T/progress.db" check
check "check --db is refused" rc_is 1
pt $P log --plan 样例市 --format csv
check "log --plan takes a short name and filters" sh -c "
    grep -q capacity-2026 '$T/out' && ! grep -q draft '$T/out'"
pt $P log --year 2024 --format csv
check "log --year keeps the targets of that year" sh -c "
    grep -q pm25-2024 '$T/out' && ! grep -q capacity '$T/out'"
pt $P log --lead 市生态环境局 --format csv
check "log --lead filters by lead" sh -c "
    grep -q pm25-2024 '$T/out' && ! grep -q capacity '$T/out'"
pt $P export --plan city --year 2026
check "export --plan --year filters too" sh -c "
    [ \$(tail -n +2 '$T/out' | grep -c .) -eq 1 ] && grep -q capacity-2026 '$T/out'"
pt $P status --plan 样例市减污降碳协同创新试点实施方案 --format csv
check "a plan named by its title" out_has "city,capacity-2026"
pt $P status --plan Ordos
check "an unknown plan lists the valid ones" sh -c "
    [ $rc -eq 1 ] && grep -q 'the plans are: city (样例市), draft (草拟市)' '$T/err'"
pt $P status --lead 市交通局
check "an agency filter that matches nothing says so" sh -c "
    [ $rc -eq 1 ] && grep -q \"no agency '市交通局'\" '$T/err'"

# A broken plan file: the others still listed, the failure first, exit 1.
sed 's/comparator: ">="/comparator: "=>"/' "$T/plans/city.yaml" >"$T/plans/broken.yaml"
sed -i 's/^id: city/id: broken/' "$T/plans/broken.yaml"
pt $P status
check "status exits 1 when a plan file cannot be loaded" rc_is 1
check "the failure is at the top of the table" sh -c "
    head -n 3 '$T/out' | grep -q 'could not be loaded' &&
    head -n 3 '$T/out' | grep -q 'broken.yaml:.*=>'"
check "the other plans are still listed" out_has "city/capacity-2026"
pt $P status --format json
check "and the failure is in the JSON, first" python3 -c '
import json, sys
rows = json.load(open(sys.argv[1]))
assert "plan_file_error" in rows[0] and "broken.yaml" in rows[0]["plan_file_error"]
assert any(r.get("target") == "capacity-2026" for r in rows)
' "$T/out"
