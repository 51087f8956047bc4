/* The command line: check, status, add, correct, log, export, import. */
#include "plantrack/cli.h"

#include <errno.h>
#include <getopt.h>
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

int log_ensure_dir(const char *path, struct pt_error *err);

static const char *const COMMANDS[] = {
    [CMD_TUI] = "",
    [CMD_CHECK] = "check",
    [CMD_STATUS] = "status",
    [CMD_ADD] = "add",
    [CMD_CORRECT] = "correct",
    [CMD_LOG] = "log",
    [CMD_EXPORT] = "export",
    [CMD_IMPORT] = "import",
    [CMD_HELP] = "help",
    [CMD_VERSION] = "version",
};

static void usage(FILE *out)
{
    fputs(_("Usage: plantrack [OPTIONS] [COMMAND] [ARGS]\n"
            "\n"
            "Track the quantified targets of pollution-and-carbon plans.\n"
            "With no command, open the interactive viewer.\n"
            "\n"
            "Commands:\n"
            "  check [FILE|DIR...]       validate plan files (exit 1 on any "
            "error)\n"
            "  status                    how every target stands\n"
            "  add PLAN/TARGET --value V record an observation\n"
            "  correct ID --value V --note REASON\n"
            "                            record a correction of observation "
            "ID\n"
            "  log [PLAN/TARGET]         the observations, newest first\n"
            "  export                    every observation, for backup or "
            "merging\n"
            "  import FILE               merge a log (.db) or an export "
            "(.csv)\n"
            "\n"
            "Options (before or after the command):\n"
            "  --plans DIR       plan directory (default ./plans, else the "
            "installed plans)\n"
            "  --db FILE         progress log (default $PLANTRACK_DB, else\n"
            "                    $XDG_DATA_HOME/plantrack/progress.db)\n"
            "  --as-of DATE      judge status as of DATE (YYYY-MM-DD; default "
            "today)\n"
            "  --format F        table, csv or json\n"
            "  --plan ID  --year Y  --lead AGENCY  --status S[,S...]\n"
            "                    filters for status\n"
            "  --value V  --date D  --source S  --note N  --unit U\n"
            "                    the observation for add and correct\n"
            "  -h, --help        this help;  -V, --version  the version\n"
            "\n"
            "Statuses: met on-track needs-acceleration limited deterioration "
            "overdue\n"
            "          no-data done in-progress not-started\n"
            "Exit status: 0 fine, 1 bad input or validation, 2 the log or "
            "system.\n"
            "See plantrack(1) and plantrack-plans(5).\n"),
          out);
}

enum {
    OPT_PLANS = 256,
    OPT_DB,
    OPT_AS_OF,
    OPT_FORMAT,
    OPT_PLAN,
    OPT_YEAR,
    OPT_LEAD,
    OPT_STATUS,
    OPT_VALUE,
    OPT_DATE,
    OPT_SOURCE,
    OPT_NOTE,
    OPT_UNIT,
    OPT_CORRECTS,
};

static const struct option OPTIONS[] = {
    {"plans", required_argument, NULL, OPT_PLANS},
    {"db", required_argument, NULL, OPT_DB},
    {"as-of", required_argument, NULL, OPT_AS_OF},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"plan", required_argument, NULL, OPT_PLAN},
    {"year", required_argument, NULL, OPT_YEAR},
    {"lead", required_argument, NULL, OPT_LEAD},
    {"status", required_argument, NULL, OPT_STATUS},
    {"value", required_argument, NULL, OPT_VALUE},
    {"state", required_argument, NULL, OPT_VALUE},
    {"date", required_argument, NULL, OPT_DATE},
    {"source", required_argument, NULL, OPT_SOURCE},
    {"note", required_argument, NULL, OPT_NOTE},
    {"unit", required_argument, NULL, OPT_UNIT},
    {"corrects", required_argument, NULL, OPT_CORRECTS},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

/* printf for messages that carry text from outside (arguments, plan files,
 * the log): each line passes through text_sanitize, so no escape sequence
 * or other control character reaches the terminal. */
static void say(FILE *out, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void say(FILE *out, const char *fmt, ...)
{
    char *msg = NULL;
    va_list ap;
    va_start(ap, fmt);
    int n = vasprintf(&msg, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    for (char *line = msg; line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        char *safe = text_sanitize(line);
        fputs(safe ? safe : "", out);
        free(safe);
        if (nl)
            fputc('\n', out);
        line = nl ? nl + 1 : NULL;
    }
    free(msg);
}

static int bad_usage(const char *fmt, const char *arg)
{
    fputs("plantrack: ", stderr);
    say(stderr, fmt, arg);
    fputs(_("\nTry 'plantrack --help'.\n"), stderr);
    return PT_EUSER;
}

static int parse_statuses(const char *arg, unsigned *mask)
{
    char *copy = strdup(arg), *save = NULL;
    int rc = 0;
    for (char *tok = strtok_r(copy, ",", &save); tok;
         tok = strtok_r(NULL, ",", &save)) {
        int s = status_parse(text_trim(tok));
        if (s < 0) {
            rc = bad_usage(_("unknown status '%s'"), tok);
            break;
        }
        *mask |= 1u << s;
    }
    free(copy);
    return rc;
}

static const char *default_plans_dir(void)
{
    struct stat st;
    if (stat("plans", &st) == 0 && S_ISDIR(st.st_mode))
        return "plans";
    return DATADIR "/plans";
}

int cli_parse(int argc, char **argv, struct cli_opts *o)
{
    char err[200];
    int c, year_arg = 0;
    memset(o, 0, sizeof *o);
    o->format = FORMAT_TABLE;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "hV", OPTIONS, NULL)) != -1) {
        switch (c) {
        case OPT_PLANS:
            o->plans = optarg;
            break;
        case OPT_DB:
            free(o->db);
            o->db = strdup(optarg);
            break;
        case OPT_AS_OF:
            if (text_parse_date(optarg, &o->as_of, err, sizeof err) < 0)
                return bad_usage("--as-of: %s", err);
            o->as_of_given = true;
            break;
        case OPT_FORMAT: {
            int f = report_format_parse(optarg);
            if (f < 0)
                return bad_usage(_("--format must be table, csv or json, not "
                                   "'%s'"),
                                 optarg);
            o->format = (enum report_format)f;
            o->format_given = true;
            break;
        }
        case OPT_PLAN:
            o->filter.plan = optarg;
            break;
        case OPT_YEAR: {
            char *end;
            long y = strtol(optarg, &end, 10);
            if (*end || y < 2000 || y > 2100)
                return bad_usage(_("--year must be a year such as 2025, not "
                                   "'%s'"),
                                 optarg);
            o->filter.year = (int)y;
            year_arg = 1;
            break;
        }
        case OPT_LEAD:
            o->filter.lead = optarg;
            break;
        case OPT_STATUS:
            if (parse_statuses(optarg, &o->filter.statuses))
                return PT_EUSER;
            break;
        case OPT_VALUE:
            o->value = optarg;
            break;
        case OPT_DATE:
            o->date = optarg;
            break;
        case OPT_SOURCE:
            o->source = optarg;
            break;
        case OPT_NOTE:
            o->note = optarg;
            break;
        case OPT_UNIT:
            o->unit = optarg;
            break;
        case OPT_CORRECTS:
            o->corrects = optarg;
            break;
        case 'h':
            o->command = CMD_HELP;
            return 0;
        case 'V':
            o->command = CMD_VERSION;
            return 0;
        case ':':
            return bad_usage(_("option '%s' needs a value"), argv[optind - 1]);
        default:
            return bad_usage(_("unknown option '%s'"), argv[optind - 1]);
        }
    }
    (void)year_arg;
    o->args = argv + optind;
    o->nargs = argc - optind;
    if (o->nargs > 0) {
        size_t i;
        for (i = 1; i < sizeof COMMANDS / sizeof *COMMANDS; i++)
            if (strcmp(o->args[0], COMMANDS[i]) == 0)
                break;
        if (i == sizeof COMMANDS / sizeof *COMMANDS)
            return bad_usage(_("unknown command '%s'"), o->args[0]);
        o->command = (enum cli_command)i;
        o->args++;
        o->nargs--;
    }
    if (!o->plans) {
        o->plans = default_plans_dir();
        o->plans_is_default = true;
    }
    if (!o->db) {
        o->db = log_default_path();
        o->db_is_default = !getenv("PLANTRACK_DB") || !*getenv("PLANTRACK_DB");
    }
    if (!o->as_of_given)
        o->as_of = date_today();
    return 0;
}

void cli_opts_free(struct cli_opts *o)
{
    free(o->db);
}

/* ---- shared ---- */

static int report_err(const struct pt_error *e)
{
    say(stderr, "plantrack: %s\n", e->msg);
    return e->code ? e->code : PT_EENV;
}

static void print_diags(const struct plan_diags *d)
{
    for (size_t i = 0; i < d->n; i++)
        fprintf(stderr, "%s\n", d->lines[i]);
}

static int open_log(const struct cli_opts *o, enum log_mode mode,
                    struct log **log, struct pt_error *err)
{
    if (mode == LOG_WRITE && o->db_is_default && log_ensure_dir(o->db, err) < 0)
        return -1;
    return log_open(log, o->db, mode, err);
}

/* The plan directory, with advice when the default one is missing. */
static int load_plans(const struct cli_opts *o, struct plan_set *set,
                      struct pt_error *err)
{
    if (plan_set_load_dir(set, o->plans, err) == 0)
        return 0;
    if (o->plans_is_default)
        pt_fail(err, PT_EUSER,
                _("no plans: there is no ./plans here and %s does not exist; "
                  "give --plans DIR"),
                o->plans);
    return -1;
}

/* Loaded plans and the log as a model (which takes the set); the whole
 * log is read only when `scan` is set (add reads just its one target). */
static int model_of(const struct cli_opts *o, struct plan_set *set,
                    enum log_mode mode, bool scan, struct model *m,
                    struct pt_error *err)
{
    struct log *log;
    if (open_log(o, mode, &log, err) < 0) {
        plan_set_free(set);
        return -1;
    }
    if (model_init_scan(m, set, log, o->as_of, scan, err) < 0) {
        model_free(m);
        return -1;
    }
    return 0;
}

static int load_model(const struct cli_opts *o, enum log_mode mode, bool scan,
                      struct model *m, struct pt_error *err)
{
    struct plan_set set = {0};
    if (load_plans(o, &set, err) < 0)
        return -1;
    return model_of(o, &set, mode, scan, m, err);
}

/* For add and correct: when plans/PLAN.yaml declares PLAN with TARGET,
 * only that file is read, so recording a figure takes milliseconds however
 * many plans a province keeps. Anything else (another file name, an error
 * in the file, a misspelt target to suggest a fix for) reads them all. */
static bool load_one_plan(const struct cli_opts *o, const char *ref,
                          struct plan_set *set)
{
    const char *slash = strchr(ref, '/');
    size_t n = slash ? (size_t)(slash - ref) : 0;
    if (n == 0 || n > 64 ||
        strspn(ref, "abcdefghijklmnopqrstuvwxyz"
                    "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                    "0123456789-_") != n)
        return false;
    char *path = NULL;
    if (asprintf(&path, "%s/%.*s.yaml", o->plans, (int)n, ref) < 0)
        return false;
    struct pt_error err;
    int rc = plan_set_load_paths(set, &path, 1, &err);
    free(path);
    if (rc == 0 && set->n == 1 && set->n_files_failed == 0 &&
        strlen(set->plans[0]->id) == n &&
        strncmp(set->plans[0]->id, ref, n) == 0 &&
        plan_find_target(set->plans[0], slash + 1))
        return true;
    plan_set_free(set);
    return false;
}

static int load_model_for(const struct cli_opts *o, const char *ref,
                          struct model *m, struct pt_error *err)
{
    struct plan_set set = {0};
    if (!load_one_plan(o, ref, &set))
        return load_model(o, LOG_WRITE, false, m, err);
    return model_of(o, &set, LOG_WRITE, false, m, err);
}

int cli_load_model(const struct cli_opts *o, enum log_mode mode,
                   struct model *m, struct pt_error *err)
{
    return load_model(o, mode, true, m, err);
}

/* Plans that were skipped, and observations of unknown targets, on stderr
 * so that scripts reading stdout are not disturbed. */
static void warn_model(const struct model *m)
{
    if (m->plans.n_files_failed) {
        print_diags(&m->plans.diags);
        fprintf(stderr,
                _("plantrack: %zu plan file(s) skipped because of the errors "
                  "above; run 'plantrack check'\n"),
                m->plans.n_files_failed);
    }
    for (size_t i = 0; i < m->n_orphans; i++) {
        char *p = text_sanitize(m->orphans[i].plan);
        char *t = text_sanitize(m->orphans[i].target);
        fprintf(stderr,
                _("plantrack: %d observation(s) for %s/%s, a target not in "
                  "the plans, are kept: see 'plantrack log %s/%s'\n"),
                m->orphans[i].n, p, t, p, t);
        free(p);
        free(t);
    }
}

static int terminal_width(void)
{
    struct winsize ws;
    const char *env = getenv("COLUMNS");
    if (!isatty(STDOUT_FILENO))
        return 0;
    if (env && atoi(env) > 20)
        return atoi(env);
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20)
        return ws.ws_col;
    return 80;
}

/* ---- check ---- */

static int cmd_check(const struct cli_opts *o)
{
    struct plan_set set = {.check_quotes = true};
    struct pt_error err;
    int rc;
    if (o->nargs > 0)
        rc = plan_set_load_paths(&set, o->args, (size_t)o->nargs, &err);
    else
        rc = load_plans(o, &set, &err);
    if (rc < 0) {
        plan_set_free(&set);
        return report_err(&err);
    }
    print_diags(&set.diags);
    int code = 0;
    if (set.diags.n) {
        printf(_("%zu plan(s), %zu target(s) loaded\n"), set.n, set.n_targets);
        fprintf(stderr,
                _("plantrack: %zu problem(s); %zu file(s) not "
                  "loaded\n"),
                set.diags.n, set.n_files_failed);
        code = PT_EUSER;
    } else if (set.n == 0) {
        say(stderr, _("plantrack: no plan files (*.yaml) in %s\n"),
            o->nargs ? o->args[0] : o->plans);
        code = PT_EUSER;
    } else {
        printf(_("%zu plan(s), %zu target(s): no problems\n"), set.n,
               set.n_targets);
    }
    plan_set_free(&set);
    return code;
}

/* ---- status ---- */

static void json_key(FILE *out, const char *k, bool first)
{
    if (!first)
        fputs(", ", out);
    json_string(out, k);
    fputs(": ", out);
}

static void json_status_row(FILE *out, const struct model_row *r)
{
    const struct target *t = r->t;
    const struct status *st = &r->st;
    char why[512], date[11];
    status_explain(t, st, why, sizeof why);
    fputs("  {", out);
    json_key(out, "plan", true);
    json_string(out, t->plan->id);
    json_key(out, "target", false);
    json_string(out, t->id);
    json_key(out, "year", false);
    fprintf(out, "%d", t->year);
    json_key(out, "indicator", false);
    json_string(out, t->indicator);
    json_key(out, "comparator", false);
    json_string(out, comparator_name(t->cmp));
    json_key(out, "value", false);
    json_number(out, t->has_value ? t->value : NAN);
    json_key(out, "unit", false);
    json_string(out, t->unit);
    json_key(out, "baseline_year", false);
    if (t->baseline_year)
        fprintf(out, "%d", t->baseline_year);
    else
        fputs("null", out);
    json_key(out, "baseline_value", false);
    json_number(out, t->has_baseline_value ? t->baseline_value : NAN);
    json_key(out, "lead", false);
    json_string(out, target_lead(t)->name);
    json_key(out, "support", false);
    fputc('[', out);
    for (size_t i = 0; i < t->n_support; i++) {
        if (i)
            fputs(", ", out);
        json_string(out, t->plan->agencies[t->support[i]].name);
    }
    fputc(']', out);
    json_key(out, "status", false);
    json_string(out, status_name(st->code));
    json_key(out, "method", false);
    json_string(out, status_method_name(st->method));
    json_key(out, "ratio", false);
    json_number(out, st->ratio);
    json_key(out, "baseline_used", false);
    json_number(out, st->y0);
    json_key(out, "projected_value", false);
    json_number(out, st->has_projection ? st->projected : NAN);
    json_key(out, "why", false);
    json_string(out, why);
    json_key(out, "latest_value", false);
    if (!r->sum.has_latest)
        fputs("null", out);
    else if (r->sum.latest.has_value)
        json_number(out, r->sum.latest.value);
    else
        json_string(out, obs_state_name(r->sum.latest.state));
    json_key(out, "latest_date", false);
    if (r->sum.has_latest) {
        date_format(r->sum.latest.date, date);
        json_string(out, date);
    } else {
        fputs("null", out);
    }
    json_key(out, "observations", false);
    fprintf(out, "%d", r->sum.n);
    json_key(out, "firmness", false);
    json_string(out, t->firmness == STRIVING ? "striving" : "firm");
    json_key(out, "deferred", false);
    fputs(t->deferred ? "true" : "false", out);
    json_key(out, "domain", false);
    json_string(out, t->domain);
    json_key(out, "section", false);
    fputc('[', out);
    for (size_t i = 0; i < t->n_sections; i++) {
        if (i)
            fputs(", ", out);
        json_string(out, t->sections[i]);
    }
    fputs("]}", out);
}

static const char *const STATUS_COLUMNS[] = {
    "plan",        "target",        "year",
    "indicator",   "comparator",    "value",
    "unit",        "baseline_year", "lead",
    "support",     "status",        "latest_value",
    "latest_date", "observations",  "projected_value",
    "why",
};

static void csv_status_row(FILE *out, const struct model_row *r)
{
    const struct target *t = r->t;
    char num[64], year[16], by[16], latest[96], date[11] = "", n[16], proj[64];
    char why[512], support[1024] = "";
    text_format_number(t->value, num, sizeof num);
    snprintf(year, sizeof year, "%d", t->year);
    snprintf(by, sizeof by, "%d", t->baseline_year);
    for (size_t i = 0; i < t->n_support; i++) {
        size_t used = strlen(support);
        snprintf(support + used, sizeof support - used, "%s%s", i ? "; " : "",
                 t->plan->agencies[t->support[i]].name);
    }
    latest[0] = '\0';
    if (r->sum.has_latest) {
        if (r->sum.latest.has_value)
            text_format_number(r->sum.latest.value, latest, sizeof latest);
        else
            snprintf(latest, sizeof latest, "%s",
                     obs_state_name(r->sum.latest.state));
        date_format(r->sum.latest.date, date);
    }
    snprintf(n, sizeof n, "%d", r->sum.n);
    proj[0] = '\0';
    if (r->st.has_projection)
        text_format_number(r->st.projected, proj, sizeof proj);
    status_explain(t, &r->st, why, sizeof why);
    const char *cells[] = {
        t->plan->id,
        t->id,
        year,
        t->indicator,
        comparator_name(t->cmp),
        t->has_value ? num : "",
        t->unit,
        t->baseline_year ? by : "",
        target_lead(t)->name,
        support,
        status_name(r->st.code),
        latest,
        date,
        n,
        proj,
        why,
    };
    for (size_t i = 0; i < sizeof cells / sizeof *cells; i++)
        csv_field(out, cells[i], i + 1 == sizeof cells / sizeof *cells);
}

static void table_status_row(struct table *tb, const struct model_row *r)
{
    const struct target *t = r->t;
    char mark[96], year[8], stmt[256], latest[96], date[11] = "-", ref[160];
    snprintf(mark, sizeof mark, "%c %s", status_mark(r->st.code),
             status_label(r->st.code));
    snprintf(year, sizeof year, "%d", t->year);
    snprintf(ref, sizeof ref, "%s/%s", t->plan->id, t->id);
    target_statement(t, stmt, sizeof stmt);
    model_row_latest(r, latest, sizeof latest);
    if (r->sum.has_latest)
        date_format(r->sum.latest.date, date);
    const char *cells[] = {mark, year,   ref,  t->indicator,
                           stmt, latest, date, target_lead(t)->name};
    table_add(tb, cells);
}

static int cmd_status(const struct cli_opts *o)
{
    struct model m;
    struct pt_error err;
    if (o->nargs > 0)
        return bad_usage(_("status takes no operand ('%s'): use --plan, "
                           "--year, --lead, --status"),
                         o->args[0]);
    if (cli_load_model(o, LOG_READ, &m, &err) < 0)
        return report_err(&err);
    warn_model(&m);
    if (o->filter.plan && !plan_set_find_plan(&m.plans, o->filter.plan)) {
        say(stderr, _("plantrack: no plan '%s'\n"), o->filter.plan);
        model_free(&m);
        return PT_EUSER;
    }
    int counts[ST_COUNT] = {0}, shown = 0;
    struct table *tb = NULL;
    if (o->format == FORMAT_TABLE) {
        const char *h[] = {_("STATUS"),    _("YEAR"),   _("PLAN/TARGET"),
                           _("INDICATOR"), _("TARGET"), _("LATEST"),
                           _("DATE"),      _("LEAD")};
        /* At 80 columns the date and the lead (often the filter itself)
         * go before the indicator is cut below 8 Chinese characters. */
        static const struct table_fit fit = {
            .shrink = {{3, 16}, {2, 16}, {4, 12}, {5, 8}, {7, 8}},
            .n_shrink = 5,
            .drop = {6, 7},
            .n_drop = 2,
        };
        tb = table_new(8, h, &fit);
        table_align_right(tb, 5);
    } else if (o->format == FORMAT_JSON) {
        fputs("[\n", stdout);
    } else {
        for (size_t i = 0; i < sizeof STATUS_COLUMNS / sizeof *STATUS_COLUMNS;
             i++)
            csv_field(stdout, STATUS_COLUMNS[i],
                      i + 1 == sizeof STATUS_COLUMNS / sizeof *STATUS_COLUMNS);
    }
    for (size_t i = 0; i < m.n_rows; i++) {
        const struct model_row *r = &m.rows[i];
        if (!model_row_matches(r, &o->filter))
            continue;
        counts[r->st.code]++;
        if (o->format == FORMAT_TABLE) {
            table_status_row(tb, r);
        } else if (o->format == FORMAT_JSON) {
            if (shown)
                fputs(",\n", stdout);
            json_status_row(stdout, r);
        } else {
            csv_status_row(stdout, r);
        }
        shown++;
    }
    if (o->format == FORMAT_TABLE) {
        table_print(tb, stdout, terminal_width());
        table_free(tb);
        char as_of[11];
        date_format(o->as_of, as_of);
        char by_status[512] = "";
        size_t n = 0;
        const char *sep = "";
        for (int s = 0; s < ST_COUNT && n < sizeof by_status; s++)
            if (counts[s]) {
                n += (size_t)snprintf(
                    by_status + n, sizeof by_status - n, "%s%s %d", sep,
                    status_label((enum status_code)s), counts[s]);
                sep = i18n_pgettext(NC_("status counts", ", "));
            }
        printf(_("%d target(s) as of %s: %s\n"), shown, as_of, by_status);
    } else if (o->format == FORMAT_JSON) {
        fputs(shown ? "\n]\n" : "]\n", stdout);
    }
    model_free(&m);
    return fflush(stdout) == 0 ? 0 : PT_EENV;
}

/* ---- add and correct ---- */

static int record(const struct cli_opts *o, const char *ref,
                  const char *corrects, const char *default_date)
{
    struct model m;
    struct pt_error err;
    if (!o->value)
        return bad_usage("%s", _("--value is required (a number, or done / "
                                 "in-progress / not-started)"));
    if (load_model_for(o, ref, &m, &err) < 0)
        return report_err(&err);
    const struct target *t = plan_set_resolve(&m.plans, ref, &err);
    if (!t) {
        warn_model(&m);
        model_free(&m);
        return report_err(&err);
    }
    struct model_row *row = model_find(&m, t->plan->id, t->id);
    if (model_refresh_row(&m, row, &err) < 0) {
        model_free(&m);
        return report_err(&err);
    }
    const char *raw[ENTRY_NFIELDS] = {
        [ENTRY_DATE] = o->date ? o->date : default_date,
        [ENTRY_VALUE] = o->value,
        [ENTRY_UNIT] = o->unit,
        [ENTRY_SOURCE] = o->source,
        [ENTRY_NOTE] = o->note,
    };
    struct entry e;
    struct entry_check chk;
    if (entry_parse(t, raw, date_today(), corrects != NULL, &e, &chk) < 0) {
        for (int f = 0; f < ENTRY_NFIELDS; f++)
            if (chk.msg[f][0])
                say(stderr, "plantrack: --%s: %s\n",
                    f == ENTRY_DATE     ? "date"
                    : f == ENTRY_VALUE  ? "value"
                    : f == ENTRY_UNIT   ? "unit"
                    : f == ENTRY_SOURCE ? "source"
                                        : "note",
                    chk.msg[f]);
        fputs(_("plantrack: nothing was recorded\n"), stderr);
        model_free(&m);
        return PT_EUSER;
    }
    char warning[300];
    entry_warning(t, &row->sum, &e, warning, sizeof warning);
    struct obs_input in;
    char uuid[37];
    entry_input(&e, t, corrects, &in);
    if (log_append(m.log, &in, uuid, &err) < 0) {
        model_free(&m);
        return report_err(&err);
    }
    if (warning[0])
        fprintf(stderr,
                _("plantrack: warning: %s (recorded anyway; "
                  "'plantrack correct %.8s' fixes a typo)\n"),
                warning, uuid);
    char shown[128], why[512];
    if (e.has_value)
        unit_format(e.value, e.unit, shown, sizeof shown);
    else
        snprintf(shown, sizeof shown, "%s", e.state);
    say(stdout, _("recorded %s  %s/%s = %s as of %s\n"), uuid, t->plan->id,
        t->id, shown, e.date);
    if (model_refresh_row(&m, row, &err) == 0) {
        status_explain(t, &row->st, why, sizeof why);
        say(stdout, _("status: %s (%s)\n"), status_label(row->st.code), why);
    }
    model_free(&m);
    return 0;
}

static int cmd_add(const struct cli_opts *o)
{
    if (o->nargs != 1)
        return bad_usage("%s", _("add needs one PLAN/TARGET, e.g. plantrack "
                                 "add ordos/ne-capacity-2026 --value 4200"));
    return record(o, o->args[0], o->corrects, NULL);
}

static int cmd_correct(const struct cli_opts *o)
{
    struct pt_error err;
    struct log *log;
    struct obs old;
    if (o->nargs != 1)
        return bad_usage("%s", _("correct needs the id of the observation "
                                 "(see plantrack log)"));
    if (open_log(o, LOG_READ, &log, &err) < 0)
        return report_err(&err);
    int rc = log_get(log, o->args[0], &old, &err);
    log_close(log);
    if (rc < 0)
        return report_err(&err);
    char ref[256], date[11], uuid[37];
    snprintf(ref, sizeof ref, "%s/%s", old.plan, old.target);
    memcpy(date, old.date, sizeof date);
    memcpy(uuid, old.uuid, sizeof uuid);
    obs_clear(&old);
    return record(o, ref, uuid, date);
}

/* ---- log and export ---- */

static void obs_value_text(const struct obs *ob, char *buf, size_t len)
{
    if (ob->has_value)
        unit_format(ob->value, ob->unit, buf, len);
    else
        snprintf(buf, len, "%s", ob->state);
}

/* A recorded time (UTC, as stored: 2025-07-01T00:00:00.000Z) to the
 * minute in local time (TZ), as officials read a clock; as stored when it
 * cannot be read. */
static void local_minute(const char *utc, char *buf, size_t len)
{
    struct tm tm = {0};
    if (sscanf(utc, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon,
               &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) == 6) {
        tm.tm_year -= 1900;
        tm.tm_mon -= 1;
        time_t t = timegm(&tm);
        struct tm local;
        if (t != (time_t)-1 && localtime_r(&t, &local) &&
            strftime(buf, len, "%Y-%m-%d %H:%M", &local) > 0)
            return;
    }
    snprintf(buf, len, "%.16s", utc);
}

static const char *const OBS_COLUMNS[] = {
    "uuid",   "plan", "target", "date", "value",       "state",    "unit",
    "source", "note", "author", "host", "recorded_at", "corrects",
};

static void csv_obs(FILE *out, const struct obs *ob)
{
    char num[64] = "";
    if (ob->has_value)
        text_format_number(ob->value, num, sizeof num);
    const char *cells[] = {ob->uuid,    ob->plan,   ob->target, ob->date,
                           num,         ob->state,  ob->unit,   ob->source,
                           ob->note,    ob->author, ob->host,   ob->recorded_at,
                           ob->corrects};
    for (size_t i = 0; i < sizeof cells / sizeof *cells; i++)
        csv_field(out, cells[i], i + 1 == sizeof cells / sizeof *cells);
}

static void json_obs(FILE *out, const struct obs *ob)
{
    const char *keys[] = {"uuid", "plan", "target", "date"};
    const char *vals[] = {ob->uuid, ob->plan, ob->target, ob->date};
    fputs("  {", out);
    for (size_t i = 0; i < 4; i++) {
        json_key(out, keys[i], i == 0);
        json_string(out, vals[i]);
    }
    json_key(out, "value", false);
    json_number(out, ob->has_value ? ob->value : NAN);
    json_key(out, "state", false);
    if (ob->has_value)
        fputs("null", out);
    else
        json_string(out, ob->state);
    const char *k2[] = {"unit",   "source", "note",
                        "author", "host",   "recorded_at"};
    const char *v2[] = {ob->unit,   ob->source, ob->note,
                        ob->author, ob->host,   ob->recorded_at};
    for (size_t i = 0; i < 6; i++) {
        json_key(out, k2[i], false);
        json_string(out, v2[i]);
    }
    json_key(out, "corrects", false);
    if (*ob->corrects)
        json_string(out, ob->corrects);
    else
        fputs("null", out);
    json_key(out, "superseded", false);
    fputs(ob->superseded ? "true" : "false", out);
    fputs("}", out);
}

static int cmd_log(const struct cli_opts *o)
{
    struct model m;
    struct pt_error err;
    const char *plan = NULL, *target = NULL;
    char plan_buf[128];
    if (o->nargs > 1)
        return bad_usage("%s", _("log takes at most one PLAN/TARGET"));
    if (cli_load_model(o, LOG_READ, &m, &err) < 0)
        return report_err(&err);
    if (o->nargs == 1) {
        const char *ref = o->args[0], *slash = strchr(ref, '/');
        if (slash) {
            snprintf(plan_buf, sizeof plan_buf, "%.*s", (int)(slash - ref),
                     ref);
            plan = plan_buf;
            target = slash + 1;
        } else {
            plan = ref;
        }
        bool known = target ? model_find(&m, plan, target) != NULL
                            : plan_set_find_plan(&m.plans, plan) != NULL;
        bool orphan = false;
        for (size_t i = 0; i < m.n_orphans; i++)
            orphan |= strcmp(m.orphans[i].plan, plan) == 0 &&
                      (!target || strcmp(m.orphans[i].target, target) == 0);
        if (!known && !orphan) {
            const struct target *t =
                target ? plan_set_resolve(&m.plans, ref, &err) : NULL;
            if (!t && target)
                say(stderr, "plantrack: %s\n", err.msg);
            else
                say(stderr, _("plantrack: no plan '%s'\n"), plan);
            model_free(&m);
            return PT_EUSER;
        }
        if (!known)
            say(stderr,
                _("plantrack: note: %s is not in the plans; its "
                  "observations are kept\n"),
                ref);
    }
    struct obs *v;
    size_t n;
    if (log_history(m.log, plan, target, &v, &n, &err) < 0) {
        model_free(&m);
        return report_err(&err);
    }
    if (o->format == FORMAT_JSON) {
        fputs("[\n", stdout);
        for (size_t i = 0; i < n; i++) {
            json_obs(stdout, &v[i]);
            fputs(i + 1 < n ? ",\n" : "\n", stdout);
        }
        fputs("]\n", stdout);
    } else if (o->format == FORMAT_CSV) {
        for (size_t i = 0; i < sizeof OBS_COLUMNS / sizeof *OBS_COLUMNS; i++)
            csv_field(stdout, OBS_COLUMNS[i],
                      i + 1 == sizeof OBS_COLUMNS / sizeof *OBS_COLUMNS);
        for (size_t i = 0; i < n; i++)
            csv_obs(stdout, &v[i]);
    } else {
        const char *h[] = {_("DATE"),         _("PLAN/TARGET"), _("VALUE"),
                           _("AUTHOR"),       _("RECORDED"),    _("ID"),
                           _("SOURCE / NOTE")};
        /* The id stays whole enough to type into plantrack correct. */
        static const struct table_fit fit = {
            .shrink = {{6, 8}, {1, 16}, {3, 8}, {2, 10}},
            .n_shrink = 4,
            .drop = {4, 3},
            .n_drop = 2,
        };
        struct table *tb = table_new(7, h, &fit);
        table_align_right(tb, 2);
        for (size_t i = 0; i < n; i++) {
            char ref[256], val[128], id[64], sn[1200], rec[20];
            snprintf(ref, sizeof ref, "%s/%s", v[i].plan, v[i].target);
            obs_value_text(&v[i], val, sizeof val);
            snprintf(id, sizeof id, "%.8s%s%.8s%s", v[i].uuid,
                     *v[i].corrects ? _(" corrects ") : "", v[i].corrects,
                     v[i].superseded ? _(" (corrected)") : "");
            local_minute(v[i].recorded_at, rec, sizeof rec);
            snprintf(sn, sizeof sn, "%s%s%s", v[i].source,
                     *v[i].source && *v[i].note ? " / " : "", v[i].note);
            const char *cells[] = {v[i].date, ref, val, v[i].author,
                                   rec,       id,  sn};
            table_add(tb, cells);
        }
        table_print(tb, stdout, terminal_width());
        table_free(tb);
        printf(_("%zu observation(s)\n"), n);
    }
    obs_list_free(v, n);
    model_free(&m);
    return fflush(stdout) == 0 ? 0 : PT_EENV;
}

struct export_ctx {
    enum report_format format;
    size_t n;
};

static int export_one(void *ctx, const struct obs *ob)
{
    struct export_ctx *x = ctx;
    if (x->format == FORMAT_JSON) {
        fputs(x->n ? ",\n" : "", stdout);
        json_obs(stdout, ob);
    } else {
        csv_obs(stdout, ob);
    }
    x->n++;
    return 0;
}

static int cmd_export(const struct cli_opts *o)
{
    struct log *log;
    struct pt_error err;
    if (o->nargs)
        return bad_usage(_("export takes no operand ('%s')"), o->args[0]);
    if (open_log(o, LOG_READ, &log, &err) < 0)
        return report_err(&err);
    struct export_ctx x = {o->format_given ? o->format : FORMAT_CSV, 0};
    if (x.format == FORMAT_TABLE)
        x.format = FORMAT_CSV;
    if (x.format == FORMAT_JSON)
        fputs("[\n", stdout);
    else
        for (size_t i = 0; i < sizeof OBS_COLUMNS / sizeof *OBS_COLUMNS; i++)
            csv_field(stdout, OBS_COLUMNS[i],
                      i + 1 == sizeof OBS_COLUMNS / sizeof *OBS_COLUMNS);
    int rc = log_each(log, export_one, &x, &err);
    if (x.format == FORMAT_JSON)
        fputs(x.n ? "\n]\n" : "]\n", stdout);
    log_close(log);
    if (rc < 0)
        return report_err(&err);
    return fflush(stdout) == 0 ? 0 : PT_EENV;
}

/* ---- import ---- */

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
    const size_t ncols = sizeof OBS_COLUMNS / sizeof *OBS_COLUMNS;
    int nf = csv_read(&r);
    bool header_ok = nf == (int)ncols;
    for (size_t i = 0; header_ok && i < ncols; i++)
        header_ok = strcmp(r.fields[i], OBS_COLUMNS[i]) == 0;
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

static int cmd_import(const struct cli_opts *o)
{
    struct log *log;
    struct pt_error err;
    size_t added = 0, skipped = 0;
    if (o->nargs != 1)
        return bad_usage("%s", _("import needs one FILE: a log (.db) or a "
                                 "CSV from 'plantrack export'"));
    const char *path = o->args[0];
    FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!in) {
        say(stderr, "plantrack: %s: %s\n", path, strerror(errno));
        return PT_EUSER;
    }
    char magic[16] = {0};
    size_t got = fread(magic, 1, sizeof magic, in);
    bool sqlite = got == 16 && memcmp(magic, "SQLite format 3", 16) == 0;
    if (open_log(o, LOG_WRITE, &log, &err) < 0) {
        if (in != stdin)
            fclose(in);
        return report_err(&err);
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
        return report_err(&err);
    printf(_("imported %zu observation(s); %zu already present\n"), added,
           skipped);
    return 0;
}

int cli_run(struct cli_opts *o)
{
    switch (o->command) {
    case CMD_HELP:
        usage(stdout);
        return 0;
    case CMD_VERSION:
        printf("plantrack %s\n", VERSION);
        return 0;
    case CMD_CHECK:
        return cmd_check(o);
    case CMD_STATUS:
        return cmd_status(o);
    case CMD_ADD:
        return cmd_add(o);
    case CMD_CORRECT:
        return cmd_correct(o);
    case CMD_LOG:
        return cmd_log(o);
    case CMD_EXPORT:
        return cmd_export(o);
    case CMD_IMPORT:
        return cmd_import(o);
    case CMD_TUI:
        break;
    }
    return PT_EUSER;
}
