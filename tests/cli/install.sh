#!/bin/sh
# make install honours PREFIX and DESTDIR: the installed program finds its
# plans, its manual pages and its Chinese catalogue where it was put, even
# when the tree was built before for another prefix. Built apart (in $T,
# without optimisation), once: in the plain suite.
. "$(dirname "$0")/../lib/cli.sh"
. "$TOP/tests/lib/reliability.sh"
if [ "$SUITE" != plain ]; then
    skip "make install with PREFIX and DESTDIR" "built once, in the plain suite"
    exit 0
fi
MK="make -s -C $TOP B=$T/build BA=$T/build/asan OPT=-O0"

$MK all >/dev/null 2>&1 # the default prefix first
$MK install PREFIX="$T/pfx" >"$T/make.log" 2>&1
check "make install PREFIX=... installs" sh -c "[ -x '$T/pfx/bin/plantrack' ]"
unset PLANTRACK_LOCALEDIR
cd "$T" # no ./plans here: the installed ones are used
"$T/pfx/bin/plantrack" status --format csv --as-of 2025-07-01 >"$T/out" 2>"$T/err"
rc=$?
check "the installed program finds the installed plans, though built before for another prefix" \
    sh -c "[ $rc -eq 0 ] && [ \$(grep -c '^ordos,' '$T/out') -eq 61 ]"
LANGUAGE=zh_CN "$T/pfx/bin/plantrack" --help >"$T/out" 2>&1
check "and its installed Chinese catalogue" out_has "用法"
check "the manual pages are installed" \
    sh -c "[ -f '$T/pfx/share/man/man1/plantrack.1' ] && [ -f '$T/pfx/share/man/man5/plantrack-plans.5' ]"

$MK install PREFIX=/opt/plantrack DESTDIR="$T/stage" >/dev/null 2>&1
check "DESTDIR stages the files under it" \
    sh -c "[ -x '$T/stage/opt/plantrack/bin/plantrack' ] && [ -f '$T/stage/opt/plantrack/share/plantrack/plans/ordos.yaml' ]"
"$T/stage/opt/plantrack/bin/plantrack" status >"$T/out" 2>&1
check "for the prefix it will run from" out_has "/opt/plantrack/share/plantrack/plans"
$MK uninstall PREFIX=/opt/plantrack DESTDIR="$T/stage" >/dev/null 2>&1
check "make uninstall removes them" \
    sh -c "[ ! -e '$T/stage/opt/plantrack/bin/plantrack' ] && [ ! -e '$T/stage/opt/plantrack/share/plantrack' ]"
