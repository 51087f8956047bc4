#!/bin/sh
# status --search finds what the viewer's / finds: the same folding of
# pinyin, traditional and full-width forms (src/search.c).
. "$(dirname "$0")/../lib/cli.sh"
fresh_plans
P="--plans $T/plans --as-of 2025-07-01"
unset PLANTRACK_DB # nothing recorded: a new user's default log

ids() { pt $P status --format csv --search "$1"; cut -d, -f1,2 "$T/out" | tail -n +2 | sort | tr '\n' ' '; }
eco="mini,co2-intensity-2026 "
check "the search filters status" test "$(ids 市生态环境局)" != ""
check "pinyin finds 市生态环境局's targets as the name does" \
    test "$(ids shengtaihuanjing)" = "$(ids 市生态环境局)"
check "so do the initials of its short name" test "$(ids stj)" = "$(ids 市生态环境局)"
check "and its traditional form" test "$(ids 生態環境局)" = "$(ids 市生态环境局)"
check "full-width forms find half-width text" \
    test "$(ids ＰＭ２.５)" = "mini,pm25-2025 "
check "an alias in traditional finds its agency's target" \
    test "$(ids 發展改革委)" = "$eco"
pt $P status --search 不存在的东西
check "nothing found is an empty list, exit 0" sh -c "[ $rc = 0 ] && grep -q '^0 target' '$T/out'"
pt --lang zh $P status --search xyz --format table
check "the count line follows --lang" out_has "个目标"
