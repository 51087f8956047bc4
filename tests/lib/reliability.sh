# Helpers for the reliability tests (many writers, crashes, hostile input,
# environment faults), sourced after cli.sh or tui.sh.

# The suite this run belongs to: plain, asan, valgrind, or stress (make
# stress, PLANTRACK_STRESS=1).
suite() {
    if [ -n "${PLANTRACK_STRESS:-}" ]; then
        echo stress
        return
    fi
    case $PLANTRACK in
    *valgrind*) echo valgrind ;;
    */asan/*) echo asan ;;
    *) echo plain ;;
    esac
}
SUITE=$(suite)

# by_suite PLAIN ASAN VALGRIND STRESS: the size that fits this suite's
# time budget (valgrind runs every process some 50 times slower).
by_suite() {
    case $SUITE in
    plain) echo "$1" ;;
    asan) echo "$2" ;;
    valgrind) echo "$3" ;;
    stress) echo "$4" ;;
    esac
}

# prep ARGS...: plantrack for setting a test up, not under test: the plain
# binary in the valgrind suite, where every run costs a second or two.
prep() {
    if [ "$SUITE" = valgrind ] && [ -x "$TOP/plantrack" ]; then
        "$TOP/plantrack" "$@" >"$T/prep.out" 2>&1
    else
        "$PLANTRACK" "$@" >"$T/prep.out" 2>&1
    fi
}

# full: whether to run the secondary cases too. Under valgrind, where each
# run of plantrack costs a second or two, only the main ones run (the
# sanitizer suite runs them all).
full() { [ "$SUITE" != valgrind ]; }

need sqlite3
sql() { sqlite3 -batch "${DB:-$PLANTRACK_DB}" "$@"; }

# max_rss CMD ARGS...: run the command (output discarded); its peak
# resident memory in KiB goes to $kb, its exit status to $rc. GNU time
# when installed; else python, whose own ~15 MB then set a floor.
max_rss() {
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f '%M %x' -o "$T/rss" "$@" >/dev/null 2>&1
    else
        python3 -c '
import os, sys
out = [(os.POSIX_SPAWN_OPEN, fd, "/dev/null", os.O_WRONLY, 0) for fd in (1, 2)]
pid = os.posix_spawn(sys.argv[1], sys.argv[1:], os.environ, file_actions=out)
_, st, ru = os.wait4(pid, 0)
print(ru.ru_maxrss, os.waitstatus_to_exitcode(st))
' "$@" >"$T/rss"
    fi
    kb=$(tail -n 1 "$T/rss" | cut -d' ' -f1)
    rc=$(tail -n 1 "$T/rss" | cut -d' ' -f2)
}

# now_ms: a monotonic-enough clock in milliseconds.
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# rand N: a random number in 0..N-1.
rand() { echo $(($(od -An -N4 -tu4 /dev/urandom) % $1)); }

# The uuid printed by a successful add in FILE ("recorded UUID …").
printed_uuid() { sed -n 's/^recorded \([0-9a-f-]\{36\}\) .*/\1/p' "$1"; }

# integrity: PRAGMA integrity_check of the log says ok.
integrity() { [ "$(sql 'PRAGMA integrity_check')" = ok ]; }

# Whether this machine lets the test run plantrack as another user (root
# with setpriv), which is the only way file modes bind root.
can_drop_root() {
    [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1 &&
        setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null
}
as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }

# nobody_copy: the program under test, copied where nobody can run it:
# $T/nobody. The tree may be where nobody cannot reach (under /root, mode
# 0700), and so may its sanitizer and valgrind suppression files. Under
# valgrind the copy runs under valgrind too. Sets NOBODY_PT to the copy and
# NOBODY_ENV to the environment it needs (NAME=VALUE words, for env).
nobody_copy() {
    d="$T/nobody"
    if [ ! -x "$d/plantrack" ]; then
        mkdir -p "$d"
        cp "$TOP/tests/lsan.supp" "$TOP/tests/valgrind.supp" "$d/"
        if [ "$SUITE" = valgrind ]; then
            cp "${REAL:?}" "$d/plantrack.bin"
            cat >"$d/plantrack" <<EOF
#!/bin/sh
exec valgrind -q --error-exitcode=99 --leak-check=full \\
    --errors-for-leak-kinds=definite --show-leak-kinds=definite \\
    --suppressions="$d/valgrind.supp" "$d/plantrack.bin" "\$@"
EOF
        else
            cp "$PLANTRACK" "$d/plantrack"
        fi
        [ -d "$TOP/build/locale" ] && cp -r "$TOP/build/locale" "$d/locale"
        chmod a+rx "$T" "$d/plantrack"
        chmod -R a+rX "$d"
    fi
    NOBODY_PT="$d/plantrack"
    NOBODY_ENV="PLANTRACK_LOCALEDIR=$d/locale LSAN_OPTIONS=suppressions=$d/lsan.supp:print_suppressions=0"
}

# pt_as_nobody ARGS...: like pt, as nobody, with nobody's copy.
pt_as_nobody() {
    nobody_copy
    as_nobody env $NOBODY_ENV "$NOBODY_PT" "$@" >"$T/out" 2>"$T/err"
    rc=$?
}

# In a private mount namespace (the faults scripts run themselves again in
# one) a test may mount tmpfs file systems under $T/fs; they vanish with
# it. probe_mounts creates $T/fs and, when a tmpfs cannot be mounted there
# after all, makes can_mount false.
can_mount() { [ -n "${PT_MOUNT_NS:-}" ]; }
probe_mounts() {
    mkdir -p "$T/fs"
    if can_mount && mount -t tmpfs -o size=64k tmpfs "$T/fs" 2>/dev/null; then
        umount "$T/fs"
    else
        PT_MOUNT_NS=
    fi
}
