/* Status engine: the Open SDG progress method at its edges. */
#include "plantrack/status.h"
#include "unit.h"

static struct agency lead = {.id = "eco", .name = "市生态环境局"};
static struct plan plan = {
    .id = "p",
    .period_start = 2024,
    .period_end = 2030,
    .thresholds = {0.95, 0.5, -0.1},
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

TEST(past_the_deadline_no_observation_is_overdue)
{
    struct target t = target(CMP_GE, 5000, 2024);
    struct target_summary s;
    summary_init(&s);
    CHECK(judge(&t, &s, D(2024, 12, 31)).code == ST_NO_DATA);
    struct status st = judge(&t, &s, D(2025, 1, 1));
    CHECK(st.code == ST_OVERDUE && st.method == METHOD_DEADLINE);
    char why[256];
    status_explain(&t, &st, why, sizeof why);
    CHECK_CONTAINS(why, "no observation recorded");
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

TEST(the_deadline_day_is_still_in_time_and_the_next_day_overdue)
{
    struct target t = target(CMP_GE, 5000, 2025);
    t.baseline_year = 2023;
    t.has_baseline_value = true;
    t.baseline_value = 3000;
    struct pt_date d[] = {D(2025, 6, 30)};
    double v[] = {4000};
    struct target_summary s = observe(&t, 1, d, v);
    CHECK(judge(&t, &s, D(2025, 12, 31)).code != ST_OVERDUE);
    struct status st = judge(&t, &s, D(2026, 1, 1));
    CHECK(st.code == ST_OVERDUE && st.method == METHOD_DEADLINE);
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
    CHECK(judge(&t, &s, D(2025, 6, 1)).code == ST_NOT_STARTED);
    enum obs_state a[] = {STATE_IN_PROGRESS};
    s = states(&t, 1, a);
    CHECK(judge(&t, &s, D(2025, 6, 1)).code == ST_IN_PROGRESS);
    CHECK(judge(&t, &s, D(2026, 1, 1)).code == ST_OVERDUE);
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
