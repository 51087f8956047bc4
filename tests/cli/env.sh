#!/bin/sh
# Environment faults: clear messages and exit status 2; the command line
# options and defaults.
. "$(dirname "$0")/../lib/cli.sh"
need sqlite3
fresh_plans
P="--plans $T/plans"

pt $P --db "$T/no/such/dir/p.db" add mini/pm25-2025 --value 1
check "a missing directory for --db exits 2" rc_is 2
check "and says what to do" err_has "does not exist"
mkdir "$T/adir"
pt $P --db "$T/adir" add mini/pm25-2025 --value 1
check "a directory given as the log exits 2" rc_is 2
pt $P add mini/pm25-2025 --value 1
sqlite3 "$PLANTRACK_DB" "PRAGMA user_version = 7"
pt $P add mini/pm25-2025 --value 1
check "a log of a newer schema exits 2" rc_is 2
check "and asks for an upgrade" err_has "upgrade plantrack"
pt $P status
check "status refuses it too" rc_is 2

unset PLANTRACK_DB
pt $P add mini/pm25-2025 --value 1 --date 2025-01-01
check "the default log is created under XDG_DATA_HOME" test -f "$XDG_DATA_HOME/plantrack/progress.db"
check "privately, mode 0600" test "$(stat -c %a "$XDG_DATA_HOME/plantrack/progress.db")" = 600
mkdir -m 2770 "$T/shared"
pt $P --db "$T/shared/log.db" add mini/pm25-2025 --value 1 --date 2025-01-01
check "a log in a setgid shared directory is group-writable" test "$(stat -c %a "$T/shared/log.db")" = 660

pt --version
check "--version prints the version" out_has "plantrack 0."
pt --help
check "--help lists the commands" out_has "status"
pt frobnicate
check "an unknown command exits 1" rc_is 1
pt status --as-of 2025-13-01
check "a bad --as-of is refused" err_has "--as-of:"
