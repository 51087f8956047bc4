/* The viewer's search, one keystroke at a time, in-process: what `/` and
 * `|` cost per key at 20,000 targets without the terminal around them.
 *
 *   searchkeys PLANS-DIR QUERY...
 *
 * Loads the plans (no log: the search never reads it), builds the view as
 * the viewer does, prepares the search texts (timed: the viewer does it
 * once after its first paint), then types each query one character at a
 * time, first as `/` (the list keeps every row, matches marked) and then
 * as `|` (the list narrows to the matches), then backspaces it away in `|`
 * (each backspace widens the search again). Prints one line per query and
 * mode: the keystrokes, the median and the worst thread CPU time per key
 * (immune to other work on the machine, unlike wall time) and the matches
 * at the end. Under `valgrind --tool=callgrind --toggle-collect=view_search`
 * the same run gives instruction counts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "plantrack/log.h"
#include "plantrack/model.h"
#include "plantrack/plan.h"
#include "plantrack/view.h"

static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The byte lengths of the prefixes of s that end on a character. */
static size_t prefixes(const char *s, size_t *out, size_t max)
{
    size_t n = 0, len = strlen(s);
    for (size_t i = 1; i <= len && n < max; i++)
        if (i == len || ((unsigned char)s[i] & 0xC0) != 0x80)
            out[n++] = i;
    return n;
}

static void report(const char *query, const char *mode, double *ms, size_t n,
                   size_t hits)
{
    qsort(ms, n, sizeof *ms, cmp_double);
    printf("%-6s %-24s keys %2zu  median %7.3f ms  worst %7.3f ms  "
           "matches %zu\n",
           mode, query, n, ms[n / 2], ms[n - 1], hits);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: searchkeys PLANS-DIR QUERY...\n");
        return 2;
    }
    struct pt_error err;
    struct plan_set set = {0};
    struct log *log;
    struct model m;
    if (plan_set_load_dir(&set, argv[1], &err) < 0 ||
        log_open_placeholder(&log, "-", &err) < 0 ||
        model_init(&m, &set, log, (struct pt_date){2026, 6, 30}, &err) < 0) {
        fprintf(stderr, "searchkeys: %s\n", err.msg);
        return 2;
    }
    struct view v;
    view_init(&v, &m);
    double t0 = cpu_ms();
    view_prepare_search(&v);
    printf("targets %zu  prepare %.1f ms (once, after the first paint)\n",
           m.n_rows, cpu_ms() - t0);
    for (int a = 2; a < argc; a++) {
        const char *q = argv[a];
        size_t len[256], n = prefixes(q, len, 256);
        double ms[512];
        char buf[1024];
        for (int narrow = 0; narrow <= 1; narrow++) {
            for (size_t k = 0; k < n; k++) {
                snprintf(buf, sizeof buf, "%.*s", (int)len[k], q);
                double s = cpu_ms();
                view_search(&v, buf, narrow);
                ms[k] = cpu_ms() - s;
            }
            size_t hits = v.n_hits;
            report(q, narrow ? "|" : "/", ms, n, hits);
            if (narrow) { /* backspace it away */
                for (size_t k = n - 1; k-- > 0;) {
                    snprintf(buf, sizeof buf, "%.*s", (int)len[k], q);
                    double s = cpu_ms();
                    view_search(&v, buf, true);
                    ms[n - 2 - k] = cpu_ms() - s;
                }
                if (n > 1)
                    report(q, "|bksp", ms, n - 1, v.n_hits);
            }
            view_search(&v, "", false);
        }
    }
    view_free(&v);
    model_free(&m);
    return 0;
}
