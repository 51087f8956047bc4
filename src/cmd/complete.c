/* plantrack __complete WHAT: the words a shell may offer, one a line, taken
 * from the command table and from the plans in use (--plans), so that the
 * bash completion (completion/plantrack) stays true as they change. Hidden
 * from --help; documented in plantrack(1), SHELL COMPLETION. */
#include "plantrack/cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plantrack/i18n.h"
#include "plantrack/status.h"

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Print the strings of v sorted, each once. */
static void print_unique(const char **v, size_t n)
{
    qsort(v, n, sizeof *v, cmp_str);
    for (size_t i = 0; i < n; i++)
        if (i == 0 || strcmp(v[i], v[i - 1]) != 0)
            puts(v[i]);
}

static void print_plans(const struct plan_set *set)
{
    for (size_t i = 0; i < set->n; i++)
        puts(set->plans[i]->id);
}

static void print_targets(const struct plan_set *set)
{
    for (size_t i = 0; i < set->n; i++) {
        const struct plan *p = set->plans[i];
        for (size_t j = 0; j < p->n_targets; j++)
            printf("%s/%s\n", p->id, p->targets[j].id);
    }
}

/* The agencies' names, as --lead takes them, over all the plans. */
static int print_agencies(const struct plan_set *set)
{
    size_t n = 0;
    for (size_t i = 0; i < set->n; i++)
        n += set->plans[i]->n_agencies;
    const char **v = malloc((n ? n : 1) * sizeof *v);
    if (!v)
        return PT_EENV;
    n = 0;
    for (size_t i = 0; i < set->n; i++)
        for (size_t j = 0; j < set->plans[i]->n_agencies; j++)
            v[n++] = set->plans[i]->agencies[j].name;
    print_unique(v, n);
    free(v);
    return 0;
}

/* The years the targets fall due, as --year takes them. */
static void print_years(const struct plan_set *set)
{
    int lo = 9999, hi = 0;
    for (size_t i = 0; i < set->n; i++)
        for (size_t j = 0; j < set->plans[i]->n_targets; j++) {
            int y = set->plans[i]->targets[j].year;
            lo = y < lo ? y : lo;
            hi = y > hi ? y : hi;
        }
    for (int y = lo; y <= hi; y++)
        for (size_t i = 0; i < set->n; i++) {
            size_t j = 0;
            while (j < set->plans[i]->n_targets &&
                   set->plans[i]->targets[j].year != y)
                j++;
            if (j < set->plans[i]->n_targets) {
                printf("%d\n", y);
                break;
            }
        }
}

/* What comes from the plans: a completion says nothing when they cannot
 * be read (the shell offers nothing), and exits 0 all the same. */
static int print_from_plans(const struct cli_opts *o, const char *what)
{
    struct plan_set set = {0};
    struct pt_error err;
    int rc = 0;
    if (cmd_load_plans(o, &set, &err) == 0) {
        if (strcmp(what, "plans") == 0)
            print_plans(&set);
        else if (strcmp(what, "targets") == 0)
            print_targets(&set);
        else if (strcmp(what, "agencies") == 0)
            rc = print_agencies(&set);
        else
            print_years(&set);
    }
    plan_set_free(&set);
    return rc;
}

int cmd_complete(const struct cli_opts *o)
{
    static const char *const FROM_PLANS[] = {"plans", "targets", "agencies",
                                             "years"};
    const char *what = o->nargs == 1 ? o->args[0] : "";
    if (strcmp(what, "commands") == 0) {
        cli_print_commands(stdout);
        return 0;
    }
    if (strcmp(what, "options") == 0) {
        cli_print_options(stdout);
        return 0;
    }
    if (strcmp(what, "statuses") == 0) {
        for (int s = 0; s < ST_COUNT; s++)
            puts(status_name((enum status_code)s));
        return 0;
    }
    if (strcmp(what, "formats") == 0) {
        for (int f = 0; output_format_name((enum output_format)f); f++)
            puts(output_format_name((enum output_format)f));
        /* report's */
        for (int f = REPORT_HTML; f <= REPORT_MD; f++)
            puts(report_format_name((enum report_format)f));
        return 0;
    }
    for (size_t i = 0; i < sizeof FROM_PLANS / sizeof *FROM_PLANS; i++)
        if (strcmp(what, FROM_PLANS[i]) == 0)
            return print_from_plans(o, what);
    return cmd_bad_usage(_("__complete takes one of commands, options, "
                           "statuses, formats, plans, targets, agencies or "
                           "years, not '%s'"),
                         what);
}
