/* plantrack add and correct: record an observation or a correction. */
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

static int record(const struct cli_opts *o, const char *ref,
                  const char *corrects, const char *default_date)
{
    struct model m;
    struct pt_error err;
    if (!o->value)
        return cmd_bad_usage("%s", _("--value is required (a number, or done / "
                                     "in-progress / not-started)"));
    if (cmd_load_model_for(o, ref, &m, &err) < 0)
        return cmd_report_err(&err);
    const struct target *t = plan_set_resolve(&m.plans, ref, &err);
    if (!t) {
        cmd_warn_model(&m);
        model_free(&m);
        return cmd_report_err(&err);
    }
    struct model_row *row = model_find(&m, t->plan->id, t->id);
    if (model_refresh_row(&m, row, &err) < 0) {
        model_free(&m);
        return cmd_report_err(&err);
    }
    const char *raw[ENTRY_NFIELDS] = {
        [ENTRY_DATE] = o->date ? o->date : default_date,
        [ENTRY_VALUE] = o->value,
        [ENTRY_UNIT] = o->unit,
        [ENTRY_SOURCE] = o->source,
        [ENTRY_NOTE] = o->note,
    };
    struct entry e;
    struct entry_check chk;
    if (entry_parse(t, raw, date_today(), corrects != NULL, &e, &chk) < 0) {
        for (int f = 0; f < ENTRY_NFIELDS; f++)
            if (chk.msg[f][0])
                cmd_say(stderr, "plantrack: --%s: %s\n",
                        f == ENTRY_DATE     ? "date"
                        : f == ENTRY_VALUE  ? "value"
                        : f == ENTRY_UNIT   ? "unit"
                        : f == ENTRY_SOURCE ? "source"
                                            : "note",
                        chk.msg[f]);
        fputs(_("plantrack: nothing was recorded\n"), stderr);
        model_free(&m);
        return PT_EUSER;
    }
    char warning[300];
    entry_warning(t, &row->sum, &e, warning, sizeof warning);
    struct obs_input in;
    char uuid[37];
    entry_input(&e, t, corrects, &in);
    if (log_append(m.log, &in, uuid, &err) < 0) {
        model_free(&m);
        return cmd_report_err(&err);
    }
    if (warning[0])
        fprintf(stderr,
                _("plantrack: warning: %s (recorded anyway; "
                  "'plantrack correct %.8s' fixes a typo)\n"),
                warning, uuid);
    char shown[128], why[512];
    if (e.has_value)
        unit_format(e.value, e.unit, shown, sizeof shown);
    else
        snprintf(shown, sizeof shown, "%s", e.state);
    cmd_say(stdout, _("recorded %s  %s/%s = %s as of %s\n"), uuid, t->plan->id,
            t->id, shown, e.date);
    if (model_refresh_row(&m, row, &err) == 0) {
        status_explain(t, &row->st, why, sizeof why);
        cmd_say(stdout, _("status: %s (%s)\n"), status_label(row->st.code),
                why);
    }
    model_free(&m);
    return 0;
}

int cmd_add(const struct cli_opts *o)
{
    if (o->nargs != 1)
        return cmd_bad_usage("%s",
                             _("add needs one PLAN/TARGET, e.g. plantrack "
                               "add ordos/ne-capacity-2026 --value 4200"));
    return record(o, o->args[0], o->corrects, NULL);
}

int cmd_correct(const struct cli_opts *o)
{
    struct pt_error err;
    struct log *log;
    struct obs old;
    if (o->nargs != 1)
        return cmd_bad_usage("%s", _("correct needs the id of the observation "
                                     "(see plantrack log)"));
    if (cmd_open_log(o, LOG_READ, &log, &err) < 0)
        return cmd_report_err(&err);
    int rc = log_get(log, o->args[0], &old, &err);
    log_close(log);
    if (rc < 0)
        return cmd_report_err(&err);
    char ref[256], date[11], uuid[37];
    snprintf(ref, sizeof ref, "%s/%s", old.plan, old.target);
    memcpy(date, old.date, sizeof date);
    memcpy(uuid, old.uuid, sizeof uuid);
    obs_clear(&old);
    return record(o, ref, uuid, date);
}
