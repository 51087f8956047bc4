/* Status engine: how a target stands as of a date, by the UN SDG Progress
 * Chart method as Open SDG implements it. Pure computation: no I/O. */
#ifndef PLANTRACK_STATUS_H
#define PLANTRACK_STATUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "plantrack/plan.h"
#include "plantrack/text.h"

/* In order of severity, most urgent first (the TUI's default sort). */
enum status_code {
    ST_OVERDUE,
    ST_DETERIORATION,
    ST_LIMITED,
    ST_NEEDS_ACCELERATION,
    ST_NO_DATA,
    ST_NOT_STARTED,
    ST_IN_PROGRESS,
    ST_ON_TRACK,
    ST_MET,
    ST_DONE,
    ST_COUNT
};

/* States recorded for qualitative ("done") targets. */
enum obs_state {
    STATE_NONE = 0,
    STATE_NOT_STARTED,
    STATE_IN_PROGRESS,
    STATE_DONE
};

const char *obs_state_name(enum obs_state s);
/* The state in the interface language (已完成…). */
const char *obs_state_label(enum obs_state s);
/* "done", "in-progress", "not-started" (also 已完成/进行中/未开始 and
 * "in progress") → state; STATE_NONE when not one of them. */
enum obs_state obs_state_parse(const char *s);

/* How the status was reached. */
enum status_method {
    METHOD_NONE,        /* no usable data */
    METHOD_ACHIEVED,    /* the latest value is on the right side */
    METHOD_CAGR,        /* ratio of compound annual growth rates */
    METHOD_LINEAR,      /* share of progress against share of time */
    METHOD_FELL_BACK,   /* the baseline met the target, the latest does not */
    METHOD_DEADLINE,    /* deadline passed without meeting the target */
    METHOD_QUALITATIVE, /* the latest recorded state */
};

/* One observation as the engine sees it. */
struct obs_point {
    struct pt_date date;
    bool has_value;
    double value;
    enum obs_state state;
};

/* What the log says about one target as of a date, gathered by the model
 * in one pass over the target's current (uncorrected) observations, which
 * may come in any order. */
struct target_summary {
    int n;          /* observations dated on or before as-of */
    bool has_first; /* first numeric one on/after the baseline year */
    struct obs_point first;
    long first_days; /* YYYYMMDD, for ordering */
    int64_t first_seq;
    bool has_latest; /* latest (numeric or state) */
    struct obs_point latest;
    long latest_days; /* YYYYMMDD */
    int64_t latest_seq;
};

/* Start a summary for t; feed it observations in any order. Between equal
 * dates the one recorded later (higher seq) is the later one. */
void summary_init(struct target_summary *s);
void summary_add(struct target_summary *s, const struct target *t,
                 const struct obs_point *o, int64_t seq);

struct status {
    enum status_code code;
    enum status_method method;
    /* The numbers behind it (NAN where not used). */
    double y0, t0;     /* baseline value and time (fractional year) */
    bool y0_from_obs;  /* baseline taken from the first observation */
    double yt, t;      /* latest value and time */
    double target, tT; /* target value and deadline time */
    double actual_rate, required_rate; /* CAGR method */
    double progress_share, time_share; /* linear method */
    double ratio;
    bool has_projection;
    double projected; /* the baseline-to-latest trend at the deadline */
};

/* The status of t given its summary, as of a date. */
void status_of(const struct target *t, const struct target_summary *s,
               struct pt_date as_of, struct status *out);

/* "on-track" … as in JSON output and --status. */
const char *status_name(enum status_code c);
/* Localised word for people ("on track" / 进展顺利). */
const char *status_label(enum status_code c);
/* One ASCII character that tells the status apart without colour. */
char status_mark(enum status_code c);
/* Parse a status name; -1 when unknown. */
int status_parse(const char *s);
const char *status_method_name(enum status_method m);

/* A sentence saying why: "R = 0.62 (actual 4.1%/yr, required 6.6%/yr)". */
void status_explain(const struct target *t, const struct status *st, char *buf,
                    size_t len);

#endif
