/* The progress log: an append-only SQLite table of observations. The only
 * module that runs SQL. Schema in plantrack(1). */
#ifndef PLANTRACK_LOG_H
#define PLANTRACK_LOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "plantrack/error.h"

#define LOG_SCHEMA_VERSION 3
#define LOG_BUSY_TIMEOUT_MS 5000

struct log;

enum log_mode {
    LOG_READ,  /* open an existing log; never create or write */
    LOG_WRITE, /* open or create, for appending */
};

/* An observation as stored. Strings are owned by the record. */
struct obs {
    int64_t seq;
    char uuid[37];
    char *plan, *target;
    char date[11];
    bool has_value;
    double value;
    char *state; /* "" for numeric observations */
    char *unit, *source, *note, *author, *host;
    char recorded_at[32];
    char *corrects;  /* uuid of the corrected observation, "" when none */
    bool superseded; /* a later row corrects this one */
};

/* What a caller supplies to append: never the author, host or time, which
 * the log takes from the system. */
struct obs_input {
    const char *plan, *target;
    const char *date; /* YYYY-MM-DD */
    bool has_value;
    double value;
    const char *state; /* for qualitative targets */
    const char *unit, *source, *note;
    const char *corrects; /* uuid, or NULL */
    const char *uuid;     /* the id to record it under; NULL for a new one */
};

/* The default path: $PLANTRACK_DB, else $XDG_DATA_HOME/plantrack/progress.db
 * (~/.local/share/plantrack/progress.db). Caller frees. */
char *log_default_path(void);

/* Open the log at path. LOG_WRITE creates it (and its directory) on first
 * use, with group permissions when the directory is shared (setgid or
 * group-writable). Errors: PT_EENV with a message naming the path. */
int log_open(struct log **out, const char *path, enum log_mode mode,
             struct pt_error *err);
/* An empty, read-only log in memory that names `shown_path`: for browsing
 * the plans when the real log cannot be opened. */
int log_open_placeholder(struct log **out, const char *shown_path,
                         struct pt_error *err);
void log_close(struct log *log);
const char *log_path(const struct log *log);
/* Whether the log exists and was opened (LOG_READ on a missing file gives
 * an empty log: no error, no file created). */
bool log_is_empty_placeholder(const struct log *log);

/* Append one observation; fills uuid_out (37 bytes) with its id. A busy log
 * is waited for up to the busy timeout, then reported. */
int log_append(struct log *log, const struct obs_input *in, char *uuid_out,
               struct pt_error *err);

/* A new globally unique id (UUID version 4), for a caller that must know
 * an observation's id before it is recorded (the editor's draft). */
void log_new_uuid(char out[37]);

/* Find one observation by uuid (or unique uuid prefix of at least 8). */
int log_get(struct log *log, const char *uuid, struct obs *out,
            struct pt_error *err);

/* One observation, briefly, as status needs it. */
struct obs_brief {
    int64_t seq;
    char date[11];
    bool has_value;
    double value;
    char state[16];
};

/* What the log holds for one target as of a date, counting only current
 * (uncorrected) observations. */
struct target_obs {
    int n;
    bool has_latest; /* by date, then by record order */
    struct obs_brief latest;
    bool has_first; /* the first numeric one dated on or after a date */
    struct obs_brief first;
};

/* Reads targets as of a date: their totals come from the counts the log
 * keeps, then a seek or two per target finds its latest observation (and
 * on the way how many are dated after as-of) and its first since the
 * baseline year. Never the whole log. */
struct log_reader;
int log_reader_open(struct log *log, const char *as_of, struct log_reader **out,
                    struct pt_error *err);
/* A reader of one target only (the others' corrections are not read): what
 * add, a save in the viewer, or a refresh of one row needs. */
int log_reader_open_target(struct log *log, const char *as_of, const char *plan,
                           const char *target, struct log_reader **out,
                           struct pt_error *err);
/* Every (plan, target) the log names, in order, with its total number of
 * observations (all dates, corrections included); fn returns non-zero to
 * stop. */
int log_reader_counts(struct log_reader *r,
                      int (*fn)(void *ctx, const char *plan, const char *target,
                                int total),
                      void *ctx, struct pt_error *err);
/* The same total for one target. */
int log_reader_total(struct log_reader *r, const char *plan, const char *target,
                     int *total, struct pt_error *err);
/* Given its total, what a target has as of the date: the number of current
 * observations dated on or before it, the latest of them, and, when
 * from_date (YYYY-MM-DD) is given, the first numeric one dated on or after
 * from_date. */
int log_reader_target(struct log_reader *r, const char *plan,
                      const char *target, int total, const char *from_date,
                      struct target_obs *out, struct pt_error *err);
/* The latest current observation of a target dated on or before `until`
 * (and as-of): the figure at a deadline when later ones exist. */
int log_reader_latest_until(struct log_reader *r, const char *plan,
                            const char *target, const char *until, bool *found,
                            struct obs_brief *out, struct pt_error *err);
/* What the reader's statements cost so far, as SQLite counts it: steps of
 * full scans by the per-target statements (0 when each was an index seek)
 * and sorts by any statement (0 when the index gave the order). */
void log_reader_costs(const struct log_reader *r, int *fullscan_steps,
                      int *sorts);
void log_reader_close(struct log_reader *r);

/* Every observation (corrections and corrected ones too) of a target, or of
 * all targets when plan is NULL; newest first by date, then by record
 * order. Caller frees with obs_list_free. */
int log_history(struct log *log, const char *plan, const char *target,
                struct obs **out, size_t *n, struct pt_error *err);
void obs_clear(struct obs *o);
void obs_list_free(struct obs *v, size_t n);

/* Visit every observation in record order (for export). */
int log_each(struct log *log, int (*fn)(void *ctx, const struct obs *o),
             void *ctx, struct pt_error *err);

/* Merge the observations of another log file into this one (field
 * laptops). Rows already present (same uuid) are skipped. */
int log_merge(struct log *log, const char *other_path, size_t *added,
              size_t *skipped, struct pt_error *err);

/* Import observations as full records (author, host and time kept, as
 * recorded elsewhere), skipping uuids already present. For bulk import
 * call log_begin, log_import_row many times, log_commit. */
int log_begin(struct log *log, struct pt_error *err);
int log_import_row(struct log *log, const struct obs *o, bool *added,
                   struct pt_error *err);
int log_commit(struct log *log, struct pt_error *err);
void log_rollback(struct log *log);

/* SQLite's PRAGMA data_version: changes when another connection commits. */
int log_data_version(struct log *log, int64_t *out);

/* The operating system account and host name that log_append records. */
const char *log_author(void);

#endif
