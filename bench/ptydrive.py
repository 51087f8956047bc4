"""bench/ptydrive.py: the pseudo-terminal driver of `make bench` (issue 6):
runs a full-screen program in a pty of a given size, sends keys, and
measures what the program writes and when; ends every process it starts.

    with Session(argv, rows=24, cols=80, env=env) as s:
        paint = s.wait_quiet()        # first paint: bytes, time of last byte
        r = s.key(b"j")               # bytes written for a key, and latency
    s.rusage                          # of the ended child (ru_maxrss in KiB)

Times are time.perf_counter() seconds. "Quiet" means no output for QUIET
seconds; a measurement ends at the last byte before that silence, so the
silence itself is never counted. Every child is ended on every path: close()
(quit keys, then SIGTERM, then SIGKILL), the with-block, atexit, and
SIGTERM/SIGHUP/SIGINT to the driver itself.
"""
import atexit
import errno
import fcntl
import os
import re
import select
import signal
import struct
import tempfile
import termios
import time

QUIET = 0.150

_live = set()


def _kill_all():
    for s in list(_live):
        s.kill()


def _on_signal(signum, frame):
    _kill_all()
    raise SystemExit(128 + signum)


atexit.register(_kill_all)
for _sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
    signal.signal(_sig, _on_signal)


class Timeout(Exception):
    pass


class Result:
    """What one wait produced: the bytes, and the times of the first and
    last byte (None when nothing came)."""

    def __init__(self, data, t_first, t_last, t_start):
        self.data = data
        self.nbytes = len(data)
        self.t_first = t_first
        self.t_last = t_last
        self.t_start = t_start

    @property
    def latency(self):
        """Seconds from the start (spawn or key) to the last byte."""
        return None if self.t_last is None else self.t_last - self.t_start


class Session:
    def __init__(self, argv, rows, cols, env, quit_keys=(b"q",),
                 runstat=None):
        """Start argv in a rows x cols pty. With runstat (the path of
        bench/runstat), the program runs under it, and once it has ended
        .peak_rss_kib is its own peak RSS (see runstat.c for why)."""
        self.rows, self.cols = rows, cols
        self.quit_keys = quit_keys
        self.log = bytearray()
        self.rusage = None
        self.status = None
        self.statfile = None
        self.peak_rss_kib = None
        if runstat:
            fd, self.statfile = tempfile.mkstemp(prefix="ptydrive-")
            os.close(fd)
            argv = [runstat, self.statfile] + list(argv)
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ,
                    struct.pack("HHHH", rows, cols, 0, 0))
        self.t_spawn = time.perf_counter()
        pid = os.fork()
        if pid == 0:  # the child: the pty becomes its controlling terminal
            try:
                os.close(master)
                os.setsid()
                fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
                for fd in (0, 1, 2):
                    os.dup2(slave, fd)
                if slave > 2:
                    os.close(slave)
                os.execve(argv[0], argv, env)  # argv[0]: a path
            finally:
                os._exit(127)
        os.close(slave)
        self.pid, self.fd = pid, master
        _live.add(self)

    # ---- reading ----

    def _read(self, timeout):
        """One chunk of output, b"" on timeout, None at end of file."""
        r, _, _ = select.select([self.fd], [], [], max(timeout, 0))
        if not r:
            return b""
        try:
            data = os.read(self.fd, 1 << 16)
        except OSError as e:
            if e.errno == errno.EIO:
                return None
            raise
        return data or None

    def wait_quiet(self, t_start=None, quiet=QUIET, limit=60.0, need=None):
        """Read until the program has been silent for `quiet` seconds after
        its last byte (and, if `need` is given, that bytes string has been
        seen). Measures from t_start (default: the spawn)."""
        t_start = self.t_spawn if t_start is None else t_start
        buf = bytearray()
        t_first = t_last = None
        deadline = time.perf_counter() + limit
        while True:
            now = time.perf_counter()
            if now > deadline:
                raise Timeout(f"no quiet screen within {limit} s "
                              f"({len(buf)} bytes)")
            ready = t_last is not None and (need is None or need in buf)
            wait = (t_last + quiet - now) if ready else (deadline - now)
            chunk = self._read(wait)
            if chunk is None:
                break
            if chunk:
                t = time.perf_counter()
                t_first = t_first or t
                t_last = t
                buf += chunk
                self.log += chunk
            elif ready and time.perf_counter() >= t_last + quiet:
                break
        if t_last is None:
            raise Timeout("the program ended without writing anything")
        return Result(bytes(buf), t_first, t_last, t_start)

    def cpu_seconds(self):
        """CPU time so far of every process of the session (the program,
        and runstat around it), from the scheduler's own count in
        /proc/PID/task/TID/schedstat (nanoseconds): what a key costs the
        program, whatever else the machine is doing."""
        total = 0
        for pid in os.listdir("/proc"):
            if not pid.isdigit():
                continue
            try:
                with open(f"/proc/{pid}/stat") as f:
                    stat = f.read()
                if int(stat[stat.rindex(")") + 2:].split()[3]) != self.pid:
                    continue  # field 6, the session: not ours
                for tid in os.listdir(f"/proc/{pid}/task"):
                    with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                        total += int(f.read().split()[0])
            except (OSError, ValueError, IndexError):
                pass  # ended meanwhile
        return total / 1e9

    def key(self, data, quiet=QUIET, limit=10.0):
        """Send one key (bytes) and measure the response (none if nothing
        comes within `limit` seconds)."""
        t = time.perf_counter()
        os.write(self.fd, data)
        try:
            return self.wait_quiet(t_start=t, quiet=quiet, limit=limit)
        except Timeout:
            return Result(b"", None, None, t)

    # ---- ending ----

    def _reap(self, timeout):
        deadline = time.perf_counter() + timeout
        while True:
            pid, status, ru = os.wait4(self.pid, os.WNOHANG)
            if pid:
                self.status, self.rusage = status, ru
                return True
            if time.perf_counter() > deadline:
                return False
            # Keep draining so a child blocked on output can finish.
            if self._read(0.02) is None:
                time.sleep(0.005)

    def kill(self):
        """End the child, however it is: SIGTERM, then SIGKILL."""
        if self.rusage is not None:
            self._close_fd()
            return
        # The child leads its own session and process group (setsid): end
        # the group, so nothing it started survives it.
        for sig, grace in ((signal.SIGTERM, 1.0), (signal.SIGKILL, 5.0)):
            try:
                os.killpg(self.pid, sig)
            except (ProcessLookupError, PermissionError):
                pass
            if self._reap(grace):
                break
        self._close_fd()

    def close(self):
        """Quit politely (the quit keys), else kill. Returns the rusage."""
        try:
            if self.rusage is None:
                for k in self.quit_keys:
                    try:
                        os.write(self.fd, k)
                    except OSError:
                        break
                    time.sleep(0.1)
                self._reap(3.0)
        finally:
            self.kill()
        return self.rusage

    def _close_fd(self):
        _live.discard(self)
        if self.statfile:
            try:
                with open(self.statfile) as f:
                    self.peak_rss_kib = int(f.read().split()[1])
            except (OSError, IndexError, ValueError):
                pass
            try:
                os.remove(self.statfile)
            except OSError:
                pass
            self.statfile = None
        if self.fd is not None:
            try:
                os.close(self.fd)
            except OSError:
                pass
            self.fd = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


# ---- what the bytes did to the screen ----

_CSI = re.compile(rb"\x1b\[([0-9;?]*)([@-~])")


def screen_effect(data, rows):
    """Which screen rows a stretch of output wrote to, and whether it
    cleared the whole screen. Follows cursor addressing (CUP, VPA, CUU/CUD,
    newlines) well enough for ncurses' output to xterm-256color."""
    touched = set()
    cleared = False
    row = 0
    i, n = 0, len(data)
    while i < n:
        b = data[i]
        if b == 0x1b:
            m = _CSI.match(data, i)
            if m:
                params = [int(p) if p.isdigit() else 0
                          for p in m.group(1).lstrip(b"?").split(b";")]
                p1 = params[0] if params else 0
                f = m.group(2)
                if f in (b"H", b"f"):
                    row = max(p1, 1) - 1
                elif f == b"d":
                    row = max(p1, 1) - 1
                elif f in (b"A", b"F"):
                    row -= max(p1, 1)
                elif f in (b"B", b"E"):
                    row += max(p1, 1)
                elif f == b"J":
                    if p1 == 2 or (p1 == 0 and row == 0):
                        cleared = True
                    touched.update(range(row if p1 == 0 else 0, rows))
                elif f in (b"K", b"X", b"@", b"P"):
                    touched.add(row)
                elif f in (b"L", b"M", b"S", b"T"):
                    touched.update(range(row, rows))
                i = m.end()
                continue
            if i + 1 < n and data[i + 1] in b"()*+":
                i += 3
            else:
                i += 2
            continue
        if b == 0x0a:
            row += 1
        elif b >= 0x20 and b != 0x7f and not (0x80 <= b < 0xc0):
            touched.add(row)
        i += 1
    touched = {r for r in touched if 0 <= r < rows}
    return len(touched), cleared
