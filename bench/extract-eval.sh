#!/bin/sh
# make extract-eval: the evaluation table of the extractor into
# bench/EXTRACT.md (between the markers), and on the terminal.
set -eu
eval_bin=$1 seeds=$2 plans=$3
out=bench/EXTRACT.md
table=$(mktemp)
trap 'rm -f "$table" "$table.md" "$table.clean" "$table.time" "$table.held"' EXIT
"$eval_bin" "$seeds" "$plans" >"$table"
cat "$table"
# the cleaned texts against the hand-cleaned ones
clean=$(mktemp -d)
ids=""
for f in "$plans"/*.yaml; do
    id=$(basename "$f" .yaml)
    src=$(sed -n 's/^source: *//p' "$f")
    [ -n "$src" ] && [ -f "$seeds/$src" ] || continue
    ./plantrack extract "$seeds/$src" --id "$id" -o "$clean/$id.yaml" >/dev/null
    ids="$ids $id"
done
python3 bench/clean_diff.py "$clean/sources" "$plans/sources" $ids >"$table.clean"
# other cities' texts: plans in other words, each with the targets a
# reader finds in it (tests/fixtures/extract/*.expect; bench/EXTRACT.md
# says which the extractor first read after its rules were written)
{
    echo "| other city (tests/fixtures/extract) | expected | drafted | matched | recall | precision |"
    echo "|---|---:|---:|---:|---:|---:|"
    for e in tests/fixtures/extract/*.expect; do
        f=${e%.expect}
        ./plantrack extract "$f.txt" --format json |
            python3 tests/lib/extract_expect.py --row "$(basename "$f")" "$e"
    done
} >"$table.held"
# a 50 KB text through the whole command (OpenCC's dictionaries loaded,
# files written): the largest seed with the start of another after it
big="$clean/big.txt"
cat "$seeds/kundulun-2023.txt" "$seeds/liupanshui-draft.txt" | head -c 51200 |
    iconv -c -f UTF-8 -t UTF-8 >"$big" 2>/dev/null || true
best=""
for _ in 1 2 3 4 5; do
    a=$(date +%s%N)
    ./plantrack extract "$big" --id big -o "$clean/big.yaml" --force >/dev/null
    b=$(date +%s%N)
    ms=$(( (b - a) / 1000000 ))
    [ -z "$best" ] || [ "$ms" -lt "$best" ] && best=$ms
done
echo "A $(wc -c <"$big")-byte text (kundulun-2023.txt followed by the start of liupanshui-draft.txt) through \`plantrack extract ... -o\`: best of 5 runs $best ms wall, load average $(cut -d' ' -f1 /proc/loadavg) on $(nproc) cores." >"$table.time"
echo
cat "$table.held"
echo
cat "$table.time"
rm -rf "$clean"
{
    sed -n '1,/^<!-- results -->$/p' "$out"
    echo
    echo "Made by \`make extract-eval\` (SEEDS=$seeds) at $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ' plus uncommitted changes'), $(date -u +%Y-%m-%d):"
    echo
    cat "$table"
    echo
    cat "$table.held"
    echo
    echo "The cleaned texts against the hand-cleaned plans/sources (line breaks"
    echo "ignored; [mine] and [by hand]):"
    echo
    cat "$table.clean"
    echo
    cat "$table.time"
    echo
    sed -n '/^<!-- end of results -->$/,$p' "$out"
} >"$table.md"
mv "$table.md" "$out"
