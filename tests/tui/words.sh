#!/bin/sh
# One set of status words (issue 15): the viewer's list, status bar and
# status filter name each status with the very word `plantrack status`
# prints, in English and in Chinese ('deterioration' / 指标恶化, never a
# word of the viewer's own such as 'worse').
. "$(dirname "$0")/../lib/tui.sh"
fresh_plans
P="--plans $T/plans --as-of 2025-07-01"
# 27 against a baseline of 26 and a target of <= 22: deterioration.
pt $P add mini/pm25-2025 --value 27 --date 2024-12-31 --confirm

for lang in en zh; do
    if [ $lang = zh ]; then TUI_ENV="LANGUAGE=zh_CN"; else TUI_ENV=""; fi
    export TUI_ENV
    # The CLI's word for the target, from its status table.
    env ${TUI_ENV:-LANGUAGE=} "$PLANTRACK" $P status >"$T/cli" 2>&1
    word=$(grep 'mini/pm25-2025' "$T/cli" | awk '{print $2}')
    see "[$lang] the CLI names the status" [ -n "$word" ]
    if [ $lang = en ]; then want=deterioration; else want=指标恶化; fi
    see "[$lang] with the shared word" [ "$word" = "$want" ]
    start 80 24 $P
    see "[$lang] the list says the CLI's word" wait_for "$word 2025"
    see "[$lang] and so does the status bar" \
        sh -c "tail -n 2 '$T/screen' | head -n 1 | grep -qF 'v $word 1'"
    keys f
    see "[$lang] and the status filter" wait_for "v $word"
    keys Escape
    see "[$lang] the viewer quits cleanly" quit_cleanly
done
