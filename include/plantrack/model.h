/* The model: plans joined with the log, each target with its summary and
 * status as of a date. What every view reads; views never touch SQL or
 * YAML. */
#ifndef PLANTRACK_MODEL_H
#define PLANTRACK_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "plantrack/error.h"
#include "plantrack/log.h"
#include "plantrack/plan.h"
#include "plantrack/search.h"
#include "plantrack/status.h"

struct model_row {
    const struct target *t;
    struct target_summary sum;
    struct status st;
    bool conflict; /* competing corrections of one of its figures */
};

/* Observations whose target is not in the plans: kept, and reported. */
struct orphan {
    char *plan, *target;
    int n;
};

struct model {
    struct plan_set plans;
    struct log *log; /* owned */
    struct pt_date as_of;
    struct model_row *rows; /* every target, in plan file order */
    size_t n_rows;
    size_t *slots; /* open-addressing index by (plan id, target id): row + 1 */
    size_t n_slots;
    struct orphan *orphans; /* in (plan, target) order */
    size_t n_orphans;
    int64_t data_version;
};

/* Build the model from loaded plans (taken over) and an open log (taken
 * over), as of a date. */
int model_init(struct model *m, struct plan_set *plans, struct log *log,
               struct pt_date as_of, struct pt_error *err);
/* The same, reading the log only when `scan` is set: for a command that
 * needs one target, which it then reads with model_refresh_row. */
int model_init_scan(struct model *m, struct plan_set *plans, struct log *log,
                    struct pt_date as_of, bool scan, struct pt_error *err);
/* Re-read the log and recompute every status. */
int model_refresh(struct model *m, struct pt_error *err);
/* Re-read one target's observations and recompute its status. */
int model_refresh_row(struct model *m, struct model_row *r,
                      struct pt_error *err);
/* Whether another session changed the log since the last refresh. */
bool model_log_changed(struct model *m);
void model_free(struct model *m);

struct model_row *model_find(struct model *m, const char *plan,
                             const char *target);

/* Which rows a view shows. NULL and 0 mean "any". */
struct model_filter {
    const char *plan;
    int year;
    const char *lead;  /* agency id, name, alias, or part of a name */
    unsigned statuses; /* bit (1u << enum status_code) each; 0: any */
    const char *search; /* as the viewer's / (src/search.c); NULL: any */
};

/* The fields a search looks in (search_doc_init) and their kinds: the
 * target's own (model_search_target_fields: PLAN/TARGET, written to id,
 * and the quote as text, the indicator as a title), then the name and
 * aliases of its lead agency and of each supporting agency
 * (model_search_agency_fields). Each returns how many it wrote (the first
 * always 3); model_search_fields writes at most max. */
size_t model_search_fields(const struct target *t, const char **fields,
                           enum search_field *kind, size_t max, char *id,
                           size_t idlen);
size_t model_search_target_fields(const struct target *t, const char **fields,
                                  enum search_field *kind, char *id,
                                  size_t idlen);
size_t model_search_agency_fields(const struct agency *a, const char **fields,
                                  enum search_field *kind, size_t max);

/* The latest figure of a row as people read it: "4200 万千瓦", a state in
 * the interface language ("in progress", 进行中), or "-" when nothing is
 * recorded. */
void model_row_latest(const struct model_row *r, char *buf, size_t len);

bool model_row_matches(const struct model_row *r, const struct model_filter *f);
/* Whether agency a is what `query` names. */
bool agency_is(const struct agency *a, const char *query);

#endif
