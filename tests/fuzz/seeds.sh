#!/bin/sh
# Builds the seed corpora of the fuzz harnesses in DIR (default
# build/fuzz/seeds): the plan files of plans/ and tests/fixtures/ for the
# plan loader; the values of tests/fuzz/values.txt and the scalars of those
# plan files for the value, date and entry parsers.
set -eu
cd "$(dirname "$0")/../.."
out=${1:-build/fuzz/seeds}
rm -rf "$out"
mkdir -p "$out/plan" "$out/text" "$out/entry" "$out/csv" "$out/number"
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
# csv: the attack CSV and its rows one by one; number: the values as text,
# and as the 8 bytes of their doubles, with the extremes of issue 12.
cp tests/fixtures/attack/rows.csv "$out/csv/attack"
n=0
while IFS= read -r row; do
    n=$((n + 1))
    printf '%s\r\n' "$row" >"$out/csv/row$n"
done <tests/fixtures/attack/rows.csv
python3 - "$out/number" "$out/values" <<'PY'
import struct, sys
out, values = sys.argv[1], sys.argv[2]
xs = [1e308, 4.9e-11, 0.12345678901234, 5e-324, 2.2250738585072014e-308,
      1.7976931348623157e308, 0.1 + 0.2, -0.0, 1e15, 1e16, 1e-4, 1e-5,
      123456789012345678.0, -2.5, 17.5, 5000.0, 0.2825]
with open(out + "/doubles", "wb") as f:
    f.write(b"".join(struct.pack("<d", x) for x in xs))
for i, line in enumerate(open(values, encoding="utf-8", errors="replace")):
    open("%s/v%d" % (out, i), "w", encoding="utf-8").write(line.rstrip("\n"))
for i, x in enumerate(xs):
    open("%s/x%d" % (out, i), "w").write(repr(x))
PY
rm "$out/values"
