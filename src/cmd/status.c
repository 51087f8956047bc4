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
    if (rc) {
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
        /* At 80 columns the date and the lead (often the filter itself)
         * go before the indicator is cut below 8 Chinese characters. */
        static const struct table_fit fit = {
            .shrink = {{3, 16}, {2, 16}, {4, 12}, {5, 8}, {7, 8}},
            .n_shrink = 5,
            .drop = {6, 7},
            .n_drop = 2,
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
