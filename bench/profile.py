#!/usr/bin/env python3
"""bench/profile.py: where plantrack's time goes on the bench workload, for
whoever fixes a goal that `make bench` reports missed. Not run by make bench;
needs perf (Debian: linux-perf) and a workload (run `make bench` once).

    python3 bench/profile.py status|paint|search|keys|add

Records plantrack under `perf record --call-graph dwarf` (the viewer in an
80x24 pseudo-terminal, driven by bench/ptydrive.py) and prints the
functions with the largest inclusive share of the samples. The perf data is
kept in build/bench/perf-MODE.data for `perf report -i`.
"""
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import bench  # noqa: E402
import ptydrive  # noqa: E402

MODES = ("status", "paint", "search", "keys", "add")


def main():
    if len(sys.argv) != 2 or sys.argv[1] not in MODES:
        raise SystemExit(__doc__)
    mode = sys.argv[1]
    if not shutil.which("perf"):
        raise SystemExit("profile: perf is missing (apt-get install "
                         "linux-perf)")
    if not os.path.exists(bench.BIG_DB):
        raise SystemExit("profile: no workload yet: run 'make bench' once")
    env = bench.env_for_product()
    data = os.path.join(bench.ROOT, "build", "bench", f"perf-{mode}.data")
    perf = [shutil.which("perf"), "record", "-q", "-F", "1000", "--call-graph",
            "dwarf,16384", "-o", data, "--"]
    base = [bench.PT, "--plans", bench.BIG_PLANS, "--db", bench.BIG_DB,
            "--as-of", bench.AS_OF]
    if mode == "status":
        subprocess.run(perf + base + ["status", "--format", "json"], env=env,
                       stdout=subprocess.DEVNULL, check=True)
    elif mode == "add":
        db = os.path.join(bench.WORK, "profile-add.db")
        shutil.copyfile(bench.BIG_DB, db)
        try:
            subprocess.run(perf + [bench.PT, "--plans", bench.BIG_PLANS,
                                   "--db", db, "--as-of", bench.AS_OF, "add",
                                   "linfen-air/rd-intensity-2-2024",
                                   "--value", "2.5", "--date", "2026-06-01"],
                           env=env, stdout=subprocess.DEVNULL, check=True)
        finally:
            bench.remove_db(db)
    else:
        with ptydrive.Session(perf + base, 24, 80, env) as s:
            p = s.wait_quiet(limit=120)
            print(f"first paint (under perf): {p.latency * 1000:.0f} ms")
            if mode == "search":
                for q in ("氮氧化物排放总量降幅", "不存在的指标名称xyz"):
                    s.key(b"/")
                    lat = [s.key(ch.encode()).latency for ch in q]
                    print(f"/{q}: " + " ".join(
                        f"{x * 1000:.1f}" if x else "-" for x in lat) + " ms")
                    s.key(b"\x1b")
                    time.sleep(0.1)
            elif mode == "keys":
                for k in (b"j", b"j", b"j", b"\t", b"\x0c"):
                    r = s.key(k)
                    print(f"{k!r}: {r.nbytes} bytes, "
                          f"{(r.latency or 0) * 1000:.1f} ms")
    rep = subprocess.run(["perf", "report", "-i", data, "--children",
                          "--stdio", "-g", "none", "--percent-limit", "2"],
                         capture_output=True, text=True).stdout
    lines = [l for l in rep.splitlines() if l.strip() and
             not l.startswith("#") and "[k]" not in l and
             not l.split()[-1].startswith(("0x", "(inlined)", "__libc_",
                                           "_start"))]
    print("inclusive% self%  function (2% and more)")
    for l in lines[:30]:
        f = l.split()
        print(f"{f[0]:>9} {f[1]:>6}  {f[-1]}")
    print(f"perf data: {data}")


if __name__ == "__main__":
    main()
