/* Search finds what an official means: traditional and simplified alike,
 * full-width and half-width alike, pinyin syllables anywhere, initials at
 * the start of an indicator or a name, the initials of an abbreviated
 * agency name; and nothing else: initials scattered through a text, or a
 * name's place read as its first initial, find nothing. */
#include <stdlib.h>

#include "plantrack/search.h"
#include "unit.h"

/* Whether `typed` finds a document of these fields (the last ones are
 * names, which may match as abbreviations). */
static bool finds(const char *typed, const char *indicator, const char *name)
{
    struct arena mem = {0};
    struct search_doc d;
    struct search_query q;
    const char *fields[] = {indicator, name};
    const enum search_field kind[] = {SEARCH_TITLE, SEARCH_NAME};
    search_doc_init(&d, &mem, fields, kind, 2);
    search_query_init(&q, typed);
    bool ok = search_doc_matches(&d, &q);
    arena_free(&mem);
    return ok;
}

/* The same with a quote (text) as well. */
static bool finds_in(const char *typed, const char *quote,
                     const char *indicator, const char *name)
{
    struct arena mem = {0};
    struct search_doc d;
    struct search_query q;
    const char *fields[] = {quote, indicator, name};
    const enum search_field kind[] = {SEARCH_TEXT, SEARCH_TITLE, SEARCH_NAME};
    search_doc_init(&d, &mem, fields, kind, 3);
    search_query_init(&q, typed);
    bool ok = search_doc_matches(&d, &q);
    arena_free(&mem);
    return ok;
}

TEST(folding_makes_traditional_full_width_and_capitals_alike)
{
    char *s = search_fold("生態環境 覆蓋率 ＰＭ２.５ PM₂.₅ 長治");
    CHECK_STR(s, "生态环境 覆盖率 pm2.5 pm2.5 长治");
    free(s);
}

TEST(a_query_in_any_form_finds_the_simplified_text)
{
    CHECK(finds("生態環境", "生态环境质量", "市能源局"));
    CHECK(finds("覆蓋率", "森林覆盖率", "市林草局"));
    CHECK(finds("PM２.５", "全市PM2.5浓度", "市生态环境局"));
    CHECK(finds("pm2.5", "全市PM2.5浓度", "市生态环境局"));
    CHECK(!finds("不存在", "全市PM2.5浓度", "市生态环境局"));
}

TEST(pinyin_syllables_initials_and_mixtures_find_chinese)
{
    CHECK(finds("shengtai", "生态环境质量", "市能源局"));
    CHECK(finds("shengtaihuanjing", "x", "市生态环境局"));
    CHECK(finds("sthj", "x", "市生态环境局"));
    CHECK(finds("shengtaihj", "x", "市生态环境局"));
    CHECK(finds("Sheng Tai", "x", "市生态环境局"));
    CHECK(finds("sheng'tai", "x", "市生态环境局"));
    /* a syllable begun at the end of the query */
    CHECK(finds("shengta", "x", "市生态环境局"));
    /* characters with several readings: 长 chang / zhang, 都 dou / du */
    CHECK(finds("changzhi", "长治市", "x"));
    CHECK(finds("kundulun", "昆都仑区", "x"));
    CHECK(finds("zhongdian", "重点行业", "x"));
    CHECK(!finds("shengtai", "森林覆盖率", "市林草局"));
    CHECK(!finds("xyz", "森林覆盖率", "市林草局"));
}

TEST(the_initials_of_an_abbreviation_find_a_name_not_a_quote)
{
    /* 市生态环境局 is called 生态局: stj */
    CHECK(finds("stj", "x", "市生态环境局"));
    CHECK(finds("fgw", "x", "市发展和改革委员会"));
    /* nor in a long name whose start and end are not those letters */
    CHECK(!finds("stj", "x", "长治市减污降碳协同创新试点工作领导小组"));
    /* in a long quote, scattered initials are not a match */
    CHECK(!finds("stj", "推进生态文明建设，提升治理水平，加快局面改善", "x"));
}

TEST(an_abbreviation_begins_with_the_name_after_its_place)
{
    /* 生态局, 发改委, 住建局: the place (市, 区, 包头市) left out */
    CHECK(finds("stj", "x", "包头市生态环境局昆都仑区分局"));
    CHECK(finds("zjj", "x", "区住房和城乡建设局"));
    CHECK(finds("fgw", "x", "区发展和改革委员会"));
    /* or typed first, in full: 市发改委, 市交通局 */
    CHECK(finds("sfgw", "x", "市发展和改革委员会"));
    CHECK(finds("sjtj", "x", "市交通运输局"));
    /* the place is not the name's first initial: 市交通运输局 is no 市通局 */
    CHECK(!finds("stj", "x", "市交通运输局"));
    CHECK(!finds("stj", "x", "湖州市交通投资集团有限公司"));
    CHECK(!finds("stj", "x", "市市场监督管理局"));
    /* an indicator's initials run from its start, after its place */
    CHECK(finds("slfgl", "全市森林覆盖率", "x"));
    CHECK(finds("qsslfgl", "全市森林覆盖率", "x"));
    CHECK(!finds("fgl", "全市森林覆盖率", "x"));
    CHECK(!finds("slfl", "全市森林覆盖率", "x")); /* none left out */
}

TEST(initials_never_match_inside_a_text_but_syllables_do)
{
    const char *quote =
        "深入打好污染防治攻坚战，加强生态环境保护，推进节能降碳";
    CHECK(finds_in("shengtaihuanjing", quote, "x", "x"));
    CHECK(finds_in("jienengjiangtan", quote, "x", "x"));
    CHECK(finds_in("shengt", quote, "x", "x")); /* a syllable begun */
    CHECK(!finds_in("sthj", quote, "x", "x"));
    CHECK(!finds_in("stj", quote, "x", "x"));
    CHECK(!finds_in("jnjt", quote, "x", "x"));
    /* nor across two fields */
    CHECK(!finds_in("tainongdu", "推进生态", "浓度", "x"));
}

/* Every rule is closed under prefixes: whatever a query finds, each of
 * its starts that search_query_narrows says it narrows found too. */
TEST(a_longer_query_finds_a_subset_of_what_its_start_found)
{
    static const char *const texts[][3] = {
        {"加强生态环境保护", "全市森林覆盖率", "市生态环境局"},
        {"发展新能源", "新能源发电装机容量", "市发展和改革委员会"},
        {"重点行业", "单位地区生产总值能耗降幅",
         "包头市生态环境局昆都仑区分局"},
        {"x", "全市PM2.5浓度", "市交通运输局"},
    };
    static const char *const queries[] = {"shengtaihuanjing",
                                          "sthjj",
                                          "stj",
                                          "sfgwyh",
                                          "xinnengyuan",
                                          "xnyfd",
                                          "slfglv",
                                          "zhongdianhangye",
                                          "dwdqsczz",
                                          "btsstj",
                                          "qspm",
                                          "pm2.5",
                                          "sjtj",
                                          "fgw",
                                          "shengtaihj"};
    for (size_t t = 0; t < sizeof texts / sizeof *texts; t++)
        for (size_t k = 0; k < sizeof queries / sizeof *queries; k++) {
            const char *q = queries[k];
            for (size_t n = strlen(q); n > 1; n--) {
                char whole[64], start[64];
                snprintf(whole, sizeof whole, "%.*s", (int)n, q);
                snprintf(start, sizeof start, "%.*s", (int)n - 1, q);
                struct search_query a, b;
                search_query_init(&a, whole);
                search_query_init(&b, start);
                if (!search_query_narrows(&a, &b))
                    continue;
                const char *const *f = texts[t];
                if (finds_in(whole, f[0], f[1], f[2]) &&
                    !finds_in(start, f[0], f[1], f[2])) {
                    char what[256];
                    snprintf(what, sizeof what, "'%s' finds %s but '%s' not",
                             whole, f[2], start);
                    CHECK_STR(what, "");
                }
            }
        }
}

TEST(the_span_of_a_match_is_in_the_text_as_shown)
{
    struct search_query q;
    size_t a, b;
    const char *text = "全市生態環境质量";
    search_query_init(&q, "生态环境");
    CHECK(search_span(text, &q, SEARCH_TITLE, &a, &b));
    CHECK(a == strlen("全市") && b == strlen("全市生態環境"));
    search_query_init(&q, "shengtai");
    CHECK(search_span(text, &q, SEARCH_TITLE, &a, &b));
    CHECK(a == strlen("全市") && b == strlen("全市生態"));
    search_query_init(&q, "stj");
    CHECK(search_span("市生态环境局", &q, SEARCH_NAME, &a, &b));
    CHECK(a == 0 && b == strlen("市生态环境局"));
    search_query_init(&q, "ｐｍ２");
    CHECK(search_span("全市PM2.5浓度", &q, SEARCH_TITLE, &a, &b));
    CHECK(a == strlen("全市") && b == strlen("全市PM2"));
}

TEST(a_longer_query_narrows_a_shorter_one)
{
    struct search_query a, b, c;
    search_query_init(&a, "sh");
    search_query_init(&b, "sheng");
    search_query_init(&c, "s");
    CHECK(search_query_narrows(&b, &a));
    CHECK(!search_query_narrows(&a, &b));
    /* one letter is not read as pinyin; two are: no narrowing */
    CHECK(!search_query_narrows(&a, &c));
}
