/* View: what the viewer shows of the model, without curses: the filters
 * (plans × years × lead agencies × statuses × lights, several entries of
 * each at once), the facet lists with their counts, the columns and the sorted
 * target rows, and search (src/search.c) with its matches. */
#ifndef PLANTRACK_VIEW_H
#define PLANTRACK_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "plantrack/arena.h"
#include "plantrack/model.h"
#include "plantrack/search.h"

/* The columns of the target list, in the order they can be shown. */
enum column {
    COL_STATUS,
    COL_YEAR,
    COL_PLAN,
    COL_INDICATOR,
    COL_TARGET,
    COL_LATEST,
    COL_DATE,
    COL_LEAD,
    COL_COUNT
};

/* "status", "year", … as in the config file. */
const char *column_name(enum column c);
/* The column's header in the interface language. */
const char *column_title(enum column c);
int column_parse(const char *name);
/* Parse "status,year,indicator" into a set (1u << column each); -1 with a
 * message when a name is unknown. */
int column_parse_list(const char *list, unsigned *set, char *err,
                      size_t errlen);

/* The filters. The light (督办: red, yellow, green, none) is a filter of
 * its own beside the status: "only the red ones" is the meeting's first
 * question; "only those behind schedule (序时进度)" its second. */
enum facet_kind {
    FACET_PLAN,
    FACET_YEAR,
    FACET_LEAD,
    FACET_STATUS,
    FACET_LIGHT,
    FACET_SCHEDULE, /* behind or ahead of 序时进度, where it is judged */
    FACET_COUNT
};

/* One entry of a filter pane. key NULL is the "all" entry. */
struct facet {
    char *key; /* plan id, year, "plan/agency-id", status or light name,
                * "behind" / "ahead" */
    char *label; /* what the pane shows */
    const void *group; /* what rows it gathers: plan, agency (internal) */
    int value;         /* year, status code, light, schedule_pos */
    int count;         /* targets it selects, given the other filters */
    int by_status[ST_COUNT];
};

struct facet_list {
    struct facet *v;
    size_t n;
    /* The active entries (their keys); none: all. */
    char **sel;
    size_t n_sel;
};

struct view {
    struct model *m;
    struct facet_list f[FACET_COUNT];
    enum column sort;
    bool sort_desc;
    /* The target list: indexes into m->rows, filtered and sorted. */
    size_t *rows;
    size_t n_rows;
    size_t *all_rows; /* the same before narrowing to the search */
    size_t n_all_rows;
    /* The status of each of all_rows, beside it: narrowing a search
     * counts the statuses of 20,000 rows without reading each row. */
    unsigned char *all_codes;
    int counts[ST_COUNT]; /* statuses of the listed rows */
    unsigned statuses;    /* every status a target of the model has */
    /* Search: the query, the prepared text of every model row, and which
     * rows match. With `narrow` the list shows only the matches. */
    struct search_query query;
    bool narrow;
    struct search_doc *docs;        /* per model row: its own text */
    struct search_doc *agency_docs; /* per agency of each plan, shared */
    size_t n_agency_docs;
    /* Per model row r, the agency docs of its lead and supporting
     * agencies: row_agency[row_agency_at[r] .. row_agency_at[r + 1]). */
    uint32_t *row_agency, *row_agency_at;
    signed char *agency_hit; /* per agency doc, this query: -1 not read */
    struct arena docs_mem;
    bool *hit; /* per model row */
    size_t n_hits; /* listed rows that match */
    struct search_memo *memo; /* the searches of the query being typed */
    size_t n_memo;
};

void view_init(struct view *v, struct model *m);
/* Recompute rows and facets after the model, a filter or the sort changed. */
void view_rebuild(struct view *v);
/* The model was replaced (reload): drop what was built from the old one,
 * keeping the filters, sort and search. */
void view_forget_model(struct view *v);
void view_free(struct view *v);

/* Filters. A NULL key clears the kind (the "all" entry). */
void view_filter_only(struct view *v, enum facet_kind k, const char *key);
/* Add or remove one entry of a kind (several at once). */
void view_filter_toggle(struct view *v, enum facet_kind k, const char *key);
bool view_filter_has(const struct view *v, enum facet_kind k, const char *key);
/* Clear every filter and the narrowing search. */
void view_filter_clear(struct view *v);
/* Whether any filter is set. */
bool view_filtered(const struct view *v);
/* The filters and the narrowing search in words, " · "-joined, as the
 * list's title and a report of the list say them: "迷你市 · 2025 · |pm";
 * "" when nothing is filtered. */
void view_describe(const struct view *v, char *buf, size_t len);

/* Build the search text of every target now (a few ms for 20,000), so the
 * first keystroke of a search does not pay for it; the viewer calls this
 * once the screen is painted. */
void view_prepare_search(struct view *v);
/* Search for what was typed ("" ends the search): marks the matching rows
 * and counts the listed ones. With narrow, the list shows only them. */
void view_search(struct view *v, const char *typed, bool narrow);
/* Whether the listed row i matches the search. */
bool view_row_matches(const struct view *v, size_t i);
/* The next listed row matching the search, starting at `from` and moving by
 * dir (+1 / -1), wrapping around; -1 when none. */
long view_find(const struct view *v, size_t from, int dir);
/* Which match listed row i is (1 for the first), 0 when it is none. */
size_t view_match_rank(const struct view *v, size_t i);

/* Position in v->rows of model row r, or -1 when not listed. */
long view_position(const struct view *v, const struct model_row *r);

#endif
