/* The progress log: an append-only SQLite table of observations, each
 * linked into a hash chain, with the receipts of the imports that brought
 * rows in. The only module that runs SQL. Schema in plantrack(1).
 *
 * How a row enters the log (add, correct, the viewer's editor, import,
 * and sync, issue 13): always through log_append or log_import_row, which
 * pass it through the one check set with log_set_check (src/admit.c: the
 * plans, dates, units, text) and refuse it when none is set. The schema's
 * trigger observations_chain then links the row into the chain: chain
 * (seq, import_id, hash) holds, per observation, SHA-256 over the previous
 * link's hash and the row's content. The chain is local to each log (its
 * order is this log's insertion order); it lives in its own table and
 * never travels: a sync changeset carries `observations` rows only, and
 * the receiving side inserts each one with log_import_row (which checks
 * it and lets the trigger chain it), never by applying the changeset to
 * `observations` directly (that would skip the check; the trigger would
 * still chain the rows, and the sqlite3 shell, which lacks the chain
 * function, cannot insert at all). Import receipts live in `imports`;
 * sync receipts belong in a table of their own. */
#ifndef PLANTRACK_LOG_H
#define PLANTRACK_LOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "plantrack/error.h"

#define LOG_SCHEMA_VERSION 5
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
    bool superseded; /* not counted: corrected, or a competing correction
                        counts instead (see correction.h) */
    bool corrected;  /* a later row corrects this one */
    bool conflict;   /* one of competing corrections that disagree */
    /* The import that brought it into this log (its receipt in log
     * --imports: who ran it, from which file); 0 when recorded here. */
    int64_t import_id;
    /* For a row read from another log or a file: why it cannot be read as
     * an observation at all (a field of the wrong type, a NUL inside a
     * text), NULL when it can. */
    const char *defect;
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

/* The one check every row passes before it enters the log (admit_row in
 * src/admit.c, through admit_attach). `corrected` is the observation the
 * row corrects, found in the log by its exact uuid; NULL when the row
 * corrects none or when that observation is not in the log. Returns 0 to
 * let the row in, or -1 with the reason in why. */
typedef int (*log_check_fn)(void *ctx, const struct obs *row,
                            const struct obs *corrected, char *why, size_t len);
/* Set the check; ctx is freed with ctx_free (may be NULL) when the log is
 * closed or another check is set. */
void log_set_check(struct log *log, log_check_fn fn, void *ctx,
                   void (*ctx_free)(void *));

/* Append one observation; fills uuid_out (37 bytes) with its id. The log
 * adds the author (the real user's account), the host and the time, then
 * the check decides. Refused (PT_EENV) when the log's triggers are not as
 * plantrack made them. A busy log is waited for up to the busy timeout,
 * then reported. */
int log_append(struct log *log, const struct obs_input *in, char *uuid_out,
               struct pt_error *err);

/* UTC now as the log records it: 2025-06-30T08:15:02.123Z. */
void log_utc_now(char buf[32]);

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
 * observations (neither corrected nor set aside by a competing correction).
 * Between rows of one date the later is the one recorded later, then the
 * greater id: the same in every log, whatever order rows arrived in. */
struct target_obs {
    int n;
    bool conflict; /* competing corrections of one of its figures */
    bool has_latest;
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
/* A target's current observations dated on or before as-of, oldest first
 * (by date, then record order), each passed to fn, which returns non-zero
 * to stop: the history a report charts. */
int log_reader_series(struct log_reader *r, const char *plan,
                      const char *target,
                      int (*fn)(void *ctx, const struct obs_brief *o),
                      void *ctx, struct pt_error *err);
/* The source and author of one observation by its seq (a summary's
 * latest_seq): who vouches for a target's latest figure. The caller frees
 * both. */
int log_reader_provenance(struct log_reader *r, int64_t seq, char **source,
                          char **author, struct pt_error *err);
/* What the reader's statements cost so far, as SQLite counts it: steps of
 * full scans by the per-target statements (0 when each was an index seek)
 * and sorts by any statement (0 when the index gave the order). */
void log_reader_costs(const struct log_reader *r, int *fullscan_steps,
                      int *sorts);
void log_reader_close(struct log_reader *r);

/* Every observation (corrections and corrected ones too) of a target, or of
 * all targets when plan is NULL; newest first by date, then by recorded
 * time and id (the order status reads them in). Caller frees with
 * obs_list_free. */
int log_history(struct log *log, const char *plan, const char *target,
                struct obs **out, size_t *n, struct pt_error *err);
void obs_clear(struct obs *o);
void obs_list_free(struct obs *v, size_t n);

/* Visit every observation recorded at or after a time (UTC, in the form
 * of recorded_at: "2025-06-30T16:00:00"), in record order: what changed
 * since a meeting. */
int log_recorded_since(struct log *log, const char *utc,
                       int (*fn)(void *ctx, const struct obs *o), void *ctx,
                       struct pt_error *err);

/* Visit every observation in record order (for export). */
int log_each(struct log *log, int (*fn)(void *ctx, const struct obs *o),
             void *ctx, struct pt_error *err);

/* A conflict: competing corrections of one observation that disagree and
 * that no correction has resolved yet. */
struct log_conflict {
    struct obs original; /* the observation they correct */
    struct obs *figures; /* the competing ones, the one that counts first */
    size_t n;
};
/* The log's conflicts, of one plan or target when given, by plan, target
 * and date. Caller frees with log_conflicts_free. */
int log_conflicts(struct log *log, const char *plan, const char *target,
                  struct log_conflict **out, size_t *n, struct pt_error *err);
void log_conflicts_free(struct log_conflict *v, size_t n);

/* ---- rows from elsewhere: import and sync ---- */

/* How a row from elsewhere stands against this log, by its uuid: not
 * here, here with the same content (a duplicate, skipped), or here with
 * different content (a conflict: reported, never chosen silently). */
enum log_fate { LOG_FATE_NEW, LOG_FATE_DUPLICATE, LOG_FATE_CONFLICT };
/* The observation with exactly this uuid: *found says whether there is one
 * (out is filled only then; caller clears it with obs_clear). */
int log_find(struct log *log, const char *uuid, bool *found, struct obs *out,
             struct pt_error *err);
int log_fate(struct log *log, const struct obs *row, enum log_fate *out,
             struct pt_error *err);
/* Whether two observations have the same content, every field. */
bool obs_same(const struct obs *a, const struct obs *b);

/* An import's receipt: who ran it (the real user's account), where and
 * when (the log fills those), from which file, and what it held. Written
 * before the first row, so every imported row names it in the chain. */
struct log_receipt {
    const char *file; /* as the user named it */
    char sha256[65];  /* of the bytes read */
    int64_t bytes;    /* read */
    int64_t rows;     /* observations in the file */
    int64_t new_rows; /* of them, not yet in the log: to be added */
    int64_t duplicates, conflicts;
};
/* Every observation of another log (a field laptop's .db), given as the
 * bytes of its file, read by the caller with the user's own rights. Only
 * its `observations` table is read, and only as a table: nothing of the
 * untrusted file runs (no view, trigger or virtual table), and a file of
 * more than max_rows rows is refused. In seq order; fn gets each row (its
 * seq names it in messages) and returns non-zero to stop. */
int log_each_foreign(const void *bytes, size_t len, const char *name,
                     int64_t max_rows,
                     int (*fn)(void *ctx, const struct obs *o), void *ctx,
                     struct pt_error *err);
/* Record the receipt; rows imported after it (log_import_row) name it. */
int log_import_start(struct log *log, const struct log_receipt *r, int64_t *id,
                     struct pt_error *err);
/* Import rows in batches: log_begin, log_import_row many times, log_commit.
 * Each row keeps the author, host and time it was recorded with
 * elsewhere, passes the check, and is linked into the chain with the
 * current import's id. *fate says what happened (a new row is added; a
 * duplicate or a conflict is left out). */
int log_begin(struct log *log, struct pt_error *err);
int log_import_row(struct log *log, const struct obs *o, enum log_fate *fate,
                   struct pt_error *err);
int log_commit(struct log *log, struct pt_error *err);
void log_rollback(struct log *log);
/* The longest a write transaction of this connection held the log, in
 * milliseconds (for the import's benchmark). */
double log_longest_hold_ms(const struct log *log);

/* One import receipt as `plantrack log --imports` shows it. */
struct log_import_info {
    int64_t id;
    char *run_by, *host, *file;
    char at[32];
    char sha256[65];
    int64_t bytes, rows, new_rows, duplicates, conflicts;
    int64_t added; /* rows in the log that name this import */
};
int log_imports(struct log *log, struct log_import_info **out, size_t *n,
                struct pt_error *err);
void log_imports_free(struct log_import_info *v, size_t n);

/* ---- the chain and the schema's protection ---- */

/* The log's head: the hex SHA-256 of its last link (64 zeros for an empty
 * log) and how many rows the chain has. Written into reports and sync
 * receipts, it makes any later change to what it covers provable. */
int log_head(struct log *log, char hex[65], int64_t *rows,
             struct pt_error *err);

/* What plantrack verify found. */
enum log_finding_kind {
    LOG_FOUND_CHANGED,  /* a row's content no longer matches its link */
    LOG_FOUND_REMOVED,  /* a row is gone (its link, or a gap, says so) */
    LOG_FOUND_UNLINKED, /* a row without a link: inserted behind our back */
    LOG_FOUND_TRIGGER,  /* a trigger or view missing, changed or added */
    LOG_FOUND_COUNTS,   /* the per-target counts disagree with the rows */
    LOG_FOUND_DAMAGED,  /* SQLite's integrity check */
    LOG_FOUND_HEAD,     /* a head given to verify is not in the chain */
    LOG_FOUND_INCIDENT, /* an earlier repair, as recorded */
};
struct log_finding {
    enum log_finding_kind kind;
    int64_t seq;    /* the row concerned, 0 when none */
    char uuid[37];  /* its uuid when known */
    char what[512]; /* the finding in words */
};
struct log_verify_result {
    int64_t rows;     /* observations */
    int64_t links;    /* chain rows */
    int64_t problems; /* findings other than incidents */
    char head[65];
    int64_t head_seq;   /* where a given head was found; 0 when not */
    int64_t since_head; /* rows recorded after it */
    bool head_held;     /* it was found, and nothing it covers changed */
};
/* Walk the whole chain, the schema's triggers, the counts and SQLite's
 * integrity check; each finding goes to fn. `head` (may be NULL): a head
 * printed earlier, which the chain must still pass through. */
int log_verify(struct log *log, const char *head,
               void (*fn)(void *ctx, const struct log_finding *f), void *ctx,
               struct log_verify_result *res, struct pt_error *err);
/* Put the triggers back as plantrack made them and record the incident
 * (who, when, what was found, the head) in the log for good. */
int log_repair(struct log *log, const char *found, struct pt_error *err);
/* Whether the log's triggers are all there, unchanged, and no other was
 * added: 0 when so, else -1 with a message naming the first difference. */
int log_check_schema(struct log *log, struct pt_error *err);

/* ---- sync (issue 13): identity, receipts, peers ---- */

/* The log's identity: a UUID made the first time it is asked for, and a
 * name for people (the machine's, until set). */
struct log_identity {
    char id[37];
    char name[65];
    char since[32];
};
/* This log's identity, made when it has none; new_name (may be NULL) names
 * it anew; renew gives it a new id (a log copied from another). */
int log_identity(struct log *log, const char *new_name, bool renew,
                 struct log_identity *out, struct pt_error *err);

/* A sync receipt: a changeset written for another log (out) or applied
 * from one (in). lo < seq <= hi are the sender's rows it covers; ack says
 * up to which of the recipient's own rows the sender holds. */
struct log_sync {
    int64_t id;
    bool out;
    char at[32], run_by[65], host[65];
    char peer_id[37], peer_name[65], for_id[37];
    int64_t import_id; /* the import receipt its rows name in the chain */
    char file[256], sha256[65];
    int64_t lo, hi, ack, rows, added, duplicates, conflicts;
    char head_before[65], head_after[65];
};
/* Record a receipt (head_after is filled here, in the same transaction),
 * with the rows kept apart: each a uuid and the row as an export line. */
int log_sync_record(struct log *log, struct log_sync *r,
                    const char *const *held_ids, const char *const *held_rows,
                    size_t n_held, struct pt_error *err);
int log_syncs(struct log *log, struct log_sync **out, size_t *n,
              struct pt_error *err);
/* Every row a sync kept apart; fn returns non-zero to stop. */
int log_held(struct log *log,
             int (*fn)(void *ctx, int64_t sync_id, const char *uuid,
                       const char *row),
             void *ctx, struct pt_error *err);

/* What this log knows of another, from the receipts, by its id or the
 * name it gave itself: up to which of its rows this log holds (received,
 * contiguous), up to which of ours it said it holds (acked), and the
 * highest of ours sent to it. */
struct log_peer {
    bool known;
    char id[37], name[65];
    int64_t received, acked, sent;
};
int log_peer(struct log *log, const char *self_id, const char *who,
             struct log_peer *out, struct pt_error *err);
/* The highest seq of the log (0 when empty). */
int log_max_seq(struct log *log, int64_t *out, struct pt_error *err);

/* Whether the log file was removed or replaced (renamed over) since it was
 * opened: writes would go to a file no one else reads. */
bool log_file_replaced(const struct log *log);

/* One read transaction around many lookups (an import's first pass): one
 * snapshot, locks taken once. */
int log_read_begin(struct log *log, struct pt_error *err);
void log_read_end(struct log *log);

/* SQLite's PRAGMA data_version: changes when another connection commits. */
int log_data_version(struct log *log, int64_t *out);

/* The operating system account (of the real user id: never the
 * environment, never the setgid group's) that log_append records. */
const char *log_author(void);
const char *log_host(void);

#endif
