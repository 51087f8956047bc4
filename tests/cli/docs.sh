#!/bin/sh
# The manual keeps up with the program: every key of the viewer's key
# table and every command is documented in plantrack(1).
. "$(dirname "$0")/../lib/cli.sh"
MAN="$TOP/man/plantrack.1"

# The names of the default keys, as the viewer's help shows them: the
# table of defaults read with the table of named keys.
keys=$(python3 - "$TOP/src/tui/keys.c" <<'PY'
import re, sys
src = open(sys.argv[1], encoding="utf-8").read()
named = dict(re.findall(r'\{\s*([^{}]+?),\s*"([^"]+)"\s*\}', src))
table = src[src.index("DEFAULTS[]"):]
table = table[:table.index("};")]
for key in re.findall(r"\{\s*(.+?),\s*REQ_[A-Z_0-9]+\s*\}", table):
    if key in named:
        print(named[key])
    elif m := re.fullmatch(r"FKEY\(KEY_F\((\d+)\)\)", key):
        print("F" + m.group(1))
    elif m := re.fullmatch(r"CTRL\('(.)'\)", key):
        print("Ctrl-" + m.group(1).upper())
    elif key == "27":
        print("Esc")
    elif m := re.fullmatch(r"'(.)'", key):
        print(m.group(1))
PY
)
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
# The commands of the command table in src/cli.c.
cmds=$(sed -n 's/^ *\[CMD_[A-Z_]*\] = {"\([a-z-]*\)", cmd_[a-z_]*},$/\1/p' "$TOP/src/cli.c")
check "the command table can be read" test "$(echo $cmds | wc -w)" -ge 8
for c in $cmds; do
    check "plantrack(1) documents the command $c" grep -qE "^\.B $c( |$)" "$MAN"
done
pt --help
for c in $cmds; do
    check "--help lists the command $c" out_has "  $c"
done
