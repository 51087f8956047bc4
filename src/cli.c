/* The command line: global options, the command table, and dispatch to
 * the subcommands of src/cmd/. */
#include "plantrack/cli.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "plantrack/cmd.h"
#include "plantrack/config.h"
#include "plantrack/entry.h"
#include "plantrack/i18n.h"
#include "plantrack/shared.h"

static int run_help(const struct cli_opts *o);
static int run_version(const struct cli_opts *o);

/* The subcommands, each in src/cmd/NAME.c. */
static const struct {
    const char *name;
    int (*run)(const struct cli_opts *o);
} COMMANDS[] = {
    [CMD_TUI] = {"", NULL},
    [CMD_CHECK] = {"check", cmd_check},
    [CMD_STATUS] = {"status", cmd_status},
    [CMD_ADD] = {"add", cmd_add},
    [CMD_CORRECT] = {"correct", cmd_correct},
    [CMD_LOG] = {"log", cmd_log},
    [CMD_EXPORT] = {"export", cmd_export},
    [CMD_IMPORT] = {"import", cmd_import},
    [CMD_VERIFY] = {"verify", cmd_verify},
    [CMD_EXTRACT] = {"extract", cmd_extract},
    [CMD_REVIEW] = {"review", cmd_review},
    [CMD_CONFLICTS] = {"conflicts", cmd_conflicts},
    [CMD_SYNC] = {"sync", cmd_sync},
    [CMD_REPORT] = {"report", cmd_report},
    [CMD_HELP] = {"help", run_help},
    [CMD_VERSION] = {"version", run_version},
    /* Hidden ("__"): the words bash completion offers. */
    [CMD_COMPLETE] = {"__complete", cmd_complete},
};

#define N_COMMANDS (sizeof COMMANDS / sizeof *COMMANDS)

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
            "  import FILE               merge a log (.db), an export or a "
            "table (.csv)\n"
            "  verify [--head H] [--repair]\n"
            "                            check the log's hash chain and "
            "triggers;\n"
            "                            print its head\n"
            "  conflicts [PLAN[/TARGET]] competing corrections of one figure, "
            "to resolve\n"
            "  sync export [-o FILE] [--for PEER]\n"
            "                            what another log has not seen yet\n"
            "  sync apply FILE|- [--dry-run]\n"
            "                            merge what another log sent\n"
            "  sync HOST                 both ways with HOST, through ssh\n"
            "  sync log | sync id [NAME] the exchanges; this log's name\n"
            "\n"
            "Options (before or after the command):\n"
            "  --plans DIR       plan directory (default ./plans, else the "
            "installed plans)\n"
            "  --db FILE         progress log (default $PLANTRACK_DB, else\n"
            "                    $XDG_DATA_HOME/plantrack/progress.db)\n"
            "  --as-of DATE      judge status as of DATE (YYYY-MM-DD; default "
            "today)\n"
            "  --format F        table, csv or json\n"
            "  --plan PLAN  --year Y  --lead AGENCY  --status S[,S...]\n"
            "                    filters for status, log and export (a plan "
            "by id,\n"
            "                    short name or title)\n"
            "  --value V  --date D  --source S  --note N  --unit U\n"
            "                    the observation for add and correct; for a "
            "fall or\n"
            "                    rise, V is the change achieved (19.2, "
            "降19.2)\n"
            "  --level L         instead of --value: the level reached; the "
            "change is\n"
            "                    computed from the plan's baseline value\n"
            "  --confirm         record a figure more than ten times away "
            "from the last\n"
            "                    figure, the baseline or the target\n"
            "  --imports         log: the import receipts (who imported "
            "what)\n"
            "  --new  --check  --skip-bad\n"
            "                    import: a table of new figures; check only; "
            "skip bad rows\n"
            "  --excel  --template\n"
            "                    export: with the BOM Excel and WPS need; a "
            "table to fill in\n"
            "  --for PEER  -o FILE  --dry-run  --renew\n"
            "                    sync export, apply and id\n"
            "  -h, --help        this help;  -V, --version  the version\n"
            "\n"
            "Statuses: missed unreported deterioration limited "
            "needs-acceleration\n"
            "          no-data not-started in-progress on-track met-late met "
            "done\n"
            "          (overdue: missed and unreported)\n"
            "Exit status: 0 fine, 1 bad input or validation, 2 the log or "
            "system.\n"
            "See plantrack(1) and plantrack-plans(5).\n"),
          out);
    fputs(
        _("Also:\n"
          "  --search TEXT     for status: the targets the viewer's / finds "
          "(pinyin,\n"
          "                    traditional and full-width forms too)\n"
          "  --lang zh|en      the language, whatever the locale\n"
          "  $XDG_CONFIG_HOME/plantrack/config  default --plans and --db, "
          "language,\n"
          "                    keys, colours, columns: plantrack-config(5)\n"),
        out);
    /* apart, so that each family of commands is one message */
    fputs(_("\nDrafting a plan from its published text:\n"
            "  extract FILE.txt [--id ID] [-o plans/ID.yaml] [--force]\n"
            "                            clean the text (sources/ID.txt) and "
            "draft the plan\n"
            "                            file; --format json prints the "
            "targets\n"
            "  review PLAN.yaml          review a draft in the viewer and "
            "write it back\n"),
          out);
    fputs(_("Meetings:\n"
            "  report            a report of what status selects (the same "
            "filters):\n"
            "                    --format html (default), xlsx or md; "
            "--since DATE, what\n"
            "                    changed since; -o FILE (default a dated "
            "name here; md\n"
            "                    goes to standard output)\n"
            "  status --by KEY   counts per lead, plan or year\n"),
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
    OPT_LANG,
    OPT_SEARCH,
    OPT_LEVEL,
    OPT_CONFIRM,
    OPT_HEAD,
    OPT_REPAIR,
    OPT_IMPORTS,
    OPT_ID,
    OPT_SINCE,
    OPT_BY,
    OPT_OUTPUT,
    OPT_FORCE,
    OPT_NEW,
    OPT_DRY_RUN,
    OPT_SKIP_BAD,
    OPT_EXCEL,
    OPT_TEMPLATE,
    OPT_FOR,
    OPT_RENEW,
    OPT_END
};

#define O(x) (UINT64_C(1) << ((x)-OPT_PLANS))
/* Every option is one bit of a uint64_t. */
_Static_assert(OPT_END - OPT_PLANS <= 64, "at most 64 options");
/* Options that apply to every command: the language. */
#define O_ANY O(OPT_LANG)
/* The options each command takes: any other is refused, never ignored. */
static const uint64_t ALLOWED[] = {
    [CMD_TUI] = O_ANY | O(OPT_PLANS) | O(OPT_DB) | O(OPT_AS_OF),
    [CMD_CHECK] = O_ANY | O(OPT_PLANS),
    [CMD_STATUS] = O_ANY | O(OPT_PLANS) | O(OPT_DB) | O(OPT_AS_OF) |
                   O(OPT_FORMAT) | O(OPT_PLAN) | O(OPT_YEAR) | O(OPT_LEAD) |
                   O(OPT_STATUS) | O(OPT_SEARCH) | O(OPT_BY),
    [CMD_ADD] = O_ANY | O(OPT_PLANS) | O(OPT_DB) | O(OPT_AS_OF) | O(OPT_VALUE) |
                O(OPT_DATE) | O(OPT_SOURCE) | O(OPT_NOTE) | O(OPT_UNIT) |
                O(OPT_CORRECTS) | O(OPT_LEVEL) | O(OPT_CONFIRM),
    [CMD_CORRECT] = O_ANY | O(OPT_PLANS) | O(OPT_DB) | O(OPT_AS_OF) |
                    O(OPT_VALUE) | O(OPT_DATE) | O(OPT_SOURCE) | O(OPT_NOTE) |
                    O(OPT_UNIT) | O(OPT_LEVEL) | O(OPT_CONFIRM),
    [CMD_LOG] = O_ANY | O(OPT_PLANS) | O(OPT_DB) | O(OPT_AS_OF) |
                O(OPT_FORMAT) | O(OPT_PLAN) | O(OPT_YEAR) | O(OPT_LEAD) |
                O(OPT_STATUS) | O(OPT_SEARCH) | O(OPT_IMPORTS),
    [CMD_EXPORT] = O_ANY | O(OPT_PLANS) | O(OPT_DB) | O(OPT_AS_OF) |
                   O(OPT_FORMAT) | O(OPT_PLAN) | O(OPT_YEAR) | O(OPT_LEAD) |
                   O(OPT_STATUS) | O(OPT_SEARCH) | O(OPT_EXCEL) |
                   O(OPT_TEMPLATE),
    [CMD_IMPORT] = O_ANY | O(OPT_PLANS) | O(OPT_DB) | O(OPT_NEW) |
                   O(OPT_DRY_RUN) | O(OPT_SKIP_BAD),
    [CMD_VERIFY] = O_ANY | O(OPT_DB) | O(OPT_FORMAT) |
                   O(OPT_HEAD) | O(OPT_REPAIR),
    [CMD_EXTRACT] =
        O_ANY | O(OPT_ID) | O(OPT_OUTPUT) | O(OPT_FORCE) | O(OPT_FORMAT),
    [CMD_REVIEW] = O_ANY,
    [CMD_CONFLICTS] = O_ANY | O(OPT_PLANS) | O(OPT_DB) | O(OPT_FORMAT),
    [CMD_SYNC] = O_ANY | O(OPT_PLANS) | O(OPT_DB) | O(OPT_DRY_RUN) |
                 O(OPT_FOR) | O(OPT_OUTPUT) | O(OPT_RENEW),
    [CMD_REPORT] = O_ANY | O(OPT_PLANS) | O(OPT_DB) | O(OPT_AS_OF) |
                   O(OPT_FORMAT) | O(OPT_PLAN) | O(OPT_YEAR) | O(OPT_LEAD) |
                   O(OPT_STATUS) | O(OPT_SEARCH) | O(OPT_SINCE) |
                   O(OPT_OUTPUT),
    [CMD_HELP] = ~UINT64_C(0),
    [CMD_VERSION] = ~UINT64_C(0),
    [CMD_COMPLETE] = ~UINT64_C(0), /* completes whatever the line holds */
};
/* A command without its line above would refuse every option. */
_Static_assert(sizeof ALLOWED / sizeof *ALLOWED ==
                   sizeof COMMANDS / sizeof *COMMANDS,
               "every command says which options it takes");

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
    {"lang", required_argument, NULL, OPT_LANG},
    {"search", required_argument, NULL, OPT_SEARCH},
    {"level", required_argument, NULL, OPT_LEVEL},
    {"confirm", no_argument, NULL, OPT_CONFIRM},
    {"head", required_argument, NULL, OPT_HEAD},
    {"repair", no_argument, NULL, OPT_REPAIR},
    {"imports", no_argument, NULL, OPT_IMPORTS},
    {"id", required_argument, NULL, OPT_ID},
    {"since", required_argument, NULL, OPT_SINCE},
    {"by", required_argument, NULL, OPT_BY},
    {"output", required_argument, NULL, OPT_OUTPUT},
    {"force", no_argument, NULL, OPT_FORCE},
    {"new", no_argument, NULL, OPT_NEW},
    {"check", no_argument, NULL, OPT_DRY_RUN},
    {"dry-run", no_argument, NULL, OPT_DRY_RUN},
    {"skip-bad", no_argument, NULL, OPT_SKIP_BAD},
    {"excel", no_argument, NULL, OPT_EXCEL},
    {"bom", no_argument, NULL, OPT_EXCEL},
    {"template", no_argument, NULL, OPT_TEMPLATE},
    {"for", required_argument, NULL, OPT_FOR},
    {"renew", no_argument, NULL, OPT_RENEW},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

static int parse_statuses(const char *arg, unsigned *mask)
{
    char *copy = strdup(arg), *save = NULL;
    int rc = 0;
    for (char *tok = strtok_r(copy, ",", &save); tok;
         tok = strtok_r(NULL, ",", &save)) {
        if (status_parse_mask(text_trim(tok), mask) < 0) {
            rc = cmd_bad_usage(
                _("unknown status '%s' (the statuses: missed unreported "
                  "deterioration limited needs-acceleration no-data "
                  "not-started in-progress on-track met-late met done)"),
                tok);
            break;
        }
    }
    free(copy);
    return rc;
}

static const char *default_plans_dir(void)
{
    struct stat st;
    /* On a shared server every official records against the same plans:
     * the installed ones, not a ./plans of their own. */
    if (shared_mode())
        return DATADIR "/plans";
    if (stat("plans", &st) == 0 && S_ISDIR(st.st_mode))
        return "plans";
    return DATADIR "/plans";
}

int cli_parse(int argc, char **argv, struct cli_opts *o)
{
    char err[200];
    int c;
    const char *format_arg = NULL;
    uint64_t given = 0;
    const char *given_name[OPT_END - OPT_PLANS] = {0};
    memset(o, 0, sizeof *o);
    o->format = FORMAT_TABLE;
    opterr = 0;
    optind = 1;
    int index;
    while ((c = getopt_long(argc, argv, ":hVo:", OPTIONS, &index)) != -1) {
        if (c == 'o') { /* -o: --output's short name */
            c = OPT_OUTPUT;
            index = 0;
            while (OPTIONS[index].val != OPT_OUTPUT)
                index++;
        }
        if (c >= OPT_PLANS && c < OPT_END) {
            given |= O(c);
            given_name[c - OPT_PLANS] = OPTIONS[index].name;
        }
        switch (c) {
        case OPT_PLANS:
            if (shared_mode())
                return cmd_bad_usage(
                    _("--plans %s: on this shared server the plans are the "
                      "installed ones"),
                    optarg);
            o->plans = optarg;
            break;
        case OPT_DB: {
            struct pt_error e;
            if (shared_check_db(optarg, &e) < 0)
                return cmd_bad_usage("%s", e.msg);
            free(o->db);
            o->db = strdup(optarg);
            break;
        }
        case OPT_AS_OF:
            if (text_parse_date(optarg, &o->as_of, err, sizeof err) < 0)
                return cmd_bad_usage("--as-of: %s", err);
            o->as_of_given = true;
            break;
        case OPT_FORMAT: {
            int f = output_format_parse(optarg);
            int rf = report_format_parse(optarg);
            if (f < 0 && rf < 0)
                return cmd_bad_usage(
                    _("--format must be table, csv or json (for report: "
                      "html, xlsx or md), not '%s'"),
                    optarg);
            if (f >= 0) {
                o->format = (enum output_format)f;
                o->format_given = true;
            } else {
                o->report_format = (enum report_format)rf;
                o->report_format_given = true;
            }
            format_arg = optarg;
            break;
        }
        case OPT_SINCE:
            if (text_parse_date(optarg, &o->since, err, sizeof err) < 0)
                return cmd_bad_usage("--since: %s", err);
            o->has_since = true;
            break;
        case OPT_BY:
            if (strcmp(optarg, "lead") == 0)
                o->by = BY_LEAD;
            else if (strcmp(optarg, "plan") == 0)
                o->by = BY_PLAN;
            else if (strcmp(optarg, "year") == 0)
                o->by = BY_YEAR;
            else
                return cmd_bad_usage(
                    _("--by must be lead, plan or year, not '%s'"), optarg);
            break;
        case OPT_PLAN:
            o->filter.plan = optarg;
            break;
        case OPT_YEAR: {
            char *end;
            long y = strtol(optarg, &end, 10);
            if (*end || y < 2000 || y > 2100)
                return cmd_bad_usage(
                    _("--year must be a year such as 2025, not "
                      "'%s'"),
                    optarg);
            o->filter.year = (int)y;
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
        case OPT_SEARCH:
            o->filter.search = optarg;
            break;
        case OPT_LANG: /* applied by main before anything was said */
            if (strcmp(optarg, "zh") && strcmp(optarg, "en") &&
                strcmp(optarg, "zh_CN") && strcmp(optarg, "auto"))
                return cmd_bad_usage(_("--lang must be zh or en, not '%s'"),
                                     optarg);
            o->lang = optarg;
            break;
        case OPT_LEVEL:
            o->level = optarg;
            break;
        case OPT_CONFIRM:
            o->confirm = true;
            break;
        case OPT_HEAD:
            o->head = optarg;
            break;
        case OPT_REPAIR:
            o->repair = true;
            break;
        case OPT_IMPORTS:
            o->imports = true;
            break;
        case OPT_ID:
            o->id = optarg;
            break;
        case OPT_OUTPUT:
            o->output = optarg;
            break;
        case OPT_FORCE:
            o->force = true;
            break;
        case OPT_NEW:
            o->fresh = true;
            break;
        case OPT_DRY_RUN:
            o->dry_run = true;
            break;
        case OPT_SKIP_BAD:
            o->skip_bad = true;
            break;
        case OPT_EXCEL:
            o->excel = true;
            break;
        case OPT_TEMPLATE:
            o->template_ = true;
            break;
        case OPT_FOR:
            o->peer = optarg;
            break;
        case OPT_RENEW:
            o->renew = true;
            break;
        case 'h':
            o->command = CMD_HELP;
            return 0;
        case 'V':
            o->command = CMD_VERSION;
            return 0;
        case ':':
            return cmd_bad_usage(_("option '%s' needs a value"),
                                 argv[optind - 1]);
        default:
            return cmd_bad_usage(_("unknown option '%s'"), argv[optind - 1]);
        }
    }
    o->args = argv + optind;
    o->nargs = argc - optind;
    if (o->nargs > 0) {
        size_t i;
        for (i = 1; i < N_COMMANDS; i++)
            if (strcmp(o->args[0], COMMANDS[i].name) == 0)
                break;
        if (i == N_COMMANDS)
            return cmd_bad_usage(_("unknown command '%s'"), o->args[0]);
        o->command = (enum cli_command)i;
        o->args++;
        o->nargs--;
    }
    uint64_t refused = given & ~ALLOWED[o->command];
    for (int k = 0; refused && k < OPT_END - OPT_PLANS; k++) {
        if (!(refused & (UINT64_C(1) << k)))
            continue;
        char what[96];
        snprintf(what, sizeof what, "--%s", given_name[k]);
        if (o->command == CMD_TUI)
            return cmd_bad_usage(_("option '%s' does not apply to the "
                                   "viewer (give a command, e.g. status)"),
                                 what);
        fputs("plantrack: ", stderr);
        cmd_say(stderr, _("option '%s' does not apply to '%s'"), what,
                COMMANDS[o->command].name);
        fputs(_("\nTry 'plantrack --help'.\n"), stderr);
        return PT_EUSER;
    }
    /* Each format belongs to its commands. */
    if (o->command == CMD_REPORT && o->format_given)
        return cmd_bad_usage(
            _("report --format must be html, xlsx or md, not '%s'"),
            format_arg);
    if (o->command != CMD_REPORT && o->report_format_given &&
        o->command != CMD_HELP && o->command != CMD_VERSION &&
        o->command != CMD_COMPLETE)
        return cmd_bad_usage(
            _("--format %s is for report; status, log and export take "
              "table, csv or json"),
            format_arg);
    if (o->value && o->level)
        return cmd_bad_usage("%s", _("give either --value (the change) or "
                                     "--level (the level reached), not both"));
    if (!o->plans) {
        o->plans = default_plans_dir();
        o->plans_is_default = true;
    }
    if (!o->db) {
        o->db = log_default_path();
        o->db_is_default = !getenv("PLANTRACK_DB") || !*getenv("PLANTRACK_DB");
        o->db_from_env = !o->db_is_default;
    }
    if (!o->as_of_given)
        o->as_of = date_today();
    return 0;
}

void cli_opts_free(struct cli_opts *o)
{
    free(o->db);
}

void cli_print_commands(FILE *out)
{
    for (size_t i = 1; i < N_COMMANDS; i++)
        if (strncmp(COMMANDS[i].name, "__", 2) != 0)
            fprintf(out, "%s\n", COMMANDS[i].name);
}

void cli_print_options(FILE *out)
{
    for (const struct option *opt = OPTIONS; opt->name; opt++)
        fprintf(out, "--%s%s\n", opt->name,
                opt->has_arg == required_argument ? "=" : "");
}

void cli_apply_config(struct cli_opts *o, const struct config *c)
{
    /* On a shared server the plans are the installed ones and the log the
     * shared one, whatever a user's config file says. */
    struct pt_error e;
    if (shared_mode() &&
        (c->plans || (c->db && shared_check_db(c->db, &e) < 0))) {
        cmd_say(stderr, "%s",
                _("plantrack: note: on this shared server the config file's "
                  "plans and db are not used\n"));
        return;
    }
    if (o->plans_is_default && c->plans) {
        o->plans = c->plans;
        o->plans_is_default = false;
    }
    if (o->db_is_default && c->db) {
        free(o->db);
        o->db = strdup(c->db);
        o->db_is_default = false;
    }
}

static int run_help(const struct cli_opts *o)
{
    (void)o;
    usage(stdout);
    return 0;
}

static int run_version(const struct cli_opts *o)
{
    (void)o;
    printf("plantrack %s\n", VERSION);
    return 0;
}

int cli_run(struct cli_opts *o)
{
    if (o->command == CMD_TUI || !COMMANDS[o->command].run)
        return PT_EUSER;
    return COMMANDS[o->command].run(o);
}
