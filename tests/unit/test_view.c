/* The viewer's model of the screen: filters that combine, facet counts,
 * sorting, search. */
#include <stdlib.h>

#include "plantrack/view.h"
#include "unit.h"

/* The fixture plans with an empty log, as of a fixed date. */
static struct model *fixture_model(void)
{
    static struct model m;
    struct plan_set set = {0};
    struct pt_error err;
    struct log *log;
    plan_set_load_dir(&set, "tests/fixtures/plans", &err);
    log_open_placeholder(&log, "none", &err);
    struct pt_date as_of = {2025, 7, 1};
    model_init(&m, &set, log, as_of, &err);
    return &m;
}

TEST(facets_count_targets_under_the_other_filters)
{
    struct model *m = fixture_model();
    struct view v;
    view_init(&v, m);
    CHECK(v.n_rows == 5);
    const struct facet_list *plans = &v.f[FACET_PLAN], *years = &v.f[FACET_YEAR],
                            *leads = &v.f[FACET_LEAD];
    CHECK(plans->n == 2 && plans->v[0].count == 5 && plans->v[1].count == 5);
    CHECK(years->n == 4); /* all, 2024, 2025, 2026 */
    CHECK(years->v[1].value == 2024 && years->v[1].count == 1);
    CHECK(years->v[3].value == 2026 && years->v[3].count == 2);
    view_filter_only(&v, FACET_YEAR, "2025");
    view_rebuild(&v);
    CHECK(v.n_rows == 2);
    /* the years pane still counts every year under the other filters */
    CHECK(years->v[3].count == 2);
    /* the agencies pane counts within 2025 only; agencies are the plan's */
    CHECK(leads->n == 2 && leads->v[1].count == 2);
    CHECK_STR(leads->v[1].key, "mini/eco");
    CHECK_STR(leads->v[1].label, "市生态环境局");
    view_filter_only(&v, FACET_LEAD, "mini/eco");
    view_rebuild(&v);
    CHECK(v.n_rows == 2);
    view_filter_only(&v, FACET_LEAD, "mini/energy");
    view_rebuild(&v);
    CHECK(v.n_rows == 0);
    /* an active filter stays listed even with nothing under it */
    bool listed = false;
    for (size_t i = 0; i < leads->n; i++)
        listed |= leads->v[i].key &&
                  strcmp(leads->v[i].key, "mini/energy") == 0;
    CHECK(listed);
    /* several agencies at once, then every filter cleared */
    view_filter_toggle(&v, FACET_LEAD, "mini/eco");
    view_rebuild(&v);
    CHECK(v.n_rows == 2);
    view_filter_clear(&v);
    view_rebuild(&v);
    CHECK(v.n_rows == 5 && !view_filtered(&v));
    view_free(&v);
    model_free(m);
}

TEST(the_list_sorts_by_severity_year_agency_or_indicator)
{
    struct model *m = fixture_model();
    struct view v;
    view_init(&v, m);
    /* overdue first (the 2024 target passed its deadline with no data) */
    CHECK_STR(m->rows[v.rows[0]].t->id, "nox-cut-2024");
    for (size_t i = 1; i < v.n_rows; i++)
        CHECK(m->rows[v.rows[i - 1]].st.code <= m->rows[v.rows[i]].st.code);
    v.sort = COL_YEAR;
    view_rebuild(&v);
    for (size_t i = 1; i < v.n_rows; i++)
        CHECK(m->rows[v.rows[i - 1]].t->year <= m->rows[v.rows[i]].t->year);
    v.sort_desc = true;
    view_rebuild(&v);
    for (size_t i = 1; i < v.n_rows; i++)
        CHECK(m->rows[v.rows[i - 1]].t->year >= m->rows[v.rows[i]].t->year);
    view_free(&v);
    model_free(m);
}

TEST(search_finds_indicators_quotes_and_agencies)
{
    struct model *m = fixture_model();
    struct view v;
    view_init(&v, m);
    view_search(&v, "装机", false);
    long i = view_find(&v, 0, 1);
    CHECK(i >= 0 && strcmp(m->rows[v.rows[i]].t->id, "ne-capacity-2026") == 0);
    view_search(&v, "PM2.5", false); /* Latin letters in any case */
    i = view_find(&v, 0, 1);
    CHECK(i >= 0 && strcmp(m->rows[v.rows[i]].t->id, "pm25-2025") == 0);
    view_search(&v, "發展改革委", false); /* an alias, in traditional */
    i = view_find(&v, 0, 1);
    CHECK(i >= 0 &&
          strcmp(m->rows[v.rows[i]].t->id, "co2-intensity-2026") == 0);
    view_search(&v, "不存在的东西", false);
    CHECK(view_find(&v, 0, 1) == -1 && v.n_hits == 0);
    /* n and N wrap around; each match knows its rank */
    view_search(&v, "市生态环境局", false);
    long a = view_find(&v, 0, 1);
    long b = view_find(&v, (size_t)a + 1, 1);
    long back = view_find(&v, (size_t)b - 1, -1);
    CHECK(a != b && back == a);
    CHECK(view_match_rank(&v, (size_t)a) == 1 && v.n_hits >= 2);
    /* pinyin, and narrowing the list to the matches */
    view_search(&v, "shengtai", true);
    CHECK(v.n_rows == v.n_hits && v.n_rows >= 2);
    view_search(&v, "", false);
    CHECK(v.n_rows == 5);
    view_free(&v);
    model_free(m);
}
