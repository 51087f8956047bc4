/* How Chinese plans state targets: small grammars for years, baselines,
 * quantities, comparators and deliverables, applied clause by clause.
 * The word lists are the plan genre's own (the 十四五 planning vocabulary,
 * the units of statistics yearbooks), not any one plan's sentences. */
#include "plantrack/extract/grammar.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plantrack/extract/clean.h"
#include "plantrack/text.h"

#define COUNT(a) (sizeof(a) / sizeof *(a))

bool grammar_starts(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    return k <= n && memcmp(s, w, k) == 0;
}

/* The first of words that text[i, n) starts with, longest first in the
 * table; its length in bytes, 0 if none. */
static size_t word_at(const char *t, size_t i, size_t n,
                      const char *const *words, size_t nw, size_t *which)
{
    for (size_t k = 0; k < nw; k++)
        if (grammar_starts(t + i, n - i, words[k])) {
            if (which)
                *which = k;
            return strlen(words[k]);
        }
    return 0;
}

static bool contains(const char *t, size_t a, size_t b, const char *w)
{
    size_t k = strlen(w);
    for (size_t i = a; i + k <= b; i++)
        if (memcmp(t + i, w, k) == 0)
            return true;
    return false;
}

static bool contains_any(const char *t, size_t a, size_t b,
                         const char *const *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (contains(t, a, b, w[i]))
            return true;
    return false;
}

static bool digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Bytes of the UTF-8 character at t[i]. */
static size_t cp_len(const char *t, size_t i, size_t n)
{
    uint32_t cp;
    return text_decode(t + i, n - i, &cp);
}

static uint32_t cp_at(const char *t, size_t i, size_t n)
{
    uint32_t cp = 0;
    if (i < n)
        text_decode(t + i, n - i, &cp);
    return cp;
}

/* The start of the character before t[i]. */
static size_t prev_cp(const char *t, size_t i)
{
    if (i == 0)
        return 0;
    i--;
    while (i > 0 && ((unsigned char)t[i] & 0xC0) == 0x80)
        i--;
    return i;
}

static size_t chars(const char *t, size_t a, size_t b)
{
    size_t n = 0;
    for (size_t i = a; i < b; i += cp_len(t, i, b))
        n++;
    return n;
}

/* ---- years ---- */

static int four_digits(const char *t, size_t i, size_t n)
{
    if (i + 4 > n || !digit(t[i]) || !digit(t[i + 1]) || !digit(t[i + 2]) ||
        !digit(t[i + 3]) || (i + 4 < n && digit(t[i + 4])))
        return 0;
    int y = atoi((char[]){t[i], t[i + 1], t[i + 2], t[i + 3], 0});
    return y >= 2000 && y <= 2100 ? y : 0;
}

static const char *const YEAR_TAILS[] = {"年底前", "年末前", "年年底", "年底",
                                         "年末",   "年前",   "年"};
/* Words before a year that make it a baseline, not a milestone. */
static const char *const BASE_MARKS[] = {"相较于", "相比于", "相较", "相比",
                                         "较",     "比",     "与",   "同",
                                         "在",     "从",     "自",   "以"};

/* "2025年底" at t[i]: the year and the phrase's length. */
static size_t year_word(const char *t, size_t i, size_t n, int *year)
{
    int y = four_digits(t, i, n);
    if (!y)
        return 0;
    size_t k = word_at(t, i + 4, n, YEAR_TAILS, COUNT(YEAR_TAILS), NULL);
    if (!k)
        return 0;
    /* 2023年12月27日 is a date */
    if (i + 4 + k < n && digit(t[i + 4 + k]))
        return 0;
    *year = y;
    return 4 + k;
}

static bool is_baseline_before(const char *t, size_t i)
{
    for (size_t k = 0; k < COUNT(BASE_MARKS); k++) {
        size_t l = strlen(BASE_MARKS[k]);
        if (i >= l && memcmp(t + i - l, BASE_MARKS[k], l) == 0)
            return true;
    }
    return false;
}

static int five_year_plan(const char *t, size_t i, size_t n, size_t *len)
{
    static const struct {
        const char *w;
        int year;
    } F[] = {
        {"十四五", 2025}, {"十五五", 2030}, {"十六五", 2035}, {"十三五", 2020}};
    size_t j = i;
    if (grammar_starts(t + j, n - j, "“") || grammar_starts(t + j, n - j, "\""))
        j += t[j] == '"' ? 1 : 3;
    for (size_t k = 0; k < COUNT(F); k++)
        if (grammar_starts(t + j, n - j, F[k].w)) {
            j += strlen(F[k].w);
            if (grammar_starts(t + j, n - j, "”"))
                j += 3;
            else if (j < n && t[j] == '"')
                j++;
            static const char *const TAIL[] = {"期间", "时期", "末", "末期"};
            j += word_at(t, j, n, TAIL, COUNT(TAIL), NULL);
            *len = j - i;
            return F[k].year;
        }
    return 0;
}

/* 三年 in "经过三年试点建设": the plan's span in years. */
static int span_words(const char *t, size_t i, size_t n, size_t *len)
{
    static const char *const LEAD[] = {"经过", "通过", "用", "力争用"};
    static const char *const NUM[] = {"两", "二", "三", "四", "五"};
    size_t k = word_at(t, i, n, LEAD, COUNT(LEAD), NULL), which;
    if (!k)
        return 0;
    size_t m = word_at(t, i + k, n, NUM, COUNT(NUM), &which);
    if (!m || !grammar_starts(t + i + k + m, n - i - k - m, "年"))
        return 0;
    *len = k + m + 3;
    return which <= 1 ? 2 : (int)which + 1;
}

int grammar_span_year(const char *t, size_t a, size_t b,
                      const struct grammar_context *ctx)
{
    for (size_t i = a; i < b; i += cp_len(t, i, b)) {
        size_t len;
        int f = span_words(t, i, b, &len);
        if (f && ctx->period_start)
            return ctx->period_start + f - 1;
    }
    return 0;
}

size_t grammar_year_at(const char *t, size_t i, size_t n,
                       const struct grammar_context *ctx, int *year, int *year2)
{
    static const char *const TO[] = {"力争到", "力争在", "截至",
                                     "截止到", "截止",   "预计到",
                                     "到",     "至",     "在"};
    size_t k = word_at(t, i, n, TO, COUNT(TO), NULL), len;
    *year2 = 0;
    int y, f;
    if ((f = five_year_plan(t, i + k, n, &len))) {
        *year = f;
        return k + len;
    }
    if (ctx && (f = span_words(t, i, n, &len)) && ctx->period_start) {
        *year = ctx->period_start + f - 1;
        return len;
    }
    size_t m = year_word(t, i + k, n, &y);
    if (!m)
        return 0;
    /* "在2020年的基础上", "较2020年": a baseline. */
    if (!k && is_baseline_before(t, i))
        return 0;
    if (grammar_starts(t + i + k + m, n - i - k - m, "的基础") ||
        grammar_starts(t + i + k + m, n - i - k - m, "基础上") ||
        grammar_starts(t + i + k + m, n - i - k - m, "水平"))
        return 0;
    /* a range 2023—2025年 is a period, not a milestone */
    size_t p = prev_cp(t, i + k);
    if (i + k > 0 && (t[p] == '-' || grammar_starts(t + p, n - p, "—") ||
                      grammar_starts(t + p, n - p, "－")))
        return 0;
    *year = y;
    size_t j = i + k + m;
    static const char *const AND[] = {"和", "、", "及"};
    size_t a = word_at(t, j, n, AND, COUNT(AND), NULL);
    int y2;
    size_t m2 = a ? year_word(t, j + a, n, &y2) : 0;
    if (m2) {
        *year2 = y2;
        j += a + m2;
    }
    /* "到2025年" needs no more; a bare "2025年" must open its clause. */
    if (!k && i > 0) {
        size_t q = prev_cp(t, i);
        uint32_t c = cp_at(t, q, n);
        if (!(c == 0xFF0C || c == 0x3002 || c == 0xFF1B || c == '\n' ||
              c == 0xFF1A || c == 0x3001))
            return 0;
    }
    (void)ctx;
    return j - i;
}

/* A baseline: "较2020年", "相较2023年", "在2020年的基础上", "比2020年". */
static size_t baseline_at(const char *t, size_t i, size_t n, int *year)
{
    for (size_t k = 0; k < COUNT(BASE_MARKS); k++) {
        size_t l = strlen(BASE_MARKS[k]);
        if (!grammar_starts(t + i, n - i, BASE_MARKS[k]))
            continue;
        int y = four_digits(t, i + l, n);
        if (!y || !grammar_starts(t + i + l + 4, n - i - l - 4, "年"))
            continue;
        size_t j = i + l + 7;
        /* 在…年 is a baseline only when 基础 follows */
        bool base = grammar_starts(t + j, n - j, "的基础上") ||
                    grammar_starts(t + j, n - j, "基础上") ||
                    grammar_starts(t + j, n - j, "为基");
        if ((strcmp(BASE_MARKS[k], "在") == 0 ||
             strcmp(BASE_MARKS[k], "以") == 0 ||
             strcmp(BASE_MARKS[k], "从") == 0 ||
             strcmp(BASE_MARKS[k], "自") == 0) &&
            !base)
            continue;
        *year = y;
        return j - i;
    }
    return 0;
}

static size_t baseline_at(const char *t, size_t i, size_t n, int *year);

/* ---- quantities ---- */

/* Units as statistics write them, longest first so 万千瓦 is not 万 + 千. */
static const char *const UNITS[] = {
    "克标准煤/千瓦时",
    "千克标准煤",
    "吨标准煤",
    "吨标煤",
    "标准煤",
    "微克/立方米",
    "毫克/立方米",
    "毫克/升",
    "立方米/秒",
    "平方公里",
    "平方千米",
    "平方米",
    "立方米",
    "千瓦时",
    "千瓦",
    "兆瓦",
    "吉瓦",
    "公顷",
    "公里",
    "千米",
    "公斤",
    "千克",
    "百分点",
    "辆",
    "吨",
    "亩",
    "米",
    "元",
    "个",
    "家",
    "套",
    "座",
    "条",
    "处",
    "项",
    "所",
    "台",
    "户",
    "艘",
    "片",
    "批",
    "栋",
    "人次",
    "人",
    "件",
    "宗",
    "株",
    "棵",
    "头",
    "只",
    "标台",
    "标箱",
    "次",
    "%",
    "％",
    "‰",
    "MW",
    "GW",
    "kW",
    "KW",
    "MWh",
    "kWh",
    "t",
};
static const char *const SCALES[] = {"万亿", "亿", "万", "千", "百"};

size_t grammar_quantity(const char *s, size_t n, double *value, char *unit,
                        size_t unit_cap)
{
    size_t i = 0;
    if (!n || !digit(s[0]))
        return 0;
    while (i < n &&
           (digit(s[i]) || (s[i] == '.' && i + 1 < n && digit(s[i + 1]))))
        i++;
    char num[32];
    if (i >= sizeof num)
        return 0;
    memcpy(num, s, i);
    num[i] = '\0';
    *value = strtod(num, NULL);
    size_t u = i;
    if (grammar_starts(s + u, n - u, "个百分点"))
        u += 3; /* 个 */
    /* a unit itself first (百分点, 千瓦), else a scale and a unit (万千瓦) */
    size_t sc = 0, b = word_at(s, u, n, UNITS, COUNT(UNITS), NULL);
    if (!b) {
        sc = word_at(s, u, n, SCALES, COUNT(SCALES), NULL);
        b = word_at(s, u + sc, n, UNITS, COUNT(UNITS), NULL);
    }
    if (!b && sc && !grammar_starts(s + u, n - u, "千") &&
        !grammar_starts(s + u, n - u, "百")) {
        b = 0; /* "5万" alone: a number in 万 with no unit */
    } else if (!b) {
        return 0;
    }
    size_t e = u + sc + b;
    /* a rate: 万吨/年, 吨/日 */
    if (b && e < n && s[e] == '/') {
        static const char *const PER[] = {"年", "日", "天", "小时", "千瓦时"};
        e += 1 + word_at(s, e + 1, n, PER, COUNT(PER), NULL);
        if (s[e - 1] == '/')
            e--;
    }
    /* 20条（个）: a measure word with its alternative */
    if (b && grammar_starts(s + e, n - e, "（")) {
        size_t m = word_at(s, e + 3, n, UNITS, COUNT(UNITS), NULL);
        if (m && grammar_starts(s + e + 3 + m, n - e - 3 - m, "）"))
            e += 3 + m + 3;
    }
    size_t from = u + (grammar_starts(s + i, n - i, "个百分点") ? 0 : 0);
    if (grammar_starts(s + i, n - i, "个百分点"))
        from = i + 3;
    size_t ul = e - from;
    if (ul + 1 > unit_cap)
        return 0;
    memcpy(unit, s + from, ul);
    unit[ul] = '\0';
    if (strcmp(unit, "％") == 0)
        strcpy(unit, "%");
    return e;
}

/* ---- comparators ---- */

enum verb {
    V_GE,   /* a level to reach */
    V_GT,   /* more than */
    V_LE,   /* at most */
    V_LT,   /* less than */
    V_DOWN, /* a fall by */
    V_UP,   /* a rise by */
    V_DO,   /* an amount to deliver (完成, 建成, 打造…) */
};

static const struct {
    const char *w;
    enum verb v;
} VERBS[] = {
    /* longest first where one contains another */
    {"下降率达到", V_DOWN}, {"降低率达到", V_DOWN}, {"降幅达到", V_DOWN},
    {"下降率为", V_DOWN},   {"累计下降", V_DOWN},   {"累计降低", V_DOWN},
    {"提高至", V_GE},       {"提高到", V_GE},       {"提升至", V_GE},
    {"提升到", V_GE},       {"增加到", V_GE},       {"增加至", V_GE},
    {"增长到", V_GE},       {"增长至", V_GE},       {"扩大到", V_GE},
    {"扩大至", V_GE},       {"上升到", V_GE},       {"上升至", V_GE},
    {"增至", V_GE},         {"下降至", V_LE},       {"下降到", V_LE},
    {"降低至", V_LE},       {"降低到", V_LE},       {"减少到", V_LE},
    {"减少至", V_LE},       {"压减至", V_LE},       {"压减到", V_LE},
    {"压降至", V_LE},       {"控制在", V_LE},       {"控制到", V_LE},
    {"降至", V_LE},         {"降到", V_LE},         {"不超过", V_LE},
    {"不高于", V_LE},       {"不大于", V_LE},       {"不低于", V_GE},
    {"不少于", V_GE},       {"稳定在", V_GE},       {"保持在", V_GE},
    {"保持", V_GE},         {"超过", V_GT},         {"大于", V_GT},
    {"高于", V_GT},         {"多于", V_GT},         {"小于", V_LT},
    {"低于", V_LT},         {"达到", V_GE},         {"达", V_GE},
    {"实现", V_GE},         {"占", V_GE},           {"为", V_GE},
    {"下降", V_DOWN},       {"降低", V_DOWN},       {"减少", V_DOWN},
    {"削减", V_DOWN},       {"压减", V_DOWN},       {"压降", V_DOWN},
    {"提高", V_UP},         {"提升", V_UP},         {"增长", V_UP},
    {"增加", V_UP},         {"上升", V_UP},         {"减排", V_DO},
    {"累计建成", V_DO},     {"建成", V_DO},         {"新建", V_DO},
    {"建设", V_DO},         {"完成", V_DO},         {"打造", V_DO},
    {"形成", V_DO},         {"培育", V_DO},         {"创建", V_DO},
    {"新增", V_DO},         {"建立", V_DO},         {"推荐", V_DO},
    {"实施", V_DO},         {"开展", V_DO},         {"治理", V_DO},
    {"修复", V_DO},         {"改造", V_DO},         {"推广", V_DO},
    {"培训", V_DO},         {"造林", V_DO},         {"种植", V_DO},
    {"创成", V_DO},         {"认定", V_DO},         {"引进", V_DO},
    {"采用", V_GE},
};

/* The verb nearest before t[at] in [from, at): its start, or (size_t)-1. */
static size_t verb_before(const char *t, size_t from, size_t at, size_t n,
                          enum verb *v, size_t *vlen)
{
    for (size_t i = at; i > from;) {
        i = prev_cp(t, i);
        for (size_t k = 0; k < COUNT(VERBS); k++) {
            size_t l = strlen(VERBS[k].w);
            if (i + l <= at && i + l <= n &&
                memcmp(t + i, VERBS[k].w, l) == 0) {
                /* the longest verb that starts here, or ends here */
                size_t best = k;
                for (size_t j = 0; j < COUNT(VERBS); j++) {
                    size_t lj = strlen(VERBS[j].w);
                    if (lj > strlen(VERBS[best].w) && i >= lj - l &&
                        i - (lj - l) >= from &&
                        memcmp(t + i - (lj - l), VERBS[j].w, lj) == 0) {
                        best = j;
                    }
                }
                size_t bl = strlen(VERBS[best].w);
                size_t start = best == k ? i : i - (bl - l);
                *v = VERBS[best].v;
                *vlen = bl;
                return start;
            }
        }
    }
    return (size_t)-1;
}

/* Indicators where less is better: a level "达到" there is a ceiling. */
static const char *const LOWER_BETTER[] = {"浓度",   "煤耗",     "填埋",
                                           "损失率", "排放强度", "能耗强度"};
static const char *const STRIVING_WORDS[] = {"力争", "争取", "预期", "力求",
                                             "努力"};
/* Several indicators that add up to one number. */
static const char *const TOTALS[] = {"累计", "合计",   "总量", "共计",
                                     "总和", "项主要", "等"};
/* Words where an indicator's shared tail begins (NOx、VOCs|排放总量). */
static const char *const TAIL_HEADS[] = {
    "重点工程", "排放",   "减排",   "能效", "利用率", "综合利用",
    "利用",     "浓度",   "产能",   "比例", "比重",   "占比",
    "处理率",   "覆盖率", "回收率", "装机", "消费",   "行业",
    "目标",     "下降率", "强度",   "产量", "面积"};

/* ---- clauses ---- */

struct span {
    size_t a, b;
};

static bool clause_break(uint32_t c)
{
    return c == 0xFF0C /* ， */ || c == 0xFF1A /* ： */ || c == ',' ||
           c == 0xFF1B /* ；, which a year before it still governs */;
}

/* Clauses of t[from, to): split at ， and ：, never inside brackets. */
static size_t clauses(const char *t, size_t from, size_t to, struct span *out,
                      size_t cap)
{
    size_t n = 0, a = from;
    int depth = 0;
    for (size_t i = from; i < to;) {
        uint32_t c = cp_at(t, i, to);
        size_t l = cp_len(t, i, to);
        if (c == 0xFF08 || c == '(' || c == 0x300A || c == 0x201C ||
            c == 0x3008 || c == 0x3010)
            depth++;
        else if ((c == 0xFF09 || c == ')' || c == 0x300B || c == 0x201D ||
                  c == 0x3009 || c == 0x3011) &&
                 depth > 0)
            depth--;
        else if (depth == 0 && clause_break(c)) {
            if (i > a && n < cap)
                out[n++] = (struct span){a, i};
            a = i + l;
        }
        i += l;
    }
    if (to > a && n < cap)
        out[n++] = (struct span){a, to};
    return n;
}

/* Words that join a clause to the one before: not part of what it states. */
static size_t skip_connectors(const char *t, size_t a, size_t b)
{
    static const char *const C[] = {"同时", "其中", "并且", "并",
                                    "且",   "以及", "另外"};
    size_t k;
    while ((k = word_at(t, a, b, C, COUNT(C), NULL)) && a + k < b)
        a += k;
    return a;
}

static void copy_text(char *dst, size_t cap, const char *t, size_t a, size_t b)
{
    size_t n = b > a ? b - a : 0;
    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)t[a + n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(dst, t + a, n);
    dst[n] = '\0';
}

/* The indicator: the words before the verb, without what dates or frames
 * the statement (到2025年, 力争, 全市…). */
static void indicator_of(const char *t, size_t a, size_t b,
                         const struct grammar_context *ctx, char *out,
                         size_t cap)
{
    static const char *const FRAME[] = {"力争", "争取", "预期", "确保", "力求",
                                        "努力", "其中", "同时", "并",   "且",
                                        "约",   "年均", "每年"};
    for (bool again = true; again && a < b;) {
        again = false;
        int y, y2;
        size_t k = grammar_year_at(t, a, b, ctx, &y, &y2);
        if (!k)
            k = word_at(t, a, b, FRAME, COUNT(FRAME), NULL);
        if (k) {
            a += k;
            again = true;
        }
        if (a < b && (cp_at(t, a, b) == 0xFF0C || cp_at(t, a, b) == 0x3001)) {
            a += 3;
            again = true;
        }
    }
    /* a baseline (较2020年) and 分别 say how, not what */
    for (size_t i = a; i < b; i += cp_len(t, i, b)) {
        int y;
        size_t l = baseline_at(t, i, b, &y);
        if (l && (i + l == b || grammar_starts(t + i + l, b - i - l, "分别"))) {
            b = i;
            break;
        }
    }
    if (b - a > 6 && memcmp(t + b - 6, "分别", 6) == 0)
        b -= 6;
    /* trailing 的, 均, 目标 before the verb */
    static const char *const TRAIL[] = {"的",   "均",   "要",   "将",
                                        "须",   "应",   "需",   "可",
                                        "力争", "争取", "确保", "预期"};
    for (bool again = true; again && b > a;) {
        again = false;
        for (size_t k = 0; k < COUNT(TRAIL); k++) {
            size_t l = strlen(TRAIL[k]);
            if (b - a > l && memcmp(t + b - l, TRAIL[k], l) == 0) {
                b -= l;
                again = true;
            }
        }
    }
    copy_text(out, cap, t, a, b);
}

static void push(struct stated_list *l, const struct stated *s)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 32;
        struct stated *v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return;
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = *s;
}

/* A run of quantities: 923吨、553吨 or 10、35、50毫克/立方米 or 2—3%. */
struct qrun {
    size_t a, b; /* bytes of the run, suffix (以上…) included */
    double v[8];
    char unit[8][48];
    size_t n;
    bool range;
    enum { SUF_NONE, SUF_ABOVE, SUF_BELOW, SUF_ABOUT } suffix;
    bool about; /* 约 before it */
};

/* A number that is not a quantity: a year, a date, PM2.5, No.3, 第3. */
static bool number_starts(const char *t, size_t i, size_t n)
{
    if (!digit(t[i]))
        return false;
    if (i > 0) {
        char c = t[i - 1];
        if (digit(c) || c == '.' || (c >= 'A' && c <= 'Z') ||
            (c >= 'a' && c <= 'z') || c == '-' || c == '/')
            return false;
        if (i >= 3 && (grammar_starts(t + i - 3, n - i + 3, "第") ||
                       grammar_starts(t + i - 3, n - i + 3, "—") ||
                       grammar_starts(t + i - 3, n - i + 3, "〔")))
            return false;
    }
    size_t j = i;
    while (j < n && (digit(t[j]) || t[j] == '.'))
        j++;
    static const char *const NOT[] = {"年", "月", "日", "号",  "〕",
                                      "）", ")",  "×",  "x",   "级",
                                      "层", "岁", "届", "MW级"};
    if (word_at(t, j, n, NOT, COUNT(NOT), NULL))
        return false;
    return true;
}

static size_t read_run(const char *t, size_t i, size_t n, struct qrun *r)
{
    memset(r, 0, sizeof *r);
    r->a = i;
    if (i >= 3 && grammar_starts(t + i - 3, n - i + 3, "约"))
        r->about = true;
    size_t j = i;
    size_t pending = 0; /* numbers still without a unit */
    while (j < n && r->n < 8) {
        double v;
        char u[48] = "";
        size_t k = grammar_quantity(t + j, n - j, &v, u, sizeof u);
        if (!k) {
            /* a bare number, its unit given by the last one of the run */
            size_t e = j;
            while (e < n && (digit(t[e]) || t[e] == '.'))
                e++;
            if (e == j)
                break;
            v = strtod(t + j, NULL);
            k = e - j;
        }
        r->v[r->n] = v;
        strcpy(r->unit[r->n], u);
        r->n++;
        if (!*u)
            pending++;
        else if (pending) {
            for (size_t q = r->n - 1 - pending; q + 1 < r->n; q++)
                strcpy(r->unit[q], u);
            pending = 0;
        }
        j += k;
        static const char *const SEP[] = {"、", "—", "－", "～", "~", "-"};
        size_t which, s = word_at(t, j, n, SEP, COUNT(SEP), &which);
        if (s && j + s < n && digit(t[j + s])) {
            if (which > 0)
                r->range = true;
            j += s;
            continue;
        }
        break;
    }
    if (!r->n || pending == r->n)
        return 0;
    if (pending) /* 30、40 with no unit after either: not quantities */
        return 0;
    static const char *const ABOVE[] = {"及以上", "以上"};
    static const char *const BELOW[] = {"及以下", "以下", "以内"};
    size_t k;
    if ((k = word_at(t, j, n, ABOVE, COUNT(ABOVE), NULL)))
        r->suffix = SUF_ABOVE;
    else if ((k = word_at(t, j, n, BELOW, COUNT(BELOW), NULL)))
        r->suffix = SUF_BELOW;
    else if (grammar_starts(t + j, n - j, "左右"))
        r->suffix = SUF_ABOUT, k = 6;
    j += k;
    r->b = j;
    return j - i;
}

/* Whether what follows the run makes it a modifier of a noun (年货运量
 * 150万吨以上矿区) rather than a level to reach. */
static bool run_modifies(const char *t, const struct qrun *r, size_t b)
{
    if (r->b >= b)
        return false;
    uint32_t c = cp_at(t, r->b, b);
    if (!clean_is_han(c))
        return false;
    static const char *const OK[] = {"的",   "和",   "及", "或", "左右",
                                     "采用", "面积", "以", "并", "，"};
    return !word_at(t, r->b, b, OK, COUNT(OK), NULL);
}

static enum comparator comparator_of(enum verb v, const struct qrun *r,
                                     bool lower_better)
{
    switch (v) {
    case V_GT:
        return CMP_GT;
    case V_LT:
        return r->suffix == SUF_BELOW ? CMP_LE : CMP_LT;
    case V_LE:
        return CMP_LE;
    case V_DOWN:
        return CMP_REDUCE_BY;
    case V_UP:
        return CMP_INCREASE_BY;
    case V_GE:
        if (r->suffix == SUF_BELOW || (lower_better && r->suffix != SUF_ABOVE))
            return CMP_LE;
        return CMP_GE;
    case V_DO:
        return r->suffix == SUF_BELOW ? CMP_LE : CMP_GE;
    }
    return CMP_GE;
}

/* Split "A、B、C tail" into the indicators "A tail", "B tail", "C tail". */
static size_t split_items(const char *ind, char out[][256], size_t max)
{
    size_t n = 0, len = strlen(ind);
    struct span it[16];
    size_t a = 0;
    int depth = 0;
    for (size_t i = 0; i < len;) {
        uint32_t c = cp_at(ind, i, len);
        size_t l = cp_len(ind, i, len);
        if (c == 0xFF08 || c == 0x201C)
            depth++;
        else if ((c == 0xFF09 || c == 0x201D) && depth)
            depth--;
        else if (c == 0x3001 && !depth && n < 15) {
            it[n++] = (struct span){a, i};
            a = i + l;
        }
        i += l;
    }
    if (n == 0 || n + 1 > max)
        return 0;
    it[n++] = (struct span){a, len};
    /* the tail: where the last item's indicator words begin */
    struct span last = it[n - 1];
    size_t tail = last.b;
    for (size_t i = last.a; i < last.b; i += cp_len(ind, i, len))
        if (word_at(ind, i, last.b, TAIL_HEADS, COUNT(TAIL_HEADS), NULL) &&
            i > last.a) {
            tail = i;
            break;
        }
    /* "钢铁、铁合金行业": the items name one sector */
    if (grammar_starts(ind + tail, last.b - tail, "行业"))
        return 0;
    /* items that are whole indicators (A率、B率) keep their own words */
    bool whole = true;
    for (size_t k = 0; k + 1 < n; k++) {
        bool head = false;
        for (size_t i = it[k].a; i < it[k].b && !head; i += cp_len(ind, i, len))
            head = word_at(ind, i, it[k].b, TAIL_HEADS, COUNT(TAIL_HEADS),
                           NULL) != 0;
        whole = whole && head;
    }
    if (whole)
        tail = last.b;
    else if (chars(ind, last.a, tail) > 8)
        return 0; /* 新能源、清洁能源动力的交通工具比例: one phrase */
    it[n - 1].b = tail;
    for (size_t k = 0; k < n; k++) {
        size_t hl = it[k].b - it[k].a, tl = last.b - tail;
        if (hl + tl >= 256)
            return 0;
        memcpy(out[k], ind + it[k].a, hl);
        memcpy(out[k] + hl, ind + tail, tl);
        out[k][hl + tl] = '\0';
    }
    return n;
}

/* "X和Y" before a deferral (能耗和二氧化碳排放下降率完成上级下达的任务):
 * two quotas, each assessed on its own. One 和 outside brackets, a word
 * on each side, and not the 和 of 中和, 总和, 饱和 or 和谐. */
static size_t split_and(const char *ind, char out[][256], bool each)
{
    size_t len = strlen(ind), at = 0, n = 0;
    int depth = 0;
    for (size_t i = 0; i < len;) {
        uint32_t c = cp_at(ind, i, len);
        size_t l = cp_len(ind, i, len);
        if (c == 0xFF08 || c == 0x201C)
            depth++;
        else if ((c == 0xFF09 || c == 0x201D) && depth)
            depth--;
        else if (!depth && c == 0x548C /* 和 */) {
            static const char *const NOT[] = {"中和", "总和", "饱和"};
            bool word = grammar_starts(ind + i + l, len - i - l, "谐");
            for (size_t k = 0; k < COUNT(NOT) && !word; k++)
                word = i >= 3 && memcmp(ind + i - 3, NOT[k], 6) == 0;
            if (!word) {
                at = i;
                n++;
            }
        }
        i += l;
    }
    if (n != 1 || chars(ind, 0, at) < 2 || chars(ind, at + 3, len) < 2 ||
        at >= 256 || len - at - 3 >= 256)
        return 0;
    /* two indicators, not two verbs (新增和更新公务用车): the first names
     * a measure, or the second repeats the first's opening words */
    bool measure = false;
    for (size_t i = 0; i < at && !measure; i += cp_len(ind, i, at))
        measure = word_at(ind, i, at, TAIL_HEADS, COUNT(TAIL_HEADS), NULL) ||
                  grammar_starts(ind + i, at - i, "能耗");
    bool parallel = len - at - 3 >= 6 && at >= 6 &&
                    memmem(ind, at, ind + at + 3, 6) != NULL;
    if (!measure && !parallel && !each)
        return 0;
    memcpy(out[0], ind, at);
    out[0][at] = '\0';
    memcpy(out[1], ind + at + 3, len - at - 3);
    out[1][len - at - 3] = '\0';
    /* 氮氧化物和挥发性有机物排放总量分别下降10%: the first item takes
     * the measure the second names */
    size_t ol = strlen(out[1]);
    for (size_t i = 3; each && !measure && i < ol; i += cp_len(out[1], i, ol))
        if (word_at(out[1], i, ol, TAIL_HEADS, COUNT(TAIL_HEADS), NULL)) {
            if (at + ol - i < 256)
                memcpy(out[0] + at, out[1] + i, ol - i + 1);
            break;
        }
    return 2;
}

static bool short_items(const char *ind)
{
    size_t len = strlen(ind), a = 0, n = 0;
    for (size_t i = 0; i < len;) {
        uint32_t c = cp_at(ind, i, len);
        size_t l = cp_len(ind, i, len);
        if (c == 0x3001) {
            if (chars(ind, a, i) > 8)
                return false;
            n++;
            a = i + l;
        }
        i += l;
    }
    return n > 0;
}

static int default_baseline(const struct grammar_context *ctx, int year,
                            const char *ind, bool cumulative)
{
    static const char *const INTENSITY[] = {
        "强度", "单位GDP", "单位地区生产总值", "万元", "单位工业增加值"};
    if (cumulative ||
        contains_any(ind, 0, strlen(ind), INTENSITY, COUNT(INTENSITY)))
        return year <= 2025 ? 2020 : 2020;
    return ctx->period_start ? ctx->period_start - 1 : year - 1;
}

struct clause_state {
    int year, year2;
    bool year_stated;
    char year_from[48];
    int baseline;
    bool this_year; /* 当年 */
    bool carry;     /* the clause before stated an amount with its verb */
};

static void numeric_targets(const char *t, struct span c,
                            const struct grammar_context *ctx,
                            struct clause_state *st, struct stated_list *out,
                            bool *found)
{
    size_t seg = skip_connectors(t, c.a, c.b);
    bool respectively = contains(t, c.a, c.b, "分别");
    bool striving = false;
    /* a number in brackets annotates (（二期200万吨/年）) unless the
     * bracket states it with its own verb (（即…不高于10毫克/立方米）) */
    int depth = 0;
    size_t opened = c.a;
    for (size_t i = c.a; i < c.b;) {
        uint32_t ch = cp_at(t, i, c.b);
        if (ch == 0xFF08 || ch == '(') {
            if (!depth++)
                opened = i;
        } else if ((ch == 0xFF09 || ch == ')') && depth) {
            depth--;
        }
        enum verb bv;
        size_t bl_;
        bool annotation =
            depth && number_starts(t, i, c.b) &&
            verb_before(t, opened, i, c.b, &bv, &bl_) == (size_t)-1;
        if (annotation || !number_starts(t, i, c.b)) {
            if (word_at(t, i, c.b, STRIVING_WORDS, COUNT(STRIVING_WORDS), NULL))
                striving = true;
            int y;
            size_t bl = baseline_at(t, i, c.b, &y);
            if (bl) {
                st->baseline = y;
                i += bl;
                continue;
            }
            i += cp_len(t, i, c.b);
            continue;
        }
        struct qrun r;
        size_t k = read_run(t, i, c.b, &r);
        if (!k) {
            while (i < c.b && (digit(t[i]) || t[i] == '.'))
                i++;
            continue;
        }
        enum verb v = V_GE;
        size_t vlen = 0;
        size_t vat = verb_before(t, seg, r.a, c.b, &v, &vlen);
        bool has_verb = vat != (size_t)-1;
        bool percent = strcmp(r.unit[0], "%") == 0 ||
                       strcmp(r.unit[0], "百分点") == 0 ||
                       strcmp(r.unit[0], "‰") == 0;
        if (!has_verb) {
            /* 城市建成区35%以上面积: a share with 以上 states a target;
             * a list item takes the verb of the item before it. */
            size_t cv = verb_before(t, c.a, r.a, c.b, &v, &vlen);
            if (cv != (size_t)-1 && seg > c.a)
                has_verb = true, vat = (size_t)-1;
            /* 实施修复25.5万亩，封山育林26.5万亩: a clause that is only
             * what and how much takes the verb of the clause before */
            else if (st->carry && r.b == c.b && chars(t, c.a, r.a) <= 12)
                has_verb = true, vat = (size_t)-1, v = V_DO;
            else if (!(percent && r.suffix != SUF_NONE))
                goto next;
        }
        /* 完成1224万千瓦燃煤机组改造, 建立1个…片区: a verb right before the
         * amount makes it the amount of the verb's object */
        bool direct = has_verb && vat != (size_t)-1 && v == V_DO &&
                      (vat + vlen == r.a || (vat + vlen + 3 == r.a && r.about));
        if (run_modifies(t, &r, c.b) && !(percent && r.suffix == SUF_ABOVE) &&
            !direct)
            goto next;
        if (!st->year && !ctx->default_year)
            goto next;
        {
            size_t ind_end = vat != (size_t)-1 ? vat : r.a;
            char ind[256];
            size_t oe = r.b;
            while (direct && oe < c.b && cp_at(t, oe, c.b) != 0x3001)
                oe += cp_len(t, oe, c.b);
            if (direct && chars(t, r.b, oe) >= 2) {
                /* 完成200家重点用能企业节能诊断: what is counted follows */
                indicator_of(t, r.b, oe, ctx, ind, sizeof ind);
            } else if (v == V_DO && vat != (size_t)-1) {
                /* 完成既有公共建筑节能改造50万平方米: the deed is the
                 * indicator, without the verb that opens it */
                static const char *const OPEN[] = {
                    "累计建成", "完成", "实施", "建成", "新增", "打造",
                    "开展",     "推荐", "建立", "形成", "新建"};
                size_t from = seg;
                size_t ol = word_at(t, from, r.a, OPEN, COUNT(OPEN), NULL);
                indicator_of(t, from + ol, r.a, ctx, ind, sizeof ind);
            } else {
                indicator_of(t, seg, ind_end, ctx, ind, sizeof ind);
            }
            bool lower = contains_any(ind, 0, strlen(ind), LOWER_BETTER,
                                      COUNT(LOWER_BETTER));
            enum comparator cmp = comparator_of(v, &r, lower);
            /* 减少二氧化碳排放量约1亿吨: an amount, not a fall from a year */
            if (comparator_relative(cmp) && !percent && !st->baseline &&
                !st->this_year)
                cmp = CMP_GE;
            size_t nvals = r.range ? 1 : r.n;
            double vals[8];
            if (r.range)
                vals[0] = r.v[r.n - 1];
            else
                memcpy(vals, r.v, sizeof vals);
            char items[8][256];
            size_t ni = 0;
            bool split = false;
            if (nvals > 1 && respectively)
                ni = split_items(ind, items, 8);
            else if (nvals == 1 && short_items(ind) &&
                     !contains_any(t, c.a, c.b, TOTALS, COUNT(TOTALS))) {
                ni = split_items(ind, items, 8);
                split = ni > 1;
            }
            /* X和Y…分别下降10%: one value that each of them is to reach */
            if (nvals == 1 && respectively && ni < 2) {
                ni = split_and(ind, items, true);
                split = ni > 1;
            }
            size_t ntargets = nvals > 1 ? nvals : (ni > 1 ? ni : 1);
            for (size_t q = 0; q < ntargets; q++) {
                struct stated s = {0};
                s.q_from = seg;
                s.q_to = r.b;
                /* the rest of the clause when it only qualifies */
                if (r.b < c.b && (direct || !run_modifies(t, &r, c.b)) &&
                    !contains(t, r.b, c.b, "、"))
                    s.q_to = c.b;
                double val = nvals > 1 ? vals[q] : vals[0];
                const char *unit = r.unit[nvals > 1 ? q : 0];
                if (r.range)
                    unit = r.unit[r.n - 1];
                if (ni == ntargets && ni > 1)
                    snprintf(s.indicator, sizeof s.indicator, "%s", items[q]);
                else
                    snprintf(s.indicator, sizeof s.indicator, "%s", ind);
                s.split = split;
                s.cmp = cmp;
                s.has_value = true;
                s.value = val;
                snprintf(s.unit, sizeof s.unit, "%s", unit);
                s.approximate = r.about || r.suffix == SUF_ABOUT || r.range;
                s.striving = striving;
                s.bare = vat == (size_t)-1;
                s.year = st->year ? st->year : ctx->default_year;
                s.year_stated = st->year_stated;
                snprintf(s.year_from, sizeof s.year_from, "%s",
                         st->year ? st->year_from : "");
                if (comparator_relative(cmp)) {
                    bool cumulative = contains(t, c.a, c.b, "累计");
                    if (st->baseline && st->baseline < s.year) {
                        s.baseline_year = st->baseline;
                        s.baseline_stated = true;
                    } else if (st->this_year) {
                        s.baseline_year = s.year - 1;
                        s.baseline_stated = true;
                    } else {
                        s.baseline_year = default_baseline(
                            ctx, s.year, s.indicator, cumulative);
                    }
                    if (s.baseline_year >= s.year)
                        s.baseline_year = s.year - 1;
                }
                push(out, &s);
                if (st->year2 && st->year2 != st->year) {
                    s.year = st->year2;
                    push(out, &s);
                }
                *found = true;
            }
            seg = r.b;
            /* the next item starts after 、 or 和 */
            static const char *const NEXT[] = {"、", "和", "及", "，"};
            size_t nk = word_at(t, seg, c.b, NEXT, COUNT(NEXT), NULL);
            seg += nk;
        }
    next:
        i = r.b > i ? r.b : i + 1;
    }
}

/* ---- deliverables and deferrals ---- */

static const char *const DEFERRED[] = {
    "上级要求",   "市级要求", "省级要求",     "国家要求",    "上级下达",
    "省下达",     "省定任务", "省定目标",     "既定目标",    "下达的任务",
    "下达的目标", "下达我市", "国家、省下达", "考核目标任务"};
static const char *const DELIVER[] = {
    "出台",   "制定",     "印发",     "发布",   "编制", "建立",     "建成",
    "构建",   "形成",     "完成",     "实现",   "达峰", "达到峰值", "清零",
    "全覆盖", "应替尽替", "全面执行", "零填埋", "全部", "验收",     "创建",
    "成立",   "组建",     "上线",     "满足"};
/* An end state that can be checked, whatever manner words surround it. */
static const char *const FIRM_END[] = {
    "全部完成", "全面完成", "全覆盖",   "验收",     "全部达到", "全部实现",
    "满足全市", "应替尽替", "清零",     "形成一套", "建立一套", "出台一套",
    "制定一套", "基本淘汰", "全面淘汰", "全部淘汰"};
/* Trend and manner words: a direction, not a deliverable one can check. */
static const char *const TREND[] = {
    "持续",     "稳步",     "不断", "逐步",   "进一步",   "明显",   "显著",
    "大幅",     "有效",     "加快", "积极",   "格局",     "成效",   "水平",
    "进展",     "前列",     "领先", "示范",   "巩固",     "优化",   "推广应用",
    "得到",     "提升",     "提高", "增强",   "加强",     "深入",   "推进",
    "推动",     "探索",     "鼓励", "支持",   "引导",     "落实",   "加大",
    "基本完善", "基本健全", "更加", "初见",   "迈上",     "取得",   "突破",
    "改善",     "转变",     "模式", "新台阶", "一批",     "新路",   "有序推进",
    "健全完善", "坚持",     "着力", "大力",   "基本形成", "协同度", "基本实现"};

/* A trend the text makes checkable with no number: 煤炭消费比重稳步下降,
 * 非化石能源消费比重持续提升. Only for a measured quantity (a share, a
 * rate, emissions, a consumption per unit), never for 水平 or 协同度, and
 * not when the text only says how much (大幅, 明显). */
static bool trend_target(const char *t, struct span c,
                         const struct grammar_context *ctx,
                         const struct clause_state *st, struct stated_list *out)
{
    static const char *const FALL[] = {"下降", "降低", "减少"};
    static const char *const RISE[] = {"提升", "提高", "上升", "增长"};
    static const char *const MANNER[] = {"持续", "稳步", "逐步", "不断"};
    static const char *const MEASURED[] = {"比重", "占比", "比例", "率",
                                           "煤耗", "能耗", "排放", "浓度"};
    static const char *const VAGUE[] = {"大幅", "明显", "显著",  "进一步",
                                        "有效", "水平", "协同度"};
    size_t a = skip_connectors(t, c.a, c.b), e = c.b;
    if (!st->year || e - a < 12)
        return false;
    bool fall = false, rise = false;
    for (size_t k = 0; k < COUNT(FALL) && !fall; k++)
        fall = e - a > strlen(FALL[k]) &&
               memcmp(t + e - strlen(FALL[k]), FALL[k], strlen(FALL[k])) == 0;
    for (size_t k = 0; k < COUNT(RISE) && !rise && !fall; k++)
        rise = e - a > strlen(RISE[k]) &&
               memcmp(t + e - strlen(RISE[k]), RISE[k], strlen(RISE[k])) == 0;
    if (!fall && !rise)
        return false;
    size_t ind_end = e - 6;
    for (size_t k = 0; k < COUNT(MANNER); k++)
        if (ind_end - a > 6 && memcmp(t + ind_end - 6, MANNER[k], 6) == 0) {
            ind_end -= 6;
            break;
        }
    char ind[256];
    indicator_of(t, a, ind_end, ctx, ind, sizeof ind);
    size_t il = strlen(ind);
    if (!il || chars(ind, 0, il) > 24 ||
        !contains_any(ind, 0, il, MEASURED, COUNT(MEASURED)) ||
        contains_any(t, a, e, VAGUE, COUNT(VAGUE)))
        return false;
    struct stated s = {0};
    s.q_from = a;
    s.q_to = e;
    s.cmp = fall ? CMP_FALL : CMP_RISE;
    s.year = st->year;
    s.year_stated = st->year_stated;
    snprintf(s.year_from, sizeof s.year_from, "%s", st->year_from);
    snprintf(s.indicator, sizeof s.indicator, "%s", ind);
    /* the unit the indicator is measured in, where it is a standard one */
    if (contains_any(ind, 0, il,
                     (const char *const[]){"比重", "占比", "比例", "率"}, 4))
        strcpy(s.unit, "%");
    else if (strstr(ind, "煤耗"))
        strcpy(s.unit, "克标准煤/千瓦时");
    else if (strstr(ind, "浓度"))
        strcpy(s.unit, "微克/立方米");
    else if (strstr(ind, "单位") && strstr(ind, "二氧化碳"))
        strcpy(s.unit, "吨/万元");
    else if (strstr(ind, "单位") && strstr(ind, "能耗"))
        strcpy(s.unit, "吨标准煤/万元");
    push(out, &s);
    return true;
}

static void done_targets(const char *t, struct span c,
                         const struct grammar_context *ctx,
                         const struct clause_state *st, struct stated_list *out)
{
    size_t a = skip_connectors(t, c.a, c.b);
    if (!st->year || chars(t, a, c.b) < 4)
        return;
    /* 为实现碳达峰目标奠定基础: a purpose, not a target */
    if (grammar_starts(t + a, c.b - a, "为"))
        return;
    bool deferred = contains_any(t, a, c.b, DEFERRED, COUNT(DEFERRED));
    bool peak = contains(t, a, c.b, "达峰") || contains(t, a, c.b, "峰值");
    bool firm = contains_any(t, a, c.b, FIRM_END, COUNT(FIRM_END));
    if (!deferred && !peak && !firm) {
        if (!contains_any(t, a, c.b, DELIVER, COUNT(DELIVER)))
            return;
        if (contains_any(t, a, c.b, TREND, COUNT(TREND)))
            return;
    }
    /* a clause that only introduces others ("主要目标是：") */
    if (chars(t, a, c.b) > 60)
        return;
    struct stated s = {0};
    s.q_from = a;
    s.q_to = c.b;
    s.cmp = CMP_DONE;
    s.deferred = deferred;
    s.striving = contains_any(t, a, c.b, STRIVING_WORDS, COUNT(STRIVING_WORDS));
    s.year = st->year;
    s.year_stated = st->year_stated;
    snprintf(s.year_from, sizeof s.year_from, "%s", st->year_from);
    char ind[256];
    size_t end = c.b;
    if (deferred) {
        /* the indicators named before the deferral */
        static const char *const CUT[] = {"目标均", "均达到", "均完成",
                                          "达到",   "完成",   "目标"};
        for (size_t i = a; i < c.b; i += cp_len(t, i, c.b))
            if (word_at(t, i, c.b, CUT, COUNT(CUT), NULL)) {
                end = i;
                break;
            }
    }
    indicator_of(t, a, end, ctx, ind, sizeof ind);
    char items[8][256];
    /* "…四项主要污染物": the enumeration is one indicator */
    static const char *const SUMMED[] = {"项", "类", "等", "累计", "总量"};
    size_t ni =
        deferred && !contains_any(ind, 0, strlen(ind), SUMMED, COUNT(SUMMED))
            ? split_items(ind, items, 8)
            : 0;
    if (deferred && !ni &&
        !contains_any(ind, 0, strlen(ind), SUMMED, COUNT(SUMMED)))
        ni = split_and(ind, items, false);
    if (ni > 1) {
        for (size_t q = 0; q < ni; q++) {
            snprintf(s.indicator, sizeof s.indicator, "%s", items[q]);
            s.split = true;
            push(out, &s);
            if (st->year2) {
                struct stated s2 = s;
                s2.year = st->year2;
                push(out, &s2);
            }
        }
        return;
    }
    snprintf(s.indicator, sizeof s.indicator, "%s", *ind ? ind : "");
    if (!deferred || !*s.indicator)
        indicator_of(t, a, c.b, ctx, s.indicator, sizeof s.indicator);
    push(out, &s);
    if (st->year2) {
        s.year = st->year2;
        push(out, &s);
    }
}

/* ---- a sentence ---- */

void grammar_sentence(const char *t, size_t from, size_t to,
                      const struct grammar_context *ctx,
                      struct stated_list *out)
{
    struct span cl[64];
    size_t n = clauses(t, from, to, cl, 64);
    struct clause_state st = {0};
    if (ctx->para_year) {
        st.year = ctx->para_year;
        snprintf(st.year_from, sizeof st.year_from, "paragraph");
    }
    for (size_t k = 0; k < n; k++) {
        struct span c = cl[k];
        /* years and baselines stated in the clause date it and what follows */
        for (size_t i = c.a; i < c.b;) {
            int y, y2;
            size_t l = grammar_year_at(t, i, c.b, ctx, &y, &y2);
            if (l) {
                st.year = y;
                st.year2 = y2;
                st.year_stated = true;
                copy_text(st.year_from, sizeof st.year_from, t, i, i + l);
                i += l;
                continue;
            }
            int b;
            if ((l = baseline_at(t, i, c.b, &b))) {
                st.baseline = b;
                i += l;
                continue;
            }
            if (grammar_starts(t + i, c.b - i, "当年"))
                st.this_year = true;
            i += cp_len(t, i, c.b);
        }
        if (st.year && !st.year_stated && ctx->para_year)
            st.year_stated = true; /* the paragraph opens with its year */
        bool found = false;
        struct clause_state local = st;
        if (!local.year) {
            local.year_stated = false;
            snprintf(local.year_from, sizeof local.year_from, "context");
        }
        numeric_targets(t, c, ctx, &local, out, &found);
        if (local.baseline)
            st.baseline = local.baseline;
        st.carry = found;
        if (!found && !trend_target(t, c, ctx, &st, out))
            done_targets(t, c, ctx, &st, out);
    }
}
