/* Reports for meetings: the targets a selection picks out of the model,
 * counted by agency and by plan, with what needs attention, what changed
 * since a date and how fully recent figures cover them. One report model
 * (src/report/report.c), one renderer per format (src/report/html.c,
 * xlsx.c, md.c); the renderers only read the model. */
#ifndef PLANTRACK_REPORT_H
#define PLANTRACK_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "plantrack/error.h"
#include "plantrack/model.h"

enum report_format { REPORT_HTML, REPORT_XLSX, REPORT_MD };

/* "html", "xlsx", "md" (also "markdown") → format; -1 when unknown. */
int report_format_parse(const char *s);
/* "html", "xlsx", "md": also the file name extension. */
const char *report_format_name(enum report_format f);
/* The format a file name's extension names; -1 when none. */
int report_format_of_path(const char *path);

struct report_options {
    struct model_filter filter;
    /* The viewer's selection instead: the model rows it lists (rows[i]
     * for m->rows[i]) and what it calls them; the filter then only names
     * the file. */
    const bool *rows;
    const char *selection;
    bool has_since; /* --since: what changed since that date */
    struct pt_date since;
    /* Read the log for each item's latest source and author, and for the
     * changes; with `charts` too, for the points of each attention item's
     * chart (the HTML report). Without them only the model is read. */
    bool details, charts;
};

/* Where an item goes: the counts and agency pages hold the main ones;
 * targets that defer to a higher level's figure and the targets of a
 * draft plan are listed apart, uncounted. */
enum report_part { PART_MAIN, PART_DEFERRED, PART_DRAFT };

struct report_point {
    struct pt_date date;
    double value;
};

struct report_item {
    const struct model_row *row;
    enum report_part part;
    enum light light;
    bool attention; /* a red or yellow light */
    /* The latest figure dated in the twelve months up to as-of; a latest
     * figure older than that is stale. */
    bool recent, stale;
    size_t agency; /* index into report.agencies */
    /* The latest figure's source and author ("" when none). */
    char *source, *author;
    /* Current numeric observations up to as-of, oldest first: the chart
     * (read only for attention items when opt.charts is set). */
    struct report_point *points;
    size_t n_points;
    /* The status as of --since, from a model as of that date. */
    bool has_then;
    enum status_code then;
};

struct report_counts {
    int total;
    int status[ST_COUNT];
    int light[LIGHT_COUNT];  /* the 督办 lights, from the status engine */
    int attention;           /* red and yellow */
    int recent, stale, none; /* coverage of the latest figures */
};

/* An agency of a plan (the same name in two plans is two agencies: two
 * cities' bureaus), a whole plan, or the targets due in a year. */
struct report_group {
    const struct plan *plan;     /* NULL for a year */
    const struct agency *agency; /* NULL for a plan or a year */
    int year;                    /* for a year */
    char *label; /* the agency, with the plan's short name when the
                    selection spans several plans */
    struct report_counts counts; /* main items only */
    size_t *items; /* into report.items: attention first, then by status */
    size_t n_items;
};

enum report_change_kind { CHANGE_STATUS, CHANGE_FIGURE, CHANGE_CORRECTION };

struct report_change {
    enum report_change_kind kind;
    size_t item;
    enum status_code from, to; /* CHANGE_STATUS */
    struct obs ob;             /* the others (owned) */
};

struct report {
    const struct model *m;
    struct report_options opt;
    struct pt_date recent_from; /* figures dated from here on are recent */
    struct report_item *items;  /* the selection, in plan file order */
    size_t n_items;
    struct report_group *agencies; /* with main items, in plan file order */
    size_t n_agencies;
    struct report_group *plans; /* plans with main items */
    size_t n_plans;
    struct report_group *years; /* milestone years of main items, in order */
    size_t n_years;
    struct report_counts total; /* main items */
    size_t n_deferred, n_draft, n_attention;
    /* By target, in the order of the agencies (the targets apart last):
     * its status change first, then its figures and corrections as they
     * were recorded. */
    struct report_change *changes;
    size_t n_changes;
    /* The log's head (log_head) when the report was made: a copy on
     * paper that `plantrack verify --head` checks later; or why there is
     * none. */
    bool has_head;
    char head[65];
    int64_t head_rows;
    char head_note[sizeof ((struct pt_error *)0)->msg];
};

/* The report of a model's selection. `then` (may be NULL) holds the
 * status code of each of m's rows as of opt->since (report_then gives
 * it): the status changes come from it. The report points into m, which
 * must outlive it. */
int report_build(struct report *r, const struct model *m, const int *then,
                 const struct report_options *opt, struct pt_error *err);
/* The status code of each row of m as of `since`, then m brought back to
 * its own date: one model, read twice. Caller frees. */
int *report_then(struct model *m, struct pt_date since, struct pt_error *err);
void report_free(struct report *r);

/* Whether a target needs attention at a meeting: its light is red
 * (missed, unreported, deteriorating) or yellow (behind 序时进度, short of
 * the pace its deadline needs, not started). */
bool report_row_attention(const struct model_row *row);

/* The statuses that occur among the main items, most urgent first: the
 * columns of the summaries. Returns how many (out has room for ST_COUNT). */
int report_statuses(const struct report *r, enum status_code *out);
/* What every format shows of an item, as text. */
struct report_facts {
    char ref[160];       /* PLAN/TARGET */
    char statement[256]; /* "≥ 5000 万千瓦", "较2020年降17.5%" */
    char latest[128];    /* "4200 万千瓦", a state, or "none recorded" */
    char date[11];       /* of the latest figure, "" when none */
    char why[512];       /* how the status was reached */
    char support[1024];  /* supporting agencies, "、"-joined */
    char marks[512];     /* striving, inferred facts…, "; "-joined */
    char schedule[320];  /* 序时进度, and the change a year still needed */
};
void report_item_facts(const struct report_item *it, struct report_facts *f);

/* A recorded figure or correction of the changes, as text. */
struct report_record {
    char value[160]; /* with its unit, or the state */
    char when[32];   /* recorded, local time to the minute */
};
void report_change_record(const struct report *r, const struct report_change *c,
                          struct report_record *out);

/* The head as the header says it: "9f2c… (1234 rows)", or why there is
 * none. */
void report_head_text(const struct report *r, char *buf, size_t len);

/* The lights in the order of a 督办 table: red, yellow, green, none. */
extern const enum light REPORT_LIGHTS[LIGHT_COUNT];
/* A light's word as a column or a legend says it (红灯…, "no light"). */
const char *report_light_word(enum light l);

/* The selection in words, for the header: "2025 · 市生态环境局". */
void report_selection(const struct report *r, char *buf, size_t len);
/* A dated file name for the selection: "plantrack-2025-12-31-ordos.html". */
void report_default_name(const struct report_options *opt, struct pt_date as_of,
                         enum report_format f, char *buf, size_t len);

/* Write the report in format f to path, or to standard output when path
 * is "-" (not for xlsx). A file is written beside its name and renamed
 * into place: a reader never sees half a report, and a failed run leaves
 * the previous file as it was. */
int report_write(const struct report *r, enum report_format f, const char *path,
                 struct pt_error *err);

/* The renderers. Each writes the whole report, or fails with a message. */
int report_html(const struct report *r, FILE *out, struct pt_error *err);
int report_md(const struct report *r, FILE *out, struct pt_error *err);
/* A workbook at path (libxlsxwriter writes files, not streams). */
int report_xlsx(const struct report *r, const char *path, struct pt_error *err);

#endif
