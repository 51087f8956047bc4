#!/bin/sh
# The property of sync: three logs with random adds and corrections
# (competing corrections of one observation among them), exchanged through
# changesets in every order, and again, end with the same rows and
# byte-identical status JSON and conflicts. A new seed each run, printed
# so that a failure can be replayed: SYNC_SEED=N.
. "$(dirname "$0")/../lib/cli.sh"
. "$TOP/tests/lib/reliability.sh"
if [ "$SUITE" = valgrind ]; then
    skip "sync in every order" "it is about which rows and figures, not memory: the plain and asan suites run it (sync.sh runs sync under valgrind)"
    exit 0
fi
need python3
fresh_plans

python3 - "$PLANTRACK" "$T" "${SYNC_SEED:-}" <<'PY' >"$T/out" 2>"$T/err"
import itertools, os, random, subprocess, sys

pt, T, seed = sys.argv[1], sys.argv[2], sys.argv[3]
seed = int(seed) if seed else random.randrange(1 << 30)
print(f"seed {seed}")
rnd = random.Random(seed)
P = ["--plans", f"{T}/plans"]
TARGETS = {"mini/ne-capacity-2026": (3000, 5000),
           "mini/pm25-2025": (20, 40),
           "mini/nox-cut-2024": (50, 300)}


def run(db, *args, stdin=None):
    p = subprocess.run([pt, *P, "--db", f"{T}/{db}.db", *args], input=stdin,
                       capture_output=True)
    return p.returncode, p.stdout, p.stderr


def must(db, *args, stdin=None):
    rc, out, err = run(db, *args, stdin=stdin)
    if rc not in (0, 1):
        sys.exit(f"{db}: {' '.join(args)}: exit {rc}: {err.decode()}")
    return out.decode()


logs = ["a", "b", "c"]
for db in logs:
    must(db, "sync", "id", f"log-{db}")
# A figure every log has, so that two of them can correct it offline.
out = must("a", "add", "mini/ne-capacity-2026", "--value", "3000",
           "--date", "2024-12-31")
shared = out.split()[1]
cs = must("a", "sync", "export", "-o", f"{T}/a0.cs")
for db in ("b", "c"):
    must(db, "sync", "apply", f"{T}/a0.cs")

# Offline work: adds, corrections of one's own figures, and corrections of
# the shared figure by two or three logs at once.
for db in logs:
    mine = []
    for i in range(rnd.randrange(2, 5)):
        t = rnd.choice(list(TARGETS))
        lo, hi = TARGETS[t]
        day = rnd.choice(["2024-12-31", "2025-03-31", "2025-06-30"])
        out = must(db, "add", t, "--value", str(rnd.randrange(lo, hi)),
                   "--date", day)
        mine.append(out.split()[1])
    if mine and rnd.random() < 0.7:
        must(db, "correct", rnd.choice(mine), "--value",
             str(rnd.randrange(20, 40)), "--note", f"{db} fixes its own")
    if db != "a" or rnd.random() < 0.5:
        must(db, "correct", shared, "--value", str(rnd.randrange(3001, 3999)),
             "--note", f"{db} corrects the shared figure")

# Each log's changeset for anyone; each log takes the others' in its own
# order, then all of them again in another.
for db in logs:
    must(db, "sync", "export", "-o", f"{T}/{db}.cs")
orders = list(itertools.permutations(logs))
for k, db in enumerate(logs):
    for order in (orders[2 * k], orders[2 * k + 1]):
        for src in order:
            if src != db:
                must(db, "sync", "apply", f"{T}/{src}.cs")
# A fresh log that takes all three, in every order, from a copy each time.
for n, order in enumerate(orders):
    db = f"fresh{n}"
    must(db, "sync", "id", db)
    for src in order:
        must(db, "sync", "apply", f"{T}/{src}.cs")
    logs.append(db)


def state(db):
    rows = sorted(must(db, "export").splitlines()[1:])
    status = must(db, "status", "--as-of", "2025-07-01", "--format", "json")
    rc, conflicts, _ = run(db, "conflicts", "--format", "json")
    return rows, status, conflicts


ref = state("a")
print(f"rows {len(ref[0])}")
marked = '"conflict": true' in ref[1]
print("conflict true" if marked else "conflict false")
for db in logs[1:]:
    s = state(db)
    for what, i in (("rows", 0), ("status", 1), ("conflicts", 2)):
        print(f"same {what} {db}" if s[i] == ref[i] else f"DIFFERENT {what} {db}")
PY
rc=$?
check "the exchanges ran (seed in the output)" rc_is 0
for db in b c fresh0 fresh1 fresh2 fresh3 fresh4 fresh5; do
    for what in rows status conflicts; do
        check "$db ends with the same $what as a" out_has "same $what $db"
    done
done
check "the shared figure's competing corrections are a conflict" \
    out_has "conflict true"
