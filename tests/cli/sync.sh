#!/bin/sh
# sync between logs, as the field works: a city server and two laptops
# (wang, li) record offline, both laptops correct the same figure, and the
# three exchange changesets in different orders, some twice. Every log ends
# with the same rows, byte-identical status JSON and the same conflict;
# re-applying changes nothing; damaged changesets are refused and change
# nothing; every exchange leaves a receipt; `sync HOST` does both ways
# through ssh (a stand-in on PATH). Random orders: make bench / the
# property test in tests/stress/sync.sh.
. "$(dirname "$0")/../lib/cli.sh"
need python3
fresh_plans
P="--plans $T/plans"
T1=mini/ne-capacity-2026

# on LOG ARGS...: run plantrack on one of the logs.
on() {
    db=$1
    shift
    pt $P --db "$T/$db.db" "$@"
}
# name LOG: the name a log was given.
name() {
    case $1 in server) echo server ;; *) echo "laptop-$1" ;; esac
}
# send FROM TO: what TO has not seen of FROM, through a pipe.
send() {
    "$PLANTRACK" $P --db "$T/$1.db" sync export --for "$(name "$2")" \
        2>"$T/send.err" |
        "$PLANTRACK" $P --db "$T/$2.db" sync apply - >"$T/out" 2>"$T/err"
    rc=$?
}
rows_of() {
    "$PLANTRACK" --db "$T/$1.db" export | tail -n +2 | sort
}
json_of() {
    "$PLANTRACK" $P --db "$T/$1.db" status --as-of 2025-07-01 --format json
}

on server sync id server
on wang sync id laptop-wang
on li sync id laptop-li
check "a log is given an id and a name" out_has " laptop-li"
on server add $T1 --value 3000 --date 2024-12-31
orig=$(sed -n 's/^recorded \([0-9a-f-]*\) .*/\1/p' "$T/out")
send server wang
check "a laptop takes the server's figures" out_has "1 new observation(s)"
send server li

# Offline: each records, both laptops correct the same figure.
on wang correct "$orig" --value 3100 --note "wang: 统计局口径"
on li correct "$orig" --value 3200 --note "li: 能源局口径"
on wang add mini/pm25-2025 --value 30 --date 2025-06-30
on li add mini/nox-cut-2024 --value 120 --date 2024-12-31
on server add mini/co2-intensity-2026 --value 8 --date 2024-12-31

send li server
check "the server takes li's figures" out_has "2 new observation(s)"
send server wang
send wang server
send wang li
send server li
send li wang
send server wang
for d in server wang li; do
    rows_of $d >"$T/$d.rows"
    json_of $d >"$T/$d.json"
done
check "the three logs hold the same rows" \
    sh -c "cmp -s '$T/server.rows' '$T/wang.rows' && cmp -s '$T/server.rows' '$T/li.rows'"
check "all seven figures" test "$(wc -l <"$T/server.rows")" -eq 6
check "the three give byte-identical status JSON" \
    sh -c "cmp -s '$T/server.json' '$T/wang.json' && cmp -s '$T/server.json' '$T/li.json'"
check "the competing corrections are marked as a conflict" \
    grep -q '"target": "ne-capacity-2026".*"conflict": true' "$T/wang.json"
for d in server wang li; do
    "$PLANTRACK" --db "$T/$d.db" conflicts --format json >"$T/$d.conflicts"
done
check "the three list the same conflict" \
    sh -c "cmp -s '$T/server.conflicts' '$T/wang.conflicts' && cmp -s '$T/server.conflicts' '$T/li.conflicts' && grep -q 'li: 能源局口径' '$T/li.conflicts'"
for d in server wang li; do
    pt --db "$T/$d.db" verify
    check "the chain of $d holds after the syncs" rc_is 0
done

# The same changeset again, and an old one: nothing changes.
"$PLANTRACK" $P --db "$T/wang.db" sync export -o "$T/w.cs" 2>/dev/null
on server sync apply "$T/w.cs"
check "re-applying a changeset adds nothing" out_has "0 new observation(s)"
check "re-applying exits 0" rc_is 0
json_of server >"$T/again.json"
rows_of server >"$T/again.rows"
check "and changes neither rows nor status" \
    sh -c "cmp -s '$T/server.json' '$T/again.json' && cmp -s '$T/server.rows' '$T/again.rows'"
on server sync apply --dry-run "$T/w.cs"
check "--dry-run says what would happen" out_has "0 row(s) would be added, 6 duplicate(s), 0 conflict(s)"

# Damaged, foreign and future changesets: refused, nothing changed.
python3 - "$T/w.cs" "$T" <<'PY'
import sys
d = open(sys.argv[1], "rb").read()
t = sys.argv[2]
open(t + "/trunc.cs", "wb").write(d[:-7])
b = bytearray(d); b[-20] ^= 0x01
open(t + "/flip.cs", "wb").write(bytes(b))
open(t + "/future.cs", "wb").write(d.replace(b"format 1\n", b"format 7\n", 1))
open(t + "/foreign.cs", "wb").write(b"uuid,plan,target\n1,2,3\n")
PY
for f in trunc flip future foreign; do
    on wang sync apply "$T/$f.cs"
    check "a $f changeset is refused (exit 1)" rc_is 1
    check "saying nothing was applied" err_has "nothing was applied"
done
on wang sync apply "$T/trunc.cs"
check "a truncated changeset is named so" err_has "truncated"
on wang sync apply "$T/future.cs"
check "a newer format asks for a newer plantrack" err_has "newer plantrack"
rows_of wang >"$T/after.rows"
check "none of them changed the log" cmp -s "$T/wang.rows" "$T/after.rows"

# A copy of a log is not another log until it has an id of its own.
cp "$T/wang.db" "$T/copy.db"
"$PLANTRACK" $P --db "$T/wang.db" sync export -o "$T/w2.cs" 2>/dev/null
on copy sync apply "$T/w2.cs"
check "a copy refuses its original's changeset" err_has "sync id --renew"
on copy sync id --renew
on copy sync apply "$T/w2.cs"
check "once renewed it takes it" rc_is 0

# Receipts: who, from which log, what, the head before and after.
on server sync log
check "sync log shows what came in from whom" out_has "in   from laptop-li"
check "with the counts" out_has "added, "
check "and the heads" out_has "head before "
check "and what went out, for whom, from where the other said it holds" out_has "out  for laptop-wang"

# Conflicts are resolved by a correction naming both, which travels.
on li conflicts
c=$(sed -n 's/^to resolve.*plantrack correct \([0-9a-f]*\) .*/\1/p' "$T/out")
on li correct "$c" --value 3150 --note "核对后"
check "a correction of a competing figure resolves the conflict" \
    out_has "this resolves the conflict"
send li server
send server wang
for d in server wang li; do json_of $d >"$T/$d.json"; done
check "once it has travelled, all three agree again" \
    sh -c "cmp -s '$T/server.json' '$T/wang.json' && cmp -s '$T/server.json' '$T/li.json'"
check "with no conflict left" \
    grep -q '"target": "ne-capacity-2026".*"conflict": false' "$T/wang.json"

# A row whose id is here with other content is kept apart, not applied.
on server sync export -o "$T/s.cs" >/dev/null 2>&1
python3 - "$T/s.cs" "$T/s2.cs" <<'PY'
import sys, hashlib
d = open(sys.argv[1], "rb").read()
head, _, payload = d.partition(b"\nsha256 ")
sha_line, _, payload = payload.partition(b"\n\n")
p = bytearray(payload)
i = p.find("核对后".encode())
p[i:i + len("核对后".encode())] = "改过了".encode()
hdr = head + b"\n"
sha = hashlib.sha256(hdr + bytes(p)).hexdigest().encode()
open(sys.argv[2], "wb").write(hdr + b"sha256 " + sha + b"\n\n" + bytes(p))
PY
on wang sync apply "$T/s2.cs"
check "a row changed on the way is a conflict (exit 1)" rc_is 1
check "kept apart and reported" out_has "1 conflict(s) kept apart"
check "named by its id" err_has "conflict: observation"
json_of wang >"$T/wang2.json"
check "never overwriting what is here" cmp -s "$T/wang.json" "$T/wang2.json"
on wang conflicts
check "plantrack conflicts lists the row kept apart, as it came" \
    sh -c "grep -q 'kept apart by a sync' '$T/out' && grep -q '改过了' '$T/out'"

# Both ways through ssh: a stand-in that runs the command on HOST's log.
mkdir -p "$T/bin"
cat >"$T/bin/ssh" <<EOF
#!/bin/sh
host=\$1
shift
PLANTRACK_DB="$T/\$host.db" exec sh -c "\$*"
EOF
chmod +x "$T/bin/ssh"
on nie sync id laptop-nie
on nie add mini/pm25-2025 --value 28 --date 2025-05-31
PATH="$T/bin:$PATH" PLANTRACK_REMOTE="$PLANTRACK $P" pt $P --db "$T/nie.db" sync server
check "sync HOST exchanges both ways (exit 0)" rc_is 0
rows_of nie >"$T/nie.rows"
rows_of server >"$T/server.rows"
check "after it the laptop and the server hold the same rows" \
    cmp -s "$T/nie.rows" "$T/server.rows"
PATH="$T/bin:$PATH" PLANTRACK_REMOTE="$PLANTRACK $P" pt $P --db "$T/nie.db" sync server
check "and again, nothing new either way" out_has "0 new observation(s)"
