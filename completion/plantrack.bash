# bash completion for plantrack(1): commands, options, plan ids,
# PLAN/TARGET, agencies, years, statuses and formats. The words come from
# the program itself (plantrack __complete WHAT), read from the plans in
# use: those of --plans when the line gives it, else ./plans, else the
# installed ones; so completion stays true as the plans change.

# _plantrack_words WHAT: the candidates, from the plantrack being completed
# and the --plans of the line.
_plantrack_words()
{
    "${_plantrack_prog:-plantrack}" "${_plantrack_plans[@]}" __complete "$1" 2>/dev/null
}

# _plantrack_offer CUR: set COMPREPLY to the words on stdin that start
# with CUR, quoted where the shell would split them.
_plantrack_offer()
{
    local cur=$1 w
    COMPREPLY=()
    while IFS= read -r w; do
        [[ $w == "$cur"* ]] || continue
        [[ $w == *[\ \	\'\"\\\$\`\;\&\|\<\>\(\)\*\?\[\]\!\#]* ]] && printf -v w %q "$w"
        COMPREPLY+=("$w")
    done
}

_plantrack()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev= cmd= i w opt
    local -a _plantrack_plans=()
    # The plantrack on the line (./plantrack, a path), else the one on PATH.
    local _plantrack_prog=${COMP_WORDS[0]}
    [[ $_plantrack_prog == */* && -x $_plantrack_prog ]] || _plantrack_prog=plantrack
    # The options that take a value ("--plans=" in the program's list).
    local takes_value=" $(_plantrack_words options | sed -n 's/=$//p' | tr '\n' ' ') "

    # Walk the words before the cursor: the command, --plans, and which
    # option (if any) the current word is the value of. bash splits
    # "--opt=value" into "--opt" "=" "value".
    for ((i = 1; i < COMP_CWORD; i++)); do
        w=${COMP_WORDS[i]}
        if [[ $w == --* && $takes_value == *" $w "* ]]; then
            opt=$w
            ((i + 1 < COMP_CWORD)) && [[ ${COMP_WORDS[i + 1]} == = ]] && ((i++))
            if ((i + 1 < COMP_CWORD)); then
                ((i++))
                w=${COMP_WORDS[i]}
                [[ $w == "~/"* ]] && w=$HOME/${w#"~/"}
                [[ $opt == --plans ]] && _plantrack_plans=(--plans "$w")
            else
                prev=$opt
            fi
        elif [[ $w != -* && -z $cmd ]]; then
            cmd=$w
        fi
    done
    [[ $cur == = ]] && cur=

    case $prev in
    --plans)
        COMPREPLY=($(compgen -d -- "$cur"))
        return
        ;;
    --db)
        COMPREPLY=($(compgen -f -- "$cur"))
        return
        ;;
    --format | --plan | --year | --lead)
        local what=${prev#--}
        case $what in
        format) what=formats ;;
        plan) what=plans ;;
        year) what=years ;;
        lead) what=agencies ;;
        esac
        _plantrack_offer "$cur" < <(_plantrack_words "$what")
        return
        ;;
    --status)
        # A comma-separated list: complete its last name.
        local done_part=
        [[ $cur == *,* ]] && done_part=${cur%,*},
        _plantrack_offer "${cur##*,}" < <(_plantrack_words statuses)
        COMPREPLY=("${COMPREPLY[@]/#/$done_part}")
        return
        ;;
    --*)
        return # a value the shell cannot guess (--value, --date, --note…)
        ;;
    esac

    if [[ $cur == -* ]]; then
        _plantrack_offer "$cur" < <(_plantrack_words options)
        # "--plans=" is offered as "--plans ": the value comes next.
        COMPREPLY=("${COMPREPLY[@]%=}")
        return
    fi
    case $cmd in
    '')
        _plantrack_offer "$cur" < <(_plantrack_words commands)
        ;;
    add | log)
        _plantrack_offer "$cur" < <(_plantrack_words targets)
        # "ord" first completes to the plan ("ordos/") when several targets
        # share it, so a long list is not shown at once.
        if ((${#COMPREPLY[@]} > 1)) && [[ $cur != */* ]]; then
            local -A plans=()
            for w in "${COMPREPLY[@]}"; do plans[${w%%/*}/]=1; done
            COMPREPLY=("${!plans[@]}")
            compopt -o nospace 2>/dev/null
        elif ((${#COMPREPLY[@]} == 1)) && [[ ${COMPREPLY[0]} == */ ]]; then
            compopt -o nospace 2>/dev/null
        fi
        ;;
    check)
        COMPREPLY=($(compgen -f -- "$cur"))
        ;;
    import)
        COMPREPLY=($(compgen -f -- "$cur"))
        ;;
    esac
}
complete -F _plantrack plantrack
