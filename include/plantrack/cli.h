/* The command line: options, subcommands, and what main() needs to start
 * the TUI. */
#ifndef PLANTRACK_CLI_H
#define PLANTRACK_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "plantrack/error.h"
#include "plantrack/model.h"
#include "plantrack/output.h"
#include "plantrack/report.h"
#include "plantrack/text.h"

enum cli_command {
    CMD_TUI,
    CMD_CHECK,
    CMD_STATUS,
    CMD_ADD,
    CMD_CORRECT,
    CMD_LOG,
    CMD_EXPORT,
    CMD_IMPORT,
    CMD_VERIFY,
    CMD_EXTRACT,
    CMD_REVIEW,
    CMD_CONFLICTS,
    CMD_SYNC,
    CMD_REPORT,
    CMD_HELP,
    CMD_VERSION,
    CMD_COMPLETE,
};

struct cli_opts {
    enum cli_command command;
    const char *plans; /* --plans, or the default */
    bool plans_is_default;
    char *db; /* --db, $PLANTRACK_DB, or the XDG default */
    bool db_is_default;
    bool db_from_env; /* named by $PLANTRACK_DB */
    struct pt_date as_of;
    bool as_of_given;
    enum output_format format;
    bool format_given;
    struct model_filter filter;
    /* report: its format (--format html|xlsx|md) and --since */
    enum report_format report_format;
    bool report_format_given;
    bool has_since;
    struct pt_date since;
    /* status --by: counts per group instead of a row per target */
    enum cli_by { BY_NONE, BY_LEAD, BY_PLAN, BY_YEAR } by;
    const char *value, *date, *source, *note, *unit, *corrects;
    const char *level; /* --level: the level reached, for a change target */
    bool confirm;      /* --confirm: record an implausible figure anyway */
    const char *head;  /* verify --head */
    bool repair;       /* verify --repair */
    bool imports;      /* log --imports */
    const char *id, *output; /* extract: --id; -o of extract and report */
    bool force;              /* extract: replace existing files */
    bool fresh;        /* import --new: a table of new figures */
    bool dry_run;      /* import --check, sync apply --dry-run */
    bool skip_bad;     /* import --skip-bad */
    bool excel;        /* export --excel (--bom) */
    bool template_;    /* export --template */
    const char *peer;  /* sync export --for */
    bool renew;         /* sync id --renew */
    char **args;       /* operands after the subcommand */
    int nargs;
    bool utf8;                /* the terminal's locale is UTF-8 */
    const char *lang;         /* --lang, already applied by main */
    struct config *config;    /* the config file, read by main */
    char locale_warning[400]; /* why the language had to fall back */
};

/* Parse argv; global options may come before or after the subcommand.
 * Returns 0, or an exit code (1) after printing what was wrong. */
int cli_parse(int argc, char **argv, struct cli_opts *o);
void cli_opts_free(struct cli_opts *o);
/* The config file's default --plans and --db, where the command line and
 * $PLANTRACK_DB said nothing. */
struct config;
void cli_apply_config(struct cli_opts *o, const struct config *c);

/* For shell completion (plantrack __complete): the commands, one a line,
 * without the hidden ones; the long options as --NAME, one a line, with
 * "=" after those that take a value. */
void cli_print_commands(FILE *out);
void cli_print_options(FILE *out);

/* Run a non-TUI command; returns the exit code. */
int cli_run(struct cli_opts *o);

/* Load the plans and open the log as the options say, into a model. Plan
 * files that failed validation are left in m->plans.diags for the caller
 * to show. */
int cli_load_model(const struct cli_opts *o, enum log_mode mode,
                   struct model *m, struct pt_error *err);

#endif
