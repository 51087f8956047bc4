/* Plan files: every validation rule gives file:line:column, the target id
 * and what to do; a broken file never stops the others. */
#include <stdlib.h>
#include <sys/stat.h>

#include "plantrack/plan.h"
#include "unit.h"

/* A small valid plan; tests replace one line to break one rule. */
static const char GOOD[] = "id: mini\n"
                           "title: 迷你市减污降碳实施方案\n"
                           "issuer: 迷你市人民政府\n"
                           "issued: 2024-09-29\n"
                           "period: 2024-2026\n"
                           "agencies:\n"
                           "  - id: energy\n"
                           "    name: 市能源局\n"
                           "  - id: ndrc\n"
                           "    name: 市发展和改革委员会\n"
                           "    aliases: [市发展改革委]\n"
                           "targets:\n"
                           "  - id: ne-capacity-2026\n"
                           "    section: 二(一)1\n"
                           "    domain: energy\n"
                           "    indicator: 新能源发电装机容量\n"
                           "    year: 2026\n"
                           "    comparator: \">=\"\n"
                           "    value: 5000\n"
                           "    unit: 万千瓦\n"
                           "    lead: 市能源局\n"
                           "    support: [市发展改革委]\n"
                           "    quote: 新能源发电装机容量达到5000万千瓦以上\n"
                           "  - id: co2-2026\n"
                           "    section: [一(三), 二(二)]\n"
                           "    domain: energy\n"
                           "    indicator: 单位地区生产总值二氧化碳排放降幅\n"
                           "    year: 2026\n"
                           "    comparator: reduce-by\n"
                           "    value: 17.5\n"
                           "    unit: \"%\"\n"
                           "    baseline: 2020\n"
                           "    lead: ndrc\n"
                           "    firmness: striving\n"
                           "    quote: 相较2020年下降17.5%以上\n"
                           "  - id: rules-2025\n"
                           "    section: 一(三)\n"
                           "    domain: governance\n"
                           "    indicator: 出台激励办法\n"
                           "    year: 2025\n"
                           "    comparator: done\n"
                           "    lead: energy\n"
                           "    quote: 出台激励办法\n";

static const char SOURCE[] =
    "一、总体要求\n"
    "到2026年，相较2020年下降17.5%以上，出台激励办法。\n"
    "1.到2026年，全市新能源发电装机容量达到5000万千瓦以上。\n";

/* GOOD with the first occurrence of `from` replaced by `to`. */
static char *variant(const char *from, const char *to)
{
    const char *at = strstr(GOOD, from);
    if (!at)
        return NULL;
    size_t n = strlen(GOOD) - strlen(from) + strlen(to) + 1;
    char *s = malloc(n);
    snprintf(s, n, "%.*s%s%s", (int)(at - GOOD), GOOD, to, at + strlen(from));
    return s;
}

/* Parse text as plans/mini.yaml; returns the diagnostics joined. */
static char *diagnose(const char *text, bool with_source, struct plan **out)
{
    const char *dir = unit_tmpdir();
    if (with_source)
        unit_write(dir, "sources/mini.txt", SOURCE);
    struct plan_diags d = {0};
    struct plan *p = plan_parse(text, strlen(text), "plans/mini.yaml", dir, &d);
    size_t len = 1;
    for (size_t i = 0; i < d.n; i++)
        len += strlen(d.lines[i]) + 1;
    char *all = calloc(1, len);
    for (size_t i = 0; i < d.n; i++) {
        strcat(all, d.lines[i]);
        strcat(all, "\n");
    }
    plan_diags_free(&d);
    if (out)
        *out = p;
    else
        plan_free(p);
    return all;
}

static void expect_error(const char *from, const char *to, const char *msg)
{
    char *text = variant(from, to);
    CHECK(text != NULL);
    struct plan *p;
    char *d = diagnose(text, true, &p);
    CHECK(p == NULL);
    CHECK_CONTAINS(d, msg);
    plan_free(p);
    free(d);
    free(text);
}

TEST(a_valid_plan_loads_with_all_its_fields)
{
    struct plan *p;
    char *d = diagnose(GOOD, true, &p);
    CHECK_STR(d, "");
    CHECK(p != NULL);
    if (p) {
        CHECK_STR(p->id, "mini");
        CHECK(p->period_start == 2024 && p->period_end == 2026);
        CHECK(p->n_agencies == 2 && p->n_targets == 3);
        const struct target *t = &p->targets[0];
        CHECK(t->cmp == CMP_GE && t->has_value && t->value == 5000);
        CHECK_STR(t->unit, "万千瓦");
        CHECK_STR(target_lead(t)->name, "市能源局");
        CHECK(t->n_support == 1 && t->support[0] == 1);
        CHECK(t->line == 13 && t->col == 5);
        t = &p->targets[1];
        CHECK(t->cmp == CMP_REDUCE_BY && t->baseline_year == 2020);
        CHECK(t->n_sections == 2 && t->firmness == STRIVING);
        CHECK(p->targets[2].cmp == CMP_DONE && !p->targets[2].has_value);
    }
    plan_free(p);
    free(d);
}

TEST(an_unknown_key_names_line_column_target_and_suggestion)
{
    expect_error("    value: 5000\n", "    valu: 5000\n",
                 "plans/mini.yaml:19:5: target 'ne-capacity-2026': unknown "
                 "key 'valu' (did you mean 'value'?)");
}

TEST(a_missing_required_key_is_an_error)
{
    expect_error("    indicator: 新能源发电装机容量\n", "",
                 "target 'ne-capacity-2026': missing required key "
                 "'indicator'");
    expect_error("title: 迷你市减污降碳实施方案\n", "",
                 "missing required key 'title'");
}

TEST(duplicate_target_ids_are_an_error)
{
    expect_error("  - id: co2-2026\n", "  - id: ne-capacity-2026\n",
                 "duplicate target id 'ne-capacity-2026' (first at line 13)");
}

TEST(duplicate_keys_in_a_mapping_are_an_error)
{
    expect_error("    unit: 万千瓦\n", "    unit: 万千瓦\n    unit: 吨\n",
                 "plans/mini.yaml:21:5: duplicate key 'unit'");
}

TEST(an_undeclared_agency_is_an_error_with_a_suggestion)
{
    expect_error("    lead: 市能源局\n", "    lead: 市能源厅\n",
                 "agency '市能源厅' is not declared in 'agencies' (did you "
                 "mean '市能源局'?)");
}

TEST(impossible_years_are_errors)
{
    expect_error("    year: 2026\n", "    year: 20266\n",
                 "not a plausible year");
    expect_error("    year: 2026\n", "    year: 2035\n",
                 "year 2035 is outside the plan period 2024-2026");
    expect_error("    baseline: 2020\n", "    baseline: 2027\n",
                 "baseline year 2027 must be before the milestone year 2026");
    expect_error("period: 2024-2026\n", "period: 2026-2024\n",
                 "'period' must be START-END years");
}

TEST(a_non_numeric_value_is_an_error_with_the_fix)
{
    expect_error("    value: 5000\n", "    value: 5000万千瓦\n",
                 "'value' must be a plain number, not '5000万千瓦' (write 5000 "
                 "and put '万千瓦' in 'unit')");
    expect_error("    value: 5000\n", "    value: \"5,000\"\n", "(write 5000)");
    expect_error("    value: 5000\n", "    value: .nan\n",
                 "'value' must be a number");
    expect_error("    value: 5000\n", "    value: [5000]\n",
                 "'value' must be a text or number, not a list");
}

TEST(comparator_and_value_must_agree)
{
    expect_error("    comparator: done\n",
                 "    comparator: done\n    value: 1\n",
                 "a 'done' target has no 'value'");
    expect_error("    value: 5000\n", "", "missing required key 'value'");
    expect_error("    baseline: 2020\n", "",
                 "missing required key 'baseline' (comparator 'reduce-by'");
    expect_error("    comparator: \">=\"\n", "    comparator: \"=>\"\n",
                 "unknown comparator '=>' (did you mean '>='?)");
}

TEST(unknown_domains_and_firmness_are_errors)
{
    expect_error("    domain: governance\n", "    domain: goverance\n",
                 "unknown domain 'goverance' (did you mean 'governance'?)");
    expect_error("    firmness: striving\n", "    firmness: maybe\n",
                 "unknown firmness 'maybe'");
}

TEST(a_quote_must_be_found_in_the_source_text)
{
    expect_error("    quote: 出台激励办法\n", "    quote: 出台奖励办法\n",
                 "target 'rules-2025': quote not found in sources/mini.txt");
}

TEST(a_value_must_appear_in_its_quote)
{
    expect_error("    value: 5000\n", "    value: 500\n",
                 "target 'ne-capacity-2026': value 500 does not appear in the "
                 "quote");
}

TEST(without_a_source_text_quotes_are_not_checked)
{
    char *text = variant("    value: 5000\n", "    value: 500\n");
    struct plan *p;
    char *d = diagnose(text, false, &p);
    CHECK_STR(d, "");
    CHECK(p != NULL);
    plan_free(p);
    free(d);
    free(text);
}

TEST(yaml_aliases_are_refused_so_alias_bombs_cost_nothing)
{
    const char *bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n"
                       "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                       "c: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n";
    char *d = diagnose(bomb, false, NULL);
    CHECK_CONTAINS(d, "plans/mini.yaml:2:8: alias '*a': plan files may not "
                      "use aliases");
    free(d);
}

TEST(syntax_errors_give_line_and_column)
{
    char *d = diagnose("id: mini\ntitle: [unclosed\nissuer: x\n", false, NULL);
    CHECK_CONTAINS(d, "plans/mini.yaml:");
    CHECK(strlen(d) > 0);
    free(d);
    d = diagnose("id: mini\n\xff\xfe: bad\n", false, NULL);
    CHECK_CONTAINS(d, "plans/mini.yaml:");
    free(d);
}

TEST(deep_nesting_is_refused)
{
    char deep[400];
    memset(deep, '[', 200);
    deep[200] = '\0';
    char *d = diagnose(deep, false, NULL);
    CHECK_CONTAINS(d, "nesting too deep");
    free(d);
}

TEST(a_second_document_is_refused)
{
    char *d = diagnose("id: a\n---\nid: b\n", false, NULL);
    CHECK_CONTAINS(d, "one plan per file");
    free(d);
}

TEST(an_empty_file_or_a_list_is_not_a_plan)
{
    char *d = diagnose("", false, NULL);
    CHECK_CONTAINS(d, "plans/mini.yaml:1:1: the file is empty");
    free(d);
    d = diagnose("- a\n- b\n", false, NULL);
    CHECK_CONTAINS(d, "a plan file is a mapping");
    free(d);
}

TEST(a_broken_file_does_not_stop_the_others)
{
    const char *dir = unit_tmpdir();
    unit_write(dir, "a-good.yaml", GOOD);
    unit_write(dir, "sources/mini.txt", SOURCE);
    unit_write(dir, "b-broken.yaml", "id: broken\ntitle: [\n");
    char sub[512];
    snprintf(sub, sizeof sub, "%s/c-dir.yaml", dir);
    mkdir(sub, 0700); /* a directory named like a plan */
    struct plan_set set = {0};
    struct pt_error err;
    CHECK(plan_set_load_dir(&set, dir, &err) == 0);
    CHECK(set.n == 1);
    CHECK(set.n_files_failed == 2);
    CHECK(set.diags.n == 2);
    if (set.diags.n == 2) {
        CHECK_CONTAINS(set.diags.lines[0], "b-broken.yaml:");
        CHECK_CONTAINS(set.diags.lines[1], "c-dir.yaml:1:1: is a directory");
    }
    plan_set_free(&set);
}

TEST(a_plan_id_used_twice_keeps_the_first_file)
{
    const char *dir = unit_tmpdir();
    unit_write(dir, "a.yaml", GOOD);
    unit_write(dir, "b.yaml", GOOD);
    struct plan_set set = {0};
    struct pt_error err;
    CHECK(plan_set_load_dir(&set, dir, &err) == 0);
    CHECK(set.n == 1 && set.n_files_failed == 1);
    CHECK(set.diags.n == 1 &&
          strstr(set.diags.lines[0], "plan id 'mini' is already used"));
    plan_set_free(&set);
}

TEST(a_target_is_resolved_as_plan_slash_target_with_suggestions)
{
    const char *dir = unit_tmpdir();
    unit_write(dir, "mini.yaml", GOOD);
    struct plan_set set = {0};
    struct pt_error err;
    plan_set_load_dir(&set, dir, &err);
    CHECK(plan_set_resolve(&set, "mini/co2-2026", &err) != NULL);
    CHECK(plan_set_resolve(&set, "mini/co2-2025", &err) == NULL);
    CHECK_CONTAINS(err.msg, "did you mean 'co2-2026'");
    CHECK(plan_set_resolve(&set, "mino/co2-2026", &err) == NULL);
    CHECK_CONTAINS(err.msg, "no plan 'mino' (did you mean 'mini'");
    CHECK(plan_set_resolve(&set, "co2-2026", &err) == NULL);
    CHECK_CONTAINS(err.msg, "PLAN/TARGET");
    plan_set_free(&set);
}

TEST(the_target_statement_reads_naturally)
{
    struct plan *p;
    char *d = diagnose(GOOD, false, &p);
    char buf[128];
    target_statement(&p->targets[0], buf, sizeof buf);
    CHECK_STR(buf, ">= 5000 万千瓦");
    target_statement(&p->targets[1], buf, sizeof buf);
    CHECK_STR(buf, "a fall of 17.5% vs 2020"); /* never a negative number */
    plan_free(p);
    free(d);
}

/* Parse GOOD with `from` replaced by `to`; the plan or NULL. */
static struct plan *parse_variant(const char *from, const char *to)
{
    char *text = variant(from, to);
    struct plan *p = NULL;
    char *d = text ? diagnose(text, true, &p) : NULL;
    if (d && *d)
        printf("#   %s", d);
    free(d);
    free(text);
    return p;
}

TEST(inference_keys_say_how_a_fact_was_obtained)
{
    struct plan *p = parse_variant(
        "    lead: 市能源局\n",
        "    lead: 市能源局\n    lead_stated: false\n    year_stated: false\n"
        "    approximate: true\n    data_due: 3 months\n");
    CHECK(p != NULL);
    if (p) {
        const struct target *t = &p->targets[0];
        CHECK(t->lead_inferred && t->year_inferred && t->approximate);
        CHECK(t->data_due.set && t->data_due.months == 3);
        CHECK(!p->targets[1].lead_inferred && !p->targets[1].approximate);
        char buf[128];
        target_statement(t, buf, sizeof buf);
        CHECK_STR(buf, ">= ~5000 万千瓦");
    }
    plan_free(p);
    expect_error("    lead: 市能源局\n",
                 "    lead: 市能源局\n    lead_stated: no\n",
                 "'lead_stated' must be true or false");
    expect_error("    lead: 市能源局\n",
                 "    lead: 市能源局\n    data_due: soon\n",
                 "'data_due' must be a lag after the deadline");
}

TEST(a_plan_sets_its_data_due_and_a_thresholds_preset)
{
    struct plan *p = parse_variant("period: 2024-2026\n",
                                   "period: 2024-2026\ndata_due: 9 months\n"
                                   "thresholds: open-sdg\n");
    CHECK(p != NULL);
    if (p) {
        CHECK(p->data_due.set && p->data_due.months == 9);
        CHECK(p->thresholds.needs_acceleration == 0.6);
        CHECK(p->thresholds.limited == 0);
        CHECK_STR(p->thresholds.preset, "open-sdg");
    }
    plan_free(p);
    p = parse_variant("period: 2024-2026\n", "period: 2024-2026\n"
                                             "thresholds: {preset: open-sdg, "
                                             "trend_on_track: 0.02}\n");
    CHECK(p && p->thresholds.needs_acceleration == 0.6 &&
          p->thresholds.trend_on_track == 0.02);
    plan_free(p);
    p = parse_variant("period: 2024-2026\n", "period: 2024-2026\n");
    CHECK(p && p->thresholds.needs_acceleration == 0.5 &&
          p->thresholds.limited == -0.1 && !p->data_due.set);
    plan_free(p);
    expect_error("period: 2024-2026\n", "period: 2024-2026\nthresholds: sdg\n",
                 "unknown thresholds preset 'sdg'");
}

TEST(trend_comparators_take_no_value_and_points_are_their_own_unit)
{
    struct plan *p =
        parse_variant("    comparator: done\n", "    comparator: fall\n");
    CHECK(p != NULL);
    if (p) {
        CHECK(p->targets[2].cmp == CMP_FALL);
        CHECK(comparator_trend(p->targets[2].cmp));
        char buf[128];
        target_statement(&p->targets[2], buf, sizeof buf);
        CHECK_CONTAINS(buf, "持续下降");
    }
    plan_free(p);
    expect_error("    comparator: \">=\"\n", "    comparator: rise\n",
                 "has no 'value'");
    CHECK(unit_is_points("百分点") && unit_is_points("个百分点"));
    CHECK(!unit_is_points("%"));
}

TEST(a_plan_is_found_by_id_short_name_or_title)
{
    struct plan *p = parse_variant("issuer:", "short: 迷你\nissuer:");
    struct plan_set set = {0};
    set.plans = &p;
    set.n = p ? 1 : 0;
    CHECK(plan_set_find_named(&set, "mini") == p);
    CHECK(plan_set_find_named(&set, "MINI") == p);
    CHECK(plan_set_find_named(&set, "迷你") == p);
    CHECK(plan_set_find_named(&set, "迷你市减污降碳实施方案") == p);
    CHECK(plan_set_find_named(&set, "迷") == NULL);
    char names[128];
    plan_set_names(&set, names, sizeof names);
    CHECK_STR(names, "mini (迷你)");
    plan_free(p);
}
