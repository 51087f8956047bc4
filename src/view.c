/* View: filters, facets, columns, sorting and search over the model. */
#include "plantrack/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plantrack/i18n.h"

static const char *const COLUMN_NAME[COL_COUNT] = {
    "status", "year", "plan", "indicator", "target", "latest", "date", "lead"};

const char *column_name(enum column c)
{
    return COLUMN_NAME[c];
}

const char *column_title(enum column c)
{
    static const char *const T[COL_COUNT] = {
        N_("STATUS"), N_("YEAR"),   N_("PLAN"), N_("INDICATOR"),
        N_("TARGET"), N_("LATEST"), N_("DATE"), N_("LEAD")};
    return _(T[c]);
}

int column_parse(const char *name)
{
    for (int c = 0; c < COL_COUNT; c++)
        if (strcmp(COLUMN_NAME[c], name) == 0)
            return c;
    if (strcmp(name, "agency") == 0)
        return COL_LEAD;
    return -1;
}

int column_parse_list(const char *list, unsigned *set, char *err,
                      size_t errlen)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", list);
    *set = 0;
    char *save = NULL;
    for (char *tok = strtok_r(buf, ", \t", &save); tok;
         tok = strtok_r(NULL, ", \t", &save)) {
        int c = column_parse(tok);
        if (c < 0) {
            size_t n = (size_t)snprintf(err, errlen,
                                        _("unknown column '%s'; columns:"),
                                        tok);
            for (int k = 0; k < COL_COUNT && n < errlen; k++)
                n += (size_t)snprintf(err + n, errlen - n, " %s",
                                      COLUMN_NAME[k]);
            return -1;
        }
        *set |= 1u << c;
    }
    return 0;
}

void view_init(struct view *v, struct model *m)
{
    memset(v, 0, sizeof *v);
    v->m = m;
    v->sort = COL_STATUS;
    view_rebuild(v);
}

static void free_facets(struct facet_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].key);
        free(l->v[i].label);
    }
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

static void free_selection(struct facet_list *l)
{
    for (size_t i = 0; i < l->n_sel; i++)
        free(l->sel[i]);
    free(l->sel);
    l->sel = NULL;
    l->n_sel = 0;
}

static void memo_free(struct view *v);

void view_forget_model(struct view *v)
{
    memo_free(v);
    free(v->docs);
    free(v->agency_docs);
    free(v->agency_hit);
    free(v->row_agency);
    free(v->row_agency_at);
    arena_free(&v->docs_mem);
    v->docs = NULL;
    v->agency_docs = NULL;
    v->agency_hit = NULL;
    v->row_agency = v->row_agency_at = NULL;
    v->n_agency_docs = 0;
    free(v->hit);
    v->hit = NULL;
    for (int k = 0; k < FACET_COUNT; k++)
        free_facets(&v->f[k]);
}

void view_free(struct view *v)
{
    view_forget_model(v);
    for (int k = 0; k < FACET_COUNT; k++)
        free_selection(&v->f[k]);
    free(v->rows);
    free(v->all_rows);
    free(v->all_codes);
    memset(v, 0, sizeof *v);
}

/* ---- filters ---- */

bool view_filter_has(const struct view *v, enum facet_kind k, const char *key)
{
    const struct facet_list *l = &v->f[k];
    if (!key)
        return l->n_sel == 0;
    for (size_t i = 0; i < l->n_sel; i++)
        if (strcmp(l->sel[i], key) == 0)
            return true;
    return false;
}

void view_filter_only(struct view *v, enum facet_kind k, const char *key)
{
    free_selection(&v->f[k]);
    if (key)
        view_filter_toggle(v, k, key);
}

void view_filter_toggle(struct view *v, enum facet_kind k, const char *key)
{
    struct facet_list *l = &v->f[k];
    if (!key) {
        free_selection(l);
        return;
    }
    for (size_t i = 0; i < l->n_sel; i++)
        if (strcmp(l->sel[i], key) == 0) {
            free(l->sel[i]);
            l->sel[i] = l->sel[--l->n_sel];
            return;
        }
    char **sel = realloc(l->sel, (l->n_sel + 1) * sizeof *sel);
    if (!sel)
        return;
    l->sel = sel;
    l->sel[l->n_sel++] = strdup(key);
}

void view_filter_clear(struct view *v)
{
    for (int k = 0; k < FACET_COUNT; k++)
        free_selection(&v->f[k]);
    v->narrow = false;
}

void view_describe(const struct view *v, char *buf, size_t len)
{
    static const char *const WHAT[FACET_COUNT] = {
        N_("%zu plans"),    N_("%zu years"),
        N_("%zu agencies"), N_("%zu statuses"),
        N_("%zu lights"),   N_("%zu schedule positions")};
    size_t n = 0;
    buf[0] = '\0';
    for (int k = 0; k < FACET_COUNT && n < len; k++) {
        const struct facet_list *l = &v->f[k];
        if (!l->n_sel)
            continue;
        n += (size_t)snprintf(buf + n, len - n, "%s", n ? " · " : "");
        if (n >= len)
            break;
        if (l->n_sel == 1) {
            const char *label = l->sel[0];
            for (size_t i = 1; i < l->n; i++)
                if (strcmp(l->v[i].key, l->sel[0]) == 0)
                    label = l->v[i].label;
            n += (size_t)snprintf(buf + n, len - n, "%s", label);
        } else {
            n += (size_t)snprintf(buf + n, len - n, _(WHAT[k]), l->n_sel);
        }
    }
    if (v->narrow && n < len)
        snprintf(buf + n, len - n, "%s|%s", n ? " · " : "", v->query.text);
}

bool view_filtered(const struct view *v)
{
    for (int k = 0; k < FACET_COUNT; k++)
        if (v->f[k].n_sel)
            return true;
    return v->narrow && v->query.len;
}

/* Where a row stands against 序时进度 as its light and its "why" say it:
 * not once the target is met or missed (the deadline has judged it). */
static enum schedule_pos row_schedule(const struct model_row *r)
{
    switch (r->st.code) {
    case ST_MET:
    case ST_MET_LATE:
    case ST_MISSED:
    case ST_DONE:
        return SCHEDULE_NONE;
    default:
        return r->st.schedule;
    }
}

static const char *schedule_label(enum schedule_pos p)
{
    return p == SCHEDULE_BEHIND  ? _("behind schedule")
           : p == SCHEDULE_AHEAD ? _("ahead of schedule")
                                 : "";
}

static int schedule_parse(const char *name)
{
    return strcmp(name, "behind") == 0  ? SCHEDULE_BEHIND
           : strcmp(name, "ahead") == 0 ? SCHEDULE_AHEAD
                                        : -1;
}

/* A row's key in each kind of filter. */
static void row_key(const struct model_row *r, enum facet_kind k, char *buf,
                    size_t len)
{
    switch (k) {
    case FACET_PLAN:
        snprintf(buf, len, "%s", r->t->plan->id);
        break;
    case FACET_YEAR:
        snprintf(buf, len, "%d", r->t->year);
        break;
    case FACET_LEAD:
        /* Agencies are the plan's own: 市生态环境局 of one city is not the
         * one of another. */
        snprintf(buf, len, "%s/%s", r->t->plan->id, target_lead(r->t)->id);
        break;
    case FACET_STATUS:
        snprintf(buf, len, "%s", status_name(r->st.code));
        break;
    case FACET_LIGHT:
        snprintf(buf, len, "%s", light_name(status_light(&r->st)));
        break;
    case FACET_SCHEDULE: {
        const char *name = schedule_name(row_schedule(r));
        snprintf(buf, len, "%s", name ? name : "");
        break;
    }
    case FACET_COUNT:
        buf[0] = '\0';
        break;
    }
}

/* Whether row r passes the filter of kind k. */
static bool passes(const struct view *v, const struct model_row *r,
                   enum facet_kind k)
{
    const struct facet_list *l = &v->f[k];
    if (!l->n_sel)
        return true;
    char key[200];
    row_key(r, k, key, sizeof key);
    for (size_t i = 0; i < l->n_sel; i++)
        if (strcmp(l->sel[i], key) == 0)
            return true;
    return false;
}

/* Whether r passes every filter but `except` (FACET_COUNT: all). */
static bool passes_all_but(const struct view *v, const struct model_row *r,
                           enum facet_kind except)
{
    for (int k = 0; k < FACET_COUNT; k++)
        if (k != (int)except && !passes(v, r, (enum facet_kind)k))
            return false;
    return true;
}

/* ---- facets ---- */

static struct facet *facet_add(struct facet_list *l, size_t *cap)
{
    if (l->n == *cap) {
        *cap = *cap ? *cap * 2 : 16;
        struct facet *nf = realloc(l->v, *cap * sizeof *nf);
        if (!nf)
            return NULL;
        l->v = nf;
    }
    struct facet *e = &l->v[l->n++];
    memset(e, 0, sizeof *e);
    return e;
}

static void facet_count(struct facet *e, const struct model_row *r)
{
    e->count++;
    e->by_status[r->st.code]++;
}

/* The entry of l that gathers rows of `group` / `value`, added when new. */
static struct facet *facet_for(struct facet_list *l, size_t *cap,
                               const void *group, int value)
{
    for (size_t k = 1; k < l->n; k++)
        if (l->v[k].group == group && l->v[k].value == value)
            return &l->v[k];
    struct facet *e = facet_add(l, cap);
    if (e) {
        e->group = group;
        e->value = value;
    }
    return e;
}

static int cmp_value(const void *a, const void *b)
{
    return ((const struct facet *)a)->value - ((const struct facet *)b)->value;
}

static int cmp_value_down(const void *a, const void *b)
{
    return cmp_value(b, a);
}

static int light_parse(const char *name)
{
    for (int l = 0; l < LIGHT_COUNT; l++)
        if (strcmp(light_name((enum light)l), name) == 0)
            return l;
    return -1;
}

/* Lights from the most urgent: red, yellow, green, none. */
static int light_rank(int l)
{
    return l == LIGHT_NONE ? LIGHT_COUNT : LIGHT_COUNT - l;
}

static int cmp_light(const void *a, const void *b)
{
    return light_rank(((const struct facet *)a)->value) -
           light_rank(((const struct facet *)b)->value);
}

static int cmp_lead(const void *a, const void *b)
{
    const struct facet *x = a, *y = b;
    if (x->count != y->count)
        return y->count - x->count;
    int c = strcoll(x->label, y->label);
    return c ? c : strcmp(x->key, y->key);
}

static void build_facets(struct view *v, enum facet_kind k)
{
    static const char *const ALL[FACET_COUNT] = {
        N_("All plans"), N_("All years"), N_("All agencies"),
        N_("All statuses"), N_("All lights"), N_("Any schedule")};
    struct facet_list *l = &v->f[k];
    size_t cap = 0;
    free_facets(l);
    struct facet *all = facet_add(l, &cap);
    if (!all)
        return;
    all->label = strdup(_(ALL[k]));
    if (k == FACET_PLAN) /* every plan, in the order of the files */
        for (size_t i = 0; i < v->m->plans.n; i++)
            facet_for(l, &cap, v->m->plans.plans[i], 0);
    for (size_t i = 0; i < v->m->n_rows; i++) {
        const struct model_row *r = &v->m->rows[i];
        /* Years of the selected plans; agencies and statuses of the
         * targets the other filters leave. */
        bool listed = k == FACET_PLAN ||
                      (k == FACET_YEAR ? passes(v, r, FACET_PLAN)
                                       : passes_all_but(v, r, k));
        if (!listed)
            continue;
        if (k == FACET_SCHEDULE && row_schedule(r) == SCHEDULE_NONE) {
            /* No entry of its own: no baseline, or judged already. */
            if (passes_all_but(v, r, k))
                facet_count(&l->v[0], r);
            continue;
        }
        const void *group = k == FACET_PLAN   ? (const void *)r->t->plan
                            : k == FACET_LEAD ? (const void *)target_lead(r->t)
                                              : NULL;
        int value = k == FACET_YEAR     ? r->t->year
                    : k == FACET_STATUS ? (int)r->st.code
                    : k == FACET_LIGHT  ? (int)status_light(&r->st)
                    : k == FACET_SCHEDULE ? (int)row_schedule(r)
                                          : 0;
        struct facet *e = facet_for(l, &cap, group, value);
        if (!e)
            return;
        all = &l->v[0];
        if (!e->key) {
            char key[200];
            row_key(r, k, key, sizeof key);
            e->key = strdup(key);
        }
        if (passes_all_but(v, r, k)) {
            facet_count(all, r);
            facet_count(e, r);
        }
    }
    /* Labels; an agency's name says its plan when another plan has an
     * agency of the same name in the list. */
    for (size_t i = 1; i < l->n; i++) {
        struct facet *e = &l->v[i];
        char buf[300];
        if (k == FACET_PLAN) {
            /* A plan published for comment says so wherever it is
             * named, as in `status` (征求意见稿, never due). */
            const struct plan *p = e->group;
            snprintf(buf, sizeof buf, "%s%s",
                     *p->short_name ? p->short_name : p->id,
                     p->draft ? _(" (draft)") : "");
        } else if (k == FACET_YEAR) {
            snprintf(buf, sizeof buf, "%d", e->value);
        } else if (k == FACET_STATUS) {
            snprintf(buf, sizeof buf, "%s",
                     status_label((enum status_code)e->value));
        } else if (k == FACET_LIGHT) {
            snprintf(buf, sizeof buf, "%s", light_label((enum light)e->value));
        } else if (k == FACET_SCHEDULE) {
            snprintf(buf, sizeof buf, "%s",
                     schedule_label((enum schedule_pos)e->value));
        } else {
            const struct agency *a = e->group;
            snprintf(buf, sizeof buf, "%s", a->name);
        }
        e->label = strdup(buf);
    }
    if (k == FACET_LEAD) {
        for (size_t i = 1; i < l->n; i++) {
            const struct agency *a = l->v[i].group;
            bool twin = false;
            for (size_t j = 1; j < l->n && !twin; j++)
                twin = j != i &&
                       strcmp(((const struct agency *)l->v[j].group)->name,
                              a->name) == 0;
            if (!twin)
                continue;
            /* The plan of this agency: the key's part before '/'. */
            char plan_id[100];
            snprintf(plan_id, sizeof plan_id, "%.*s",
                     (int)strcspn(l->v[i].key, "/"), l->v[i].key);
            const struct plan *p = plan_set_find_plan(&v->m->plans, plan_id);
            char buf[300];
            snprintf(buf, sizeof buf, "%s·%s", a->name,
                     p && *p->short_name ? p->short_name : plan_id);
            free(l->v[i].label);
            l->v[i].label = strdup(buf);
        }
    }
    /* Active entries stay listed even when nothing is under them. */
    for (size_t s = 0; s < l->n_sel; s++) {
        bool found = false;
        for (size_t i = 1; i < l->n && !found; i++)
            found = strcmp(l->v[i].key, l->sel[s]) == 0;
        if (!found) {
            struct facet *e = facet_add(l, &cap);
            if (!e)
                return;
            e->key = strdup(l->sel[s]);
            e->label = strdup(l->sel[s]);
            e->group = NULL;
            e->value = k == FACET_YEAR     ? atoi(l->sel[s])
                       : k == FACET_STATUS ? status_parse(l->sel[s])
                       : k == FACET_LIGHT  ? light_parse(l->sel[s])
                       : k == FACET_SCHEDULE ? schedule_parse(l->sel[s])
                                             : 0;
            if (k == FACET_STATUS || k == FACET_LIGHT ||
                k == FACET_SCHEDULE) {
                /* Its word, not its name, though nothing is under it. */
                free(e->label);
                e->label = strdup(
                    e->value < 0 ? l->sel[s]
                    : k == FACET_STATUS
                        ? status_label((enum status_code)e->value)
                    : k == FACET_LIGHT
                        ? light_label((enum light)e->value)
                        : schedule_label((enum schedule_pos)e->value));
            }
        }
    }
    if (k == FACET_YEAR || k == FACET_STATUS)
        qsort(l->v + 1, l->n - 1, sizeof *l->v, cmp_value);
    else if (k == FACET_SCHEDULE) /* behind first */
        qsort(l->v + 1, l->n - 1, sizeof *l->v, cmp_value_down);
    else if (k == FACET_LIGHT)
        qsort(l->v + 1, l->n - 1, sizeof *l->v, cmp_light);
    else if (k == FACET_LEAD)
        qsort(l->v + 1, l->n - 1, sizeof *l->v, cmp_lead);
}

/* ---- sorting ---- */

static int cmp_int(int a, int b)
{
    return (a > b) - (a < b);
}

static int cmp_double(double a, double b)
{
    return (a > b) - (a < b);
}

static int plan_index(const struct model *m, const struct plan *p)
{
    for (size_t i = 0; i < m->plans.n; i++)
        if (m->plans.plans[i] == p)
            return (int)i;
    return 0;
}

static int cmp_rows(const void *pa, const void *pb, void *arg)
{
    const struct view *v = arg;
    size_t ia = *(const size_t *)pa, ib = *(const size_t *)pb;
    const struct model_row *a = &v->m->rows[ia], *b = &v->m->rows[ib];
    int c = 0;
    switch (v->sort) {
    case COL_STATUS:
        c = cmp_int(a->st.code, b->st.code);
        if (!c)
            c = cmp_int(a->t->year, b->t->year);
        break;
    case COL_YEAR:
        c = cmp_int(a->t->year, b->t->year);
        if (!c)
            c = cmp_int(a->st.code, b->st.code);
        break;
    case COL_PLAN:
        c = cmp_int(plan_index(v->m, a->t->plan), plan_index(v->m, b->t->plan));
        if (!c)
            c = cmp_int(a->st.code, b->st.code);
        break;
    case COL_INDICATOR:
        c = strcoll(a->t->indicator, b->t->indicator);
        break;
    case COL_TARGET:
        c = cmp_double(a->t->value, b->t->value);
        if (!c)
            c = strcoll(a->t->indicator, b->t->indicator);
        break;
    case COL_LATEST:
    case COL_DATE:
        /* Targets without a figure come last either way. */
        if (a->sum.has_latest != b->sum.has_latest)
            return a->sum.has_latest ? -1 : 1;
        c = v->sort == COL_DATE
                ? cmp_int((int)a->sum.latest_days, (int)b->sum.latest_days)
                : cmp_double(a->sum.latest.value, b->sum.latest.value);
        break;
    case COL_LEAD:
        c = strcoll(target_lead(a->t)->name, target_lead(b->t)->name);
        if (!c)
            c = cmp_int(plan_index(v->m, a->t->plan),
                        plan_index(v->m, b->t->plan));
        if (!c)
            c = cmp_int(a->st.code, b->st.code);
        break;
    case COL_COUNT:
        break;
    }
    if (v->sort_desc)
        c = -c;
    /* Ties keep the plan files' order, so the list never jumps. */
    return c ? c : (ia > ib) - (ia < ib);
}

/* The listed rows from all_rows: narrowed to the search when asked. */
static void narrow_rows(struct view *v)
{
    v->n_rows = 0;
    v->n_hits = 0;
    memset(v->counts, 0, sizeof v->counts);
    bool search = v->hit && v->query.len, narrow = v->narrow && v->query.len;
    for (size_t i = 0; i < v->n_all_rows; i++) {
        size_t r = v->all_rows[i];
        bool hit = search && v->hit[r];
        if (narrow && !hit)
            continue;
        v->rows[v->n_rows++] = r;
        v->n_hits += hit;
        v->counts[v->all_codes[i]]++;
    }
}

void view_rebuild(struct view *v)
{
    size_t cap = v->m->n_rows ? v->m->n_rows : 1;
    free(v->rows);
    free(v->all_rows);
    free(v->all_codes);
    v->rows = calloc(cap, sizeof *v->rows);
    v->all_rows = calloc(cap, sizeof *v->all_rows);
    v->all_codes = calloc(cap, sizeof *v->all_codes);
    v->n_rows = v->n_all_rows = 0;
    v->statuses = 0;
    if (!v->rows || !v->all_rows || !v->all_codes)
        return;
    for (size_t i = 0; i < v->m->n_rows; i++) {
        v->statuses |= 1u << v->m->rows[i].st.code;
        if (passes_all_but(v, &v->m->rows[i], FACET_COUNT))
            v->all_rows[v->n_all_rows++] = i;
    }
    if (v->n_all_rows)
        qsort_r(v->all_rows, v->n_all_rows, sizeof *v->all_rows, cmp_rows, v);
    for (size_t i = 0; i < v->n_all_rows; i++)
        v->all_codes[i] = (unsigned char)v->m->rows[v->all_rows[i]].st.code;
    if (v->query.len && !v->hit)
        view_search(v, v->query.text, v->narrow); /* after a reload */
    narrow_rows(v);
    for (int k = 0; k < FACET_COUNT; k++)
        build_facets(v, (enum facet_kind)k);
}

/* ---- search ---- */

/* The search texts: one per target (indicator, quote, id) and one per
 * agency of each plan (name, aliases), which every target it leads or
 * supports shares: a name is read once per keystroke, not once per
 * target that names it. */
static int prepare_docs(struct view *v)
{
    const struct plan_set *ps = &v->m->plans;
    size_t n_agencies = 0;
    for (size_t p = 0; p < ps->n; p++)
        n_agencies += ps->plans[p]->n_agencies;
    v->docs = calloc(v->m->n_rows ? v->m->n_rows : 1, sizeof *v->docs);
    v->agency_docs = calloc(n_agencies ? n_agencies : 1,
                            sizeof *v->agency_docs);
    v->agency_hit = malloc(n_agencies ? n_agencies : 1);
    size_t n_refs = 0;
    for (size_t r = 0; r < v->m->n_rows; r++)
        n_refs += 1 + v->m->rows[r].t->n_support;
    v->row_agency = calloc(n_refs ? n_refs : 1, sizeof *v->row_agency);
    v->row_agency_at = calloc(v->m->n_rows + 1, sizeof *v->row_agency_at);
    if (!v->docs || !v->agency_docs || !v->agency_hit || !v->row_agency ||
        !v->row_agency_at)
        return -1;
    v->n_agency_docs = n_agencies;
    const char *fields[64];
    enum search_field kind[64];
    size_t k = 0;
    for (size_t p = 0; p < ps->n; p++)
        for (size_t a = 0; a < ps->plans[p]->n_agencies; a++, k++) {
            size_t n = model_search_agency_fields(&ps->plans[p]->agencies[a],
                                                  fields, kind, 64);
            if (search_doc_init(&v->agency_docs[k], &v->docs_mem, fields,
                                kind, n) < 0)
                return -1;
        }
    /* Each row's agency docs start where its plan's do. */
    const struct plan *plan = NULL;
    size_t base = 0;
    for (size_t r = 0; r < v->m->n_rows; r++) {
        const struct target *t = v->m->rows[r].t;
        if (t->plan != plan) {
            base = 0;
            for (size_t p = 0; p < ps->n && ps->plans[p] != t->plan; p++)
                base += ps->plans[p]->n_agencies;
            plan = t->plan;
        }
        uint32_t at = v->row_agency_at[r];
        v->row_agency[at++] = (uint32_t)(base + t->lead);
        for (size_t i = 0; i < t->n_support; i++)
            v->row_agency[at++] = (uint32_t)(base + t->support[i]);
        v->row_agency_at[r + 1] = at;
        char id[200];
        size_t n = model_search_target_fields(t, fields, kind, id, sizeof id);
        if (search_doc_init(&v->docs[r], &v->docs_mem, fields, kind, n) < 0)
            return -1;
    }
    return 0;
}

void view_prepare_search(struct view *v)
{
    if (v->docs)
        return;
    if (prepare_docs(v) < 0) {
        free(v->docs);
        v->docs = NULL;
    }
}

/* Whether agency k of the model matches, read at most once per query. */
static bool agency_matches(struct view *v, size_t k,
                           const struct search_query *q)
{
    if (v->agency_hit[k] < 0)
        v->agency_hit[k] = search_doc_matches(&v->agency_docs[k], q);
    return v->agency_hit[k];
}

/* The agencies first: they are read once for all the targets naming
 * them, the target's own text each time. */
static bool row_found(struct view *v, size_t r, const struct search_query *q)
{
    for (uint32_t i = v->row_agency_at[r]; i < v->row_agency_at[r + 1]; i++)
        if (agency_matches(v, v->row_agency[i], q))
            return true;
    return search_doc_matches(&v->docs[r], q);
}

/* The searches of the query being typed, each a prefix of the next, with
 * the rows each found (a bit per model row): a backspace takes its answer
 * from here, and a longer query tests only the rows its longest prefix
 * found. */
#define MEMO_MAX 64
struct search_memo {
    struct search_query q;
    unsigned char *bits;
};

static void memo_drop(struct view *v, size_t from)
{
    for (size_t i = from; i < v->n_memo; i++)
        free(v->memo[i].bits);
    v->n_memo = from < v->n_memo ? from : v->n_memo;
}

static void memo_free(struct view *v)
{
    memo_drop(v, 0);
    free(v->memo);
    v->memo = NULL;
}

/* Remember q's hits, after the searches of its prefixes (the others were
 * of another query). */
static void memo_push(struct view *v, const struct search_query *q)
{
    size_t keep = 0;
    while (keep < v->n_memo && v->memo[keep].q.len < q->len &&
           memcmp(v->memo[keep].q.text, q->text, v->memo[keep].q.len) == 0)
        keep++;
    memo_drop(v, keep);
    if (!v->memo && !(v->memo = calloc(MEMO_MAX, sizeof *v->memo)))
        return;
    if (v->n_memo == MEMO_MAX)
        memo_drop(v, MEMO_MAX - 1);
    size_t bytes = (v->m->n_rows + 7) / 8;
    unsigned char *bits = calloc(bytes ? bytes : 1, 1);
    if (!bits)
        return;
    for (size_t r = 0; r < v->m->n_rows; r++)
        if (v->hit[r])
            bits[r >> 3] |= (unsigned char)(1u << (r & 7));
    v->memo[v->n_memo++] = (struct search_memo){*q, bits};
}

static bool memo_has(const unsigned char *bits, size_t r)
{
    return bits[r >> 3] >> (r & 7) & 1;
}

void view_search(struct view *v, const char *typed, bool narrow)
{
    struct search_query q;
    search_query_init(&q, typed ? typed : "");
    view_prepare_search(v);
    if (!v->hit)
        v->hit = calloc(v->m->n_rows ? v->m->n_rows : 1, sizeof *v->hit);
    if (!v->docs || !v->hit)
        return;
    const struct search_memo *same = NULL, *base = NULL;
    for (size_t i = v->n_memo; i-- > 0 && !same && !base;) {
        const struct search_memo *e = &v->memo[i];
        if (e->q.len == q.len && memcmp(e->q.text, q.text, q.len) == 0 &&
            e->q.n_letters == q.n_letters)
            same = e;
        else if (search_query_narrows(&q, &e->q))
            base = e;
    }
    if (!q.len) {
        memset(v->hit, 0, v->m->n_rows * sizeof *v->hit);
        memo_drop(v, 0);
    } else if (same) { /* a backspace: known already */
        for (size_t r = 0; r < v->m->n_rows; r++)
            v->hit[r] = memo_has(same->bits, r);
    } else {
        /* Typing on: test only the rows the shorter query found. */
        memset(v->agency_hit, -1, v->n_agency_docs);
        if (base) {
            memset(v->hit, 0, v->m->n_rows * sizeof *v->hit);
            for (size_t b = 0; b < (v->m->n_rows + 7) / 8; b++)
                for (unsigned bits = base->bits[b]; bits; bits &= bits - 1) {
                    size_t r = b * 8 + (size_t)__builtin_ctz(bits);
                    v->hit[r] = row_found(v, r, &q);
                }
        } else {
            for (size_t r = 0; r < v->m->n_rows; r++)
                v->hit[r] = row_found(v, r, &q);
        }
        memo_push(v, &q);
    }
    v->query = q;
    v->narrow = narrow && q.len;
    narrow_rows(v);
}

bool view_row_matches(const struct view *v, size_t i)
{
    return v->query.len && v->hit && i < v->n_rows && v->hit[v->rows[i]];
}

long view_find(const struct view *v, size_t from, int dir)
{
    if (!v->n_rows || !v->query.len || !v->hit)
        return -1;
    for (size_t k = 0; k < v->n_rows; k++) {
        size_t i =
            (from + v->n_rows + (dir > 0 ? k : v->n_rows - k)) % v->n_rows;
        if (v->hit[v->rows[i]])
            return (long)i;
    }
    return -1;
}

size_t view_match_rank(const struct view *v, size_t i)
{
    if (!view_row_matches(v, i))
        return 0;
    size_t rank = 0;
    for (size_t k = 0; k <= i; k++)
        rank += v->hit[v->rows[k]];
    return rank;
}

long view_position(const struct view *v, const struct model_row *r)
{
    for (size_t i = 0; i < v->n_rows; i++)
        if (&v->m->rows[v->rows[i]] == r)
            return (long)i;
    return -1;
}
