/* Status engine: the UN SDG Progress Chart method (thresholds 0.95 / 0.5 /
 * -0.1; Open SDG's 0.95 / 0.6 / 0 as a preset) applied to one target, the
 * deadline states of the 督办 practice, 序时进度 and the light. */
#include "plantrack/status.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plantrack/i18n.h"

/* Times are fractional years: a year's figure stands at the end of it, so
 * baseline year 2020 is t = 2021.0 and a 2026 deadline is t = 2027.0. */
static double year_end(int y)
{
    return (double)y + 1.0;
}

static const char *const STATE_NAMES[] = {"", "not-started", "in-progress",
                                          "done"};

const char *obs_state_name(enum obs_state s)
{
    return STATE_NAMES[s];
}

const char *obs_state_label(enum obs_state s)
{
    static const char *const L[] = {"", NC_("state", "not started"),
                                    NC_("state", "in progress"),
                                    NC_("state", "done")};
    return s == STATE_NONE ? "" : i18n_pgettext(L[s]);
}

enum obs_state obs_state_parse(const char *s)
{
    if (!*s) /* a numeric observation: the common case in a scan */
        return STATE_NONE;
    static const struct {
        const char *word;
        enum obs_state st;
    } words[] = {
        {"done", STATE_DONE},
        {"in-progress", STATE_IN_PROGRESS},
        {"in progress", STATE_IN_PROGRESS},
        {"not-started", STATE_NOT_STARTED},
        {"not started", STATE_NOT_STARTED},
        {"已完成", STATE_DONE},
        {"完成", STATE_DONE},
        {"进行中", STATE_IN_PROGRESS},
        {"未开始", STATE_NOT_STARTED},
    };
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strcmp(s, words[i].word) == 0)
            return words[i].st;
    return STATE_NONE;
}

void summary_init(struct target_summary *s)
{
    memset(s, 0, sizeof *s);
}

static int baseline_from_year(const struct target *t)
{
    return t->baseline_year ? t->baseline_year : t->plan->period_start;
}

/* Whether (days, seq) comes after (days2, seq2). */
static bool later(long days, int64_t seq, long days2, int64_t seq2)
{
    return days > days2 || (days == days2 && seq > seq2);
}

void summary_add(struct target_summary *s, const struct target *t,
                 const struct obs_point *o, int64_t seq)
{
    /* Only the order of dates matters here: YYYYMMDD orders them. */
    long days = o->date.y * 10000L + o->date.m * 100L + o->date.d;
    long deadline = t->year * 10000L + 1231;
    s->n++;
    if (!s->has_latest || later(days, seq, s->latest_days, s->latest_seq)) {
        s->has_latest = true;
        s->latest = *o;
        s->latest_days = days;
        s->latest_seq = seq;
    }
    if (days <= deadline &&
        (!s->has_at_deadline ||
         later(days, seq, s->at_deadline_days, s->at_deadline_seq))) {
        s->has_at_deadline = true;
        s->at_deadline = *o;
        s->at_deadline_days = days;
        s->at_deadline_seq = seq;
    }
    if (!o->has_value)
        return;
    if (o->date.y >= baseline_from_year(t) &&
        (!s->has_first || later(s->first_days, s->first_seq, days, seq))) {
        s->has_first = true;
        s->first = *o;
        s->first_days = days;
        s->first_seq = seq;
    }
}

/* ---- deadlines ---- */

static int days_in_month(int y, int m)
{
    static const int N[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return N[m - 1] + (m == 2 && leap);
}

static struct pt_date add_lag(struct pt_date d, const struct data_due *lag)
{
    if (lag->is_date)
        return lag->date;
    int months = d.y * 12 + (d.m - 1) + lag->months;
    struct pt_date r = {months / 12, months % 12 + 1, d.d};
    if (r.d > days_in_month(r.y, r.m))
        r.d = days_in_month(r.y, r.m);
    return date_from_days(date_days(r) + lag->days);
}

struct pt_date target_deadline(const struct target *t)
{
    struct pt_date d = {t->year, 12, 31};
    return d;
}

/* Many annual figures are published months after the year ends: by
 * default a number is due six months after its deadline (so 2025's figure
 * by 2026-06-30), a deliverable at once. */
struct pt_date target_data_due(const struct target *t)
{
    static const struct data_due six_months = {.set = true, .months = 6};
    static const struct data_due none = {.set = true};
    const struct data_due *lag = &t->data_due;
    if (!lag->set)
        lag = t->cmp == CMP_DONE      ? &none
              : t->plan->data_due.set ? &t->plan->data_due
                                      : &six_months;
    return add_lag(target_deadline(t), lag);
}

/* ---- judging ---- */

static bool achieved(enum comparator c, double y, double target)
{
    switch (c) {
    case CMP_GE:
    case CMP_REDUCE_BY:
    case CMP_INCREASE_BY:
        return y >= target;
    case CMP_GT:
        return y > target;
    case CMP_LE:
        return y <= target;
    case CMP_LT:
        return y < target;
    case CMP_DONE:
    case CMP_FALL:
    case CMP_RISE:
        break;
    }
    return false;
}

static enum status_code classify3(double r, double on_track, double needs,
                                  double limited)
{
    if (r >= on_track)
        return ST_ON_TRACK;
    if (r >= needs)
        return ST_NEEDS_ACCELERATION;
    if (r >= limited)
        return ST_LIMITED;
    return ST_DETERIORATION;
}

static enum status_code classify(double r, const struct thresholds *th)
{
    return classify3(r, th->on_track, th->needs_acceleration, th->limited);
}

static enum status_code classify_trend(double r, const struct thresholds *th)
{
    return classify3(r, th->trend_on_track, th->trend_needs_acceleration,
                     th->trend_limited);
}

/* Carry the trend from the baseline to the latest value on to the
 * deadline, the way the method measured it: at the compound rate where
 * that is defined, else in a straight line. */
static void project(const struct target *t, struct status *st)
{
    if (!(isfinite(st->y0) && isfinite(st->yt) && st->t > st->t0))
        return;
    double span = st->tT - st->t0, elapsed = st->t - st->t0;
    if (!comparator_relative(t->cmp) && st->y0 > 0 && st->yt > 0)
        st->projected = st->y0 * pow(st->yt / st->y0, span / elapsed);
    else
        st->projected = st->y0 + (st->yt - st->y0) * span / elapsed;
    st->has_projection = isfinite(st->projected);
}

static bool after(struct pt_date a, struct pt_date b)
{
    return date_cmp(a, b) > 0;
}

/* Whether the milestone figure is due and missing counts: a draft plan
 * (征求意见稿) was never issued, so nothing under it is ever due. */
static bool past_due(const struct target *t, struct pt_date as_of,
                     const struct status *st)
{
    return !t->plan->draft && after(as_of, st->due);
}

/* Deliverables: the recorded state, and the deadline states. A deferred
 * target (达到上级要求) has no number and no deadline of its own to be
 * judged by: it shows its state only. */
static void status_qualitative(const struct target *t,
                               const struct target_summary *s,
                               struct pt_date as_of, struct status *st)
{
    enum obs_state state = s->has_latest ? s->latest.state : STATE_NONE;
    bool done_in_time =
        s->has_at_deadline && s->at_deadline.state == STATE_DONE;
    st->method = t->deferred ? METHOD_DEFERRED : METHOD_QUALITATIVE;
    if (done_in_time || (state == STATE_DONE && t->deferred))
        st->code = ST_DONE;
    else if (state == STATE_DONE)
        st->code = ST_MET_LATE;
    else if (!t->deferred && past_due(t, as_of, st))
        st->code = state == STATE_NONE ? ST_UNREPORTED : ST_MISSED,
        st->method = state == STATE_NONE ? METHOD_DUE : METHOD_DEADLINE;
    else if (state == STATE_IN_PROGRESS)
        st->code = ST_IN_PROGRESS;
    else if (state == STATE_NOT_STARTED)
        st->code = ST_NOT_STARTED;
    else
        st->code = ST_NO_DATA;
}

/* Where the trend started: the plan's baseline value, else the first
 * observation on or after the baseline year (Open SDG's rule). Relative
 * targets start from no change at the end of the baseline year. */
static bool find_start(const struct target *t, const struct target_summary *s,
                       struct status *st)
{
    if (comparator_relative(t->cmp)) {
        st->y0 = 0;
        st->t0 = year_end(t->baseline_year);
        return true;
    }
    if (t->has_baseline_value) {
        st->y0 = t->baseline_value;
        st->t0 = year_end(t->baseline_year);
        return true;
    }
    if (!s->has_first)
        return false;
    st->y0 = s->first.value;
    st->t0 = date_year_fraction(s->first.date);
    st->y0_from_obs = true;
    return true;
}

static void use_figure(struct status *st, const struct obs_point *o)
{
    st->yt = o->value;
    st->t = date_year_fraction(o->date);
}

/* Before the deadline (and after it, while its figure is not yet due):
 * the progress method on the latest figure. */
static void judge_progress(const struct target *t,
                           const struct target_summary *s, struct status *st)
{
    const struct thresholds *th = &t->plan->thresholds;
    use_figure(st, &s->latest);
    if (achieved(t->cmp, st->yt, t->value)) {
        st->code = ST_MET;
        st->method = METHOD_ACHIEVED;
        find_start(t, s, st);
        return;
    }
    /* A single observation is its own baseline: no trend yet. */
    if (!find_start(t, s, st) || st->t <= st->t0)
        return;
    if (!comparator_relative(t->cmp) && achieved(t->cmp, st->y0, t->value)) {
        st->code = ST_DETERIORATION;
        st->method = METHOD_FELL_BACK;
        return;
    }
    double span = st->tT - st->t0, elapsed = st->t - st->t0;
    st->time_share = elapsed / span;
    if (t->value == st->y0) {
        /* A strict bound (<, >) equal to the baseline: any change at all
         * in the right direction meets it, so a figure that does not
         * meet it made no progress or moved away. */
        st->method = METHOD_LINEAR;
        st->progress_share = st->yt == st->y0 ? 0 : -INFINITY;
        st->ratio = st->progress_share;
        st->code = st->yt == st->y0 ? classify(0, th) : ST_DETERIORATION;
        return;
    }
    bool cagr_ok = !comparator_relative(t->cmp) && st->y0 > 0 && st->yt > 0 &&
                   t->value > 0;
    if (cagr_ok) {
        st->method = METHOD_CAGR;
        st->actual_rate = pow(st->yt / st->y0, 1.0 / elapsed) - 1.0;
        st->required_rate = pow(t->value / st->y0, 1.0 / span) - 1.0;
        st->ratio = st->actual_rate / st->required_rate;
    } else {
        st->method = METHOD_LINEAR;
        st->progress_share = (st->yt - st->y0) / (t->value - st->y0);
        st->ratio = st->progress_share / st->time_share;
    }
    if (!isfinite(st->ratio)) {
        st->code = ST_NO_DATA;
        st->method = METHOD_NONE;
        return;
    }
    st->code = classify(st->ratio, th);
}

/* The figure that decides a target once its deadline has passed: the
 * latest dated in the milestone year, else a later one (which can only
 * make it met late, or confirm it missed). NULL when neither. */
static const struct obs_point *deciding_figure(const struct target *t,
                                               const struct target_summary *s,
                                               bool *late)
{
    *late = false;
    if (s->has_at_deadline && s->at_deadline.has_value &&
        s->at_deadline.date.y == t->year)
        return &s->at_deadline;
    if (s->has_latest && s->latest.has_value &&
        after(s->latest.date, target_deadline(t))) {
        *late = true;
        return &s->latest;
    }
    return NULL;
}

static void judge_numeric(const struct target *t,
                          const struct target_summary *s, struct pt_date as_of,
                          struct status *st)
{
    bool has_figure = s->has_latest && s->latest.has_value;
    if (!after(as_of, st->deadline)) {
        if (has_figure)
            judge_progress(t, s, st);
        return;
    }
    /* Past the deadline. A figure on or before it that meets the target
     * settles it; else one after it, late. */
    if (s->has_at_deadline && s->at_deadline.has_value &&
        achieved(t->cmp, s->at_deadline.value, t->value)) {
        use_figure(st, &s->at_deadline);
        st->code = ST_MET;
        st->method = METHOD_ACHIEVED;
        find_start(t, s, st);
        return;
    }
    if (has_figure && after(s->latest.date, st->deadline) &&
        achieved(t->cmp, s->latest.value, t->value)) {
        use_figure(st, &s->latest);
        st->code = ST_MET_LATE;
        st->method = METHOD_ACHIEVED;
        find_start(t, s, st);
        return;
    }
    bool late;
    const struct obs_point *d = deciding_figure(t, s, &late);
    if (d) {
        use_figure(st, d);
        st->code = ST_MISSED;
        st->method = METHOD_DEADLINE;
        find_start(t, s, st);
        return;
    }
    if (past_due(t, as_of, st)) {
        st->code = ST_UNREPORTED;
        st->method = METHOD_DUE;
        if (has_figure)
            use_figure(st, &s->latest);
        return;
    }
    /* The milestone figure is not due yet: judge what there is. */
    if (has_figure)
        judge_progress(t, s, st);
}

/* 持续下降 / 稳步提升: the compound annual rate in the stated direction
 * against the no-target thresholds; past the deadline, met when the
 * milestone figure moved that way from the start. */
static void judge_trend(const struct target *t, const struct target_summary *s,
                        struct pt_date as_of, struct status *st)
{
    bool past = after(as_of, st->deadline), late = false;
    bool overdue = past && past_due(t, as_of, st);
    const struct obs_point *d = past ? deciding_figure(t, s, &late) : NULL;
    const struct obs_point *o = d;
    if (!o && s->has_latest && s->latest.has_value)
        o = &s->latest;
    if (o)
        use_figure(st, o);
    if (!o || !find_start(t, s, st) || st->t <= st->t0 || !(st->y0 > 0) ||
        !(st->yt > 0)) {
        if (overdue && !d)
            st->code = ST_UNREPORTED, st->method = METHOD_DUE;
        return;
    }
    double rate = pow(st->yt / st->y0, 1.0 / (st->t - st->t0)) - 1.0;
    st->actual_rate = t->cmp == CMP_FALL ? -rate : rate;
    st->method = METHOD_TREND;
    if (d)
        st->code =
            st->actual_rate > 0 ? (late ? ST_MET_LATE : ST_MET) : ST_MISSED;
    else if (overdue)
        st->code = ST_UNREPORTED, st->method = METHOD_DUE;
    else
        st->code = classify_trend(st->actual_rate, &t->plan->thresholds);
}

/* 序时进度: where a straight path from the baseline to the target stands
 * at time x (fractional years, clamped to the path). */
static double path_at(const struct status *st, double x)
{
    if (x < st->t0)
        x = st->t0;
    if (x > st->tT)
        x = st->tT;
    return st->y0 + (st->target - st->y0) * (x - st->t0) / (st->tT - st->t0);
}

static void schedule(const struct target *t, const struct target_summary *s,
                     struct pt_date as_of, struct status *st)
{
    double y0, t0;
    if (comparator_relative(t->cmp))
        y0 = 0;
    else if (t->has_baseline_value)
        y0 = t->baseline_value;
    else
        return;
    t0 = year_end(t->baseline_year);
    if (!(st->tT > t0))
        return;
    struct status path = {.y0 = y0, .t0 = t0, .tT = st->tT, .target = t->value};
    st->schedule_value = path_at(&path, date_year_fraction(as_of));
    if (!(s->has_latest && s->latest.has_value))
        return;
    /* The figure that decided the status, else the latest. */
    double yt = isnan(st->yt) ? s->latest.value : st->yt;
    double tl = isnan(st->t) ? date_year_fraction(s->latest.date) : st->t;
    st->schedule_at_latest = path_at(&path, tl);
    double tol = 1e-9 * fmax(1, fabs(st->schedule_at_latest));
    bool ahead = comparator_lower_better(t->cmp)
                     ? yt <= st->schedule_at_latest + tol
                     : yt >= st->schedule_at_latest - tol;
    st->schedule = ahead ? SCHEDULE_AHEAD : SCHEDULE_BEHIND;
    if (!achieved(t->cmp, yt, t->value) && tl < st->tT &&
        !after(as_of, st->deadline))
        st->required_annual_change = (t->value - yt) / (st->tT - tl);
}

void status_of(const struct target *t, const struct target_summary *s,
               struct pt_date as_of, struct status *st)
{
    memset(st, 0, sizeof *st);
    st->y0 = st->t0 = st->yt = st->t = NAN;
    st->actual_rate = st->required_rate = NAN;
    st->progress_share = st->time_share = st->ratio = st->projected = NAN;
    st->schedule_value = st->schedule_at_latest = NAN;
    st->required_annual_change = NAN;
    st->target = t->has_value ? t->value : NAN;
    st->tT = year_end(t->year);
    st->code = ST_NO_DATA;
    st->method = METHOD_NONE;
    st->n_obs = s->n;
    st->deadline = target_deadline(t);
    st->due = target_data_due(t);
    st->deferred = t->deferred;
    if (t->cmp == CMP_DONE) {
        status_qualitative(t, s, as_of, st);
        return;
    }
    if (comparator_trend(t->cmp)) {
        judge_trend(t, s, as_of, st);
        return;
    }
    judge_numeric(t, s, as_of, st);
    project(t, st);
    schedule(t, s, as_of, st);
}

enum light status_light(const struct status *st)
{
    switch (st->code) {
    case ST_MISSED:
    case ST_UNREPORTED:
    case ST_DETERIORATION:
        return LIGHT_RED;
    case ST_LIMITED:
    case ST_NEEDS_ACCELERATION:
    case ST_NOT_STARTED:
        return LIGHT_YELLOW;
    case ST_ON_TRACK:
    case ST_IN_PROGRESS:
        return st->schedule == SCHEDULE_BEHIND ? LIGHT_YELLOW : LIGHT_GREEN;
    case ST_MET_LATE:
    case ST_MET:
    case ST_DONE:
        return LIGHT_GREEN;
    case ST_NO_DATA:
    case ST_COUNT:
        break;
    }
    return st->schedule == SCHEDULE_AHEAD    ? LIGHT_GREEN
           : st->schedule == SCHEDULE_BEHIND ? LIGHT_YELLOW
                                             : LIGHT_NONE;
}

const char *light_name(enum light l)
{
    static const char *const N[LIGHT_COUNT] = {"none", "green", "yellow",
                                               "red"};
    return N[l];
}

const char *light_label(enum light l)
{
    static const char *const L[LIGHT_COUNT] = {
        NC_("light", "none"), NC_("light", "green"), NC_("light", "yellow"),
        NC_("light", "red")};
    return i18n_pgettext(L[l]);
}

const char *light_short(enum light l)
{
    static const char *const S[LIGHT_COUNT] = {
        NC_("light mark", "-"), NC_("light mark", "G"), NC_("light mark", "Y"),
        NC_("light mark", "R")};
    return i18n_pgettext(S[l]);
}

char light_mark(enum light l)
{
    static const char M[LIGHT_COUNT] = {' ', 'G', 'Y', 'R'};
    return M[l];
}

const char *schedule_name(enum schedule_pos p)
{
    return p == SCHEDULE_AHEAD    ? "ahead"
           : p == SCHEDULE_BEHIND ? "behind"
                                  : NULL;
}

static const char *const NAMES[ST_COUNT] = {
    [ST_MISSED] = "missed",
    [ST_UNREPORTED] = "unreported",
    [ST_DETERIORATION] = "deterioration",
    [ST_LIMITED] = "limited",
    [ST_NEEDS_ACCELERATION] = "needs-acceleration",
    [ST_NO_DATA] = "no-data",
    [ST_NOT_STARTED] = "not-started",
    [ST_IN_PROGRESS] = "in-progress",
    [ST_ON_TRACK] = "on-track",
    [ST_MET_LATE] = "met-late",
    [ST_MET] = "met",
    [ST_DONE] = "done",
};

static const char *const LABELS[ST_COUNT] = {
    [ST_MISSED] = N_("missed"),
    [ST_UNREPORTED] = N_("unreported"),
    [ST_DETERIORATION] = N_("deterioration"),
    [ST_LIMITED] = N_("limited"),
    [ST_NEEDS_ACCELERATION] = N_("needs acceleration"),
    [ST_NO_DATA] = N_("no data"),
    [ST_NOT_STARTED] = N_("not started"),
    [ST_IN_PROGRESS] = N_("in progress"),
    [ST_ON_TRACK] = N_("on track"),
    [ST_MET_LATE] = N_("met late"),
    [ST_MET] = N_("met"),
    [ST_DONE] = N_("done"),
};

static const char MARKS[ST_COUNT] = {
    [ST_MISSED] = 'x',
    [ST_UNREPORTED] = '!',
    [ST_DETERIORATION] = 'v',
    [ST_LIMITED] = '-',
    [ST_NEEDS_ACCELERATION] = '~',
    [ST_NO_DATA] = '?',
    [ST_NOT_STARTED] = '.',
    [ST_IN_PROGRESS] = '>',
    [ST_ON_TRACK] = '>',
    [ST_MET_LATE] = '+',
    [ST_MET] = '+',
    [ST_DONE] = '+',
};

const char *status_name(enum status_code c)
{
    return NAMES[c];
}
const char *status_label(enum status_code c)
{
    return _(LABELS[c]);
}
char status_mark(enum status_code c)
{
    return MARKS[c];
}

int status_parse(const char *s)
{
    for (int i = 0; i < ST_COUNT; i++)
        if (strcmp(s, NAMES[i]) == 0)
            return i;
    return -1;
}

int status_parse_mask(const char *s, unsigned *mask)
{
    int c = status_parse(s);
    if (c >= 0) {
        *mask |= 1u << c;
        return 0;
    }
    if (strcmp(s, "overdue") == 0) { /* retired: what it used to mean */
        *mask |= 1u << ST_MISSED | 1u << ST_UNREPORTED;
        return 0;
    }
    return -1;
}

const char *status_method_name(enum status_method m)
{
    static const char *const M[] = {
        "none",     "achieved",    "cagr", "linear", "fell-back",
        "deadline", "qualitative", "due",  "trend",  "deferred"};
    return M[m];
}

static void fmt(double v, char *buf, size_t len)
{
    text_format_rounded(v, 3, buf, len);
}

/* v with the fewest decimals (at least 2) that classify as v does against
 * the bands: a printed number never contradicts the status beside it. */
static void fmt_in_band(double v, double on_track, double needs, double limited,
                        char *buf, size_t len)
{
    enum status_code want = classify3(v, on_track, needs, limited);
    for (int digits = 2; digits <= 15; digits++) {
        char tmp[64];
        snprintf(tmp, sizeof tmp, "%.*f", digits, v);
        if (classify3(strtod(tmp, NULL), on_track, needs, limited) == want ||
            digits == 15) {
            text_format_number(strtod(tmp, NULL), buf, len);
            return;
        }
    }
}

void status_format_ratio(const struct target *t, const struct status *st,
                         char *buf, size_t len)
{
    const struct thresholds *th = &t->plan->thresholds;
    buf[0] = '\0';
    if (!isfinite(st->ratio))
        return;
    fmt_in_band(st->ratio, th->on_track, th->needs_acceleration, th->limited,
                buf, len);
}

/* What the thresholds are called, for the "why". */
static const char *method_source(const struct target *t)
{
    const char *p = t->plan->thresholds.preset;
    return p && strcmp(p, "open-sdg") == 0 ? _("Open SDG thresholds")
           : p && strcmp(p, "custom") == 0 ? _("the plan's thresholds")
                                           : _("UN Progress Chart thresholds");
}

static void explain_deadline(const struct target *t, const struct status *st,
                             char *buf, size_t len)
{
    char a[64], b[160];
    if (t->cmp == CMP_DONE) {
        snprintf(buf, len, _("deadline %d-12-31 passed and not done"), t->year);
        return;
    }
    fmt(st->yt, a, sizeof a);
    target_statement(t, b, sizeof b);
    if (st->t > st->tT)
        snprintf(buf, len,
                 _("deadline %d-12-31 passed; the latest figure %s, dated "
                   "after it, still misses the target (%s)"),
                 t->year, a, b);
    else
        snprintf(buf, len,
                 _("deadline %d-12-31 passed; the figure for %d, %s, misses "
                   "the target (%s)"),
                 t->year, t->year, a, b);
}

static void explain_schedule(const struct target *t, const struct status *st,
                             char *buf, size_t len)
{
    if (st->schedule == SCHEDULE_NONE || st->code == ST_MET ||
        st->code == ST_MET_LATE || st->code == ST_MISSED)
        return;
    char a[64];
    size_t n = strlen(buf);
    unit_format(round(st->schedule_at_latest * 1000) / 1000, t->unit, a,
                sizeof a);
    snprintf(buf + n, len - n,
             st->schedule == SCHEDULE_AHEAD
                 ? _("; ahead of schedule (序时进度 %s at the latest "
                     "figure's date)")
                 : _("; behind schedule (序时进度 %s at the latest "
                     "figure's date)"),
             a);
}

void status_explain(const struct target *t, const struct status *st, char *buf,
                    size_t len)
{
    char a[64], b[160], c[64], due[11];
    date_format(st->due, due);
    buf[0] = '\0';
    switch (st->method) {
    case METHOD_NONE:
        if (t->cmp != CMP_DONE && !isnan(st->yt) && st->n_obs <= 1)
            snprintf(buf, len,
                     _("one observation since the baseline year: it serves "
                       "as the baseline; record another to measure progress"));
        else if (t->cmp != CMP_DONE && !isnan(st->yt))
            snprintf(buf, len,
                     _("no trend can be measured from the figures recorded "
                       "(no baseline before the latest figure, or a value "
                       "of 0 or less for a compound rate)"));
        else
            snprintf(buf, len,
                     _("nothing recorded yet; the figure for %d is due by "
                       "%s"),
                     t->year, due);
        break;
    case METHOD_ACHIEVED:
        fmt(st->yt, a, sizeof a);
        target_statement(t, b, sizeof b);
        if (st->code == ST_MET_LATE)
            snprintf(buf, len,
                     _("met late: the figure %s, dated after the deadline "
                       "%d-12-31, meets the target (%s)"),
                     a, t->year, b);
        else
            snprintf(buf, len, _("latest value %s meets the target (%s)"), a,
                     b);
        break;
    case METHOD_DEADLINE:
        explain_deadline(t, st, buf, len);
        break;
    case METHOD_DUE:
        if (t->cmp == CMP_DONE || isnan(st->yt))
            snprintf(buf, len,
                     _("the figure for %d was due by %s and none is "
                       "recorded"),
                     t->year, due);
        else {
            fmt(st->yt, a, sizeof a);
            snprintf(buf, len,
                     _("the figure for %d was due by %s and none is "
                       "recorded (the latest, %s, is from an earlier year)"),
                     t->year, due, a);
        }
        break;
    case METHOD_FELL_BACK:
        fmt(st->y0, a, sizeof a);
        fmt(st->yt, b, sizeof b);
        snprintf(buf, len,
                 _("the baseline %s met the target but the latest value %s "
                   "does not"),
                 a, b);
        break;
    case METHOD_CAGR:
        status_format_ratio(t, st, a, sizeof a);
        fmt(st->actual_rate * 100, b, sizeof b);
        fmt(st->required_rate * 100, c, sizeof c);
        snprintf(buf, len,
                 _("R = %s: actual growth %s%%/yr against %s%%/yr required "
                   "(compound annual rates; %s)"),
                 a, b, c, method_source(t));
        break;
    case METHOD_LINEAR:
        if (isinf(st->ratio)) {
            fmt(st->y0, a, sizeof a);
            fmt(st->yt, b, sizeof b);
            snprintf(buf, len,
                     _("the baseline %s equals the target's bound and the "
                       "latest value %s moves away from it"),
                     a, b);
            break;
        }
        status_format_ratio(t, st, a, sizeof a);
        fmt(st->progress_share * 100, b, sizeof b);
        fmt(st->time_share * 100, c, sizeof c);
        snprintf(buf, len,
                 _("R = %s: %s%% of the required change done in %s%% of the "
                   "time (linear; %s)"),
                 a, b, c, method_source(t));
        break;
    case METHOD_TREND: {
        const struct thresholds *th = &t->plan->thresholds;
        fmt_in_band(st->actual_rate * 100, th->trend_on_track * 100,
                    th->trend_needs_acceleration * 100, th->trend_limited * 100,
                    a, sizeof a);
        snprintf(buf, len,
                 t->cmp == CMP_FALL
                     ? _("falling %s%%/yr (compound annual rate from %s; a "
                         "trend with no number is judged by its rate, as "
                         "Open SDG does)")
                     : _("rising %s%%/yr (compound annual rate from %s; a "
                         "trend with no number is judged by its rate, as "
                         "Open SDG does)"),
                 a,
                 st->y0_from_obs ? _("the first figure") : _("the baseline"));
        break;
    }
    case METHOD_DEFERRED:
        snprintf(buf, len, "%s",
                 st->code == ST_DONE ? _("number set by a higher authority; "
                                         "recorded as done")
                 : st->code == ST_IN_PROGRESS
                     ? _("number set by a higher authority; recorded as in "
                         "progress")
                 : st->code == ST_NOT_STARTED
                     ? _("number set by a higher authority; recorded as not "
                         "started")
                     : _("number set by a higher authority; nothing "
                         "recorded yet"));
        break;
    case METHOD_QUALITATIVE:
        snprintf(buf, len, "%s",
                 st->code == ST_DONE ? _("recorded as done")
                 : st->code == ST_MET_LATE
                     ? _("recorded as done after the deadline")
                 : st->code == ST_IN_PROGRESS ? _("recorded as in progress")
                 : st->code == ST_NOT_STARTED ? _("recorded as not started")
                                              : _("nothing recorded yet"));
        break;
    }
    explain_schedule(t, st, buf, len);
}
