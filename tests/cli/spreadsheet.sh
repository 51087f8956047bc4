#!/bin/sh
# Spreadsheets in and out, as an office using Excel or WPS sends them: the
# template filled in and saved as "CSV UTF-8" (BOM, CRLF) or as plain "CSV"
# on Chinese Windows (GBK), imported as new figures by the importing
# account; bad rows named by line, --check imports nothing, --skip-bad the
# rest; a file in no encoding plantrack reads is refused by name, nothing
# stored garbled; export --excel writes the BOM Excel needs.
. "$(dirname "$0")/../lib/cli.sh"
need python3
fresh_plans
P="--plans $T/plans"

pt $P add mini/ne-capacity-2026 --value 3000 --date 2024-12-31
pt $P export --template --plan mini
cp "$T/out" "$T/template.csv"
check "the template starts with the BOM Excel and WPS need" \
    sh -c "head -c 3 '$T/template.csv' | od -An -tx1 | grep -q 'ef bb bf'"
check "and names the columns import reads" \
    out_has "target,indicator,goal,unit,date,value,source,note"
check "one row per target, ready to fill in" \
    out_has "mini/ne-capacity-2026,新能源发电装机容量,>= 5000 万千瓦,万千瓦,,,,"

# fill ENCODING OUT: the template as an official fills it in Excel: two
# figures, one typed wrong, the rest left empty; saved in ENCODING, CRLF.
fill() {
    python3 - "$T/template.csv" "$1" "$2" <<'PY'
import sys
rows = open(sys.argv[1], encoding="utf-8-sig").read().splitlines()
out = [rows[0]]
for r in rows[1:]:
    f = r.split(",")
    if f[0] == "mini/ne-capacity-2026":
        f[4:8] = ["2025-06-30", "3600", "市能源局月报", ""]
    if f[0] == "mini/incentive-rules-2025":
        f[4:8] = ["2025-05-01", "done", "市政府文件", "已印发"]
    if f[0] == "mini/pm25-2025":
        f[4:8] = ["2025-06-30", "三十", "", ""]
    out.append(",".join(f))
open(sys.argv[3], "wb").write(("\r\n".join(out) + "\r\n").encode(sys.argv[2]))
PY
}
fill utf-8-sig "$T/bom.csv"
fill gbk "$T/gbk.csv"
before=$(log_rows)

pt $P import --check "$T/bom.csv"
check "--check lists a bad row by its line (exit 1)" rc_is 1
check "with the reason" err_has "bom.csv:4: value: '三十' is not a number"
check "and says what would happen" \
    out_has "2 row(s) would be added, 0 duplicate(s), 0 conflict(s), 1 refused"
check "rows left empty are not figures" out_has "2 row(s) left empty"
pt $P import "$T/bom.csv"
check "with a bad row nothing is imported (exit 1)" rc_is 1
check "and it says how to import the rest" err_has "--skip-bad"
check "nothing was written" test "$(log_rows)" -eq "$before"

pt $P import "$T/gbk.csv" --skip-bad
check "a GBK file is read (exit 0)" rc_is 0
check "and says it was converted" err_has "read as GB18030 (GBK) and converted to UTF-8"
check "--skip-bad says what it skipped" err_has "1 row(s) refused (listed above) are skipped"
check "the good rows are imported" out_has "imported 2 new observation(s)"
pt $P log mini/incentive-rules-2025 --format csv
check "in Chinese, not garbled" out_has "市政府文件,已印发"
check "recorded by the importing account" out_has ",$(id -un),"
pt $P import --skip-bad "$T/gbk.csv"
check "the same figures twice are refused" err_has "were imported already"
check "nothing more was written" test "$(log_rows)" -eq $((before + 2))

# An Excel export of the log, and back: the BOM is read, rows are
# duplicates.
pt $P export --excel
cp "$T/out" "$T/excel.csv"
check "export --excel writes the BOM" \
    sh -c "head -c 3 '$T/excel.csv' | od -An -tx1 | grep -q 'ef bb bf'"
check "and CRLF" sh -c "head -n 1 '$T/excel.csv' | od -c | grep -q '\\\\r'"
pt $P export
check "the default export has no BOM" sh -c "head -c 4 '$T/out' | grep -q '^uuid'"
pt $P import "$T/excel.csv"
check "an Excel-saved export imports: every row a duplicate" \
    out_has "imported 0 new observation(s)"

# Undecodable and Big5 files are refused by name; nothing stored.
printf 'target,date,value\r\nmini/pm25-2025,2025-06-30,2\200\377\200\377\r\n' >"$T/junk.csv"
pt $P import "$T/junk.csv"
check "a file in no encoding plantrack reads is refused (exit 1)" rc_is 1
check "naming what it is not" err_has "neither UTF-8 nor GB18030/GBK"
python3 -c "
open('$T/big5.csv','wb').write('target,date,value,note\r\nmini/pm25-2025,2025-06-30,20,這個數據經過環境監測站確認無誤\r\n'.encode('big5'))"
pt $P import "$T/big5.csv"
check "a Big5 file is refused, named" err_has "Big5"
check "nothing of them was stored" test "$(log_rows)" -eq $((before + 2))

# A plain table without the template's extra columns; --new insists.
printf 'target,date,value,source\nmini/pm25-2025,2025-06-30,24,监测站\n' >"$T/plain.csv"
pt $P import --new "$T/plain.csv"
check "a plain table of new figures imports" out_has "imported 1 new observation(s)"
pt $P import --new "$T/excel.csv"
check "--new refuses an export (it has uuids)" err_has "not a table of new figures"
