#!/usr/bin/env python3
"""bench/bench.py: the benchmark of issue 6, run by `make bench`: builds a
synthetic workload through plantrack's own paths, measures plantrack beside
the physical floor of each thing (measured in the same run), prints the
table, checks the goals of the issue and rewrites bench/RESULTS.md.

    python3 bench/bench.py [--runs N] [--no-results]

Expects `make bench` to have built ./plantrack and build/bench/bin/
(yaml_floor, curses_floor, runstat). Works in build/bench/work/.
"""
import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import ptydrive  # noqa: E402

BIN = os.path.join(ROOT, "build", "bench", "bin")
WORK = os.path.join(ROOT, "build", "bench", "work")
PT = os.path.join(ROOT, "plantrack")
RUNSTAT = os.path.join(BIN, "runstat")
YAML_FLOOR = os.path.join(BIN, "yaml_floor")
CURSES_FLOOR = os.path.join(BIN, "curses_floor")
SEARCHKEYS = os.path.join(BIN, "searchkeys")
REAL_PLANS = os.path.join(ROOT, "plans")
BIG_PLANS = os.path.join(WORK, "plans")
BIG_DB = os.path.join(WORK, "big.db")
OBS_CSV = os.path.join(WORK, "obs.csv")
AS_OF = "2026-06-30"
N_OBS = 1_000_000
SLICE = 100_000

# The floor of "status": the latest current (uncorrected) observation of
# every target as of a date, by a skip-scan over the (plan, target, date)
# index: a few index seeks per target instead of reading every row.
LATEST_SQL = """\
WITH RECURSIVE k(plan, target) AS (
  SELECT * FROM (SELECT plan, target FROM observations
                 ORDER BY plan, target LIMIT 1)
  UNION ALL
  SELECT CASE WHEN (SELECT o.target FROM observations o
                    WHERE o.plan = k.plan AND o.target > k.target
                    ORDER BY o.plan, o.target LIMIT 1) IS NOT NULL
              THEN k.plan
              ELSE (SELECT o.plan FROM observations o WHERE o.plan > k.plan
                    ORDER BY o.plan LIMIT 1) END,
         coalesce((SELECT o.target FROM observations o
                   WHERE o.plan = k.plan AND o.target > k.target
                   ORDER BY o.plan, o.target LIMIT 1),
                  (SELECT o.target FROM observations o
                   WHERE o.plan = (SELECT p.plan FROM observations p
                                   WHERE p.plan > k.plan
                                   ORDER BY p.plan LIMIT 1)
                   ORDER BY o.plan, o.target LIMIT 1))
  FROM k WHERE k.plan IS NOT NULL
)
SELECT o.plan, o.target, o.date, o.value, o.state
FROM k JOIN observations o ON o.seq =
  (SELECT x.seq FROM observations x
   WHERE x.plan = k.plan AND x.target = k.target AND x.date <= '{as_of}'
     AND NOT EXISTS (SELECT 1 FROM observations c WHERE c.corrects = x.uuid)
   ORDER BY x.date DESC, x.seq DESC LIMIT 1);
"""

# The floor of import: the sqlite3 shell loading the same CSV into the same
# schema (made by plantrack), with the same durability.
IMPORT_SQL = """\
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
PRAGMA temp_store = MEMORY;
CREATE TEMP TABLE staging (uuid, plan, target, date, value, state, unit,
                           source, note, author, host, recorded_at, corrects);
.import --csv --skip 1 --schema temp {csv} staging
BEGIN IMMEDIATE;
INSERT OR IGNORE INTO observations (uuid, plan, target, date, value, state,
    unit, source, note, author, host, recorded_at, corrects)
  SELECT uuid, plan, target, date, NULLIF(value, ''), NULLIF(state, ''),
         unit, source, note, author, host, recorded_at, NULLIF(corrects, '')
  FROM staging;
COMMIT;
"""

# The floor of add: one durable insert by the sqlite3 shell.
ADD_SQL = """\
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
BEGIN IMMEDIATE;
INSERT INTO observations (uuid, plan, target, date, value, unit, source,
    author, host, recorded_at)
  VALUES (lower(hex(randomblob(16))), '{plan}', '{target}', '{date}', {value},
          '{unit}', '基准测试', 'bench', 'bench',
          strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
COMMIT;
"""

LEGEND = ("ratio = plantrack's cost over the floor's (time, bytes, memory; "
          "for obs/s the floor's rate over plantrack's): above 1, plantrack "
          "does more than the floor.")

KEY_NAMES = {b"j": "j (cursor move)", b"\t": "Tab (pane switch)",
             b"\x0c": "Ctrl-L (full repaint)"}


def say(*a):
    print(*a, flush=True)


# ---- running things ----

def env_for_product():
    env = {k: v for k, v in os.environ.items()
           if k not in ("LINES", "COLUMNS", "PLANTRACK_DB", "NO_COLOR",
                        "LANGUAGE", "PLANTRACK_DRAFTS", "MAKEFLAGS",
                        "MAKELEVEL", "MFLAGS")}
    env.update(TERM="xterm-256color", LC_ALL="C.UTF-8", LANG="C.UTF-8",
               XDG_STATE_HOME=os.path.join(WORK, "state"),
               XDG_DATA_HOME=os.path.join(WORK, "data"))
    return env


ENV = None


def run(argv, stdin=None, stdout=subprocess.DEVNULL, check=True):
    """Run argv under runstat; return (seconds, peak RSS KiB, exit code)."""
    stat = os.path.join(WORK, ".runstat")
    inp = open(stdin, "rb") if stdin else subprocess.DEVNULL
    try:
        p = subprocess.run([RUNSTAT, stat] + argv, stdin=inp, stdout=stdout,
                           stderr=subprocess.PIPE, env=ENV)
    finally:
        if stdin:
            inp.close()
    with open(stat) as f:
        secs, rss, code = f.read().split()
    if check and int(code) != 0:
        raise SystemExit(f"bench: {' '.join(argv)} failed ({code}):\n"
                         f"{p.stderr.decode(errors='replace')[-2000:]}")
    return float(secs), int(rss), int(code)


def series(n, *fns):
    """One warm-up round, then n rounds; in each round every fn runs once,
    interleaved, so that drift on the machine hits them alike. Returns one
    list of results per fn."""
    out = [[] for _ in fns]
    for i in range(n + 1):
        for k, fn in enumerate(fns):
            r = fn()
            if i:
                out[k].append(r)
    return out


class Stat:
    """Median and range of a list of numbers."""

    def __init__(self, values):
        self.values = list(values)
        self.med = statistics.median(self.values)
        self.lo, self.hi = min(self.values), max(self.values)

    def __add__(self, other):
        n = min(len(self.values), len(other.values))
        return Stat([a + b for a, b in zip(self.values[:n], other.values[:n])])


# ---- the workload ----

def workload(n_runs):
    stamp = os.path.join(WORK, ".generated")
    with open(os.path.join(HERE, "gen.py"), "rb") as f:
        want = hashlib.sha256(f.read()).hexdigest()
    have = open(stamp).read().strip() if os.path.exists(stamp) else ""
    if have != want or not os.path.exists(OBS_CSV):
        say("workload: generating 200 plans x 100 targets and "
            f"{N_OBS:,} observations (bench/gen.py) ...")
        subprocess.run([sys.executable, os.path.join(HERE, "gen.py"), WORK],
                       check=True)
        with open(stamp, "w") as f:
            f.write(want + "\n")
    else:
        say("workload: plans and obs.csv are up to date (bench/gen.py "
            "unchanged)")
    p = subprocess.run([PT, "--plans", BIG_PLANS, "check"], env=ENV,
                       capture_output=True, text=True)
    if p.returncode != 0 or "200 plan(s), 20000 target(s)" not in p.stdout:
        raise SystemExit("bench: plantrack check refuses the generated "
                         f"plans:\n{p.stdout}{p.stderr[-3000:]}")
    say(f"workload: plantrack check: {p.stdout.strip()}")


def remove_db(path):
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.remove(path + suffix)
        except FileNotFoundError:
            pass


def empty_log(path):
    """A log with plantrack's schema and nothing in it, made by plantrack."""
    remove_db(path)
    header = os.path.join(WORK, "header.csv")
    with open(OBS_CSV, "rb") as f, open(header, "wb") as g:
        g.write(f.readline())
    run([PT, "--plans", BIG_PLANS, "--db", path, "import", header])


def measure_import(n_runs, R):
    slice_csv = os.path.join(WORK, "slice.csv")
    with open(OBS_CSV, "rb") as f, open(slice_csv, "wb") as g:
        for i, line in enumerate(f):
            if i > SLICE:
                break
            g.write(line)
    tmp = os.path.join(WORK, "import.db")

    def product(csv):
        def go():
            remove_db(tmp)
            secs, rss, _ = run([PT, "--plans", BIG_PLANS, "--db", tmp,
                                "import", csv])
            return secs
        return go

    def floor(csv):
        sql = os.path.join(WORK, "import-floor.sql")
        with open(sql, "w") as f:
            f.write(IMPORT_SQL.format(csv=csv))

        def go():
            empty_log(tmp)
            secs, rss, _ = run(["sqlite3", tmp], stdin=sql)
            return secs
        return go

    say(f"import: {SLICE:,} rows, {n_runs} runs each (plantrack import, "
        "sqlite3 .import) ...")
    p, fl = series(n_runs, product(slice_csv), floor(slice_csv))
    R["import_slice"] = (Stat([SLICE / s for s in p]),
                         Stat([SLICE / s for s in fl]))
    say(f"import: the whole {N_OBS:,} rows into big.db (once), with another "
        "session taking the write lock all along, and its floor (once) ...")
    remove_db(BIG_DB)
    secs, longest, tries = import_under_watch(BIG_DB, OBS_CSV)
    R["import_lock"] = (longest, tries)
    say(f"import: the longest the write lock was held: {longest * 1000:.0f} "
        f"ms ({tries:,} takes of the lock by the other session)")
    fsecs = floor(OBS_CSV)()
    R["import_full"] = (Stat([N_OBS / secs]), Stat([N_OBS / fsecs]))
    remove_db(tmp)
    # The CSV is in the exact format of `plantrack export`: prove it.
    h = hashlib.sha256()
    p = subprocess.Popen([PT, "--db", BIG_DB, "export"], env=ENV,
                         stdout=subprocess.PIPE)
    try:
        for chunk in iter(lambda: p.stdout.read(1 << 20), b""):
            h.update(chunk)
    except BaseException:
        p.kill()
        raise
    finally:
        p.stdout.close()
        p.wait()
    g = hashlib.sha256()
    with open(OBS_CSV, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            g.update(chunk)
    R["export_roundtrip"] = h.hexdigest() == g.hexdigest()
    say("import: plantrack export of big.db "
        + ("is byte for byte obs.csv" if R["export_roundtrip"] else
           "DIFFERS from obs.csv"))


# The floor of sync (issue 13): the same rows through SQLite's own
# INSERT ... SELECT from the source log into an empty log made by plantrack
# (its indexes and counting trigger), with the same durability, in one
# transaction; without the chain's trigger, whose function only plantrack's
# connections have (so the floor does less than plantrack: no check, no
# chain, no batches that let other sessions in).
SYNC_FLOOR_SQL = """\
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
DROP TRIGGER observations_chain;
ATTACH '{src}' AS src;
BEGIN IMMEDIATE;
INSERT INTO observations (uuid, plan, target, date, value, state, unit,
    source, note, author, host, recorded_at, corrects)
  SELECT uuid, plan, target, date, value, state, unit, source, note, author,
         host, recorded_at, corrects FROM src.observations ORDER BY seq;
COMMIT;
"""


def measure_sync(n_runs, R):
    """sync export of the 100,000-row slice's log, and its apply into an
    empty log, against the floor above."""
    src = os.path.join(WORK, "sync-src.db")
    dst = os.path.join(WORK, "sync-dst.db")
    cs = os.path.join(WORK, "sync.cs")
    slice_csv = os.path.join(WORK, "slice.csv")
    remove_db(src)
    run([PT, "--plans", BIG_PLANS, "--db", src, "import", slice_csv])

    def product():
        remove_db(dst)
        if os.path.exists(cs):
            os.remove(cs)
        s1, _, _ = run([PT, "--db", src, "sync", "export", "-o", cs])
        s2, _, _ = run([PT, "--plans", BIG_PLANS, "--db", dst, "sync",
                          "apply", cs])
        return s1 + s2

    def floor():
        tmp = os.path.join(WORK, "sync-floor.db")
        empty_log(tmp)
        sql = os.path.join(WORK, "sync-floor.sql")
        with open(sql, "w") as f:
            f.write(SYNC_FLOOR_SQL.format(src=src))
        secs, _, _ = run(["sqlite3", tmp], stdin=sql)
        return secs

    say(f"sync: export and apply of {SLICE:,} observations, {n_runs} runs "
        "each (and INSERT ... SELECT) ...")
    p, fl = series(n_runs, product, floor)
    R["sync"] = (Stat(p), Stat(fl))
    for path in (src, dst, os.path.join(WORK, "sync-floor.db")):
        remove_db(path)


def import_under_watch(db, csv):
    """plantrack import of csv into db while another session takes the
    write lock (BEGIN IMMEDIATE, ROLLBACK) again and again, its busy wait
    done here in 1 ms steps: the longest it waited is the longest the
    import held the lock (to a millisecond or two). Returns the import's
    seconds, that longest wait and how many times the lock was taken."""
    result = {}

    def go():
        result["run"] = run([PT, "--plans", BIG_PLANS, "--db", db, "import",
                             csv])

    t = threading.Thread(target=go)
    t.start()
    longest, tries = 0.0, 0
    con = None
    while t.is_alive():
        if con is None:
            if not os.path.exists(db):
                time.sleep(0.01)
                continue
            con = sqlite3.connect(db, timeout=0, isolation_level=None)
        t0 = time.perf_counter()
        while t.is_alive():
            try:
                con.execute("BEGIN IMMEDIATE")
                con.execute("ROLLBACK")
                break
            except sqlite3.OperationalError:  # busy, or the schema not made
                time.sleep(0.001)
        else:
            break
        waited = time.perf_counter() - t0
        longest = max(longest, waited)
        tries += 1
        time.sleep(0.01)
    t.join()
    if con is not None:
        con.close()
    secs, _, _ = result["run"]
    return secs, longest, tries


# ---- plan load and status ----

def measure_load_status(n_runs, R):
    yaml_files = sorted(os.path.join(BIG_PLANS, f)
                        for f in os.listdir(BIG_PLANS) if f.endswith(".yaml"))
    sql = os.path.join(WORK, "latest.sql")
    with open(sql, "w") as f:
        f.write(LATEST_SQL.format(as_of=AS_OF))
    base = [PT, "--plans", BIG_PLANS, "--db", BIG_DB, "--as-of", AS_OF]

    say(f"plan load: plantrack check vs libyaml event loop, {n_runs} runs "
        "...")
    p, fl = series(n_runs, lambda: run([PT, "--plans", BIG_PLANS, "check"])[0],
                   lambda: run([YAML_FLOOR] + yaml_files)[0])
    R["load"] = (Stat(p), Stat(fl))

    say(f"status: plantrack status --format json vs libyaml + sqlite3, "
        f"{n_runs} runs ...")
    st, yf, sf = series(
        n_runs, lambda: run(base + ["status", "--format", "json"])[:2],
        lambda: run([YAML_FLOOR] + yaml_files)[:2],
        lambda: run(["sqlite3", "-readonly", BIG_DB], stdin=sql)[:2])
    R["status"] = (Stat(x[0] for x in st),
                   Stat(x[0] for x in yf) + Stat(x[0] for x in sf))
    R["sql_floor"] = Stat(x[0] for x in sf)
    R["yaml_floor"] = Stat(x[0] for x in yf)
    R["rss_status"] = (Stat(x[1] / 1024 for x in st),
                       Stat((a[1] + b[1]) / 1024 for a, b in zip(yf, sf)))

    # The floor answers the same question: check it against status.
    out = subprocess.run(base + ["status", "--format", "json"], env=ENV,
                         capture_output=True, check=True).stdout
    rows = {(x["plan"], x["target"]): x for x in json.loads(out)}
    lat = subprocess.run(["sqlite3", "-readonly", "-separator", "\x1f",
                          BIG_DB], stdin=open(sql), capture_output=True,
                         text=True, check=True).stdout.splitlines()
    bad = 0
    for line in lat:
        plan, target, date, value, state = line.split("\x1f")
        x = rows.get((plan, target))
        lv = x and x["latest_value"]
        if not x or x["latest_date"] != date or (
                lv != state if state else
                abs(float(value) - lv) > 1e-9 * max(1, abs(lv))):
            bad += 1
    with_data = sum(1 for x in rows.values() if x["latest_date"])
    mix = {}
    for x in rows.values():
        mix[x["comparator"]] = mix.get(x["comparator"], 0) + 1
    R["mix"] = ", ".join(f"`{k}` {v}" for k, v in
                         sorted(mix.items(), key=lambda kv: -kv[1]))
    R["floor_agrees"] = (len(lat), bad, with_data, len(rows))
    say(f"status: the floor query gives the latest observation of "
        f"{len(lat)} targets; status shows one for {with_data} of "
        f"{len(rows)}; {bad} disagree")


# ---- reports (issue 14) ----

REPORT_SELECTIONS = (("all 20,000 targets", []),
                     ("targets due in 2025", ["--year", "2025"]))


def measure_report(n_runs, R):
    """report --format html and xlsx beside status --format json on the
    same selection, interleaved run by run."""
    base = [PT, "--plans", BIG_PLANS, "--db", BIG_DB, "--as-of", AS_OF]
    html = os.path.join(WORK, "report.html")
    xlsx = os.path.join(WORK, "report.xlsx")
    R["report"] = []
    for label, sel in REPORT_SELECTIONS:
        say(f"report: {label}: status --format json, report --format html "
            f"and xlsx, {n_runs} runs ...")
        st, h, x = series(
            n_runs,
            lambda: run(base + ["status", "--format", "json"] + sel)[:2],
            lambda: run(base + ["report", "--format", "html", "-o", html] +
                        sel)[:2],
            lambda: run(base + ["report", "--format", "xlsx", "-o", xlsx] +
                        sel)[:2])
        R["report"].append((label, Stat(a[0] for a in st),
                            Stat(a[0] for a in h), Stat(a[0] for a in x),
                            Stat(a[1] / 1024 for a in h),
                            Stat(a[1] / 1024 for a in x),
                            os.path.getsize(html), os.path.getsize(xlsx)))


# ---- the viewer ----

def tui_argv(plans, db):
    return [PT, "--plans", plans, "--db", db, "--as-of", AS_OF]


def session(argv, rows=24, cols=80):
    return ptydrive.Session(argv, rows, cols, ENV, runstat=RUNSTAT)


def first_paint(argv, rows=24, cols=80):
    """Seconds from start to the last byte of the first screen; bytes;
    rows written; peak RSS KiB of the whole session."""
    with session(argv, rows, cols) as s:
        p = s.wait_quiet()
    n_rows, _ = ptydrive.screen_effect(p.data, rows)
    if n_rows < rows:
        say(f"  warning: first paint of {argv[0]} wrote {n_rows} of "
            f"{rows} rows")
    return p.latency, p.nbytes, s.peak_rss_kib


def measure_first_paint(n_runs, R):
    small_db = os.path.join(WORK, "five.db")
    empty_log(small_db)
    say(f"first paint 80x24: five real plans + empty log, ncurses floor, "
        f"{n_runs} runs ...")
    p, fl = series(n_runs, lambda: first_paint(tui_argv(REAL_PLANS,
                                                         small_db)),
                   lambda: first_paint([CURSES_FLOOR]))
    R["paint_small"] = (Stat(x[0] for x in p), Stat(x[0] for x in fl))
    R["curses_floor"] = Stat(x[0] for x in fl)
    R["rss_curses_floor"] = Stat(x[2] / 1024 for x in fl)
    say(f"first paint 80x24: big workload, {n_runs} runs ...")
    (p,) = series(n_runs, lambda: first_paint(tui_argv(BIG_PLANS, BIG_DB)))
    floor = R["curses_floor"] + R["yaml_floor"] + R["sql_floor"]
    R["paint_big"] = (Stat(x[0] for x in p), floor)
    R["rss_tui"] = (Stat(x[2] / 1024 for x in p),
                    Stat([R["rss_status"][1].med +
                          R["rss_curses_floor"].med]))


def key_bytes(argv, rows, cols, n_runs):
    """Bytes (and rows written, latency) for Ctrl-L, j and Tab, n each."""
    out = {}
    with session(argv, rows, cols) as s:
        s.wait_quiet()
        for k in (b"\x0c", b"j", b"\t"):
            rs = [s.key(k) for _ in range(n_runs)]
            out[k] = [(r.nbytes, *ptydrive.screen_effect(r.data, rows),
                       r.latency) for r in rs]
    return out


def measure_bytes(n_runs, R):
    small_db = os.path.join(WORK, "five.db")
    R["bytes"] = {}
    for rows, cols in ((24, 80), (50, 200)):
        say(f"bytes per key {cols}x{rows}: five plans, big workload, floor "
            "...")
        R["bytes"][(rows, cols)] = {
            "five": key_bytes(tui_argv(REAL_PLANS, small_db), rows, cols,
                              n_runs),
            "big": key_bytes(tui_argv(BIG_PLANS, BIG_DB), rows, cols, n_runs),
            "floor": key_bytes([CURSES_FLOOR], rows, cols, n_runs),
        }


# The two ways of searching: `/` marks the matches in the whole list, `|`
# narrows the list to them as one types (and widens it at each backspace).
SEARCH_MODES = (b"/", b"|")


def search_keys(argv, queries, start, rows=24, cols=80):
    """Per query, the wall latency and the CPU time of each key: typed one
    character at a time after `start`, then, when narrowing, backspaced
    back to its first character."""
    out = []
    with session(argv, rows, cols) as s:
        s.wait_quiet()
        for q in queries:
            s.key(start)
            keys = [ch.encode() for ch in q]
            if start == b"|":
                keys += [b"\x7f"] * (len(q) - 1)
            lat, cpu = [], []
            for k in keys:
                c0 = s.cpu_seconds()
                r = s.key(k)
                cpu.append(s.cpu_seconds() - c0)
                lat.append(r.latency if r.latency is not None else
                           float("nan"))
            out.append((lat, cpu))
            s.key(b"\x1b")          # leave the search (Esc)
            s.key(b"\x1b")          # and, after |, the narrowed list
            time.sleep(0.1)
    return out, s.peak_rss_kib


def search_alone(queries):
    """bench/searchkeys: the viewer's search in-process, without the
    terminal: per query and mode, the median and worst CPU ms per key."""
    p = subprocess.run([SEARCHKEYS, BIG_PLANS] + queries, env=ENV,
                       capture_output=True, text=True, check=True)
    out = {}
    for line in p.stdout.splitlines():
        m = re.match(r"(\S+)\s+(.*?)\s+keys\s+\d+\s+median\s+([\d.]+) ms"
                     r"\s+worst\s+([\d.]+) ms", line)
        if m:
            out[(m.group(1), m.group(2))] = (float(m.group(3)),
                                             float(m.group(4)))
    return out


def measure_search(n_runs, R):
    # One query that matches early and moves the selection, one that
    # matches nothing and so scans all 20,000 targets at every key, and
    # three read as pinyin (syllables; the initials of an indicator; an
    # agency's short name), which every target is tried against.
    queries = ["氮氧化物排放总量降幅", "不存在的指标名称xyz",
               "shengtaihuanjing", "sthj", "stj"]
    hay = os.path.join(WORK, "haystack.txt")
    R["search"] = []
    rss = None
    for start in SEARCH_MODES:
        say(f"search: typing {len(queries)} queries into {start.decode()} "
            "over 20,000 targets, and into the floor ...")
        p, rss_ = search_keys(tui_argv(BIG_PLANS, BIG_DB), queries, start)
        fl, _ = search_keys([CURSES_FLOOR, hay], queries, start)
        rss = max(rss or 0, rss_ or 0)
        for q, (pl, pc), (fl_, fc) in zip(queries, p, fl):
            R["search"].append((start.decode() + q, Stat(pl), Stat(fl_),
                                Stat(pc), Stat(fc)))
    R["rss_tui_search"] = rss / 1024 if rss else float("nan")
    say("search: the same queries in-process (bench/searchkeys) ...")
    R["search_alone"] = search_alone(queries)


# ---- add ----

def measure_add(n_runs, R):
    db = os.path.join(WORK, "add.db")
    remove_db(db)
    shutil.copyfile(BIG_DB, db)
    # A numeric target of the workload, and a date that is not in the
    # future wherever this runs.
    with open(OBS_CSV, encoding="utf-8") as f:
        f.readline()
        for line in f:
            c = line.rstrip("\r\n").split(",")
            if c[4] and c[6] and "," not in c[6]:
                plan, target, unit = c[1], c[2], c[6]
                break
    date = min(dt.date.fromisoformat(AS_OF), dt.date.today()).isoformat()
    sql = os.path.join(WORK, "add-floor.sql")
    with open(sql, "w") as f:
        f.write(ADD_SQL.format(plan=plan, target=target, date=date,
                               value=42, unit=unit))
    counter = iter(range(1000))
    say(f"add: plantrack add {plan}/{target} on a copy of big.db vs one "
        f"sqlite3 INSERT, {n_runs} runs ...")
    p, fl = series(
        n_runs,
        lambda: run([PT, "--plans", BIG_PLANS, "--db", db, "--as-of", AS_OF,
                     "add", f"{plan}/{target}", "--value",
                     str(40 + next(counter)), "--date", date, "--source",
                     "基准测试"])[0],
        lambda: run(["sqlite3", db], stdin=sql)[0])
    R["add"] = (Stat(p), Stat(fl))
    remove_db(db)


# ---- the report ----

def ms(x):
    return f"{x * 1000:.1f}"


def fmt_stat(s, f):
    if s is None:
        return "-"
    if s.lo == s.hi:
        return f(s.med)
    return f"{f(s.med)} ({f(s.lo)}-{f(s.hi)})"


def build_rows(R):
    """(figure, product, floor, ratio, unit) for the table."""
    rows = []

    def add(name, prod, floor, f, unit, ratio=None):
        r = ratio if ratio is not None else (
            prod.med / floor.med if floor and floor.med else None)
        rows.append((name, fmt_stat(prod, f), fmt_stat(floor, f),
                     "-" if r is None else f"{r:.2f}x", unit))

    add("plan load: 200 plans (check) vs libyaml events", *R["load"], ms,
        "ms")
    add(f"sync export + apply, {SLICE:,} rows vs INSERT ... SELECT",
        *R["sync"], ms, "ms")
    add("status --format json vs libyaml + sqlite3 latest", *R["status"], ms,
        "ms")
    add("first paint 80x24, five plans, empty log vs ncurses",
        *R["paint_small"], ms, "ms")
    add("first paint 80x24, big vs ncurses + load + SQL floors",
        *R["paint_big"], ms, "ms")
    for (rows_, cols), by in R["bytes"].items():
        for wl, label in (("five", "five plans"), ("big", "big")):
            for k in (b"j", b"\t", b"\x0c"):
                p = Stat(x[0] for x in by[wl][k])
                f = Stat(x[0] for x in by["floor"][k])
                add(f"bytes {cols}x{rows_} {label}: {KEY_NAMES[k]}", p, f,
                    lambda v: f"{v:.0f}", "bytes")
    for (rows_, cols), by in R["bytes"].items():
        p = Stat(x[3] for x in by["big"][b"j"] if x[3] is not None)
        f = Stat(x[3] for x in by["floor"][b"j"] if x[3] is not None)
        add(f"key latency {cols}x{rows_} big: j (cursor move)", p, f, ms,
            "ms")
    for q, p, f, pc, fc in R["search"]:
        add(f"search key, 20,000 targets: '{q}' (wall)", p, f, ms, "ms")
        add(f"search key, 20,000 targets: '{q}' (CPU)", pc, fc, ms, "ms")
    for (mode, q), (med, worst) in R["search_alone"].items():
        rows.append((f"search alone (searchkeys): '{mode}{q}' (CPU)",
                     f"{med:.1f} (worst {worst:.1f})", "-", "-", "ms"))
    add("peak RSS, status, big", *R["rss_status"], lambda v: f"{v:.1f}",
        "MiB")
    add("peak RSS, TUI first paint, big", *R["rss_tui"],
        lambda v: f"{v:.1f}", "MiB")
    rows.append(("peak RSS, TUI after the searches, big",
                 f"{R['rss_tui_search']:.1f}", "-", "-", "MiB"))
    add("add latency, big log vs one sqlite3 INSERT", *R["add"], ms, "ms")
    for label, st, h, x, rh, rx, sh, sx in R["report"]:
        add(f"report html vs status json, {label} ({sh / 2**20:.0f} MiB)",
            h, st, ms, "ms")
        add(f"report xlsx vs status json, {label} ({sx / 2**20:.1f} MiB)",
            x, st, ms, "ms")
        rows.append((f"peak RSS, report html / xlsx, {label}",
                     f"{rh.hi:.1f} / {rx.hi:.1f}", "-", "-", "MiB"))
    add(f"import obs/s, {SLICE:,}-row CSV vs sqlite3 .import",
        *R["import_slice"], lambda v: f"{v:,.0f}", "obs/s",
        ratio=R["import_slice"][1].med / R["import_slice"][0].med)
    add(f"import obs/s, {N_OBS:,}-row CSV (one run each)",
        *R["import_full"], lambda v: f"{v:,.0f}", "obs/s",
        ratio=R["import_full"][1].med / R["import_full"][0].med)
    return rows


def goals(R):
    """(goal, measured, holds) for each goal of the issue."""
    g = []
    st, sf = R["status"]
    g.append(("status <= 1.5x floor",
              f"{st.med / sf.med:.2f}x ({ms(st.med)} ms vs {ms(sf.med)} ms)",
              st.med <= 1.5 * sf.med))
    p, f = R["paint_small"]
    g.append(("first paint, five plans <= 2x ncurses floor",
              f"{p.med / f.med:.2f}x ({ms(p.med)} ms vs {ms(f.med)} ms)",
              p.med <= 2 * f.med))
    p, f = R["paint_big"]
    g.append(("first paint, big <= 1.5x (ncurses + load + SQL floors)",
              f"{p.med / f.med:.2f}x ({ms(p.med)} ms vs {ms(f.med)} ms)",
              p.med <= 1.5 * f.med))
    for (rows, cols), by in R["bytes"].items():
        for wl in ("five", "big"):
            j = by[wl][b"j"]
            full = Stat(x[0] for x in by[wl][b"\x0c"]).med
            worst = max(x[0] for x in j)
            whole = any(x[2] or x[1] >= rows for x in j)
            g.append((f"cursor move {cols}x{rows} {wl} <= 40% of a full "
                      "repaint, never the whole screen",
                      f"worst {worst} of {full:.0f} bytes = "
                      f"{worst / full:.0%}; rows written <= "
                      f"{max(x[1] for x in j)} of {rows}"
                      f"{'; WHOLE SCREEN' if whole else ''}",
                      worst <= 0.4 * full and not whole))
    # The viewer's own work per key (CPU, all of it: search, list, bar,
    # terminal output) is what the goal holds: the wall time adds the
    # wait for a CPU on a busy machine, which the floor shows alike, so it
    # is given beside the floor's, as a ratio.
    for q, p, f, pc, fc in R["search"]:
        g.append((f"search <= 10 ms per keystroke ('{q}', 20,000 targets)",
                  f"CPU worst {ms(pc.hi)} ms (floor {ms(fc.hi)}); wall "
                  f"median {ms(p.med)} ms = {p.med / f.med:.2f}x the "
                  f"floor's {ms(f.med)}, worst {ms(p.hi)} ms",
                  pc.hi <= 0.010))
    p, f = R["sync"]
    g.append((f"sync export + apply of {SLICE:,} observations <= 1.5x "
              "INSERT ... SELECT (issue 13)",
              f"{p.med / f.med:.2f}x ({ms(p.med)} ms vs {ms(f.med)} ms)",
              p.med <= 1.5 * f.med))
    longest, tries = R["import_lock"]
    g.append((f"the write lock held <= 1 s at a time during a {N_OBS:,}-row "
              "import (issue 12)",
              f"longest {longest * 1000:.0f} ms over {tries:,} takes by "
              "another session", longest <= 1.0))
    for label, st, h, x, rh, rx, _, _ in R["report"]:
        for fmt, p, rss in (("html", h, rh), ("xlsx", x, rx)):
            g.append((f"report --format {fmt} <= 2x status --format json, "
                      f"{label}",
                      f"{p.med / st.med:.2f}x ({ms(p.med)} ms vs "
                      f"{ms(st.med)} ms)", p.med <= 2 * st.med))
            g.append((f"peak RSS, report --format {fmt}, {label} <= 64 MiB",
                      f"{rss.hi:.1f} MiB", rss.hi <= 64))
    for name, v in (("status", R["rss_status"][0].hi),
                    ("TUI, first paint", R["rss_tui"][0].hi),
                    ("TUI, after searches", R["rss_tui_search"])):
        g.append((f"peak RSS, {name}, big <= 64 MiB", f"{v:.1f} MiB",
                  v <= 64))
    return g


def table(rows, md=False):
    head = ("figure", "plantrack: median (min-max)", "floor: median "
            "(min-max)", "ratio", "unit")
    if md:
        lines = ["| " + " | ".join(head) + " |",
                 "|" + "|".join(["---"] * len(head)) + "|"]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
        return "\n".join(lines)
    w = [max(len(str(r[i])) for r in rows + [head]) for i in range(5)]
    fmt = "  ".join(f"{{:<{x}}}" for x in w)
    out = [fmt.format(*head), fmt.format(*("-" * x for x in w))]
    out += [fmt.format(*r) for r in rows]
    return "\n".join(out)


def sh(*argv):
    try:
        return subprocess.run(argv, capture_output=True, text=True,
                              cwd=ROOT).stdout.rstrip()
    except OSError:
        return ""


def machine():
    cpu = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = sh("free", "-m").splitlines()
    total = mem[1].split()[1] if len(mem) > 1 else "?"
    return (f"{cpu}, {sh('nproc')} CPUs (nproc), {total} MiB RAM (free -m), "
            f"Linux {platform.release()}; sqlite3 "
            f"{sh('sqlite3', '--version').split(' ')[0]}, libyaml "
            f"{sh('pkg-config', '--modversion', 'yaml-0.1')}, ncursesw "
            f"{sh('pkg-config', '--modversion', 'ncursesw')}, Python "
            f"{platform.python_version()}")


def commit():
    head = sh("git", "rev-parse", "--short", "HEAD").strip() or "unknown"
    dirty = [l for l in sh("git", "status", "--porcelain").splitlines()
             if l.strip()]
    if not dirty:
        return head, ""
    names = ", ".join(l[3:] for l in dirty[:12])
    more = f" and {len(dirty) - 12} more" if len(dirty) > 12 else ""
    return head, f"tree dirty: {names}{more}"


NOTES = """\
## How it is measured

- Workload (`bench/gen.py`, fixed seed, regenerated when gen.py changes):
  200 plans x 100 targets (20,000) in the real plan format: Chinese
  indicators and agency names, comparators {mix},
  milestone years 2024-2030,
  some baselines with values, aliases, striving and deferred targets. **Each
  plan has its `sources/ID.txt`**, so every load also checks every quote and
  its numbers against the source text, as it does for the real plans.
  `plantrack check` must accept all 200 files. 1,000,000 observations
  (about 0.5 % of them corrections, 4 % of targets with none, dates
  2021-01-01..2026-10-31, in record order, interleaved across targets) are
  written as a CSV in the format of `plantrack export` and loaded with
  `plantrack import`; the bench checks that `plantrack export` gives back the
  CSV byte for byte. No SQL is written into the log by hand.
- Every timing is the median of N runs (min-max beside it) after one
  unmeasured warm-up run, with the product and its floor interleaved run by
  run. Command times are wall times from fork to exit (`bench/runstat`);
  peak RSS is the child's own `ru_maxrss` (runstat, not the Python driver,
  forks it: Linux would otherwise count the driver's memory).
  `--as-of {as_of}` throughout; LC_ALL=C.UTF-8, TERM=xterm-256color,
  XDG_STATE_HOME and XDG_DATA_HOME inside the work dir.
- Floors: plan load = `bench/yaml_floor` (libyaml event loop over the 200
  YAML files, nothing kept); status = that + the `sqlite3` shell running
  `build/bench/work/latest.sql` (latest current observation per target as
  of the date, a skip-scan of the (plan, target, date) index; the bench
  checks its answers against `status`); first paint = `bench/curses_floor`
  (ncursesw, two boxed panes, a list filling the screen, one doupdate); big
  first paint = ncurses + load + SQL floors; bytes per key and search =
  curses_floor with the same keys (search: strstr over the 20,000 lines of
  haystack.txt per key); add = one `INSERT` by the sqlite3 shell with WAL and
  synchronous=FULL; import = the sqlite3 shell's `.import` into a staging
  table then `INSERT OR IGNORE ... SELECT` into plantrack's schema.
- The viewer runs in a pseudo-terminal (`bench/ptydrive.py`). A paint or
  a key's response ends at the last byte before {quiet} ms of silence; the
  silence is not counted (the time reported is that of the last byte).
  Bytes are everything written from the key to that point; "rows written"
  follows the cursor addressing in those bytes. Bytes per key: 5 Ctrl-L,
  then 5 j, then 5 Tab (one full turn of the panes), from the first screen.
  Search: `/` or `|`, then one character at a time, each timed from its
  write to the last byte of the redraw (wall), and the CPU time the
  program's processes used meanwhile (the scheduler's count in
  /proc/PID/task/TID/schedstat: the key's own cost, whatever else the
  machine does); after `|` the query is then backspaced to its first
  character. The floor: curses_floor, strstr over haystack.txt per key
  (`|` redraws the list of matching lines). "search alone" is
  bench/searchkeys: the viewer's view_search in-process, thread CPU time.
"""


def write_results(rows, gl, R, n_runs, path):
    head, dirty = commit()
    now = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    held = sum(1 for _, _, ok in gl if ok)
    hist_line = (f"| {now} | {head}{' (dirty)' if dirty else ''} | "
                 f"status {R['status'][0].med / R['status'][1].med:.2f}x, "
                 f"paint five {R['paint_small'][0].med / R['paint_small'][1].med:.2f}x, "
                 f"paint big {R['paint_big'][0].med / R['paint_big'][1].med:.2f}x, "
                 f"search worst {ms(max(s[3].hi for s in R['search']))} ms CPU, "
                 f"{ms(max(s[1].hi for s in R['search']))} ms wall, "
                 f"report html {R['report'][0][2].med / R['report'][0][1].med:.2f}x, "
                 f"xlsx {R['report'][0][3].med / R['report'][0][1].med:.2f}x | "
                 f"{held}/{len(gl)} |")
    history = []
    if os.path.exists(path):
        text = open(path, encoding="utf-8").read()
        m = re.search(r"<!-- history -->\n(.*?)<!-- /history -->", text, re.S)
        if m:
            history = [l for l in m.group(1).splitlines()
                       if l.startswith("| ") and not l.startswith("| date")]
    history.append(hist_line)
    out = [
        "# plantrack benchmark results (issue 6)",
        "",
        "Written by `make bench` (bench/bench.py); the figures below are from "
        "its last run.",
        "",
        f"- Date: {now}",
        f"- Commit: {head}" + (f" ({dirty})" if dirty else " (clean tree)"),
        f"- Machine: {machine()}",
        f"- Runs per figure: {n_runs} (after one warm-up)",
        f"- Load average (1 min) at start {R['load_avg'][0][0]:.2f}, at end "
        f"{R['load_avg'][1][0]:.2f}: other work on the machine widens the "
        "ranges",
        "",
        "## Figures",
        "",
        table(rows, md=True),
        "",
        LEGEND,
        "",
        "## Goals of the issue",
        "",
        "| goal | measured | holds |",
        "|---|---|---|",
    ]
    out += [f"| {a} | {b} | {'yes' if ok else '**no**'} |" for a, b, ok in gl]
    agree = R["floor_agrees"]
    out += [
        "",
        f"The SQL floor returned the latest observation of {agree[0]} "
        f"targets; `status` shows one for {agree[2]} of {agree[3]}; "
        f"{agree[1]} disagree. `plantrack export` reproduces the imported "
        f"CSV byte for byte: {'yes' if R['export_roundtrip'] else 'NO'}.",
        "",
        NOTES.format(as_of=AS_OF, quiet=int(ptydrive.QUIET * 1000),
                     mix=R["mix"]),
        "## History",
        "",
        "<!-- history -->",
        "| date | commit | ratios | goals held |",
        "|---|---|---|---|",
    ] + history + ["<!-- /history -->", ""]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out))


def main():
    global ENV
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int,
                    default=int(os.environ.get("BENCH_RUNS", "5")))
    ap.add_argument("--no-results", action="store_true",
                    help="do not rewrite bench/RESULTS.md")
    a = ap.parse_args()
    n = max(a.runs, 5)
    os.makedirs(os.path.join(WORK, "state"), exist_ok=True)
    os.makedirs(os.path.join(WORK, "data"), exist_ok=True)
    ENV = env_for_product()
    for exe in (PT, RUNSTAT, YAML_FLOOR, CURSES_FLOOR, SEARCHKEYS):
        if not os.access(exe, os.X_OK):
            raise SystemExit(f"bench: {exe} is missing: run 'make bench'")
    if not shutil.which("sqlite3"):
        raise SystemExit("bench: the sqlite3 shell is missing (make deps)")
    t0 = time.time()
    load0 = os.getloadavg()
    R = {}
    workload(n)
    measure_import(n, R)
    measure_sync(n, R)
    measure_load_status(n, R)
    measure_first_paint(n, R)
    measure_bytes(n, R)
    measure_search(n, R)
    measure_add(n, R)
    measure_report(n, R)
    rows = build_rows(R)
    gl = goals(R)
    R["load_avg"] = (load0, os.getloadavg())
    say("")
    say(table(rows))
    say(LEGEND)
    say(f"load average at start {load0[0]:.2f}, at end "
        f"{R['load_avg'][1][0]:.2f} (1 min; {os.cpu_count()} CPUs)")
    say("")
    say("goals of issue 6:")
    for goal, got, ok in gl:
        say(f"  [{'ok' if ok else 'MISSED'}] {goal}: {got}")
    say(f"\n{sum(ok for *_, ok in gl)} of {len(gl)} goals hold; bench took "
        f"{time.time() - t0:.0f} s")
    if not a.no_results:
        write_results(rows, gl, R, n, os.path.join(HERE, "RESULTS.md"))
        say("wrote bench/RESULTS.md")


if __name__ == "__main__":
    main()
