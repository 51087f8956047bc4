#!/bin/sh
# Builds the seed corpora of the fuzz harnesses in DIR (default
# build/fuzz/seeds): the plan files of plans/ and tests/fixtures/ for the
# plan loader; the values of tests/fuzz/values.txt and the scalars of those
# plan files for the value, date and entry parsers.
set -eu
cd "$(dirname "$0")/../.."
out=${1:-build/fuzz/seeds}
rm -rf "$out"
mkdir -p "$out/plan" "$out/text" "$out/entry"
for f in plans/*.yaml tests/fixtures/plans/*.yaml tests/fixtures/bad/*.yaml; do
    cp "$f" "$out/plan/$(echo "$f" | tr / _)"
done
{
    cat tests/fuzz/values.txt
    sed -n 's/^ *\(value\|year\|issued\|period\|unit\|baseline\): *//p' \
        plans/*.yaml tests/fixtures/plans/*.yaml | tr -d '"' | sort -u
} >"$out/values"
n=0
while IFS= read -r v; do
    n=$((n + 1))
    printf '%s' "$v" >"$out/text/v$n"
    # entry: target selector byte, then date, value, unit, source, note
    for sel in 0 1 3 131; do
        { printf "\\$(printf %03o $sel)"; printf '2025-06-30\0%s\0\0统计\0' "$v"; } \
            >"$out/entry/v$n-$sel"
        { printf "\\$(printf %03o $sel)"; printf '%s\0%s\0\0\0note' "$v" "$v"; } \
            >"$out/entry/d$n-$sel"
    done
done <"$out/values"
rm "$out/values"
