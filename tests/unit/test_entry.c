/* Entry: what `plantrack add` and the editor accept, normalise and refuse,
 * field by field, before anything reaches the log. */
#include <stdlib.h>

#include "plantrack/entry.h"
#include "unit.h"

static struct agency eco = {.id = "eco", .name = "市生态环境局"};
static struct plan mini = {.id = "mini",
                           .period_start = 2024,
                           .period_end = 2026,
                           .agencies = &eco,
                           .n_agencies = 1};
static struct target capacity = {.plan = &mini,
                                 .id = "ne-capacity-2026",
                                 .cmp = CMP_GE,
                                 .has_value = true,
                                 .value = 5000,
                                 .unit = "万千瓦",
                                 .year = 2026};
static struct target rules = {.plan = &mini,
                              .id = "rules-2025",
                              .cmp = CMP_DONE,
                              .unit = "",
                              .year = 2025};

static const struct pt_date TODAY = {2025, 7, 1};

/* Parse with the given date, value, source and note. */
static int parse(const struct target *t, const char *date, const char *value,
                 const char *source, const char *note, struct entry *e,
                 struct entry_check *chk)
{
    const char *raw[ENTRY_NFIELDS] = {
        [ENTRY_DATE] = date,
        [ENTRY_VALUE] = value,
        [ENTRY_SOURCE] = source,
        [ENTRY_NOTE] = note,
    };
    return entry_parse(t, raw, TODAY, false, e, chk);
}

static double value_of(const char *typed)
{
    struct entry e;
    struct entry_check chk;
    if (parse(&capacity, "2025-06-30", typed, NULL, NULL, &e, &chk) < 0) {
        printf("#   '%s' refused: %s\n", typed, chk.msg[ENTRY_VALUE]);
        return -999;
    }
    return e.value;
}

TEST(numbers_typed_as_officials_type_them_are_normalised)
{
    CHECK_NUM(value_of("5000"), 5000, 0);
    CHECK_NUM(value_of("5,000"), 5000, 0);
    CHECK_NUM(value_of("5 000"), 5000, 0);
    CHECK_NUM(value_of("５０００"), 5000, 0);
    CHECK_NUM(value_of("５，０００"), 5000, 0);
    CHECK_NUM(value_of(" 4 800万千瓦 "), 4800, 0);
    CHECK_NUM(value_of("1.5e3"), 1500, 0);
}

TEST(minus_zero_is_recorded_as_zero)
{
    double v = value_of("-0");
    CHECK(v == 0 && !signbit(v));
    v = value_of("－０"); /* full-width */
    CHECK(v == 0 && !signbit(v));
}

TEST(values_that_are_not_figures_are_refused_naming_the_value_field)
{
    const char *bad[] = {"NaN",
                         "nan",
                         "inf",
                         "-inf",
                         "Infinity",
                         "1e999",
                         "-1e999",
                         "",
                         "   ",
                         "5千",
                         "5万",
                         "5,00",
                         "abc",
                         "5000吨",
                         "\xff"
                         "5000"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        struct entry e;
        struct entry_check chk;
        if (!CHECK(parse(&capacity, "2025-06-30", bad[i], NULL, NULL, &e,
                         &chk) < 0))
            printf("#   '%s' was accepted as %g\n", bad[i], e.value);
        CHECK(chk.msg[ENTRY_VALUE][0] != '\0');
        CHECK(chk.msg[ENTRY_DATE][0] == '\0');
    }
}

TEST(dates_that_never_were_or_are_yet_to_come_are_refused)
{
    const char *bad[] = {"2025-02-30", "2099-01-01", "2025-07-02", "2025-13-01",
                         "2023-02-29", "1999-12-31", "0000-01-01", "next week"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        struct entry e;
        struct entry_check chk;
        CHECK(parse(&capacity, bad[i], "5000", NULL, NULL, &e, &chk) < 0);
        if (!CHECK(chk.msg[ENTRY_DATE][0] != '\0'))
            printf("#   date '%s' was accepted\n", bad[i]);
    }
    struct entry e;
    struct entry_check chk;
    CHECK(parse(&capacity, "2024-02-29", "5000", NULL, NULL, &e, &chk) == 0);
    CHECK_STR(e.date, "2024-02-29");
    CHECK(parse(&capacity, "２０２５年６月３０日", "1", NULL, NULL, &e, &chk) ==
          0);
    CHECK_STR(e.date, "2025-06-30");
    CHECK(parse(&capacity, "", "1", NULL, NULL, &e, &chk) == 0);
    CHECK_STR(e.date, "2025-07-01"); /* empty: today */
}

TEST(a_qualitative_target_takes_a_state_not_a_number)
{
    struct entry e;
    struct entry_check chk;
    CHECK(parse(&rules, "2025-06-30", "进行中", NULL, NULL, &e, &chk) == 0);
    CHECK_STR(e.state, "in-progress");
    CHECK(!e.has_value);
    CHECK(parse(&rules, "2025-06-30", "5", NULL, NULL, &e, &chk) < 0);
    CHECK_CONTAINS(chk.msg[ENTRY_VALUE], "not a state");
    CHECK(parse(&rules, "2025-06-30", "NaN", NULL, NULL, &e, &chk) < 0);
}

TEST(sources_and_notes_are_kept_verbatim_within_their_limits)
{
    struct entry e;
    struct entry_check chk;
    const char *sql = "'); DROP TABLE observations;--";
    CHECK(parse(&capacity, "2025-06-30", "1", sql, "\x1b]0;title\x07", &e,
                &chk) == 0);
    CHECK_STR(e.source, sql);
    /* Kept as typed: neutralised where shown, escaped in JSON. */
    CHECK_STR(e.note, "\x1b]0;title\x07");
    char note[ENTRY_MAX_NOTE + 2];
    memset(note, 'x', sizeof note - 1);
    note[sizeof note - 1] = '\0';
    CHECK(parse(&capacity, "2025-06-30", "1", NULL, note, &e, &chk) < 0);
    CHECK_CONTAINS(chk.msg[ENTRY_NOTE], "too long");
    char source[ENTRY_MAX_SOURCE + 2];
    memset(source, 'x', sizeof source - 1);
    source[sizeof source - 1] = '\0';
    CHECK(parse(&capacity, "2025-06-30", "1", source, NULL, &e, &chk) < 0);
    CHECK_CONTAINS(chk.msg[ENTRY_SOURCE], "too long");
}

TEST(text_that_is_not_utf8_is_refused_rather_than_stored)
{
    /* A GBK terminal sends 统计 as \xcd\xb3\xbc\xc6: stored as is, it could
     * never be shown or exported as the text it was. */
    struct entry e;
    struct entry_check chk;
    CHECK(parse(&capacity, "2025-06-30", "1", "\xcd\xb3\xbc\xc6", NULL, &e,
                &chk) < 0);
    CHECK_CONTAINS(chk.msg[ENTRY_SOURCE], "not UTF-8");
    CHECK(parse(&capacity, "2025-06-30", "1", NULL, "ok\xff", &e, &chk) < 0);
    CHECK_CONTAINS(chk.msg[ENTRY_NOTE], "not UTF-8");
    CHECK(parse(&capacity, "2025-06-30", "1", "统计", "备注", &e, &chk) == 0);
}

static struct target cut = {.plan = &mini,
                            .id = "co2-2026",
                            .cmp = CMP_REDUCE_BY,
                            .has_value = true,
                            .value = 18.5,
                            .unit = "%",
                            .baseline_year = 2020,
                            .has_baseline_value = true,
                            .baseline_value = 1.0,
                            .year = 2026};

static double cut_of(const char *typed)
{
    struct entry e;
    struct entry_check chk;
    if (parse(&cut, "2025-06-30", typed, NULL, NULL, &e, &chk) < 0) {
        printf("#   '%s' refused: %s\n", typed, chk.msg[ENTRY_VALUE]);
        return -999;
    }
    return e.value;
}

TEST(a_fall_is_the_same_however_it_is_typed)
{
    CHECK_NUM(cut_of("19.2"), 19.2, 0);
    CHECK_NUM(cut_of("19.2%"), 19.2, 0);
    CHECK_NUM(cut_of("降19.2"), 19.2, 0);
    CHECK_NUM(cut_of("下降19.2%"), 19.2, 0);
    CHECK_NUM(cut_of("下降 19.2 %"), 19.2, 0);
    CHECK_NUM(cut_of("fall 19.2"), 19.2, 0);
    /* a rise stated in words is the truth, recorded as a move away */
    CHECK_NUM(cut_of("上升2%"), -2, 0);
    /* the level reached, against the baseline value 1.0 */
    CHECK_NUM(cut_of("水平 0.808"), 19.2, 1e-9);
    CHECK_NUM(cut_of("level 0.808"), 19.2, 1e-9);
}

TEST(a_sign_that_contradicts_the_direction_is_refused_saying_how)
{
    struct entry e;
    struct entry_check chk;
    CHECK(parse(&cut, NULL, "-19.2", NULL, NULL, &e, &chk) < 0);
    CHECK_CONTAINS(chk.msg[ENTRY_VALUE], "positive number or in words");
    CHECK_CONTAINS(chk.msg[ENTRY_VALUE], "降18.5");
    CHECK(parse(&cut, NULL, "+19.2", NULL, NULL, &e, &chk) < 0);
    CHECK(parse(&cut, NULL, "－19.2", NULL, NULL, &e, &chk) < 0);
    struct target rise = cut;
    rise.cmp = CMP_INCREASE_BY;
    CHECK(parse(&rise, NULL, "-3", NULL, NULL, &e, &chk) < 0);
    CHECK(parse(&rise, NULL, "+3", NULL, NULL, &e, &chk) == 0 && e.value == 3);
    CHECK(parse(&rise, NULL, "提高3%", NULL, NULL, &e, &chk) == 0 &&
          e.value == 3);
    /* no baseline value: a level cannot become a change */
    struct target bare = cut;
    bare.has_baseline_value = false;
    CHECK(parse(&bare, NULL, "水平 0.8", NULL, NULL, &e, &chk) < 0);
    CHECK_CONTAINS(chk.msg[ENTRY_VALUE], "no baseline value");
}

TEST(percentage_points_are_not_percent)
{
    struct target share = cut;
    share.cmp = CMP_INCREASE_BY;
    share.unit = "百分点";
    share.value = 5;
    share.baseline_value = 20;
    struct entry e;
    struct entry_check chk;
    CHECK(parse(&share, NULL, "3个百分点", NULL, NULL, &e, &chk) == 0);
    CHECK(parse(&share, NULL, "3%", NULL, NULL, &e, &chk) < 0);
    /* a level of 23 (%) from 20 is 3 points, not 15% */
    CHECK(parse(&share, NULL, "水平 23", NULL, NULL, &e, &chk) == 0);
    CHECK_NUM(e.value, 3, 1e-9);
    CHECK_CONTAINS(e.note, "level 23");
}

TEST(a_figure_ten_times_away_needs_confirmation)
{
    struct entry e;
    struct entry_check chk;
    char msg[300];
    struct obs_point last = {
        .date = {2025, 3, 31}, .has_value = true, .value = 4200};
    CHECK(parse(&capacity, NULL, "42000", NULL, NULL, &e, &chk) == 0);
    CHECK(entry_implausible(&capacity, &last, &e, msg, sizeof msg));
    CHECK_CONTAINS(msg, "the last figure, 4200 (2025-03-31)");
    CHECK(parse(&capacity, NULL, "4300", NULL, NULL, &e, &chk) == 0);
    CHECK(!entry_implausible(&capacity, &last, &e, msg, sizeof msg));
    /* with no figure yet, the target is the yardstick */
    CHECK(parse(&capacity, NULL, "480", NULL, NULL, &e, &chk) == 0);
    CHECK(entry_implausible(&capacity, NULL, &e, msg, sizeof msg));
    CHECK_CONTAINS(msg, "the target, 5000");
    /* a small change early on is no slip; a huge one is */
    CHECK(parse(&cut, NULL, "0.5", NULL, NULL, &e, &chk) == 0);
    CHECK(!entry_implausible(&cut, NULL, &e, msg, sizeof msg));
    CHECK(parse(&cut, NULL, "192", NULL, NULL, &e, &chk) == 0);
    CHECK(entry_implausible(&cut, NULL, &e, msg, sizeof msg));
}
