/* Drafts on disk: one small text file per target, "key=value" lines with
 * backslash escapes, replaced atomically on every save. */
#include "plantrack/draft.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plantrack/i18n.h"

static const char *const KEYS[ENTRY_NFIELDS] = {"date", "value", "unit",
                                                "source", "note"};

char *draft_dir(void)
{
    const char *env = getenv("PLANTRACK_DRAFTS");
    char *path = NULL;
    if (env && *env)
        return strdup(env);
    const char *xdg = getenv("XDG_STATE_HOME");
    int rc;
    if (xdg && *xdg == '/')
        rc = asprintf(&path, "%s/plantrack/drafts", xdg);
    else
        rc = asprintf(&path, "%s/.local/state/plantrack/drafts",
                      getenv("HOME") ? getenv("HOME") : "/tmp");
    return rc < 0 ? NULL : path;
}

char *draft_dir_for_log(const char *log_path)
{
    char *base = draft_dir(), *dir = NULL;
    char abs[2 * PATH_MAX + 2];
    if (!base)
        return NULL;
    /* The log's absolute path names it, even before it exists. */
    char real[PATH_MAX];
    if (realpath(log_path, real)) {
        snprintf(abs, sizeof abs, "%s", real);
    } else {
        char cwd[PATH_MAX];
        if (log_path[0] != '/' && getcwd(cwd, sizeof cwd))
            snprintf(abs, sizeof abs, "%s/%s", cwd, log_path);
        else
            snprintf(abs, sizeof abs, "%s", log_path);
    }
    uint32_t h = 2166136261u; /* FNV-1a */
    for (const char *p = abs; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    const char *name = strrchr(abs, '/');
    name = name ? name + 1 : abs;
    char safe[64];
    size_t n = 0;
    for (; *name && n + 1 < sizeof safe; name++)
        safe[n++] = strchr("/\\", *name) || (unsigned char)*name < 0x20
                        ? '_'
                        : *name;
    safe[n] = '\0';
    if (asprintf(&dir, "%s/%s-%08x", base, safe, h) < 0)
        dir = NULL;
    free(base);
    return dir;
}

static int mkdirs(const char *dir)
{
    char buf[PATH_MAX];
    snprintf(buf, sizeof buf, "%s", dir);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0700) < 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    return mkdir(buf, 0700) < 0 && errno != EEXIST ? -1 : 0;
}

/* Plan and target ids are [a-z0-9-] (plantrack-plans(5)); the uuid of an
 * imported observation could hold anything, so only its safe characters
 * reach the file name. */
static void file_name(char *buf, size_t len, const char *dir, const char *plan,
                      const char *target, const char *corrects)
{
    char id[40];
    size_t n = 0;
    for (const char *p = corrects ? corrects : ""; *p && n + 1 < sizeof id; p++)
        id[n++] = strchr("0123456789abcdefABCDEF-", *p) ? *p : '_';
    id[n] = '\0';
    if (n)
        snprintf(buf, len, "%s/%s__%s__%s.draft", dir, plan, target, id);
    else
        snprintf(buf, len, "%s/%s__%s.draft", dir, plan, target);
}

static void put_escaped(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == '\\')
            fputs("\\\\", f);
        else if (*s == '\n')
            fputs("\\n", f);
        else
            fputc(*s, f);
    }
}

int draft_save(const char *dir, const struct draft *d, struct pt_error *err)
{
    char path[PATH_MAX], tmp[PATH_MAX + 8];
    if (mkdirs(dir) < 0)
        return pt_fail(err, PT_EENV, _("cannot create %s: %s"), dir,
                       strerror(errno));
    file_name(path, sizeof path, dir, d->plan, d->target, d->corrects);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        if (fd >= 0)
            close(fd);
        return pt_fail(err, PT_EENV, _("cannot save the draft: %s"),
                       strerror(errno));
    }
    fprintf(f, "plan=%s\ntarget=%s\ncorrects=%s\nuuid=%s\n", d->plan, d->target,
            d->corrects, d->uuid);
    for (int i = 0; i < ENTRY_NFIELDS; i++) {
        fprintf(f, "%s=", KEYS[i]);
        put_escaped(f, d->fields[i]);
        fputc('\n', f);
    }
    bool ok = fflush(f) == 0 && fsync(fileno(f)) == 0;
    ok = fclose(f) == 0 && ok;
    if (!ok || rename(tmp, path) < 0) {
        int e = errno;
        unlink(tmp);
        return pt_fail(err, PT_EENV, _("cannot save the draft: %s"),
                       strerror(e));
    }
    return 0;
}

static void unescape(char *dst, size_t cap, const char *s)
{
    size_t n = 0;
    for (; *s && *s != '\n' && n + 1 < cap; s++) {
        if (*s == '\\' && s[1]) {
            s++;
            dst[n++] = *s == 'n' ? '\n' : *s;
        } else {
            dst[n++] = *s;
        }
    }
    dst[n] = '\0';
}

static int read_draft(const char *path, struct draft *d)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    struct stat st;
    memset(d, 0, sizeof *d);
    if (fstat(fileno(f), &st) == 0)
        d->saved = st.st_mtime;
    char line[DRAFT_FIELD_MAX * 2 + 64];
    while (fgets(line, sizeof line, f)) {
        char *eq = strchr(line, '=');
        if (!eq)
            continue;
        *eq = '\0';
        const char *v = eq + 1;
        if (strcmp(line, "plan") == 0)
            unescape(d->plan, sizeof d->plan, v);
        else if (strcmp(line, "target") == 0)
            unescape(d->target, sizeof d->target, v);
        else if (strcmp(line, "corrects") == 0)
            unescape(d->corrects, sizeof d->corrects, v);
        else if (strcmp(line, "uuid") == 0)
            unescape(d->uuid, sizeof d->uuid, v);
        for (int i = 0; i < ENTRY_NFIELDS; i++)
            if (strcmp(line, KEYS[i]) == 0)
                unescape(d->fields[i], sizeof d->fields[i], v);
    }
    fclose(f);
    return d->plan[0] && d->target[0];
}

int draft_load(const char *dir, const char *plan, const char *target,
               const char *corrects, struct draft *d)
{
    char path[PATH_MAX];
    file_name(path, sizeof path, dir, plan, target, corrects);
    return read_draft(path, d);
}

void draft_discard(const char *dir, const char *plan, const char *target,
                   const char *corrects)
{
    char path[PATH_MAX];
    file_name(path, sizeof path, dir, plan, target, corrects);
    unlink(path);
}

static int by_time(const void *a, const void *b)
{
    const struct draft *x = a, *y = b;
    return (x->saved > y->saved) - (x->saved < y->saved);
}

int draft_list(const char *dir, struct draft **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    struct dirent *e;
    size_t cap = 0;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < 7 || strcmp(e->d_name + len - 6, ".draft") != 0)
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 4;
            struct draft *v = realloc(*out, cap * sizeof *v);
            if (!v)
                break;
            *out = v;
        }
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (read_draft(path, &(*out)[*n]))
            (*n)++;
    }
    closedir(d);
    if (*n)
        qsort(*out, *n, sizeof **out, by_time);
    return 0;
}

bool draft_is_empty(const struct draft *d)
{
    /* The date alone is filled in by the form, not typed. */
    for (int i = ENTRY_VALUE; i < ENTRY_NFIELDS; i++)
        if (d->fields[i][0] && i != ENTRY_UNIT)
            return false;
    return true;
}
