/* plantrack verify: walk the log's hash chain, its triggers, its counts and
 * SQLite's integrity check; name every row changed, removed or slipped in
 * behind plantrack's back; print the head that reports and sync receipts
 * quote. --repair puts the triggers back and records that it did. */
#include "plantrack/cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plantrack/i18n.h"

struct verify_out {
    enum output_format format;
    size_t n;        /* findings printed */
    size_t rows_bad; /* findings a repair does not mend */
    char *found;     /* what a repair records */
    size_t found_len;
    FILE *found_f;
};

static const char *kind_name(enum log_finding_kind k)
{
    static const char *const N[] = {"changed", "removed", "unlinked",
                                    "trigger", "counts",  "damaged",
                                    "head",    "incident"};
    return N[k];
}

static void on_finding(void *ctx, const struct log_finding *f)
{
    struct verify_out *v = ctx;
    if (v->format == FORMAT_JSON) {
        fputs(v->n++ ? ",\n    {" : "\n    {", stdout);
        cmd_json_key(stdout, "kind", true);
        json_string(stdout, kind_name(f->kind));
        cmd_json_key(stdout, "row", false);
        printf("%lld", (long long)f->seq);
        cmd_json_key(stdout, "uuid", false);
        json_string(stdout, f->uuid);
        cmd_json_key(stdout, "what", false);
        json_string(stdout, f->what);
        fputs("}", stdout);
    } else {
        cmd_say(stdout, "%s%s\n",
                f->kind == LOG_FOUND_INCIDENT ? _("earlier: ") : _("found: "),
                f->what);
        v->n++;
    }
    if (f->kind != LOG_FOUND_INCIDENT && f->kind != LOG_FOUND_TRIGGER)
        v->rows_bad++;
    if (f->kind != LOG_FOUND_INCIDENT && v->found_f)
        fprintf(v->found_f, "%s%s", ftell(v->found_f) ? "; " : "", f->what);
}

int cmd_verify(const struct cli_opts *o)
{
    struct log *log;
    struct pt_error err;
    struct log_verify_result res;
    if (o->nargs)
        return cmd_bad_usage(_("verify takes no operand ('%s')"), o->args[0]);
    if (cmd_open_log(o, o->repair ? LOG_WRITE : LOG_READ, &log, &err) < 0)
        return cmd_report_err(&err);
    if (log_is_empty_placeholder(log)) {
        cmd_say(stderr, _("plantrack: %s: no log yet: nothing to verify\n"),
                log_path(log));
        if (!o->head) {
            log_close(log);
            return 0;
        }
        /* A head printed earlier: an empty log must not pass for it. */
    }
    struct verify_out v = {.format = o->format};
    v.found_f = open_memstream(&v.found, &v.found_len);
    if (v.format == FORMAT_JSON) {
        fputs("{", stdout);
        cmd_json_key(stdout, "log", true);
        json_string(stdout, log_path(log));
        cmd_json_key(stdout, "findings", false);
        fputs("[", stdout);
    }
    int rc = log_verify(log, o->head, on_finding, &v, &res, &err);
    fclose(v.found_f);
    if (rc < 0) {
        if (v.format == FORMAT_JSON)
            fputs("]}\n", stdout);
        free(v.found);
        log_close(log);
        return cmd_report_err(&err);
    }
    if (v.format == FORMAT_JSON) {
        fputs(v.n ? "\n  ]" : "]", stdout);
        cmd_json_key(stdout, "rows", false);
        printf("%lld", (long long)res.rows);
        cmd_json_key(stdout, "links", false);
        printf("%lld", (long long)res.links);
        cmd_json_key(stdout, "problems", false);
        printf("%lld", (long long)res.problems);
        cmd_json_key(stdout, "head", false);
        json_string(stdout, res.head);
        if (o->head) {
            cmd_json_key(stdout, "head_held", false);
            fputs(res.head_held ? "true" : "false", stdout);
            cmd_json_key(stdout, "rows_since_head", false);
            printf("%lld", (long long)res.since_head);
        }
        fputs("}\n", stdout);
    } else {
        if (res.problems == 0)
            cmd_say(stdout,
                    _("%s: %lld observation(s), each linked to the one "
                      "before: the chain is intact, the triggers are as "
                      "plantrack made them\n"),
                    log_path(log), (long long)res.rows);
        if (o->head && res.head_held)
            cmd_say(stdout,
                    _("the log still holds what head %.16s… covered; %lld "
                      "observation(s) were recorded since\n"),
                    o->head, (long long)res.since_head);
        printf(_("head: %s (%lld row(s))\n"), res.head, (long long)res.links);
    }
    int code = 0;
    if (res.problems && o->repair) {
        if (log_repair(log, v.found ? v.found : "", &err) < 0) {
            free(v.found);
            log_close(log);
            return cmd_report_err(&err);
        }
        cmd_say(stderr,
                _("plantrack: %s: the triggers are back as plantrack made "
                  "them and this repair is recorded in the log for good\n"),
                log_path(log));
        if (v.rows_bad) {
            cmd_say(stderr,
                    _("plantrack: %s: the rows changed or removed stay as "
                      "they are, and verify goes on reporting them\n"),
                    log_path(log));
            code = PT_EENV;
        }
    } else if (res.problems) {
        cmd_say(stderr,
                _("plantrack: %s: %lld problem(s) (listed above): the log was "
                  "changed behind plantrack's back; keep a copy of it as "
                  "evidence, see TAMPERING in plantrack(1)\n"),
                log_path(log), (long long)res.problems);
        code = PT_EENV;
    }
    free(v.found);
    log_close(log);
    return code;
}
