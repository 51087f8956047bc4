/* Status engine: the Open SDG progress method at its edges. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plantrack/status.h"
#include "unit.h"

static struct agency lead = {.id = "eco", .name = "市生态环境局"};
static struct plan plan = {
    .id = "p",
    .period_start = 2024,
    .period_end = 2030,
    .thresholds = {0.95, 0.5, -0.1, 0.015, 0.005, 0, "un"},
    .agencies = &lead,
    .n_agencies = 1,
};

static struct target target(enum comparator cmp, double value, int year)
{
    struct target t = {.plan = &plan,
                       .id = "t",
                       .year = year,
                       .cmp = cmp,
                       .has_value = cmp != CMP_DONE,
                       .value = value,
                       .unit = "",
                       .note = ""};
    return t;
}

static struct pt_date D(int y, int m, int d) {
    struct pt_date x = {y, m, d};
    return x;
}

/* Summarise observations (date, value) pairs in order. */
static struct target_summary
observe(const struct target *t, int n, const struct pt_date *dates,
        const double *values)
{
    struct target_summary s;
    summary_init(&s);
    for (int i = 0; i < n; i++) {
        struct obs_point o = {
            .date = dates[i], .has_value = true, .value = values[i]};
        summary_add(&s, t, &o, i);
    }
    return s;
}

static struct status judge(const struct target *t,
                           const struct target_summary *s, struct pt_date d)
{
    struct status st;
    status_of(t, s, d, &st);
    return st;
}

TEST(no_observation_means_no_data)
{
    struct target t = target(CMP_GE, 5000, 2026);
    struct target_summary s;
    summary_init(&s);
    struct status st = judge(&t, &s, D(2025, 1, 1));
    CHECK(st.code == ST_NO_DATA && st.method == METHOD_NONE);
}

TEST(nothing_recorded_is_no_data_until_the_figure_is_due_then_unreported)
{
    struct target t = target(CMP_GE, 5000, 2024);
    struct target_summary s;
    summary_init(&s);
    CHECK(judge(&t, &s, D(2024, 12, 31)).code == ST_NO_DATA);
    /* past the deadline, the figure is due six months later */
    CHECK(judge(&t, &s, D(2025, 1, 1)).code == ST_NO_DATA);
    CHECK(judge(&t, &s, D(2025, 6, 30)).code == ST_NO_DATA);
    struct status st = judge(&t, &s, D(2025, 7, 1));
    CHECK(st.code == ST_UNREPORTED && st.method == METHOD_DUE);
    CHECK(status_light(&st) == LIGHT_RED);
    char why[256];
    status_explain(&t, &st, why, sizeof why);
    CHECK_CONTAINS(why, "the figure for 2024 was due by 2025-06-30");
    CHECK(status_light(&(struct status){.code = ST_NO_DATA}) == LIGHT_NONE);
}

TEST(a_plan_data_due_and_a_target_override_move_the_due_date)
{
    struct target t = target(CMP_GE, 5000, 2024);
    struct target_summary s;
    summary_init(&s);
    plan.data_due = (struct data_due){.set = true, .months = 3};
    CHECK(judge(&t, &s, D(2025, 3, 31)).code == ST_NO_DATA);
    CHECK(judge(&t, &s, D(2025, 4, 1)).code == ST_UNREPORTED);
    t.data_due = (struct data_due){.set = true, .days = 10};
    CHECK(judge(&t, &s, D(2025, 1, 10)).code == ST_NO_DATA);
    CHECK(judge(&t, &s, D(2025, 1, 11)).code == ST_UNREPORTED);
    plan.data_due = (struct data_due){0};
}

TEST(a_draft_plan_has_nothing_due)
{
    struct target t = target(CMP_GE, 5000, 2024);
    struct target_summary s;
    summary_init(&s);
    plan.draft = true;
    CHECK(judge(&t, &s, D(2026, 11, 25)).code == ST_NO_DATA);
    t = target(CMP_DONE, 0, 2024);
    CHECK(judge(&t, &s, D(2026, 11, 25)).code == ST_NO_DATA);
    plan.draft = false;
    CHECK(judge(&t, &s, D(2026, 11, 25)).code == ST_UNREPORTED);
}

TEST(a_value_exactly_on_target_is_met)
{
    struct target t = target(CMP_GE, 5000, 2026);
    struct pt_date d[] = {D(2025, 6, 30)};
    double v[] = {5000};
    struct target_summary s = observe(&t, 1, d, v);
    struct status st = judge(&t, &s, D(2025, 7, 1));
    CHECK(st.code == ST_MET && st.method == METHOD_ACHIEVED);
    /* a strict comparator is not met exactly on the line */
    t.cmp = CMP_GT;
    st = judge(&t, &s, D(2025, 7, 1));
    CHECK(st.code != ST_MET);
}

TEST(the_deadline_day_is_still_in_time_and_the_next_day_missed)
{
    struct target t = target(CMP_GE, 5000, 2025);
    t.baseline_year = 2023;
    t.has_baseline_value = true;
    t.baseline_value = 3000;
    struct pt_date d[] = {D(2025, 6, 30)};
    double v[] = {4000};
    struct target_summary s = observe(&t, 1, d, v);
    CHECK(judge(&t, &s, D(2025, 12, 31)).code != ST_MISSED);
    struct status st = judge(&t, &s, D(2026, 1, 1));
    CHECK(st.code == ST_MISSED && st.method == METHOD_DEADLINE);
    CHECK(status_light(&st) == LIGHT_RED);
}

TEST(met_only_by_a_figure_after_the_deadline_is_met_late)
{
    struct target t = target(CMP_GE, 5000, 2025);
    struct pt_date d[] = {D(2025, 12, 31), D(2026, 6, 30)};
    double v[] = {4800, 5100};
    struct target_summary s = observe(&t, 2, d, v);
    struct status st = judge(&t, &s, D(2026, 7, 1));
    CHECK(st.code == ST_MET_LATE && status_light(&st) == LIGHT_GREEN);
    CHECK(strcmp(status_name(st.code), "met-late") == 0);
    /* a later figure that still misses confirms it missed */
    double w[] = {4800, 4900};
    s = observe(&t, 2, d, w);
    CHECK(judge(&t, &s, D(2026, 7, 1)).code == ST_MISSED);
}

TEST(an_older_figure_leaves_the_milestone_figure_due_not_missed)
{
    struct target t = target(CMP_GE, 5000, 2025);
    t.baseline_year = 2023;
    t.has_baseline_value = true;
    t.baseline_value = 3000;
    struct pt_date d[] = {D(2024, 12, 31)};
    double v[] = {4000};
    struct target_summary s = observe(&t, 1, d, v);
    /* in the six months after the deadline: still judged on progress */
    CHECK(judge(&t, &s, D(2026, 3, 1)).code == ST_ON_TRACK);
    CHECK(judge(&t, &s, D(2026, 7, 1)).code == ST_UNREPORTED);
}

TEST(a_met_target_stays_met_after_the_deadline)
{
    struct target t = target(CMP_GE, 5000, 2025);
    struct pt_date d[] = {D(2025, 12, 31)};
    double v[] = {5100};
    struct target_summary s = observe(&t, 1, d, v);
    CHECK(judge(&t, &s, D(2027, 1, 1)).code == ST_MET);
}

TEST(cagr_ratio_follows_open_sdg)
{
    /* Baseline 100 at the end of 2020, target 200 by the end of 2030: the
     * required rate is 2^(1/10)-1. Half-way value 141.42 at the end of 2025
     * is exactly on the path: R = 1. */
    struct target t = target(CMP_GE, 200, 2030);
    t.baseline_year = 2020;
    t.has_baseline_value = true;
    t.baseline_value = 100;
    struct pt_date d[] = {D(2025, 12, 31)};
    double v[] = {100 * sqrt(2.0)};
    struct target_summary s = observe(&t, 1, d, v);
    struct status st = judge(&t, &s, D(2026, 1, 1));
    CHECK(st.method == METHOD_CAGR);
    CHECK_NUM(st.required_rate, pow(2, 0.1) - 1, 1e-12);
    CHECK_NUM(st.ratio, 1.0, 1e-9);
    CHECK(st.code == ST_ON_TRACK);
}

TEST(ratio_thresholds_give_each_status)
{
    struct target t = target(CMP_GE, 200, 2030);
    t.baseline_year = 2020;
    t.has_baseline_value = true;
    t.baseline_value = 100;
    struct pt_date d[] = {D(2025, 12, 31)};
    /* actual rate as a share of the required one: 0.7, 0.2, -0.5 */
    double req = pow(2, 0.1) - 1;
    double shares[] = {0.7, 0.2, -0.5};
    enum status_code want[] = {ST_NEEDS_ACCELERATION, ST_LIMITED,
                               ST_DETERIORATION};
    for (int i = 0; i < 3; i++) {
        double v[] = {100 * pow(1 + shares[i] * req, 5)};
        struct target_summary s = observe(&t, 1, d, v);
        struct status st = judge(&t, &s, D(2026, 1, 1));
        CHECK_NUM(st.ratio, shares[i], 1e-9);
        CHECK(st.code == want[i]);
    }
}

TEST(a_decreasing_indicator_uses_the_same_ratio)
{
    /* PM2.5 from 40 (2020) to at most 30 by 2025; 35 at the end of 2022. */
    struct target t = target(CMP_LE, 30, 2025);
    t.baseline_year = 2020;
    t.has_baseline_value = true;
    t.baseline_value = 40;
    struct pt_date d[] = {D(2022, 12, 31)};
    double v[] = {35};
    struct target_summary s = observe(&t, 1, d, v);
    struct status st = judge(&t, &s, D(2023, 1, 1));
    double actual = pow(35.0 / 40, 1.0 / 2) - 1;
    double required = pow(30.0 / 40, 1.0 / 5) - 1;
    CHECK(st.method == METHOD_CAGR);
    CHECK_NUM(st.ratio, actual / required, 1e-9);
    CHECK(st.code == ST_ON_TRACK);
    double v2[] = {41}; /* getting worse */
    s = observe(&t, 1, d, v2);
    CHECK(judge(&t, &s, D(2023, 1, 1)).code == ST_DETERIORATION);
}

TEST(a_relative_target_uses_the_linear_share_of_time)
{
    /* Reduce by 17.5% vs 2020 by 2026 (six years); by the end of 2023
     * (half the time) 7% achieved: 40% of the change in 50% of the time. */
    struct target t = target(CMP_REDUCE_BY, 17.5, 2026);
    t.baseline_year = 2020;
    struct pt_date d[] = {D(2023, 12, 31)};
    double v[] = {7};
    struct target_summary s = observe(&t, 1, d, v);
    struct status st = judge(&t, &s, D(2024, 1, 1));
    CHECK(st.method == METHOD_LINEAR);
    CHECK_NUM(st.progress_share, 0.4, 1e-12);
    CHECK_NUM(st.time_share, 0.5, 1e-12);
    CHECK_NUM(st.ratio, 0.8, 1e-12);
    CHECK(st.code == ST_NEEDS_ACCELERATION);
    double v2[] = {18};
    s = observe(&t, 1, d, v2);
    CHECK(judge(&t, &s, D(2024, 1, 1)).code == ST_MET);
}

TEST(without_a_baseline_value_the_first_observation_serves)
{
    struct target t = target(CMP_GE, 5000, 2026);
    struct pt_date d[] = {D(2024, 12, 31), D(2025, 12, 31)};
    double v[] = {3000, 4000};
    struct target_summary s = observe(&t, 2, d, v);
    struct status st = judge(&t, &s, D(2026, 1, 1));
    CHECK(st.y0_from_obs);
    CHECK_NUM(st.y0, 3000, 0);
    CHECK_NUM(st.t0, 2025.0, 1e-9);
    CHECK(st.method == METHOD_CAGR);
    /* required: 3000 → 5000 in 2 years; actual: 3000 → 4000 in 1 */
    CHECK_NUM(st.ratio, (4000.0 / 3000 - 1) / (pow(5000.0 / 3000, 0.5) - 1),
              1e-9);
}

TEST(observations_before_the_baseline_year_do_not_serve_as_baseline)
{
    struct target t = target(CMP_GE, 5000, 2026);
    t.baseline_year = 2024;
    struct pt_date d[] = {D(2023, 6, 30), D(2024, 6, 30), D(2025, 6, 30)};
    double v[] = {1000, 3000, 4000};
    struct target_summary s = observe(&t, 3, d, v);
    struct status st = judge(&t, &s, D(2025, 7, 1));
    CHECK_NUM(st.y0, 3000, 0);
}

TEST(a_single_observation_is_its_own_baseline_so_no_trend)
{
    struct target t = target(CMP_GE, 5000, 2026);
    struct pt_date d[] = {D(2025, 6, 30)};
    double v[] = {4200};
    struct target_summary s = observe(&t, 1, d, v);
    struct status st = judge(&t, &s, D(2025, 7, 1));
    CHECK(st.code == ST_NO_DATA);
    char why[256];
    status_explain(&t, &st, why, sizeof why);
    CHECK_CONTAINS(why, "serves as the baseline");
}

TEST(from_zero_the_cagr_is_undefined_so_the_share_is_linear)
{
    struct target t = target(CMP_GE, 10, 2026);
    t.baseline_year = 2023;
    t.has_baseline_value = true;
    t.baseline_value = 0;
    struct pt_date d[] = {D(2024, 12, 31)};
    double v[] = {4};
    struct target_summary s = observe(&t, 1, d, v);
    struct status st = judge(&t, &s, D(2025, 1, 1));
    CHECK(st.method == METHOD_LINEAR);
    CHECK_NUM(st.ratio, 0.4 / (1.0 / 3), 1e-9);
    CHECK(st.code == ST_ON_TRACK);
}

TEST(falling_back_from_a_met_baseline_is_deterioration)
{
    struct target t = target(CMP_LE, 87, 2026);
    t.baseline_year = 2023;
    t.has_baseline_value = true;
    t.baseline_value = 85;
    struct pt_date d[] = {D(2024, 12, 31)};
    double v[] = {88};
    struct target_summary s = observe(&t, 1, d, v);
    struct status st = judge(&t, &s, D(2025, 1, 1));
    CHECK(st.code == ST_DETERIORATION && st.method == METHOD_FELL_BACK);
}

TEST(the_trend_is_projected_to_the_deadline)
{
    /* 3000 at the end of 2024, 4000 a year later: the compound rate of
     * the method carried one more year to the end of 2026. */
    struct target t = target(CMP_GE, 5000, 2026);
    struct pt_date d[] = {D(2024, 12, 31), D(2025, 12, 31)};
    double v[] = {3000, 4000};
    struct target_summary s = observe(&t, 2, d, v);
    struct status st = judge(&t, &s, D(2026, 1, 1));
    CHECK(st.has_projection);
    CHECK_NUM(st.projected, 3000 * (4.0 / 3) * (4.0 / 3), 1e-6);
    /* a relative target's trend is a straight line */
    struct target r = target(CMP_REDUCE_BY, 17.5, 2026);
    r.baseline_year = 2020;
    struct pt_date d2[] = {D(2023, 12, 31)};
    double v2[] = {6};
    s = observe(&r, 1, d2, v2);
    st = judge(&r, &s, D(2024, 1, 1));
    CHECK(st.has_projection);
    CHECK_NUM(st.projected, 12, 1e-9); /* 6 in 3 years, 12 in 6 */
    /* one observation and no baseline value: no trend to project */
    struct pt_date d3[] = {D(2025, 6, 30)};
    double v3[] = {4000};
    s = observe(&t, 1, d3, v3);
    CHECK(!judge(&t, &s, D(2025, 7, 1)).has_projection);
}

TEST(plan_thresholds_override_the_defaults)
{
    struct plan strict = plan;
    strict.thresholds.on_track = 1.5;
    strict.thresholds.needs_acceleration = 1.2;
    struct target t = target(CMP_GE, 200, 2030);
    t.plan = &strict;
    t.baseline_year = 2020;
    t.has_baseline_value = true;
    t.baseline_value = 100;
    struct pt_date d[] = {D(2025, 12, 31)};
    double v[] = {100 * sqrt(2.0)};
    struct target_summary s = observe(&t, 1, d, v);
    CHECK(judge(&t, &s, D(2026, 1, 1)).code == ST_LIMITED);
}

static struct target_summary states(const struct target *t, int n,
                                    const enum obs_state *st)
{
    struct target_summary s;
    summary_init(&s);
    for (int i = 0; i < n; i++) {
        struct obs_point o = {.date = D(2025, 1 + i, 1), .state = st[i]};
        summary_add(&s, t, &o, i);
    }
    return s;
}

TEST(qualitative_targets_follow_the_latest_state)
{
    struct target t = target(CMP_DONE, 0, 2025);
    struct target_summary s = states(&t, 0, NULL);
    CHECK(judge(&t, &s, D(2025, 6, 1)).code == ST_NO_DATA);
    CHECK(judge(&t, &s, D(2026, 1, 1)).code == ST_UNREPORTED);
    enum obs_state a[] = {STATE_IN_PROGRESS};
    s = states(&t, 1, a);
    CHECK(judge(&t, &s, D(2025, 6, 1)).code == ST_IN_PROGRESS);
    CHECK(judge(&t, &s, D(2025, 12, 31)).code == ST_IN_PROGRESS);
    CHECK(judge(&t, &s, D(2026, 1, 1)).code == ST_MISSED);
    enum obs_state b[] = {STATE_IN_PROGRESS, STATE_DONE};
    s = states(&t, 2, b);
    CHECK(judge(&t, &s, D(2027, 1, 1)).code == ST_DONE);
}

TEST(states_are_read_in_english_and_chinese)
{
    CHECK(obs_state_parse("done") == STATE_DONE);
    CHECK(obs_state_parse("已完成") == STATE_DONE);
    CHECK(obs_state_parse("进行中") == STATE_IN_PROGRESS);
    CHECK(obs_state_parse("in progress") == STATE_IN_PROGRESS);
    CHECK(obs_state_parse("finished") == STATE_NONE);
}

TEST(status_names_round_trip)
{
    for (int i = 0; i < ST_COUNT; i++)
        CHECK(status_parse(status_name((enum status_code)i)) == i);
    CHECK(status_parse("ontrack") == -1);
}

TEST(observations_may_arrive_in_any_order)
{
    struct target t = target(CMP_GE, 5000, 2026);
    struct pt_date d[] = {D(2025, 12, 31), D(2024, 12, 31), D(2025, 6, 30)};
    double v[] = {4000, 3000, 3500};
    struct target_summary s = observe(&t, 3, d, v);
    CHECK(s.latest.value == 4000 && s.first.value == 3000);
    /* on one date, the one recorded later wins */
    struct obs_point a = {
        .date = D(2025, 12, 31), .has_value = true, .value = 4100};
    summary_add(&s, &t, &a, 99);
    CHECK(s.latest.value == 4100);
    struct obs_point b = {
        .date = D(2025, 12, 31), .has_value = true, .value = 1};
    summary_add(&s, &t, &b, 50);
    CHECK(s.latest.value == 4100);
}

TEST(deferred_targets_show_their_state_and_are_never_missed)
{
    struct target t = target(CMP_DONE, 0, 2025);
    t.deferred = true;
    struct target_summary s = states(&t, 0, NULL);
    struct status st = judge(&t, &s, D(2027, 1, 1));
    CHECK(st.code == ST_NO_DATA && st.method == METHOD_DEFERRED);
    char why[256];
    status_explain(&t, &st, why, sizeof why);
    CHECK_CONTAINS(why, "number set by a higher authority");
    enum obs_state a[] = {STATE_IN_PROGRESS};
    s = states(&t, 1, a);
    CHECK(judge(&t, &s, D(2027, 1, 1)).code == ST_IN_PROGRESS);
}

TEST(a_deliverable_done_after_its_deadline_is_met_late)
{
    struct target t = target(CMP_DONE, 0, 2025);
    enum obs_state a[] = {STATE_IN_PROGRESS, STATE_DONE};
    struct target_summary s = states(&t, 2, a); /* dated 2025-01, 2025-02 */
    CHECK(judge(&t, &s, D(2026, 1, 1)).code == ST_DONE);
    t.year = 2024; /* the same record, now after the deadline */
    s = states(&t, 2, a);
    CHECK(judge(&t, &s, D(2026, 1, 1)).code == ST_MET_LATE);
}

TEST(the_schedule_value_follows_a_straight_path_with_year_end_figures)
{
    /* >= 5000 by 2026 from 2000 in 2023: as of 2025-06-30 the path stands
     * at 2000 + 3000 * (2025.496 - 2024) / 3, about 3500. */
    struct target t = target(CMP_GE, 5000, 2026);
    t.baseline_year = 2023;
    t.has_baseline_value = true;
    t.baseline_value = 2000;
    struct target_summary s;
    summary_init(&s);
    struct status st = judge(&t, &s, D(2025, 6, 30));
    CHECK(fabs(st.schedule_value - 3495.9) < 0.1);
    CHECK(st.schedule == SCHEDULE_NONE && isnan(st.required_annual_change));
    /* a 2024 figure of 3100 is ahead of the 3000 due at its date, and
     * 1900 a year is still needed over the two years left */
    struct pt_date d[] = {D(2024, 12, 31)};
    double v[] = {3100};
    s = observe(&t, 1, d, v);
    st = judge(&t, &s, D(2025, 6, 30));
    CHECK(st.schedule == SCHEDULE_AHEAD);
    CHECK(fabs(st.schedule_at_latest - 3000) < 1e-9);
    CHECK(fabs(st.required_annual_change - 950) < 1e-9);
    v[0] = 2900;
    s = observe(&t, 1, d, v);
    st = judge(&t, &s, D(2025, 6, 30));
    CHECK(st.schedule == SCHEDULE_BEHIND);
    CHECK(status_light(&st) == LIGHT_YELLOW);
}

TEST(a_change_target_has_a_schedule_from_no_change)
{
    struct target t = target(CMP_REDUCE_BY, 18, 2025);
    t.baseline_year = 2022;
    struct pt_date d[] = {D(2023, 12, 31)};
    double v[] = {7};
    struct target_summary s = observe(&t, 1, d, v);
    struct status st = judge(&t, &s, D(2024, 6, 30));
    CHECK(fabs(st.schedule_at_latest - 6) < 1e-9);
    CHECK(st.schedule == SCHEDULE_AHEAD);
    CHECK(fabs(st.required_annual_change - 5.5) < 1e-9);
}

TEST(a_strict_bound_equal_to_the_baseline_moving_away_is_deterioration)
{
    struct target t = target(CMP_LT, 35, 2026);
    t.baseline_year = 2023;
    t.has_baseline_value = true;
    t.baseline_value = 35;
    struct pt_date d[] = {D(2024, 12, 31)};
    double v[] = {36};
    struct target_summary s = observe(&t, 1, d, v);
    struct status st = judge(&t, &s, D(2025, 1, 1));
    CHECK(st.code == ST_DETERIORATION);
    char why[256];
    status_explain(&t, &st, why, sizeof why);
    CHECK_CONTAINS(why, "moves away");
    CHECK(strstr(why, "one observation") == NULL);
    v[0] = 35;
    s = observe(&t, 1, d, v);
    CHECK(judge(&t, &s, D(2025, 1, 1)).code == ST_LIMITED);
}

TEST(the_printed_ratio_never_contradicts_the_status)
{
    struct target t = target(CMP_GE, 100, 2026);
    struct status st = {.code = ST_NEEDS_ACCELERATION,
                        .method = METHOD_LINEAR,
                        .ratio = 0.94999999};
    char buf[64];
    status_format_ratio(&t, &st, buf, sizeof buf);
    CHECK(strtod(buf, NULL) < 0.95);
    st.ratio = 0.9496;
    status_format_ratio(&t, &st, buf, sizeof buf);
    CHECK_STR(buf, "0.9496"); /* 0.95 would read as on track */
    st.ratio = 0.6234;
    status_format_ratio(&t, &st, buf, sizeof buf);
    CHECK_STR(buf, "0.62");
}

TEST(trend_targets_are_judged_by_their_annual_rate)
{
    struct target t = target(CMP_FALL, 0, 2026);
    t.has_value = false;
    struct pt_date d[] = {D(2024, 12, 31), D(2025, 12, 31)};
    double v[] = {100, 97};
    struct target_summary s = observe(&t, 2, d, v);
    struct status st = judge(&t, &s, D(2026, 3, 1));
    CHECK(st.code == ST_ON_TRACK && st.method == METHOD_TREND);
    v[1] = 99.2; /* 0.8% a year: moderate */
    s = observe(&t, 2, d, v);
    CHECK(judge(&t, &s, D(2026, 3, 1)).code == ST_NEEDS_ACCELERATION);
    v[1] = 101;
    s = observe(&t, 2, d, v);
    CHECK(judge(&t, &s, D(2026, 3, 1)).code == ST_DETERIORATION);
    t.cmp = CMP_RISE; /* 1% a year up */
    CHECK(judge(&t, &s, D(2026, 3, 1)).code == ST_NEEDS_ACCELERATION);
    /* past the deadline: met when the 2026 figure moved the right way */
    struct pt_date e[] = {D(2024, 12, 31), D(2026, 12, 31)};
    double w[] = {100, 90};
    t.cmp = CMP_FALL;
    s = observe(&t, 2, e, w);
    CHECK(judge(&t, &s, D(2027, 3, 1)).code == ST_MET);
    t.cmp = CMP_RISE;
    CHECK(judge(&t, &s, D(2027, 3, 1)).code == ST_MISSED);
}

TEST(overdue_is_an_alias_of_missed_and_unreported)
{
    unsigned m = 0;
    CHECK(status_parse("overdue") < 0);
    CHECK(status_parse_mask("overdue", &m) == 0);
    CHECK(m == (1u << ST_MISSED | 1u << ST_UNREPORTED));
    CHECK(status_parse_mask("met-late", &m) == 0 && (m & 1u << ST_MET_LATE));
    CHECK(status_parse_mask("late", &m) < 0);
}
