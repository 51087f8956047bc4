/* Drafts: what was typed survives a cancel or a crash. */
#include <stdlib.h>
#include <unistd.h>

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
    CHECK(draft_load(sub, "ordos", "ne-capacity-2026", "", &back) == 1);
    CHECK_STR(back.fields[ENTRY_VALUE], "４２００");
    CHECK_STR(back.fields[ENTRY_NOTE], "两行\n备注 \\ 反斜杠");
    CHECK(!draft_is_empty(&back));
    struct draft *all;
    size_t n;
    draft_list(sub, &all, &n);
    CHECK(n == 1);
    free(all);
    draft_discard(sub, "ordos", "ne-capacity-2026", "");
    CHECK(draft_load(sub, "ordos", "ne-capacity-2026", "", &back) == 0);
}

TEST(a_date_alone_is_an_empty_draft)
{
    struct draft d = {0};
    snprintf(d.fields[ENTRY_DATE], sizeof d.fields[0], "2025-06-30");
    CHECK(draft_is_empty(&d));
}

TEST(a_correction_draft_never_overwrites_the_draft_of_a_new_observation)
{
    const char *dir = unit_tmpdir();
    char sub[512];
    snprintf(sub, sizeof sub, "%s/kinds", dir);
    const char *old = "3f2a9c1e-0000-4000-8000-000000000001";
    struct draft add = {0}, fix = {0}, back;
    struct pt_error err;
    snprintf(add.plan, sizeof add.plan, "ordos");
    snprintf(add.target, sizeof add.target, "ne-capacity-2026");
    fix = add;
    snprintf(add.fields[ENTRY_VALUE], sizeof add.fields[0], "4200");
    snprintf(fix.corrects, sizeof fix.corrects, "%s", old);
    snprintf(fix.fields[ENTRY_VALUE], sizeof fix.fields[0], "4100");
    CHECK(draft_save(sub, &add, &err) == 0);
    CHECK(draft_save(sub, &fix, &err) == 0);
    CHECK(draft_load(sub, "ordos", "ne-capacity-2026", "", &back) == 1);
    CHECK_STR(back.fields[ENTRY_VALUE], "4200");
    CHECK(draft_load(sub, "ordos", "ne-capacity-2026", old, &back) == 1);
    CHECK_STR(back.fields[ENTRY_VALUE], "4100");
    CHECK_STR(back.corrects, old);
    struct draft *all;
    size_t n;
    draft_list(sub, &all, &n);
    CHECK(n == 2);
    free(all);
    draft_discard(sub, "ordos", "ne-capacity-2026", old);
    CHECK(draft_load(sub, "ordos", "ne-capacity-2026", "", &back) == 1);
}

TEST(the_id_of_an_imported_observation_cannot_steer_a_draft_out_of_its_folder)
{
    const char *dir = unit_tmpdir();
    char sub[512], outside[600];
    snprintf(sub, sizeof sub, "%s/safe", dir);
    snprintf(outside, sizeof outside, "%s/evil.draft", dir);
    struct draft d = {0}, back;
    struct pt_error err;
    snprintf(d.plan, sizeof d.plan, "ordos");
    snprintf(d.target, sizeof d.target, "ne-capacity-2026");
    snprintf(d.corrects, sizeof d.corrects, "/../../evil");
    snprintf(d.fields[ENTRY_VALUE], sizeof d.fields[0], "1");
    CHECK(draft_save(sub, &d, &err) == 0);
    CHECK(access(outside, F_OK) != 0);
    CHECK(draft_load(sub, "ordos", "ne-capacity-2026", "/../../evil", &back) ==
          1);
}
