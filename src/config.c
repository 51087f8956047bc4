/* The config file: read once at start, never fatal; problems are listed
 * with file and line for the user to fix. */
#include "plantrack/config.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plantrack/i18n.h"
#include "plantrack/text.h"

char *config_default_path(void)
{
    const char *env = getenv("PLANTRACK_CONFIG");
    char *path = NULL;
    if (env && *env)
        return strdup(env);
    const char *xdg = getenv("XDG_CONFIG_HOME");
    int rc;
    if (xdg && *xdg == '/')
        rc = asprintf(&path, "%s/plantrack/config", xdg);
    else
        rc = asprintf(&path, "%s/.config/plantrack/config",
                      getenv("HOME") ? getenv("HOME") : "/tmp");
    return rc < 0 ? NULL : path;
}

void config_problem(struct config *c, int line, const char *fmt, ...)
{
    char msg[600], *full = NULL;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    char **v = realloc(c->problems, (c->n_problems + 1) * sizeof *v);
    if (!v)
        return;
    c->problems = v;
    if (asprintf(&full, "%s:%d: %s", c->path ? c->path : "config", line,
                 msg) < 0)
        return;
    c->problems[c->n_problems++] = full;
}

/* A value without its quotes. */
static char *unquote(char *v)
{
    size_t n = strlen(v);
    if (n >= 2 && ((v[0] == '"' && v[n - 1] == '"') ||
                   (v[0] == '\'' && v[n - 1] == '\''))) {
        v[n - 1] = '\0';
        v++;
    }
    return v;
}

static int parse_bool(const char *v)
{
    static const char *const YES[] = {"on", "yes", "true", "1"};
    static const char *const NO[] = {"off", "no", "false", "0"};
    for (size_t i = 0; i < 4; i++) {
        if (strcmp(v, YES[i]) == 0)
            return 1;
        if (strcmp(v, NO[i]) == 0)
            return 0;
    }
    return -1;
}

static void set_string(char **dst, const char *v)
{
    free(*dst);
    *dst = strdup(v);
}

/* A path in the file: ~/ is the home folder. */
static void set_path(char **dst, const char *v)
{
    const char *home = getenv("HOME");
    if (v[0] == '~' && v[1] == '/' && home) {
        char *p = NULL;
        if (asprintf(&p, "%s%s", home, v + 1) >= 0) {
            free(*dst);
            *dst = p;
        }
        return;
    }
    set_string(dst, v);
}

static void add_bind(struct config *c, int line, char *rest)
{
    char *save = NULL;
    char *key = strtok_r(rest, " \t", &save);
    char *action = strtok_r(NULL, " \t", &save);
    char *extra = strtok_r(NULL, " \t", &save);
    if (!key || !action || extra) {
        config_problem(c, line, "%s",
                       _("bind needs a key and an action: bind KEY ACTION"));
        return;
    }
    struct config_bind *v = realloc(c->binds, (c->n_binds + 1) * sizeof *v);
    if (!v)
        return;
    c->binds = v;
    struct config_bind *b = &c->binds[c->n_binds++];
    snprintf(b->key, sizeof b->key, "%s", key);
    snprintf(b->action, sizeof b->action, "%s", action);
    b->line = line;
}

static void set_value(struct config *c, int line, const char *name,
                      char *value)
{
    char *v = unquote(value);
    if (strcmp(name, "plans") == 0) {
        set_path(&c->plans, v);
    } else if (strcmp(name, "db") == 0) {
        set_path(&c->db, v);
    } else if (strcmp(name, "language") == 0 || strcmp(name, "lang") == 0) {
        if (strcmp(v, "zh") == 0 || strcmp(v, "zh_CN") == 0)
            snprintf(c->lang, sizeof c->lang, "zh");
        else if (strcmp(v, "en") == 0)
            snprintf(c->lang, sizeof c->lang, "en");
        else if (strcmp(v, "auto") == 0)
            c->lang[0] = '\0';
        else
            config_problem(c, line, _("language must be zh, en or auto, not "
                                      "'%s'"),
                           v);
    } else if (strcmp(name, "mouse") == 0) {
        int b = parse_bool(v);
        if (b < 0)
            config_problem(c, line, _("mouse must be on or off, not '%s'"), v);
        else
            c->mouse = b;
    } else if (strcmp(name, "theme") == 0 || strcmp(name, "colors") == 0 ||
               strcmp(name, "colours") == 0) {
        if (strcmp(v, "default") && strcmp(v, "high-contrast") &&
            strcmp(v, "monochrome"))
            config_problem(c, line,
                           _("theme must be default, high-contrast or "
                             "monochrome, not '%s'"),
                           v);
        else
            snprintf(c->theme, sizeof c->theme, "%s", v);
    } else if (strcmp(name, "columns") == 0) {
        set_string(&c->columns, v);
    } else if (strcmp(name, "sort") == 0) {
        set_string(&c->sort, v);
    } else {
        config_problem(c, line,
                       _("unknown setting '%s' (plans, db, language, mouse, "
                         "theme, columns, sort, bind)"),
                       name);
    }
}

void config_load(struct config *c, const char *path)
{
    memset(c, 0, sizeof *c);
    c->mouse = -1;
    c->path = path ? strdup(path) : NULL;
    FILE *f = path ? fopen(path, "r") : NULL;
    if (!f) {
        if (path && errno != ENOENT)
            config_problem(c, 0, _("cannot read: %s"), strerror(errno));
        return;
    }
    char buf[4096];
    int line = 0;
    while (fgets(buf, sizeof buf, f)) {
        line++;
        char *hash = strchr(buf, '#');
        if (hash)
            *hash = '\0';
        char *s = text_trim(buf);
        if (!*s)
            continue;
        if (strncmp(s, "bind", 4) == 0 && (s[4] == ' ' || s[4] == '\t')) {
            add_bind(c, line, s + 5);
            continue;
        }
        char *eq = strchr(s, '=');
        if (!eq) {
            config_problem(c, line, "%s",
                           _("expected NAME = VALUE or bind KEY ACTION"));
            continue;
        }
        *eq = '\0';
        set_value(c, line, text_trim(s), text_trim(eq + 1));
    }
    fclose(f);
}

void config_free(struct config *c)
{
    free(c->path);
    free(c->plans);
    free(c->db);
    free(c->columns);
    free(c->sort);
    free(c->binds);
    for (size_t i = 0; i < c->n_problems; i++)
        free(c->problems[i]);
    free(c->problems);
    memset(c, 0, sizeof *c);
}

static int mkdir_parents(const char *path)
{
    char buf[PATH_MAX];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0755) < 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    return 0;
}

int config_save_value(const char *path, const char *name, const char *value,
                      struct pt_error *err)
{
    char tmp[PATH_MAX + 8];
    FILE *in = fopen(path, "r"), *out;
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    if (mkdir_parents(path) < 0 || !(out = fopen(tmp, "w"))) {
        if (in)
            fclose(in);
        return pt_fail(err, PT_EENV, _("cannot write %s: %s"), path,
                       strerror(errno));
    }
    bool done = false;
    char buf[4096];
    size_t nl = strlen(name);
    while (in && fgets(buf, sizeof buf, in)) {
        const char *s = buf;
        while (*s == ' ' || *s == '\t')
            s++;
        const char *after = s + nl;
        while (*after == ' ' || *after == '\t')
            after++;
        if (strncmp(s, name, nl) == 0 && *after == '=') {
            if (!done)
                fprintf(out, "%s = %s\n", name, value);
            done = true;
            continue;
        }
        fputs(buf, out);
    }
    if (!done)
        fprintf(out, "%s = %s\n", name, value);
    if (in)
        fclose(in);
    bool ok = fflush(out) == 0 && fsync(fileno(out)) == 0;
    ok = fclose(out) == 0 && ok;
    if (!ok || rename(tmp, path) < 0) {
        unlink(tmp);
        return pt_fail(err, PT_EENV, _("cannot write %s: %s"), path,
                       strerror(errno));
    }
    return 0;
}
