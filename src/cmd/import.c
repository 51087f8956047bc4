/* plantrack import: merge a log (.db) or an export (.csv). */
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

static bool uuid_ok(const char *s)
{
    if (strlen(s) != 36)
        return false;
    for (int i = 0; i < 36; i++) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        char c = s[i];
        if (dash ? c != '-'
                 : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    return true;
}

/* One CSV record of an export as an observation; "" when fine, else why. */
static const char *csv_to_obs(char **f, struct obs *ob)
{
    char err[160];
    struct pt_date d;
    memset(ob, 0, sizeof *ob);
    if (!uuid_ok(f[0]))
        return _("uuid is not a UUID");
    snprintf(ob->uuid, sizeof ob->uuid, "%s", f[0]);
    ob->plan = f[1];
    ob->target = f[2];
    if (!*f[1] || !*f[2])
        return _("plan and target are needed");
    if (text_parse_date(f[3], &d, err, sizeof err) < 0 || strlen(f[3]) != 10)
        return _("date is not YYYY-MM-DD");
    snprintf(ob->date, sizeof ob->date, "%s", f[3]);
    if (*f[4]) {
        const char *rest;
        if (text_parse_number(f[4], &ob->value, &rest, err, sizeof err) < 0 ||
            *rest)
            return _("value is not a number");
        ob->has_value = true;
        if (*f[5])
            return _("a row has a value or a state, not both");
    } else if (obs_state_parse(f[5]) == STATE_NONE) {
        return _("state must be done, in-progress or not-started");
    }
    ob->state = f[5];
    ob->unit = f[6];
    ob->source = f[7];
    ob->note = f[8];
    ob->author = f[9];
    ob->host = f[10];
    snprintf(ob->recorded_at, sizeof ob->recorded_at, "%s", f[11]);
    if (!*f[9] || !*f[11])
        return _("author and recorded_at are needed");
    ob->corrects = f[12];
    if (*f[12] && !uuid_ok(f[12]))
        return _("corrects is not a UUID");
    return "";
}

static int import_csv(struct log *log, const char *path, FILE *in,
                      size_t *added, size_t *skipped, struct pt_error *err)
{
    struct csv_reader r = {.in = in};
    const size_t ncols = sizeof CMD_OBS_COLUMNS / sizeof *CMD_OBS_COLUMNS;
    int nf = csv_read(&r);
    bool header_ok = nf == (int)ncols;
    for (size_t i = 0; header_ok && i < ncols; i++)
        header_ok = strcmp(r.fields[i], CMD_OBS_COLUMNS[i]) == 0;
    if (!header_ok) {
        csv_reader_free(&r);
        return pt_fail(err, PT_EUSER,
                       _("%s: not a plantrack export (the first line must be "
                         "the header of 'plantrack export')"),
                       path);
    }
    if (log_begin(log, err) < 0) {
        csv_reader_free(&r);
        return -1;
    }
    while ((nf = csv_read(&r)) != 0) {
        struct obs ob;
        const char *why = nf == (int)ncols ? csv_to_obs(r.fields, &ob)
                                           : _("wrong number of fields");
        if (nf < 0)
            why = _("malformed CSV");
        if (*why) {
            pt_fail(err, PT_EUSER, _("%s:%zu: %s; nothing was imported"), path,
                    r.line, why);
            goto fail;
        }
        bool was_added;
        if (log_import_row(log, &ob, &was_added, err) < 0)
            goto fail;
        *added += was_added;
        *skipped += !was_added;
    }
    csv_reader_free(&r);
    if (log_commit(log, err) < 0) {
        log_rollback(log);
        return -1;
    }
    return 0;
fail:
    csv_reader_free(&r);
    log_rollback(log);
    return -1;
}

int cmd_import(const struct cli_opts *o)
{
    struct log *log;
    struct pt_error err;
    size_t added = 0, skipped = 0;
    if (o->nargs != 1)
        return cmd_bad_usage("%s", _("import needs one FILE: a log (.db) or a "
                                     "CSV from 'plantrack export'"));
    const char *path = o->args[0];
    FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!in) {
        cmd_say(stderr, "plantrack: %s: %s\n", path, strerror(errno));
        return PT_EUSER;
    }
    char magic[16] = {0};
    size_t got = fread(magic, 1, sizeof magic, in);
    bool sqlite = got == 16 && memcmp(magic, "SQLite format 3", 16) == 0;
    if (cmd_open_log(o, LOG_WRITE, &log, &err) < 0) {
        if (in != stdin)
            fclose(in);
        return cmd_report_err(&err);
    }
    int rc;
    if (sqlite) {
        if (in != stdin)
            fclose(in);
        rc = log_merge(log, path, &added, &skipped, &err);
    } else {
        /* Put back what the sniff read: rewind a file, or read on from a
         * pipe with the bytes prepended. */
        if (in != stdin) {
            rewind(in);
            rc = import_csv(log, path, in, &added, &skipped, &err);
            fclose(in);
        } else {
            char *buf = NULL;
            size_t len = 0;
            FILE *mem = open_memstream(&buf, &len);
            fwrite(magic, 1, got, mem);
            int ch;
            while ((ch = fgetc(stdin)) != EOF)
                fputc(ch, mem);
            fclose(mem);
            FILE *again = fmemopen(buf, len, "rb");
            rc = import_csv(log, "-", again, &added, &skipped, &err);
            fclose(again);
            free(buf);
        }
    }
    log_close(log);
    if (rc < 0)
        return cmd_report_err(&err);
    printf(_("imported %zu observation(s); %zu already present\n"), added,
           skipped);
    return 0;
}
