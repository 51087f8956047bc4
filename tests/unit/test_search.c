/* Search finds what an official means: traditional and simplified alike,
 * full-width and half-width alike, pinyin syllables, initials and the
 * initials of an abbreviated agency name. */
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
    const bool abbrev[] = {false, true};
    search_doc_init(&d, &mem, fields, abbrev, 2);
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

TEST(the_span_of_a_match_is_in_the_text_as_shown)
{
    struct search_query q;
    size_t a, b;
    const char *text = "全市生態環境质量";
    search_query_init(&q, "生态环境");
    CHECK(search_span(text, &q, false, &a, &b));
    CHECK(a == strlen("全市") && b == strlen("全市生態環境"));
    search_query_init(&q, "shengtai");
    CHECK(search_span(text, &q, false, &a, &b));
    CHECK(a == strlen("全市") && b == strlen("全市生態"));
    search_query_init(&q, "stj");
    CHECK(search_span("市生态环境局", &q, true, &a, &b));
    CHECK(a == 0 && b == strlen("市生态环境局"));
    search_query_init(&q, "ｐｍ２");
    CHECK(search_span("全市PM2.5浓度", &q, false, &a, &b));
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
