/* Shared-server mode: a setgid plantrack that uses its group's rights to
 * open the shared log and for nothing else. */
#include "plantrack/shared.h"

#include <errno.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plantrack/i18n.h"

#ifndef SHARED_DIR
#define SHARED_DIR "/var/lib/plantrack"
#endif

/* The process's own state (its group ids) mirrored: one process, one
 * answer, set once in shared_init. */
static struct {
    bool on;
    gid_t group; /* the setgid group: effective only while raised */
    gid_t real;
} mode;

bool shared_mode(void)
{
    return mode.on;
}

const char *shared_dir(void)
{
    return SHARED_DIR;
}

void shared_raise(void)
{
    if (mode.on && setegid(mode.group) < 0) {
        /* Without them, the open fails (EACCES) and says so. */
    }
}

void shared_lower(void)
{
    /* Failing to put the rights down must not go on with them up. */
    if (mode.on && setegid(mode.real) < 0)
        abort();
}

static char *hidden_home;

void shared_terminal_begin(void)
{
    const char *home = getenv("HOME");
    if (!mode.on || !home)
        return;
    hidden_home = strdup(home);
    unsetenv("HOME");
}

void shared_terminal_end(void)
{
    if (!hidden_home)
        return;
    setenv("HOME", hidden_home, 1);
    free(hidden_home);
    hidden_home = NULL;
}

/* A value that names no file and no path: letters, digits and a few
 * marks, no slash, no "..". */
static bool plain_value(const char *v, const char *also, size_t max)
{
    size_t n = strlen(v);
    if (n == 0 || n > max || strstr(v, ".."))
        return false;
    for (const char *p = v; *p; p++) {
        unsigned char c = (unsigned char)*p;
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                  (c >= '0' && c <= '9') || strchr("_-.+@,=", c) ||
                  (also && strchr(also, c));
        if (!ok || c == 0)
            return false;
    }
    return true;
}

/* An absolute path for the user's own files (drafts), opened with the
 * user's rights. */
static bool user_path(const char *v)
{
    return v[0] == '/' && strlen(v) < 4096 && !strchr(v, '\n');
}

/* TZ names a zone under the system's zoneinfo ("Asia/Shanghai") or is a
 * POSIX rule ("CST-8"); never a file of the caller's choosing. */
static bool zone_value(const char *v)
{
    return v[0] != '/' && v[0] != ':' && plain_value(v, "/:<>", 64);
}

static void keep_environment(void)
{
    static const struct {
        const char *name;
        int kind; /* 0 plain, 1 zone, 2 user path, 3 number, 4 locale list */
    } KEEP[] = {
        {"TERM", 0},
        {"LANG", 0},
        {"LC_ALL", 0},
        {"LC_CTYPE", 0},
        {"LC_MESSAGES", 0},
        {"LC_TIME", 0},
        {"LC_NUMERIC", 0},
        {"LC_COLLATE", 0},
        {"LANGUAGE", 4},
        {"TZ", 1},
        {"HOME", 2},
        {"XDG_STATE_HOME", 2},
        {"XDG_CONFIG_HOME", 2},
        {"PLANTRACK_DRAFTS", 2},
        {"COLUMNS", 3},
        {"LINES", 3},
        {"NO_COLOR", 0},
    };
    enum { N = sizeof KEEP / sizeof *KEEP };
    char *val[N];
    for (size_t i = 0; i < N; i++) {
        const char *v = getenv(KEEP[i].name);
        bool ok =
            v && (KEEP[i].kind == 0   ? plain_value(v, NULL, 64)
                  : KEEP[i].kind == 1 ? zone_value(v)
                  : KEEP[i].kind == 2 ? user_path(v)
                  : KEEP[i].kind == 3
                      ? strspn(v, "0123456789") == strlen(v) && strlen(v) < 6
                      : plain_value(v, ":", 128));
        val[i] = ok ? strdup(v) : NULL;
    }
    clearenv();
    for (size_t i = 0; i < N; i++) {
        if (val[i])
            setenv(KEEP[i].name, val[i], 1);
        free(val[i]);
    }
}

int shared_init(struct pt_error *err)
{
    struct stat st;
    bool setgid_file =
        stat("/proc/self/exe", &st) == 0 && (st.st_mode & S_ISGID);
    gid_t real = getgid(), eff = getegid();
    if (!setgid_file && real == eff)
        return 0;
    mode.real = real;
    mode.group = setgid_file ? st.st_gid : eff;
    if (setgid_file && eff != st.st_gid && real != st.st_gid) {
        struct group *g = getgrgid(st.st_gid);
        return pt_fail(err, PT_EENV,
                       "plantrack is installed for a shared log (setgid to "
                       "group %s) but runs without that group's rights (a "
                       "file system mounted nosuid, or a user namespace): "
                       "nothing was done",
                       g ? g->gr_name : "?");
    }
    mode.on = true;
    /* No core file of a process that held the group's rights. */
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    keep_environment();
    if (setresgid((gid_t)-1, real, mode.group) < 0)
        return pt_fail(err, PT_EENV,
                       "plantrack: cannot set aside the group's "
                       "rights: %s",
                       strerror(errno));
    return 0;
}

int shared_check_db(const char *path, struct pt_error *err)
{
    if (!mode.on)
        return 0;
    size_t n = strlen(SHARED_DIR);
    const char *name = path + n + 1;
    if (strncmp(path, SHARED_DIR, n) != 0 || path[n] != '/' || !*name ||
        strchr(name, '/') || name[0] == '.')
        return pt_fail(err, PT_EUSER,
                       _("%s: on this shared server the log is in %s; a log "
                         "elsewhere cannot be given"),
                       path, SHARED_DIR);
    return 0;
}
