#!/bin/sh
# What the tests call comes from `make deps` or from every Debian system:
# each tool a test declares (need TOOL) is in a package of DEB_BUILD or
# DEB_TEST, or in a package of priority "required" (debootstrap's minbase
# has them all). A tool that a fresh machine lacks would otherwise fail
# the suite there, and only there.
. "$(dirname "$0")/../lib/cli.sh"
. "$TOP/tests/lib/reliability.sh"
if [ "$SUITE" != plain ]; then
    skip "the tests' tools come from make deps" "it reads the sources, so it runs once, in the plain suite"
    exit 0
fi
lists=" $(make -s -C "$TOP" print-DEB_BUILD) $(make -s -C "$TOP" print-DEB_TEST) "
# Priority required in Debian 12 (those a test may use).
base=" bash coreutils dash diffutils e2fsprogs findutils grep gzip libc-bin mawk mount passwd sed tar util-linux bsdutils "
check "make print-DEB_TEST lists the test tools" sh -c "echo '$lists' | grep -q tmux"
tools=$(cat "$TOP"/tests/*/*.sh "$TOP"/tests/lib/*.sh |
    sed -n 's/^ *need \([a-z0-9 _.-]*\)$/\1/p' | tr ' ' '\n' | sort -u)
check "the tests declare their tools" test -n "$tools"
for tool in $tools; do
    p=$(package_of "$tool")
    case "$lists$base" in
    *" $p "*) pass "$tool (package $p) comes with make deps or every system" ;;
    *) rc=1 fail "$tool (package $p): add $p to DEB_TEST in the Makefile (and, if the tool is not named as its package, to package_of in tests/lib/cli.sh)" ;;
    esac
done
