/* The unit-test runner: runs every registered case (or those whose name
 * contains argv[1]) and prints one "ok"/"not ok" line each. */
#include <locale.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plantrack/text.h"
#include "unit.h"

struct unit_case {
    const char *name;
    void (*fn)(void);
};

static struct unit_case cases[4096];
static int n_cases, failures_in_case;
static char tmp_root[64];

void unit_register(const char *name, void (*fn)(void))
{
    if (n_cases < (int)(sizeof cases / sizeof *cases))
        cases[n_cases++] = (struct unit_case){name, fn};
}

static void fail(const char *file, int line, const char *what)
{
    failures_in_case++;
    printf("#   %s:%d: %s\n", file, line, what);
}

bool unit_check(bool ok, const char *expr, const char *file, int line)
{
    if (!ok)
        fail(file, line, expr);
    return ok;
}

bool unit_check_str(const char *got, const char *want, const char *expr,
                    const char *file, int line)
{
    bool ok = got && want && strcmp(got, want) == 0;
    if (!ok) {
        char buf[2048];
        snprintf(buf, sizeof buf, "%s is \"%s\", want \"%s\"", expr,
                 got ? got : "(null)", want ? want : "(null)");
        fail(file, line, buf);
    }
    return ok;
}

bool unit_check_contains(const char *hay, const char *needle, const char *expr,
                         const char *file, int line)
{
    bool ok = hay && needle && strstr(hay, needle);
    if (!ok) {
        char buf[2048];
        snprintf(buf, sizeof buf, "%s is \"%s\", want it to contain \"%s\"",
                 expr, hay ? hay : "(null)", needle);
        fail(file, line, buf);
    }
    return ok;
}

bool unit_check_num(double got, double want, double eps, const char *expr,
                    const char *file, int line)
{
    bool ok = fabs(got - want) <= eps || (isnan(got) && isnan(want));
    if (!ok) {
        char buf[512];
        snprintf(buf, sizeof buf, "%s is %.10g, want %.10g (±%g)", expr, got,
                 want, eps);
        fail(file, line, buf);
    }
    return ok;
}

const char *unit_tmpdir(void)
{
    static char dir[128];
    static int k;
    snprintf(dir, sizeof dir, "%s/%d", tmp_root, ++k);
    mkdir(dir, 0700);
    return dir;
}

const char *unit_write(const char *dir, const char *name, const char *text)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    char sub[512];
    snprintf(sub, sizeof sub, "%s", path);
    char *slash = strrchr(sub, '/');
    if (slash) {
        *slash = '\0';
        mkdir(sub, 0700);
    }
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
    return path;
}

static void cleanup(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp_root);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", tmp_root);
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    text_init();
    snprintf(tmp_root, sizeof tmp_root, "/tmp/plantrack-unit-XXXXXX");
    if (!mkdtemp(tmp_root))
        return 2;
    atexit(cleanup);
    int failed = 0, run = 0;
    for (int i = 0; i < n_cases; i++) {
        if (argc > 1 && !strstr(cases[i].name, argv[1]))
            continue;
        failures_in_case = 0;
        cases[i].fn();
        run++;
        if (failures_in_case)
            failed++;
        printf("%s - unit: %s\n", failures_in_case ? "not ok" : "ok",
               cases[i].name);
        fflush(stdout);
    }
    return failed ? 1 : 0;
}
