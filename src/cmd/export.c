/* plantrack export: every observation, for backup or merging; with
 * --excel the UTF-8 BOM that Excel and WPS need to read Chinese; with
 * --template a table of the targets to fill in with new figures (import
 * reads it back). */
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

struct export_ctx {
    enum output_format format;
    size_t n;
    struct model *m; /* with a filter only */
    struct model_filter filter;
};

static int export_one(void *ctx, const struct obs *ob)
{
    struct export_ctx *x = ctx;
    if (x->m && !cmd_obs_matches(x->m, &x->filter, ob->plan, ob->target))
        return 0;
    if (x->format == FORMAT_JSON) {
        fputs(x->n ? ",\n" : "", stdout);
        cmd_json_obs(stdout, ob);
    } else {
        cmd_csv_obs(stdout, ob);
    }
    x->n++;
    return 0;
}

/* Excel and WPS read a CSV without it in the system's code page (GBK on
 * Chinese Windows): Chinese comes out garbled. */
static void write_bom(void)
{
    fputs("\xEF\xBB\xBF", stdout);
}

static const char *const TEMPLATE_COLUMNS[] = {
    "target", "indicator", "goal", "unit", "date", "value", "source", "note",
};
#define TEMPLATE_NCOLS (sizeof TEMPLATE_COLUMNS / sizeof *TEMPLATE_COLUMNS)

/* One row per target (those the filters keep), the figure's cells empty:
 * the value (or, for a qualitative target, its state: done, in-progress,
 * not-started), the date it is as of, its source and a note. */
static int export_template(const struct cli_opts *o)
{
    struct model m;
    struct pt_error err;
    struct model_filter filter;
    if (cli_load_model(o, LOG_READ, &m, &err) < 0)
        return cmd_report_err(&err);
    int rc = cmd_resolve_filter(o, &m, &filter);
    if (rc) {
        model_free(&m);
        return rc;
    }
    write_bom();
    for (size_t i = 0; i < TEMPLATE_NCOLS; i++)
        csv_field(stdout, TEMPLATE_COLUMNS[i], i + 1 == TEMPLATE_NCOLS);
    for (size_t i = 0; i < m.n_rows; i++) {
        const struct model_row *r = &m.rows[i];
        if (!model_row_matches(r, &filter))
            continue;
        char ref[256], goal[256];
        snprintf(ref, sizeof ref, "%s/%s", r->t->plan->id, r->t->id);
        target_statement(r->t, goal, sizeof goal);
        const char *cells[TEMPLATE_NCOLS] = {
            ref, r->t->indicator, goal, r->t->unit, "", "", "", ""};
        for (size_t k = 0; k < TEMPLATE_NCOLS; k++)
            csv_field(stdout, cells[k], k + 1 == TEMPLATE_NCOLS);
    }
    model_free(&m);
    return cmd_flush_stdout();
}

int cmd_export(const struct cli_opts *o)
{
    struct log *log;
    struct pt_error err;
    if (o->nargs)
        return cmd_bad_usage(_("export takes no operand ('%s')"), o->args[0]);
    if (o->template_ && o->format_given)
        return cmd_bad_usage("%s", _("export --template writes a CSV table; "
                                     "--format does not apply"));
    if (o->template_)
        return export_template(o);
    if (o->excel && o->format_given && o->format == FORMAT_JSON)
        return cmd_bad_usage("%s", _("--excel is for CSV, not JSON"));
    struct export_ctx x = {
        o->format_given ? o->format : FORMAT_CSV, 0, NULL, {0}};
    struct model m;
    /* A filter needs the plans (a target's year, lead, status); a whole
     * export reads the log alone. */
    if (cmd_filter_given(&o->filter)) {
        if (cli_load_model(o, LOG_READ, &m, &err) < 0)
            return cmd_report_err(&err);
        int rc = cmd_resolve_filter(o, &m, &x.filter);
        if (rc) {
            model_free(&m);
            return rc;
        }
        x.m = &m;
        log = m.log;
    } else if (cmd_open_log(o, LOG_READ, &log, &err) < 0) {
        return cmd_report_err(&err);
    }
    if (x.format == FORMAT_TABLE)
        x.format = FORMAT_CSV;
    if (x.format == FORMAT_JSON)
        fputs("[\n", stdout);
    else {
        if (o->excel)
            write_bom();
        for (size_t i = 0; i < sizeof CMD_OBS_COLUMNS / sizeof *CMD_OBS_COLUMNS;
             i++)
            csv_field(stdout, CMD_OBS_COLUMNS[i],
                      i + 1 ==
                          sizeof CMD_OBS_COLUMNS / sizeof *CMD_OBS_COLUMNS);
    }
    int rc = log_each(log, export_one, &x, &err);
    if (x.format == FORMAT_JSON)
        fputs(x.n ? "\n]\n" : "]\n", stdout);
    if (x.m)
        model_free(&m);
    else
        log_close(log);
    if (rc < 0)
        return cmd_report_err(&err);
    return cmd_flush_stdout();
}
