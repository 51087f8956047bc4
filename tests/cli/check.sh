#!/bin/sh
# plantrack check: valid plans pass, each broken rule gives file:line:column.
. "$(dirname "$0")/../lib/cli.sh"

pt check "$TOP/plans"
check "the shipped plans validate" rc_is 0
check "check says how many plans and targets" out_has "5 plan(s)"

pt check "$FIX/plans/mini.yaml"
check "a single file can be checked" out_has "1 plan(s), 5 target(s): no problems"

for f in "$FIX"/bad/*.yaml; do
    want=$(head -n 1 "$f" | sed 's/^# expect: //')
    pt check "$f"
    name=$(basename "$f" .yaml)
    check "bad plan '$name' exits 1" rc_is 1
    check "bad plan '$name' says: $want" err_has "$want"
done

pt check "$FIX/bad/syntax.yaml" "$FIX/plans/mini.yaml"
check "a broken file does not hide a good one" out_has "1 plan(s), 5 target(s) loaded"
check "errors of several files are all reported" err_has "1 file(s) not loaded"

mkdir -p "$T/empty"
pt check "$T/empty"
check "a folder without plans is an error" rc_is 1
check "and says so" err_has "no plan files"

pt --plans "$T/nowhere" check
check "a missing plan folder is reported" err_has "cannot read plan directory"
