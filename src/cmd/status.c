/* plantrack status: how every target stands, as a table, CSV or JSON. */
#include "plantrack/cmd.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "plantrack/entry.h"
#include "plantrack/i18n.h"
#include "plantrack/report.h"

static void json_status_row(FILE *out, const struct model_row *r)
{
    const struct target *t = r->t;
    const struct status *st = &r->st;
    char why[512], date[11];
    status_explain(t, st, why, sizeof why);
    fputs("  {", out);
    cmd_json_key(out, "plan", true);
    json_string(out, t->plan->id);
    cmd_json_key(out, "target", false);
    json_string(out, t->id);
    cmd_json_key(out, "year", false);
    fprintf(out, "%d", t->year);
    cmd_json_key(out, "indicator", false);
    json_string(out, t->indicator);
    cmd_json_key(out, "comparator", false);
    json_string(out, comparator_name(t->cmp));
    cmd_json_key(out, "value", false);
    json_number(out, t->has_value ? t->value : NAN);
    cmd_json_key(out, "unit", false);
    json_string(out, t->unit);
    cmd_json_key(out, "baseline_year", false);
    if (t->baseline_year)
        fprintf(out, "%d", t->baseline_year);
    else
        fputs("null", out);
    cmd_json_key(out, "baseline_value", false);
    json_number(out, t->has_baseline_value ? t->baseline_value : NAN);
    cmd_json_key(out, "lead", false);
    json_string(out, target_lead(t)->name);
    cmd_json_key(out, "support", false);
    fputc('[', out);
    for (size_t i = 0; i < t->n_support; i++) {
        if (i)
            fputs(", ", out);
        json_string(out, t->plan->agencies[t->support[i]].name);
    }
    fputc(']', out);
    cmd_json_key(out, "status", false);
    json_string(out, status_name(st->code));
    cmd_json_key(out, "light", false);
    json_string(out, light_name(status_light(st)));
    cmd_json_key(out, "method", false);
    json_string(out, status_method_name(st->method));
    cmd_json_key(out, "ratio", false);
    char ratio[64];
    status_format_ratio(t, st, ratio, sizeof ratio);
    fputs(*ratio ? ratio : "null", out);
    cmd_json_key(out, "schedule_value", false);
    json_number(out, st->schedule_value);
    cmd_json_key(out, "schedule_at_latest", false);
    json_number(out, st->schedule_at_latest);
    cmd_json_key(out, "schedule", false);
    if (schedule_name(st->schedule))
        json_string(out, schedule_name(st->schedule));
    else
        fputs("null", out);
    cmd_json_key(out, "required_annual_change", false);
    json_number(out, st->required_annual_change);
    cmd_json_key(out, "data_due", false);
    date_format(st->due, date);
    json_string(out, date);
    cmd_json_key(out, "draft", false);
    fputs(t->plan->draft ? "true" : "false", out);
    cmd_json_key(out, "lead_stated", false);
    fputs(t->lead_inferred ? "false" : "true", out);
    cmd_json_key(out, "year_stated", false);
    fputs(t->year_inferred ? "false" : "true", out);
    cmd_json_key(out, "approximate", false);
    fputs(t->approximate ? "true" : "false", out);
    cmd_json_key(out, "baseline_used", false);
    json_number(out, st->y0);
    cmd_json_key(out, "projected_value", false);
    json_number(out, st->has_projection ? st->projected : NAN);
    cmd_json_key(out, "why", false);
    json_string(out, why);
    cmd_json_key(out, "latest_value", false);
    if (!r->sum.has_latest)
        fputs("null", out);
    else if (r->sum.latest.has_value)
        json_number(out, r->sum.latest.value);
    else
        json_string(out, obs_state_name(r->sum.latest.state));
    cmd_json_key(out, "latest_date", false);
    if (r->sum.has_latest) {
        date_format(r->sum.latest.date, date);
        json_string(out, date);
    } else {
        fputs("null", out);
    }
    cmd_json_key(out, "observations", false);
    fprintf(out, "%d", r->sum.n);
    cmd_json_key(out, "conflict", false);
    fputs(r->conflict ? "true" : "false", out);
    cmd_json_key(out, "firmness", false);
    json_string(out, t->firmness == STRIVING ? "striving" : "firm");
    cmd_json_key(out, "deferred", false);
    fputs(t->deferred ? "true" : "false", out);
    cmd_json_key(out, "domain", false);
    json_string(out, t->domain);
    cmd_json_key(out, "section", false);
    fputc('[', out);
    for (size_t i = 0; i < t->n_sections; i++) {
        if (i)
            fputs(", ", out);
        json_string(out, t->sections[i]);
    }
    fputs("]}", out);
}

static const char *const STATUS_COLUMNS[] = {
    "plan",
    "target",
    "year",
    "indicator",
    "comparator",
    "value",
    "unit",
    "baseline_year",
    "lead",
    "support",
    "status",
    "latest_value",
    "latest_date",
    "observations",
    "projected_value",
    "why",
    "light",
    "schedule_value",
    "schedule",
    "required_annual_change",
    "draft",
    "lead_stated",
    "year_stated",
    "approximate",
};

static void csv_status_row(FILE *out, const struct model_row *r)
{
    const struct target *t = r->t;
    char num[64], year[16], by[16], latest[96], date[11] = "", n[16], proj[64];
    char why[512], support[1024] = "";
    text_format_exact(t->value, num, sizeof num);
    snprintf(year, sizeof year, "%d", t->year);
    snprintf(by, sizeof by, "%d", t->baseline_year);
    for (size_t i = 0; i < t->n_support; i++) {
        size_t used = strlen(support);
        snprintf(support + used, sizeof support - used, "%s%s", i ? "; " : "",
                 t->plan->agencies[t->support[i]].name);
    }
    latest[0] = '\0';
    if (r->sum.has_latest) {
        if (r->sum.latest.has_value)
            text_format_exact(r->sum.latest.value, latest, sizeof latest);
        else
            snprintf(latest, sizeof latest, "%s",
                     obs_state_name(r->sum.latest.state));
        date_format(r->sum.latest.date, date);
    }
    snprintf(n, sizeof n, "%d", r->sum.n);
    proj[0] = '\0';
    if (r->st.has_projection)
        text_format_number(r->st.projected, proj, sizeof proj);
    status_explain(t, &r->st, why, sizeof why);
    char sched[64] = "", req[64] = "";
    if (!isnan(r->st.schedule_value))
        text_format_number(r->st.schedule_value, sched, sizeof sched);
    if (!isnan(r->st.required_annual_change))
        text_format_number(r->st.required_annual_change, req, sizeof req);
    const char *sp = schedule_name(r->st.schedule);
    const char *cells[] = {
        t->plan->id,
        t->id,
        year,
        t->indicator,
        comparator_name(t->cmp),
        t->has_value ? num : "",
        t->unit,
        t->baseline_year ? by : "",
        target_lead(t)->name,
        support,
        status_name(r->st.code),
        latest,
        date,
        n,
        proj,
        why,
        light_name(status_light(&r->st)),
        sched,
        sp ? sp : "",
        req,
        t->plan->draft ? "true" : "false",
        t->lead_inferred ? "false" : "true",
        t->year_inferred ? "false" : "true",
        t->approximate ? "true" : "false",
    };
    for (size_t i = 0; i < sizeof cells / sizeof *cells; i++)
        csv_field(out, cells[i], i + 1 == sizeof cells / sizeof *cells);
}

/* Marks in the table, explained under it: '*' a lead or year inferred
 * (not stated in the text), '~' an approximate value (约/左右, in the
 * statement), "(draft)" a plan not issued. */
static unsigned row_marks(const struct target *t)
{
    return (unsigned)(t->year_inferred || t->lead_inferred) |
           (unsigned)t->approximate << 1 | (unsigned)t->plan->draft << 2 |
           (unsigned)t->deferred << 3;
}

static void table_status_row(struct table *tb, const struct model_row *r)
{
    const struct target *t = r->t;
    char mark[96], year[8], stmt[256], latest[96], date[11] = "-", ref[200];
    char lead[300];
    enum light l = status_light(&r->st);
    /* The light's letter (R/Y/G, 红/黄/绿) leads: it is what a meeting
     * scans for; the status word says why. "#": competing corrections,
     * explained under the table. */
    snprintf(mark, sizeof mark, "%s %s%s", light_short(l),
             status_label(r->st.code), r->conflict ? " #" : "");
    snprintf(year, sizeof year, "%d%s", t->year, t->year_inferred ? "*" : "");
    snprintf(ref, sizeof ref, "%s/%s%s", t->plan->id, t->id,
             t->plan->draft ? _(" (draft)") : "");
    snprintf(lead, sizeof lead, "%s%s", target_lead(t)->name,
             t->lead_inferred ? "*" : "");
    target_statement(t, stmt, sizeof stmt);
    model_row_latest(r, latest, sizeof latest);
    if (r->sum.has_latest)
        date_format(r->sum.latest.date, date);
    const char *cells[] = {mark, year,   ref,  t->indicator,
                           stmt, latest, date, lead};
    table_add(tb, cells);
}

static void print_marks(unsigned marks)
{
    if (marks & 1)
        fputs(_("* inferred: the plan text does not state this lead agency "
                "or year (see the target's note)\n"),
              stdout);
    if (marks & 2)
        fputs(_("~ approximate: the text says 约 or 左右\n"), stdout);
    if (marks & 4)
        fputs(_("(draft): a plan published for comment (征求意见稿), not "
                "issued; its figures are never due\n"),
              stdout);
    if (marks & 8)
        fputs(_("as required from above: a number set by a higher "
                "authority, judged by its recorded state only\n"),
              stdout);
}

/* Plan files that failed to load, where the reader of the output sees
 * them first: above the table, or as the first elements of the JSON. */
static void print_plan_failures(const struct cli_opts *o, const struct model *m)
{
    const struct plan_diags *d = &m->plans.diags;
    if (!m->plans.n_files_failed)
        return;
    if (o->format == FORMAT_TABLE) {
        printf(_("%zu plan file(s) could not be loaded; their targets are "
                 "missing below (run 'plantrack check'):\n"),
               m->plans.n_files_failed);
        for (size_t i = 0; i < d->n; i++)
            cmd_say(stdout, "  %s\n", d->lines[i]);
    }
}

/* ---- status --by: counts per group ---- */

#define BY_MAX_COLS (2 + LIGHT_COUNT + ST_COUNT)

/* The counts of the groups as text, with the width each column needs. */
struct by_table {
    int ncols;
    const char *head[BY_MAX_COLS];
    const char **labels;            /* each row's group */
    char (*cells)[BY_MAX_COLS][16]; /* each row's counts */
    size_t nrows;
    int width[BY_MAX_COLS];
};

static void by_row(struct by_table *b, const char *label,
                   const struct report_counts *c, const enum status_code *cols)
{
    size_t r = b->nrows++;
    b->labels[r] = label;
    snprintf(b->cells[r][1], 16, "%d", c->total);
    for (int i = 0; i < LIGHT_COUNT; i++)
        snprintf(b->cells[r][2 + i], 16, "%d", c->light[REPORT_LIGHTS[i]]);
    for (int i = 2 + LIGHT_COUNT; i < b->ncols; i++)
        snprintf(b->cells[r][i], 16, "%d",
                 c->status[cols[i - 2 - LIGHT_COUNT]]);
}

/* Columns [from, to) after the group's, as one table. */
static void by_block(const struct by_table *b, int from, int to, int width)
{
    /* A long agency name gives up cells before a count goes. */
    static const struct table_fit fit = {.shrink = {{0, 12}}, .n_shrink = 1};
    const char *head[BY_MAX_COLS], *cells[BY_MAX_COLS];
    int n = 1 + to - from;
    head[0] = b->head[0];
    for (int c = from; c < to; c++)
        head[1 + c - from] = b->head[c];
    struct table *t = table_new(n, head, &fit);
    for (int c = 1; c < n; c++)
        table_align_right(t, c);
    for (size_t r = 0; r < b->nrows; r++) {
        cells[0] = b->labels[r];
        for (int c = from; c < to; c++)
            cells[1 + c - from] = b->cells[r][c];
        table_add(t, cells);
    }
    table_print(t, stdout, width);
    table_free(t);
}

/* Columns [from, to)'s cells, each with the two spaces before it. */
static int by_cells_width(const struct by_table *b, int from, int to)
{
    int w = 0;
    for (int c = from; c < to; c++)
        w += 2 + b->width[c];
    return w;
}

/* The group's name and as many count columns as the width holds, then the
 * rest in blocks under it, each led by the name again (as R and pandas
 * print a wide table): every number stays in its column, every status is
 * there, and no line is wider than the terminal. The name has the same
 * width in every block: whole when the widest block leaves room for it,
 * else cut alike everywhere (never below half the width). */
static void by_print(struct by_table *b, int width)
{
    for (int c = 0; c < b->ncols; c++) {
        b->width[c] = text_width(b->head[c]);
        for (size_t r = 0; r < b->nrows; r++) {
            int w = text_width(c ? b->cells[r][c] : b->labels[r]);
            if (w > b->width[c])
                b->width[c] = w;
        }
    }
    if (width <= 0) {
        by_block(b, 1, b->ncols, 0);
        return;
    }
    /* The 督办 table first: the targets and their lights; then the
     * statuses, in as few blocks as the width allows, shared out evenly
     * (no block of one lonely column at the end). */
    int first = 2 + LIGHT_COUNT;
    int widest = by_cells_width(b, 1, first);
    for (int c = first; c < b->ncols; c++)
        if (2 + b->width[c] > widest)
            widest = 2 + b->width[c];
    int group = b->width[0];
    if (group > width - widest)
        group = width - widest > width / 2 ? width - widest : width / 2;
    int lights = group + by_cells_width(b, 1, first);
    by_block(b, 1, first, lights < width ? lights : width);
    int blocks = 1, used = group;
    for (int c = first; c < b->ncols; c++) {
        if (used + 2 + b->width[c] > width && used > group) {
            blocks++;
            used = group;
        }
        used += 2 + b->width[c];
    }
    for (int from = first, k = 0; from < b->ncols; k++) {
        int share = (b->ncols - from + blocks - k - 1) / (blocks - k);
        int to = from;
        used = group;
        while (to < b->ncols && to - from < share &&
               (to == from || used + 2 + b->width[to] <= width))
            used += 2 + b->width[to++];
        fputc('\n', stdout);
        /* As wide as the name's share and these cells: the table cuts
         * the name to that share, as in the other blocks. */
        by_block(b, from, to, used < width ? used : width);
        from = to;
    }
}

/* A sentence on as many lines as the terminal's width needs. */
static void print_wrapped(const char *s, int width)
{
    size_t n = strlen(s), next;
    while (n > 0) {
        size_t take = width > 0 ? text_wrap_n(s, n, width, &next) : n;
        if (width <= 0)
            next = n;
        fwrite(s, 1, take, stdout);
        fputc('\n', stdout);
        s += next;
        n -= next;
    }
}

static const struct report_group *by_groups(const struct report *r,
                                            enum cli_by by, size_t *n)
{
    *n = by == BY_LEAD   ? r->n_agencies
         : by == BY_PLAN ? r->n_plans
                         : r->n_years;
    return by == BY_LEAD ? r->agencies : by == BY_PLAN ? r->plans : r->years;
}

/* --by as CSV or JSON: every light and status by its name, for scripts. */
static void by_data(const struct cli_opts *o, const struct report_group *g,
                    size_t n)
{
    if (o->format == FORMAT_CSV) {
        csv_field(stdout, "group", false);
        csv_field(stdout, "plan", false);
        csv_field(stdout, "targets", false);
        for (int l = 0; l < LIGHT_COUNT; l++)
            csv_field(stdout, light_name(REPORT_LIGHTS[l]), false);
        for (int c = 0; c < ST_COUNT; c++)
            csv_field(stdout, status_name((enum status_code)c),
                      c + 1 == ST_COUNT);
    } else {
        fputs("[\n", stdout);
    }
    for (size_t i = 0; i < n; i++) {
        const struct report_counts *c = &g[i].counts;
        char num[16];
        if (o->format == FORMAT_CSV) {
            csv_field(stdout, g[i].label, false);
            csv_field(stdout, g[i].plan ? g[i].plan->id : "", false);
            snprintf(num, sizeof num, "%d", c->total);
            csv_field(stdout, num, false);
            for (int l = 0; l < LIGHT_COUNT; l++) {
                snprintf(num, sizeof num, "%d", c->light[REPORT_LIGHTS[l]]);
                csv_field(stdout, num, false);
            }
            for (int k = 0; k < ST_COUNT; k++) {
                snprintf(num, sizeof num, "%d", c->status[k]);
                csv_field(stdout, num, k + 1 == ST_COUNT);
            }
            continue;
        }
        fputs(i ? ",\n  {" : "  {", stdout);
        cmd_json_key(stdout, "group", true);
        json_string(stdout, g[i].label);
        cmd_json_key(stdout, "plan", false);
        if (g[i].plan)
            json_string(stdout, g[i].plan->id);
        else
            fputs("null", stdout);
        cmd_json_key(stdout, "targets", false);
        fprintf(stdout, "%d", c->total);
        for (int l = 0; l < LIGHT_COUNT; l++) {
            cmd_json_key(stdout, light_name(REPORT_LIGHTS[l]), false);
            fprintf(stdout, "%d", c->light[REPORT_LIGHTS[l]]);
        }
        for (int k = 0; k < ST_COUNT; k++) {
            cmd_json_key(stdout, status_name((enum status_code)k), false);
            fprintf(stdout, "%d", c->status[k]);
        }
        fputc('}', stdout);
    }
    if (o->format == FORMAT_JSON)
        fputs(n ? "\n]\n" : "]\n", stdout);
}

/* The counts of the report model: the same groups (an agency of each
 * plan), lights and statuses as plantrack report's summary. */
static int status_by(const struct cli_opts *o, const struct model *m,
                     const struct model_filter *filter)
{
    struct report r;
    struct report_options ro = {.filter = *filter};
    struct pt_error err;
    if (report_build(&r, m, NULL, &ro, &err) < 0)
        return cmd_report_err(&err);
    size_t n;
    const struct report_group *g = by_groups(&r, o->by, &n);
    if (o->format != FORMAT_TABLE) {
        by_data(o, g, n);
        report_free(&r);
        return fflush(stdout) == 0 ? 0 : PT_EENV;
    }
    enum status_code cols[ST_COUNT];
    struct by_table b = {.ncols = 2 + LIGHT_COUNT + report_statuses(&r, cols)};
    b.head[0] = o->by == BY_LEAD   ? _("LEAD")
                : o->by == BY_PLAN ? _("PLAN")
                                   : _("YEAR");
    b.head[1] = _("TARGETS");
    for (int i = 0; i < LIGHT_COUNT; i++)
        b.head[2 + i] = report_light_word(REPORT_LIGHTS[i]);
    for (int i = 2 + LIGHT_COUNT; i < b.ncols; i++)
        b.head[i] = status_label(cols[i - 2 - LIGHT_COUNT]);
    b.labels = calloc(n + 1, sizeof *b.labels);
    b.cells = calloc(n + 1, sizeof *b.cells);
    if (!b.labels || !b.cells) {
        free(b.labels);
        free(b.cells);
        report_free(&r);
        return cmd_report_err(
            &(struct pt_error){.code = PT_EENV, .msg = "out of memory"});
    }
    for (size_t i = 0; i < n; i++)
        by_row(&b, g[i].label, &g[i].counts, cols);
    if (n > 1)
        by_row(&b, _("TOTAL"), &r.total, cols);
    by_print(&b, cmd_terminal_width());
    char as_of[11], *line = NULL;
    date_format(m->as_of, as_of);
    if (asprintf(&line,
                 _("%d target(s) as of %s; not counted: %zu deferred, %zu "
                   "of draft plans"),
                 r.total.total, as_of, r.n_deferred, r.n_draft) >= 0)
        print_wrapped(line, cmd_terminal_width());
    free(line);
    free(b.labels);
    free(b.cells);
    report_free(&r);
    return fflush(stdout) == 0 ? 0 : PT_EENV;
}

int cmd_status(const struct cli_opts *o)
{
    struct model m;
    struct pt_error err;
    if (o->nargs > 0)
        return cmd_bad_usage(_("status takes no operand ('%s'): use --plan, "
                               "--year, --lead, --status"),
                             o->args[0]);
    if (cli_load_model(o, LOG_READ, &m, &err) < 0)
        return cmd_report_err(&err);
    cmd_warn_model(&m);
    struct model_filter filter;
    int rc = cmd_resolve_filter(o, &m, &filter);
    if (rc || o->by) {
        if (!rc)
            rc = status_by(o, &m, &filter);
        model_free(&m);
        return rc;
    }
    int counts[ST_COUNT] = {0}, shown = 0, conflicts = 0;
    int items = 0; /* JSON array elements */
    unsigned marks = 0;
    struct table *tb = NULL;
    print_plan_failures(o, &m);
    if (o->format == FORMAT_TABLE) {
        /* The legend of the marks the rows will carry, above them. */
        int lit[LIGHT_COUNT] = {0};
        for (size_t i = 0; i < m.n_rows; i++)
            if (model_row_matches(&m.rows[i], &filter)) {
                marks |= row_marks(m.rows[i].t);
                lit[status_light(&m.rows[i].st)]++;
            }
        print_marks(marks);
        /* The 督办 summary first: what a meeting looks at. */
        printf(_("lights (R/Y/G): %d red, %d yellow, %d green, %d not yet "
                 "due\n"),
               lit[LIGHT_RED], lit[LIGHT_YELLOW], lit[LIGHT_GREEN],
               lit[LIGHT_NONE]);
        const char *h[] = {_("STATUS"),    _("YEAR"),   _("PLAN/TARGET"),
                           _("INDICATOR"), _("TARGET"), _("LATEST"),
                           _("DATE"),      _("LEAD")};
        /* On a terminal too narrow for one line a target, the id (what
         * add and log take, never cut) and the lead go to a line under
         * it; then the indicator, the target and the latest value give
         * up cells, and the date goes before the indicator is cut below
         * 10 Chinese characters or the target below 16 cells. */
        static const struct table_fit fit = {
            .shrink = {{3, 20}, {4, 16}, {5, 10}},
            .n_shrink = 3,
            .drop = {6},
            .n_drop = 1,
            .below = {2, 7},
            .n_below = 2,
        };
        tb = table_new(8, h, &fit);
        table_align_right(tb, 5);
    } else if (o->format == FORMAT_JSON) {
        fputs("[\n", stdout);
        for (size_t i = 0; i < m.plans.diags.n; i++) {
            fputs(items++ ? ",\n  {" : "  {", stdout);
            cmd_json_key(stdout, "plan_file_error", true);
            json_string(stdout, m.plans.diags.lines[i]);
            fputs("}", stdout);
        }
    } else {
        for (size_t i = 0; i < sizeof STATUS_COLUMNS / sizeof *STATUS_COLUMNS;
             i++)
            csv_field(stdout, STATUS_COLUMNS[i],
                      i + 1 == sizeof STATUS_COLUMNS / sizeof *STATUS_COLUMNS);
    }
    for (size_t i = 0; i < m.n_rows; i++) {
        const struct model_row *r = &m.rows[i];
        if (!model_row_matches(r, &filter))
            continue;
        counts[r->st.code]++;
        conflicts += r->conflict;
        if (o->format == FORMAT_TABLE) {
            table_status_row(tb, r);
        } else if (o->format == FORMAT_JSON) {
            if (items++)
                fputs(",\n", stdout);
            json_status_row(stdout, r);
        } else {
            csv_status_row(stdout, r);
        }
        shown++;
    }
    if (o->format == FORMAT_TABLE) {
        table_print(tb, stdout, cmd_terminal_width());
        table_free(tb);
        char as_of[11];
        date_format(o->as_of, as_of);
        char by_status[512] = "";
        size_t n = 0;
        const char *sep = "";
        for (int s = 0; s < ST_COUNT && n < sizeof by_status; s++)
            if (counts[s]) {
                n += (size_t)snprintf(
                    by_status + n, sizeof by_status - n, "%s%s %d", sep,
                    status_label((enum status_code)s), counts[s]);
                sep = i18n_pgettext(NC_("status counts", ", "));
            }
        printf(_("%d target(s) as of %s: %s\n"), shown, as_of, by_status);
        if (conflicts)
            printf(_("# %d target(s) with competing corrections of one "
                     "figure: the one recorded last counts until a person "
                     "resolves them ('plantrack conflicts')\n"),
                   conflicts);
    } else if (o->format == FORMAT_JSON) {
        fputs(items ? "\n]\n" : "]\n", stdout);
    }
    rc = m.plans.n_files_failed ? PT_EUSER : 0;
    model_free(&m);
    int flushed = cmd_flush_stdout();
    return flushed ? flushed : rc;
}
