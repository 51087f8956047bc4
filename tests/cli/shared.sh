#!/bin/sh
# Shared-server mode, as README sets it up: make install SHARED_GROUP=...
# makes plantrack setgid to a group the officials are not in, and the log's
# directory one only that group may enter. Two ordinary accounts record
# through plantrack; neither can open the log with sqlite3 or cat, or point
# plantrack at another file; the recorded authors are the real accounts,
# whatever USER, LD_PRELOAD or a user namespace say. Installed once, apart
# (in $T), in the plain suite; it needs root to add the accounts.
. "$(dirname "$0")/../lib/tui.sh"
. "$TOP/tests/lib/reliability.sh"
if [ "$SUITE" != plain ]; then
    skip "shared-server mode with two accounts" "installed once, in the plain suite"
    exit 0
fi
if [ "$(id -u)" != 0 ]; then
    skip "shared-server mode with two accounts" "needs root: it adds two accounts and a group with useradd and groupadd"
    exit 0
fi
need useradd userdel groupadd groupdel setpriv sqlite3 cc tmux
tag=$$
GRP=ptg$tag A=pta$tag B=ptb$tag
cleanup() {
    tmux -S "$SOCK" kill-server 2>/dev/null
    userdel "$A" 2>/dev/null
    userdel "$B" 2>/dev/null
    groupdel "$A" 2>/dev/null
    groupdel "$B" 2>/dev/null
    groupdel "$GRP" 2>/dev/null
    chmod -R u+w "$T" 2>/dev/null
    rm -rf "$T"
}
trap cleanup EXIT
useradd --no-create-home --user-group --shell /bin/sh "$A"
useradd --no-create-home --user-group --shell /bin/sh "$B"
chmod 755 "$T"
PFX="$T/pfx" SHARED="$T/shared"
make -s -C "$TOP" B="$T/build" BA="$T/build/asan" OPT=-O0 install \
    PREFIX="$PFX" SHARED_GROUP="$GRP" SHARED_DIR="$SHARED" >"$T/make.log" 2>&1
rc=$?
check "make install SHARED_GROUP=... installs" rc_is 0
BIN="$PFX/bin/plantrack"
check "plantrack is setgid to the group" \
    test "$(stat -c '%A %G' "$BIN")" = "-rwxr-sr-x $GRP"
check "the log's directory is the group's alone" \
    test "$(stat -c '%A %U %G' "$SHARED")" = "drwxrws--- root $GRP"
check "the officials are not in the group" \
    sh -c "! id -nG $A | grep -qw $GRP && ! id -nG $B | grep -qw $GRP"

# as USER COMMAND...: run as an ordinary account, with a clean login
# environment plus what the caller adds with env.
as() {
    u=$1
    shift
    setpriv --reuid="$u" --regid="$u" --init-groups \
        env -i HOME="$T" PATH=/usr/bin:/bin LC_ALL=C.UTF-8 TZ=Asia/Shanghai "$@" \
        >"$T/out" 2>"$T/err"
    rc=$?
}
cd "$T"
as "$A" "$BIN" add ordos/ne-capacity-2026 --value 4100 --date 2024-12-31 2>/dev/null
check "an official who is not in the group records through plantrack" rc_is 0
as "$B" USER=mallory LOGNAME=mallory "$BIN" add ordos/ne-capacity-2026 --value 4200 --date 2025-06-30
check "so does a second one" rc_is 0
DB="$SHARED/progress.db"
check "the recorded authors are the real accounts, whatever USER says" \
    test "$(DB="$DB" sql 'SELECT group_concat(author) FROM observations ORDER BY seq')" = "$A,$B"

as "$A" sqlite3 "$DB" "SELECT count(*) FROM observations"
check "an official cannot open the log with sqlite3" \
    sh -c "[ $rc -ne 0 ] && ! grep -q '^2$' '$T/out'"
as "$A" sqlite3 "$DB" "DROP TRIGGER observations_no_update"
check "nor drop its triggers" \
    test "$(DB="$DB" sql "SELECT count(*) FROM sqlite_master WHERE name = 'observations_no_update'")" -eq 1
as "$A" cat "$DB"
check "nor read it" sh -c "[ $rc -ne 0 ] && grep -q 'Permission denied' '$T/err'"
as "$A" sh -c "echo x >'$DB'; rm -f '$DB'; ln -s /dev/null '$DB-shm'"
check "nor truncate, remove it or plant a link beside it" \
    sh -c "[ -s '$DB' ] && [ ! -L '$DB-shm' ]"

as "$A" "$BIN" --db "$T/mine.db" add ordos/ne-capacity-2026 --value 4600 --date 2025-06-30
check "--db pointing outside the shared directory is refused" \
    sh -c "[ $rc -eq 1 ] && grep -q 'the log is in $SHARED' '$T/err'"
as "$A" PLANTRACK_DB="$T/mine.db" "$BIN" add ordos/ne-capacity-2026 --value 4300 --date 2025-06-30
check "PLANTRACK_DB is not followed: the figure goes to the shared log" \
    sh -c "[ $rc -eq 0 ] && [ ! -e '$T/mine.db' ] && [ \$(sqlite3 '$DB' 'SELECT count(*) FROM observations') -eq 3 ]"
as "$A" "$BIN" --plans "$T" status
check "--plans is refused: the installed plans are everyone's" rc_is 1
as "$A" "$BIN" import "$DB"
check "a file to import is opened with the official's rights, not the group's" \
    sh -c "[ $rc -ne 0 ] && grep -q 'Permission denied' '$T/err'"

# LD_PRELOAD a getpwuid that claims another name: the loader ignores it for
# a setgid program.
cat >"$T/fake.c" <<'C'
#include <pwd.h>
#include <string.h>
struct passwd *getpwuid(unsigned uid)
{
    static struct passwd pw;
    (void)uid;
    memset(&pw, 0, sizeof pw);
    pw.pw_name = "mallory";
    return &pw;
}
C
cc -shared -fPIC -o "$T/fake.so" "$T/fake.c"
chmod 755 "$T/fake.so"
as "$A" LD_PRELOAD="$T/fake.so" "$BIN" add ordos/ne-capacity-2026 --value 4400 --date 2025-06-30
check "LD_PRELOAD cannot change the recorded author" \
    test "$(DB="$DB" sql 'SELECT author FROM observations ORDER BY seq DESC LIMIT 1')" = "$A"
if setpriv --reuid="$A" --regid="$A" --init-groups unshare -r true 2>/dev/null; then
    n=$(DB="$DB" sql 'SELECT count(*) FROM observations')
    as "$A" unshare -r "$BIN" add ordos/ne-capacity-2026 --value 4500 --date 2025-06-30
    check "in a user namespace (unshare -r) plantrack does nothing, and says why" \
        sh -c "[ $rc -eq 2 ] && grep -q 'runs without that group' '$T/err' && [ \$(sqlite3 '$DB' 'SELECT count(*) FROM observations') -eq $n ]"
else
    skip "in a user namespace plantrack does nothing" "this kernel gives ordinary accounts no user namespace"
fi
as "$B" "$BIN" verify
check "an official can verify the shared log" \
    sh -c "[ $rc -eq 0 ] && grep -q 'the chain is intact' '$T/out'"
as "$B" "$BIN" log ordos/ne-capacity-2026
check "and read its history, with the real authors" \
    sh -c "grep -q ' $A ' '$T/out' && grep -q ' $B ' '$T/out'"

# The viewer too: it saves through the group's rights, as the official.
install -d -o "$A" -g "$A" "$T/state-$A"
tmux -S "$SOCK" -f /dev/null new-session -d -s t -x 120 -y 40 \
    "setpriv --reuid=$A --regid=$A --init-groups env -i HOME='$T' TERM=screen-256color LC_ALL=C.UTF-8 TZ=Asia/Shanghai XDG_STATE_HOME='$T/state-$A' '$BIN'; sleep 30"
tmux -S "$SOCK" set-option -t t status off >/dev/null
see "the viewer opens for an official on the shared log" wait_for "Targets (" 20
keys /
type_text "新能源发电装机容量"
keys Enter a
see "its form opens" wait_for "Add an observation" 10
type_text "4350"
keys C-s
see "and a figure saved there goes to the shared log" wait_for "saved 4350" 10
check "recorded with the official as its author" \
    test "$(DB="$DB" sql 'SELECT author || '"' '"' || value FROM observations ORDER BY seq DESC LIMIT 1')" = "$A 4350.0"

# ncurses reads terminal descriptions from $HOME/.terminfo unless it deems
# the process privileged, which plantrack's no longer looks like once its
# group's rights are set aside: a description an official wrote there (a
# crafted file for a parser bug) must not be read by the setgid viewer.
tmux -S "$SOCK" kill-server 2>/dev/null
mkdir -p "$T/.terminfo/p"
cp "$(find /lib/terminfo /usr/share/terminfo -name screen-256color | head -n 1)" \
    "$T/.terminfo/p/pt-mine"
chmod -R a+rX "$T/.terminfo"
tmux -S "$SOCK" -f /dev/null new-session -d -s t -x 120 -y 40 \
    "setpriv --reuid=$A --regid=$A --init-groups env -i HOME='$T' TERM=pt-mine LC_ALL=C.UTF-8 XDG_STATE_HOME='$T/state-$A' '$BIN'; echo viewer-exit=\$?; sleep 30"
tmux -S "$SOCK" set-option -t t status off >/dev/null
see "the setgid viewer reads no terminal description from the official's home" \
    wait_for "viewer-exit=2" 20
see "and says the terminal type is unknown" shows "terminal type 'pt-mine' is unknown"
