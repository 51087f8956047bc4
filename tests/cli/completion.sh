#!/bin/sh
# Bash completion (completion/plantrack.bash) as bash uses it: the script
# loaded, COMP_WORDS and COMP_CWORD set as for a line with the cursor at its
# end, the function called, COMPREPLY read. The words come from the program
# under test (plantrack __complete) and the plans in use.
. "$(dirname "$0")/../lib/cli.sh"
. "$TOP/tests/lib/reliability.sh"
need bash
fresh_plans

# completes EXPECTED LINE: Tab at the end of LINE (words split on blanks; a
# trailing blank starts an empty word) offers exactly EXPECTED (the
# candidates sorted, one blank between them). The program is $PLANTRACK.
completes() {
    expected=$1 line=$2
    (cd "$T" && bash --norc --noprofile -c '
        . "$1"
        read -ra COMP_WORDS <<<"$2"
        [[ $2 == *" " ]] && COMP_WORDS+=("")
        COMP_WORDS[0]=$3
        COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
        COMP_LINE=$2 COMP_POINT=${#2}
        _plantrack
        printf "%s\n" "${COMPREPLY[@]}" | sort | paste -sd " "
    ' completion "$TOP/completion/plantrack.bash" "$line" "$PLANTRACK") \
        >"$T/out" 2>"$T/err"
    rc=$?
    [ "$(cat "$T/out")" = "$expected" ]
}

# In $T there is no ./plans: the fixture plans come through --plans, as a
# user's own plan folder would.
P="--plans $T/plans"
check "plantrack st<Tab> completes the command status" \
    completes "status" "plantrack st"
check "plantrack $P add mi<Tab> completes the plan of the targets: mini/" \
    completes "mini/" "plantrack $P add mi"
check "plantrack $P add mini/ne<Tab> completes the target" \
    completes "mini/ne-capacity-2026" "plantrack $P add mini/ne"
mkdir -p "$T/seeds"
cp "$TOP/plans/ordos.yaml" "$T/seeds/"
check "plantrack --plans DIR add ord<Tab>: the plans of --plans, not ./plans" \
    completes "ordos/" "plantrack --plans $T/seeds add ord"
check "--plans=DIR is read too" \
    completes "ordos/ne-capacity-2026" "plantrack --plans = $T/seeds add ordos/ne-c"
full || exit 0
completes "" "plantrack --plans $T/none add ord"
check "with no plans at all, nothing is offered" rc_is 0
check "and no message" test ! -s "$T/err"
check "options: plantrack status --pla<Tab>" \
    completes "--plan --plans" "plantrack status --pla"
check "--format offers the formats" \
    completes "json" "plantrack $P status --format j"
check "--status completes the last name of a list" \
    completes "deterioration,unreported" "plantrack $P status --status deterioration,un"
check "--lead offers the agencies, in Chinese" \
    completes "市能源局" "plantrack $P status --lead 市能"
check "--plan offers the plan ids" completes "mini" "plantrack $P status --plan "
check "a value the shell cannot guess offers nothing" \
    completes "" "plantrack $P add mini/pm25-2025 --value "
check "a command's arguments after an option's value: log mini/p<Tab>" \
    completes "mini/pm25-2025" "plantrack --db $T/x.db $P log mini/p"

# The hidden command behind it, as the man page documents it.
pt $P __complete targets
check "__complete targets lists every PLAN/TARGET of the plans in use" \
    sh -c "[ \$(wc -l <'$T/out') -eq 5 ] && grep -qx mini/pm25-2025 '$T/out'"
pt __complete commands
check "__complete commands lists the commands, not the hidden one" \
    sh -c "grep -qx status '$T/out' && ! grep -q __complete '$T/out'"
pt --help
check "--help does not show __complete" sh -c "! grep -q __complete '$T/out'"
check "plantrack(1) documents it" grep -q '__complete' "$TOP/man/plantrack.1"
pt __complete nonsense
check "__complete with an unknown word: exit 1" rc_is 1
