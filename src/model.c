/* The model: one pass over the log's current observations, merged with the
 * plans' targets in (plan, target) order, then the status of each. */
#include "plantrack/model.h"

#include "plantrack/search.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plantrack/admit.h"

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

/* A target's summary from what the log holds for it: the engine needs only
 * the latest observation, the first since the baseline year, and the
 * latest on or before the deadline when that is not the latest. */
static void summarise(struct model_row *r, const struct target_obs *to,
                      bool has_at_deadline, const struct obs_brief *at_deadline)
{
    const struct obs_brief *b[] = {&to->first, at_deadline, &to->latest};
    bool has[] = {to->has_first, has_at_deadline, to->has_latest};
    summary_init(&r->sum);
    for (int i = 0; i < 3; i++) {
        struct obs_point o = {.has_value = b[i]->has_value,
                              .value = b[i]->value,
                              .state = obs_state_parse(b[i]->state)};
        /* The log already chose them by the order every log agrees on;
         * between two of one date the latest is the later. */
        if (has[i] && parse_iso_date(b[i]->date, &o.date))
            summary_add(&r->sum, r->t, &o, i);
    }
    /* The order above ranked them by place; the latest is the log's
     * latest, and its row (who vouches for it) is the log's seq. */
    if (to->has_latest)
        r->sum.latest_seq = to->latest.seq;
    r->sum.n = to->n;
    r->conflict = to->conflict;
}

/* What the log has for one target as of the date, then its status. */
static int read_row(struct model *m, struct log_reader *rd, struct model_row *r,
                    int total, struct pt_error *err)
{
    struct target_obs to = {0};
    char from[11];
    const struct target *t = r->t;
    int y = t->baseline_year ? t->baseline_year : t->plan->period_start;
    snprintf(from, sizeof from, "%04d-01-01", y);
    /* The first observation serves as baseline only where the plan gives
     * none for a level to reach. */
    bool need_first = t->cmp != CMP_DONE && !comparator_relative(t->cmp) &&
                      !t->has_baseline_value;
    if (log_reader_target(rd, t->plan->id, t->id, total,
                          need_first ? from : NULL, &to, err) < 0)
        return -1;
    /* A figure dated after the deadline: the one at the deadline too. */
    char deadline[11];
    struct obs_brief at = {0};
    bool has_at = false;
    snprintf(deadline, sizeof deadline, "%04d-12-31", t->year);
    if (to.has_latest && strcmp(to.latest.date, deadline) > 0 &&
        log_reader_latest_until(rd, t->plan->id, t->id, deadline, &has_at, &at,
                                err) < 0)
        return -1;
    summarise(r, &to, has_at, &at);
    status_of(r->t, &r->sum, m->as_of, &r->st);
    return 0;
}

struct counting {
    struct model *m;
    struct log_reader *rd;
    int *total; /* per model row */
    struct pt_error *err;
    int failed;
};

/* A target's total; a key no plan has is an orphan, kept and reported. */
static int on_count(void *ctx, const char *plan, const char *target, int total)
{
    struct counting *c = ctx;
    struct model_row *r = model_find(c->m, plan, target);
    if (r) {
        c->total[r - c->m->rows] = total;
        return 0;
    }
    struct target_obs to;
    if (log_reader_target(c->rd, plan, target, total, NULL, &to, c->err) < 0) {
        c->failed = 1;
        return 1;
    }
    if (to.n == 0)
        return 0;
    struct orphan *v =
        realloc(c->m->orphans, (c->m->n_orphans + 1) * sizeof *v);
    if (v) {
        c->m->orphans = v;
        v[c->m->n_orphans++] =
            (struct orphan){strdup(plan), strdup(target), to.n};
    }
    return 0;
}

/* A reader of every target, or of row r's alone. */
static int open_reader(struct model *m, const struct model_row *r,
                       struct log_reader **rd, struct pt_error *err)
{
    char as_of[11];
    date_format(m->as_of, as_of);
    return r ? log_reader_open_target(m->log, as_of, r->t->plan->id, r->t->id,
                                      rd, err)
             : log_reader_open(m->log, as_of, rd, err);
}

int model_refresh(struct model *m, struct pt_error *err)
{
    struct log_reader *rd;
    free_orphans(m);
    log_data_version(m->log, &m->data_version);
    if (open_reader(m, NULL, &rd, err) < 0)
        return -1;
    struct counting c = {m, rd, calloc(m->n_rows ? m->n_rows : 1, sizeof(int)),
                         err, 0};
    if (!c.total) {
        log_reader_close(rd);
        return pt_fail(err, PT_EENV, "out of memory");
    }
    int rc = log_reader_counts(rd, on_count, &c, err);
    if (c.failed)
        rc = -1;
    for (size_t i = 0; i < m->n_rows && rc == 0; i++)
        rc = read_row(m, rd, &m->rows[i], c.total[i], err);
    log_reader_close(rd);
    free(c.total);
    return rc;
}

int model_refresh_row(struct model *m, struct model_row *r,
                      struct pt_error *err)
{
    struct log_reader *rd;
    int total = 0;
    if (open_reader(m, r, &rd, err) < 0)
        return -1;
    int rc = log_reader_total(rd, r->t->plan->id, r->t->id, &total, err);
    if (rc == 0)
        rc = read_row(m, rd, r, total, err);
    log_reader_close(rd);
    return rc;
}

bool model_log_changed(struct model *m)
{
    int64_t v;
    return log_data_version(m->log, &v) == 0 && v != m->data_version;
}

int model_init_scan(struct model *m, struct plan_set *plans, struct log *log,
                    struct pt_date as_of, bool scan, struct pt_error *err)
{
    memset(m, 0, sizeof *m);
    m->plans = *plans;
    memset(plans, 0, sizeof *plans);
    m->log = log;
    m->as_of = as_of;
    /* Whatever is recorded through this model passes the one check. */
    if (admit_attach(log, &m->plans) < 0)
        return pt_fail(err, PT_EENV, "out of memory");
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
    return scan ? model_refresh(m, err) : 0;
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

size_t model_search_target_fields(const struct target *t, const char **fields,
                                  enum search_field *kind, char *id,
                                  size_t idlen)
{
    /* Short to long: a match is most often found before the quote. */
    snprintf(id, idlen, "%s/%s", t->plan->id, t->id);
    fields[0] = id;
    kind[0] = SEARCH_TEXT;
    fields[1] = t->indicator;
    kind[1] = SEARCH_TITLE;
    fields[2] = t->quote;
    kind[2] = SEARCH_TEXT;
    return 3;
}

size_t model_search_agency_fields(const struct agency *a, const char **fields,
                                  enum search_field *kind, size_t max)
{
    size_t n = 0;
    if (n < max) {
        fields[n] = a->name;
        kind[n++] = SEARCH_NAME;
    }
    for (size_t i = 0; i < a->n_aliases && n < max; i++) {
        fields[n] = a->aliases[i];
        kind[n++] = SEARCH_NAME;
    }
    return n;
}

size_t model_search_fields(const struct target *t, const char **fields,
                           enum search_field *kind, size_t max, char *id,
                           size_t idlen)
{
    if (max < 3)
        return 0;
    size_t n = model_search_target_fields(t, fields, kind, id, idlen);
    n += model_search_agency_fields(target_lead(t), fields + n, kind + n,
                                    max - n);
    for (size_t i = 0; i < t->n_support && n < max; i++)
        n += model_search_agency_fields(&t->plan->agencies[t->support[i]],
                                        fields + n, kind + n, max - n);
    return n;
}

/* Whether t holds what `typed` asks for, folded as the viewer folds. */
static bool row_found(const struct target *t, const char *typed)
{
    const char *fields[64];
    enum search_field kind[64];
    char id[200];
    size_t n = model_search_fields(t, fields, kind, 64, id, sizeof id);
    struct arena mem = {0};
    struct search_doc d;
    struct search_query q;
    search_query_init(&q, typed);
    bool found = search_doc_init(&d, &mem, fields, kind, n) == 0 &&
                 search_doc_matches(&d, &q);
    arena_free(&mem);
    return found;
}

bool model_row_matches(const struct model_row *r, const struct model_filter *f)
{
    if (f->search && *f->search && !row_found(r->t, f->search))
        return false;
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
        target_value_phrase(r->t, s->latest.value, buf, len);
    else
        snprintf(buf, len, "%s", obs_state_label(s->latest.state));
}

int model_init(struct model *m, struct plan_set *plans, struct log *log,
               struct pt_date as_of, struct pt_error *err)
{
    return model_init_scan(m, plans, log, as_of, true, err);
}
