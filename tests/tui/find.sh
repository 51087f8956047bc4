#!/bin/sh
# Search finds what the official means: pinyin syllables and initials, the
# initials of an agency's short name, traditional characters, full-width
# forms; the match is highlighted, counted (3/17), n / N say when they
# wrap, and | narrows the list as one types.
. "$(dirname "$0")/../lib/tui.sh"
fresh_plans
P="--plans $T/plans --as-of 2025-07-01"
mkdir -p "$HOME/.config/plantrack"
printf 'columns = status, indicator, lead\n' >"$HOME/.config/plantrack/config"

start 80 24 $P
see "the viewer opens with the lead column from the config" wait_for "LEAD"
keys /
type_text "shengtai"
# three targets it leads, one it supports
see "pinyin syllables find 市生态环境局's targets" wait_for "1/4"
see "and the syllables' characters are highlighted in the agency" highlighted "生态"
keys Escape /
type_text "stj"
see "the initials of 生态局 find them too" wait_for "1/4"
see "and the whole name is highlighted" highlighted "市生态环境局"
keys Escape /
type_text "生態環境"
see "so does the traditional form" wait_for "1/4"
keys Enter
see "Enter keeps the search and says which match" wait_for "match 1/4"
keys n
see "n goes to the next match" wait_for "match 2/4"
keys n n n
see "and says when it goes round" wait_for "match 1/4: went on from the top"
keys N
see "N goes back, round the other way" wait_for "match 4/4: went on from the bottom"
keys Escape /
type_text "PM２.５"
see "full-width forms find half-width text" wait_for "1/1"
see "and the match in the indicator is highlighted" highlighted "PM2.5"
keys Escape /
type_text "nongdu"
see "pinyin finds a word in the indicator" wait_for "1/1"
see "and highlights that word" highlighted "浓度"
keys Escape /
type_text "no-such-thing"
see "nothing found says so" wait_for "no target matches"
keys Escape
see "Esc gives the list back" wait_gone "no target matches"

keys '|'
type_text "xinnengyuan"
see "| narrows the list to the matches as one types" wait_for "Targets · |xinnengyuan (1)"
keys Enter
see "Enter keeps the list narrowed" shows "Targets · |xinnengyuan (1)"
keys X
see "X clears it" wait_for "Targets (5)"
see "every line fits 80 columns" fits 80
see "the viewer quits cleanly" quit_cleanly

TUI_ENV="LANGUAGE=zh_CN" start 80 24 $P
see "in Chinese" wait_for "目标 (5)"
keys /
type_text "sthj"
see "initials find 生态环境 in Chinese too" wait_for "1/4"
keys Enter
see "with the match counted in Chinese" wait_for "第 1/4 个匹配"
see "the Chinese viewer quits cleanly" quit_cleanly
