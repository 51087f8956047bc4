#!/bin/sh
# What the viewer says an official can trust (issue 11), at 80x24 in both
# languages: the light leads each row, inferred facts and a draft plan are
# marked and explained in the detail, the editor says how to type a fall
# and asks before saving a figure ten times away, and a plan file that
# fails stays marked in the status bar.
. "$(dirname "$0")/../lib/tui.sh"
fresh_plans
python3 - "$T/plans/mini.yaml" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = s.replace("    lead: ndrc\n", "    lead: ndrc\n    lead_stated: false\n", 1)
open(p, "w", encoding="utf-8").write(s)
PY
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
    indicator: 出台草拟管理办法
    year: 2024
    comparator: done
    lead: eco
    quote: 出台草拟管理办法
YAML
P="--plans $T/plans --as-of 2025-07-01"

for lang in en zh; do
    if [ $lang = zh ]; then TUI_ENV="LANGUAGE=zh_CN"; else TUI_ENV=""; fi
    export TUI_ENV
    start 80 24 $P
    if [ $lang = en ]; then
        see "[en] the light's letter leads the row" wait_for "R unreported 2024"
        see "[en] a target not yet due has no light" shows "- no data"
        keys /
        type_text "二氧化碳"
        keys Enter
        see "[en] an inferred lead is marked and explained in the detail" \
            wait_for "* inferred lead: the text names no lead agency"
        see "[en] a fall is stated in words" shows "a fall of 17.5% vs 2020"
        keys a
        see "[en] the editor says what to type for a fall" \
            wait_for "the fall since 2020: 17.5 or 降17.5; a rise 升2"
        tmux -S "$SOCK" send-keys -t t -l -- "-19.2"
        see "[en] a signed number is refused, saying how" \
            wait_for "positive number or in words"
        keys C-u
        type_text "降19.2"
        keys C-s
        see "[en] 降19.2 is saved as a fall" wait_for "saved fall 19.2% as of"
        keys /
        type_text "新能源"
        keys Enter a
        wait_for "Add an observation"
        type_text "50000"
        see "[en] a figure ten times the target is flagged as one types" \
            wait_for "ten times or more away from the target, 5000"
        keys C-s
        see "[en] the first save asks to confirm" \
            wait_for "press Ctrl-S again to save it as it is"
        see "[en] and saves nothing" shows "Add an observation"
        keys C-s
        see "[en] the second save records it" wait_for "saved 50000 万千瓦"
        keys /
        type_text "草拟"
        keys Enter
        see "[en] a draft plan is marked in the detail" \
            wait_for "Plan: draft for comment (征求意见稿)"
        see "[en] and is never unreported" shows "- no data"
    else
        see "[zh] the light's letter leads the row" wait_for "红 逾期未报 2024"
        keys /
        type_text "二氧化碳"
        keys Enter
        see "[zh] an inferred lead is marked and explained" \
            wait_for "推断的牵头单位：原文未写明本目标的牵头单位"
        see "[zh] a fall is stated in words" shows "降17.5%（较2020年）"
        keys a
        see "[zh] the editor says what to type for a fall" \
            wait_for "较2020年的降幅：17.5 或 降17.5；上升写 升2"
        keys C-d
        keys /
        type_text "新能源"
        keys Enter a
        wait_for "新能源发电装机容量  到2026年"
        type_text "50000"
        see "[zh] a figure ten times the target is flagged in Chinese" \
            wait_for "50000 与目标值 5000 相差十倍以上"
        keys C-s
        see "[zh] and needs a second save" wait_for "再按 Ctrl-S 按原样保存"
        keys C-d
        keys /
        type_text "草拟"
        keys Enter
        see "[zh] a draft plan is marked in the detail" \
            wait_for "方案：征求意见稿，尚未印发"
    fi
    see "[$lang] every line fits 80 columns" fits 80
    see "[$lang] quits cleanly" quit_cleanly
done

# A plan file that fails: marked in the status bar for as long as it fails.
printf 'id: broken\ntitle: [\n' >"$T/plans/broken.yaml"
TUI_ENV="" start 80 24 $P
see "a plan file that fails is marked in the status bar" \
    wait_for "[1 plan file(s) not loaded]"
keys j j
settle
see "and stays marked after moving on" shows "[1 plan file(s) not loaded]"
TUI_ENV="LANGUAGE=zh_CN" start 80 24 $P
see "[zh] the mark is Chinese" wait_for "［1 个方案文件未加载］"
see "quits cleanly" quit_cleanly
