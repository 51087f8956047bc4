#!/bin/sh
# make install honours PREFIX and DESTDIR: the installed program finds its
# plans, its manual pages and its Chinese catalogue where it was put, even
# when the tree was built before for another prefix. Built apart (in $T,
# without optimisation), once: in the plain suite.
. "$(dirname "$0")/../lib/cli.sh"
. "$TOP/tests/lib/reliability.sh"
if [ "$SUITE" != plain ]; then
    skip "make install with PREFIX and DESTDIR" "it builds the tree again, so it runs once, in the plain suite"
    exit 0
fi
MK="make -s -C $TOP B=$T/build BA=$T/build/asan OPT=-O0"

$MK all >/dev/null 2>&1 # the default prefix first
$MK install PREFIX="$T/pfx" >"$T/make.log" 2>&1
check "make install PREFIX=... installs" sh -c "[ -x '$T/pfx/bin/plantrack' ]"
unset PLANTRACK_LOCALEDIR
cd "$T" # no ./plans here: the installed ones are used
env -u PLANTRACK_DB "$T/pfx/bin/plantrack" status --format csv --as-of 2025-07-01 >"$T/out" 2>"$T/err"
rc=$?
check "the installed program finds the installed plans, though built before for another prefix" \
    sh -c "[ $rc -eq 0 ] && [ \$(grep -c '^ordos,' '$T/out') -eq 62 ]"
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
check "make install installs the bash completion" \
    test -f "$T/pfx/share/bash-completion/completions/plantrack"

# One version, from one place: the first entry of debian/changelog.
version=$(head -n 1 "$TOP/debian/changelog" | sed 's/^plantrack (\([^)]*\)).*/\1/')
date=$(date -u -d "$(sed -n 's/^ -- .*>  //p' "$TOP/debian/changelog" | head -n 1)" +%Y-%m-%d)
"$T/pfx/bin/plantrack" --version >"$T/out" 2>&1
check "--version says the version of debian/changelog ($version)" \
    test "$(cat "$T/out")" = "plantrack $version"
for m in "$T"/pfx/share/man/man*/*; do
    check "$(basename "$m"): its footer has that version and date ($date)" \
        sh -c "head -n 1 '$m' | grep -qF '\"$date\" \"plantrack $version\"'"
    check "$(basename "$m"): no placeholder is left" sh -c "! grep -q '@[A-Z_]*@' '$m'"
    check "$(basename "$m"): it names the installed plan folder" \
        sh -c "! grep -q /usr/local/share/plantrack '$m'"
done
$MK dist >"$T/dist.log" 2>&1
check "make dist makes plantrack-$version.tar.gz" \
    test -f "$T/build/plantrack-$version.tar.gz"
tar -tzf "$T/build/plantrack-$version.tar.gz" >"$T/out" 2>&1
for f in Makefile README.md src/main.c po/zh_CN.po man/plantrack.1 \
    plans/ordos.yaml plans/sources/ordos.txt completion/plantrack.bash \
    debian/changelog debian/rules tests/run-all; do
    check "the tarball holds $f" grep -qx "plantrack-$version/$f" "$T/out"
done
check "and nothing built" sh -c "! grep -qE '/build/|/plantrack$' '$T/out'"

# The package builds from what make run installs: every package of
# DEB_BUILD but the compiler's own (build-essential) is a Build-Depends.
# field_has FIELD PACKAGE: debian/control's FIELD (of any paragraph) names it.
field_has() {
    sed -n "/^$1:/,/^[A-Z]/p" "$TOP/debian/control" | sed '$d' |
        grep -qE "(^|[ ,])$2([ ,(]|\$)"
}
for p in $(make -s -C "$TOP" print-DEB_BUILD); do
    case $p in gcc | g++ | libc6-dev | make | dpkg-dev) continue ;; esac
    check "debian/control builds with $p (in DEB_BUILD)" field_has Build-Depends "$p"
done
