/* The report model: the selection of a model, its agencies and plans with
 * their counts, what needs attention, coverage, and the changes since a
 * date. Statuses come from the model; nothing is judged here. */
#include "plantrack/report.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plantrack/i18n.h"

static const char *const FORMAT_NAMES[] = {"html", "xlsx", "md"};

int report_format_parse(const char *s)
{
    for (int i = 0; i < 3; i++)
        if (strcmp(s, FORMAT_NAMES[i]) == 0)
            return i;
    if (strcmp(s, "markdown") == 0)
        return REPORT_MD;
    return -1;
}

const char *report_format_name(enum report_format f)
{
    return FORMAT_NAMES[f];
}

int report_format_of_path(const char *path)
{
    const char *dot = strrchr(path, '.');
    if (!dot || strchr(dot, '/'))
        return -1;
    if (strcasecmp(dot + 1, "htm") == 0)
        return REPORT_HTML;
    for (int i = 0; i < 3; i++)
        if (strcasecmp(dot + 1, FORMAT_NAMES[i]) == 0)
            return i;
    return -1;
}

bool report_row_attention(const struct model_row *row)
{
    enum light l = status_light(&row->st);
    return l == LIGHT_RED || l == LIGHT_YELLOW;
}

static enum report_part part_of(const struct target *t)
{
    if (t->plan->draft)
        return PART_DRAFT;
    return t->deferred ? PART_DEFERRED : PART_MAIN;
}

static void count(struct report_counts *c, const struct report_item *it)
{
    c->total++;
    c->status[it->row->st.code]++;
    c->light[it->light]++;
    c->attention += it->attention;
    c->recent += it->recent;
    c->stale += it->stale;
    c->none += !it->row->sum.has_latest;
}

/* Twelve months up to as-of, the day after the same date a year before. */
static struct pt_date recent_from(struct pt_date as_of)
{
    struct pt_date d = {as_of.y - 1, as_of.m, as_of.d};
    if (!date_valid(d.y, d.m, d.d)) /* 29 February */
        d.d = 28;
    return date_from_days(date_days(d) + 1);
}

static int select_items(struct report *r, const struct model *m)
{
    r->items = calloc(m->n_rows ? m->n_rows : 1, sizeof *r->items);
    if (!r->items)
        return -1;
    for (size_t i = 0; i < m->n_rows; i++) {
        const struct model_row *row = &m->rows[i];
        if (r->opt.rows ? !r->opt.rows[i]
                        : !model_row_matches(row, &r->opt.filter))
            continue;
        struct report_item *it = &r->items[r->n_items++];
        it->row = row;
        it->part = part_of(row->t);
        it->light = status_light(&row->st);
        it->attention = report_row_attention(row);
        it->agency = SIZE_MAX;
        if (row->sum.has_latest) {
            it->recent = date_cmp(row->sum.latest.date, r->recent_from) >= 0;
            it->stale = !it->recent;
        }
        if (it->part == PART_MAIN) {
            count(&r->total, it);
            r->n_attention += it->attention;
        } else if (it->part == PART_DEFERRED) {
            r->n_deferred++;
        } else {
            r->n_draft++;
        }
    }
    return 0;
}

static char *group_label(const struct report *r, const struct plan *p,
                         const struct agency *a)
{
    char *s = NULL;
    const char *plan = *p->short_name ? p->short_name : p->id;
    int n = r->n_plans > 1 ? asprintf(&s, "%s %s", plan, a->name)
                           : asprintf(&s, "%s", a->name);
    return n < 0 ? NULL : s;
}

/* Items of a group: attention first, then by status, then in plan order. */
static const struct report *sort_report;

static int by_urgency(const void *a, const void *b)
{
    const struct report_item *x = &sort_report->items[*(const size_t *)a];
    const struct report_item *y = &sort_report->items[*(const size_t *)b];
    if (x->attention != y->attention)
        return x->attention ? -1 : 1;
    if (x->row->st.code != y->row->st.code)
        return (int)x->row->st.code - (int)y->row->st.code;
    return (x > y) - (x < y);
}

static int add_group(struct report_group **v, size_t *n, const struct plan *p,
                     const struct agency *a, char *label)
{
    struct report_group *g = realloc(*v, (*n + 1) * sizeof *g);
    if (!g || !label) {
        free(label);
        if (g)
            *v = g;
        return -1;
    }
    *v = g;
    g[*n] = (struct report_group){.plan = p, .agency = a, .label = label};
    (*n)++;
    return 0;
}

static int group_push(struct report_group *g, size_t item)
{
    size_t *v = realloc(g->items, (g->n_items + 1) * sizeof *v);
    if (!v)
        return -1;
    g->items = v;
    g->items[g->n_items++] = item;
    return 0;
}

/* The agencies of one plan's items [lo, hi) that lead main items, in the
 * plan's order. */
static int make_agencies(struct report *r, struct report_group *pg, size_t lo,
                         size_t hi)
{
    const struct plan *p = pg->plan;
    size_t *group_of = calloc(p->n_agencies + 1, sizeof *group_of);
    if (!group_of)
        return -1;
    for (size_t i = lo; i < hi; i++)
        if (r->items[i].part == PART_MAIN)
            group_of[r->items[i].row->t->lead] = 1;
    int rc = 0;
    for (size_t a = 0; a < p->n_agencies && rc == 0; a++) {
        if (!group_of[a])
            continue;
        group_of[a] = r->n_agencies;
        rc = add_group(&r->agencies, &r->n_agencies, p, &p->agencies[a],
                       group_label(r, p, &p->agencies[a]));
    }
    for (size_t i = lo; i < hi && rc == 0; i++) {
        struct report_item *it = &r->items[i];
        if (it->part != PART_MAIN)
            continue;
        it->agency = group_of[it->row->t->lead];
        struct report_group *g = &r->agencies[it->agency];
        rc = group_push(g, i) < 0 || group_push(pg, i) < 0 ? -1 : 0;
        count(&g->counts, it);
        count(&pg->counts, it);
    }
    free(group_of);
    return rc;
}

static void sort_groups(const struct report *r, struct report_group *g,
                        size_t n)
{
    sort_report = r;
    for (size_t i = 0; i < n; i++)
        qsort(g[i].items, g[i].n_items, sizeof(size_t), by_urgency);
    sort_report = NULL;
}

/* The plans with main items, then the agencies of each. Items are in plan
 * order, so each plan's items are one run. */
static int make_groups(struct report *r)
{
    for (size_t i = 0; i < r->n_items; i++) {
        const struct plan *p = r->items[i].row->t->plan;
        if (r->items[i].part != PART_MAIN ||
            (r->n_plans && r->plans[r->n_plans - 1].plan == p))
            continue;
        char *label = strdup(*p->short_name ? p->short_name : p->id);
        if (add_group(&r->plans, &r->n_plans, p, NULL, label) < 0)
            return -1;
    }
    size_t lo = 0;
    for (size_t k = 0; k < r->n_plans; k++) {
        const struct plan *p = r->plans[k].plan;
        while (r->items[lo].row->t->plan != p)
            lo++;
        size_t hi = lo;
        while (hi < r->n_items && r->items[hi].row->t->plan == p)
            hi++;
        if (make_agencies(r, &r->plans[k], lo, hi) < 0)
            return -1;
        lo = hi;
    }
    sort_groups(r, r->agencies, r->n_agencies);
    sort_groups(r, r->plans, r->n_plans);
    return 0;
}

static int by_year(const void *a, const void *b)
{
    const struct report_group *x = a, *y = b;
    return (x->year > y->year) - (x->year < y->year);
}

/* The milestone years of the main items, earliest first. */
static int make_years(struct report *r)
{
    for (size_t i = 0; i < r->n_items; i++) {
        const struct report_item *it = &r->items[i];
        if (it->part != PART_MAIN)
            continue;
        size_t g = 0;
        while (g < r->n_years && r->years[g].year != it->row->t->year)
            g++;
        if (g == r->n_years) {
            char *label = NULL;
            if (asprintf(&label, i18n_pgettext(NC_("year", "%d")),
                         it->row->t->year) < 0)
                label = NULL;
            if (add_group(&r->years, &r->n_years, NULL, NULL, label) < 0)
                return -1;
            r->years[g].year = it->row->t->year;
        }
        if (group_push(&r->years[g], i) < 0)
            return -1;
        count(&r->years[g].counts, it);
    }
    if (r->n_years)
        qsort(r->years, r->n_years, sizeof *r->years, by_year);
    sort_groups(r, r->years, r->n_years);
    return 0;
}

static int push_change(struct report *r, const struct report_change *c)
{
    struct report_change *v =
        realloc(r->changes, (r->n_changes + 1) * sizeof *v);
    if (!v)
        return -1;
    r->changes = v;
    r->changes[r->n_changes++] = *c;
    return 0;
}

/* The chart of an attention item: its numeric current observations. */
/* A date of the log, which the reader has checked is YYYY-MM-DD: read
 * digit by digit, as a chart reads hundreds of thousands of them. */
static struct pt_date log_date(const char *s)
{
    int v[8], k = 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7)
            v[k++] = s[i] - '0';
    return (struct pt_date){.y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3],
                            .m = v[4] * 10 + v[5],
                            .d = v[6] * 10 + v[7]};
}

static int add_point(void *ctx, const struct obs_brief *o)
{
    struct report_item *it = ctx;
    if (!o->has_value)
        return 0;
    struct pt_date d = log_date(o->date);
    if (it->n_points % 32 == 0) {
        struct report_point *v =
            realloc(it->points, (it->n_points + 32) * sizeof *v);
        if (!v)
            return 1;
        it->points = v;
    }
    it->points[it->n_points++] = (struct report_point){d, o->value};
    return 0;
}

static int read_items(struct report *r, struct pt_error *err)
{
    struct log_reader *rd;
    char as_of[11];
    int rc = 0;
    date_format(r->m->as_of, as_of);
    if (log_reader_open(r->m->log, as_of, &rd, err) < 0)
        return -1;
    for (size_t i = 0; i < r->n_items && rc == 0; i++) {
        struct report_item *it = &r->items[i];
        const struct target *t = it->row->t;
        if (!it->row->sum.has_latest)
            continue;
        rc = log_reader_provenance(rd, it->row->sum.latest_seq, &it->source,
                                   &it->author, err);
        if (rc == 0 && r->opt.charts && it->attention && t->cmp != CMP_DONE)
            rc = log_reader_series(rd, t->plan->id, t->id, add_point, it, err);
    }
    log_reader_close(rd);
    return rc;
}

struct since_ctx {
    struct report *r;
    size_t *item_of_row; /* SIZE_MAX: not selected */
    bool failed;
};

static char *dup_text(const char *s)
{
    return strdup(s ? s : "");
}

/* What was recorded since --since for a selected target, dated on or
 * before as-of (what this report's statuses count). */
static int on_recorded(void *ctx, const struct obs *o)
{
    struct since_ctx *c = ctx;
    struct report *r = c->r;
    struct model_row *row =
        model_find((struct model *)r->m, o->plan, o->target);
    struct pt_date d;
    char err[80];
    if (!row || c->item_of_row[row - r->m->rows] == SIZE_MAX ||
        text_parse_date(o->date, &d, err, sizeof err) < 0 ||
        date_cmp(d, r->m->as_of) > 0)
        return 0;
    struct report_change ch = {.kind = *o->corrects ? CHANGE_CORRECTION
                                                    : CHANGE_FIGURE,
                               .item = c->item_of_row[row - r->m->rows],
                               .ob = *o};
    struct obs *ob = &ch.ob;
    ob->plan = dup_text(o->plan), ob->target = dup_text(o->target);
    ob->state = dup_text(o->state), ob->unit = dup_text(o->unit);
    ob->source = dup_text(o->source), ob->note = dup_text(o->note);
    ob->author = dup_text(o->author), ob->host = dup_text(o->host);
    ob->corrects = dup_text(o->corrects);
    if (push_change(r, &ch) < 0) {
        obs_clear(ob);
        c->failed = true;
        return 1;
    }
    return 0;
}

static int read_since(struct report *r, struct pt_error *err)
{
    time_t from = date_local_start(r->opt.since);
    struct tm tm;
    char utc[32];
    gmtime_r(&from, &tm);
    strftime(utc, sizeof utc, "%Y-%m-%dT%H:%M:%S", &tm);
    struct since_ctx c = {r, malloc((r->m->n_rows + 1) * sizeof(size_t)),
                          false};
    if (!c.item_of_row)
        return pt_fail(err, PT_EENV, "out of memory");
    for (size_t i = 0; i < r->m->n_rows; i++)
        c.item_of_row[i] = SIZE_MAX;
    for (size_t i = 0; i < r->n_items; i++)
        c.item_of_row[r->items[i].row - r->m->rows] = i;
    int rc = log_recorded_since(r->m->log, utc, on_recorded, &c, err);
    free(c.item_of_row);
    if (rc == 0 && c.failed)
        rc = pt_fail(err, PT_EENV, "out of memory");
    return rc;
}

/* By target (in report order); a target's status change first, then its
 * figures and corrections in the order they were recorded. */
static const struct report *change_report;

/* Where an item comes in the report: under its agency, or apart after. */
static size_t item_rank(const struct report *r, size_t item)
{
    const struct report_item *it = &r->items[item];
    return it->part == PART_MAIN ? it->agency : r->n_agencies;
}

static int by_item(const void *a, const void *b)
{
    const struct report_change *x = a, *y = b;
    size_t rx = item_rank(change_report, x->item);
    size_t ry = item_rank(change_report, y->item);
    if (rx != ry)
        return rx < ry ? -1 : 1;
    if (x->item != y->item)
        return x->item < y->item ? -1 : 1;
    if ((x->kind == CHANGE_STATUS) != (y->kind == CHANGE_STATUS))
        return x->kind == CHANGE_STATUS ? -1 : 1;
    int c = strcmp(x->ob.recorded_at, y->ob.recorded_at);
    return c ? c : (x->ob.seq > y->ob.seq) - (x->ob.seq < y->ob.seq);
}

static int status_changes(struct report *r, const int *then)
{
    for (size_t i = 0; i < r->n_items; i++) {
        struct report_item *it = &r->items[i];
        int was = then[it->row - r->m->rows];
        if (was < 0)
            continue;
        it->has_then = true;
        it->then = (enum status_code)was;
        if (it->then == it->row->st.code)
            continue;
        struct report_change c = {.kind = CHANGE_STATUS,
                                  .item = i,
                                  .from = it->then,
                                  .to = it->row->st.code};
        if (push_change(r, &c) < 0)
            return -1;
    }
    return 0;
}

int *report_then(struct model *m, struct pt_date since, struct pt_error *err)
{
    struct pt_date as_of = m->as_of;
    int *then = malloc((m->n_rows + 1) * sizeof *then);
    if (!then) {
        pt_fail(err, PT_EENV, "out of memory");
        return NULL;
    }
    m->as_of = since;
    int rc = model_refresh(m, err);
    for (size_t i = 0; i < m->n_rows; i++)
        then[i] = (int)m->rows[i].st.code;
    m->as_of = as_of;
    if (rc == 0)
        rc = model_refresh(m, err);
    if (rc < 0) {
        free(then);
        return NULL;
    }
    return then;
}

int report_build(struct report *r, const struct model *m, const int *then,
                 const struct report_options *opt, struct pt_error *err)
{
    memset(r, 0, sizeof *r);
    r->m = m;
    r->opt = *opt;
    r->recent_from = recent_from(m->as_of);
    if (select_items(r, m) < 0 || make_groups(r) < 0 || make_years(r) < 0)
        return pt_fail(err, PT_EENV, "out of memory");
    struct pt_error herr;
    r->has_head = log_head(m->log, r->head, &r->head_rows, &herr) == 0;
    if (!r->has_head)
        snprintf(r->head_note, sizeof r->head_note, "%s", herr.msg);
    if (r->opt.details && read_items(r, err) < 0)
        return -1;
    if (r->opt.has_since && read_since(r, err) < 0)
        return -1;
    if (then && r->opt.has_since && status_changes(r, then) < 0)
        return pt_fail(err, PT_EENV, "out of memory");
    change_report = r;
    if (r->n_changes)
        qsort(r->changes, r->n_changes, sizeof *r->changes, by_item);
    change_report = NULL;
    return 0;
}

static void free_groups(struct report_group *g, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(g[i].label);
        free(g[i].items);
    }
    free(g);
}

void report_free(struct report *r)
{
    for (size_t i = 0; i < r->n_items; i++) {
        free(r->items[i].source);
        free(r->items[i].author);
        free(r->items[i].points);
    }
    free(r->items);
    free_groups(r->agencies, r->n_agencies);
    free_groups(r->plans, r->n_plans);
    free_groups(r->years, r->n_years);
    for (size_t i = 0; i < r->n_changes; i++)
        if (r->changes[i].kind != CHANGE_STATUS)
            obs_clear(&r->changes[i].ob);
    free(r->changes);
    memset(r, 0, sizeof *r);
}

/* The comparators as a document writes them (the terminal keeps ASCII). */
static void statement(const struct target *t, char *buf, size_t len)
{
    static const char *const SIGN[] = {[CMP_GE] = "\u2265",
                                       [CMP_GT] = ">",
                                       [CMP_LE] = "\u2264",
                                       [CMP_LT] = "<"};
    char vu[160];
    if (t->cmp > CMP_LT) {
        target_statement(t, buf, len);
        return;
    }
    unit_format(t->value, t->unit, vu, sizeof vu);
    snprintf(buf, len, "%s %s%s", SIGN[t->cmp], t->approximate ? "~" : "", vu);
}

static void join(char *buf, size_t len, const char *sep, const char *s)
{
    size_t n = strlen(buf);
    if (n < len)
        snprintf(buf + n, len - n, "%s%s", n ? sep : "", s);
}

/* Four significant digits: a computed value read at a meeting, not a
 * figure someone recorded. */
static double significant(double v)
{
    if (v == 0 || !isfinite(v))
        return v;
    double mag = pow(10, floor(log10(fabs(v))) - 3);
    return round(v / mag) * mag;
}

/* 序时进度 as the engine gives it: where the straight path from the
 * baseline stands at the latest figure's date, whether the figure is ahead
 * or behind it, and what change a year is still needed. "" without one. */
static void item_schedule(const struct report_item *it, char *buf, size_t len)
{
    const struct status *st = &it->row->st;
    const struct target *t = it->row->t;
    char at[160], need[160];
    buf[0] = '\0';
    if (isfinite(st->schedule_at_latest) && st->schedule != SCHEDULE_NONE) {
        target_value_phrase(t, significant(st->schedule_at_latest), at,
                            sizeof at);
        snprintf(buf, len,
                 st->schedule == SCHEDULE_BEHIND
                     ? _("behind: the schedule stood at %s on the latest "
                         "figure's date")
                     : _("ahead: the schedule stood at %s on the latest "
                         "figure's date"),
                 at);
    }
    if (isfinite(st->required_annual_change)) {
        double v = significant(st->required_annual_change);
        /* A change target's change in words (fall / rise); a level's
         * direction said the same way. */
        if (comparator_relative(t->cmp)) {
            target_value_phrase(t, v, need, sizeof need);
        } else {
            unit_format(fabs(v), t->unit, at, sizeof at);
            snprintf(need, sizeof need, v < 0 ? _("fall %s") : _("rise %s"),
                     at);
        }
        snprintf(at, sizeof at, _("still needed: %s a year to the deadline"),
                 need);
        join(buf, len, i18n_pgettext(NC_("marks", "; ")), at);
    }
}

void report_item_facts(const struct report_item *it, struct report_facts *f)
{
    const struct target *t = it->row->t;
    const char *list_sep = i18n_pgettext(NC_("list", ", "));
    const char *mark_sep = i18n_pgettext(NC_("marks", "; "));
    snprintf(f->ref, sizeof f->ref, "%s/%s", t->plan->id, t->id);
    statement(t, f->statement, sizeof f->statement);
    if (it->row->sum.has_latest)
        model_row_latest(it->row, f->latest, sizeof f->latest);
    else
        snprintf(f->latest, sizeof f->latest, "%s", _("none recorded"));
    f->date[0] = '\0';
    if (it->row->sum.has_latest)
        date_format(it->row->sum.latest.date, f->date);
    status_explain(t, &it->row->st, f->why, sizeof f->why);
    f->support[0] = f->marks[0] = '\0';
    for (size_t i = 0; i < t->n_support; i++)
        join(f->support, sizeof f->support, list_sep,
             t->plan->agencies[t->support[i]].name);
    if (t->firmness == STRIVING)
        join(f->marks, sizeof f->marks, mark_sep, _("striving target (力争)"));
    if (t->deferred)
        join(f->marks, sizeof f->marks, mark_sep,
             _("defers to the figure set by a higher level"));
    if (t->lead_inferred)
        join(f->marks, sizeof f->marks, mark_sep,
             _("inferred: the plan text names no lead agency for this "
               "target"));
    if (t->year_inferred)
        join(f->marks, sizeof f->marks, mark_sep,
             _("inferred: the year comes from the context of the text"));
    if (t->approximate)
        join(f->marks, sizeof f->marks, mark_sep,
             _("approximate: the text says 约 or 左右"));
    if (it->row->st.y0_from_obs)
        join(f->marks, sizeof f->marks, mark_sep,
             _("inferred: the plan gives no baseline value; the first figure "
               "serves as one"));
    item_schedule(it, f->schedule, sizeof f->schedule);
}

void report_change_record(const struct report *r, const struct report_change *c,
                          struct report_record *out)
{
    const struct target *t = r->items[c->item].row->t;
    time_t at;
    if (c->ob.has_value)
        unit_format(c->ob.value, t->unit, out->value, sizeof out->value);
    else
        snprintf(out->value, sizeof out->value, "%s",
                 obs_state_label(obs_state_parse(c->ob.state)));
    if (time_parse_utc(c->ob.recorded_at, &at))
        time_local_minute(at, out->when, sizeof out->when);
    else
        snprintf(out->when, sizeof out->when, "%.16s", c->ob.recorded_at);
}

const enum light REPORT_LIGHTS[LIGHT_COUNT] = {LIGHT_RED, LIGHT_YELLOW,
                                               LIGHT_GREEN, LIGHT_NONE};

const char *report_light_word(enum light l)
{
    return l == LIGHT_NONE ? i18n_pgettext(NC_("light column", "none"))
                           : light_label(l);
}

void report_head_text(const struct report *r, char *buf, size_t len)
{
    if (r->has_head)
        snprintf(buf, len, _("%s (%lld rows)"), r->head,
                 (long long)r->head_rows);
    else
        snprintf(buf, len, _("not available: %s"), r->head_note);
}

int report_statuses(const struct report *r, enum status_code *out)
{
    int n = 0;
    for (int s = 0; s < ST_COUNT; s++)
        if (r->total.status[s])
            out[n++] = (enum status_code)s;
    return n;
}

void report_selection(const struct report *r, char *buf, size_t len)
{
    const struct model_filter *f = &r->opt.filter;
    const char *sep = i18n_pgettext(NC_("selection", " · "));
    size_t n = 0;
    buf[0] = '\0';
    if (r->opt.rows) {
        snprintf(buf, len, "%s",
                 r->opt.selection && *r->opt.selection ? r->opt.selection
                                                       : _("all targets"));
        return;
    }
#define ADD(...)                                                               \
    do {                                                                       \
        if (n < len)                                                           \
            n += (size_t)snprintf(buf + n, len - n, __VA_ARGS__);              \
    } while (0)
    if (f->plan) {
        const struct plan *p = plan_set_find_plan(&r->m->plans, f->plan);
        ADD("%s%s", n ? sep : "",
            p && *p->short_name ? p->short_name
            : p                 ? p->title
                                : f->plan);
    }
    if (f->year)
        ADD(_("%stargets due in %d"), n ? sep : "", f->year);
    if (f->lead)
        ADD(_("%slead: %s"), n ? sep : "", f->lead);
    if (f->statuses) {
        ADD(_("%sstatus: "), n ? sep : "");
        const char *comma = "";
        for (int s = 0; s < ST_COUNT; s++)
            if (f->statuses & (1u << s)) {
                ADD("%s%s", comma, status_label((enum status_code)s));
                comma = i18n_pgettext(NC_("status counts", ", "));
            }
    }
    if (!n)
        ADD("%s", _("all targets"));
#undef ADD
}

/* A file name part: what could not be in a name (or would hide the file)
 * becomes '_'. Chinese stays, so that an agency's report carries its
 * name. */
static void name_part(char *buf, size_t len, size_t *n, const char *s)
{
    if (*n + 1 < len)
        buf[(*n)++] = '-';
    for (const char *p = s; *p && *n + 1 < len; p++) {
        unsigned char c = (unsigned char)*p;
        bool bad = c < 0x20 || c == 0x7f || strchr("/\\:*?\"<>| .", c);
        buf[(*n)++] = bad ? '_' : (char)c;
    }
    buf[*n] = '\0';
}

void report_default_name(const struct report_options *opt, struct pt_date as_of,
                         enum report_format f, char *buf, size_t len)
{
    char date[11], year[8];
    size_t n;
    date_format(as_of, date);
    n = (size_t)snprintf(buf, len, "plantrack-%s", date);
    if (n >= len)
        n = len - 1;
    if (opt->filter.plan)
        name_part(buf, len, &n, opt->filter.plan);
    if (opt->filter.year) {
        snprintf(year, sizeof year, "%d", opt->filter.year);
        name_part(buf, len, &n, year);
    }
    if (opt->filter.lead)
        name_part(buf, len, &n, opt->filter.lead);
    /* Keep the name short enough for any file system, whole characters. */
    size_t keep = text_fit(buf, 120);
    buf[keep] = '\0';
    n = strlen(buf);
    snprintf(buf + n, len - n, ".%s", report_format_name(f));
}

static int render(const struct report *r, enum report_format f, FILE *out,
                  struct pt_error *err)
{
    return f == REPORT_HTML ? report_html(r, out, err) : report_md(r, out, err);
}

/* A temporary file beside path, readable as the umask allows (mkstemp
 * makes it private). */
static int temp_beside(const char *path, char **tmp, struct pt_error *err)
{
    if (asprintf(tmp, "%s.XXXXXX", path) < 0)
        return pt_fail(err, PT_EENV, "out of memory");
    int fd = mkstemp(*tmp);
    if (fd < 0) {
        int e = errno;
        free(*tmp);
        *tmp = NULL;
        return pt_fail(err, PT_EENV, _("cannot write %s: %s"), path,
                       strerror(e));
    }
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    close(fd);
    return 0;
}

int report_write(const struct report *r, enum report_format f, const char *path,
                 struct pt_error *err)
{
    if (strcmp(path, "-") == 0) {
        if (f == REPORT_XLSX)
            return pt_fail(err, PT_EUSER,
                           _("a workbook cannot go to standard output: give "
                             "-o FILE.xlsx"));
        if (render(r, f, stdout, err) < 0)
            return -1;
        return fflush(stdout) == 0
                   ? 0
                   : pt_fail(err, PT_EENV, _("cannot write the report: %s"),
                             strerror(errno));
    }
    char *tmp;
    if (temp_beside(path, &tmp, err) < 0)
        return -1;
    int rc;
    if (f == REPORT_XLSX) {
        rc = report_xlsx(r, tmp, err);
    } else {
        FILE *out = fopen(tmp, "w");
        rc = out ? render(r, f, out, err) : -1;
        if (out && (fflush(out) != 0 || fsync(fileno(out)) != 0) && rc == 0)
            rc = pt_fail(err, PT_EENV, _("cannot write %s: %s"), path,
                         strerror(errno));
        if (out && fclose(out) != 0 && rc == 0)
            rc = pt_fail(err, PT_EENV, _("cannot write %s: %s"), path,
                         strerror(errno));
        if (!out)
            pt_fail(err, PT_EENV, _("cannot write %s: %s"), path,
                    strerror(errno));
    }
    if (rc == 0 && rename(tmp, path) != 0)
        rc = pt_fail(err, PT_EENV, _("cannot write %s: %s"), path,
                     strerror(errno));
    if (rc != 0)
        unlink(tmp);
    free(tmp);
    return rc;
}
