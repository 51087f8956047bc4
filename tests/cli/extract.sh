#!/bin/sh
# plantrack extract: a plan's published text becomes a cleaned source text
# and a draft plan that plantrack check accepts, its targets those a reader
# finds in the text.
. "$(dirname "$0")/../lib/cli.sh"
X="$FIX/extract"

# Plans written for this test in other cities' words, none of them seen
# while the rules were written: simplified web text with a news summary,
# traditional characters with pinyin and site chrome, PDF text, and an
# air-quality plan whose targets were written down before the extractor
# first read it (bench/EXTRACT.md says how that first run went), and a plan
# whose tasks are the rows of a responsibility table.
for f in nanping taizhou zunyi-pdf jiaxing xinyu; do
    pt extract "$X/$f.txt" --format json
    check "$f: extract exits 0" rc_is 0
    python3 "$TOP/tests/lib/extract_expect.py" "$X/$f.expect" <"$T/out" \
        >"$T/diff" 2>&1
    r=$?
    sed 's/^/#   /' "$T/diff"
    check "$f: every expected target is drafted, nothing else" test "$r" = 0
done

# The five seed texts, as collected, each into a plan file that checks
# (under valgrind, one of them: the others take minutes there and test
# the same code).
mkdir -p "$T/drafts"
seeds=$(ls "$X"/seeds/*.txt)
case $PLANTRACK in *valgrind*) seeds="$X/seeds/huzhou-2024.txt $X/seeds/ordos-2024.txt" ;; esac
for s in $seeds; do
    id=$(basename "$s" .txt)
    pt extract "$s" --id "$id" -o "$T/drafts/$id.yaml"
    check "$id: extract exits 0" rc_is 0
    check "$id: says the draft passes plantrack check" out_has "plantrack check: no problems"
    check "$id: writes the cleaned text beside the plan" test -s "$T/drafts/sources/$id.txt"
    pt check "$T/drafts/$id.yaml"
    check "$id: plantrack check accepts the draft (quotes verbatim)" rc_is 0
done
pt check "$T/drafts"
check "the drafts check together" out_has "$(echo $seeds | wc -w) plan(s)"

pt extract "$X/seeds/huzhou-2024.txt" --id huzhou-2024 -o "$T/drafts/huzhou-2024.yaml"
check "an existing draft is not replaced" rc_is 1
check "and the message says how to replace it" err_has "use --force"
pt extract "$X/seeds/huzhou-2024.txt" --id huzhou-2024 -o "$T/drafts/huzhou-2024.yaml" --force
check "--force replaces it" rc_is 0

grep -q '當\|dāng' "$T/drafts/sources/huzhou-2024.txt"
check "the cleaned Huzhou text has no traditional characters or pinyin left" test $? = 1
check "the draft says what the cleaning did" \
    grep -q "removed 1284 groups of pinyin" "$T/drafts/huzhou-2024.yaml"
check "every drafted target says how sure it is" sh -c "
    q=\$(grep -c '^  quote: ' '$T/drafts/huzhou-2024.yaml')
    n=\$(grep -c '^  note: .extract: confidence' '$T/drafts/huzhou-2024.yaml')
    [ \$q -gt 30 ] && [ \$q = \$n ]"

pt extract "$X/seeds/ordos-2024.txt" --format json
check "--format json prints a JSON array" python3 -c '
import json, sys
t = json.load(open(sys.argv[1]))
keys = {"plan", "year", "indicator", "comparator", "value", "unit",
        "baseline_year", "lead", "support", "quote", "offset", "confidence"}
assert len(t) > 40 and all(keys <= set(x) for x in t)
' "$T/out"
check "the JSON offsets point at the quotes in the cleaned text" python3 -c '
import json, sys
t = json.load(open(sys.argv[1]))
src = open(sys.argv[2], encoding="utf-8").read()
assert all(src[x["offset"]:x["offset"] + len(x["quote"])] == x["quote"] for x in t)
' "$T/out" "$T/drafts/sources/ordos-2024.txt"

printf '\265\275 2025\n' >"$T/gbk.txt"
pt extract "$T/gbk.txt" -o "$T/gbk.yaml"
check "a text that is not UTF-8 is refused" rc_is 1
check "with the way to convert it" err_has "iconv -f GBK"
check "and nothing is written" test ! -e "$T/gbk.yaml"
pt extract
check "extract without a file says how to call it" err_has "extract FILE.txt"
pt extract "$X/nanping.txt" --id Bad_Id
check "a bad --id is refused" err_has "--id must be lower-case"
pt extract "$X/nanping.txt" --format csv
check "--format csv is refused, saying what extract writes" err_has "--format json prints the targets"
