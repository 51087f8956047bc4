/* plantrack conflicts: competing corrections of one figure that no one has
 * resolved yet, with what counts meanwhile and how to resolve them. */
#include "plantrack/cmd.h"

#include <stdio.h>
#include <string.h>

#include "plantrack/correction.h"
#include "plantrack/i18n.h"

static void value_text(const struct obs *ob, char *buf, size_t len)
{
    if (ob->has_value)
        unit_format(ob->value, ob->unit, buf, len);
    else
        snprintf(buf, len, "%s", obs_state_label(obs_state_parse(ob->state)));
}

static void print_table(const struct log_conflict *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const struct log_conflict *c = &v[i];
        char val[128];
        value_text(&c->original, val, sizeof val);
        cmd_say(stdout,
                _("%s/%s: %zu competing corrections of %.8s (%s as of %s)\n"),
                c->original.plan, c->original.target, c->n, c->original.uuid,
                val, c->original.date);
        const char *h[] = {_("COUNTS"), _("DATE"),         _("VALUE"),
                           _("AUTHOR"), _("HOST"),         _("RECORDED"),
                           _("ID"),     _("SOURCE / NOTE")};
        static const struct table_fit fit = {
            .shrink = {{7, 12}, {3, 6}, {4, 6}},
            .n_shrink = 3,
            .drop = {4},
            .n_drop = 1,
        };
        struct table *tb = table_new(8, h, &fit);
        table_align_right(tb, 2);
        for (size_t j = 0; j < c->n; j++) {
            const struct obs *f = &c->figures[j];
            char rec[20], id[16], sn[1200];
            value_text(f, val, sizeof val);
            cmd_local_minute(f->recorded_at, rec, sizeof rec);
            snprintf(id, sizeof id, "%.8s", f->uuid);
            snprintf(sn, sizeof sn, "%s%s%s", f->source,
                     *f->source && *f->note ? " / " : "", f->note);
            const char *cells[] = {f->superseded ? "" : _("yes"),
                                   f->date,
                                   val,
                                   f->author,
                                   f->host,
                                   rec,
                                   id,
                                   sn};
            table_add(tb, cells);
        }
        table_print(tb, stdout, cmd_terminal_width());
        table_free(tb);
        cmd_say(stdout,
                _("to resolve, record the right figure: plantrack correct "
                  "%.8s --value V --note REASON\n\n"),
                c->figures[0].uuid);
    }
    if (n)
        printf(_("%zu conflict(s); until each is resolved, status counts the "
                 "figure recorded last and marks its target\n"),
               n);
    else
        printf("%s\n", _("no conflicts"));
}

/* An observation as every log that holds it lists it: which import
 * brought it into this log is this log's own (see log), not part of the
 * conflict, which reads the same everywhere. */
static void json_obs_anywhere(const struct obs *o)
{
    struct obs same = *o;
    same.import_id = 0;
    cmd_json_obs(stdout, &same);
}

static void print_json(const struct log_conflict *v, size_t n)
{
    fputs("[\n", stdout);
    for (size_t i = 0; i < n; i++) {
        const struct log_conflict *c = &v[i];
        fputs("  {", stdout);
        cmd_json_key(stdout, "plan", true);
        json_string(stdout, c->original.plan);
        cmd_json_key(stdout, "target", false);
        json_string(stdout, c->original.target);
        cmd_json_key(stdout, "original", false);
        fputc('\n', stdout);
        json_obs_anywhere(&c->original);
        cmd_json_key(stdout, "figures", false);
        fputs("[\n", stdout);
        for (size_t j = 0; j < c->n; j++) {
            json_obs_anywhere(&c->figures[j]);
            fputs(j + 1 < c->n ? ",\n" : "\n", stdout);
        }
        fputs("  ]}", stdout);
        fputs(i + 1 < n ? ",\n" : "\n", stdout);
    }
    fputs("]\n", stdout);
}

/* One row per competing figure, numbered by conflict; "counts" says which
 * one status uses. */
static void print_csv(const struct log_conflict *v, size_t n)
{
    csv_field(stdout, "conflict", false);
    csv_field(stdout, "counts", false);
    for (size_t i = 0; i < CMD_OBS_NCOLUMNS; i++)
        csv_field(stdout, CMD_OBS_COLUMNS[i], i + 1 == CMD_OBS_NCOLUMNS);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < v[i].n; j++) {
            char k[24];
            snprintf(k, sizeof k, "%zu", i + 1);
            csv_field(stdout, k, false);
            csv_field(stdout, v[i].figures[j].superseded ? "no" : "yes", false);
            cmd_csv_obs(stdout, &v[i].figures[j]);
        }
}

/* Rows a sync kept apart: another log sent them under an id this log
 * holds with other content. Shown as they came, never applied. */
static int print_held(void *ctx, int64_t sync_id, const char *uuid,
                      const char *row)
{
    size_t *n = ctx;
    if ((*n)++ == 0)
        cmd_say(stdout, "\n%s\n",
                _("kept apart by a sync (another log sent these under an id "
                  "this log holds with other content; never applied):"));
    int len = (int)strlen(row);
    while (len > 0 && (row[len - 1] == '\n' || row[len - 1] == '\r'))
        len--;
    cmd_say(stdout, _("  sync %lld, %s: %.*s\n"), (long long)sync_id, uuid,
            len, row);
    return 0;
}

int cmd_conflicts(const struct cli_opts *o)
{
    struct log *log;
    struct pt_error err;
    char plan[256] = "";
    const char *target = NULL;
    if (o->nargs > 1)
        return cmd_bad_usage("%s", _("conflicts takes at most one "
                                     "PLAN or PLAN/TARGET"));
    if (o->nargs == 1) {
        snprintf(plan, sizeof plan, "%s", o->args[0]);
        char *slash = strchr(plan, '/');
        if (slash) {
            *slash = '\0';
            target = slash + 1;
        }
    } else if (o->filter.plan) {
        snprintf(plan, sizeof plan, "%s", o->filter.plan);
    }
    if (cmd_open_log(o, LOG_READ, &log, &err) < 0)
        return cmd_report_err(&err);
    struct log_conflict *v;
    size_t n;
    int rc = log_conflicts(log, *plan ? plan : NULL, target, &v, &n, &err);
    if (rc < 0) {
        log_close(log);
        return cmd_report_err(&err);
    }
    if (o->format == FORMAT_JSON)
        print_json(v, n);
    else if (o->format == FORMAT_CSV)
        print_csv(v, n);
    else
        print_table(v, n);
    log_conflicts_free(v, n);
    size_t held = 0;
    if (o->format == FORMAT_TABLE && !*plan &&
        log_held(log, print_held, &held, &err) < 0) {
        log_close(log);
        return cmd_report_err(&err);
    }
    log_close(log);
    return fflush(stdout) == 0 ? 0 : PT_EENV;
}
