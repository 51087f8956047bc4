/* The model: one pass over the log's current observations, merged with the
 * plans' targets in (plan, target) order, then the status of each. */
#include "plantrack/model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int key_cmp(const char *pa, const char *ta, const char *pb,
                   const char *tb)
{
    int c = strcmp(pa, pb);
    return c ? c : strcmp(ta, tb);
}

static int by_key_cmp(const void *a, const void *b, void *ctx)
{
    const struct model_row *rows = ctx;
    const struct target *x = rows[*(const size_t *)a].t;
    const struct target *y = rows[*(const size_t *)b].t;
    return key_cmp(x->plan->id, x->id, y->plan->id, y->id);
}

struct scan {
    struct model *m;
    size_t pos; /* in m->by_key */
    int failed;
};

static bool parse_iso_date(const char *s, struct pt_date *d)
{
    if (!s || strlen(s) != 10)
        return false;
    d->y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
           (s[3] - '0');
    d->m = (s[5] - '0') * 10 + (s[6] - '0');
    d->d = (s[8] - '0') * 10 + (s[9] - '0');
    return date_valid(d->y, d->m, d->d);
}

static void add_orphan(struct model *m, const char *plan, const char *target)
{
    if (m->n_orphans) {
        struct orphan *o = &m->orphans[m->n_orphans - 1];
        if (strcmp(o->plan, plan) == 0 && strcmp(o->target, target) == 0) {
            o->n++;
            return;
        }
    }
    struct orphan *v = realloc(m->orphans, (m->n_orphans + 1) * sizeof *v);
    if (!v)
        return;
    m->orphans = v;
    v[m->n_orphans].plan = strdup(plan);
    v[m->n_orphans].target = strdup(target);
    v[m->n_orphans].n = 1;
    m->n_orphans++;
}

/* Rows arrive sorted by (plan, target, date, seq): a merge join. */
static int on_row(void *ctx, const struct obs_row *row)
{
    struct scan *s = ctx;
    struct model *m = s->m;
    int c = 1;
    while (s->pos < m->n_rows) {
        const struct target *t = m->rows[m->by_key[s->pos]].t;
        c = key_cmp(t->plan->id, t->id, row->plan, row->target);
        if (c >= 0)
            break;
        s->pos++;
    }
    if (s->pos >= m->n_rows || c != 0) {
        add_orphan(m, row->plan, row->target);
        return 0;
    }
    struct model_row *r = &m->rows[m->by_key[s->pos]];
    struct obs_point o = {.has_value = row->has_value, .value = row->value};
    if (!parse_iso_date(row->date, &o.date))
        return 0;
    o.state = obs_state_parse(row->state);
    summary_add(&r->sum, r->t, &o);
    return 0;
}

static void free_orphans(struct model *m)
{
    for (size_t i = 0; i < m->n_orphans; i++) {
        free(m->orphans[i].plan);
        free(m->orphans[i].target);
    }
    free(m->orphans);
    m->orphans = NULL;
    m->n_orphans = 0;
}

int model_refresh(struct model *m, struct pt_error *err)
{
    char as_of[11];
    date_format(m->as_of, as_of);
    for (size_t i = 0; i < m->n_rows; i++)
        summary_init(&m->rows[i].sum);
    free_orphans(m);
    log_data_version(m->log, &m->data_version);
    struct scan s = {.m = m};
    if (log_scan_current(m->log, as_of, on_row, &s, err) < 0)
        return -1;
    for (size_t i = 0; i < m->n_rows; i++)
        status_of(m->rows[i].t, &m->rows[i].sum, m->as_of, &m->rows[i].st);
    return 0;
}

bool model_log_changed(struct model *m)
{
    int64_t v;
    return log_data_version(m->log, &v) == 0 && v != m->data_version;
}

int model_init(struct model *m, struct plan_set *plans, struct log *log,
               struct pt_date as_of, struct pt_error *err)
{
    memset(m, 0, sizeof *m);
    m->plans = *plans;
    memset(plans, 0, sizeof *plans);
    m->log = log;
    m->as_of = as_of;
    size_t n = m->plans.n_targets;
    m->rows = calloc(n ? n : 1, sizeof *m->rows);
    m->by_key = calloc(n ? n : 1, sizeof *m->by_key);
    if (!m->rows || !m->by_key)
        return pt_fail(err, PT_EENV, "out of memory");
    for (size_t i = 0; i < m->plans.n; i++) {
        const struct plan *p = m->plans.plans[i];
        for (size_t j = 0; j < p->n_targets; j++) {
            m->by_key[m->n_rows] = m->n_rows;
            m->rows[m->n_rows++].t = &p->targets[j];
        }
    }
    qsort_r(m->by_key, m->n_rows, sizeof *m->by_key, by_key_cmp, m->rows);
    return model_refresh(m, err);
}

void model_free(struct model *m)
{
    free(m->rows);
    free(m->by_key);
    free_orphans(m);
    plan_set_free(&m->plans);
    log_close(m->log);
    memset(m, 0, sizeof *m);
}

struct model_row *model_find(struct model *m, const char *plan,
                             const char *target)
{
    size_t lo = 0, hi = m->n_rows;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct target *t = m->rows[m->by_key[mid]].t;
        int c = key_cmp(t->plan->id, t->id, plan, target);
        if (c == 0)
            return &m->rows[m->by_key[mid]];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

bool agency_is(const struct agency *a, const char *q)
{
    if (strcmp(a->id, q) == 0 || strcmp(a->name, q) == 0)
        return true;
    for (size_t i = 0; i < a->n_aliases; i++)
        if (strcmp(a->aliases[i], q) == 0)
            return true;
    return strlen(q) >= 3 && strstr(a->name, q) != NULL;
}

bool model_row_matches(const struct model_row *r, const struct model_filter *f)
{
    const struct target *t = r->t;
    if (f->plan && strcmp(t->plan->id, f->plan) != 0)
        return false;
    if (f->year && t->year != f->year)
        return false;
    if (f->lead && !agency_is(target_lead(t), f->lead))
        return false;
    if (f->statuses && !(f->statuses & (1u << r->st.code)))
        return false;
    return true;
}

void model_row_latest(const struct model_row *r, char *buf, size_t len)
{
    const struct target_summary *s = &r->sum;
    if (!s->has_latest)
        snprintf(buf, len, "-");
    else if (s->latest.has_value)
        unit_format(s->latest.value, r->t->unit, buf, len);
    else
        snprintf(buf, len, "%s", obs_state_name(s->latest.state));
}
