#!/bin/sh
# plantrack review: the drafted targets one by one at 80x24, the quote
# highlighted in the source, what was inferred marked; accept, reject,
# edit, add a missed sentence, write a plan that plantrack check passes.
. "$(dirname "$0")/../lib/tui.sh"
D="$T/drafts"
# exits_cleanly: the program has ended with status 0 and said nothing on
# stderr.
exits_cleanly() {
    n=50
    while [ ! -s "$T/tui.status" ] && [ "$n" -gt 0 ]; do
        sleep 0.1
        n=$((n - 1))
    done
    [ "$(cat "$T/tui.status" 2>/dev/null)" = 0 ] && [ ! -s "$T/tui.err" ]
}
# exits_noting: ended with status 0, saying the changes were not written.
exits_noting() {
    n=50
    while [ ! -s "$T/tui.status" ] && [ "$n" -gt 0 ]; do
        sleep 0.1
        n=$((n - 1))
    done
    [ "$(cat "$T/tui.status" 2>/dev/null)" = 0 ] &&
        grep -q "最近的修改未写入" "$T/tui.err"
}
"$PLANTRACK" extract "$FIX/extract/nanping.txt" --id nanping -o "$D/nanping.yaml" >/dev/null 2>&1
check "a draft to review" test -s "$D/nanping.yaml"

start 80 24 review "$D/nanping.yaml"
see "the review opens on the first draft" wait_for "Review 南平: 1/11"
see "with the target's fields" sh -c \
    "grep -q 'indicator: 全市细颗粒物（PM2.5）浓度' '$T/screen' && grep -q 'comparator: <=  value: 20  unit: 微克/立方米' '$T/screen'"
see "a lead the text does not name is marked as inferred" shows "lead: 市生态环境局?"
see "the source text is beside it" shows "source: sources/nanping.txt"
see "the key hints are on screen" shows "a accept  x reject  e edit"
see "every line fits 80 columns" fits 80
tmux -S "$SOCK" capture-pane -e -p -t t >"$T/esc"
# reverse video (SGR 7) starts right before the quote and ends after it
see "the quote is highlighted in the source" python3 -c '
import re, sys
line = [l for l in open(sys.argv[1], encoding="utf-8") if "到2025年" in l][0]
m = re.search(r"\x1b\[7m(?:\x1b\[[0-9;]*m)*(全市细颗粒物.*?以内)\x1b\[0m", line)
sys.exit(0 if m else 1)
' "$T/esc"

keys a
see "a accepts and moves to the next draft" wait_for "2/11  accepted 1"
keys x
see "x rejects" wait_for "rejected 1"
keys k
see "k goes back to the rejected one" wait_for "2/11"
see "which shows as rejected" shows "rejected environment-2025-2"
keys u
see "u makes it a draft again" wait_for "rejected 0"

keys e
see "e asks which field" wait_for "edit which field?"
see "every field's key is on screen" sh -c \
    "grep -q 'y year' '$T/screen' && grep -q 't quote' '$T/screen'"
keys v C-u
type_text "many"
keys Enter
see "a value that is not a number is refused, saying why" wait_for "is not a number"
keys Escape
keys e t C-u
type_text "南平市不存在的句子"
keys Enter
see "a quote that is not in the source is refused" wait_for "copied exactly"
keys Escape
keys e y C-u
type_text "2026"
keys Enter
see "a year is set" wait_for "year set"
see "and shown without the inferred mark" shows "year: 2026  "

keys ']' ']' ']'
keys m
see "m adds the sentence under the cursor as a missed target" wait_for "added as a draft"
see "the new target is the last one" shows "12/12"

keys w
see "w writes the plan once plantrack check passes" wait_for "plantrack check passes"
see "the header no longer says not written" hides "(not written)"
pt check "$D/nanping.yaml"
check "plantrack check accepts the reviewed plan" rc_is 0
check "the file says how the review stands" grep -q "Reviewed with plantrack review: 1 accepted" "$D/nanping.yaml"
check "the accepted target is no longer marked as a draft" \
    sh -c "[ \$(grep -c 'extract: confidence' '$D/nanping.yaml') = 11 ]"

keys '?'
see "? shows every key" wait_for "Review: keys"
see "the help says what ? marks" shows "was inferred by the extractor"
keys q
see "any key closes the help" wait_gone "Review: keys"
see "q quits when everything is written" quit_cleanly

# in Chinese, at 80x24
TUI_ENV="LANGUAGE=zh_CN" start 80 24 review "$D/nanping.yaml"
see "the review speaks Chinese" wait_for "审核 南平"
see "with Chinese field names" sh -c "grep -q '牵头单位：' '$T/screen' && grep -q '原文：sources/nanping.txt' '$T/screen'"
see "the Chinese screen fits 80 columns" fits 80
keys e
see "the field keys fit in Chinese" wait_for "修改哪一项"
see "the Chinese field keys fit 80 columns" fits 80
keys Escape
keys a q
see "q with changes not written asks first" wait_for "未写入"
keys q
keys q
see "q again quits" exits_noting

pt review "$T/none.yaml"
check "a missing file is an error, not an empty review" err_has "cannot read"
check "and exits 1" rc_is 1
