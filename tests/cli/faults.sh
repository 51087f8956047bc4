#!/bin/sh
# Environment faults: a log on a read-only file system, a log the user may
# not write, a full disk, a missing directory. Each gives a message, exit
# status 2, writes nothing, and leaves the log intact for when the fault is
# gone. (A log of a newer schema: tests/cli/env.sh.)
#
# Mounts need a private mount namespace (unshare -m, as root); the script
# runs itself again inside one when the machine allows, so the tmpfs file
# systems it mounts vanish with it. Modes do not bind root: as root the
# permission case runs plantrack as nobody (setpriv).
if [ -z "${PT_MOUNT_NS:-}" ] && unshare -m true 2>/dev/null; then
    PT_MOUNT_NS=1 exec unshare -m sh "$0" "$@"
fi
. "$(dirname "$0")/../lib/cli.sh"
. "$TOP/tests/lib/reliability.sh"
need unshare mount chattr setpriv
fresh_plans
P="--plans $T/plans"
probe_mounts
rows() { DB=$1 sql 'SELECT count(*) FROM observations'; }

# ---- a read-only file system ----
if can_mount; then
    mount -t tmpfs -o size=1m tmpfs "$T/fs"
    DB="$T/fs/p.db"
    prep $P --db "$DB" add mini/pm25-2025 --value 25 --date 2024-12-31
    mount -o remount,ro "$T/fs"
    pt $P --db "$DB" add mini/pm25-2025 --value 24 --date 2025-06-30
    check "read-only file system: add exits 2" rc_is 2
    check "saying the log is not writable" err_has "not writable"
    check "because the file system is read-only" err_has "the file system is read-only"
    if full; then
        pt $P --db "$T/fs/new.db" add mini/pm25-2025 --value 24 --date 2025-06-30
        check "read-only file system: a new log cannot be created, exit 2" rc_is 2
        check "saying why" err_has "Read-only file system"
    fi
    # Reading still works: a WAL log whose -shm cannot be made is read as
    # an immutable file.
    full && pt $P --db "$DB" status --format json
    full && check "read-only file system: status still reads the log" \
        sh -c "[ $rc -eq 0 ] && grep -q '\"latest_value\": 25' '$T/out'"
    mount -o remount,rw "$T/fs"
    check "nothing was written" test "$(rows "$DB")" -eq 1
    check "the log is intact" integrity
    full && pt $P --db "$DB" add mini/pm25-2025 --value 24 --date 2025-06-30 &&
        check "once the file system is writable again, add works" rc_is 0
    umount "$T/fs"
else
    skip "read-only file system" "a tmpfs cannot be mounted here (that needs root and unshare -m)"
fi

# ---- a log the user may not write ----
DB="$T/perm/p.db"
mkdir -p "$T/perm"
prep $P --db "$DB" add mini/pm25-2025 --value 25 --date 2024-12-31
chmod 644 "$DB"
chmod 755 "$T" "$T/perm" "$T/plans" "$T/plans/sources"
if [ "$(id -u)" != 0 ]; then
    chmod 444 "$DB"
    pt $P --db "$DB" add mini/pm25-2025 --value 24 --date 2025-06-30
    who=$(id -un)
elif can_drop_root; then
    pt_as_nobody $P --db "$DB" add mini/pm25-2025 --value 24 --date 2025-06-30
    who=nobody
else
    who=
fi
if [ -n "$who" ]; then
    check "a log $who may read but not write: add exits 2" rc_is 2
    check "saying it is not writable by $who" err_has "not writable by $who"
    check "nothing was written" test "$(rows "$DB")" -eq 1
else
    skip "a log the user may not write" "file modes do not bind root, and without setpriv root cannot run it as another account"
fi
# Even root cannot write an immutable file (chattr +i), where supported.
if ! full; then
    :
elif [ "$(id -u)" = 0 ] && chattr +i "$DB" 2>/dev/null; then
    pt $P --db "$DB" add mini/pm25-2025 --value 24 --date 2025-06-30
    chattr -i "$DB"
    check "an immutable log: add exits 2" rc_is 2
    check "saying the log is not writable" err_has "not writable"
    check "nothing was written" test "$(rows "$DB")" -eq 1
else
    skip "an immutable log" "chattr +i needs root and a file system with attributes, and this one refused it"
fi

# ---- a full disk ----
if can_mount; then
    mount -t tmpfs -o size=256k tmpfs "$T/fs"
    DB="$T/fs/p.db"
    prep $P --db "$DB" add mini/pm25-2025 --value 25 --date 2024-12-31
    # A session holding the log open, as the viewer does, keeps its -wal.
    (echo 'SELECT count(*) FROM observations;'
        while [ ! -e "$T/release" ]; do sleep 0.1; done) |
        sqlite3 "$DB" >/dev/null &
    holder=$!
    sleep 0.3
    dd if=/dev/zero of="$T/fs/filler" bs=1k 2>/dev/null
    pt $P --db "$DB" add mini/pm25-2025 --value 24 --date 2025-06-30 \
        --note "$(printf '%01500d' 0)"
    check "a full disk: add exits 2" rc_is 2
    check "saying the disk is full and nothing was written" \
        err_has "the disk is full; nothing was written"
    check "nothing was written" test "$(rows "$DB")" -eq 1
    check "the log is intact" integrity
    touch "$T/release"
    wait "$holder" 2>/dev/null
    # With no session open the -wal must be created first: that fails too.
    full && pt $P --db "$DB" add mini/pm25-2025 --value 24 --date 2025-06-30
    full && check "a full disk and no other session: add exits 2 too" rc_is 2
    full && check "saying that the disk is full" err_has "the disk is full"
    rm "$T/fs/filler"
    check "nothing was written" test "$(rows "$DB")" -eq 1
    full && pt $P --db "$DB" add mini/pm25-2025 --value 24 --date 2025-06-30 &&
        check "once there is room again, add works" rc_is 0
    check "and the log is intact" integrity
    umount "$T/fs"
elif [ "$SUITE" = valgrind ]; then
    skip "a file size limit reached" "valgrind itself writes a file (its pipe to the program), which ulimit -f 0 forbids, so it would test valgrind (the plain and asan suites run it)"
else
    # Without mounts: a file size limit, which SQLite sees as a full disk.
    DB="$T/limit.db"
    prep $P --db "$DB" add mini/pm25-2025 --value 25 --date 2024-12-31
    (trap '' XFSZ; ulimit -f 0; exec "$PLANTRACK" $P --db "$DB" add \
        mini/pm25-2025 --value 24 --date 2025-06-30) >"$T/out" 2>"$T/err"
    rc=$?
    check "a file size limit reached: add exits 2" rc_is 2
    check "nothing was written" test "$(rows "$DB")" -eq 1
    check "the log is intact" integrity
fi

# ---- a missing directory ----
full || exit 0
pt $P --db "$T/gone/p.db" status --as-of 2025-07-01
check "status with a named log that does not exist is an error (exit 2)" \
    sh -c "[ $rc -eq 2 ] && grep -q 'no log at $T/gone/p.db (named by --db)' '$T/err'"
check "and creates nothing" test ! -e "$T/gone"
pt $P --db "$T/gone/p.db" add mini/pm25-2025 --value 1 --date 2025-01-01
check "add with the log's directory missing exits 2" rc_is 2
check "saying the directory does not exist" err_has "does not exist"
check "and creates nothing" test ! -e "$T/gone"
