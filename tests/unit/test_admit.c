/* Admission: the one check every row passes before it enters the log,
 * from add, correct, the editor or an import alike. */
#include <stdlib.h>

#include "plantrack/admit.h"
#include "unit.h"

static struct target mini_targets[] = {
    {.id = "ne-capacity-2026", .cmp = CMP_GE, .unit = "万千瓦", .year = 2026},
    {.id = "rules-2025", .cmp = CMP_DONE, .unit = "", .year = 2025},
};
static struct plan mini = {
    .id = "mini", .targets = mini_targets, .n_targets = 2};
static struct plan *all[] = {&mini};
static const struct plan_set PLANS = {.plans = all, .n = 1, .n_targets = 2};
static const struct pt_date TODAY = {2025, 7, 1};

static void fix_plans(void)
{
    mini_targets[0].plan = &mini;
    mini_targets[1].plan = &mini;
}

/* A row as add records it, fine in every field. */
static struct obs good_row(void)
{
    struct obs o = {
        .uuid = "0f2a9c1e-1111-4111-8111-111111111111",
        .plan = "mini",
        .target = "ne-capacity-2026",
        .date = "2025-06-30",
        .has_value = true,
        .value = 4200,
        .state = "",
        .unit = "万千瓦",
        .source = "市能源局",
        .note = "",
        .author = "wang",
        .host = "srv",
        .recorded_at = "2025-06-30T08:15:02.123Z",
        .corrects = "",
    };
    return o;
}

/* The reason the row is refused, "" when it is let in. */
static const char *why(const struct obs *o, const struct obs *corrected)
{
    static char buf[400];
    fix_plans();
    buf[0] = '\0';
    if (admit_row(&PLANS, TODAY, o, corrected, buf, sizeof buf) == 0)
        return "";
    return buf[0] ? buf : "(refused without a reason)";
}

TEST(a_row_as_add_records_it_is_let_in)
{
    struct obs o = good_row();
    CHECK_STR(why(&o, NULL), "");
    o.recorded_at[19] = 'Z'; /* without milliseconds, as older logs have */
    o.recorded_at[20] = '\0';
    CHECK_STR(why(&o, NULL), "");
}

TEST(dates_the_table_would_drop_are_refused_by_name)
{
    const char *bad[] = {"2025/06/30", "2025-6-30 ",    "2025-6-30",
                         "2025-02-30", "0001-01-01",    "9999-12-31",
                         "2025-07-02", "yesterday-ish", ""};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        struct obs o = good_row();
        snprintf(o.date, sizeof o.date, "%s", bad[i]);
        CHECK_CONTAINS(why(&o, NULL), "date");
    }
}

TEST(the_plan_and_target_must_be_in_the_plans)
{
    struct obs o = good_row();
    o.plan = "nowhere";
    CHECK_CONTAINS(why(&o, NULL), "no plan 'nowhere'");
    o = good_row();
    o.target = "gone";
    CHECK_CONTAINS(why(&o, NULL), "has no target 'gone'");
}

TEST(values_units_and_states_as_the_target_takes_them)
{
    struct obs o = good_row();
    o.value = 1.0 / 0.0;
    CHECK_CONTAINS(why(&o, NULL), "not a finite number");
    o = good_row();
    o.unit = "千瓦";
    CHECK_CONTAINS(why(&o, NULL), "not the target's unit");
    o = good_row();
    o.has_value = false;
    o.state = "done";
    CHECK_CONTAINS(why(&o, NULL), "takes a number");
    o = good_row();
    o.target = "rules-2025";
    o.unit = "";
    CHECK_CONTAINS(why(&o, NULL), "takes a state");
    o.has_value = false;
    o.state = "finished";
    CHECK_CONTAINS(why(&o, NULL), "state must be");
    o.state = "done";
    CHECK_STR(why(&o, NULL), "");
}

TEST(text_must_be_utf8_and_within_the_editors_lengths)
{
    struct obs o = good_row();
    o.note = "\xc4\xea\xb6\xc8"; /* 年度 in GBK */
    CHECK_CONTAINS(why(&o, NULL), "not UTF-8");
    char *big = malloc(900 * 1024 + 1);
    memset(big, 'x', 900 * 1024);
    big[900 * 1024] = '\0';
    o.note = big;
    CHECK_CONTAINS(why(&o, NULL), "too long");
    free(big);
    o = good_row();
    o.author = "";
    CHECK_CONTAINS(why(&o, NULL), "author is empty");
    o.author = "wang\033]0;x\007";
    CHECK_CONTAINS(why(&o, NULL), "control character");
}

TEST(recorded_at_must_be_a_time_it_could_have_been_recorded)
{
    const char *bad[] = {"yesterday-ish", "2025-06-30 08:15:02",
                         "2099-01-01T00:00:00.000Z", "1999-12-31T00:00:00Z",
                         "2025-06-30T25:00:00Z"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        struct obs o = good_row();
        snprintf(o.recorded_at, sizeof o.recorded_at, "%s", bad[i]);
        CHECK_CONTAINS(why(&o, NULL), "recorded_at");
    }
    struct obs o = good_row();
    snprintf(o.recorded_at, sizeof o.recorded_at, "2025-06-01T00:00:00Z");
    CHECK_CONTAINS(why(&o, NULL), "after the day it was recorded");
}

TEST(a_correction_is_of_an_observation_of_the_same_target_with_a_reason)
{
    struct obs old = good_row();
    struct obs o = good_row();
    snprintf(o.uuid, sizeof o.uuid, "1f2a9c1e-1111-4111-8111-111111111111");
    o.corrects = old.uuid;
    o.note = "口径更正";
    CHECK_STR(why(&o, &old), "");
    CHECK_CONTAINS(why(&o, NULL), "not in the log");
    struct obs other = good_row();
    other.target = "rules-2025";
    CHECK_CONTAINS(why(&o, &other), "another target");
    o.note = "";
    CHECK_CONTAINS(why(&o, &old), "reason");
    o.note = "x";
    o.corrects = o.uuid;
    CHECK_CONTAINS(why(&o, &old), "cannot correct itself");
    o.corrects = "not-a-uuid";
    CHECK_CONTAINS(why(&o, &old), "not a UUID");
}
