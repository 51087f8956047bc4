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

/* The figure a new one follows: the current latest, or, for a
 * correction, the latest current one other than the figure corrected (a
 * typo must not become the yardstick of its own fix). */
static int reference_figure(struct model *m, const struct model_row *row,
                            const char *corrects, struct obs_point *out,
                            bool *found, struct pt_error *err)
{
    *found = false;
    if (!corrects) {
        if (row->sum.has_latest && row->sum.latest.has_value) {
            *out = row->sum.latest;
            *found = true;
        }
        return 0;
    }
    struct obs *v;
    size_t n;
    if (log_history(m->log, row->t->plan->id, row->t->id, &v, &n, err) < 0)
        return -1;
    for (size_t i = 0; i < n && !*found; i++) {
        char e[160];
        if (v[i].superseded || !v[i].has_value ||
            strcmp(v[i].uuid, corrects) == 0 ||
            text_parse_date(v[i].date, &out->date, e, sizeof e) < 0)
            continue;
        out->has_value = true;
        out->value = v[i].value;
        out->state = STATE_NONE;
        *found = true;
    }
    obs_list_free(v, n);
    return 0;
}

static int record(const struct cli_opts *o, const char *ref,
                  const char *corrects, const char *default_date)
{
    struct model m;
    struct pt_error err;
    if (!o->value && !o->level)
        return cmd_bad_usage("%s", _("--value is required (a number, or done / "
                                     "in-progress / not-started; --level for "
                                     "the level a change target reached)"));
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
    char level[200] = "";
    if (o->level) {
        if (!comparator_relative(t->cmp)) {
            model_free(&m);
            return cmd_bad_usage(
                "%s", _("--level is for a target stated as a fall or rise "
                        "against a baseline; for this one the level is the "
                        "value: use --value"));
        }
        snprintf(level, sizeof level, "level %s", o->level);
    }
    const char *raw[ENTRY_NFIELDS] = {
        [ENTRY_DATE] = o->date ? o->date : default_date,
        [ENTRY_VALUE] = o->level ? level : o->value,
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
                        : f == ENTRY_VALUE  ? (o->level ? "level" : "value")
                        : f == ENTRY_UNIT   ? "unit"
                        : f == ENTRY_SOURCE ? "source"
                                            : "note",
                        chk.msg[f]);
        fputs(_("plantrack: nothing was recorded\n"), stderr);
        model_free(&m);
        return PT_EUSER;
    }
    struct obs_point last;
    bool has_last;
    if (reference_figure(&m, row, corrects, &last, &has_last, &err) < 0) {
        model_free(&m);
        return cmd_report_err(&err);
    }
    char warning[300];
    if (entry_implausible(t, has_last ? &last : NULL, &e, warning,
                          sizeof warning) &&
        !o->confirm) {
        cmd_say(stderr,
                _("plantrack: %s; nothing was recorded (add --confirm to "
                  "record it as it is)\n"),
                warning);
        model_free(&m);
        return PT_EUSER;
    }
    struct target_summary ref_sum;
    summary_init(&ref_sum);
    if (has_last)
        summary_add(&ref_sum, t, &last, 0);
    entry_warning(t, &ref_sum, &e, warning, sizeof warning);
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
        target_value_phrase(t, e.value, shown, sizeof shown);
    else
        snprintf(shown, sizeof shown, "%s", e.state);
    cmd_say(stdout, _("recorded %s  %s/%s = %s as of %s\n"), uuid, t->plan->id,
            t->id, shown, e.date);
    struct obs mine;
    if (corrects && log_get(m.log, uuid, &mine, &err) == 0) {
        if (strchr(mine.corrects, ' ')) {
            char ids[256] = "";
            size_t n = 0;
            for (const char *p = mine.corrects; *p && n < sizeof ids;) {
                size_t len = strcspn(p, " ");
                n += (size_t)snprintf(ids + n, sizeof ids - n, "%s%.8s",
                                      n ? ", " : "", p);
                p += len + (p[len] == ' ');
            }
            cmd_say(stdout,
                    _("this resolves the conflict between %s: it replaces "
                      "them all\n"),
                    ids);
        }
        obs_clear(&mine);
    }
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
