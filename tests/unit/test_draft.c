/* Drafts: what was typed survives a cancel or a crash. */
#include <stdlib.h>

#include "plantrack/draft.h"
#include "unit.h"

TEST(a_draft_round_trips_through_the_disk)
{
    const char *dir = unit_tmpdir();
    char sub[512];
    snprintf(sub, sizeof sub, "%s/state/drafts", dir); /* created on save */
    struct draft d = {0};
    struct pt_error err;
    snprintf(d.plan, sizeof d.plan, "ordos");
    snprintf(d.target, sizeof d.target, "ne-capacity-2026");
    snprintf(d.fields[ENTRY_VALUE], sizeof d.fields[0], "４２００");
    snprintf(d.fields[ENTRY_NOTE], sizeof d.fields[0], "两行\n备注 \\ 反斜杠");
    CHECK(draft_save(sub, &d, &err) == 0);
    struct draft back;
    CHECK(draft_load(sub, "ordos", "ne-capacity-2026", &back) == 1);
    CHECK_STR(back.fields[ENTRY_VALUE], "４２００");
    CHECK_STR(back.fields[ENTRY_NOTE], "两行\n备注 \\ 反斜杠");
    CHECK(!draft_is_empty(&back));
    struct draft *all;
    size_t n;
    draft_list(sub, &all, &n);
    CHECK(n == 1);
    free(all);
    draft_discard(sub, "ordos", "ne-capacity-2026");
    CHECK(draft_load(sub, "ordos", "ne-capacity-2026", &back) == 0);
}

TEST(a_date_alone_is_an_empty_draft)
{
    struct draft d = {0};
    snprintf(d.fields[ENTRY_DATE], sizeof d.fields[0], "2025-06-30");
    CHECK(draft_is_empty(&d));
}
