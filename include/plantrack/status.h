/* Status engine: how a target stands as of a date. Progress is judged by
 * the UN SDG Progress Chart method (its thresholds 0.95 / 0.5 / -0.1 by
 * default; Open SDG's 0.95 / 0.6 / 0 as the preset `thresholds: open-sdg`),
 * with deadline states of the 督办 practice (未完成, 逾期未报, 逾期完成),
 * 序时进度 and a light per target. Where it differs from Open SDG on purpose
 * is listed in plantrack(1), STATUS. Pure computation: no I/O. */
#ifndef PLANTRACK_STATUS_H
#define PLANTRACK_STATUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "plantrack/plan.h"
#include "plantrack/text.h"

/* In order of severity, most urgent first (the TUI's default sort). The
 * names (status_name) are a contract: CLI, JSON, filters, viewer, reports.
 * `overdue` is retired: --status overdue means missed,unreported. */
enum status_code {
    ST_MISSED,     /* deadline passed, the milestone-year figure misses */
    ST_UNREPORTED, /* the figure is due (data_due passed), none recorded */
    ST_DETERIORATION,
    ST_LIMITED,
    ST_NEEDS_ACCELERATION,
    ST_NO_DATA, /* nothing recorded and nothing due yet */
    ST_NOT_STARTED,
    ST_IN_PROGRESS,
    ST_ON_TRACK,
    ST_MET_LATE, /* met, but only by a figure dated after the deadline */
    ST_MET,
    ST_DONE,
    ST_COUNT
};

/* The 督办 light of a target: green met or on schedule; yellow behind
 * schedule or needs acceleration; red missed, unreported or deterioration;
 * none not yet due and no data. */
enum light { LIGHT_NONE, LIGHT_GREEN, LIGHT_YELLOW, LIGHT_RED, LIGHT_COUNT };

/* Where the latest figure stands against 序时进度. */
enum schedule_pos { SCHEDULE_NONE, SCHEDULE_AHEAD, SCHEDULE_BEHIND };

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
    METHOD_DUE,         /* the milestone figure is due and not recorded */
    METHOD_TREND,       /* fall / rise: compound annual rate, no target */
    METHOD_DEFERRED,    /* the number is set by a higher authority */
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
    /* The latest dated on or before the deadline (the milestone figure). */
    bool has_at_deadline;
    struct obs_point at_deadline;
    long at_deadline_days;
    int64_t at_deadline_seq;
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
    double projected;        /* the baseline-to-latest trend at the deadline */
    int n_obs;               /* observations as of the date */
    struct pt_date deadline; /* YEAR-12-31 */
    struct pt_date due;      /* the milestone figure is due by this day */
    bool deferred;           /* judged by state only (达到上级要求) */
    /* 序时进度: the value a straight path from the plan's baseline (a
     * change of 0 for reduce-by / increase-by) to the target reaches at
     * the as-of date, and at the latest figure's date, which the latest
     * figure is compared with (a figure is never compared with where the
     * path stands months after it was measured). NAN when there is no
     * baseline value or no number. */
    double schedule_value, schedule_at_latest;
    enum schedule_pos schedule;
    /* Average change per year still needed from the latest figure to the
     * target by the deadline (in the target's unit); NAN when met, past
     * the deadline or without a figure. */
    double required_annual_change;
};

/* The status of t given its summary, as of a date. */
void status_of(const struct target *t, const struct target_summary *s,
               struct pt_date as_of, struct status *out);

/* The deadline of t (YEAR-12-31) and the day its figure is due. */
struct pt_date target_deadline(const struct target *t);
struct pt_date target_data_due(const struct target *t);

/* The light of a judged target. */
enum light status_light(const struct status *st);
/* "green", "yellow", "red", "none" as in JSON output. */
const char *light_name(enum light l);
/* Localised word for people (绿灯…). */
const char *light_label(enum light l);
/* The light as one letter for a table cell: R, Y, G, - (红, 黄, 绿). */
const char *light_short(enum light l);
/* One ASCII character that tells the light apart without colour:
 * 'G', 'Y', 'R', ' '. */
char light_mark(enum light l);
/* "ahead", "behind" or NULL. */
const char *schedule_name(enum schedule_pos p);

/* "on-track" … as in JSON output and --status. */
const char *status_name(enum status_code c);
/* Localised word for people ("on track" / 进展顺利). */
const char *status_label(enum status_code c);
/* One ASCII character that tells the status apart without colour. */
char status_mark(enum status_code c);
/* Parse a status name; -1 when unknown. */
int status_parse(const char *s);
/* Parse a status name into a set (1u << code each): a name, or "overdue",
 * the retired status, which means missed and unreported. -1 when
 * unknown. */
int status_parse_mask(const char *s, unsigned *mask);
const char *status_method_name(enum status_method m);

/* A sentence saying why: "R = 0.62 (actual 4.1%/yr, required 6.6%/yr)". */
void status_explain(const struct target *t, const struct status *st, char *buf,
                    size_t len);
/* The ratio R as printed: rounded toward its band, with as many digits as
 * it takes for the printed number to give the same status. "" when R is
 * not a finite number. */
void status_format_ratio(const struct target *t, const struct status *st,
                         char *buf, size_t len);

#endif
