/* Plans: the YAML plan files (plantrack-plans(5)) as a validated model. */
#ifndef PLANTRACK_PLAN_H
#define PLANTRACK_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "plantrack/arena.h"
#include "plantrack/error.h"
#include "plantrack/text.h"

enum comparator {
    CMP_GE,
    CMP_GT,
    CMP_LE,
    CMP_LT,
    CMP_REDUCE_BY,
    CMP_INCREASE_BY,
    CMP_DONE,
    CMP_FALL, /* 持续下降: a trend with no number */
    CMP_RISE, /* 稳步提升 */
};

/* ">=", "reduce-by", "done"… as written in plan files. */
const char *comparator_name(enum comparator c);
/* Whether the target wants a number (all but done). */
bool comparator_numeric(enum comparator c);
/* Whether the target is a change relative to a baseline year. */
bool comparator_relative(enum comparator c);
/* Whether lower values are better (<=, <, fall). */
bool comparator_lower_better(enum comparator c);
/* Whether the target is a trend with no number (fall, rise). */
bool comparator_trend(enum comparator c);

enum firmness { FIRM, STRIVING };

struct thresholds {
    double on_track;           /* R ≥ this: on track */
    double needs_acceleration; /* R ≥ this: needs acceleration */
    double limited;            /* R ≥ this: limited; below: deterioration */
    /* Trend targets (fall / rise): the compound annual rate in the right
     * direction, against Open SDG's no-target thresholds. */
    double trend_on_track, trend_needs_acceleration, trend_limited;
    const char *preset; /* "un" (the default) or "open-sdg" */
};

/* How long after the deadline a target's figure is due: months and days,
 * or a fixed date. */
struct data_due {
    bool set;
    int months, days;
    bool is_date;
    struct pt_date date;
};

struct agency {
    char *id;
    char *name;
    char **aliases;
    size_t n_aliases;
};

struct plan;

struct target {
    const struct plan *plan;
    char *id;
    char **sections;
    size_t n_sections;
    char *domain;
    char *indicator;
    int year;
    enum comparator cmp;
    bool has_value;
    double value;
    char *unit;        /* "" when none */
    int baseline_year; /* 0 when none */
    bool has_baseline_value;
    double baseline_value;
    size_t lead; /* index into plan->agencies */
    /* From the keys lead_stated: false and year_stated: false (zero, the
     * default, means stated in the text). */
    bool lead_inferred;       /* the text names no lead; it was inferred */
    bool year_inferred;       /* the year comes from context */
    bool approximate;         /* 约 / 左右: the value is not a hard bound */
    struct data_due data_due; /* per-target override (set) */
    size_t *support;
    size_t n_support;
    enum firmness firmness;
    bool deferred;
    char *quote;
    char *note; /* "" when none */
    int line, col;
};

struct plan {
    struct arena mem; /* every string and array below lives here */
    char *path;       /* the file it came from */
    char *source_dir; /* where sources/ID.txt is looked for */
    char *id;
    char *title;
    char *short_name; /* for narrow panes; "" when none */
    char *issuer;
    char *document; /* "" when none */
    char *issued;
    char *source; /* "" when none */
    bool draft;   /* standing: draft (征求意见稿) */
    int period_start, period_end;
    struct thresholds thresholds;
    struct data_due data_due; /* for numeric targets (set when given) */
    struct agency *agencies;
    size_t n_agencies;
    struct target *targets;
    size_t n_targets;
};

/* Diagnostics of a load: one line each, "FILE:LINE:COL: what". */
struct plan_diags {
    char **lines;
    size_t n;
};

/* Every plan of a directory (or list of files) that validated. */
struct plan_set {
    /* Set before loading: check every quote against its source text (and
     * the numbers in it), as plantrack check does; the other commands
     * trust a checked plan and skip that work. */
    bool check_quotes;
    struct plan **plans;
    size_t n;
    size_t n_targets;
    size_t n_files_failed;
    struct plan_diags diags;
};

/* The UN Progress Chart's (the default) and Open SDG's. */
extern const struct thresholds THRESHOLDS_DEFAULT;
extern const struct thresholds THRESHOLDS_OPEN_SDG;

/* Parse and validate one plan from memory. `path` names it in messages;
 * `source_dir` (may be NULL) is where sources/ID.txt is looked for to check
 * quotes. Returns the plan, or NULL with every problem added to diags. */
struct plan *plan_parse(const char *buf, size_t len, const char *path,
                        const char *source_dir, struct plan_diags *diags);
/* Read and validate one plan file, quotes included. */
struct plan *plan_load(const char *path, struct plan_diags *diags);
void plan_free(struct plan *p);

/* Load every *.yaml of dir, in name order. A broken file is reported in
 * set->diags and skipped; the others load. Returns -1 (with err) only when
 * the directory itself cannot be read. */
int plan_set_load_dir(struct plan_set *set, const char *dir,
                      struct pt_error *err);
/* Load the given files (a directory among them is loaded as such). */
int plan_set_load_paths(struct plan_set *set, char *const *paths, size_t n,
                        struct pt_error *err);
void plan_set_free(struct plan_set *set);

const struct plan *plan_set_find_plan(const struct plan_set *set,
                                      const char *id);
/* A plan named by its id (any case), its short name or its title; NULL
 * when none or more than one. */
const struct plan *plan_set_find_named(const struct plan_set *set,
                                       const char *name);
/* "ordos (鄂尔多斯), huzhou (湖州)…": every plan's id and short name, to list
 * the valid names after an unknown one. */
void plan_set_names(const struct plan_set *set, char *buf, size_t len);
const struct target *plan_find_target(const struct plan *p, const char *id);
/* "PLAN/TARGET" → target, or NULL with a message (with a suggestion). */
const struct target *plan_set_resolve(const struct plan_set *set,
                                      const char *ref, struct pt_error *err);

const struct agency *target_lead(const struct target *t);
/* Whether a unit is percentage points (百分点, 个百分点). */
bool unit_is_points(const char *unit);
/* A value with its unit as people write it: "5000 万千瓦", "17.5%". */
void unit_format(double v, const char *unit, char *buf, size_t len);
/* A recorded value as people read it: for a change, its direction in
 * words ("fall 19.2%", 降19.2%), else the value with its unit. */
void target_value_phrase(const struct target *t, double v, char *buf,
                         size_t len);
/* Statement of the target as a phrase, changes in words, never as a
 * negative number: ">= 5000 万千瓦", "a fall of 18.5% vs 2020" (降18.5%
 * （较2020年）), "falling" (持续下降); "~" before an approximate value. */
void target_statement(const struct target *t, char *buf, size_t len);

/* The plan's cleaned source text (sources/ID.txt), read on demand.
 * Caller frees; NULL when there is none. */
char *plan_source_text(const struct plan *p, size_t *len);

void plan_diags_add(struct plan_diags *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void plan_diags_free(struct plan_diags *d);

#endif
