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
    CHECK(v.n_plans == 2 && v.plans[0].count == 5 && v.plans[1].count == 5);
    CHECK(v.n_years == 4); /* all, 2024, 2025, 2026 */
    CHECK(v.years[1].year == 2024 && v.years[1].count == 1);
    CHECK(v.years[3].year == 2026 && v.years[3].count == 2);
    v.year = 2025;
    view_rebuild(&v);
    CHECK(v.n_rows == 2);
    /* the years pane still counts every year under the other filters */
    CHECK(v.years[3].count == 2);
    /* the agencies pane counts within 2025 only */
    CHECK(v.n_leads == 2 && v.leads[1].count == 2);
    CHECK_STR(v.leads[1].key, "市生态环境局");
    view_set_lead(&v, "市生态环境局");
    view_rebuild(&v);
    CHECK(v.n_rows == 2);
    view_set_lead(&v, "市能源局");
    view_rebuild(&v);
    CHECK(v.n_rows == 0);
    /* an active filter stays listed even with nothing under it */
    bool listed = false;
    for (size_t i = 0; i < v.n_leads; i++)
        listed |= v.leads[i].key && strcmp(v.leads[i].key, "市能源局") == 0;
    CHECK(listed);
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
    v.sort = SORT_YEAR;
    view_rebuild(&v);
    for (size_t i = 1; i < v.n_rows; i++)
        CHECK(m->rows[v.rows[i - 1]].t->year <= m->rows[v.rows[i]].t->year);
    view_free(&v);
    model_free(m);
}

TEST(search_finds_indicators_quotes_and_agencies)
{
    struct model *m = fixture_model();
    struct view v;
    view_init(&v, m);
    long i = view_find(&v, "装机", 0, 1);
    CHECK(i >= 0 && strcmp(m->rows[v.rows[i]].t->id, "ne-capacity-2026") == 0);
    i = view_find(&v, "pm2.5", 0, 1); /* Latin letters in any case */
    CHECK(i >= 0 && strcmp(m->rows[v.rows[i]].t->id, "pm25-2025") == 0);
    i = view_find(&v, "發展改革委", 0, 1); /* an alias, in traditional */
    CHECK(i >= 0 &&
          strcmp(m->rows[v.rows[i]].t->id, "co2-intensity-2026") == 0);
    CHECK(view_find(&v, "不存在的东西", 0, 1) == -1);
    /* n and N wrap around */
    long a = view_find(&v, "市生态环境局", 0, 1);
    long b = view_find(&v, "市生态环境局", (size_t)a + 1, 1);
    long back = view_find(&v, "市生态环境局", (size_t)b - 1, -1);
    CHECK(a != b && back == a);
    view_free(&v);
    model_free(m);
}
