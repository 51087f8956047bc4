/* plantrack import: bring in the observations of another log (.db), of
 * an export (.csv), or new figures from a plain table (a filled-in
 * template from a spreadsheet: no uuids, recorded by the importing
 * account). A CSV may come from Excel or WPS: with a BOM, CRLF, or in
 * GB18030/GBK (converted, said so). Every row is checked before any is
 * written; rows already here are duplicates, rows whose id is here with
 * other content are conflicts, kept out; the rest go in, in batches short
 * enough that other sessions are never held up for long, with a receipt
 * of who imported what. */
#include "plantrack/cmd.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "plantrack/admit.h"
#include "plantrack/chain.h"
#include "plantrack/changeset.h"
#include "plantrack/encoding.h"
#include "plantrack/entry.h"
#include "plantrack/i18n.h"

/* What one import takes at most: a province's year of figures many times
 * over, and no more than memory comfortably holds. */
#define IMPORT_MAX_BYTES ((size_t)1 << 30)
#define IMPORT_MAX_ROWS 10000000
/* A batch ends after this long, so that the shared log is never held for
 * much more: the commit (its pages written and synced) comes on top, and
 * on a busy server the scheduler too; make bench measures the whole. */
#define IMPORT_BATCH_MS 150.0
/* Bad rows shown before the rest are only counted. */
#define IMPORT_MAX_SHOWN 100

/* A row of the file by its uuid: what later rows of the file need to know
 * (a duplicate or a conflict within the file; the target of a row they
 * correct). */
struct seen {
    unsigned char key[16]; /* the uuid's bytes; all zero: an empty slot */
    unsigned char digest[16];
    size_t line;
    size_t index;           /* in the file's rows */
    const struct target *t; /* NULL when the row was refused */
};

struct import {
    const struct cli_opts *o;
    const char *name; /* as the user named it */
    struct log *log;
    struct plan_set plans;
    struct admit *admit; /* the one check, its targets indexed */
    struct pt_date today;
    char *data; /* the whole file */
    size_t len;
    bool is_db;
    bool fresh; /* a table of new figures: no uuids */
    /* a sync's changeset (src/cmd/sync.c): its rows, and what sync does
     * before and after */
    const unsigned char *payload;
    size_t payload_len;
    const struct import_hooks *hooks;
    /* a table of new figures: where its columns are (-1: not there), the
     * ids given to its rows (the same in both passes), one time for all */
    int col[8];
    char (*ids)[37];
    size_t n_ids, cap_ids, rec, empty;
    char now[32];
    /* the first pass */
    struct seen *seen;
    size_t n_slots, n_used;
    unsigned char *keep; /* per row: 1 to write */
    size_t n_rows, cap_keep;
    size_t bad, duplicates, conflicts, new_rows;
    /* the second pass */
    size_t row, written;
    bool in_batch;
    struct timespec batch_start, last_progress;
    char defect[300]; /* why the current record cannot be read */
    bool progress;
    int failed;
    struct pt_error err;
};

static void say_row(struct import *im, size_t line, const char *what)
{
    if (im->bad + im->conflicts > IMPORT_MAX_SHOWN)
        return;
    if (im->is_db || im->payload)
        cmd_say(stderr, _("plantrack: %s: row %zu: %s\n"), im->name, line,
                what);
    else
        cmd_say(stderr, "plantrack: %s:%zu: %s\n", im->name, line, what);
}

static void uuid_key(const char *uuid, unsigned char key[16])
{
    size_t k = 0;
    for (const char *p = uuid; *p && k < 32; p++) {
        if (*p == '-')
            continue;
        int v = *p <= '9' ? *p - '0' : *p - 'a' + 10;
        if (k % 2 == 0)
            key[k / 2] = (unsigned char)(v << 4);
        else
            key[k / 2] |= (unsigned char)v;
        k++;
    }
}

/* The content of a row, every field, as 16 bytes. */
static void row_digest(const struct obs *o, unsigned char out[16])
{
    const char *text[] = {o->uuid,
                          o->plan,
                          o->target,
                          o->date,
                          o->has_value ? "" : o->state,
                          o->unit,
                          o->source,
                          o->note,
                          o->author,
                          o->host,
                          o->recorded_at,
                          o->corrects};
    struct chain_field f[13];
    unsigned char h[CHAIN_HASH_LEN];
    memset(f, 0, sizeof f);
    for (size_t i = 0; i < 12; i++) {
        f[i].type = CHAIN_TEXT;
        f[i].p = text[i] ? text[i] : "";
        f[i].n = strlen(f[i].p);
    }
    f[12].type = o->has_value ? CHAIN_REAL : CHAIN_NULL;
    f[12].r = o->value;
    chain_link(NULL, f, 13, h);
    memcpy(out, h, 16);
}

static struct seen *seen_slot(struct import *im, const unsigned char key[16])
{
    static const unsigned char empty[16];
    size_t h = 0;
    memcpy(&h, key, sizeof h); /* a v4 uuid's bytes are random */
    for (size_t i = h & (im->n_slots - 1);; i = (i + 1) & (im->n_slots - 1)) {
        struct seen *s = &im->seen[i];
        if (memcmp(s->key, key, 16) == 0 || memcmp(s->key, empty, 16) == 0)
            return s;
    }
}

/* Room for one more row in the table of rows seen (at most half full). */
static int seen_room(struct import *im)
{
    if ((im->n_used + 1) * 2 <= im->n_slots)
        return 0;
    struct import old = *im;
    im->n_slots = old.n_slots ? old.n_slots * 2 : 1024;
    im->seen = calloc(im->n_slots, sizeof *im->seen);
    if (!im->seen) {
        im->seen = old.seen;
        im->n_slots = old.n_slots;
        return pt_fail(&im->err, PT_EENV, "out of memory");
    }
    static const unsigned char empty[16];
    for (size_t i = 0; i < old.n_slots; i++)
        if (memcmp(old.seen[i].key, empty, 16) != 0)
            *seen_slot(im, old.seen[i].key) = old.seen[i];
    free(old.seen);
    return 0;
}

static int keep_row(struct import *im, bool keep)
{
    if (im->n_rows == im->cap_keep) {
        size_t cap = im->cap_keep ? im->cap_keep * 2 : 1024;
        unsigned char *v = realloc(im->keep, cap);
        if (!v)
            return pt_fail(&im->err, PT_EENV, "out of memory");
        im->keep = v;
        im->cap_keep = cap;
    }
    im->keep[im->n_rows++] = keep;
    return 0;
}

/* See check_row: the observation(s) a row corrects, looked up in the file
 * so far, then in the log. */
static int find_corrected(struct import *im, const struct obs *o,
                          struct obs *in_file, struct obs **corrected,
                          struct obs *from_log, bool *found)
{
    for (const char *p = o->corrects; *p;) {
        char id[37];
        size_t len = strcspn(p, " ");
        snprintf(id, sizeof id, "%.*s", (int)(len < 36 ? len : 36), p);
        p += len + (p[len] == ' ');
        unsigned char ck[16];
        uuid_key(id, ck);
        const struct seen *c = seen_slot(im, ck);
        const char *plan, *target;
        struct obs here;
        bool in_log = false;
        if (c->line && c->t) {
            plan = c->t->plan->id;
            target = c->t->id;
        } else if (log_find(im->log, id, &in_log, &here, &im->err) < 0) {
            return -1;
        } else if (in_log) {
            plan = here.plan;
            target = here.target;
        } else {
            if (*found)
                obs_clear(from_log);
            *found = false;
            *corrected = NULL;
            return 0;
        }
        bool other =
            strcmp(plan, o->plan) != 0 || strcmp(target, o->target) != 0;
        if (!*corrected || other) {
            if (*found)
                obs_clear(from_log);
            *found = false;
            if (in_log) {
                *from_log = here;
                *found = true;
                *corrected = from_log;
                in_log = false;
            } else {
                in_file->plan = (char *)plan;
                in_file->target = (char *)target;
                *corrected = in_file;
            }
        }
        if (in_log)
            obs_clear(&here);
        if (other)
            return 0;
    }
    return 0;
}

/* The first pass: every row checked, nothing written. */
static int check_row(struct import *im, const struct obs *o, size_t line)
{
    char why[400];
    if (im->n_rows >= IMPORT_MAX_ROWS)
        return pt_fail(&im->err, PT_EUSER,
                       _("%s: more than %d observations, more than one import "
                         "takes: split it"),
                       im->name, IMPORT_MAX_ROWS);
    if (o->defect || !admit_uuid(o->uuid)) {
        im->bad++;
        say_row(im, line,
                o->defect ? o->defect
                          : (snprintf(why, sizeof why,
                                      _("uuid '%s' is not a UUID"), o->uuid),
                             why));
        return keep_row(im, false);
    }
    enum log_fate fate;
    if (log_fate(im->log, o, &fate, &im->err) < 0)
        return -1;
    if (fate == LOG_FATE_DUPLICATE) {
        im->duplicates++;
        return keep_row(im, false);
    }
    if (fate == LOG_FATE_CONFLICT) {
        im->conflicts++;
        if (im->hooks && im->hooks->conflict(im->hooks->ctx, o) < 0)
            return pt_fail(&im->err, PT_EENV, "out of memory");
        snprintf(why, sizeof why,
                 _("conflict: observation %s is in the log with other "
                   "content; kept out (see plantrack log and correct it "
                   "there)"),
                 o->uuid);
        say_row(im, line, why);
        return keep_row(im, false);
    }
    unsigned char key[16], digest[16];
    if (seen_room(im) < 0)
        return -1;
    uuid_key(o->uuid, key);
    row_digest(o, digest);
    struct seen *s = seen_slot(im, key);
    if (s->line) {
        if (memcmp(s->digest, digest, 16) == 0) {
            im->duplicates++;
            return keep_row(im, false);
        }
        im->conflicts++;
        if (im->hooks && im->hooks->conflict(im->hooks->ctx, o) < 0)
            return pt_fail(&im->err, PT_EENV, "out of memory");
        /* Each of the two is named by its own line. */
        const char *fmt = im->is_db ? _("conflict: observation %s is also row "
                                        "%zu, with other content; both kept "
                                        "out")
                                    : _("conflict: observation %s is also on "
                                        "line %zu, with other content; both "
                                        "kept out");
        snprintf(why, sizeof why, fmt, o->uuid, s->line);
        say_row(im, line, why);
        snprintf(why, sizeof why, fmt, o->uuid, line);
        say_row(im, s->line, why);
        /* Neither is known to be right: the first goes no further. */
        if (im->keep[s->index]) {
            im->keep[s->index] = 0;
            im->new_rows--;
            im->conflicts++;
        }
        s->t = NULL;
        return keep_row(im, false);
    }
    /* A correction of rows earlier in the file or in the log (several when
     * it resolves competing ones): the check is given the first missing
     * one (as none), else the first of another target, else the first. */
    struct obs in_file = {0}, *corrected = NULL, from_log;
    bool found = false;
    if (o->corrects && *o->corrects && admit_uuid_list(o->corrects) &&
        find_corrected(im, o, &in_file, &corrected, &from_log, &found) < 0)
        return -1;
    int rc = admit_check(im->admit, im->today, o, corrected, why, sizeof why);
    if (found)
        obs_clear(&from_log);
    memcpy(s->key, key, 16);
    im->n_used++;
    memcpy(s->digest, digest, 16);
    s->line = line;
    s->index = im->n_rows;
    if (rc < 0) {
        im->bad++;
        say_row(im, line, why);
        return keep_row(im, false);
    }
    s->t = admit_target(im->admit, o->plan, o->target);
    im->new_rows++;
    return keep_row(im, true);
}

/* ---- the second pass: writing ---- */

static void show_progress(struct import *im, bool last)
{
    struct timespec now;
    if (!im->progress)
        return;
    clock_gettime(CLOCK_MONOTONIC, &now);
    long ms = (now.tv_sec - im->last_progress.tv_sec) * 1000 +
              (now.tv_nsec - im->last_progress.tv_nsec) / 1000000;
    if (!last && ms < 200)
        return;
    im->last_progress = now;
    fputc('\r', stderr);
    fprintf(stderr, _("importing: %zu of %zu new observation(s)"), im->written,
            im->new_rows);
    if (last)
        fputc('\n', stderr);
    fflush(stderr);
}

static double ms_since(const struct timespec *t0)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t0->tv_sec) * 1e3 +
           (double)(now.tv_nsec - t0->tv_nsec) / 1e6;
}

/* A row of the second pass: the same rows in the same order as the first
 * saw them; those it kept are written, a batch at a time. */
static int write_row(struct import *im, const struct obs *o, size_t line)
{
    size_t i = im->row++;
    if (i >= im->n_rows || !im->keep[i])
        return 0;
    if (!im->in_batch) {
        if (log_begin(im->log, &im->err) < 0)
            return -1;
        clock_gettime(CLOCK_MONOTONIC, &im->batch_start);
        im->in_batch = true;
    }
    enum log_fate fate;
    if (log_import_row(im->log, o, &fate, &im->err) < 0) {
        char why[sizeof im->err.msg];
        snprintf(why, sizeof why, "%s", im->err.msg);
        if (im->is_db)
            pt_fail(&im->err, im->err.code, _("%s: row %zu: %s"), im->name,
                    line, why);
        else
            pt_fail(&im->err, im->err.code, "%s:%zu: %s", im->name, line, why);
        return -1;
    }
    im->written += fate == LOG_FATE_NEW;
    if (ms_since(&im->batch_start) >= IMPORT_BATCH_MS) {
        if (log_commit(im->log, &im->err) < 0)
            return -1;
        im->in_batch = false;
        show_progress(im, false);
    }
    return 0;
}

/* ---- reading the file ---- */

/* A record of an export as an observation (its fields borrowed from the
 * reader); o->defect says what is wrong with the record itself. */
static void csv_obs(struct import *im, char **f, int nf, bool nul,
                    struct obs *o)
{
    memset(o, 0, sizeof *o);
    if (nf < 0) {
        o->defect = _("malformed CSV (a quote not closed, or a record over "
                      "1 MiB or of more than 256 fields)");
        return;
    }
    if (nf != CMD_OBS_NCOLUMNS) {
        snprintf(im->defect, sizeof im->defect,
                 _("%d fields where an export has %d"), nf, CMD_OBS_NCOLUMNS);
        o->defect = im->defect;
        return;
    }
    if (nul) {
        o->defect = _("a NUL byte in the record");
        return;
    }
    for (int i = 0; i < nf; i++)
        csv_unguard(f[i]);
    if (strlen(f[0]) >= sizeof o->uuid || strlen(f[3]) >= sizeof o->date ||
        strlen(f[11]) >= sizeof o->recorded_at) {
        o->defect = _("the uuid, date or recorded_at is too long");
        return;
    }
    snprintf(o->uuid, sizeof o->uuid, "%s", f[0]);
    o->plan = f[1];
    o->target = f[2];
    snprintf(o->date, sizeof o->date, "%s", f[3]);
    if (*f[4]) {
        if (text_parse_exact(f[4], &o->value) < 0) {
            snprintf(im->defect, sizeof im->defect,
                     _("value '%.40s' is not a number as export writes it"),
                     f[4]);
            o->defect = im->defect;
            return;
        }
        o->has_value = true;
    }
    o->state = f[5];
    o->unit = f[6];
    o->source = f[7];
    o->note = f[8];
    o->author = f[9];
    o->host = f[10];
    snprintf(o->recorded_at, sizeof o->recorded_at, "%s", f[11]);
    o->corrects = f[12];
}

typedef int (*row_fn)(struct import *im, const struct obs *o, size_t line);

/* The columns of a table of new figures (export --template writes them),
 * in English or in Chinese; any other column (indicator, lead...) is
 * there for the person filling it in and is not read. */
enum fresh_col {
    F_PLAN,
    F_TARGET,
    F_DATE,
    F_VALUE,
    F_STATE,
    F_UNIT,
    F_SOURCE,
    F_NOTE,
    F_NCOLS
};
static const char *const FRESH_NAMES[F_NCOLS][3] = {
    [F_PLAN] = {"plan", "方案", NULL},
    [F_TARGET] = {"target", "目标", "plan/target"},
    [F_DATE] = {"date", "日期", NULL},
    [F_VALUE] = {"value", "数值", "数据"},
    [F_STATE] = {"state", "状态", NULL},
    [F_UNIT] = {"unit", "单位", NULL},
    [F_SOURCE] = {"source", "来源", NULL},
    [F_NOTE] = {"note", "备注", NULL},
};

/* Where each column of a new-figures table is; true when the header is one
 * (a target, and a value or a state; no uuid). */
static bool fresh_header(struct import *im, char **f, int nf)
{
    for (int c = 0; c < F_NCOLS; c++)
        im->col[c] = -1;
    for (int i = 0; i < nf; i++) {
        char name[64];
        snprintf(name, sizeof name, "%s", text_trim(f[i]));
        for (char *p = name; *p; p++)
            if (*p >= 'A' && *p <= 'Z')
                *p = (char)(*p - 'A' + 'a');
        if (strcmp(name, "uuid") == 0)
            return false;
        for (int c = 0; c < F_NCOLS; c++)
            for (int k = 0; k < 3 && FRESH_NAMES[c][k]; k++)
                if (strcmp(name, FRESH_NAMES[c][k]) == 0 && im->col[c] < 0)
                    im->col[c] = i;
    }
    return im->col[F_TARGET] >= 0 &&
           (im->col[F_VALUE] >= 0 || im->col[F_STATE] >= 0);
}

static const char *fresh_field(const struct import *im, char **f, int nf,
                               enum fresh_col c)
{
    int i = im->col[c];
    return i >= 0 && i < nf ? text_trim(f[i]) : "";
}

/* The id of the table's rec-th row: made in the first pass, kept for the
 * second, so that the rows checked are the rows written. */
static const char *fresh_id(struct import *im)
{
    size_t i = im->rec++;
    if (i < im->n_ids)
        return im->ids[i];
    if (im->n_ids == im->cap_ids) {
        size_t cap = im->cap_ids ? im->cap_ids * 2 : 256;
        char(*v)[37] = realloc(im->ids, cap * sizeof *v);
        if (!v)
            return NULL;
        im->ids = v;
        im->cap_ids = cap;
    }
    log_new_uuid(im->ids[im->n_ids]);
    return im->ids[im->n_ids++];
}

/* A row of new figures as an observation, checked as add checks what an
 * official types (entry_parse), recorded by the importing account. Returns
 * 1 for a row left empty (a template row not filled in), else 0;
 * o->defect says what is wrong. Strings live in store. */
struct fresh_row {
    struct entry e;
    struct obs_input in;
    char plan[128], target[160];
};
static int fresh_obs(struct import *im, char **f, int nf, bool nul,
                     struct fresh_row *fr, struct obs *o)
{
    memset(o, 0, sizeof *o);
    if (nf < 0) {
        o->defect = _("malformed CSV (a quote not closed, or a record over "
                      "1 MiB or of more than 256 fields)");
        return 0;
    }
    const char *value = fresh_field(im, f, nf, F_VALUE);
    if (!*value)
        value = fresh_field(im, f, nf, F_STATE);
    const char *ref = fresh_field(im, f, nf, F_TARGET);
    if (!*value && !*fresh_field(im, f, nf, F_DATE) &&
        !*fresh_field(im, f, nf, F_SOURCE) && !*fresh_field(im, f, nf, F_NOTE))
        return 1;
    const char *id = fresh_id(im);
    if (!id) {
        o->defect = "out of memory";
        return 0;
    }
    snprintf(o->uuid, sizeof o->uuid, "%s", id);
    if (nul) {
        o->defect = _("a NUL byte in the record");
        return 0;
    }
    const char *slash = strchr(ref, '/');
    if (im->col[F_PLAN] >= 0 && !slash) {
        snprintf(fr->plan, sizeof fr->plan, "%s",
                 fresh_field(im, f, nf, F_PLAN));
        snprintf(fr->target, sizeof fr->target, "%s", ref);
    } else if (slash) {
        snprintf(fr->plan, sizeof fr->plan, "%.*s", (int)(slash - ref), ref);
        snprintf(fr->target, sizeof fr->target, "%s", slash + 1);
    } else {
        snprintf(im->defect, sizeof im->defect,
                 _("target '%.60s' is not written PLAN/TARGET (or give a "
                   "plan column)"),
                 ref);
        o->defect = im->defect;
        return 0;
    }
    const struct target *t = admit_target(im->admit, fr->plan, fr->target);
    if (!t) {
        snprintf(im->defect, sizeof im->defect,
                 _("no target '%.60s/%.60s' in the plans"), fr->plan,
                 fr->target);
        o->defect = im->defect;
        return 0;
    }
    const char *raw[ENTRY_NFIELDS] = {
        [ENTRY_DATE] = fresh_field(im, f, nf, F_DATE),
        [ENTRY_VALUE] = value,
        [ENTRY_UNIT] = fresh_field(im, f, nf, F_UNIT),
        [ENTRY_SOURCE] = fresh_field(im, f, nf, F_SOURCE),
        [ENTRY_NOTE] = fresh_field(im, f, nf, F_NOTE),
    };
    struct entry_check chk;
    if (entry_parse(t, raw, im->today, false, &fr->e, &chk) < 0) {
        size_t n = 0;
        im->defect[0] = '\0';
        for (int k = 0; k < ENTRY_NFIELDS && n < sizeof im->defect; k++)
            if (chk.msg[k][0])
                n += (size_t)snprintf(im->defect + n, sizeof im->defect - n,
                                      "%s%s: %s", n ? "; " : "",
                                      entry_field_name((enum entry_field)k),
                                      chk.msg[k]);
        o->defect = im->defect;
        return 0;
    }
    entry_input(&fr->e, t, NULL, &fr->in);
    o->plan = fr->plan;
    o->target = fr->target;
    snprintf(o->date, sizeof o->date, "%s", fr->in.date);
    o->has_value = fr->in.has_value;
    o->value = fr->in.value;
    o->state = (char *)(fr->in.has_value ? ""
                        : fr->in.state   ? fr->in.state
                                         : "");
    o->unit = (char *)(fr->in.unit ? fr->in.unit : "");
    o->source = (char *)(fr->in.source ? fr->in.source : "");
    o->note = (char *)(fr->in.note ? fr->in.note : "");
    o->author = (char *)log_author();
    o->host = (char *)log_host();
    snprintf(o->recorded_at, sizeof o->recorded_at, "%s", im->now);
    o->corrects = (char *)"";
    return 0;
}

static int each_csv_row(struct import *im, row_fn fn)
{
    struct csv_reader r = {.data = im->data, .len = im->len};
    int nf = csv_read(&r), rc = 0;
    bool header_ok = nf == CMD_OBS_NCOLUMNS && !im->o->fresh;
    for (int i = 0; header_ok && i < nf; i++)
        header_ok = strcmp(r.fields[i], CMD_OBS_COLUMNS[i]) == 0;
    im->fresh = !header_ok && nf > 0 && fresh_header(im, r.fields, nf);
    if (!header_ok && !im->fresh) {
        csv_reader_free(&r);
        if (im->o->fresh)
            return pt_fail(&im->err, PT_EUSER,
                           _("%s: not a table of new figures (its first line "
                             "must name the columns target, date, value or "
                             "state, source, note: see 'plantrack export "
                             "--template')"),
                           im->name);
        return pt_fail(&im->err, PT_EUSER,
                       _("%s: not a plantrack export, nor a table of new "
                         "figures (the first line must be the header of "
                         "'plantrack export', or name the columns target, "
                         "date, value, source, note as 'plantrack export "
                         "--template' writes them)"),
                       im->name);
    }
    im->rec = 0;
    while (rc == 0 && (nf = csv_read(&r)) != 0) {
        struct obs o;
        if (im->fresh) {
            struct fresh_row fr;
            if (fresh_obs(im, r.fields, nf, r.nul, &fr, &o)) {
                im->empty += fn == check_row;
                continue;
            }
            rc = fn(im, &o, r.line);
        } else {
            csv_obs(im, r.fields, nf, r.nul, &o);
            rc = fn(im, &o, r.line);
        }
        if (nf < 0) /* the reader cannot find where the next record starts */
            break;
    }
    csv_reader_free(&r);
    return rc;
}

struct db_pass {
    struct import *im;
    row_fn fn;
    int rc;
};

static int db_row(void *ctx, const struct obs *o)
{
    struct db_pass *p = ctx;
    p->rc = p->fn(p->im, o, (size_t)o->seq);
    return p->rc != 0;
}

struct cs_pass {
    struct import *im;
    row_fn fn;
    size_t row;
    int rc;
};

static int cs_row(void *ctx, const struct obs *o)
{
    struct cs_pass *p = ctx;
    p->rc = p->fn(p->im, o, ++p->row);
    return p->rc != 0;
}

static int each_row(struct import *im, row_fn fn)
{
    if (im->payload) {
        struct cs_pass p = {im, fn, 0, 0};
        char why[300];
        if (changeset_each(im->payload, im->payload_len, cs_row, &p, why,
                           sizeof why) < 0 &&
            p.rc == 0)
            return pt_fail(&im->err, PT_EUSER, "%s: %s", im->name, why);
        return p.rc;
    }
    if (!im->is_db)
        return each_csv_row(im, fn);
    struct db_pass p = {im, fn, 0};
    if (log_each_foreign(im->data, im->len, im->name, IMPORT_MAX_ROWS, db_row,
                         &p, &im->err) < 0)
        return -1;
    return p.rc;
}

/* The whole file, read with the user's own rights, at most
 * IMPORT_MAX_BYTES. */
static int read_input(struct import *im, const char *path)
{
    int fd = strcmp(path, "-") == 0 ? STDIN_FILENO
                                    : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return pt_fail(&im->err, PT_EUSER, "%s: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        if (fd != STDIN_FILENO)
            close(fd);
        return pt_fail(&im->err, PT_EUSER, _("%s is a directory"), path);
    }
    size_t cap = 1 << 16;
    im->data = malloc(cap);
    for (;;) {
        if (!im->data)
            break;
        if (im->len == cap) {
            if (cap > IMPORT_MAX_BYTES)
                break;
            char *d = realloc(im->data, cap * 2);
            if (!d) {
                free(im->data);
                im->data = NULL;
                break;
            }
            im->data = d;
            cap *= 2;
        }
        ssize_t n = read(fd, im->data + im->len, cap - im->len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int e = errno;
            if (fd != STDIN_FILENO)
                close(fd);
            return pt_fail(&im->err, PT_EUSER, "%s: %s", path, strerror(e));
        }
        if (n == 0)
            break;
        im->len += (size_t)n;
    }
    if (fd != STDIN_FILENO)
        close(fd);
    if (!im->data)
        return pt_fail(&im->err, PT_EENV, "out of memory");
    if (im->len > IMPORT_MAX_BYTES)
        return pt_fail(&im->err, PT_EUSER,
                       _("%s: more than %zu MiB, more than one import takes: "
                         "split it"),
                       path, IMPORT_MAX_BYTES >> 20);
    return 0;
}

/* A log copied while in use has its latest rows in its -wal: reading the
 * file alone would lose them without a word. */
static bool pending_wal(const char *path)
{
    char wal[4096];
    struct stat st;
    return strcmp(path, "-") != 0 &&
           snprintf(wal, sizeof wal, "%s-wal", path) < (int)sizeof wal &&
           stat(wal, &st) == 0 && st.st_size > 0;
}

static void free_import(struct import *im)
{
    free(im->ids);
    free(im->data);
    free(im->seen);
    free(im->keep);
    admit_free(im->admit);
    log_close(im->log);
    plan_set_free(&im->plans);
}

/* A table of new figures has no ids: imported twice, each figure would be
 * recorded twice. The same bytes imported before are refused. */
static int already_imported(struct import *im, const char *hex)
{
    struct log_import_info *v;
    size_t n;
    if (log_imports(im->log, &v, &n, &im->err) < 0)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++)
        if (strcmp(v[i].sha256, hex) == 0 && v[i].added > 0)
            rc = pt_fail(&im->err, PT_EUSER,
                         _("%s: these figures were imported already (import "
                           "%lld, %s, by %s): importing them again would "
                           "record each twice"),
                         im->name, (long long)v[i].id, v[i].at, v[i].run_by);
    log_imports_free(v, n);
    return rc;
}

static int fail_import(struct import *im)
{
    int rc = cmd_report_err(&im->err);
    free_import(im);
    return rc;
}

static int import_run(struct import *im, const unsigned char file_hash[]);

/* A CSV as UTF-8: a BOM (Excel's and WPS's "CSV UTF-8") taken off,
 * UTF-16 or GB18030/GBK (their plain "CSV" on Chinese Windows) converted
 * with a note; anything else refused by name, before a byte is stored. */
static int decode_csv(struct import *im)
{
    size_t bad;
    char why[400];
    enum encoding e = encoding_sniff(im->data, im->len, &bad);
    if (e == ENC_UTF8)
        return 0;
    char *utf8;
    size_t len;
    if (encoding_to_utf8(im->data, im->len, e, &utf8, &len, why, sizeof why) <
        0)
        return pt_fail(&im->err, PT_EUSER, "%s: %s", im->name, why);
    free(im->data);
    im->data = utf8;
    im->len = len;
    if (e != ENC_UTF8_BOM)
        cmd_say(stderr, _("plantrack: %s: read as %s and converted to UTF-8\n"),
                im->name, encoding_name(e));
    return 0;
}

int cmd_import(const struct cli_opts *o)
{
    struct import im = {.o = o, .today = date_today()};
    if (o->nargs != 1)
        return cmd_bad_usage("%s", _("import needs one FILE: a log (.db), a "
                                     "CSV from 'plantrack export', or a table "
                                     "of new figures"));
    im.name = o->args[0];
    if (read_input(&im, im.name) < 0)
        return fail_import(&im);
    im.is_db = im.len >= 16 && memcmp(im.data, "SQLite format 3", 16) == 0;
    if (im.is_db && o->fresh) {
        pt_fail(&im.err, PT_EUSER,
                _("%s is a log, not a table of new figures: import it "
                  "without --new"),
                im.name);
        return fail_import(&im);
    }
    unsigned char file_hash[CHAIN_HASH_LEN];
    chain_sha256(im.data, im.len, file_hash); /* the bytes as read */
    if (!im.is_db && decode_csv(&im) < 0)
        return fail_import(&im);
    return import_run(&im, file_hash);
}

/* Check every row, then write them under a receipt: the one way rows from
 * elsewhere (a file, a log, a sync) enter the log. */
static int import_run(struct import *im_, const unsigned char file_hash[])
{
    struct import im = *im_;
    const struct cli_opts *o = im.o;
    log_utc_now(im.now);
    if (im.is_db && pending_wal(im.name)) {
        pt_fail(&im.err, PT_EUSER,
                _("%s-wal beside it holds changes not yet in %s: open that "
                  "log once with plantrack where it was written (or run "
                  "sqlite3 %s 'PRAGMA wal_checkpoint(TRUNCATE)'), then import "
                  "it"),
                im.name, im.name, im.name);
        return fail_import(&im);
    }
    if (cmd_load_plans(o, &im.plans, &im.err) < 0)
        return fail_import(&im);
    if (im.plans.n_files_failed) {
        cmd_print_diags(&im.plans.diags);
        cmd_say(stderr,
                _("plantrack: %zu plan file(s) skipped because of the errors "
                  "above: rows of their plans are refused\n"),
                im.plans.n_files_failed);
    }
    if (cmd_open_log(o, LOG_WRITE, &im.log, &im.err) < 0)
        return fail_import(&im);
    if (im.hooks && im.hooks->opened(im.hooks->ctx, im.log, &im.err) < 0)
        return fail_import(&im);
    if (!(im.admit = admit_new(&im.plans)) ||
        admit_attach(im.log, &im.plans) < 0) {
        pt_fail(&im.err, PT_EENV, "out of memory");
        return fail_import(&im);
    }
    /* First every row is checked; nothing is written unless all pass. */
    if (log_read_begin(im.log, &im.err) < 0)
        return fail_import(&im);
    int rc = each_row(&im, check_row);
    log_read_end(im.log);
    if (rc < 0)
        return fail_import(&im);
    char hex[65];
    chain_hex(file_hash, hex);
    if (im.fresh && !o->dry_run && already_imported(&im, hex) != 0)
        return fail_import(&im);
    if (im.bad + im.conflicts > IMPORT_MAX_SHOWN)
        cmd_say(stderr,
                _("plantrack: %s: … and %zu more (only the first %d "
                  "are listed)\n"),
                im.name, im.bad + im.conflicts - IMPORT_MAX_SHOWN,
                IMPORT_MAX_SHOWN);
    if (o->dry_run) {
        cmd_say(stdout,
                _("%s: %zu row(s) would be added, %zu duplicate(s), %zu "
                  "conflict(s), %zu refused (listed above); nothing was "
                  "written (%s)\n"),
                im.name, im.new_rows, im.duplicates, im.conflicts, im.bad,
                im.payload ? "--dry-run" : "--check");
        if (im.empty)
            cmd_say(stdout, _("%zu row(s) left empty are not figures\n"),
                    im.empty);
        free_import(&im);
        return im.bad || im.conflicts ? PT_EUSER : 0;
    }
    if (im.bad && im.payload) {
        cmd_say(stderr,
                _("plantrack: %s: %zu row(s) refused (listed above): nothing "
                  "was applied; when they are of plans this log does not "
                  "have, give it those plans (--plans) and apply it again\n"),
                im.name, im.bad);
        free_import(&im);
        return PT_EUSER;
    }
    if (im.bad && !o->skip_bad) {
        cmd_say(stderr,
                _("plantrack: %s: %zu row(s) refused (listed above): nothing "
                  "was imported; correct them and import the file again, or "
                  "import the rest with --skip-bad\n"),
                im.name, im.bad);
        free_import(&im);
        return PT_EUSER;
    }
    if (im.bad)
        cmd_say(stderr,
                _("plantrack: %s: %zu row(s) refused (listed above) are "
                  "skipped (--skip-bad); the others are imported\n"),
                im.name, im.bad);
    unsigned char h[CHAIN_HASH_LEN];
    struct log_receipt rcpt = {
        .file = im.name,
        .bytes = (int64_t)im.len,
        .rows = (int64_t)im.n_rows,
        .new_rows = (int64_t)im.new_rows,
        .duplicates = (int64_t)im.duplicates,
        .conflicts = (int64_t)im.conflicts,
    };
    (void)h;
    memcpy(rcpt.sha256, hex, sizeof rcpt.sha256);
    if (im.hooks)
        rcpt.file = im.hooks->label;
    int64_t id, head_rows;
    char head_before[65];
    id = 0;
    /* A sync with nothing new leaves its own receipt only. */
    if (log_head(im.log, head_before, &head_rows, &im.err) < 0 ||
        ((!im.hooks || im.new_rows) &&
         log_import_start(im.log, &rcpt, &id, &im.err) < 0))
        return fail_import(&im);
    im.progress = isatty(STDERR_FILENO) && im.new_rows > 0;
    clock_gettime(CLOCK_MONOTONIC, &im.last_progress);
    rc = each_row(&im, write_row);
    if (rc == 0 && im.in_batch && log_commit(im.log, &im.err) < 0)
        rc = -1;
    if (rc < 0) {
        if (im.in_batch)
            log_rollback(im.log);
        if (im.progress)
            fputc('\n', stderr);
        cmd_report_err(&im.err);
        cmd_say(stderr,
                _("plantrack: the import stopped: %zu of %zu new "
                  "observation(s) were recorded (import %lld); import the "
                  "file again to finish\n"),
                im.written, im.new_rows, (long long)id);
        int code = im.err.code ? im.err.code : PT_EENV;
        free_import(&im);
        return code;
    }
    show_progress(&im, true);
    if (im.hooks) {
        struct import_counts c = {
            .rows = im.n_rows,
            .added = im.written,
            .duplicates = im.duplicates,
            .conflicts = im.conflicts,
            .import_id = id,
        };
        memcpy(c.head_before, head_before, sizeof c.head_before);
        memcpy(c.sha256, rcpt.sha256, sizeof c.sha256);
        rc = im.hooks->done(im.hooks->ctx, im.log, &c, &im.err);
        if (rc < 0)
            return fail_import(&im);
        free_import(&im);
        return rc;
    }
    cmd_say(stdout,
            _("imported %zu new observation(s) from %s (import %lld, sha256 "
              "%.16s…); %zu duplicate(s) were already in the log\n"),
            im.written, im.name, (long long)id, rcpt.sha256, im.duplicates);
    if (im.empty)
        cmd_say(stdout, _("%zu row(s) left empty are not figures\n"), im.empty);
    if (im.conflicts)
        cmd_say(stderr,
                _("plantrack: %zu conflicting row(s) were kept out (listed "
                  "above)\n"),
                im.conflicts);
    free_import(&im);
    return im.conflicts ? PT_EUSER : 0;
}

int cmd_import_changeset(const struct cli_opts *o, const char *name,
                         const unsigned char *payload, size_t len,
                         const unsigned char sha[32],
                         const struct import_hooks *hooks)
{
    struct import im = {.o = o, .today = date_today()};
    im.name = name;
    im.payload = payload;
    im.payload_len = len;
    im.hooks = hooks;
    return import_run(&im, sha);
}
