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

/* The viewer's search goes on from what the last key found, and a
 * backspace takes the answer it had: typed key by key, with backspaces,
 * in both ways of searching, it finds exactly what the query finds at
 * once. The shipped plans, to search many texts. */
TEST(search_typed_key_by_key_finds_what_the_whole_query_finds)
{
    static struct model m;
    struct plan_set set = {0};
    struct pt_error err;
    struct log *log;
    CHECK(plan_set_load_dir(&set, "plans", &err) == 0);
    log_open_placeholder(&log, "none", &err);
    model_init(&m, &set, log, (struct pt_date){2026, 11, 25}, &err);
    static const char *const queries[] = {
        "stj", "shengtaihuanjing", "sthj", "生態環境局", "PM２.５", "fgw",
        "xinnengyuan", "nongdu", "不存在", "sjtj"};
    struct view typed, once;
    view_init(&typed, &m);
    view_init(&once, &m);
    for (size_t k = 0; k < sizeof queries / sizeof *queries; k++) {
        const char *q = queries[k];
        size_t len = strlen(q);
        for (int narrow = 0; narrow <= 1; narrow++) {
            /* forwards, then back to the first character, then forwards */
            size_t ends[128], n = 0, chars;
            for (size_t i = 1; i <= len; i++)
                if (i == len || ((unsigned char)q[i] & 0xC0) != 0x80)
                    ends[n++] = i;
            chars = n;
            for (size_t i = chars - 1; i-- > 0;)
                ends[n++] = ends[i];
            for (size_t i = 1; i < chars; i++)
                ends[n++] = ends[i];
            for (size_t i = 0; i < n; i++) {
                char prefix[128];
                snprintf(prefix, sizeof prefix, "%.*s", (int)ends[i], q);
                view_search(&typed, prefix, narrow);
                view_search(&once, "", false);
                view_search(&once, prefix, narrow);
                bool same = typed.n_hits == once.n_hits &&
                            typed.n_rows == once.n_rows;
                for (size_t r = 0; same && r < m.n_rows; r++)
                    same = typed.hit[r] == once.hit[r];
                if (!same) {
                    char what[200];
                    snprintf(what, sizeof what, "'%s' typed finds %zu, at "
                             "once %zu", prefix, typed.n_hits, once.n_hits);
                    CHECK_STR(what, "");
                }
            }
            view_search(&typed, "", false);
        }
    }
    view_free(&typed);
    view_free(&once);
    model_free(&m);
}

/* A meeting asks for the red ones, then for those behind schedule
 * (序时进度): each is a filter of its own beside the status, counted
 * under the other filters, and X clears them with the rest. A target
 * already met is never listed as behind, whatever its path said. */
TEST(the_light_and_schedule_filters_pick_what_a_meeting_asks)
{
    struct model *m = fixture_model();
    struct model_row *pm25 = NULL, *ne = NULL;
    for (size_t i = 0; i < m->n_rows; i++) {
        if (strcmp(m->rows[i].t->id, "pm25-2025") == 0)
            pm25 = &m->rows[i];
        if (strcmp(m->rows[i].t->id, "ne-capacity-2026") == 0)
            ne = &m->rows[i];
    }
    CHECK(pm25 && ne);
    pm25->st.code = ST_LIMITED;
    pm25->st.schedule = SCHEDULE_BEHIND;
    ne->st.code = ST_MET; /* met: judged, whatever the path */
    ne->st.schedule = SCHEDULE_BEHIND;
    struct view v;
    view_init(&v, m);
    const struct facet_list *sched = &v.f[FACET_SCHEDULE];
    CHECK(sched->n == 2 && sched->v[0].count == 5);
    CHECK_STR(sched->v[1].key, "behind");
    CHECK(sched->v[1].count == 1);
    view_filter_only(&v, FACET_SCHEDULE, "behind");
    view_rebuild(&v);
    CHECK(v.n_rows == 1 && &m->rows[v.rows[0]] == pm25);
    /* the lights count under it: yellow only */
    const struct facet_list *lights = &v.f[FACET_LIGHT];
    for (size_t i = 1; i < lights->n; i++)
        CHECK(lights->v[i].count ==
              (lights->v[i].value == LIGHT_YELLOW ? 1 : 0));
    view_filter_clear(&v);
    view_filter_only(&v, FACET_LIGHT, "red");
    view_rebuild(&v);
    CHECK(v.n_rows == 1);
    CHECK_STR(m->rows[v.rows[0]].t->id, "nox-cut-2024");
    view_filter_clear(&v);
    view_rebuild(&v);
    CHECK(v.n_rows == 5 && !view_filtered(&v));
    view_free(&v);
    model_free(m);
}
