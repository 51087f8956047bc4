# Helpers for command-line tests: run the real binary ($PLANTRACK) against
# temporary plan folders and logs; report "ok"/"not ok" lines.
set -u
: "${PLANTRACK:?set PLANTRACK to the binary under test}"
TOP=$(cd "$(dirname "$0")/../.." && pwd)
FIX="$TOP/tests/fixtures"
T=$(mktemp -d /tmp/plantrack-cli-XXXXXX)
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
export LC_ALL=C.UTF-8 HOME="$T/home" XDG_DATA_HOME="$T/xdg"
export PLANTRACK_DB="$T/progress.db"
# The catalogues of this tree, whichever binary runs (build/asan/plantrack
# would not find them beside itself).
export PLANTRACK_LOCALEDIR="$TOP/build/locale"
unset COLUMNS NO_COLOR LANGUAGE
mkdir -p "$HOME"
NAME=$(basename "$0" .sh)

# pt ARGS...: run plantrack; stdout in $T/out, stderr in $T/err, status $rc.
pt() {
    "$PLANTRACK" "$@" >"$T/out" 2>"$T/err"
    rc=$?
}

# on_tty COLS COMMAND...: run COMMAND with its output on a terminal COLS
# wide (a pseudo-terminal); what it printed goes to $T/out, and the raw
# bytes to $T/out.raw.
on_tty() {
    python3 - "$T/out.raw" "$@" >"$T/out" <<'PY'
import os, pty, sys, fcntl, struct, termios
raw, cols = sys.argv[1], int(sys.argv[2])
pid, fd = pty.fork()
if pid == 0:  # the size is set before the program can ask for it
    fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", 24, cols, 0, 0))
    os.execvp(sys.argv[3], sys.argv[3:])
out = b""
while True:
    try:
        chunk = os.read(fd, 65536)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
os.waitpid(pid, 0)
open(raw, "wb").write(out)
sys.stdout.write(out.decode("utf-8", "replace").replace("\r\n", "\n"))
PY
}

# column_aligned HEADER: in the table in $T/out (from its header row; its
# last line, the counts, left out), the column headed HEADER starts at the same display column
# (CJK = 2 cells) on every row, after two spaces.
column_aligned() {
    python3 -c '
import sys, unicodedata
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()[:-1]
# lines above the table (a legend, the lights) are not rows
lines = lines[[i for i, l in enumerate(lines) if "  " + sys.argv[2] + " " in l][0]:]
head = lines[0]
col = width(head[:head.index("  " + sys.argv[2] + " ") + 2])
for line in lines[1:]:
    w = 0
    for i, c in enumerate(line):
        if w == col:
            break
        w += width(c)
    assert w == col and line[i - 2:i] == "  ", (line, w, col)
' "$T/out" "$1"
}

# need TOOL...: the tools this test calls. A missing one fails the test,
# loudly and by name, with the Debian package to install (make deps
# installs them all): a test must never pass for lack of its tool.
need() {
    missing=
    for tool; do
        command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
    done
    [ -z "$missing" ] && return 0
    for tool in $missing; do
        echo "not ok - $NAME: needs $tool, which is not installed (Debian package $(package_of "$tool"); make deps installs it)"
    done
    exit 1
}

# The Debian package that has TOOL.
package_of() {
    case $1 in
    ps | pkill | pgrep | kill) echo procps ;;
    setpriv | unshare | script) echo util-linux ;;
    mount | umount) echo mount ;;
    chattr) echo e2fsprogs ;;
    localedef) echo libc-bin ;;
    msgfmt | xgettext) echo gettext ;;
    timeout | od | cksum | mkfifo) echo coreutils ;;
    useradd | userdel | groupadd | groupdel) echo passwd ;;
    cc) echo gcc ;;
    pdfinfo | pdftotext | pdftoppm) echo poppler-utils ;;
    *) echo "$1" ;;
    esac
}

# need_zh_locale: the zh_CN locale data (package locales), from which a
# test builds a real zh_CN.UTF-8 locale (zh_locale).
need_zh_locale() {
    need localedef
    [ -f /usr/share/i18n/locales/zh_CN ] && return 0
    echo "not ok - $NAME: needs the zh_CN locale data, which is not installed (Debian package locales; make deps installs it)"
    exit 1
}

# skip DESCRIPTION REASON: a case that cannot be meaningful here. It prints
# a "# skip:" line, which run-all counts apart: never as passed.
skip() { echo "# skip: $NAME: $1, because $2"; }

pass() { echo "ok - $NAME: $1"; }
fail() {
    echo "not ok - $NAME: $1"
    echo "#   exit status: ${rc:-?}"
    sed -n '1,15s/^/#   stdout: /p' "$T/out" 2>/dev/null
    sed -n '1,15s/^/#   stderr: /p' "$T/err" 2>/dev/null
}

# check DESCRIPTION COMMAND...: pass when the command succeeds.
check() {
    d=$1
    shift
    if "$@"; then pass "$d"; else fail "$d"; fi
}

out_has() { grep -qF -- "$1" "$T/out"; }
err_has() { grep -qF -- "$1" "$T/err"; }
rc_is() { [ "$rc" -eq "$1" ]; }

# A copy of the fixture plans to change freely.
fresh_plans() {
    rm -rf "$T/plans"
    cp -r "$FIX/plans" "$T/plans"
}

# Number of rows in the log (through the product's own export).
log_rows() {
    "$PLANTRACK" export --format csv 2>/dev/null | tail -n +2 | grep -c . || true
}

# zh_locale: build a real zh_CN.UTF-8 locale under $T/loc, for use with
# LOCPATH="$T/loc" (after need_zh_locale).
zh_locale() {
    [ -f "$T/loc/zh_CN.UTF-8/LC_CTYPE" ] && return 0
    mkdir -p "$T/loc"
    localedef -i zh_CN -f UTF-8 "$T/loc/zh_CN.UTF-8" >/dev/null 2>&1
    [ -f "$T/loc/zh_CN.UTF-8/LC_CTYPE" ]
}

# pty_clean: $T/out.raw holds no ESC, BEL, other C0 control but tab, CR and
# LF, DEL, C1 control (raw or as UTF-8) or bidirectional override.
pty_clean() {
    python3 -c '
import re, sys
b = open(sys.argv[1], "rb").read()
if re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]", b):
    sys.exit(1)
' "$T/out.raw"
}
