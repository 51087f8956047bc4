/* plantrack report: the selection as a report for a meeting, in HTML,
 * xlsx or Markdown (src/report/). */
#include "plantrack/cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plantrack/i18n.h"
#include "plantrack/report.h"

/* html unless --format or the name given to -o says otherwise. */
static enum report_format chosen_format(const struct cli_opts *o)
{
    if (o->report_format_given)
        return o->report_format;
    int f = o->output ? report_format_of_path(o->output) : -1;
    return f >= 0 ? (enum report_format)f : REPORT_HTML;
}

/* The filter resolved (a plan by its name, an agency that exists), and
 * --since no later than the date of the report. */
static int check_selection(const struct cli_opts *o, const struct model *m,
                           struct model_filter *filter)
{
    int rc = cmd_resolve_filter(o, m, filter);
    if (rc)
        return rc;
    if (o->has_since && date_cmp(o->since, o->as_of) > 0) {
        char since[11], as_of[11];
        date_format(o->since, since);
        date_format(o->as_of, as_of);
        fprintf(stderr, _("plantrack: --since %s is after the as-of date %s\n"),
                since, as_of);
        return PT_EUSER;
    }
    return 0;
}

static int write_report(const struct cli_opts *o, const struct model *m,
                        const struct model_filter *filter, const int *then)
{
    enum report_format f = chosen_format(o);
    struct report_options ro = {.filter = *filter,
                                .has_since = o->has_since,
                                .since = o->since,
                                .details = true,
                                .charts = f == REPORT_HTML};
    char name[512];
    const char *path = o->output;
    if (!path && f == REPORT_MD)
        path = "-";
    if (!path) {
        report_default_name(&ro, m->as_of, f, name, sizeof name);
        path = name;
    }
    struct report r;
    struct pt_error err;
    int rc = report_build(&r, m, then, &ro, &err);
    if (rc == 0)
        rc = report_write(&r, f, path, &err);
    if (rc == 0 && strcmp(path, "-") != 0)
        cmd_say(stdout,
                _("%s: %d target(s), %d need attention, %zu listed apart\n"),
                path, r.total.total, r.total.attention,
                r.n_deferred + r.n_draft);
    report_free(&r);
    return rc == 0 ? 0 : cmd_report_err(&err);
}

int cmd_report(const struct cli_opts *o)
{
    struct model m;
    struct pt_error err;
    int *then = NULL;
    if (o->nargs > 0)
        return cmd_bad_usage(_("report takes no operand ('%s'): use --plan, "
                               "--year, --lead, --status"),
                             o->args[0]);
    if (cli_load_model(o, LOG_READ, &m, &err) < 0)
        return cmd_report_err(&err);
    cmd_warn_model(&m);
    struct model_filter filter;
    int rc = check_selection(o, &m, &filter);
    if (rc == 0 && o->has_since && !(then = report_then(&m, o->since, &err)))
        rc = cmd_report_err(&err);
    if (rc == 0)
        rc = write_report(o, &m, &filter, then);
    free(then);
    model_free(&m);
    return rc;
}
