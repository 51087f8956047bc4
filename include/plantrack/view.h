/* View: what the viewer shows of the model, without curses: the filters
 * (plan × year × lead agency), the facet lists with their counts, the
 * sorted target rows, and search. */
#ifndef PLANTRACK_VIEW_H
#define PLANTRACK_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "plantrack/arena.h"
#include "plantrack/model.h"

enum sort_order {
    SORT_SEVERITY,
    SORT_YEAR,
    SORT_AGENCY,
    SORT_INDICATOR,
    SORT_COUNT
};

const char *sort_order_label(enum sort_order s);

/* One entry of a filter pane. key NULL is the "all" entry. */
struct facet {
    char *key;   /* plan id, agency name; NULL for all */
    int year;    /* for the years pane; 0 for all */
    char *label; /* what the pane shows */
    int count;   /* targets it selects, given the other filters */
    int by_status[ST_COUNT];
};

struct view {
    struct model *m;
    /* Active filters (NULL / 0: any). */
    char *plan;
    int year;
    char *lead;
    enum sort_order sort;
    /* The target list: indexes into m->rows, filtered and sorted. */
    size_t *rows;
    size_t n_rows;
    int counts[ST_COUNT]; /* statuses of the listed rows */
    struct facet *plans, *years, *leads;
    size_t n_plans, n_years, n_leads;
    /* Lower-cased search text per model row, in one arena: built by
     * view_prepare_search, or on the first search. */
    char **haystack;
    size_t n_haystack;
    struct arena haystack_mem;
};

void view_init(struct view *v, struct model *m);
/* Recompute rows and facets after the model, a filter or the sort changed. */
void view_rebuild(struct view *v);
/* Drop cached search text (the model was rebuilt). */
void view_forget_model(struct view *v);
void view_free(struct view *v);

/* Set a filter (NULL / 0 clears it); the caller then rebuilds. */
void view_set_plan(struct view *v, const char *plan_id);
void view_set_lead(struct view *v, const char *agency_name);

/* Build the search text of every target now (a few ms for 20,000), so the
 * first keystroke of a search does not pay for it; the viewer calls this
 * once the screen is painted. */
void view_prepare_search(struct view *v);

/* Whether the listed row i matches the search query (case-insensitive for
 * Latin letters) in its indicator, quote, agency names or id. */
bool view_row_matches(struct view *v, size_t i, const char *query);
/* The next listed row matching query, starting at `from` and moving by
 * dir (+1 / -1), wrapping around; -1 when none. */
long view_find(struct view *v, const char *query, size_t from, int dir);

/* Position in v->rows of model row r, or -1 when not listed. */
long view_position(const struct view *v, const struct model_row *r);

#endif
