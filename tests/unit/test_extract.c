/* The extractor's rooms: cleaning, the grammar of targets, agencies, and
 * the draft written back as a plan that the loader accepts. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "plantrack/extract/agencies.h"
#include "plantrack/extract/clean.h"
#include "plantrack/extract/draft.h"
#include "plantrack/extract/grammar.h"
#include "plantrack/extract/review.h"
#include "unit.h"

static char *cleaned(const char *raw, struct clean_result *r)
{
    struct pt_error err;
    if (clean_text(raw, strlen(raw), r, &err) < 0) {
        printf("#   %s\n", err.msg);
        return NULL;
    }
    return r->text;
}

TEST(clean_drops_inserted_pinyin_keeps_acronyms)
{
    struct clean_result r;
    const char *raw = "當(dāng)前位(wèi)置(zhì)。加強(qiáng)協(xié)"
                      "同，化學需氧量(COD)下降。\n";
    char *t = cleaned(raw, &r);
    CHECK(t != NULL);
    if (!t)
        return;
    CHECK_CONTAINS(t, "当前位置。加强协同，化学需氧量（COD）下降。");
    CHECK(r.converted);
    clean_result_free(&r);
}

TEST(clean_leaves_a_lone_lowercase_bracket_alone)
{
    struct clean_result r;
    char *t = cleaned("按照附件一(a)执行。\n", &r);
    CHECK(t && strstr(t, "附件一（a）执行"));
    CHECK(!r.converted);
    clean_result_free(&r);
}

TEST(clean_repairs_pdf_text_and_says_so)
{
    struct clean_result r;
    const char *raw =
        "1 附件 某市实施方案 一、主要目标 到 2025 年,单位地区生产总值二氧化"
        "碳排放较 2020 年降低 18,工业固体废物综合利用率达到 60,城市 2 生活"
        "污水集中收集率达到 70 以上。到 2030 年,新建 60 万千瓦机组全部达到 3 "
        "超低排放,行业能效水平明显 4 提升。\n";
    char *t = cleaned(raw, &r);
    CHECK(t != NULL);
    if (!t)
        return;
    CHECK(r.pdf);
    CHECK_CONTAINS(t,
                   "到2025年，单位地区生产总值二氧化碳排放较2020年降低18%，");
    CHECK_CONTAINS(t, "综合利用率达到60%，城市生活污水集中收集率达到70%以上");
    CHECK_CONTAINS(t, "新建60万千瓦机组全部达到超低排放");
    CHECK(!strstr(t, "附件"));
    bool noted = false;
    for (size_t i = 0; i < r.n_notes; i++)
        noted |= strstr(r.notes[i], "page numbers") != NULL;
    CHECK(noted);
    clean_result_free(&r);
}

TEST(clean_restores_the_percent_of_a_share_that_pdf_text_lost)
{
    struct clean_result r;
    const char *raw = "1 附件 某市实施方案 一、主要目标 到 2025 年,新增和更新"
                      " 的公交车 80以上采用新能源车辆,数据中心 PUE 值降到 1.3"
                      " 以下,3 吨以下叉车采用新能源,2 新建 60 万千瓦机组全部"
                      "达到超低排放。\n";
    char *t = cleaned(raw, &r);
    CHECK(t && r.pdf);
    CHECK(t && strstr(t, "的公交车80%以上采用新能源车辆"));
    CHECK(t && strstr(t, "降到1.3以下"));
    CHECK(t && strstr(t, "3吨以下叉车"));
    clean_result_free(&r);
}

TEST(clean_keeps_each_row_of_a_table_on_one_line)
{
    struct clean_result r;
    char *t = cleaned("序号\t重点任务\t牵头单位\t配合单位\t完成时限\n"
                      "1\t建成公共充电桩2000个\t市发展改革委\t\t2025年底前\n",
                      &r);
    CHECK(t && strstr(t, "序号｜重点任务｜牵头单位｜配合单位｜完成时限\n"));
    /* the empty cell keeps its place */
    CHECK(t &&
          strstr(t, "1｜建成公共充电桩2000个｜市发展改革委｜｜2025年底前"));
    clean_result_free(&r);
}

TEST(clean_drops_a_news_summary_before_the_document)
{
    struct clean_result r;
    const char *raw = "据悉,某市印发方案,到2025年PM2.5浓度降至30微克/立方米。\n"
                      "原文如下:\n"
                      "某市人民政府关于印发某市行动方案的通知\n"
                      "一、主要目标\n"
                      "到2025年,PM2.5浓度降至30微克/立方米。\n"
                      "〖 打印 〗 〖 关闭 〗\n";
    char *t = cleaned(raw, &r);
    CHECK(t && strncmp(t, "某市人民政府关于印发",
                       strlen("某市人民政府关于印发")) == 0);
    CHECK(t && !strstr(t, "据悉"));
    CHECK(t && !strstr(t, "打印"));
    CHECK(t && strstr(t, "到2025年，PM2.5浓度降至30微克/立方米。"));
    clean_result_free(&r);
}

TEST(clean_refuses_text_that_is_not_utf8)
{
    struct clean_result r;
    struct pt_error err;
    CHECK(clean_text("\xb5\xbd 2025", 7, &r, &err) < 0);
    CHECK_CONTAINS(err.msg, "UTF-8");
}

TEST(grammar_reads_year_phrases)
{
    struct grammar_context ctx = {.period_start = 2024};
    int y, y2;
    const char *s = "到2025年底，";
    CHECK(grammar_year_at(s, 0, strlen(s), &ctx, &y, &y2) > 0 && y == 2025);
    s = "2026年底前，";
    CHECK(grammar_year_at(s, 0, strlen(s), &ctx, &y, &y2) > 0 && y == 2026);
    s = "“十四五”期间，";
    CHECK(grammar_year_at(s, 0, strlen(s), &ctx, &y, &y2) > 0 && y == 2025);
    s = "经过三年试点建设，";
    CHECK(grammar_year_at(s, 0, strlen(s), &ctx, &y, &y2) > 0 && y == 2026);
    s = "到2025年和2030年，";
    CHECK(grammar_year_at(s, 0, strlen(s), &ctx, &y, &y2) > 0 && y == 2025 &&
          y2 == 2030);
    s = "较2020年下降";
    CHECK(grammar_year_at(s, 3, strlen(s), &ctx, &y, &y2) == 0);
    s = "2023年12月27日";
    CHECK(grammar_year_at(s, 0, strlen(s), &ctx, &y, &y2) == 0);
}

TEST(grammar_reads_quantities_with_their_units)
{
    double v;
    char u[48];
    const char *s = "5000万千瓦以上";
    CHECK(grammar_quantity(s, strlen(s), &v, u, sizeof u) ==
          strlen("5000万千瓦"));
    CHECK_NUM(v, 5000, 1e-9);
    CHECK_STR(u, "万千瓦");
    s = "2个百分点";
    CHECK(grammar_quantity(s, strlen(s), &v, u, sizeof u) > 0);
    CHECK_STR(u, "百分点");
    s = "290克标准煤/千瓦时";
    CHECK(grammar_quantity(s, strlen(s), &v, u, sizeof u) > 0);
    CHECK_STR(u, "克标准煤/千瓦时");
    s = "20万吨/年";
    CHECK(grammar_quantity(s, strlen(s), &v, u, sizeof u) > 0);
    CHECK_STR(u, "万吨/年");
    s = "2025年";
    CHECK(grammar_quantity(s, strlen(s), &v, u, sizeof u) == 0);
}

static struct stated_list sentence(const char *s, int para_year)
{
    struct grammar_context ctx = {
        .period_start = 2024, .default_year = 2026, .para_year = para_year};
    struct stated_list l = {0};
    grammar_sentence(s, 0, strlen(s), &ctx, &l);
    return l;
}

TEST(grammar_reads_comparators_from_the_words)
{
    struct stated_list l =
        sentence("到2025年，煤炭消费比重下降至60%以下，PM2.5浓度控制在30微克/"
                 "立方米以内，"
                 "单位GDP能耗较2020年下降13.5%，铁路货运量增长约10%，"
                 "新能源装机容量力争达到500万千瓦以上，新能源电量占比超过30%",
                 0);
    CHECK(l.n == 6);
    if (l.n == 6) {
        CHECK(l.v[0].cmp == CMP_LE && l.v[0].value == 60);
        CHECK(l.v[1].cmp == CMP_LE && strcmp(l.v[1].unit, "微克/立方米") == 0);
        CHECK(l.v[2].cmp == CMP_REDUCE_BY && l.v[2].baseline_year == 2020 &&
              l.v[2].baseline_stated);
        CHECK(l.v[3].cmp == CMP_INCREASE_BY && l.v[3].approximate);
        CHECK(l.v[4].cmp == CMP_GE && l.v[4].striving && l.v[4].year == 2025);
        CHECK(l.v[5].cmp == CMP_GT);
        for (size_t i = 0; i < l.n; i++)
            CHECK(l.v[i].year_stated);
    }
    free(l.v);
}

TEST(grammar_splits_values_given_respectively)
{
    const char *s = "到2026年，氮氧化物、挥发性有机物排放总量较2023年分别下降"
                    "900吨、500吨以上";
    struct stated_list l = sentence(s, 0);
    CHECK(l.n == 2);
    if (l.n == 2) {
        CHECK_STR(l.v[0].indicator, "氮氧化物排放总量");
        CHECK_STR(l.v[1].indicator, "挥发性有机物排放总量");
        CHECK(l.v[1].value == 500 && l.v[1].cmp == CMP_REDUCE_BY);
    }
    free(l.v);
}

TEST(grammar_gives_each_of_two_items_the_one_value_said_respectively)
{
    struct stated_list l = sentence("到2025年，氮氧化物和挥发性有机物排放总量比"
                                    "2020年分别下降10%以上",
                                    0);
    CHECK(l.n == 2);
    if (l.n == 2) {
        CHECK_STR(l.v[0].indicator, "氮氧化物排放总量");
        CHECK_STR(l.v[1].indicator, "挥发性有机物排放总量");
        CHECK(l.v[1].value == 10 && l.v[1].cmp == CMP_REDUCE_BY &&
              l.v[1].baseline_year == 2020);
    }
    free(l.v);
    l = sentence("到2025年，大宗货物清洁运输比例力争达到70%", 0);
    CHECK(l.n == 1 && l.n && l.v[0].striving);
    if (l.n == 1)
        CHECK_STR(l.v[0].indicator, "大宗货物清洁运输比例");
    free(l.v);
}

TEST(grammar_marks_deferred_and_done_but_not_trends)
{
    struct stated_list l = sentence("到2025年，空气质量改善目标达到上级要求，"
                                    "出台碳排放核算办法，"
                                    "绿色低碳发展水平明显提升",
                                    0);
    CHECK(l.n == 2);
    if (l.n == 2) {
        CHECK(l.v[0].cmp == CMP_DONE && l.v[0].deferred);
        CHECK(l.v[1].cmp == CMP_DONE && !l.v[1].deferred);
    }
    free(l.v);
}

TEST(grammar_splits_two_quotas_deferred_together_but_not_two_verbs)
{
    struct stated_list l =
        sentence("到2030年，单位地区生产总值能耗和单位地区生产总值二氧化碳排放"
                 "下降率完成上级下达的任务",
                 0);
    CHECK(l.n == 2);
    if (l.n == 2) {
        CHECK_STR(l.v[0].indicator, "单位地区生产总值能耗");
        CHECK(l.v[1].deferred && l.v[1].cmp == CMP_DONE);
    }
    free(l.v);
    l = sentence("到2025年，省下达的污染物减排和碳排放控制目标全面完成", 0);
    CHECK(l.n == 2);
    free(l.v);
    /* 新增和更新 are two verbs of one indicator; 碳中和 is one word */
    l = sentence("到2025年，全区新增和更新公务用车中新能源车辆占比达到市级要求",
                 0);
    CHECK(l.n == 1);
    free(l.v);
    l = sentence("到2060年，碳中和目标达到国家要求", 0);
    CHECK(l.n == 1);
    free(l.v);
}

TEST(grammar_keeps_a_dated_set_of_mechanisms_whatever_its_words)
{
    struct stated_list l =
        sentence("到2026年，形成一套相对完善的协同创新管理机制、模式路径和政策"
                 "举措，示范模式不断推广",
                 0);
    CHECK(l.n == 1 && l.n && l.v[0].cmp == CMP_DONE);
    free(l.v);
}

TEST(grammar_leaves_numbers_that_only_describe_a_scope)
{
    struct stated_list l = sentence(
        "加快年货运量150万吨以上工矿企业铁路专用线建设，淘汰30万千瓦以下机组",
        2025);
    CHECK(l.n == 0);
    free(l.v);
}

TEST(grammar_dates_an_undated_number_from_context)
{
    struct stated_list l =
        sentence("规模化养殖场粪污处理设施装备配套率达100%", 0);
    CHECK(l.n == 1 && l.v[0].year == 2026 && !l.v[0].year_stated);
    free(l.v);
}

static bool note_of(const char *s, struct responsibility *r)
{
    return agencies_responsibility(s, 0, strlen(s), r);
}

TEST(agencies_read_each_form_of_responsibility)
{
    struct responsibility r;
    CHECK(note_of("做好工作。（牵头单位：市能源局，配合单位：市自然资源局、"
                  "市生态环境局）",
                  &r));
    CHECK_STR(r.lead, "市能源局");
    CHECK(r.n_support == 2 && strcmp(r.support[1], "市生态环境局") == 0);
    CHECK(note_of("做好工作。（责任单位：市工业和信息化局牵头，市生态环境局、"
                  "市能源局按职责分工负责。以下任务均需各县、区人民政府落实，"
                  "不再列出）",
                  &r));
    CHECK_STR(r.lead, "市工业和信息化局");
    CHECK(r.n_support == 2);
    CHECK(r.n_standing == 1);
    CHECK(r.n_standing == 1 && strcmp(r.standing[0], "各县、区人民政府") == 0);
    /* the bodies that stand for every later task run over a comma */
    CHECK(note_of("做好工作。（责任单位：市能源局牵头，市生态环境局按职责分工负"
                  "责。以下任务均需各县、区人民政府，长治高新区、经开区管委会"
                  "落实，不再列出）",
                  &r));
    CHECK(r.n_support == 1);
    CHECK(r.n_standing == 2 &&
          strcmp(r.standing[1], "长治高新区、经开区管委会") == 0);
    CHECK(note_of("做好工作。（市发展改革委、市工业和信息化局、市生态环境局等按"
                  "职责分工负责）",
                  &r));
    CHECK_STR(r.lead, "市发展改革委");
    CHECK(r.n_support == 2);
    CHECK(!note_of("化学需氧量（COD）下降。", &r));
}

TEST(agencies_group_the_names_of_one_department)
{
    struct agency_register reg = {0};
    agencies_note(&reg, "市发展改革委");
    agencies_note(&reg, "市发展和改革委员会");
    agencies_note(&reg, "市生态环境局");
    agencies_note(&reg, "区发改委");
    agencies_build(&reg);
    CHECK(reg.n == 3);
    long a = agencies_find(&reg, "市发展改革委");
    CHECK(a >= 0 && strcmp(reg.v[a].name, "市发展和改革委员会") == 0);
    CHECK(a >= 0 && strcmp(reg.v[a].id, "ndrc") == 0);
    CHECK(agencies_find(&reg, "区发改委") != a);
    CHECK(agencies_same("市市场监管局", "市市场监督管理局"));
    CHECK(!agencies_same("市生态环境局", "市自然资源局"));
    agencies_free(&reg);
}

TEST(draft_is_a_plan_the_loader_accepts_with_verbatim_quotes)
{
    const char *text =
        "某市减污降碳协同创新试点实施方案\n"
        "一、主要目标\n"
        "到2025年，全市光伏装机容量达到300万千瓦以上。\n"
        "二、重点任务\n"
        "1.发展光伏。到2025年，全市光伏装机容量达到300万千瓦以上，"
        "出台分布式光伏管理办法。（牵头单位：市能源局，配合单位："
        "市发改委）\n";
    struct xplan p;
    struct pt_error err;
    CHECK(extract_run(text, strlen(text), "mini", "mini.txt", &p, &err) == 0);
    CHECK(p.n_targets == 2);
    if (p.n_targets == 2) {
        /* the headline and its task are one target, led by the task's lead */
        CHECK(p.targets[0].n_sections == 2);
        CHECK_STR(p.targets[0].lead, "市能源局");
        CHECK(p.targets[1].cmp == CMP_DONE);
    }
    const char *dir = unit_tmpdir();
    char path[512], src[512];
    snprintf(path, sizeof path, "%s/mini.yaml", dir);
    snprintf(src, sizeof src, "%s/sources", dir);
    mkdir(src, 0777);
    unit_write(src, "mini.txt", text);
    FILE *f = fopen(path, "w");
    CHECK(f && extract_write_yaml(&p, f, &err) == 0);
    if (f)
        fclose(f);
    struct plan_diags d = {0};
    struct plan *pl = plan_load(path, &d);
    CHECK(pl != NULL);
    for (size_t i = 0; i < d.n; i++)
        printf("#   %s\n", d.lines[i]);
    if (pl)
        CHECK(pl->n_targets == 2);
    plan_free(pl);
    plan_diags_free(&d);
    /* and it reads back for review as it was written */
    size_t len = 0;
    FILE *in = fopen(path, "r");
    char buf[16384];
    if (in) {
        len = fread(buf, 1, sizeof buf - 1, in);
        fclose(in);
    }
    buf[len] = '\0';
    struct xplan back;
    CHECK(extract_read_yaml(buf, len, &back, &err) == 0);
    CHECK(back.n_targets == 2 && back.targets[0].review == XR_PENDING);
    CHECK(back.n_targets == 2 &&
          strcmp(back.targets[0].quote, p.targets[0].quote) == 0);
    CHECK_CONTAINS(back.header, "plantrack extract");
    xplan_free(&back);
    xplan_free(&p);
}

static void write_review_fixture(const char *dir, char *path, size_t len)
{
    const char *text = "某市行动方案\n"
                       "一、主要目标\n"
                       "到2025年，全市光伏装机容量达到300万千瓦以上。"
                       "到2025年，出台分布式光伏管理办法。\n";
    struct xplan p;
    struct pt_error err;
    char src[512];
    snprintf(src, sizeof src, "%s/sources", dir);
    mkdir(src, 0777);
    unit_write(src, "mini.txt", text);
    snprintf(path, len, "%s/mini.yaml", dir);
    if (extract_run(text, strlen(text), "mini", "mini.txt", &p, &err) < 0)
        return;
    FILE *f = fopen(path, "w");
    if (f) {
        extract_write_yaml(&p, f, &err);
        fclose(f);
    }
    xplan_free(&p);
}

TEST(review_refuses_what_would_break_the_plan_and_says_why)
{
    char path[512], msg[300];
    write_review_fixture(unit_tmpdir(), path, sizeof path);
    struct review r;
    struct pt_error err;
    CHECK(review_open(&r, path, &err) == 0);
    if (r.plan.n_targets < 2)
        return;
    CHECK(review_set_field(&r, 0, RF_VALUE, "三百", msg, sizeof msg) < 0);
    CHECK_CONTAINS(msg, "not a number");
    CHECK(review_set_field(&r, 0, RF_YEAR, "2031", msg, sizeof msg) < 0);
    CHECK_CONTAINS(msg, "outside the plan period");
    CHECK(review_set_field(&r, 0, RF_QUOTE, "不在原文里", msg, sizeof msg) < 0);
    CHECK_CONTAINS(msg, "copied exactly");
    CHECK(review_set_field(&r, 0, RF_VALUE, "300", msg, sizeof msg) == 0);
    CHECK(review_set_field(&r, 0, RF_LEAD, "市能源局", msg, sizeof msg) == 0);
    CHECK(r.plan.targets[0].lead_stated);
    review_close(&r);
}

TEST(review_writes_back_a_plan_that_checks)
{
    char path[512], msg[300];
    write_review_fixture(unit_tmpdir(), path, sizeof path);
    struct review r;
    struct pt_error err;
    CHECK(review_open(&r, path, &err) == 0);
    if (r.plan.n_targets < 2)
        return;
    review_accept(&r, 0);
    review_reject(&r, 1);
    CHECK(review_set_field(&r, 0, RF_LEAD, "市能源局", msg, sizeof msg) == 0);
    CHECK(review_save(&r, msg, sizeof msg) == 0);
    CHECK(r.plan.n_targets == 1);
    CHECK(!r.changed);
    review_close(&r);
    struct plan_diags d = {0};
    struct plan *pl = plan_load(path, &d);
    CHECK(pl && pl->n_targets == 1);
    CHECK(pl && strcmp(target_lead(&pl->targets[0])->name, "市能源局") == 0);
    /* accepted: no longer a draft when read back */
    CHECK(review_open(&r, path, &err) == 0);
    CHECK(r.plan.n_targets == 1 && r.plan.targets[0].review == XR_ACCEPTED);
    review_close(&r);
    plan_free(pl);
    plan_diags_free(&d);
}

TEST(review_adds_a_missed_sentence_with_what_the_grammar_reads)
{
    char path[512], msg[300];
    write_review_fixture(unit_tmpdir(), path, sizeof path);
    struct review r;
    struct pt_error err;
    CHECK(review_open(&r, path, &err) == 0);
    const char *s = strstr(r.source, "出台");
    size_t from, to;
    review_sentence_at(&r, (size_t)(s - r.source), &from, &to);
    size_t before = r.plan.n_targets;
    long i = review_add(&r, from, to, msg, sizeof msg);
    CHECK(i == (long)before);
    if (i >= 0) {
        CHECK(r.plan.targets[i].cmp == CMP_DONE);
        CHECK(r.plan.targets[i].year == 2025);
        CHECK(strstr(r.source, r.plan.targets[i].quote) != NULL);
    }
    CHECK(review_save(&r, msg, sizeof msg) == 0);
    review_close(&r);
}
