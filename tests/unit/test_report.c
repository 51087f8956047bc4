/* The report model: what it selects, how it groups by agency and plan,
 * what it keeps apart, and the names it gives its files. */
#include <stdlib.h>

#include "plantrack/report.h"
#include "unit.h"

/* Two cities whose bureaus share a name, and a third plan in draft. */
static const char *const PLAN_A =
    "id: alpha\ntitle: 甲市方案\nshort: 甲市\nissuer: 甲市人民政府\n"
    "issued: 2024-01-01\nperiod: 2024-2026\n"
    "agencies:\n  - {id: eco, name: 市生态环境局}\n"
    "  - {id: energy, name: 市能源局}\n"
    "targets:\n"
    "  - {id: a1-2024, section: 一, domain: energy, indicator: 甲一, year: "
    "2024, comparator: \">=\", "
    "value: 10, unit: 个, lead: eco, quote: 甲一}\n"
    "  - {id: a2-2026, section: 一, domain: energy, indicator: 甲二, year: "
    "2026, comparator: \">=\", "
    "value: 10, unit: 个, lead: energy, quote: 甲二}\n"
    "  - {id: a3-2025, section: 一, domain: energy, indicator: 甲三, year: "
    "2025, comparator: done, "
    "deferred: true, lead: eco, quote: 甲三}\n";
static const char *const PLAN_B =
    "id: beta\ntitle: 乙市方案\nshort: 乙市\nissuer: 乙市人民政府\n"
    "issued: 2024-01-01\nperiod: 2024-2026\n"
    "agencies:\n  - {id: eco, name: 市生态环境局}\n"
    "targets:\n"
    "  - {id: b1-2024, section: 一, domain: energy, indicator: 乙一, year: "
    "2024, comparator: \">=\", "
    "value: 5, unit: 个, lead: eco, quote: 乙一}\n";
static const char *const PLAN_C =
    "id: gamma\ntitle: 丙市方案（征求意见稿）\nshort: 丙市\n"
    "issuer: 丙市生态环境局\nissued: 2024-01-01\nperiod: 2024-2026\n"
    "standing: draft\n"
    "agencies:\n  - {id: eco, name: 市生态环境局}\n"
    "targets:\n"
    "  - {id: c1-2024, section: 一, domain: energy, indicator: 丙一, year: "
    "2024, comparator: \">=\", "
    "value: 5, unit: 个, lead: eco, quote: 丙一}\n";

static struct model *three_cities(void)
{
    static struct model m;
    const char *dir = unit_tmpdir();
    struct plan_set set = {0};
    struct pt_error err;
    struct log *log;
    unit_write(dir, "alpha.yaml", PLAN_A);
    unit_write(dir, "beta.yaml", PLAN_B);
    unit_write(dir, "gamma.yaml", PLAN_C);
    CHECK(plan_set_load_dir(&set, dir, &err) == 0);
    CHECK(set.n == 3 && set.n_files_failed == 0);
    log_open_placeholder(&log, "none", &err);
    struct pt_date as_of = {2025, 7, 1};
    CHECK(model_init(&m, &set, log, as_of, &err) == 0);
    return &m;
}

TEST(report_groups_by_the_agency_of_each_plan)
{
    struct model *m = three_cities();
    struct report r;
    struct report_options o = {0};
    struct pt_error err;
    CHECK(report_build(&r, m, NULL, &o, &err) == 0);
    CHECK(r.n_items == 5);
    /* Two cities' bureaus of one name are two agencies, named with their
     * plan; the draft plan's and the deferred target are counted apart. */
    if (!CHECK(r.n_agencies == 3))
        return;
    CHECK_STR(r.agencies[0].label, "甲市 市生态环境局");
    CHECK_STR(r.agencies[1].label, "甲市 市能源局");
    CHECK_STR(r.agencies[2].label, "乙市 市生态环境局");
    CHECK(r.agencies[0].counts.total == 1 && r.agencies[2].counts.total == 1);
    CHECK(r.n_plans == 2);
    CHECK(r.total.total == 3 && r.n_deferred == 1 && r.n_draft == 1);
    /* 2024's targets passed their deadline with no figure */
    CHECK(r.total.attention == 2 && r.total.none == 3);
    report_free(&r);
    model_free(m);
}

TEST(report_of_one_plan_names_agencies_alone)
{
    struct model *m = three_cities();
    struct report r;
    struct report_options o = {.filter = {.plan = "alpha"}};
    struct pt_error err;
    CHECK(report_build(&r, m, NULL, &o, &err) == 0);
    if (!CHECK(r.n_items == 3 && r.n_agencies == 2))
        return;
    CHECK_STR(r.agencies[0].label, "市生态环境局");
    char sel[256];
    report_selection(&r, sel, sizeof sel);
    CHECK_STR(sel, "甲市"); /* the plan as people name it */
    report_free(&r);
    model_free(m);
}

TEST(report_statuses_are_the_columns_that_occur)
{
    struct model *m = three_cities();
    struct report r;
    struct report_options o = {0};
    struct pt_error err;
    enum status_code cols[ST_COUNT];
    CHECK(report_build(&r, m, NULL, &o, &err) == 0);
    int n = report_statuses(&r, cols);
    CHECK(n == 2);
    CHECK(cols[0] < cols[1]); /* most urgent first */
    report_free(&r);
    model_free(m);
}

TEST(report_file_names_say_the_selection_and_keep_out_of_paths)
{
    struct report_options o = {
        .filter = {.year = 2025, .lead = "市生态环境局/../x y"}};
    struct pt_date d = {2026, 3, 1};
    char name[512];
    report_default_name(&o, d, REPORT_XLSX, name, sizeof name);
    CHECK_STR(name, "plantrack-2026-03-01-2025-市生态环境局____x_y.xlsx");
    o.filter.lead = NULL;
    o.filter.plan = "ordos";
    report_default_name(&o, d, REPORT_HTML, name, sizeof name);
    CHECK_STR(name, "plantrack-2026-03-01-ordos-2025.html");
}

TEST(report_formats_by_name_and_by_file_extension)
{
    CHECK(report_format_parse("html") == REPORT_HTML);
    CHECK(report_format_parse("markdown") == REPORT_MD);
    CHECK(report_format_parse("csv") == -1);
    CHECK(report_format_of_path("a/b.XLSX") == REPORT_XLSX);
    CHECK(report_format_of_path("r.htm") == REPORT_HTML);
    CHECK(report_format_of_path("dir.md/report") == -1);
    CHECK(report_format_of_path("report") == -1);
}
