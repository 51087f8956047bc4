/* View: filters, facets, sorting and search over the model. */
#include "plantrack/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plantrack/i18n.h"

const char *sort_order_label(enum sort_order s)
{
    static const char *const L[] = {N_("status"), N_("year"), N_("agency"),
                                    N_("indicator")};
    return _(L[s]);
}

void view_init(struct view *v, struct model *m)
{
    memset(v, 0, sizeof *v);
    v->m = m;
    view_rebuild(v);
}

static void free_facets(struct facet *f, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(f[i].key);
        free(f[i].label);
    }
    free(f);
}

void view_forget_model(struct view *v)
{
    free(v->haystack);
    arena_free(&v->haystack_mem);
    v->haystack = NULL;
    v->n_haystack = 0;
}

void view_free(struct view *v)
{
    view_forget_model(v);
    free_facets(v->plans, v->n_plans);
    free_facets(v->years, v->n_years);
    free_facets(v->leads, v->n_leads);
    free(v->rows);
    free(v->plan);
    free(v->lead);
    memset(v, 0, sizeof *v);
}

void view_set_plan(struct view *v, const char *plan_id)
{
    free(v->plan);
    v->plan = plan_id ? strdup(plan_id) : NULL;
}

void view_set_lead(struct view *v, const char *agency_name)
{
    free(v->lead);
    v->lead = agency_name ? strdup(agency_name) : NULL;
}

/* Each filter tested on its own, so a facet can count "all but me". */
static bool by_plan(const struct view *v, const struct target *t)
{
    return !v->plan || strcmp(t->plan->id, v->plan) == 0;
}
static bool by_year(const struct view *v, const struct target *t)
{
    return !v->year || t->year == v->year;
}
static bool by_lead(const struct view *v, const struct target *t)
{
    return !v->lead || strcmp(target_lead(t)->name, v->lead) == 0;
}

static struct facet *facet_add(struct facet **f, size_t *n, size_t *cap)
{
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 16;
        struct facet *nf = realloc(*f, *cap * sizeof *nf);
        if (!nf)
            return NULL;
        *f = nf;
    }
    struct facet *e = &(*f)[(*n)++];
    memset(e, 0, sizeof *e);
    return e;
}

static void facet_count(struct facet *e, const struct model_row *r)
{
    e->count++;
    e->by_status[r->st.code]++;
}

static void build_plan_facets(struct view *v)
{
    size_t cap = 0;
    free_facets(v->plans, v->n_plans);
    v->plans = NULL;
    v->n_plans = 0;
    struct facet *all = facet_add(&v->plans, &v->n_plans, &cap);
    all->label = strdup(_("All plans"));
    for (size_t i = 0; i < v->m->plans.n; i++) {
        const struct plan *p = v->m->plans.plans[i];
        struct facet *e = facet_add(&v->plans, &v->n_plans, &cap);
        e->key = strdup(p->id);
        e->label = strdup(*p->short_name ? p->short_name : p->id);
    }
    for (size_t i = 0; i < v->m->n_rows; i++) {
        const struct model_row *r = &v->m->rows[i];
        if (!by_year(v, r->t) || !by_lead(v, r->t))
            continue;
        facet_count(&v->plans[0], r);
        for (size_t k = 1; k < v->n_plans; k++)
            if (strcmp(v->plans[k].key, r->t->plan->id) == 0)
                facet_count(&v->plans[k], r);
    }
}

static int cmp_year(const void *a, const void *b)
{
    return ((const struct facet *)a)->year - ((const struct facet *)b)->year;
}

static void build_year_facets(struct view *v)
{
    size_t cap = 0;
    free_facets(v->years, v->n_years);
    v->years = NULL;
    v->n_years = 0;
    struct facet *all = facet_add(&v->years, &v->n_years, &cap);
    all->label = strdup(_("All years"));
    /* The years the selected plan(s) have, counted under the lead filter. */
    for (size_t i = 0; i < v->m->n_rows; i++) {
        const struct model_row *r = &v->m->rows[i];
        if (!by_plan(v, r->t))
            continue;
        size_t k;
        for (k = 1; k < v->n_years; k++)
            if (v->years[k].year == r->t->year)
                break;
        if (k == v->n_years) {
            struct facet *e = facet_add(&v->years, &v->n_years, &cap);
            e->year = r->t->year;
        }
        if (by_lead(v, r->t)) {
            facet_count(&v->years[0], r);
            facet_count(&v->years[k], r);
        }
    }
    if (v->year) { /* keep the active year listed even when it is empty */
        size_t k;
        for (k = 1; k < v->n_years && v->years[k].year != v->year; k++)
            ;
        if (k == v->n_years)
            facet_add(&v->years, &v->n_years, &cap)->year = v->year;
    }
    qsort(v->years + 1, v->n_years - 1, sizeof *v->years, cmp_year);
    for (size_t k = 1; k < v->n_years; k++) {
        char buf[16];
        snprintf(buf, sizeof buf, "%d", v->years[k].year);
        v->years[k].label = strdup(buf);
    }
}

static int cmp_lead(const void *a, const void *b)
{
    const struct facet *x = a, *y = b;
    if (x->count != y->count)
        return y->count - x->count;
    return strcoll(x->key, y->key);
}

static void build_lead_facets(struct view *v)
{
    size_t cap = 0;
    free_facets(v->leads, v->n_leads);
    v->leads = NULL;
    v->n_leads = 0;
    struct facet *all = facet_add(&v->leads, &v->n_leads, &cap);
    all->label = strdup(_("All agencies"));
    for (size_t i = 0; i < v->m->n_rows; i++) {
        const struct model_row *r = &v->m->rows[i];
        if (!by_plan(v, r->t) || !by_year(v, r->t))
            continue;
        const char *name = target_lead(r->t)->name;
        size_t k;
        /* Few agencies per selection: a linear search is enough. */
        for (k = 1; k < v->n_leads; k++)
            if (strcmp(v->leads[k].key, name) == 0)
                break;
        if (k == v->n_leads) {
            struct facet *e = facet_add(&v->leads, &v->n_leads, &cap);
            e->key = strdup(name);
            e->label = strdup(name);
        }
        facet_count(&v->leads[0], r);
        facet_count(&v->leads[k], r);
    }
    if (v->lead) {
        size_t k;
        for (k = 1; k < v->n_leads && strcmp(v->leads[k].key, v->lead); k++)
            ;
        if (k == v->n_leads) {
            struct facet *e = facet_add(&v->leads, &v->n_leads, &cap);
            e->key = strdup(v->lead);
            e->label = strdup(v->lead);
        }
    }
    qsort(v->leads + 1, v->n_leads - 1, sizeof *v->leads, cmp_lead);
}

static const struct model_row *sort_rows_base;
static enum sort_order sort_rows_order;

static int cmp_severity(const struct model_row *a, const struct model_row *b)
{
    return (int)a->st.code - (int)b->st.code;
}

static int cmp_rows(const void *pa, const void *pb)
{
    size_t ia = *(const size_t *)pa, ib = *(const size_t *)pb;
    const struct model_row *a = &sort_rows_base[ia], *b = &sort_rows_base[ib];
    int c = 0;
    switch (sort_rows_order) {
    case SORT_SEVERITY:
        c = cmp_severity(a, b);
        if (!c)
            c = a->t->year - b->t->year;
        break;
    case SORT_YEAR:
        c = a->t->year - b->t->year;
        if (!c)
            c = cmp_severity(a, b);
        break;
    case SORT_AGENCY:
        c = strcoll(target_lead(a->t)->name, target_lead(b->t)->name);
        if (!c)
            c = cmp_severity(a, b);
        break;
    case SORT_INDICATOR:
        c = strcoll(a->t->indicator, b->t->indicator);
        break;
    case SORT_COUNT:
        break;
    }
    /* Ties keep the plan files' order, so the list never jumps. */
    return c ? c : (ia > ib) - (ia < ib);
}

void view_rebuild(struct view *v)
{
    free(v->rows);
    v->rows = calloc(v->m->n_rows ? v->m->n_rows : 1, sizeof *v->rows);
    v->n_rows = 0;
    memset(v->counts, 0, sizeof v->counts);
    for (size_t i = 0; v->rows && i < v->m->n_rows; i++) {
        const struct model_row *r = &v->m->rows[i];
        if (by_plan(v, r->t) && by_year(v, r->t) && by_lead(v, r->t)) {
            v->rows[v->n_rows++] = i;
            v->counts[r->st.code]++;
        }
    }
    sort_rows_base = v->m->rows;
    sort_rows_order = v->sort;
    if (v->n_rows)
        qsort(v->rows, v->n_rows, sizeof *v->rows, cmp_rows);
    build_plan_facets(v);
    build_year_facets(v);
    build_lead_facets(v);
}

/* ASCII letters folded to lower case; everything else as is. */
static void fold(char *s)
{
    for (; *s; s++)
        if (*s >= 'A' && *s <= 'Z')
            *s = (char)(*s - 'A' + 'a');
}

/* Append s to the text being built at *p, after a separator (\x1f) so
 * that a match never spans two fields. */
static void put_field(char **p, const char *s, bool first)
{
    if (!first)
        *(*p)++ = '\x1f';
    size_t n = strlen(s);
    memcpy(*p, s, n);
    *p += n;
}

static char *haystack_of(struct arena *mem, const struct target *t)
{
    const struct agency *lead = target_lead(t);
    size_t len = strlen(t->indicator) + strlen(t->quote) + strlen(t->id) +
                 strlen(t->plan->id) + strlen(lead->name) + 8;
    for (size_t i = 0; i < lead->n_aliases; i++)
        len += strlen(lead->aliases[i]) + 1;
    for (size_t i = 0; i < t->n_support; i++)
        len += strlen(t->plan->agencies[t->support[i]].name) + 1;
    char *h = arena_alloc(mem, len);
    if (!h)
        return NULL;
    char *p = h;
    put_field(&p, t->indicator, true);
    put_field(&p, t->quote, false);
    put_field(&p, t->plan->id, false);
    *p++ = '/';
    put_field(&p, t->id, true);
    put_field(&p, lead->name, false);
    for (size_t i = 0; i < lead->n_aliases; i++)
        put_field(&p, lead->aliases[i], false);
    for (size_t i = 0; i < t->n_support; i++)
        put_field(&p, t->plan->agencies[t->support[i]].name, false);
    *p = '\0';
    fold(h);
    return h;
}

void view_prepare_search(struct view *v)
{
    if (v->haystack)
        return;
    v->haystack = calloc(v->m->n_rows ? v->m->n_rows : 1, sizeof *v->haystack);
    if (!v->haystack)
        return;
    v->n_haystack = v->m->n_rows;
    for (size_t r = 0; r < v->m->n_rows; r++)
        v->haystack[r] = haystack_of(&v->haystack_mem, v->m->rows[r].t);
}

/* Whether listed row i holds q, already folded. */
static bool holds(const struct view *v, size_t i, const char *q)
{
    const char *h = v->haystack[v->rows[i]];
    return h && strstr(h, q) != NULL;
}

bool view_row_matches(struct view *v, size_t i, const char *query)
{
    if (!*query || i >= v->n_rows)
        return false;
    view_prepare_search(v);
    if (!v->haystack)
        return false;
    char q[512];
    snprintf(q, sizeof q, "%s", query);
    fold(q);
    return holds(v, i, q);
}

long view_find(struct view *v, const char *query, size_t from, int dir)
{
    if (!v->n_rows || !*query)
        return -1;
    view_prepare_search(v);
    if (!v->haystack)
        return -1;
    char q[512];
    snprintf(q, sizeof q, "%s", query);
    fold(q);
    for (size_t k = 0; k < v->n_rows; k++) {
        size_t i =
            (from + v->n_rows + (dir > 0 ? k : v->n_rows - k)) % v->n_rows;
        if (holds(v, i, q))
            return (long)i;
    }
    return -1;
}

long view_position(const struct view *v, const struct model_row *r)
{
    for (size_t i = 0; i < v->n_rows; i++)
        if (&v->m->rows[v->rows[i]] == r)
            return (long)i;
    return -1;
}
