/* The model: one pass over the log's current observations, merged with the
 * plans' targets in (plan, target) order, then the status of each. */
#include "plantrack/model.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* FNV-1a over "plan\x1ftarget": rows of the log find their target in one
 * probe or two, in any order. */
static size_t key_hash(const char *plan, size_t plan_len, const char *target,
                       size_t target_len)
{
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < plan_len; i++)
        h = (h ^ (unsigned char)plan[i]) * 1099511628211u;
    h = (h ^ 0x1f) * 1099511628211u;
    for (size_t i = 0; i < target_len; i++)
        h = (h ^ (unsigned char)target[i]) * 1099511628211u;
    return (size_t)h;
}

static bool key_is(const char *id, const char *s, size_t len)
{
    return strncmp(id, s, len) == 0 && id[len] == '\0';
}

static size_t table_size(size_t n)
{
    size_t size = 16;
    while (size < n * 2)
        size *= 2;
    return size;
}

static struct model_row *find_row(const struct model *m, const char *plan,
                                  size_t plan_len, const char *target,
                                  size_t target_len)
{
    if (!m->n_slots)
        return NULL;
    size_t mask = m->n_slots - 1;
    for (size_t i = key_hash(plan, plan_len, target, target_len) & mask;
         m->slots[i]; i = (i + 1) & mask) {
        struct model_row *r = &m->rows[m->slots[i] - 1];
        if (key_is(r->t->plan->id, plan, plan_len) &&
            key_is(r->t->id, target, target_len))
            return r;
    }
    return NULL;
}

static int index_rows(struct model *m)
{
    m->n_slots = table_size(m->n_rows);
    m->slots = calloc(m->n_slots, sizeof *m->slots);
    if (!m->slots)
        return -1;
    size_t mask = m->n_slots - 1;
    for (size_t r = 0; r < m->n_rows; r++) {
        const struct target *t = m->rows[r].t;
        size_t i =
            key_hash(t->plan->id, strlen(t->plan->id), t->id, strlen(t->id)) &
            mask;
        while (m->slots[i])
            i = (i + 1) & mask;
        m->slots[i] = r + 1;
    }
    return 0;
}

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

/* Count an observation of a target that is not in the plans. */
static void add_orphan(struct model *m, const struct obs_row *row)
{
    if (m->n_orphans * 2 >= m->n_orphan_slots) { /* grow and rehash */
        size_t n = table_size(m->n_orphans + 1);
        size_t *slots = calloc(n, sizeof *slots);
        if (!slots)
            return;
        for (size_t k = 0; k < m->n_orphans; k++) {
            const struct orphan *o = &m->orphans[k];
            size_t i = key_hash(o->plan, strlen(o->plan), o->target,
                                strlen(o->target)) &
                       (n - 1);
            while (slots[i])
                i = (i + 1) & (n - 1);
            slots[i] = k + 1;
        }
        free(m->orphan_slots);
        m->orphan_slots = slots;
        m->n_orphan_slots = n;
    }
    size_t mask = m->n_orphan_slots - 1;
    size_t i =
        key_hash(row->plan, row->plan_len, row->target, row->target_len) & mask;
    for (; m->orphan_slots[i]; i = (i + 1) & mask) {
        struct orphan *o = &m->orphans[m->orphan_slots[i] - 1];
        if (key_is(o->plan, row->plan, row->plan_len) &&
            key_is(o->target, row->target, row->target_len)) {
            o->n++;
            return;
        }
    }
    struct orphan *v = realloc(m->orphans, (m->n_orphans + 1) * sizeof *v);
    if (!v)
        return;
    m->orphans = v;
    v[m->n_orphans] = (struct orphan){strndup(row->plan, row->plan_len),
                                      strndup(row->target, row->target_len), 1};
    m->orphan_slots[i] = ++m->n_orphans;
}

static int on_row(void *ctx, const struct obs_row *row)
{
    struct model *m = ctx;
    struct model_row *r =
        find_row(m, row->plan, row->plan_len, row->target, row->target_len);
    if (!r) {
        add_orphan(m, row);
        return 0;
    }
    struct obs_point o = {.has_value = row->has_value, .value = row->value};
    if (!parse_iso_date(row->date, &o.date))
        return 0;
    o.state = obs_state_parse(row->state);
    summary_add(&r->sum, r->t, &o, row->seq);
    return 0;
}

static int cmp_orphans(const void *a, const void *b)
{
    const struct orphan *x = a, *y = b;
    int c = strcmp(x->plan, y->plan);
    return c ? c : strcmp(x->target, y->target);
}

static void free_orphans(struct model *m)
{
    for (size_t i = 0; i < m->n_orphans; i++) {
        free(m->orphans[i].plan);
        free(m->orphans[i].target);
    }
    free(m->orphans);
    free(m->orphan_slots);
    m->orphans = NULL;
    m->orphan_slots = NULL;
    m->n_orphans = m->n_orphan_slots = 0;
}

int model_refresh(struct model *m, struct pt_error *err)
{
    char as_of[11];
    date_format(m->as_of, as_of);
    for (size_t i = 0; i < m->n_rows; i++)
        summary_init(&m->rows[i].sum);
    free_orphans(m);
    log_data_version(m->log, &m->data_version);
    if (log_scan_current(m->log, as_of, on_row, m, err) < 0)
        return -1;
    /* Reported in a stable order; the index is no longer needed. */
    if (m->n_orphans)
        qsort(m->orphans, m->n_orphans, sizeof *m->orphans, cmp_orphans);
    free(m->orphan_slots);
    m->orphan_slots = NULL;
    m->n_orphan_slots = 0;
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
    if (!m->rows)
        return pt_fail(err, PT_EENV, "out of memory");
    for (size_t i = 0; i < m->plans.n; i++) {
        const struct plan *p = m->plans.plans[i];
        for (size_t j = 0; j < p->n_targets; j++)
            m->rows[m->n_rows++].t = &p->targets[j];
    }
    if (index_rows(m) < 0)
        return pt_fail(err, PT_EENV, "out of memory");
    return model_refresh(m, err);
}

void model_free(struct model *m)
{
    free(m->rows);
    free(m->slots);
    free_orphans(m);
    plan_set_free(&m->plans);
    log_close(m->log);
    memset(m, 0, sizeof *m);
}

struct model_row *model_find(struct model *m, const char *plan,
                             const char *target)
{
    return find_row(m, plan, strlen(plan), target, strlen(target));
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
