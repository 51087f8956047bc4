/* Status engine: the UN SDG Progress Chart method (Open SDG's
 * implementation) applied to one target. */
#include "plantrack/status.h"

#include <math.h>
#include <stdio.h>
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
    s->n++;
    if (!s->has_latest || later(days, seq, s->latest_days, s->latest_seq)) {
        s->has_latest = true;
        s->latest = *o;
        s->latest_days = days;
        s->latest_seq = seq;
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
        break;
    }
    return false;
}

static enum status_code classify(double r, const struct thresholds *th)
{
    if (r >= th->on_track)
        return ST_ON_TRACK;
    if (r >= th->needs_acceleration)
        return ST_NEEDS_ACCELERATION;
    if (r >= th->limited)
        return ST_LIMITED;
    return ST_DETERIORATION;
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

static void status_qualitative(const struct target *t,
                               const struct target_summary *s,
                               struct pt_date as_of, struct status *st)
{
    struct pt_date deadline = {t->year, 12, 31};
    enum obs_state state = s->has_latest ? s->latest.state : STATE_NONE;
    st->method = METHOD_QUALITATIVE;
    if (state == STATE_DONE)
        st->code = ST_DONE;
    else if (date_cmp(as_of, deadline) > 0)
        st->code = ST_OVERDUE, st->method = METHOD_DEADLINE;
    else if (state == STATE_IN_PROGRESS)
        st->code = ST_IN_PROGRESS;
    else
        st->code = ST_NOT_STARTED;
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

static void judge_numeric(const struct target *t,
                          const struct target_summary *s, struct pt_date as_of,
                          struct status *st);

void status_of(const struct target *t, const struct target_summary *s,
               struct pt_date as_of, struct status *st)
{
    memset(st, 0, sizeof *st);
    st->y0 = st->t0 = st->yt = st->t = NAN;
    st->actual_rate = st->required_rate = NAN;
    st->progress_share = st->time_share = st->ratio = st->projected = NAN;
    st->target = t->has_value ? t->value : NAN;
    st->tT = year_end(t->year);
    st->code = ST_NO_DATA;
    st->method = METHOD_NONE;
    if (t->cmp == CMP_DONE) {
        status_qualitative(t, s, as_of, st);
        return;
    }
    judge_numeric(t, s, as_of, st);
    project(t, st);
}

static void judge_numeric(const struct target *t,
                          const struct target_summary *s, struct pt_date as_of,
                          struct status *st)
{
    const struct thresholds *th = &t->plan->thresholds;
    struct pt_date deadline = {t->year, 12, 31};
    if (!s->has_latest || !s->latest.has_value) {
        /* Past the deadline, a target not shown to be met is overdue,
         * numeric or not; before it, nothing can be said. */
        if (date_cmp(as_of, deadline) > 0) {
            st->code = ST_OVERDUE;
            st->method = METHOD_DEADLINE;
        }
        return;
    }
    st->yt = s->latest.value;
    st->t = date_year_fraction(s->latest.date);
    if (achieved(t->cmp, st->yt, t->value)) {
        st->code = ST_MET;
        st->method = METHOD_ACHIEVED;
        find_start(t, s, st);
        return;
    }
    if (date_cmp(as_of, deadline) > 0) {
        st->code = ST_OVERDUE;
        st->method = METHOD_DEADLINE;
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
    bool cagr_ok = !comparator_relative(t->cmp) && st->y0 > 0 && st->yt > 0 &&
                   t->value > 0 && t->value != st->y0;
    if (cagr_ok) {
        st->method = METHOD_CAGR;
        st->actual_rate = pow(st->yt / st->y0, 1.0 / elapsed) - 1.0;
        st->required_rate = pow(t->value / st->y0, 1.0 / span) - 1.0;
        st->ratio = st->actual_rate / st->required_rate;
    } else {
        st->method = METHOD_LINEAR;
        st->progress_share = (st->yt - st->y0) / (t->value - st->y0);
        st->time_share = elapsed / span;
        st->ratio = st->progress_share / st->time_share;
    }
    if (!isfinite(st->ratio)) {
        st->code = ST_NO_DATA;
        st->method = METHOD_NONE;
        return;
    }
    st->code = classify(st->ratio, th);
}

static const char *const NAMES[ST_COUNT] = {
    [ST_OVERDUE] = "overdue",
    [ST_DETERIORATION] = "deterioration",
    [ST_LIMITED] = "limited",
    [ST_NEEDS_ACCELERATION] = "needs-acceleration",
    [ST_NO_DATA] = "no-data",
    [ST_NOT_STARTED] = "not-started",
    [ST_IN_PROGRESS] = "in-progress",
    [ST_ON_TRACK] = "on-track",
    [ST_MET] = "met",
    [ST_DONE] = "done",
};

static const char *const LABELS[ST_COUNT] = {
    [ST_OVERDUE] = N_("overdue"),
    [ST_DETERIORATION] = N_("deterioration"),
    [ST_LIMITED] = N_("limited"),
    [ST_NEEDS_ACCELERATION] = N_("needs acceleration"),
    [ST_NO_DATA] = N_("no data"),
    [ST_NOT_STARTED] = N_("not started"),
    [ST_IN_PROGRESS] = N_("in progress"),
    [ST_ON_TRACK] = N_("on track"),
    [ST_MET] = N_("met"),
    [ST_DONE] = N_("done"),
};

static const char MARKS[ST_COUNT] = {
    [ST_OVERDUE] = '!',     [ST_DETERIORATION] = 'v',
    [ST_LIMITED] = '-',     [ST_NEEDS_ACCELERATION] = '~',
    [ST_NO_DATA] = '?',     [ST_NOT_STARTED] = '.',
    [ST_IN_PROGRESS] = '>', [ST_ON_TRACK] = '>',
    [ST_MET] = '+',         [ST_DONE] = '+',
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

const char *status_method_name(enum status_method m)
{
    static const char *const M[] = {"none",       "achieved",  "cagr",
                                    "linear",     "fell-back", "deadline",
                                    "qualitative"};
    return M[m];
}

static void fmt(double v, char *buf, size_t len)
{
    text_format_number(round(v * 1000) / 1000, buf, len);
}

void status_explain(const struct target *t, const struct status *st, char *buf,
                    size_t len)
{
    char a[64], b[160], c[64];
    switch (st->method) {
    case METHOD_NONE:
        if (t->cmp != CMP_DONE && !isnan(st->yt))
            snprintf(buf, len,
                     _("one observation since the baseline year: it serves "
                       "as the baseline; record another to measure progress"));
        else
            snprintf(buf, len, _("no observation recorded yet"));
        break;
    case METHOD_ACHIEVED:
        fmt(st->yt, a, sizeof a);
        target_statement(t, b, sizeof b);
        snprintf(buf, len, _("latest value %s meets the target (%s)"), a, b);
        break;
    case METHOD_DEADLINE:
        if (t->cmp == CMP_DONE) {
            snprintf(buf, len, _("deadline %d-12-31 passed and not done"),
                     t->year);
        } else if (isnan(st->yt)) {
            snprintf(buf, len,
                     _("deadline %d-12-31 passed with no observation "
                       "recorded"),
                     t->year);
        } else {
            fmt(st->yt, a, sizeof a);
            target_statement(t, b, sizeof b);
            snprintf(buf, len,
                     _("deadline %d-12-31 passed; latest value %s does not "
                       "meet the target (%s)"),
                     t->year, a, b);
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
        fmt(st->ratio, a, sizeof a);
        fmt(st->actual_rate * 100, b, sizeof b);
        fmt(st->required_rate * 100, c, sizeof c);
        snprintf(buf, len,
                 _("R = %s: actual growth %s%%/yr against %s%%/yr required "
                   "(compound annual rates, Open SDG)"),
                 a, b, c);
        break;
    case METHOD_LINEAR:
        fmt(st->ratio, a, sizeof a);
        fmt(st->progress_share * 100, b, sizeof b);
        fmt(st->time_share * 100, c, sizeof c);
        snprintf(buf, len,
                 _("R = %s: %s%% of the required change done in %s%% of the "
                   "time (linear)"),
                 a, b, c);
        break;
    case METHOD_QUALITATIVE:
        snprintf(buf, len, "%s",
                 st->code == ST_DONE ? _("recorded as done")
                 : st->code == ST_IN_PROGRESS
                     ? _("recorded as in progress")
                     : _("not started or not recorded"));
        break;
    }
}
