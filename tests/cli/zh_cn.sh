#!/bin/sh
# Chinese (zh_CN) as a first-class language: help, errors and the status
# table in Chinese; command names, options, key names, file:line:column and
# machine-readable output stay as they are.
. "$(dirname "$0")/../lib/cli.sh"
need python3 msgfmt xgettext
fresh_plans
P="--plans $T/plans --as-of 2025-07-01"

# zh ARGS...: like pt, with Chinese asked for the way a user would.
zh() {
    LANGUAGE=zh_CN "$PLANTRACK" "$@" >"$T/out" 2>"$T/err"
    rc=$?
}

msgfmt --check --statistics -o /dev/null "$TOP/po/zh_CN.po" 2>"$T/err"
rc=$?
check "the catalogue compiles with no warning, nothing fuzzy or untranslated" \
    sh -c "[ $rc = 0 ] && grep -Eqx '[0-9]+ translated messages\.' '$T/err'"
(cd "$TOP" && find src include -name '*.[ch]' | sort |
    xgettext --from-code=UTF-8 -k_ -kN_ -kNC_:1c,2 -o "$T/now.pot" -f -) \
    >"$T/out" 2>"$T/err"
msgcmp "$TOP/po/zh_CN.po" "$T/now.pot" >"$T/out" 2>"$T/err"
rc=$?
check "every message in the sources has a Chinese translation" rc_is 0

zh --help
check "--help in Chinese" out_has "用法：plantrack [选项] [命令] [参数]"
check "the commands keep their names and arguments" \
    out_has "  add PLAN/TARGET --value V 录入一条进展数据"
check "the options keep their names" out_has "  --as-of DATE      按 DATE 当日评估状态（YYYY-MM-DD；默认为今天）"
check "the status names for --status stay as typed" \
    out_has "状态取值：missed unreported deterioration limited needs-acceleration"
pt --help
check "without LANGUAGE the help stays English" out_has "Usage: plantrack [OPTIONS]"

zh frobnicate
check "an unknown command exits 1" rc_is 1
check "and says so in Chinese" err_has "plantrack: 未知命令 'frobnicate'"
check "with the hint to --help" err_has "请运行 'plantrack --help' 查看用法。"

zh $P add mini/ne-capacity-2026 --value abc --date 2025-02-30
check "a refused observation exits 1" rc_is 1
check "a non-number is refused in Chinese, naming the option" \
    err_has "plantrack: --value: 'abc' 不是数字"
check "an impossible date too" err_has "plantrack: --date: '2025-02-30' 不是有效的日期"
check "and nothing was recorded" err_has "plantrack: 未录入任何记录"
zh $P add mini/ne-capacity-2026 --value 4000 --unit 吨
check "a wrong unit is refused in Chinese" \
    err_has "单位 '吨' 与目标的单位 '万千瓦' 不一致"
zh $P add mini/ne-capacity-2025 --value 1
check "a misspelt target gets a whole Chinese sentence with the suggestion" \
    err_has "方案 'mini' 中没有目标 'ne-capacity-2025'（是否应为 'ne-capacity-2026'？）"
zh $P add minni/ne-capacity-2026 --value 1
check "so does a misspelt plan" err_has "没有方案 'minni'（是否应为 'mini'？）"

zh $P status
check "status works in Chinese" rc_is 0
check "the table headers are Chinese" sh -c \
    "grep '^状态' '$T/out' | grep -q '^状态 .*年份  PLAN/TARGET .*指标 .*目标 .*最新值  日期  牵头单位$'"
check "the status words are Chinese" sh -c \
    "grep -q '^红 逾期未报 ' '$T/out' && grep -q '^－ 无数据 ' '$T/out'"
check "the lights are counted in Chinese above the table" \
    out_has "督办灯（红/黄/绿）：红灯 1，黄灯 0，绿灯 0，未到期 4"
check "a reduction target reads as Chinese, in words" out_has "降17.5%（较2020年）"
check "a qualitative target too" out_has "按期完成"
check "the counts end the table in Chinese" \
    out_has "截至 2025-07-01，共 5 个目标：逾期未报 1，无数据 4"
check "the Chinese headers are aligned by display width" column_aligned "目标"

zh $P add mini/ne-capacity-2026 --value 3000 --date 2024-12-31
zh $P add mini/ne-capacity-2026 --value 4000 --date 2025-06-30 --source 年报
check "add reports in Chinese" out_has "mini/ne-capacity-2026 = 4000 万千瓦（截至 2025-06-30）"
check "with the new status and why" out_has "状态：进展顺利（R = "
zh $P status --status on-track
check "an on-track target is '进展顺利', green" sh -c "grep -q '^绿 进展顺利 ' '$T/out'"
check "its latest value is shown" out_has "4000 万千瓦  2025-06-30  市能源局"
zh $P status --status on-track --format csv
check "csv keeps the English header and status names" sh -c \
    "head -1 '$T/out' | grep -q '^plan,target,year,indicator,' && grep -q ',on-track,' '$T/out'"
zh $P status --format json
check "json keeps its keys and status names" python3 -c '
import json, sys
r = {r["target"]: r for r in json.load(open(sys.argv[1]))}
assert r["ne-capacity-2026"]["status"] == "on-track", r["ne-capacity-2026"]
assert r["nox-cut-2024"]["status"] == "unreported"
' "$T/out"

zh $P log mini/ne-capacity-2026
check "log headers are Chinese" sh -c \
    "head -1 '$T/out' | grep -q '^日期 .*PLAN/TARGET .*数值 .*录入人 .*录入时间 .*ID .*来源 / 备注'"
check "log counts in Chinese" out_has "共 2 条记录"

zh check "$FIX/bad/unknown-comparator.yaml"
check "a plan error is Chinese and keeps file:line:column" \
    err_has "unknown-comparator.yaml:27:17: 目标 'ne-capacity-2026'：未知的比较方式 '=>'（是否应为 '>='？）"
zh check "$FIX/bad/value-with-unit.yaml"
check "and tells what to write" \
    err_has "'value' 应为纯数字，而不是 '5000万千瓦'（应写作 5000，并把 '万千瓦' 写入 'unit'）"
zh check "$T/plans"
check "a good plan folder passes in Chinese" out_has "1 个方案、5 个目标：未发现问题"

need_zh_locale
if zh_locale; then
    env -u LC_ALL -u LANGUAGE LANG=zh_CN.UTF-8 LOCPATH="$T/loc" \
        "$PLANTRACK" $P status >"$T/out" 2>"$T/err"
    rc=$?
    check "with LANG=zh_CN.UTF-8 (a real Chinese locale) status is Chinese" \
        sh -c "[ $rc = 0 ] && grep -q '^状态 ' '$T/out' && grep -q '^红 逾期未报 ' '$T/out'"
else
    fail "a zh_CN.UTF-8 locale can be built with localedef"
fi
