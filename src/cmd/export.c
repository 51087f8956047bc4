/* plantrack export: every observation, for backup or merging. */
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

int cmd_export(const struct cli_opts *o)
{
    struct log *log;
    struct pt_error err;
    if (o->nargs)
        return cmd_bad_usage(_("export takes no operand ('%s')"), o->args[0]);
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
    else
        for (size_t i = 0; i < sizeof CMD_OBS_COLUMNS / sizeof *CMD_OBS_COLUMNS;
             i++)
            csv_field(stdout, CMD_OBS_COLUMNS[i],
                      i + 1 ==
                          sizeof CMD_OBS_COLUMNS / sizeof *CMD_OBS_COLUMNS);
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
