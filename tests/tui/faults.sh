#!/bin/sh
# The viewer when the log cannot be written: on a read-only file system,
# not writable by the user, or on a disk that fills up while it runs. It
# still browses the plans, says why it cannot save, and keeps the draft.
# (A log of a newer schema: tests/tui/live.sh.) Runs itself again in a
# private mount namespace to mount tmpfs file systems, as tests/cli/faults.sh.
if [ -z "${PT_MOUNT_NS:-}" ] && unshare -m true 2>/dev/null; then
    PT_MOUNT_NS=1 exec unshare -m sh "$0" "$@"
fi
. "$(dirname "$0")/../lib/tui.sh"
. "$TOP/tests/lib/reliability.sh"
need setpriv unshare mount
fresh_plans
P="--plans $T/plans"
probe_mounts
DRAFT="$(draft_dir_of)/mini__pm25-2025.draft"

# try_save VALUE: open the form on PM2.5, type VALUE, press Ctrl-S.
try_save() {
    keys /
    type_text "PM2.5"
    keys Enter a
    wait_for "Add an observation" >/dev/null
    type_text "$1"
    keys C-s
}

# ---- a read-only file system ----
if can_mount; then
    mount -t tmpfs -o size=1m tmpfs "$T/fs"
    export PLANTRACK_DB="$T/fs/p.db"
    DRAFT="$(draft_dir_of)/mini__pm25-2025.draft" # drafts are per log
    prep $P add mini/pm25-2025 --value 25 --date 2024-12-31
    mount -o remount,ro "$T/fs"
    start 120 40 $P
    see "read-only file system: the viewer browses the plans" \
        wait_for "Targets (5)"
    see "marked read-only" wait_for "[read-only]"
    # The recorded observation still shows: the log is read as immutable.
    keys /
    type_text "PM2.5"
    keys Enter
    see "read-only file system: the log's observations still show" \
        wait_for "History (1)" 2
    try_save 24
    see "saving says why it cannot" wait_for "not saved:"
    see "the form stays open" shows "Add an observation"
    see "and the draft is kept" grep -q 'value=24$' "$DRAFT"
    keys Escape
    see "the viewer quits cleanly" quit_cleanly
    mount -o remount,rw "$T/fs"
    see "nothing was written" test "$(sql 'SELECT count(*) FROM observations')" -eq 1
    umount "$T/fs"
    rm -f "$DRAFT"
else
    skip "read-only file system" "a tmpfs cannot be mounted here (that needs root and unshare -m)"
fi

# ---- a log the user may not write (as nobody when root) ----
export PLANTRACK_DB="$T/perm/p.db"
mkdir -p "$T/perm" "$T/nobody-state"
prep $P add mini/pm25-2025 --value 25 --date 2024-12-31
chmod 644 "$PLANTRACK_DB"
chmod 755 "$T" "$T/perm" "$T/plans" "$T/plans/sources"
chmod 777 "$T/nobody-state"
if [ "$(id -u)" != 0 ] || can_drop_root; then
    under_test=$PLANTRACK
    if [ "$(id -u)" = 0 ]; then
        nobody_copy
        PLANTRACK=$NOBODY_PT
        TUI_ENV="XDG_STATE_HOME='$T/nobody-state' $NOBODY_ENV setpriv --reuid=65534 --regid=65534 --clear-groups"
    else
        chmod 444 "$PLANTRACK_DB"
        TUI_ENV="XDG_STATE_HOME='$T/nobody-state'"
    fi
    : >"$T/tui.err" # nobody may write it, not create it in $T
    chmod 666 "$T/tui.err"
    start 120 40 $P
    see "a log the user may not write: the viewer browses the plans" \
        wait_for "Targets (5)"
    see "marked read-only" wait_for "[read-only]"
    try_save 23
    see "saving says why it cannot" wait_for "not saved:"
    see "and the draft is kept" \
        grep -q 'value=23$' "$(draft_dir_of "$PLANTRACK_DB" "$T/nobody-state")/mini__pm25-2025.draft"
    keys Escape q
    TUI_ENV= PLANTRACK=$under_test
    see "nothing was written" test "$(sql 'SELECT count(*) FROM observations')" -eq 1
else
    skip "a log the user may not write" "file modes do not bind root, and without setpriv root cannot run it as another account"
fi

# ---- a disk that fills up while the viewer runs ----
if can_mount; then
    mount -t tmpfs -o size=256k tmpfs "$T/fs"
    export PLANTRACK_DB="$T/fs/p.db"
    prep $P add mini/pm25-2025 --value 25 --date 2024-12-31
    start 120 40 $P
    see "the viewer opens on a log with room" wait_for "Targets (5)"
    dd if=/dev/zero of="$T/fs/filler" bs=1k 2>/dev/null
    try_save 22
    see "once the disk is full, saving says so" wait_for "the disk is full"
    see "the form stays open with what was typed" \
        sh -c "grep -q 'Add an observation' '$T/screen' && grep -q 22 '$T/screen'"
    see "and the draft is kept" grep -q 'value=22$' "$DRAFT"
    rm "$T/fs/filler"
    keys C-s
    see "with room again, the same form saves" wait_for "saved 22"
    see "the log is intact" integrity
    see "the viewer quits cleanly" quit_cleanly
    umount "$T/fs"
else
    skip "a disk that fills up" "a tmpfs cannot be mounted here (that needs root and unshare -m)"
fi
