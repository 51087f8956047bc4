/* The subcommands (one file each under src/cmd/) and what they share:
 * messages on the terminal, opening the log, loading the model, and an
 * observation as CSV and JSON. */
#ifndef PLANTRACK_CMD_H
#define PLANTRACK_CMD_H

#include <stdbool.h>
#include <stdio.h>

#include "plantrack/cli.h"
#include "plantrack/log.h"
#include "plantrack/model.h"
#include "plantrack/output.h"

/* Each returns the exit code: 0 fine, 1 bad input, 2 the log or system. */
int cmd_check(const struct cli_opts *o);
int cmd_status(const struct cli_opts *o);
int cmd_add(const struct cli_opts *o);
int cmd_correct(const struct cli_opts *o);
int cmd_log(const struct cli_opts *o);
int cmd_export(const struct cli_opts *o);
int cmd_import(const struct cli_opts *o);
int cmd_complete(const struct cli_opts *o);
int cmd_verify(const struct cli_opts *o);
int cmd_extract(const struct cli_opts *o);
int cmd_review(const struct cli_opts *o);
int cmd_report(const struct cli_opts *o);
int cmd_conflicts(const struct cli_opts *o);
int cmd_sync(const struct cli_opts *o);

/* What a sync apply adds to an import (src/cmd/import.c): the rows come
 * from a changeset; opened() runs once the log is open (the sender is
 * checked against it), conflict() for each row kept out, done() after
 * the rows are written, with what happened (it records the receipt). */
struct import_counts {
    size_t rows, added, duplicates, conflicts;
    int64_t import_id;
    char head_before[65], sha256[65];
};
struct import_hooks {
    void *ctx;
    const char *label; /* the import receipt's file: "sync from NAME" */
    int (*opened)(void *ctx, struct log *log, struct pt_error *err);
    int (*conflict)(void *ctx, const struct obs *o);
    int (*done)(void *ctx, struct log *log, const struct import_counts *c,
                struct pt_error *err);
};
int cmd_import_changeset(const struct cli_opts *o, const char *name,
                         const unsigned char *payload, size_t len,
                         const unsigned char sha[32],
                         const struct import_hooks *hooks);

/* printf for messages that carry text from outside (arguments, plan files,
 * the log): each line passes through text_sanitize, so no escape sequence
 * or other control character reaches the terminal. */
void cmd_say(FILE *out, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* "plantrack: <fmt with arg>" and a pointer to --help; returns 1. */
int cmd_bad_usage(const char *fmt, const char *arg);
/* Flush stdout; when that fails (a full disk), say so and return 2. */
int cmd_flush_stdout(void);
/* Print err on stderr; returns its exit code. */
int cmd_report_err(const struct pt_error *e);
void cmd_print_diags(const struct plan_diags *d);

int cmd_open_log(const struct cli_opts *o, enum log_mode mode, struct log **log,
                 struct pt_error *err);
/* The plan directory, with advice when the default one is missing. */
int cmd_load_plans(const struct cli_opts *o, struct plan_set *set,
                   struct pt_error *err);
/* Plans and log as a model; the whole log is read only when `scan` is set. */
int cmd_load_model(const struct cli_opts *o, enum log_mode mode, bool scan,
                   struct model *m, struct pt_error *err);
/* The model for recording against one PLAN/TARGET (reads as little as it
 * can; see common.c). */
int cmd_load_model_for(const struct cli_opts *o, const char *ref,
                       struct model *m, struct pt_error *err);
/* The filter the options give, with the plan named by id, short name or
 * title resolved to its id. An unknown plan (the valid ones listed) or an
 * agency no plan has is reported: returns the exit code, 0 when fine. */
int cmd_resolve_filter(const struct cli_opts *o, const struct model *m,
                       struct model_filter *out);
/* Whether any filter is set. */
bool cmd_filter_given(const struct model_filter *f);
/* Whether an observation of (plan, target) passes the filter: its target's
 * row does; one of a target not in the plans only by its plan. */
bool cmd_obs_matches(struct model *m, const struct model_filter *f,
                     const char *plan, const char *target);
/* Skipped plan files and observations of unknown targets, on stderr. */
void cmd_warn_model(const struct model *m);
/* Columns of the terminal on stdout; 0 when stdout is not a terminal. */
int cmd_terminal_width(void);

void cmd_json_key(FILE *out, const char *k, bool first);
/* A recorded time (UTC) to the minute in local time (TZ). */
void cmd_local_minute(const char *utc, char *buf, size_t len);

/* An observation as 'plantrack export' writes it. */
#define CMD_OBS_NCOLUMNS 13
extern const char *const CMD_OBS_COLUMNS[CMD_OBS_NCOLUMNS];
void cmd_csv_obs(FILE *out, const struct obs *ob);
void cmd_json_obs(FILE *out, const struct obs *ob);

#endif
