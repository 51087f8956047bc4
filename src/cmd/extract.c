/* plantrack extract: a plan's published text into a cleaned source text
 * and a draft plan file that plantrack check accepts. */
#include "plantrack/cmd.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "plantrack/extract/clean.h"
#include "plantrack/extract/draft.h"
#include "plantrack/i18n.h"

#define EXTRACT_MAX_BYTES (16u << 20)

static char *read_all(const char *path, size_t *len, struct pt_error *err)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        pt_fail(err, PT_EUSER, _("cannot read %s: %s"), path, strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        if (n == cap) {
            if (cap >= EXTRACT_MAX_BYTES) {
                free(buf);
                buf = NULL;
                pt_fail(err, PT_EUSER, _("%s is too large (at most %u MB)"),
                        path, EXTRACT_MAX_BYTES >> 20);
                break;
            }
            cap *= 2;
            char *nb = realloc(buf, cap + 1);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0)
            break;
    }
    if (ferror(f) && buf) {
        free(buf);
        buf = NULL;
        pt_fail(err, PT_EUSER, _("cannot read %s: %s"), path, strerror(errno));
    }
    if (f != stdin)
        fclose(f);
    if (buf) {
        buf[n] = '\0';
        *len = n;
    }
    return buf;
}

/* A plan id from a file name: huzhou-2024.txt → huzhou-2024. */
static void id_from_path(const char *path, char *id, size_t cap)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t k = 0;
    for (const char *s = base; *s && *s != '.' && k + 1 < cap; s++) {
        char c = *s;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            id[k++] = c;
        else if (k > 0 && id[k - 1] != '-')
            id[k++] = '-';
    }
    while (k > 0 && id[k - 1] == '-')
        k--;
    id[k] = '\0';
    if (!k)
        snprintf(id, cap, "draft");
}

static bool id_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 64)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
              (i > 0 && s[i] == '-')))
            return false;
    return true;
}

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    if (slash == path)
        return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

/* Write via a temporary file renamed into place, so a failure leaves the
 * old file (or none), never half of one. */
static FILE *open_temp(const char *path, char **tmp, struct pt_error *err)
{
    if (asprintf(tmp, "%s.tmp.%ld", path, (long)getpid()) < 0) {
        *tmp = NULL;
        pt_fail(err, PT_EENV, "%s", _("out of memory"));
        return NULL;
    }
    FILE *f = fopen(*tmp, "wx");
    if (!f) {
        pt_fail(err, PT_EENV, _("cannot write %s: %s"), path, strerror(errno));
        free(*tmp);
        *tmp = NULL;
    }
    return f;
}

static int close_temp(FILE *f, char *tmp, const char *path,
                      struct pt_error *err)
{
    bool bad = fflush(f) != 0 || ferror(f);
    bad |= fsync(fileno(f)) != 0;
    bad |= fclose(f) != 0;
    if (bad || rename(tmp, path) != 0) {
        pt_fail(err, PT_EENV, _("cannot write %s: %s"), path, strerror(errno));
        unlink(tmp);
        free(tmp);
        return -1;
    }
    free(tmp);
    return 0;
}

static int refuse_existing(const char *path, bool force, struct pt_error *err)
{
    struct stat st;
    if (!force && stat(path, &st) == 0)
        return pt_fail(err, PT_EUSER,
                       _("%s exists: it may hold reviewed work; use --force "
                         "to replace it"),
                       path);
    return 0;
}

static int write_files(const struct cli_opts *o, const struct xplan *p,
                       const struct clean_result *c, const char *out,
                       char **source_path, struct pt_error *err)
{
    char *dir = dir_of(out);
    char *sources = NULL;
    if (!dir || asprintf(&sources, "%s/sources", dir) < 0 ||
        asprintf(source_path, "%s/%s.txt", sources, p->id) < 0) {
        free(dir);
        free(sources);
        *source_path = NULL;
        return pt_fail(err, PT_EENV, "%s", _("out of memory"));
    }
    /* the folder of the plan file, as mkdir -p makes it */
    for (char *sl = strchr(dir + 1, '/');; sl = strchr(sl + 1, '/')) {
        if (sl)
            *sl = '\0';
        if (mkdir(dir, 0777) < 0 && errno != EEXIST) {
            pt_fail(err, PT_EENV, _("cannot create %s: %s"), dir,
                    strerror(errno));
            free(dir);
            free(sources);
            return -1;
        }
        if (!sl)
            break;
        *sl = '/';
    }
    free(dir);
    int rc = refuse_existing(out, o->force, err);
    if (rc == 0)
        rc = refuse_existing(*source_path, o->force, err);
    if (rc == 0 && mkdir(sources, 0777) < 0 && errno != EEXIST)
        rc = pt_fail(err, PT_EENV, _("cannot create %s: %s"), sources,
                     strerror(errno));
    free(sources);
    char *tmp;
    FILE *f = rc == 0 ? open_temp(*source_path, &tmp, err) : NULL;
    if (rc == 0 && !f)
        rc = -1;
    if (f) {
        fwrite(c->text, 1, c->len, f);
        rc = close_temp(f, tmp, *source_path, err);
    }
    f = rc == 0 ? open_temp(out, &tmp, err) : NULL;
    if (rc == 0 && !f)
        rc = -1;
    if (f) {
        rc = extract_write_yaml(p, f, err);
        if (rc == 0)
            rc = close_temp(f, tmp, out, err);
        else {
            fclose(f);
            unlink(tmp);
            free(tmp);
        }
    }
    return rc;
}

/* The cleaning notes go into the plan's header comment. */
static void add_clean_notes(struct xplan *p, const struct clean_result *c)
{
    size_t k = strlen(p->header);
    k += (size_t)snprintf(p->header + k, sizeof p->header - k,
                          "\n\nCleaned text: sources/%s.txt.", p->id);
    for (size_t i = 0; i < c->n_notes && k < sizeof p->header; i++)
        k += (size_t)snprintf(p->header + k, sizeof p->header - k, "\n- %s",
                              c->notes[i]);
    if (k >= sizeof p->header)
        p->header[sizeof p->header - 1] = '\0';
}

int cmd_extract(const struct cli_opts *o)
{
    if (o->nargs != 1)
        return cmd_bad_usage(
            "%s", _("extract needs one text file: plantrack "
                    "extract FILE.txt [--id ID] [-o plans/ID.yaml]"));
    if (o->format_given && o->format != FORMAT_JSON)
        return cmd_bad_usage("%s",
                             _("extract writes a plan file; --format json "
                               "prints the targets as JSON"));
    struct pt_error err = {0};
    char id[72];
    if (o->id) {
        if (!id_ok(o->id))
            return cmd_bad_usage(_("--id must be lower-case letters, digits "
                                   "and '-', not '%s'"),
                                 o->id);
        snprintf(id, sizeof id, "%s", o->id);
    } else {
        id_from_path(o->output ? o->output : o->args[0], id, sizeof id);
    }
    size_t len;
    char *raw = read_all(o->args[0], &len, &err);
    if (!raw)
        return cmd_report_err(&err);
    struct clean_result c;
    if (clean_text(raw, len, &c, &err) < 0) {
        free(raw);
        return cmd_report_err(&err);
    }
    free(raw);
    const char *base = strrchr(o->args[0], '/');
    base = base ? base + 1 : o->args[0];
    struct xplan p;
    if (extract_run(c.text, c.len, id, base, &p, &err) < 0) {
        clean_result_free(&c);
        return cmd_report_err(&err);
    }
    add_clean_notes(&p, &c);
    int code = 0;
    char *out = NULL;
    if (o->output)
        out = strdup(o->output);
    else if (o->format != FORMAT_JSON &&
             asprintf(&out, "plans/%s.yaml", id) < 0)
        out = NULL;
    char *source_path = NULL;
    if (out && write_files(o, &p, &c, out, &source_path, &err) < 0)
        code = cmd_report_err(&err);
    if (code == 0 && o->format == FORMAT_JSON)
        extract_write_json(&p, stdout);
    if (code == 0 && out) {
        /* what plantrack check says of it, at once */
        struct plan_diags d = {0};
        struct plan *pl = plan_load(out, &d);
        size_t review = 0, inferred = 0;
        for (size_t i = 0; i < p.n_targets; i++) {
            review += p.targets[i].confidence < 0.6;
            inferred += !p.targets[i].lead_stated || !p.targets[i].year_stated;
        }
        FILE *msg = o->format == FORMAT_JSON ? stderr : stdout;
        cmd_say(msg,
                _("%s: %zu targets (%zu with an inferred lead or year, %zu "
                  "of low confidence), %zu agencies\n"),
                out, p.n_targets, inferred, review, p.n_agencies);
        cmd_say(msg, _("%s: the cleaned text\n"), source_path);
        for (size_t i = 0; i < c.n_notes; i++)
            cmd_say(msg, "  %s\n", c.notes[i]);
        if (pl) {
            cmd_say(msg,
                    _("plantrack check: no problems; review it with: "
                      "plantrack review %s\n"),
                    out);
        } else {
            cmd_print_diags(&d);
            fprintf(stderr, "%s\n",
                    _("plantrack: the draft does not pass plantrack check "
                      "(a bug: please report it)"));
            code = PT_EUSER;
        }
        plan_free(pl);
        plan_diags_free(&d);
    }
    free(out);
    free(source_path);
    xplan_free(&p);
    clean_result_free(&c);
    return code;
}
