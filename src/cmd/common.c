/* What the subcommands share: messages, the log, the model, observations
 * as CSV and JSON. */
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

int log_ensure_dir(const char *path, struct pt_error *err);

void cmd_say(FILE *out, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

void cmd_say(FILE *out, const char *fmt, ...)
{
    char *msg = NULL;
    va_list ap;
    va_start(ap, fmt);
    int n = vasprintf(&msg, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    for (char *line = msg; line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        char *safe = text_sanitize(line);
        fputs(safe ? safe : "", out);
        free(safe);
        if (nl)
            fputc('\n', out);
        line = nl ? nl + 1 : NULL;
    }
    free(msg);
}

int cmd_flush_stdout(void)
{
    /* A full disk or a closed pipe shows only now, when the last of the
     * output is written: say so, rather than exit 2 in silence. */
    if (fflush(stdout) == 0 && !ferror(stdout))
        return 0;
    int e = errno ? errno : EIO;
    cmd_say(stderr, _("plantrack: writing the output: %s\n"), strerror(e));
    return PT_EENV;
}

int cmd_bad_usage(const char *fmt, const char *arg)
{
    fputs("plantrack: ", stderr);
    cmd_say(stderr, fmt, arg);
    fputs(_("\nTry 'plantrack --help'.\n"), stderr);
    return PT_EUSER;
}

int cmd_report_err(const struct pt_error *e)
{
    cmd_say(stderr, "plantrack: %s\n", e->msg);
    return e->code ? e->code : PT_EENV;
}

void cmd_print_diags(const struct plan_diags *d)
{
    for (size_t i = 0; i < d->n; i++)
        fprintf(stderr, "%s\n", d->lines[i]);
}

int cmd_open_log(const struct cli_opts *o, enum log_mode mode, struct log **log,
                 struct pt_error *err)
{
    if (mode == LOG_WRITE && o->db_is_default && log_ensure_dir(o->db, err) < 0)
        return -1;
    /* A log the user named that is not there is a typo more often than a
     * new log: reading it as empty would report every target as having
     * nothing recorded. */
    struct stat st;
    if (mode == LOG_READ && !o->db_is_default && stat(o->db, &st) < 0 &&
        errno == ENOENT)
        return pt_fail(err, PT_EENV,
                       _("no log at %s (named by %s): check the path; "
                         "'plantrack add' creates a new log"),
                       o->db, o->db_from_env ? "PLANTRACK_DB" : "--db");
    return log_open(log, o->db, mode, err);
}

/* The plan directory, with advice when the default one is missing. */
int cmd_load_plans(const struct cli_opts *o, struct plan_set *set,
                   struct pt_error *err)
{
    if (plan_set_load_dir(set, o->plans, err) == 0)
        return 0;
    if (o->plans_is_default)
        pt_fail(err, PT_EUSER,
                _("no plans: there is no ./plans here and %s does not exist; "
                  "give --plans DIR"),
                o->plans);
    return -1;
}

/* Loaded plans and the log as a model (which takes the set); the whole
 * log is read only when `scan` is set (add reads just its one target). */
static int model_of(const struct cli_opts *o, struct plan_set *set,
                    enum log_mode mode, bool scan, struct model *m,
                    struct pt_error *err)
{
    struct log *log;
    if (cmd_open_log(o, mode, &log, err) < 0) {
        plan_set_free(set);
        return -1;
    }
    if (model_init_scan(m, set, log, o->as_of, scan, err) < 0) {
        model_free(m);
        return -1;
    }
    return 0;
}

int cmd_load_model(const struct cli_opts *o, enum log_mode mode, bool scan,
                   struct model *m, struct pt_error *err)
{
    struct plan_set set = {0};
    if (cmd_load_plans(o, &set, err) < 0)
        return -1;
    return model_of(o, &set, mode, scan, m, err);
}

/* For add and correct: when plans/PLAN.yaml declares PLAN with TARGET,
 * only that file is read, so recording a figure takes milliseconds however
 * many plans a province keeps. Anything else (another file name, an error
 * in the file, a misspelt target to suggest a fix for) reads them all. */
static bool load_one_plan(const struct cli_opts *o, const char *ref,
                          struct plan_set *set)
{
    const char *slash = strchr(ref, '/');
    size_t n = slash ? (size_t)(slash - ref) : 0;
    if (n == 0 || n > 64 ||
        strspn(ref, "abcdefghijklmnopqrstuvwxyz"
                    "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                    "0123456789-_") != n)
        return false;
    char *path = NULL;
    if (asprintf(&path, "%s/%.*s.yaml", o->plans, (int)n, ref) < 0)
        return false;
    struct pt_error err;
    int rc = plan_set_load_paths(set, &path, 1, &err);
    free(path);
    if (rc == 0 && set->n == 1 && set->n_files_failed == 0 &&
        strlen(set->plans[0]->id) == n &&
        strncmp(set->plans[0]->id, ref, n) == 0 &&
        plan_find_target(set->plans[0], slash + 1))
        return true;
    plan_set_free(set);
    return false;
}

int cmd_load_model_for(const struct cli_opts *o, const char *ref,
                       struct model *m, struct pt_error *err)
{
    struct plan_set set = {0};
    if (!load_one_plan(o, ref, &set))
        return cmd_load_model(o, LOG_WRITE, false, m, err);
    return model_of(o, &set, LOG_WRITE, false, m, err);
}

int cli_load_model(const struct cli_opts *o, enum log_mode mode,
                   struct model *m, struct pt_error *err)
{
    return cmd_load_model(o, mode, true, m, err);
}

/* Plans that were skipped, and observations of unknown targets, on stderr
 * so that scripts reading stdout are not disturbed. */
void cmd_warn_model(const struct model *m)
{
    if (m->plans.n_files_failed) {
        cmd_print_diags(&m->plans.diags);
        fprintf(stderr,
                _("plantrack: %zu plan file(s) skipped because of the errors "
                  "above; run 'plantrack check'\n"),
                m->plans.n_files_failed);
    }
    for (size_t i = 0; i < m->n_orphans; i++) {
        char *p = text_sanitize(m->orphans[i].plan);
        char *t = text_sanitize(m->orphans[i].target);
        fprintf(stderr,
                _("plantrack: %d observation(s) for %s/%s, a target not in "
                  "the plans, are kept: see 'plantrack log %s/%s'\n"),
                m->orphans[i].n, p, t, p, t);
        free(p);
        free(t);
    }
}

int cmd_terminal_width(void)
{
    struct winsize ws;
    const char *env = getenv("COLUMNS");
    if (!isatty(STDOUT_FILENO))
        return 0;
    if (env && atoi(env) > 20)
        return atoi(env);
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20)
        return ws.ws_col;
    return 80;
}

void cmd_json_key(FILE *out, const char *k, bool first)
{
    if (!first)
        fputs(", ", out);
    json_string(out, k);
    fputs(": ", out);
}

void cmd_local_minute(const char *utc, char *buf, size_t len)
{
    time_t t;
    if (time_parse_utc(utc, &t))
        time_local_minute(t, buf, len);
    else
        snprintf(buf, len, "%.16s", utc);
}

const char *const CMD_OBS_COLUMNS[CMD_OBS_NCOLUMNS] = {
    "uuid",   "plan", "target", "date", "value",       "state",    "unit",
    "source", "note", "author", "host", "recorded_at", "corrects",
};

void cmd_csv_obs(FILE *out, const struct obs *ob)
{
    char num[64] = "";
    if (ob->has_value)
        text_format_exact(ob->value, num, sizeof num);
    const char *cells[] = {ob->uuid,    ob->plan,   ob->target, ob->date,
                           num,         ob->state,  ob->unit,   ob->source,
                           ob->note,    ob->author, ob->host,   ob->recorded_at,
                           ob->corrects};
    for (size_t i = 0; i < sizeof cells / sizeof *cells; i++)
        csv_field(out, cells[i], i + 1 == sizeof cells / sizeof *cells);
}

void cmd_json_obs(FILE *out, const struct obs *ob)
{
    const char *keys[] = {"uuid", "plan", "target", "date"};
    const char *vals[] = {ob->uuid, ob->plan, ob->target, ob->date};
    fputs("  {", out);
    for (size_t i = 0; i < 4; i++) {
        cmd_json_key(out, keys[i], i == 0);
        json_string(out, vals[i]);
    }
    cmd_json_key(out, "value", false);
    json_number(out, ob->has_value ? ob->value : NAN);
    cmd_json_key(out, "state", false);
    if (ob->has_value)
        fputs("null", out);
    else
        json_string(out, ob->state);
    const char *k2[] = {"unit",   "source", "note",
                        "author", "host",   "recorded_at"};
    const char *v2[] = {ob->unit,   ob->source, ob->note,
                        ob->author, ob->host,   ob->recorded_at};
    for (size_t i = 0; i < 6; i++) {
        cmd_json_key(out, k2[i], false);
        json_string(out, v2[i]);
    }
    cmd_json_key(out, "corrects", false);
    if (*ob->corrects)
        json_string(out, ob->corrects);
    else
        fputs("null", out);
    cmd_json_key(out, "superseded", false);
    fputs(ob->superseded ? "true" : "false", out);
    /* Local to this log, as its receipt is (log --imports). */
    cmd_json_key(out, "import", false);
    if (ob->import_id)
        fprintf(out, "%lld", (long long)ob->import_id);
    else
        fputs("null", out);
    cmd_json_key(out, "conflict", false);
    fputs(ob->conflict ? "true" : "false", out);
    fputs("}", out);
}

int cmd_resolve_filter(const struct cli_opts *o, const struct model *m,
                       struct model_filter *out)
{
    *out = o->filter;
    if (o->filter.plan) {
        const struct plan *p = plan_set_find_named(&m->plans, o->filter.plan);
        if (!p) {
            char names[1024];
            plan_set_names(&m->plans, names, sizeof names);
            cmd_say(stderr, _("plantrack: no plan '%s'; the plans are: %s\n"),
                    o->filter.plan, *names ? names : _("(none)"));
            return PT_EUSER;
        }
        out->plan = p->id;
    }
    if (o->filter.lead) {
        bool any = false;
        for (size_t i = 0; i < m->plans.n && !any; i++) {
            const struct plan *p = m->plans.plans[i];
            if (out->plan && strcmp(p->id, out->plan) != 0)
                continue;
            for (size_t j = 0; j < p->n_agencies && !any; j++)
                any = agency_is(&p->agencies[j], o->filter.lead);
        }
        if (!any) {
            cmd_say(stderr,
                    _("plantrack: no agency '%s' in %s: give its id, name, "
                      "alias or part of its name (see 'plantrack status' "
                      "for the leads)\n"),
                    o->filter.lead, out->plan ? out->plan : _("the plans"));
            return PT_EUSER;
        }
    }
    return 0;
}

bool cmd_filter_given(const struct model_filter *f)
{
    return f->plan || f->year || f->lead || f->statuses;
}

bool cmd_obs_matches(struct model *m, const struct model_filter *f,
                     const char *plan, const char *target)
{
    if (!cmd_filter_given(f))
        return true;
    const struct model_row *r = model_find(m, plan, target);
    if (r)
        return model_row_matches(r, f);
    /* Not in the plans: only the plan can be said to match. */
    return f->plan && !f->year && !f->lead && !f->statuses &&
           strcmp(plan, f->plan) == 0;
}
