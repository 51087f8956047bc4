#!/bin/sh
# The manual keeps up with the program: every key of the viewer's key
# table and every command is documented in plantrack(1).
. "$(dirname "$0")/../lib/cli.sh"
MAN="$TOP/man/plantrack.1"

keys=$(sed -n 's/^ *{[^,]*, "\([^"]*\)", REQ_[A-Z_]*},$/\1/p' "$TOP/src/tui/keys.c")
check "the key table can be read" test -n "$keys"
# A key is documented when it is a whole word of a .B or .BR line.
documented() {
    awk -v k="$1" '/^\.(B|BR) / {
        line = $0; sub(/^\.(B|BR) /, "", line); gsub(/[",]/, " ", line)
        n = split(line, w, " "); for (i = 1; i <= n; i++) if (w[i] == k) found = 1
    } END { exit !found }' "$MAN"
}
for k in $keys; do
    check "plantrack(1) documents the key $k" documented "$k"
done
for c in check status add correct log export import; do
    check "plantrack(1) documents the command $c" grep -qE "^\.B $c( |$)" "$MAN"
done
pt --help
for c in check status add correct log export import; do
    check "--help lists the command $c" out_has "  $c"
done
