/* plantrack log: the observations of a target, a plan or the log. */
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

#include "plantrack/correction.h"
#include "plantrack/entry.h"
#include "plantrack/i18n.h"

static void obs_value_text(struct model *m, const struct obs *ob, char *buf,
                           size_t len)
{
    const struct model_row *r = model_find(m, ob->plan, ob->target);
    if (ob->has_value && r)
        target_value_phrase(r->t, ob->value, buf, len);
    else if (ob->has_value)
        unit_format(ob->value, ob->unit, buf, len);
    else
        snprintf(buf, len, "%s", ob->state);
}

/* log --imports: the receipts of the imports, oldest first. */
static int log_imports_cmd(const struct cli_opts *o)
{
    struct log *log;
    struct pt_error err;
    struct log_import_info *v;
    size_t n;
    if (o->nargs)
        return cmd_bad_usage("%s", _("log --imports takes no PLAN/TARGET"));
    if (cmd_open_log(o, LOG_READ, &log, &err) < 0)
        return cmd_report_err(&err);
    if (log_imports(log, &v, &n, &err) < 0) {
        log_close(log);
        return cmd_report_err(&err);
    }
    static const char *const K[] = {
        "import", "run_by", "host",     "at",    "file",       "sha256",
        "bytes",  "rows",   "new_rows", "added", "duplicates", "conflicts"};
    if (o->format == FORMAT_JSON) {
        fputs("[\n", stdout);
        for (size_t i = 0; i < n; i++) {
            const struct log_import_info *r = &v[i];
            const char *text[] = {r->run_by, r->host, r->at, r->file,
                                  r->sha256};
            long long num[] = {r->bytes, r->rows,       r->new_rows,
                               r->added, r->duplicates, r->conflicts};
            fputs("  {", stdout);
            cmd_json_key(stdout, K[0], true);
            printf("%lld", (long long)r->id);
            for (size_t k = 0; k < 5; k++) {
                cmd_json_key(stdout, K[1 + k], false);
                json_string(stdout, text[k]);
            }
            for (size_t k = 0; k < 6; k++) {
                cmd_json_key(stdout, K[6 + k], false);
                printf("%lld", num[k]);
            }
            fputs(i + 1 < n ? "},\n" : "}\n", stdout);
        }
        fputs("]\n", stdout);
    } else if (o->format == FORMAT_CSV) {
        for (size_t k = 0; k < 12; k++)
            csv_field(stdout, K[k], k == 11);
        for (size_t i = 0; i < n; i++) {
            const struct log_import_info *r = &v[i];
            char num[7][24];
            long long x[] = {r->id,    r->bytes,      r->rows,     r->new_rows,
                             r->added, r->duplicates, r->conflicts};
            for (size_t k = 0; k < 7; k++)
                snprintf(num[k], sizeof num[k], "%lld", x[k]);
            const char *cells[] = {num[0],  r->run_by, r->host, r->at,
                                   r->file, r->sha256, num[1],  num[2],
                                   num[3],  num[4],    num[5],  num[6]};
            for (size_t k = 0; k < 12; k++)
                csv_field(stdout, cells[k], k == 11);
        }
    } else {
        const char *h[] = {_("IMPORT"), _("WHEN"),  _("BY"),    _("FILE"),
                           _("ROWS"),   _("ADDED"), _("SHA256")};
        static const struct table_fit fit = {
            .shrink = {{3, 12}, {6, 8}},
            .n_shrink = 2,
            .drop = {6},
            .n_drop = 1,
        };
        struct table *tb = table_new(7, h, &fit);
        table_align_right(tb, 4);
        table_align_right(tb, 5);
        for (size_t i = 0; i < n; i++) {
            const struct log_import_info *r = &v[i];
            char id[24], when[20], by[320], rows[24], added[64];
            snprintf(id, sizeof id, "%lld", (long long)r->id);
            cmd_local_minute(r->at, when, sizeof when);
            snprintf(by, sizeof by, "%s@%s", r->run_by, r->host);
            snprintf(rows, sizeof rows, "%lld", (long long)r->rows);
            /* fewer than planned: the import was stopped; run it again */
            snprintf(added, sizeof added,
                     r->added < r->new_rows ? "%lld/%lld" : "%lld",
                     (long long)r->added, (long long)r->new_rows);
            const char *cells[] = {id,   when,  by,       r->file,
                                   rows, added, r->sha256};
            table_add(tb, cells);
        }
        table_print(tb, stdout, cmd_terminal_width());
        table_free(tb);
        printf(_("%zu import(s)\n"), n);
    }
    log_imports_free(v, n);
    log_close(log);
    return cmd_flush_stdout();
}

int cmd_log(const struct cli_opts *o)
{
    struct model m;
    struct pt_error err;
    const char *plan = NULL, *target = NULL;
    char plan_buf[128];
    if (o->imports)
        return log_imports_cmd(o);
    if (o->nargs > 1)
        return cmd_bad_usage("%s", _("log takes at most one PLAN/TARGET"));
    if (cli_load_model(o, LOG_READ, &m, &err) < 0)
        return cmd_report_err(&err);
    struct model_filter filter;
    int frc = cmd_resolve_filter(o, &m, &filter);
    if (frc) {
        model_free(&m);
        return frc;
    }
    if (o->nargs == 1) {
        const char *ref = o->args[0], *slash = strchr(ref, '/');
        if (slash) {
            snprintf(plan_buf, sizeof plan_buf, "%.*s", (int)(slash - ref),
                     ref);
            plan = plan_buf;
            target = slash + 1;
        } else {
            plan = ref;
        }
        bool known = target ? model_find(&m, plan, target) != NULL
                            : plan_set_find_plan(&m.plans, plan) != NULL;
        bool orphan = false;
        for (size_t i = 0; i < m.n_orphans; i++)
            orphan |= strcmp(m.orphans[i].plan, plan) == 0 &&
                      (!target || strcmp(m.orphans[i].target, target) == 0);
        if (!known && !orphan) {
            const struct target *t =
                target ? plan_set_resolve(&m.plans, ref, &err) : NULL;
            if (!t && target)
                cmd_say(stderr, "plantrack: %s\n", err.msg);
            else
                cmd_say(stderr, _("plantrack: no plan '%s'\n"), plan);
            model_free(&m);
            return PT_EUSER;
        }
        if (!known)
            cmd_say(stderr,
                    _("plantrack: note: %s is not in the plans; its "
                      "observations are kept\n"),
                    ref);
    }
    struct obs *v;
    size_t n;
    if (log_history(m.log, plan ? plan : filter.plan, target, &v, &n, &err) <
        0) {
        model_free(&m);
        return cmd_report_err(&err);
    }
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        if (cmd_obs_matches(&m, &filter, v[i].plan, v[i].target)) {
            struct obs tmp = v[kept];
            v[kept++] = v[i];
            v[i] = tmp;
        }
    }
    for (size_t i = kept; i < n; i++)
        obs_clear(&v[i]);
    n = kept;
    if (o->format == FORMAT_JSON) {
        fputs("[\n", stdout);
        for (size_t i = 0; i < n; i++) {
            cmd_json_obs(stdout, &v[i]);
            fputs(i + 1 < n ? ",\n" : "\n", stdout);
        }
        fputs("]\n", stdout);
    } else if (o->format == FORMAT_CSV) {
        for (size_t i = 0; i < sizeof CMD_OBS_COLUMNS / sizeof *CMD_OBS_COLUMNS;
             i++)
            csv_field(stdout, CMD_OBS_COLUMNS[i],
                      i + 1 ==
                          sizeof CMD_OBS_COLUMNS / sizeof *CMD_OBS_COLUMNS);
        for (size_t i = 0; i < n; i++)
            cmd_csv_obs(stdout, &v[i]);
    } else {
        const char *h[] = {_("DATE"),         _("PLAN/TARGET"), _("VALUE"),
                           _("AUTHOR"),       _("RECORDED"),    _("ID"),
                           _("SOURCE / NOTE")};
        /* The id stays whole enough to type into plantrack correct. */
        static const struct table_fit fit = {
            .shrink = {{6, 8}, {1, 16}, {3, 8}, {2, 10}},
            .n_shrink = 4,
            .drop = {4, 3},
            .n_drop = 2,
        };
        struct table *tb = table_new(7, h, &fit);
        table_align_right(tb, 2);
        bool imported = false;
        for (size_t i = 0; i < n; i++) {
            char ref[256], val[128], id[256], sn[1200], rec[20], by[320];
            snprintf(ref, sizeof ref, "%s/%s", v[i].plan, v[i].target);
            obs_value_text(&m, &v[i], val, sizeof val);
            char refs[128];
            const char *standing = correction_label(
                v[i].corrected, v[i].superseded, v[i].conflict);
            correction_refs(v[i].corrects, refs, sizeof refs);
            snprintf(id, sizeof id, "%.8s%s%s%s%s%s", v[i].uuid,
                     *refs ? " " : "", refs, *standing ? " (" : "", standing,
                     *standing ? ")" : "");
            cmd_local_minute(v[i].recorded_at, rec, sizeof rec);
            snprintf(sn, sizeof sn, "%s%s%s", v[i].source,
                     *v[i].source && *v[i].note ? " / " : "", v[i].note);
            /* A row brought in by an import says so: its author is what
             * the file said, and the receipt says who ran the import. */
            if (v[i].import_id)
                snprintf(by, sizeof by, _("%s (import %lld)"), v[i].author,
                         (long long)v[i].import_id);
            else
                snprintf(by, sizeof by, "%s", v[i].author);
            imported |= v[i].import_id != 0;
            const char *cells[] = {v[i].date, ref, val, by, rec, id, sn};
            table_add(tb, cells);
        }
        table_print(tb, stdout, cmd_terminal_width());
        table_free(tb);
        printf(_("%zu observation(s)\n"), n);
        if (imported)
            cmd_say(stdout, "%s\n",
                    _("(import N): the row came in by import N, with the "
                      "author and time its\nfile gave; who ran that import, "
                      "from which file: plantrack log --imports"));
    }
    obs_list_free(v, n);
    model_free(&m);
    return cmd_flush_stdout();
}
