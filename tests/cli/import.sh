#!/bin/sh
# import, attacked: every row of the attack CSV is either imported exactly
# or refused by its line, with the reason; nothing is written while any row
# is refused; a correction of another target's (or of no) observation,
# forged authors and times, dates the table would drop, duplicate and
# conflicting ids, NUL, invalid UTF-8, GBK, 900 KB notes, unknown plans,
# out-of-range numbers. Then the round trip of extreme numbers and formula
# notes, byte for byte; the receipt of who imported what.
. "$(dirname "$0")/../lib/cli.sh"
. "$TOP/tests/lib/reliability.sh"
need python3 sqlite3
fresh_plans
P="--plans $T/plans"
ATTACK="$FIX/attack/rows.csv"

# One more row: a note of 900 KB.
cp "$ATTACK" "$T/attack.csv"
python3 - "$T/attack.csv" <<'PY'
import sys
note = "长" * 300000
open(sys.argv[1], "ab").write((
    "1000ffff-0000-4000-8000-00000000ffff,mini,pm25-2025,2025-06-30,21,,"
    "微克/立方米,,%s,wang,laptop-7,2025-07-01T02:00:00.000Z,\r\n" % note
).encode())
PY
big_line=$(($(wc -l <"$ATTACK") + 1))
pt $P add mini/pm25-2025 --value 25 --date 2024-12-31
before=$(log_rows)
pt $P import "$T/attack.csv"
check "an attack CSV is refused with exit 1" rc_is 1
check "and nothing of it reaches the log" test "$(log_rows)" -eq "$before"
check "it says nothing was imported" err_has "nothing was imported"
while IFS="$(printf '\t')" read -r line why; do
    check "line $line is refused: $why" \
        grep -qF -- "attack.csv:$line: " "$T/err"
    check "line $line gives its reason: $why" \
        sh -c "grep -F -- 'attack.csv:$line: ' '$T/err' | grep -qF -- \"\$1\"" - "$why"
done <"$FIX/attack/rows.expect"
check "the 900 KB note is refused by its line" \
    sh -c "grep -F 'attack.csv:$big_line: ' '$T/err' | grep -q 'note is too long'"
check "no row is called 'already present'" sh -c "! grep -qi 'already present' '$T/err'"
check "no escape or NUL reaches the terminal in the reasons" \
    python3 -c 'import sys; d = open(sys.argv[1], "rb").read(); sys.exit(any(b in d for b in (b"\x1b", b"\x00", b"\x07")))' "$T/err"

# What remains once the refused rows are taken out imports exactly.
cut -f1 "$FIX/attack/rows.expect" >"$T/bad-lines"
awk 'NR == FNR { bad[$1] = 1; next } !(FNR in bad)' "$T/bad-lines" \
    "$ATTACK" >"$T/good.csv"
DB="$T/fresh.db"
PLANTRACK_DB="$DB" pt $P import "$T/good.csv"
check "the rows that pass import" rc_is 0
check "a repeated row is a duplicate, counted" out_has "1 duplicate(s)"
check "8 new observations" out_has "imported 8 new observation(s)"
PLANTRACK_DB="$DB" "$PLANTRACK" $P export >"$T/back.csv"
# the export: the good rows, once each (the duplicate once), byte for byte
awk '!seen[$0]++' "$T/good.csv" >"$T/good-once.csv"
check "export gives back every value and note byte for byte" \
    cmp "$T/good-once.csv" "$T/back.csv"
PLANTRACK_DB="$DB" pt $P log mini/pm25-2025 --format json
check "1e308, 4.9e-11 and 0.12345678901234 come back exactly; =1+1 is a note" python3 -c '
import json, sys
rows = {r["uuid"][:8]: r for r in json.load(open(sys.argv[1]))}
assert rows["1000001c"]["value"] == 1e308, rows["1000001c"]
assert rows["1000001d"]["value"] == 4.9e-11
assert rows["1000001e"]["value"] == 0.12345678901234
assert rows["1000001a"]["note"] == "=1+1", rows["1000001a"]["note"]
assert rows["1000001b"]["note"] == "-2+3" and rows["1000001b"]["source"] == "@SUM(A1)"
assert rows["1000001c"]["note"] == "\tstarts with a tab"
assert rows["10000001"]["author"] == "wang" and rows["10000001"]["host"] == "laptop-7"
' "$T/out"

# export | import, through a pipe, into another empty log.
PLANTRACK_DB="$DB" "$PLANTRACK" $P export |
    PLANTRACK_DB="$T/piped.db" "$PLANTRACK" $P import - >"$T/out" 2>"$T/err"
rc=$?
check "export | import works through a pipe" rc_is 0
PLANTRACK_DB="$T/piped.db" "$PLANTRACK" $P export >"$T/piped.csv"
check "and reproduces the export byte for byte" cmp "$T/back.csv" "$T/piped.csv"

# A stopped import is finished by running it again: rows go in by id.
head -n 4 "$T/good.csv" >"$T/part.csv"
PLANTRACK_DB="$T/resume.db" pt $P import "$T/part.csv"
PLANTRACK_DB="$T/resume.db" pt $P import "$T/good.csv"
check "the whole file after a part of it adds the rest, once" \
    sh -c "grep -q 'imported 6 new' '$T/out' && grep -q '3 duplicate(s)' '$T/out'"

# The receipt: who ran the import, from which file, with its hash.
PLANTRACK_DB="$DB" pt $P log --imports --format json
check "log --imports names who ran it and the file's hash" python3 -c '
import hashlib, json, sys
r = json.load(open(sys.argv[1]))[0]
assert r["run_by"] == sys.argv[3], r
assert r["file"].endswith("good.csv") and r["added"] == 8 and r["duplicates"] == 1
assert r["sha256"] == hashlib.sha256(open(sys.argv[2], "rb").read()).hexdigest()
' "$T/out" "$T/good.csv" "$(id -un)"
check "each imported row names its receipt in the chain" \
    test "$(DB="$DB" sql 'SELECT count(*) FROM chain WHERE import_id = 1')" -eq 8

# log tells an imported row from one recorded here: the author an import
# gives is only what its file said.
PLANTRACK_DB="$DB" prep $P add mini/pm25-2025 --value 20 --date 2025-07-31 --confirm
PLANTRACK_DB="$DB" pt $P log mini/pm25-2025
check "log marks the rows an import brought in, by its number" \
    out_has "wang (import 1)"
check "and says where to see who ran it" out_has "plantrack log --imports"
check "a row recorded here is not marked" \
    grep -q "^2025-07-31 .*  $(id -un)  " "$T/out"
PLANTRACK_DB="$DB" pt $P log mini/pm25-2025 --format json
check "log --format json gives each row's import (null when recorded here)" python3 -c '
import json, sys
rows = json.load(open(sys.argv[1]))
assert all(r["import"] == 1 for r in rows if r["author"] == "wang"), rows
assert [r["import"] for r in rows if r["date"] == "2025-07-31"] == [None], rows
' "$T/out"

# The same id with other content, against the log: a conflict, kept out.
sed '2s/,21,/,99,/' "$T/good.csv" >"$T/conflict.csv"
PLANTRACK_DB="$DB" pt $P import "$T/conflict.csv"
check "the same id with other content is a conflict (exit 1)" rc_is 1
check "named by its line" err_has "conflict.csv:2: conflict: observation 10000001"
check "the log keeps what it had" \
    test "$(DB="$DB" sql "SELECT value FROM observations WHERE uuid LIKE '10000001%'")" = 21.0

# A log file whose observations is an endless view imports nothing.
sqlite3 "$T/view.db" "CREATE VIEW observations AS WITH RECURSIVE r(seq) AS (SELECT 1 UNION ALL SELECT seq + 1 FROM r) SELECT seq, 'x' AS uuid FROM r"
pt $P import "$T/view.db"
check "a log whose observations is a view is refused, not run" \
    sh -c "[ $rc -eq 1 ] && grep -q 'no observations table' '$T/err'"
