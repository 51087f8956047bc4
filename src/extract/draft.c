/* A draft plan from a cleaned text: the document's structure (headings,
 * paragraphs, sentences) walked once, each sentence given to the grammar
 * and each task's responsibility note to the agencies; then the headline
 * targets joined to the tasks that restate them, what the text leaves
 * unsaid inferred and marked, and the result written as a plan file. */
#include "plantrack/extract/draft.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "plantrack/extract/clean.h"
#include "plantrack/extract/grammar.h"
#include "plantrack/i18n.h"
#include "plantrack/output.h"
#include "plantrack/text.h"
#include "plantrack/ydoc.h"

#define COUNT(a) (sizeof(a) / sizeof *(a))

/* Copy src into dst (cap bytes), cut at a character boundary. */
static void put(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    memmove(dst, src, n);
    dst[n] = '\0';
}

/* ---- the model ---- */

struct xtarget *xplan_add_target(struct xplan *p)
{
    if (p->n_targets == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 32;
        struct xtarget *v = realloc(p->targets, cap * sizeof *v);
        if (!v)
            return NULL;
        p->targets = v;
        p->cap = cap;
    }
    struct xtarget *t = &p->targets[p->n_targets++];
    memset(t, 0, sizeof *t);
    return t;
}

void xplan_remove_target(struct xplan *p, size_t i)
{
    if (i >= p->n_targets)
        return;
    free(p->targets[i].quote);
    memmove(&p->targets[i], &p->targets[i + 1],
            (p->n_targets - i - 1) * sizeof *p->targets);
    p->n_targets--;
}

void xplan_free(struct xplan *p)
{
    for (size_t i = 0; i < p->n_targets; i++)
        free(p->targets[i].quote);
    free(p->targets);
    free(p->agencies);
    memset(p, 0, sizeof *p);
}

size_t extract_quote_offset(const char *text, const char *quote)
{
    const char *at = quote && *quote ? strstr(text, quote) : NULL;
    if (!at)
        return (size_t)-1;
    size_t n = 0;
    for (const char *s = text; s < at; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* ---- text helpers ---- */

static bool has(const char *s, size_t a, size_t b, const char *w)
{
    size_t k = strlen(w);
    for (size_t i = a; i + k <= b; i++)
        if (memcmp(s + i, w, k) == 0)
            return true;
    return false;
}

static size_t find(const char *s, size_t a, size_t b, const char *w)
{
    size_t k = strlen(w);
    for (size_t i = a; i + k <= b; i++)
        if (memcmp(s + i, w, k) == 0)
            return i;
    return (size_t)-1;
}

static void copy(char *dst, size_t cap, const char *s, size_t a, size_t b)
{
    size_t n = b > a ? b - a : 0;
    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)s[a + n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(dst, s + a, n);
    dst[n] = '\0';
}

static size_t cplen(const char *s, size_t i, size_t n)
{
    uint32_t cp;
    return text_decode(s + i, n - i, &cp);
}

/* Character bigrams shared by two texts (Dice): how alike two indicators
 * are. */
static double likeness(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), na = 0, nb = 0, common = 0;
    uint32_t A[256], B[256];
    for (size_t i = 0; i < la && na < 256;) {
        i += text_decode(a + i, la - i, &A[na]);
        na++;
    }
    for (size_t i = 0; i < lb && nb < 256;) {
        i += text_decode(b + i, lb - i, &B[nb]);
        nb++;
    }
    if (na < 2 || nb < 2)
        return 0;
    bool used[256] = {false};
    for (size_t i = 0; i + 1 < na; i++)
        for (size_t j = 0; j + 1 < nb; j++)
            if (!used[j] && A[i] == B[j] && A[i + 1] == B[j + 1]) {
                used[j] = true;
                common++;
                break;
            }
    return 2.0 * (double)common / (double)(na - 1 + nb - 1);
}

/* ---- document structure ---- */

static const char HAN_NUMS[] = "一二三四五六七八九十";

static bool han_num(uint32_t c)
{
    size_t n = strlen(HAN_NUMS);
    for (size_t k = 0; k < n;) {
        uint32_t x;
        k += text_decode(HAN_NUMS + k, n - k, &x);
        if (x == c)
            return true;
    }
    return false;
}

struct sections {
    char l1[16], l2[16], l3[8], box[16], item[8];
    bool headline;
};

static void section_text(const struct sections *s, char *out, size_t cap)
{
    if (s->box[0])
        snprintf(out, cap, "%s%s%s%s", s->box, s->item[0] ? "(" : "", s->item,
                 s->item[0] ? ")" : "");
    else if (s->l2[0])
        snprintf(out, cap, "%s(%s)%s", s->l1, s->l2, s->l3);
    else
        snprintf(out, cap, "%s%s", s->l1, s->l3);
}

/* Read the heading that opens line[a, b) into s; returns where the text
 * after the heading mark starts. */
static size_t heading(const char *t, size_t a, size_t b, struct sections *s)
{
    size_t i = a;
    uint32_t c;
    size_t l;
    /* 一、 */
    while (i < b && (l = text_decode(t + i, b - i, &c)) && han_num(c))
        i += l;
    if (i > a && grammar_starts(t + i, b - i, "、")) {
        copy(s->l1, sizeof s->l1, t, a, i);
        s->l2[0] = s->l3[0] = s->box[0] = s->item[0] = '\0';
        size_t e = i + 3;
        s->headline = has(t, e, b < e + 40 ? b : e + 40, "目标") ||
                      has(t, e, b < e + 40 ? b : e + 40, "总体要求");
        return e;
    }
    /* （一） or （1） */
    if (grammar_starts(t + a, b - a, "（")) {
        i = a + 3;
        bool han = false, dig = false;
        while (i < b) {
            l = text_decode(t + i, b - i, &c);
            if (han_num(c))
                han = true;
            else if (c >= '0' && c <= '9')
                dig = true;
            else
                break;
            i += l;
        }
        if ((han || dig) && grammar_starts(t + i, b - i, "）") && i - a < 20) {
            char num[16];
            copy(num, sizeof num, t, a + 3, i);
            if (han) {
                put(s->l2, sizeof s->l2, num);
                s->l3[0] = s->box[0] = s->item[0] = '\0';
                size_t e = i + 3;
                size_t he = b < e + 30 ? b : e + 30;
                /* a part's targets are headline ones under 主要目标 only */
                s->headline = has(t, e, he, "目标");
            } else if (s->box[0]) {
                put(s->item, sizeof s->item, num);
            } else {
                return a; /* a numbered point inside a task */
            }
            return i + 3;
        }
    }
    /* 1. */
    i = a;
    while (i < b && t[i] >= '0' && t[i] <= '9' && i - a < 3)
        i++;
    if (i > a && i < b &&
        (t[i] == '.' || grammar_starts(t + i, b - i, "．") ||
         grammar_starts(t + i, b - i, "、"))) {
        copy(s->l3, sizeof s->l3, t, a, i);
        s->box[0] = s->item[0] = '\0';
        return i + (t[i] == '.' ? 1 : 3);
    }
    /* 专栏2 */
    if (grammar_starts(t + a, b - a, "专栏")) {
        i = a + 6;
        while (i < b && t[i] >= '0' && t[i] <= '9')
            i++;
        copy(s->box, sizeof s->box, t, a, i);
        s->item[0] = '\0';
        return i;
    }
    return a;
}

void extract_section_at(const char *t, size_t len, size_t at, char *out,
                        size_t cap)
{
    struct sections sec = {0};
    for (size_t a = 0; a < len && a <= at;) {
        size_t b = a;
        while (b < len && t[b] != '\n')
            b++;
        heading(t, a, b, &sec);
        a = b + 1;
    }
    section_text(&sec, out, cap);
    if (!out[0])
        put(out, cap, sec.l1[0] ? sec.l1 : "一");
}

/* ---- metadata ---- */

struct meta {
    char title[256], issuer[256], document[96], issued[16];
    bool standing_draft;
    int period_start, period_end;
    bool pilot;
};

static bool title_words(const char *t, size_t a, size_t b)
{
    static const char *const ENDS[] = {"方案", "规划", "计划", "意见"};
    for (size_t k = 0; k < COUNT(ENDS); k++) {
        size_t l = strlen(ENDS[k]);
        if (b - a >= l && memcmp(t + b - l, ENDS[k], l) == 0)
            return true;
    }
    return false;
}

static void read_meta(const char *t, size_t len, struct meta *m)
{
    memset(m, 0, sizeof *m);
    size_t line = 0, first_heading = len;
    size_t f = find(t, 0, len, "\n一、");
    if (f != (size_t)-1)
        first_heading = f;
    char issuers[256] = "";
    for (size_t a = 0; a < first_heading;) {
        size_t b = a;
        while (b < len && t[b] != '\n')
            b++;
        size_t n = b - a;
        /* 关于印发《X》的通知 names the plan and, before it, the issuer */
        size_t about = find(t, a, b, "关于印发");
        /* not the documents a preamble cites (根据…关于印发〈X〉的通知…) */
        if (about != (size_t)-1 &&
            (has(t, a, about, "，") || has(t, a, about, "根据") ||
             has(t, a, about, "（")))
            about = (size_t)-1;
        size_t draft_mark = find(t, a, b, "（征求意见稿）");
        if (draft_mark != (size_t)-1 && !m->title[0] &&
            title_words(t, a, draft_mark) && !has(t, a, draft_mark, "，")) {
            /* a draft's title, the text run into it in PDF text */
            copy(m->title, sizeof m->title, t, a, draft_mark);
        } else if (about != (size_t)-1 && !m->title[0]) {
            if (about > a && !issuers[0])
                copy(issuers, sizeof issuers, t, a, about);
            size_t o = find(t, about, b, "《"), c = find(t, about, b, "》");
            size_t e = find(t, about, b, "的通知");
            if (o != (size_t)-1 && c != (size_t)-1 && c > o)
                copy(m->title, sizeof m->title, t, o + 3, c);
            else if (e != (size_t)-1)
                copy(m->title, sizeof m->title, t, about + 12, e);
        } else if (n > 6 && n < 240 && !has(t, a, b, "，") &&
                   title_words(t, a, b) &&
                   (!m->title[0] ||
                    (strlen(m->title) < n && has(t, a, b, m->title)))) {
            /* the plan's own title line, fuller than the notice's words
             * for it (鄂尔多斯市 + 减污降碳…方案) */
            copy(m->title, sizeof m->title, t, a, b);
        } else if (!m->title[0] && has(t, a, b, "方案（征求意见稿）")) {
            size_t e = find(t, a, b, "（征求意见稿）");
            copy(m->title, sizeof m->title, t, a, e);
        }
        /* issuers on their own lines above the notice */
        if (about == (size_t)-1 && !m->title[0] && n > 6 && n < 60 &&
            !has(t, a, b, "，") &&
            (grammar_starts(t + b - 6, 6, "政府") ||
             grammar_starts(t + b - 9, 9, "委员会") ||
             grammar_starts(t + b - 9, 9, "办公室"))) {
            size_t k = strlen(issuers);
            snprintf(issuers + k, sizeof issuers - k, "%s%.*s", k ? "、" : "",
                     (int)n, t + a);
        }
        /* 鄂府发〔2024〕59号 */
        size_t br = find(t, a, b, "〔");
        if (br != (size_t)-1 && !m->document[0] && n < 40 &&
            has(t, br, b, "号") && !has(t, a, b, "，")) {
            size_t e = find(t, br, b, "号");
            copy(m->document, sizeof m->document, t, a, e + 3);
        }
        /* 2024年8月4日 on a line of its own: the date the notice was signed */
        int y, mo, d;
        if (!m->issued[0] && n < 24 &&
            sscanf(t + a, "%4d年%d月%d日", &y, &mo, &d) == 3 && y > 2000 &&
            date_valid(y, mo, d))
            snprintf(m->issued, sizeof m->issued, "%04d-%02d-%02d", y, mo, d);
        if (has(t, a, b, "征求意见稿"))
            m->standing_draft = true;
        a = b + 1;
        line++;
    }
    put(m->issuer, sizeof m->issuer, issuers);
    /* a draft names no date: the year of the newest document it cites */
    if (!m->issued[0]) {
        int newest = 0;
        for (size_t i = 0; i + 7 < len; i++)
            if (grammar_starts(t + i, len - i, "〔")) {
                int y = atoi(t + i + 3);
                if (y > newest && y <= 2100)
                    newest = y;
            }
        if (newest)
            snprintf(m->issued, sizeof m->issued, "%d", newest);
    }
    m->period_start = atoi(m->issued);
    /* the title's own period: 2024—2026年 */
    const char *dash = strstr(m->title, "—");
    if (dash && dash - m->title >= 4) {
        int a = atoi(dash - 4), b = atoi(dash + 3);
        if (a > 2000 && b >= a) {
            m->period_start = a;
            m->period_end = b;
        }
    }
    m->pilot = strstr(m->title, "试点") != NULL;
    char *draft = strstr(m->title, "（征求意见稿）");
    if (draft) {
        *draft = '\0';
        m->standing_draft = true;
    }
}

/* ---- domains ---- */

static const struct {
    const char *domain;
    const char *words[24];
} DOMAIN_WORDS[] = {
    {"environment",
     {"PM2.5",    "浓度",   "空气",       "水质",         "断面",
      "氮氧化物", "VOCs",   "NOx",        "挥发性有机物", "二氧化硫",
      "SO2",      "颗粒物", "化学需氧量", "氨氮",         "污染物",
      "超低排放", "烟尘",   "耕地",       "危废",         "清新园区",
      "零直排",   "污水",   "环保设施",   "减排量"}},
    {"agriculture",
     {"畜禽", "秸秆", "化肥", "农药", "农作物", "地膜", "测土配方", "粪污",
      "农业", "农村"}},
    {"transport",
     {"车", "船", "港口", "岸电", "铁路", "公路", "运输", "交通", "出行",
      "公交", "物流", "周转量", "航道"}},
    {"buildings",
     {"建筑", "取暖", "供暖", "供热", "建材", "海绵城市", "路灯", "热损失",
      "管网", "住宅", "公共机构"}},
    {"ecology",
     {"森林", "林", "湿地", "生态修复", "矿山", "沙", "石漠化", "水土流失",
      "绿地", "绿化", "碳汇", "草原", "水生态", "河湖", "蓄积量", "修复",
      "见绿", "水下森林", "水美"}},
    {"resources",
     {"固废", "固体废物", "利用率", "再生水", "用水", "垃圾", "循环",
      "资源产出率", "废钢", "煤矸石", "气化渣", "污泥", "节水", "中水", "回用",
      "无废", "非常规水", "填埋"}},
    {"energy",
     {"能源", "电", "煤", "装机", "光伏", "风电", "氢", "能耗", "油品",
      "天然气", "燃煤", "储能", "碳排放", "二氧化碳", "达峰"}},
    {"innovation",
     {"技术", "科技", "高新", "创新", "研发", "专利", "新兴产业"}},
    {"industry",
     {"工业", "行业", "产能", "企业", "产业", "能效", "制造", "园区"}},
};

static const char *domain_of(const char *indicator)
{
    for (size_t d = 0; d < COUNT(DOMAIN_WORDS); d++)
        for (size_t k = 0; k < 24 && DOMAIN_WORDS[d].words[k]; k++)
            if (strstr(indicator, DOMAIN_WORDS[d].words[k]))
                return DOMAIN_WORDS[d].domain;
    return "governance";
}

/* ---- the walk ---- */

struct walker {
    const char *t;
    size_t len;
    struct xplan *p;
    struct meta meta;
    struct grammar_context ctx;
    struct agency_register reg;
    char standing[4][AGENCY_NAME_MAX];
    size_t n_standing;
    /* targets stated since the last responsibility note */
    size_t waiting_from;
    struct sections waiting_sec;
    struct responsibility last;
    bool have_last;
    /* a responsibility table: which cell of a row says what, from its
     * header row (-1: no such column) */
    struct {
        bool on;
        int task, lead, support, due;
    } table;
};

static void append_note(struct xtarget *x, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void append_note(struct xtarget *x, const char *fmt, ...)
{
    size_t k = strlen(x->note);
    if (k && k + 2 < sizeof x->note) {
        strcpy(x->note + k, "; ");
        k += 2;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(x->note + k, sizeof x->note - k, fmt, ap);
    va_end(ap);
}

static void give_agencies(struct walker *w, struct xtarget *x,
                          const struct responsibility *r)
{
    put(x->lead, sizeof x->lead, r->lead);
    x->lead_stated = true;
    x->n_support = 0;
    for (size_t i = 0; i < r->n_support && x->n_support < AGENCY_MAX_SUPPORT;
         i++)
        put(x->support[x->n_support++], AGENCY_NAME_MAX, r->support[i]);
    for (size_t i = 0; i < w->n_standing && x->n_support < AGENCY_MAX_SUPPORT;
         i++) {
        bool dup = strcmp(w->standing[i], x->lead) == 0;
        for (size_t k = 0; k < x->n_support; k++)
            dup |= strcmp(x->support[k], w->standing[i]) == 0;
        if (!dup)
            put(x->support[x->n_support++], AGENCY_NAME_MAX, w->standing[i]);
    }
}

static bool same_task(const struct sections *a, const struct sections *b)
{
    return strcmp(a->l1, b->l1) == 0 && strcmp(a->l2, b->l2) == 0 &&
           strcmp(a->l3, b->l3) == 0;
}

static void add_stated(struct walker *w, const struct stated *s,
                       const struct sections *sec)
{
    struct xtarget *x = xplan_add_target(w->p);
    if (!x)
        return;
    section_text(sec, x->section[0], sizeof x->section[0]);
    if (!x->section[0][0])
        put(x->section[0], sizeof x->section[0], sec->l1[0] ? sec->l1 : "一");
    x->n_sections = 1;
    put(x->indicator, sizeof x->indicator, s->indicator);
    text_trim(x->indicator);
    x->year = s->year;
    x->year_stated = s->year_stated;
    put(x->year_from, sizeof x->year_from, s->year_from);
    x->cmp = s->cmp;
    x->has_value = s->has_value;
    x->value = s->value;
    put(x->unit, sizeof x->unit, s->unit);
    x->baseline_year = s->baseline_year;
    x->baseline_stated = s->baseline_stated;
    x->striving = s->striving;
    x->deferred = s->deferred;
    x->approximate = s->approximate;
    x->quote = strndup(w->t + s->q_from, s->q_to - s->q_from);
    x->headline = sec->headline;
    x->at = s->q_from;
    /* how sure: what the text states, less what was read from context */
    double c = x->cmp == CMP_DONE ? (x->deferred ? 0.75 : 0.6) : 0.9;
    if (!x->year_stated)
        c -= 0.25;
    if (s->bare)
        c -= 0.1;
    if (s->split)
        c -= 0.1;
    if (x->approximate)
        c -= 0.05;
    if (x->has_value && !x->unit[0])
        c -= 0.3;
    if (comparator_relative(x->cmp) && !x->baseline_stated)
        c -= 0.1;
    x->confidence = c;
    if (!x->indicator[0])
        put(x->indicator, sizeof x->indicator, x->quote);
}

/* A paragraph: its responsibility note, its sentences. */
static void paragraph(struct walker *w, size_t a, size_t b,
                      const struct sections *sec)
{
    const char *t = w->t;
    struct responsibility r;
    bool note = agencies_responsibility(t, a, b, &r);
    size_t body_end = note ? r.from : b;
    if (note) {
        agencies_note(&w->reg, r.lead);
        for (size_t i = 0; i < r.n_support; i++)
            agencies_note(&w->reg, r.support[i]);
        for (size_t i = 0; i < r.n_standing && w->n_standing < 4; i++) {
            agencies_note(&w->reg, r.standing[i]);
            put(w->standing[w->n_standing++], AGENCY_NAME_MAX, r.standing[i]);
        }
    }
    /* the paragraph's own year: 到2025年，… / 2025年，… / "十四五"期间，… */
    struct grammar_context ctx = w->ctx;
    ctx.headline = sec->headline;
    int y, y2;
    size_t k = grammar_year_at(t, a, body_end, &ctx, &y, &y2);
    ctx.para_year = 0;
    if (k && (a + k >= body_end ||
              grammar_starts(t + a + k, body_end - a - k, "，")))
        ctx.para_year = y;
    /* "主要目标到2025年，…": a heading's title run into its paragraph */
    for (size_t i = a; !ctx.para_year && i < body_end && i < a + 13 * 3;
         i += cplen(t, i, body_end)) {
        uint32_t c;
        text_decode(t + i, body_end - i, &c);
        if (!clean_is_han(c))
            break;
        k = grammar_year_at(t, i, body_end, &ctx, &y, &y2);
        if (k && i > a && grammar_starts(t + i, body_end - i, "到") &&
            grammar_starts(t + i + k, body_end - i - k, "，"))
            ctx.para_year = y;
    }
    /* the results of "经过三年试点建设" date the whole main-goals paragraph */
    if (!ctx.para_year && sec->headline)
        ctx.para_year = grammar_span_year(t, a, body_end, &ctx);
    /* sentences */
    size_t s = a;
    int depth = 0;
    for (size_t i = a; i <= body_end;) {
        uint32_t c = 0;
        size_t l = i < body_end ? text_decode(t + i, body_end - i, &c) : 1;
        if (c == 0xFF08 || c == 0x201C)
            depth++;
        else if ((c == 0xFF09 || c == 0x201D) && depth)
            depth--;
        bool end = i == body_end ||
                   (depth == 0 && (c == 0x3002 || c == 0xFF01 || c == 0xFF1F));
        if (end && i > s) {
            struct stated_list out = {0};
            grammar_sentence(t, s, i, &ctx, &out);
            for (size_t q = 0; q < out.n; q++)
                add_stated(w, &out.v[q], sec);
            free(out.v);
        }
        if (end)
            s = i + l;
        i += l;
    }
    /* the note belongs to the targets of its task stated so far */
    if (note) {
        for (size_t q = w->waiting_from; q < w->p->n_targets; q++)
            give_agencies(w, &w->p->targets[q], &r);
        w->waiting_from = w->p->n_targets;
        w->last = r;
        w->have_last = true;
    } else if (!same_task(sec, &w->waiting_sec) && !sec->box[0]) {
        w->waiting_from = w->p->n_targets;
    }
    if (sec->box[0] && w->have_last) {
        /* a box names no agency: its items take the task's */
        for (size_t q = w->waiting_from; q < w->p->n_targets; q++)
            if (!w->p->targets[q].lead[0]) {
                give_agencies(w, &w->p->targets[q], &w->last);
                w->p->targets[q].lead_stated = false;
                append_note(&w->p->targets[q],
                            "lead from the task the box belongs to");
            }
        w->waiting_from = w->p->n_targets;
    }
    w->waiting_sec = *sec;
}

/* ---- responsibility tables ---- */

#define MAX_CELLS 12

/* The cells of a table row (see keep_table_rows in clean.c): t[a, b)
 * split at ｜ into from/to pairs. */
static int cells_of(const char *t, size_t a, size_t b, size_t from[],
                    size_t to[])
{
    int n = 0;
    size_t s = a;
    for (size_t i = a; i <= b && n < MAX_CELLS;) {
        if (i == b || grammar_starts(t + i, b - i, "｜")) {
            from[n] = s;
            to[n++] = i;
            s = i + 3;
            i += i == b ? 1 : 3;
        } else {
            i++;
        }
    }
    return n;
}

static bool cell_has(const char *t, size_t a, size_t b,
                     const char *const *words, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (has(t, a, b, words[k]))
            return true;
    return false;
}

/* A header row names the columns: 重点任务 ｜ 牵头单位 ｜ 配合单位 ｜ 完成时限.
 */
static bool table_header(struct walker *w, size_t a, size_t b)
{
    static const char *const LEAD[] = {"牵头单位", "责任单位", "牵头部门",
                                       "责任部门", "主责单位"};
    static const char *const SUPPORT[] = {"配合单位", "配合部门", "参与单位",
                                          "协办单位"};
    static const char *const DUE[] = {"完成时限", "完成时间", "时间节点",
                                      "时限", "进度安排"};
    static const char *const TASK[] = {"任务", "内容", "目标",
                                       "事项", "措施", "指标"};
    size_t f[MAX_CELLS], e[MAX_CELLS];
    int n = cells_of(w->t, a, b, f, e);
    int task = -1, lead = -1, support = -1, due = -1;
    for (int i = 0; i < n; i++) {
        if (e[i] - f[i] > 30)
            return false; /* a header's cells are names of columns */
        if (lead < 0 && cell_has(w->t, f[i], e[i], LEAD, COUNT(LEAD)))
            lead = i;
        else if (support < 0 &&
                 cell_has(w->t, f[i], e[i], SUPPORT, COUNT(SUPPORT)))
            support = i;
        else if (due < 0 && cell_has(w->t, f[i], e[i], DUE, COUNT(DUE)))
            due = i;
        else if (task < 0 && cell_has(w->t, f[i], e[i], TASK, COUNT(TASK)))
            task = i;
    }
    if (lead < 0 || task < 0)
        return false;
    w->table.on = true;
    w->table.task = task;
    w->table.lead = lead;
    w->table.support = support;
    w->table.due = due;
    return true;
}

static void paragraph(struct walker *w, size_t a, size_t b,
                      const struct sections *sec);

/* A row of the table: the task cell drafted as a paragraph, its targets
 * given the row's agencies and, when the task names no year, its due
 * date. */
static void table_row(struct walker *w, size_t a, size_t b,
                      const struct sections *sec)
{
    size_t f[MAX_CELLS], e[MAX_CELLS];
    int n = cells_of(w->t, a, b, f, e);
    if (n <= w->table.task || n <= w->table.lead)
        return;
    size_t first = w->p->n_targets;
    w->waiting_from = first;
    paragraph(w, f[w->table.task], e[w->table.task], sec);
    struct responsibility r;
    bool named = agencies_cell(w->t, f[w->table.lead], e[w->table.lead], &r);
    if (named && w->table.support >= 0 && n > w->table.support) {
        struct responsibility s;
        if (agencies_cell(w->t, f[w->table.support], e[w->table.support], &s)) {
            if (s.lead[0] && r.n_support < AGENCY_MAX_SUPPORT)
                put(r.support[r.n_support++], AGENCY_NAME_MAX, s.lead);
            for (size_t i = 0;
                 i < s.n_support && r.n_support < AGENCY_MAX_SUPPORT; i++)
                put(r.support[r.n_support++], AGENCY_NAME_MAX, s.support[i]);
        }
    }
    if (named) {
        agencies_note(&w->reg, r.lead);
        for (size_t i = 0; i < r.n_support; i++)
            agencies_note(&w->reg, r.support[i]);
    }
    /* the due date: the first year in its cell (2025年底前, 2025年12月) */
    int due = 0;
    if (w->table.due >= 0 && n > w->table.due) {
        for (size_t i = f[w->table.due]; i + 4 < e[w->table.due] && !due; i++)
            if (isdigit((unsigned char)w->t[i]) &&
                (i == f[w->table.due] ||
                 !isdigit((unsigned char)w->t[i - 1])) &&
                grammar_starts(w->t + i + 4, e[w->table.due] - i - 4, "年")) {
                int y = atoi(w->t + i);
                if (y >= 2000 && y <= 2100)
                    due = y;
            }
    }
    for (size_t q = first; q < w->p->n_targets; q++) {
        struct xtarget *x = &w->p->targets[q];
        if (named)
            give_agencies(w, x, &r);
        if (due && !x->year_stated) {
            x->year = due;
            x->year_stated = true;
            put(x->year_from, sizeof x->year_from, "the table's due date");
            x->confidence += 0.25;
        }
    }
    w->waiting_from = w->p->n_targets;
}

/* Years that close a plan's milestones, read before the walk: the plan's
 * period and the year undated numbers belong to. */
static void milestones(struct walker *w)
{
    const char *t = w->t;
    int lo = 0, hi = 0, near = 0;
    struct sections sec = {0};
    for (size_t a = 0; a < w->len;) {
        size_t b = a;
        while (b < w->len && t[b] != '\n')
            b++;
        heading(t, a, b, &sec);
        for (size_t i = a; i < b;) {
            int y, y2;
            size_t k = grammar_year_at(t, i, b, &w->ctx, &y, &y2);
            if (k) {
                int top = y2 > y ? y2 : y;
                if (y >= w->meta.period_start || !w->meta.period_start) {
                    lo = lo && lo < y ? lo : y;
                    hi = hi > top ? hi : top;
                    if (sec.headline && (!near || y < near))
                        near = y;
                }
                i += k;
            } else {
                i += cplen(t, i, b);
            }
        }
        a = b + 1;
    }
    if (!w->meta.period_start)
        w->meta.period_start = lo ? lo : 2020;
    if (!w->meta.period_end)
        w->meta.period_end =
            hi > w->meta.period_start ? hi : w->meta.period_start;
    /* a pilot's tasks serve its whole span; a plan of 十四五 targets is
     * measured at its nearest milestone */
    w->ctx.default_year = w->meta.pilot || !near ? w->meta.period_end : near;
}

static bool numeric_equal(const struct xtarget *a, const struct xtarget *b)
{
    if (a->has_value != b->has_value || a->cmp == CMP_DONE ||
        b->cmp == CMP_DONE)
        return false;
    return fabs(a->value - b->value) < 1e-9 && strcmp(a->unit, b->unit) == 0;
}

static void add_section(struct xtarget *x, const char *s)
{
    for (size_t i = 0; i < x->n_sections; i++)
        if (strcmp(x->section[i], s) == 0)
            return;
    if (x->n_sections < XT_MAX_SECTIONS)
        put(x->section[x->n_sections++], sizeof x->section[0], s);
}

/* A headline target that a task restates (or that the headline repeats)
 * is one target: the task's agencies, both sections. */
static void merge_restated(struct xplan *p)
{
    for (size_t i = 0; i < p->n_targets; i++) {
        struct xtarget *h = &p->targets[i];
        for (size_t j = i + 1; j < p->n_targets; j++) {
            struct xtarget *o = &p->targets[j];
            /* one statement that gives several years or indicators */
            if (o->at == h->at || !h->headline)
                continue;
            /* an undated task restating a dated headline is that target */
            bool years = o->year == h->year ||
                         (!o->headline && !o->year_stated && h->year_stated);
            if (!years || (o->cmp == CMP_DONE) != (h->cmp == CMP_DONE))
                continue;
            double like = likeness(h->indicator, o->indicator);
            bool same = h->cmp == CMP_DONE
                            ? like >= 0.6 && h->deferred == o->deferred
                            : numeric_equal(h, o) && like >= 0.3;
            if (!same)
                continue;
            if (!o->headline) {
                for (size_t k = 0; k < o->n_sections; k++)
                    add_section(h, o->section[k]);
                if (o->lead[0]) {
                    put(h->lead, sizeof h->lead, o->lead);
                    h->lead_stated = o->lead_stated;
                    h->n_support = o->n_support;
                    memcpy(h->support, o->support, sizeof h->support);
                }
            }
            if (o->confidence > h->confidence)
                h->confidence = o->confidence;
            xplan_remove_target(p, j);
            j--;
        }
    }
}

/* Targets whose text names no lead: the task closest in subject, else
 * the plan's leading group, else the department that leads such plans. */
static void infer_leads(struct walker *w)
{
    char group[AGENCY_NAME_MAX] = "";
    bool have_group = agencies_leading_group(w->t, w->len, group, sizeof group);
    for (size_t i = 0; i < w->p->n_targets; i++) {
        struct xtarget *x = &w->p->targets[i];
        if (x->lead[0])
            continue;
        double best = 0.34;
        const struct xtarget *near = NULL;
        for (size_t j = 0; j < w->p->n_targets; j++) {
            const struct xtarget *o = &w->p->targets[j];
            if (!o->lead_stated || o == x)
                continue;
            double l = likeness(x->indicator, o->indicator);
            if (l > best) {
                best = l;
                near = o;
            }
        }
        x->lead_stated = false;
        x->confidence -= 0.15;
        if (near) {
            put(x->lead, sizeof x->lead, near->lead);
            append_note(x,
                        "lead inferred: the text names none; %s leads the "
                        "task closest in subject (%s)",
                        near->lead, near->section[0]);
        } else if (have_group) {
            put(x->lead, sizeof x->lead, group);
            append_note(x,
                        "lead inferred: the text names none; the plan's "
                        "%s leads its work",
                        group);
        } else {
            const char *dept = NULL;
            for (size_t k = 0; k < w->reg.n_names && !dept; k++)
                if (strstr(w->reg.names[k],
                           strstr(w->p->title, "碳达峰") ? "发展" : "生态环境"))
                    dept = w->reg.names[k];
            if (!dept && w->reg.n_names)
                dept = w->reg.names[0];
            if (!dept)
                dept = w->p->issuer;
            put(x->lead, sizeof x->lead, dept);
            append_note(x,
                        "lead inferred: the text names none; %s is the "
                        "department that leads such plans",
                        dept);
        }
        agencies_note(&w->reg, x->lead);
    }
}

static void finish_targets(struct walker *w)
{
    struct xplan *p = w->p;
    /* what falls outside the plan's years cannot be a milestone of it */
    for (size_t i = 0; i < p->n_targets; i++) {
        struct xtarget *x = &p->targets[i];
        if (x->year < p->period_start || x->year > p->period_end || !x->quote ||
            !*x->quote) {
            xplan_remove_target(p, i--);
            continue;
        }
        if (comparator_relative(x->cmp) && x->baseline_year >= x->year)
            x->baseline_year = x->year - 1;
    }
    merge_restated(p);
    infer_leads(w);
    agencies_build(&w->reg);
    /* ids, domains, offsets and the notes that say what was inferred */
    for (size_t i = 0; i < p->n_targets; i++) {
        struct xtarget *x = &p->targets[i];
        long a = agencies_find(&w->reg, x->lead);
        if (a >= 0)
            w->reg.v[a].used = true;
        for (size_t k = 0; k < x->n_support; k++)
            if ((a = agencies_find(&w->reg, x->support[k])) >= 0)
                w->reg.v[a].used = true;
        put(x->domain, sizeof x->domain, domain_of(x->indicator));
        int n = 1;
        for (size_t j = 0; j < i; j++)
            n += strcmp(p->targets[j].domain, x->domain) == 0 &&
                 p->targets[j].year == x->year;
        snprintf(x->id, sizeof x->id, "%s-%d-%d", x->domain, x->year, n);
        x->offset = extract_quote_offset(w->t, x->quote);
        if (!x->year_stated)
            append_note(x, "year from context: %s",
                        x->year_from[0] && strcmp(x->year_from, "context")
                            ? x->year_from
                            : (w->meta.pilot ? "the end of the pilot period"
                                             : "the plan's nearest milestone"));
        if (comparator_relative(x->cmp) && !x->baseline_stated)
            append_note(x, "baseline %d inferred: the text names none",
                        x->baseline_year);
        if (x->approximate)
            append_note(x, "approximate: the text says about (约/左右) or "
                           "gives a range");
        if (x->confidence < 0.1)
            x->confidence = 0.1;
        if (x->confidence > 0.99)
            x->confidence = 0.99;
        char head[96];
        snprintf(head, sizeof head, "extract: confidence %.2f%s", x->confidence,
                 x->note[0] ? "; " : "");
        size_t hl = strlen(head), nl = strlen(x->note);
        if (hl + nl < sizeof x->note) {
            memmove(x->note + hl, x->note, nl + 1);
            memcpy(x->note, head, hl);
        }
    }
    p->agencies = calloc(w->reg.n ? w->reg.n : 1, sizeof *p->agencies);
    for (size_t j = 0; p->agencies && j < w->reg.n; j++)
        p->agencies[p->n_agencies++] = w->reg.v[j];
}

static void short_name(const char *title, char *out, size_t cap)
{
    static const char *const ENDS[] = {"市", "区", "县", "州", "旗", "盟"};
    size_t n = strlen(title), best = 0;
    for (size_t i = 0; i < n && i < 30; i += cplen(title, i, n))
        for (size_t k = 0; k < COUNT(ENDS); k++)
            if (grammar_starts(title + i, n - i, ENDS[k]) && i >= 6) {
                best = i;
                i = n;
                break;
            }
    copy(out, cap, title, 0, best ? best : (n < 12 ? n : 12));
}

int extract_run(const char *text, size_t len, const char *id,
                const char *source, struct xplan *out, struct pt_error *err)
{
    memset(out, 0, sizeof *out);
    if (!len)
        return pt_fail(err, PT_EUSER, "%s", _("the text is empty"));
    struct walker w = {.t = text, .len = len, .p = out};
    read_meta(text, len, &w.meta);
    put(out->id, sizeof out->id, id);
    put(out->title, sizeof out->title, w.meta.title[0] ? w.meta.title : id);
    short_name(out->title, out->short_name, sizeof out->short_name);
    put(out->document, sizeof out->document, w.meta.document);
    put(out->source, sizeof out->source, source ? source : "");
    out->standing_draft = w.meta.standing_draft;
    w.ctx.period_start = w.meta.period_start;
    milestones(&w);
    if (w.meta.pilot && w.meta.period_end < w.meta.period_start + 2) {
        /* "经过三年试点建设" */
        struct grammar_context c = w.ctx;
        for (size_t i = 0; i < len; i++) {
            int y, y2;
            if (grammar_starts(text + i, len - i, "三年") &&
                grammar_year_at(text, i >= 6 ? i - 6 : i, len, &c, &y, &y2) &&
                y > w.meta.period_end) {
                w.meta.period_end = y;
                break;
            }
        }
        w.ctx.default_year = w.meta.period_end;
    }
    w.ctx.period_start = w.meta.period_start;
    out->period_start = w.meta.period_start;
    out->period_end = w.meta.period_end;
    put(out->issued, sizeof out->issued, w.meta.issued[0] ? w.meta.issued : "");
    if (!out->issued[0])
        snprintf(out->issued, sizeof out->issued, "%d", out->period_start);
    /* the walk */
    struct sections sec = {0};
    for (size_t a = 0; a < len;) {
        size_t b = a;
        while (b < len && text[b] != '\n')
            b++;
        if (has(text, a, b, "｜")) {
            /* a table: its header names the columns, its rows the tasks */
            if (!table_header(&w, a, b) && w.table.on)
                table_row(&w, a, b, &sec);
            a = b + 1;
            continue;
        }
        w.table.on = false;
        size_t body = heading(text, a, b, &sec);
        if (b > body)
            paragraph(&w, body, b, &sec);
        a = b + 1;
    }
    if (w.meta.issuer[0])
        put(out->issuer, sizeof out->issuer, w.meta.issuer);
    else {
        /* the text names none: the government of the place in the title */
        char place[64];
        short_name(out->title, place, sizeof place);
        size_t pl = strlen(place);
        snprintf(
            out->issuer, sizeof out->issuer, "%s%s人民政府", place,
            pl && grammar_starts(out->title + pl, strlen(out->title) - pl, "市")
                ? "市"
                : "");
    }
    finish_targets(&w);
    agencies_free(&w.reg);
    if (!out->n_agencies) {
        /* a plan file declares at least one agency */
        free(out->agencies);
        out->agencies = calloc(1, sizeof *out->agencies);
        if (out->agencies) {
            snprintf(out->agencies[0].id, sizeof out->agencies[0].id, "issuer");
            put(out->agencies[0].name, sizeof out->agencies[0].name,
                out->issuer);
            out->n_agencies = 1;
        }
    }
    snprintf(out->header, sizeof out->header,
             "Draft of %s, made by plantrack extract from %s.\n"
             "Every target below is a draft until reviewed (plantrack "
             "review): its note\nstarts with \"extract:\" and says how sure "
             "the extractor is and what it\ninferred.%s%s%s",
             out->title, out->source[0] ? out->source : "the text",
             w.meta.issuer[0] ? "" : "\nThe text names no issuer: ",
             w.meta.issuer[0] ? "" : out->issuer,
             w.meta.issuer[0] ? "" : " is a guess.");
    return 0;
}

/* ---- YAML out ---- */

struct emit {
    yaml_emitter_t e;
    bool failed;
};

static void ev_scalar(struct emit *m, const char *s, bool plain)
{
    yaml_event_t ev;
    if (m->failed)
        return;
    yaml_scalar_event_initialize(
        &ev, NULL, NULL, (yaml_char_t *)s, (int)strlen(s), plain, !plain,
        plain ? YAML_PLAIN_SCALAR_STYLE : YAML_ANY_SCALAR_STYLE);
    if (!yaml_emitter_emit(&m->e, &ev))
        m->failed = true;
}

static void ev_text(struct emit *m, const char *s)
{
    /* texts that YAML would read as something else are quoted */
    bool special = !*s || strcmp(s, "true") == 0 || strcmp(s, "false") == 0 ||
                   strcmp(s, "null") == 0 || strcmp(s, "~") == 0 ||
                   strspn(s, "0123456789.-+eE") == strlen(s);
    yaml_event_t ev;
    if (m->failed)
        return;
    yaml_scalar_event_initialize(
        &ev, NULL, NULL, (yaml_char_t *)s, (int)strlen(s), !special, 1,
        special ? YAML_DOUBLE_QUOTED_SCALAR_STYLE : YAML_ANY_SCALAR_STYLE);
    if (!yaml_emitter_emit(&m->e, &ev))
        m->failed = true;
}

static void ev_kv(struct emit *m, const char *k, const char *v)
{
    ev_scalar(m, k, true);
    ev_text(m, v);
}

static void ev_kn(struct emit *m, const char *k, double v)
{
    char buf[64];
    text_format_number(v, buf, sizeof buf);
    ev_scalar(m, k, true);
    ev_scalar(m, buf, true);
}

static void ev_start(struct emit *m, bool seq, bool flow)
{
    yaml_event_t ev;
    if (m->failed)
        return;
    if (seq)
        yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
                                             flow ? YAML_FLOW_SEQUENCE_STYLE
                                                  : YAML_BLOCK_SEQUENCE_STYLE);
    else
        yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
                                            YAML_BLOCK_MAPPING_STYLE);
    if (!yaml_emitter_emit(&m->e, &ev))
        m->failed = true;
}

static void ev_end(struct emit *m, bool seq)
{
    yaml_event_t ev;
    if (m->failed)
        return;
    if (seq)
        yaml_sequence_end_event_initialize(&ev);
    else
        yaml_mapping_end_event_initialize(&ev);
    if (!yaml_emitter_emit(&m->e, &ev))
        m->failed = true;
}

static int write_handler(void *data, unsigned char *buf, size_t size)
{
    return fwrite(buf, 1, size, (FILE *)data) == size;
}

static void emit_target(struct emit *m, const struct xplan *p,
                        const struct xtarget *x)
{
    (void)p;
    char num[16];
    ev_start(m, false, false);
    ev_kv(m, "id", x->id);
    ev_scalar(m, "section", true);
    if (x->n_sections == 1) {
        ev_text(m, x->section[0]);
    } else {
        ev_start(m, true, true);
        for (size_t i = 0; i < x->n_sections; i++)
            ev_text(m, x->section[i]);
        ev_end(m, true);
    }
    ev_kv(m, "domain", x->domain);
    ev_kv(m, "indicator", x->indicator);
    snprintf(num, sizeof num, "%d", x->year);
    ev_scalar(m, "year", true);
    ev_scalar(m, num, true);
    ev_kv(m, "comparator", comparator_name(x->cmp));
    if (x->has_value && x->cmp != CMP_DONE && !comparator_trend(x->cmp)) {
        ev_kn(m, "value", x->value);
        ev_kv(m, "unit", x->unit[0] ? x->unit : "?");
    } else if (comparator_trend(x->cmp) && x->unit[0]) {
        ev_kv(m, "unit", x->unit);
    }
    if (x->baseline_year && x->cmp != CMP_DONE) {
        snprintf(num, sizeof num, "%d", x->baseline_year);
        ev_scalar(m, "baseline", true);
        ev_scalar(m, num, true);
    }
    ev_kv(m, "lead", x->lead);
    if (x->n_support) {
        ev_scalar(m, "support", true);
        ev_start(m, true, true);
        for (size_t i = 0; i < x->n_support; i++)
            ev_text(m, x->support[i]);
        ev_end(m, true);
    }
    /* what the text does not state, marked as plantrack-plans(5) says */
    if (!x->lead_stated) {
        ev_scalar(m, "lead_stated", true);
        ev_scalar(m, "false", true);
    }
    if (!x->year_stated) {
        ev_scalar(m, "year_stated", true);
        ev_scalar(m, "false", true);
    }
    if (x->approximate && x->has_value && comparator_numeric(x->cmp) &&
        !comparator_trend(x->cmp)) {
        ev_scalar(m, "approximate", true);
        ev_scalar(m, "true", true);
    }
    if (x->striving)
        ev_kv(m, "firmness", "striving");
    if (x->deferred) {
        ev_scalar(m, "deferred", true);
        ev_scalar(m, "true", true);
    }
    ev_kv(m, "quote", x->quote ? x->quote : "");
    if (x->note[0])
        ev_kv(m, "note", x->note);
    ev_end(m, false);
}

int extract_write_yaml(const struct xplan *p, FILE *out, struct pt_error *err)
{
    /* the header comment, which libyaml's emitter cannot write */
    const char *h = p->header;
    while (*h) {
        const char *e = strchr(h, '\n');
        size_t n = e ? (size_t)(e - h) : strlen(h);
        fprintf(out, "#%s%.*s\n", n ? " " : "", (int)n, h);
        h += n + (e ? 1 : 0);
    }
    struct emit m = {0};
    if (!yaml_emitter_initialize(&m.e))
        return pt_fail(err, PT_EENV, "%s", _("out of memory"));
    yaml_emitter_set_output(&m.e, write_handler, out);
    yaml_emitter_set_unicode(&m.e, 1);
    yaml_emitter_set_width(&m.e, -1);
    yaml_emitter_set_indent(&m.e, 2);
    yaml_event_t ev;
    yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
    m.failed = !yaml_emitter_emit(&m.e, &ev);
    yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
    m.failed = m.failed || !yaml_emitter_emit(&m.e, &ev);
    ev_start(&m, false, false);
    ev_kv(&m, "id", p->id);
    ev_kv(&m, "title", p->title);
    if (p->short_name[0])
        ev_kv(&m, "short", p->short_name);
    ev_kv(&m, "issuer", p->issuer);
    if (p->document[0])
        ev_kv(&m, "document", p->document);
    ev_scalar(&m, "issued", true);
    ev_text(&m, p->issued);
    ev_kv(&m, "standing", p->standing_draft ? "draft" : "issued");
    char period[32];
    snprintf(period, sizeof period, "%d-%d", p->period_start, p->period_end);
    ev_kv(&m, "period", period);
    if (p->source[0])
        ev_kv(&m, "source", p->source);
    ev_scalar(&m, "agencies", true);
    ev_start(&m, true, false);
    for (size_t i = 0; i < p->n_agencies; i++) {
        const struct agency_entry *a = &p->agencies[i];
        ev_start(&m, false, false);
        ev_kv(&m, "id", a->id);
        ev_kv(&m, "name", a->name);
        if (a->n_aliases) {
            ev_scalar(&m, "aliases", true);
            ev_start(&m, true, true);
            for (size_t k = 0; k < a->n_aliases; k++)
                ev_text(&m, a->aliases[k]);
            ev_end(&m, true);
        }
        ev_end(&m, false);
    }
    ev_end(&m, true);
    ev_scalar(&m, "targets", true);
    ev_start(&m, true, false);
    for (size_t i = 0; i < p->n_targets; i++)
        if (p->targets[i].review != XR_REJECTED)
            emit_target(&m, p, &p->targets[i]);
    ev_end(&m, true);
    ev_end(&m, false);
    yaml_document_end_event_initialize(&ev, 1);
    m.failed = m.failed || !yaml_emitter_emit(&m.e, &ev);
    yaml_stream_end_event_initialize(&ev);
    m.failed = m.failed || !yaml_emitter_emit(&m.e, &ev);
    bool failed = m.failed;
    const char *problem = m.e.problem;
    yaml_emitter_delete(&m.e);
    if (failed)
        return pt_fail(err, PT_EENV, _("cannot write the plan: %s"),
                       problem ? problem : _("write error"));
    return 0;
}

/* ---- JSON out ---- */

void extract_write_json(const struct xplan *p, FILE *out)
{
    fputs("[", out);
    bool first = true;
    for (size_t i = 0; i < p->n_targets; i++) {
        const struct xtarget *x = &p->targets[i];
        if (x->review == XR_REJECTED)
            continue;
        fputs(first ? "\n  {" : ",\n  {", out);
        first = false;
        fputs("\"plan\": ", out);
        json_string(out, p->id);
        fputs(", \"id\": ", out);
        json_string(out, x->id);
        fprintf(out, ", \"year\": %d, \"indicator\": ", x->year);
        json_string(out, x->indicator);
        fputs(", \"comparator\": ", out);
        json_string(out, comparator_name(x->cmp));
        fputs(", \"value\": ", out);
        if (x->has_value && x->cmp != CMP_DONE)
            json_number(out, x->value);
        else
            fputs("null", out);
        fputs(", \"unit\": ", out);
        if (x->unit[0] && x->cmp != CMP_DONE)
            json_string(out, x->unit);
        else
            fputs("null", out);
        fputs(", \"baseline_year\": ", out);
        if (x->baseline_year && x->cmp != CMP_DONE)
            fprintf(out, "%d", x->baseline_year);
        else
            fputs("null", out);
        fputs(", \"lead\": ", out);
        json_string(out, x->lead);
        fputs(", \"support\": [", out);
        for (size_t k = 0; k < x->n_support; k++) {
            if (k)
                fputs(", ", out);
            json_string(out, x->support[k]);
        }
        fputs("], \"section\": [", out);
        for (size_t k = 0; k < x->n_sections; k++) {
            if (k)
                fputs(", ", out);
            json_string(out, x->section[k]);
        }
        fputs("], \"domain\": ", out);
        json_string(out, x->domain);
        fprintf(out,
                ", \"firmness\": \"%s\", \"deferred\": %s, \"approximate\": "
                "%s, \"lead_stated\": %s, \"year_stated\": %s, \"quote\": ",
                x->striving ? "striving" : "firm",
                x->deferred ? "true" : "false",
                x->approximate ? "true" : "false",
                x->lead_stated ? "true" : "false",
                x->year_stated ? "true" : "false");
        json_string(out, x->quote ? x->quote : "");
        if (x->offset == (size_t)-1)
            fputs(", \"offset\": null", out);
        else
            fprintf(out, ", \"offset\": %zu", x->offset);
        fprintf(out, ", \"confidence\": %.2f, \"note\": ", x->confidence);
        json_string(out, x->note);
        fputs("}", out);
    }
    fputs(first ? "]\n" : "\n]\n", out);
}

/* ---- YAML in (for review) ---- */

static void get_text(const struct ynode *map, const char *key, char *out,
                     size_t cap)
{
    const struct ynode *v = ydoc_get(map, key);
    if (v && v->kind == YNODE_SCALAR)
        put(out, cap, v->text);
    else if (cap)
        out[0] = '\0';
}

static size_t get_texts(const struct ynode *map, const char *key,
                        char (*out)[AGENCY_NAME_MAX], size_t max)
{
    const struct ynode *v = ydoc_get(map, key);
    if (!v)
        return 0;
    if (v->kind == YNODE_SCALAR) {
        put(out[0], AGENCY_NAME_MAX, v->text);
        return 1;
    }
    size_t n = 0;
    for (size_t i = 0; v->kind == YNODE_SEQ && i < v->n && n < max; i++)
        if (v->items[i]->kind == YNODE_SCALAR)
            put(out[n++], AGENCY_NAME_MAX, v->items[i]->text);
    return n;
}

static void read_header(const char *buf, size_t len, char *out, size_t cap)
{
    size_t k = 0;
    out[0] = '\0';
    for (size_t a = 0; a < len && buf[a] == '#';) {
        size_t b = a;
        while (b < len && buf[b] != '\n')
            b++;
        size_t s = a + 1 + (a + 1 < b && buf[a + 1] == ' ');
        int n = snprintf(out + k, cap - k, "%s%.*s", k ? "\n" : "",
                         (int)(b - s), buf + s);
        if (n < 0 || (size_t)n >= cap - k)
            break;
        k += (size_t)n;
        a = b + 1;
    }
}

int extract_read_yaml(const char *buf, size_t len, struct xplan *out,
                      struct pt_error *err)
{
    memset(out, 0, sizeof *out);
    struct ydoc doc;
    char msg[512];
    if (ydoc_parse(buf, len, &doc, msg, sizeof msg) < 0)
        return pt_fail(err, PT_EUSER, "%s", msg);
    const struct ynode *root = doc.root;
    if (root->kind != YNODE_MAP) {
        ydoc_free(&doc);
        return pt_fail(err, PT_EUSER, "%s",
                       _("not a plan file: a plan is a mapping of keys"));
    }
    read_header(buf, len, out->header, sizeof out->header);
    get_text(root, "id", out->id, sizeof out->id);
    get_text(root, "title", out->title, sizeof out->title);
    get_text(root, "short", out->short_name, sizeof out->short_name);
    get_text(root, "issuer", out->issuer, sizeof out->issuer);
    get_text(root, "document", out->document, sizeof out->document);
    get_text(root, "issued", out->issued, sizeof out->issued);
    get_text(root, "source", out->source, sizeof out->source);
    char s[32];
    get_text(root, "standing", s, sizeof s);
    out->standing_draft = strcmp(s, "draft") == 0;
    get_text(root, "period", s, sizeof s);
    sscanf(s, "%d-%d", &out->period_start, &out->period_end);
    const struct ynode *ag = ydoc_get(root, "agencies");
    if (ag && ag->kind == YNODE_SEQ) {
        out->agencies = calloc(ag->n ? ag->n : 1, sizeof *out->agencies);
        for (size_t i = 0; out->agencies && i < ag->n; i++) {
            const struct ynode *m = ag->items[i];
            if (m->kind != YNODE_MAP)
                continue;
            struct agency_entry *a = &out->agencies[out->n_agencies++];
            get_text(m, "id", a->id, sizeof a->id);
            get_text(m, "name", a->name, sizeof a->name);
            a->n_aliases = get_texts(m, "aliases", a->aliases, 8);
        }
    }
    const struct ynode *tg = ydoc_get(root, "targets");
    for (size_t i = 0; tg && tg->kind == YNODE_SEQ && i < tg->n; i++) {
        const struct ynode *m = tg->items[i];
        if (m->kind != YNODE_MAP)
            continue;
        struct xtarget *x = xplan_add_target(out);
        if (!x)
            break;
        get_text(m, "id", x->id, sizeof x->id);
        char secs[XT_MAX_SECTIONS][AGENCY_NAME_MAX];
        x->n_sections = get_texts(m, "section", secs, XT_MAX_SECTIONS);
        for (size_t k = 0; k < x->n_sections; k++)
            put(x->section[k], sizeof x->section[k], secs[k]);
        get_text(m, "domain", x->domain, sizeof x->domain);
        get_text(m, "indicator", x->indicator, sizeof x->indicator);
        get_text(m, "year", s, sizeof s);
        x->year = atoi(s);
        get_text(m, "comparator", s, sizeof s);
        x->cmp = CMP_GE;
        for (int c = CMP_GE; c <= CMP_RISE; c++)
            if (strcmp(s, comparator_name((enum comparator)c)) == 0)
                x->cmp = (enum comparator)c;
        get_text(m, "value", s, sizeof s);
        x->has_value = s[0] != '\0';
        x->value = atof(s);
        get_text(m, "unit", x->unit, sizeof x->unit);
        const struct ynode *bl = ydoc_get(m, "baseline");
        if (bl && bl->kind == YNODE_SCALAR)
            x->baseline_year = atoi(bl->text);
        else if (bl && bl->kind == YNODE_MAP) {
            get_text(bl, "year", s, sizeof s);
            x->baseline_year = atoi(s);
        }
        x->baseline_stated = true;
        get_text(m, "lead", x->lead, sizeof x->lead);
        x->n_support = get_texts(m, "support", x->support, AGENCY_MAX_SUPPORT);
        get_text(m, "firmness", s, sizeof s);
        x->striving = strcmp(s, "striving") == 0;
        get_text(m, "deferred", s, sizeof s);
        x->deferred = strcmp(s, "true") == 0;
        char q[4096];
        get_text(m, "quote", q, sizeof q);
        x->quote = strdup(q);
        get_text(m, "note", x->note, sizeof x->note);
        /* a draft's note says how sure and what was inferred */
        x->review =
            strncmp(x->note, "extract:", 8) == 0 ? XR_PENDING : XR_ACCEPTED;
        const char *c = strstr(x->note, "confidence ");
        x->confidence = c ? atof(c + 11) : 1.0;
        get_text(m, "lead_stated", s, sizeof s);
        x->lead_stated = strcmp(s, "false") != 0;
        get_text(m, "year_stated", s, sizeof s);
        x->year_stated = strcmp(s, "false") != 0;
        get_text(m, "approximate", s, sizeof s);
        x->approximate = strcmp(s, "true") == 0;
        x->headline = false;
        x->offset = (size_t)-1;
    }
    ydoc_free(&doc);
    return 0;
}
