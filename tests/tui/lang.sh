#!/bin/sh
# The language does not depend on the server's locales: --lang zh gives
# Chinese with only C.UTF-8 (the one locale this machine's glibc always
# has), so does LANG=zh_CN.UTF-8 when that locale is not generated; --lang
# en gives English whatever the locale; a GBK locale gets one warning and
# plain ASCII, never garbled text.
. "$(dirname "$0")/../lib/tui.sh"
fresh_plans
P="--plans $T/plans --as-of 2025-07-01"

pt --lang zh --help
check "--lang zh: the help is Chinese with LC_ALL=C.UTF-8" out_has "用法：plantrack"
LANGUAGE=zh_CN "$PLANTRACK" --lang en --help >"$T/out" 2>&1
check "--lang en: English although LANGUAGE asks for Chinese" out_has "Usage: plantrack"
pt --lang fr --help
check "--lang fr is refused" err_has "--lang must be zh or en, not 'fr'"
env -u LC_ALL LANG=zh_CN.UTF-8 LOCPATH="$T/none" "$PLANTRACK" --help >"$T/out" 2>&1
check "LANG=zh_CN.UTF-8 without that locale generated: still Chinese" \
    out_has "用法：plantrack"

start 80 24 $P --lang zh
see "the viewer with --lang zh and only C.UTF-8 is Chinese" wait_for "目标 (5)"
see "and fits 80 columns" fits 80
see "and quits cleanly" quit_cleanly

mkdir -p "$HOME/.config/plantrack"
printf 'language = zh\n' >"$HOME/.config/plantrack/config"
start 80 24 $P
see "language = zh in the config does the same" wait_for "目标 (5)"
see "the config's viewer quits cleanly" quit_cleanly
start 80 24 $P --lang en
see "--lang en wins over the config" wait_for "Targets (5)"
see "the English viewer quits cleanly" quit_cleanly
rm "$HOME/.config/plantrack/config"

if mkdir -p "$T/loc" && localedef -i zh_CN -f GBK "$T/loc/zh_CN.GBK" \
    >/dev/null 2>&1; then
    env -u LC_ALL LANG=zh_CN.GBK LOCPATH="$T/loc" "$PLANTRACK" --plans \
        "$T/plans" check >"$T/out" 2>"$T/err"
    check "a GBK locale gets one warning" err_has "character set is GBK, not UTF-8"
    check "only one" sh -c "[ \$(grep -c 'not UTF-8' '$T/err') = 1 ]"
    TUI_ENV="LC_ALL= LANG=zh_CN.GBK LOCPATH='$T/loc'" start 80 24 $P
    see "under GBK the viewer is English" wait_for "Targets (5)"
    see "with ASCII for what it cannot show, no garbled bytes" sh -c \
        "grep -q 'R unreported' '$T/screen' && ! grep -q '[^ -~│┌┐└┘─├┤]' '$T/screen'"
    see "the GBK viewer quits cleanly" sh -c \
        "tmux -S '$SOCK' send-keys -t t q; sleep 0.5; grep -q 'not UTF-8' '$T/tui.err'"
else
    fail "a GBK locale: localedef could not build zh_CN.GBK (install locales)"
fi
