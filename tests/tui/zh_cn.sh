#!/bin/sh
# The viewer in Chinese (zh_CN): pane titles, column headers, status words,
# the editor's labels and messages, at 80x24 and 120x40 (140 for the date
# column), with no CJK character cut and no row pushed past its border.
. "$(dirname "$0")/../lib/tui.sh"
fresh_plans
P="--plans $T/plans --as-of 2025-07-01"

TUI_ENV="LANGUAGE=zh_CN" start 120 40 $P
see "the viewer opens in Chinese" wait_for "目标 (5) · 截至 2025-07-01"
see "the filter panes have Chinese titles" sh -c \
    "grep -q '┌─ 1 方案 ─' '$T/screen' && grep -q '┌─ 2 年份 ─' '$T/screen' && grep -q '┌─ 3 牵头单位 ─' '$T/screen'"
see "the 'all' entries are Chinese" sh -c \
    "grep -q '全部方案' '$T/screen' && grep -q '全部年份' '$T/screen' && grep -q '全部单位' '$T/screen'"
see "the detail pane has a Chinese title" shows "┌─ 详情 ─"
see "the column headers are Chinese, the status column narrower than in English" \
    shows "│状态^       年份 指标"
see "and the rest of the headers" sh -c \
    "grep -q '│状态^ .* 年份 指标 .* 目标 .* 最新值 .*│' '$T/screen'"
see "the status words are Chinese" sh -c \
    "grep -q '│红 逾期未报 2024 ' '$T/screen' && grep -q '│－ 无数据   2025 ' '$T/screen'"
see "the status bar counts in Chinese" shows "! 逾期未报 1  ? 无数据 4"
see "the key hints are Chinese with the key names kept" shows "q 退出  ? 帮助  Tab 窗格"
see "the detail reads as Chinese" sh -c \
    "grep -q '目标：到2024年，降200 吨（较2023年）' '$T/screen' && grep -q '依据：2024年数据应于 2025-06-30 前报送，尚无记录' '$T/screen'"
see "every line fits 120 columns" fits 120

keys ?
see "the help is Chinese" wait_for "帮助：j/k 滚动 · 按 Esc、q 或 ? 关闭"
# The title can be on screen before the rows below it: wait for the rows.
help_rows() {
    wait_for "Shift-Tab        上一个窗格" && shows "Enter            打开"
}
see "with the key names as they are" help_rows
see "the help fits 120 columns" fits 120
keys Escape
see "Esc closes it" wait_gone "帮助：按 Esc"

keys /
type_text "新能源"
keys Enter a
see "a opens the form with a Chinese title" wait_for "┌─ 录入进展数据 ─"
see "the form heads with the indicator and the target" \
    shows "新能源发电装机容量  到2026年，>= 5000 万千瓦"
see "the field labels are Chinese" sh -c \
    "grep -q '│日期 ' '$T/screen' && grep -q '│数值 ' '$T/screen' && grep -q '│单位 ' '$T/screen' && grep -q '│来源 ' '$T/screen' && grep -q '│备注 ' '$T/screen'"
see "the form's keys are Chinese" shows "Tab 下一项 · Ctrl-S 保存 · Esc 暂存关闭 · Ctrl-D 丢弃"
type_text "abc"
see "a non-number is refused in Chinese beside the field" wait_for "'abc' 不是数字"
see "the form with a Chinese message fits 120 columns" fits 120
keys C-u
type_text "5000"
keys Up C-u
type_text "2025-02-30"
see "an impossible date is refused in Chinese" wait_for "'2025-02-30' 不是有效的日期"
keys C-u
type_text "2025-06-30"
keys Tab Tab C-u
type_text "吨"
see "a wrong unit is refused in Chinese" wait_for "单位 '吨' 与目标的单位 '万千瓦' 不一致"
see "a long Chinese message still fits 120 columns" fits 120
keys C-u
type_text "万千瓦"
keys C-s
see "Ctrl-S saves and says so in Chinese" \
    wait_for "已保存 mini/ne-capacity-2026：5000 万千瓦（截至 2025-06-30）；状态：已达成"
see "the list shows the new status word and a green light" shows "绿 已达成"
see "the history shows it" shows "2025-06-30  5000 万千瓦"

resize 140 40
see "wide enough, the list gains a date column with a Chinese header" \
    wait_for " 日期      │"
see "after the latest value" sh -c "grep -q ' 最新值 *日期 *│' '$T/screen'"
see "with the date of the latest value" shows "5000 万千瓦 2025-06-30"
see "every line fits 140 columns" fits 140

resize 80 24
see "at 80x24 the titles stay Chinese" wait_for "目标 (5) · 截至 2025-07-01"
settle
see "the headers fit without the date column" shows "│状态^       年份 指标 "
see "every line fits 80 columns, no CJK character cut in half" fits 80
keys a
see "the form opens at 80 columns" wait_for "┌─ 录入进展数据 ─"
type_text "abc"
see "the message shows at 80 columns" wait_for "'abc' 不是数字"
see "the form fits 80 columns" fits 80
keys Up C-u
type_text "2025-02-30"
see "a message too long to sit beside the field goes under it" \
    wait_for "'2025-02-30' 不是有效的日期"
see "and still fits 80 columns" fits 80
keys C-d
see "Ctrl-D discards in Chinese" wait_for "已丢弃草稿"
keys ?
see "the help at 80 columns" wait_for "帮助：j/k 滚动 · 按 Esc、q 或 ? 关闭"
see "fits 80 columns" fits 80
keys Escape
resize 38 14
see "too small a terminal says so in Chinese" wait_for "终端太小：38x14，至少需要 40x15。"
resize 80 24
see "and recovers" wait_for "目标 (5) · 截至 2025-07-01"
see "the Chinese viewer quits cleanly" quit_cleanly

need_zh_locale
if zh_locale; then
    TUI_ENV="LC_ALL=zh_CN.UTF-8 LOCPATH='$T/loc'" start 80 24 $P
    see "with LC_ALL=zh_CN.UTF-8 (a real Chinese locale) the viewer is Chinese" \
        wait_for "目标 (5) · 截至 2025-07-01"
    see "and fits 80 columns" fits 80
    see "and quits cleanly" quit_cleanly
else
    fail "a zh_CN.UTF-8 locale can be built with localedef"
fi
