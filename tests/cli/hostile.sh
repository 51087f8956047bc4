#!/bin/sh
# Hostile plan files, generated here rather than kept in the tree: each is
# refused with FILE:LINE:COLUMN, in bounded memory and time, without a
# crash, and the good plan beside them still loads.
. "$(dirname "$0")/../lib/cli.sh"
. "$TOP/tests/lib/reliability.sh"
need python3 setpriv
fresh_plans
H="$T/hostile"
mkdir -p "$H"
cp "$T/plans/mini.yaml" "$H/"
cp -r "$T/plans/sources" "$H/"

python3 - "$H" <<'EOF'
import os, sys
h = sys.argv[1]
def w(name, data):
    with open(os.path.join(h, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())
w("big-string.yaml", "id: big\ntitle: \"" + "长" * ((10 << 20) // 3) + "\"\n")
w("long-string.yaml", "id: long\ntitle: \"" + "a" * (3 << 20) + "\"\n")
w("deep-flow.yaml", "id: deep\ntitle: " + "[" * 100000 + "\n")
w("deep-block.yaml", "".join("  " * i + "k%d:\n" % i for i in range(100)))
w("wide-list.yaml", "id: wide\nsection: [" + "1," * 1500000 + "1]\n")
lol = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
for i in range(1, 10):
    lol.append("a%d: &a%d [%s]" % (i, i, ",".join(["*a%d" % (i - 1)] * 9)))
w("billion-laughs.yaml", "\n".join(lol) + "\n")
w("bad-utf8.yaml", b"id: bad\ntitle: \xe6\x96\n")
w("nul.yaml", b"id: nul\ntitle: a\x00b\n")
w("wrong-types.yaml", "id: [x]\ntitle: {a: b}\nagencies: 5\ntargets: x\n")
w("dup-key.yaml", "id: a\ntitle: t\nid: b\n")
w("malformed.yaml", "id: x\ntitle: 'unterminated\nissuer: y\n")
w("tabs.yaml", "id: x\n\ttitle: y\n")
w("many-agencies.yaml", "agencies:\n" + "".join(
    "  - {id: a%d, name: n%d}\n" % (i, i) for i in range(5000)))
EOF
mkdir "$H/directory.yaml"
mkfifo "$H/fifo.yaml"
ln -s loop.yaml "$H/loop.yaml"

# expect FILE TEXT: `plantrack check FILE` exits 1 and says TEXT, at once.
expect() {
    f=$1 want=$2
    pt check "$H/$f"
    check "$f: refused with exit 1" rc_is 1
    check "$f: says '$want'" err_has "$H/$want"
}
# Under valgrind (50 times slower) only the folder of all of them, below.
if [ "$SUITE" != valgrind ]; then
expect big-string.yaml "big-string.yaml:1:1: file too large"
expect deep-flow.yaml "deep-flow.yaml:2:39: nesting too deep"
expect deep-block.yaml "deep-block.yaml:33:65: nesting too deep"
expect wide-list.yaml "wide-list.yaml:2:"
check "wide-list.yaml: refused for its size, not read to the end" \
    err_has "too many YAML nodes"
expect billion-laughs.yaml \
    "billion-laughs.yaml:2:10: alias '*a0': plan files may not use aliases"
expect bad-utf8.yaml "bad-utf8.yaml:2:9: invalid trailing UTF-8 octet"
expect nul.yaml "nul.yaml:2:9: control characters are not allowed"
expect wrong-types.yaml "wrong-types.yaml:1:5: 'id' must be a text or number, not a list"
check "wrong-types.yaml: every wrong type is reported" \
    sh -c "grep -q \"wrong-types.yaml:3:11: 'agencies' must be a list\" '$T/err' &&
           grep -q \"wrong-types.yaml:4:10: 'targets' must be a list\" '$T/err'"
expect dup-key.yaml "dup-key.yaml:3:1: duplicate key 'id'"
expect malformed.yaml "malformed.yaml:4:1: found unexpected end of stream"
expect tabs.yaml "tabs.yaml:2:1: found a tab character that violates indentation"
expect many-agencies.yaml "many-agencies.yaml:2:3: too many agencies (5000; at most 200)"
expect loop.yaml "loop.yaml:1:1: Too many levels of symbolic links"
fi

# A FIFO would block a reader until someone writes to it: the check must
# end by itself. A minute is only the bound of a failure (valgrind on a
# loaded machine took more than the five seconds this once allowed).
pt check "$H/fifo.yaml" &
i=0
while kill -0 $! 2>/dev/null && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
if kill -0 $! 2>/dev/null; then
    kill $!
    fail "fifo.yaml: refused without waiting for a writer"
else
    wait $!
    pass "fifo.yaml: refused without waiting for a writer"
fi

# A file the user may not read. Root reads anything whatever the mode, so
# as root the check runs as nobody (setpriv).
cp "$H/mini.yaml" "$H/unreadable.yaml"
chmod 000 "$H/unreadable.yaml"
if [ "$(id -u)" != 0 ]; then
    expect unreadable.yaml "unreadable.yaml:1:1: Permission denied"
elif can_drop_root; then
    chmod 755 "$T" "$H"
    pt_as_nobody check "$H/unreadable.yaml"
    check "unreadable.yaml (as nobody): refused with exit 1" rc_is 1
    check "unreadable.yaml: says 'Permission denied'" \
        err_has "$H/unreadable.yaml:1:1: Permission denied"
else
    skip "unreadable.yaml: refused" "file modes do not bind root, and without setpriv root cannot run it as another account"
fi

# All of them in one plan folder: the good plan still loads, everywhere.
pt check "$H"
check "a folder of hostile files: check exits 1, not a crash" rc_is 1
check "and the good plan among them still loads" \
    out_has "1 plan(s), 5 target(s) loaded"
check "a directory named like a plan is one of the refused files" \
    err_has "$H/directory.yaml:1:1: is a directory"
check "so is a FIFO" err_has "$H/fifo.yaml:1:1:"
if full; then
    pt --plans "$H" --db "$T/none.db" add mini/pm25-2025 --value 25 \
        --date 2024-12-31
    pt --plans "$H" --db "$T/none.db" status --format csv --as-of 2025-07-01
    check "status still lists the good plan's targets" \
        test "$(grep -c '^mini,' "$T/out")" -eq 5
    check "and names the skipped files on stderr" \
        err_has "plan file(s) skipped because of the errors above"
    check "and exits 1, the failures at the top of the output" \
        sh -c "[ $rc -eq 1 ]"
fi
check "nothing on stderr holds a control character" \
    sh -c "! LC_ALL=C grep -q '[[:cntrl:]]' '$T/err'"

# Bounded memory: the peak of `plantrack check` on each hostile file stays
# a small multiple of the 4 MB size limit (valgrind's own memory would
# swamp it, so not under valgrind).
limit=$(by_suite 40000 150000 0 40000)
if [ "$SUITE" = valgrind ]; then
    skip "memory stays bounded" "valgrind's own memory would hide the program's (the plain and asan suites measure it)"
else
    worst=0 worst_file=
    for f in big-string long-string deep-flow wide-list billion-laughs \
        many-agencies; do
        max_rss "$PLANTRACK" check "$H/$f.yaml"
        echo "#   max RSS of plantrack check $f.yaml: $kb KiB (exit $rc)"
        if [ "$kb" -gt "$worst" ]; then worst=$kb worst_file=$f; fi
    done
    check "memory stays bounded: at most $worst KiB ($worst_file.yaml; limit $limit)" \
        test "$worst" -le "$limit"
fi
