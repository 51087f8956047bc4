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
    cmd_json_key(out, "method", false);
    json_string(out, status_method_name(st->method));
    cmd_json_key(out, "ratio", false);
    json_number(out, st->ratio);
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
    "plan",        "target",        "year",
    "indicator",   "comparator",    "value",
    "unit",        "baseline_year", "lead",
    "support",     "status",        "latest_value",
    "latest_date", "observations",  "projected_value",
    "why",
};

static void csv_status_row(FILE *out, const struct model_row *r)
{
    const struct target *t = r->t;
    char num[64], year[16], by[16], latest[96], date[11] = "", n[16], proj[64];
    char why[512], support[1024] = "";
    text_format_number(t->value, num, sizeof num);
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
            text_format_number(r->sum.latest.value, latest, sizeof latest);
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
    };
    for (size_t i = 0; i < sizeof cells / sizeof *cells; i++)
        csv_field(out, cells[i], i + 1 == sizeof cells / sizeof *cells);
}

static void table_status_row(struct table *tb, const struct model_row *r)
{
    const struct target *t = r->t;
    char mark[96], year[8], stmt[256], latest[96], date[11] = "-", ref[160];
    snprintf(mark, sizeof mark, "%c %s", status_mark(r->st.code),
             status_label(r->st.code));
    snprintf(year, sizeof year, "%d", t->year);
    snprintf(ref, sizeof ref, "%s/%s", t->plan->id, t->id);
    target_statement(t, stmt, sizeof stmt);
    model_row_latest(r, latest, sizeof latest);
    if (r->sum.has_latest)
        date_format(r->sum.latest.date, date);
    const char *cells[] = {mark, year,   ref,  t->indicator,
                           stmt, latest, date, target_lead(t)->name};
    table_add(tb, cells);
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
    if (o->filter.plan && !plan_set_find_plan(&m.plans, o->filter.plan)) {
        cmd_say(stderr, _("plantrack: no plan '%s'\n"), o->filter.plan);
        model_free(&m);
        return PT_EUSER;
    }
    int counts[ST_COUNT] = {0}, shown = 0;
    struct table *tb = NULL;
    if (o->format == FORMAT_TABLE) {
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
    } else {
        for (size_t i = 0; i < sizeof STATUS_COLUMNS / sizeof *STATUS_COLUMNS;
             i++)
            csv_field(stdout, STATUS_COLUMNS[i],
                      i + 1 == sizeof STATUS_COLUMNS / sizeof *STATUS_COLUMNS);
    }
    for (size_t i = 0; i < m.n_rows; i++) {
        const struct model_row *r = &m.rows[i];
        if (!model_row_matches(r, &o->filter))
            continue;
        counts[r->st.code]++;
        if (o->format == FORMAT_TABLE) {
            table_status_row(tb, r);
        } else if (o->format == FORMAT_JSON) {
            if (shown)
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
    } else if (o->format == FORMAT_JSON) {
        fputs(shown ? "\n]\n" : "]\n", stdout);
    }
    model_free(&m);
    return fflush(stdout) == 0 ? 0 : PT_EENV;
}
