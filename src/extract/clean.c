/* Cleaning a collected plan text: pinyin inserted after characters,
 * traditional characters (OpenCC t2s), PDF wraps and page numbers, lost %
 * signs, half-width punctuation, and the web page around the document.
 * Nothing else is changed; every repair is noted. */
#include "plantrack/extract/clean.h"

#include <math.h>
#include <opencc/opencc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plantrack/i18n.h"
#include "plantrack/text.h"

/* ---- code points ---- */

bool clean_is_han(uint32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF);
}

static bool is_cjk_punct(uint32_t c)
{
    return (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF0F) ||
           (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) ||
           (c >= 0xFF5B && c <= 0xFF65) || (c >= 0x2018 && c <= 0x201F) ||
           c == 0x2014 || c == 0x2026 || c == 0x00B7;
}

bool clean_is_cjk(uint32_t c)
{
    return clean_is_han(c) || is_cjk_punct(c);
}

static bool is_digit(uint32_t c)
{
    return c >= '0' && c <= '9';
}

static bool is_latin(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Ends a sentence or a clause that a paragraph may end with. */
static bool is_final(uint32_t c)
{
    return c == 0x3002 || c == 0xFF1B || c == 0xFF01 || c == 0xFF1F ||
           c == ';' || c == '!' || c == '?';
}

/* A growable string of code points. */
struct u32 {
    uint32_t *v;
    size_t n, cap;
};

static int u32_push(struct u32 *s, uint32_t c)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 4096;
        uint32_t *v = realloc(s->v, cap * sizeof *v);
        if (!v)
            return -1;
        s->v = v;
        s->cap = cap;
    }
    s->v[s->n++] = c;
    return 0;
}

static int u32_from_utf8(struct u32 *s, const char *b, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint32_t c;
        i += text_decode(b + i, n - i, &c);
        if (u32_push(s, c) < 0)
            return -1;
    }
    return 0;
}

static size_t utf8_put(char *o, uint32_t c)
{
    if (c < 0x80) {
        o[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        o[0] = (char)(0xC0 | (c >> 6));
        o[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        o[0] = (char)(0xE0 | (c >> 12));
        o[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        o[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (c >> 18));
    o[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    o[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

static char *u32_to_utf8(const uint32_t *v, size_t n, size_t *len)
{
    char *o = malloc(n * 4 + 1);
    size_t k = 0;
    if (!o)
        return NULL;
    for (size_t i = 0; i < n; i++)
        k += utf8_put(o + k, v[i]);
    o[k] = '\0';
    if (len)
        *len = k;
    return o;
}

/* Whether v[i..] starts with the UTF-8 word w. */
static bool at(const uint32_t *v, size_t n, size_t i, const char *w)
{
    size_t k = 0, wl = strlen(w);
    while (k < wl) {
        uint32_t c;
        k += text_decode(w + k, wl - k, &c);
        if (i >= n || v[i] != c)
            return false;
        i++;
    }
    return true;
}

static size_t word_len(const char *w)
{
    size_t k = 0, n = 0, wl = strlen(w);
    while (k < wl) {
        uint32_t c;
        k += text_decode(w + k, wl - k, &c);
        n++;
    }
    return n;
}

/* ---- notes ---- */

struct cleaner {
    struct u32 s;
    struct clean_result *out;
};

static void note(struct cleaner *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void note(struct cleaner *c, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    char **v = realloc(c->out->notes, (c->out->n_notes + 1) * sizeof *v);
    if (!v)
        return;
    c->out->notes = v;
    v[c->out->n_notes] = strdup(buf);
    if (v[c->out->n_notes])
        c->out->n_notes++;
}

/* A short excerpt around v[i] for a note. */
static void excerpt(const struct u32 *s, size_t i, char *buf, size_t len)
{
    size_t a = i > 8 ? i - 8 : 0, b = i + 8 < s->n ? i + 8 : s->n;
    size_t k = 0;
    for (size_t j = a; j < b && k + 5 < len; j++) {
        uint32_t ch = s->v[j] == '\n' ? ' ' : s->v[j];
        k += utf8_put(buf + k, ch);
    }
    buf[k] = '\0';
}

/* ---- pinyin inserted after characters: 當(dāng)前 ---- */

/* The tone-marked vowels, mapped to their letter (ü as v). */
static uint32_t toneless(uint32_t c, bool *marked)
{
    static const struct {
        const char *from;
        char to;
    } T[] = {{"āáǎà", 'a'}, {"ēéěè", 'e'}, {"īíǐì", 'i'},
             {"ōóǒò", 'o'}, {"ūúǔù", 'u'}, {"ǖǘǚǜü", 'v'}};
    for (size_t i = 0; i < sizeof T / sizeof *T; i++) {
        const char *f = T[i].from;
        size_t n = strlen(f), k = 0;
        while (k < n) {
            uint32_t x;
            k += text_decode(f + k, n - k, &x);
            if (x == c) {
                *marked = x != 0xFC; /* a bare ü carries no tone */
                return (uint32_t)T[i].to;
            }
        }
    }
    return c;
}

/* Whether s (ASCII letters, ü as v) is a syllable of Hanyu Pinyin. */
static bool pinyin_syllable(const char *s)
{
    static const char *const INITIALS[] = {
        "zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g",
        "k",  "h",  "j",  "q", "x", "r", "z", "c", "s", "y", "w", ""};
    static const char *const FINALS[] = {
        "a",   "o",    "e",    "i",   "u",   "v",   "ai",  "ei",  "ui",
        "ao",  "ou",   "iu",   "ie",  "ve",  "ue",  "er",  "an",  "en",
        "in",  "un",   "vn",   "ang", "eng", "ing", "ong", "ia",  "iao",
        "ian", "iang", "iong", "ua",  "uo",  "uai", "uan", "uang"};
    for (size_t i = 0; i < sizeof INITIALS / sizeof *INITIALS; i++) {
        size_t il = strlen(INITIALS[i]);
        if (strncmp(s, INITIALS[i], il) != 0)
            continue;
        for (size_t j = 0; j < sizeof FINALS / sizeof *FINALS; j++)
            if (strcmp(s + il, FINALS[j]) == 0)
                return true;
    }
    return false;
}

/* The pinyin group opening at v[i] ('(' or '（'): its length, or 0. */
static size_t pinyin_group(const struct u32 *s, size_t i, bool *marked)
{
    const uint32_t *v = s->v;
    char syl[12];
    size_t k = 0, j = i + 1;
    *marked = false;
    if (!(v[i] == '(' || v[i] == 0xFF08) || i == 0 || !clean_is_han(v[i - 1]))
        return 0;
    for (; j < s->n && k + 1 < sizeof syl; j++) {
        bool m = false;
        uint32_t c = toneless(v[j], &m);
        if (c >= 'a' && c <= 'z') {
            syl[k++] = (char)c;
            *marked |= m;
        } else {
            break;
        }
    }
    syl[k] = '\0';
    if (j >= s->n || !(v[j] == ')' || v[j] == 0xFF09) || k == 0)
        return 0;
    return pinyin_syllable(syl) ? j - i + 1 : 0;
}

static void drop_pinyin(struct cleaner *c)
{
    struct u32 *s = &c->s;
    size_t marked_groups = 0;
    for (size_t i = 0; i < s->n; i++) {
        bool m;
        if (pinyin_group(s, i, &m) && m)
            marked_groups++;
    }
    /* Only a text that is full of tone-marked pinyin has it inserted: a
     * lone "(a)" after a character is the plan's own. */
    if (marked_groups < 5)
        return;
    size_t w = 0, removed = 0;
    for (size_t i = 0; i < s->n;) {
        bool m;
        size_t g = pinyin_group(s, i, &m);
        /* The group follows the character already kept. */
        if (g && w > 0 && clean_is_han(s->v[w - 1])) {
            i += g;
            removed++;
            continue;
        }
        s->v[w++] = s->v[i++];
    }
    s->n = w;
    note(c,
         _("removed %zu groups of pinyin inserted after characters "
           "(當(dāng)前 → 當前)"),
         removed);
}

/* ---- traditional to simplified ---- */

/* Characters OpenCC's t2s leaves as they are because they are also
 * simplified forms in some words, converted only in the words where they
 * are traditional. */
static const struct {
    const char *from, *to;
} VARIANTS[] = {
    {"堿", "碱"},     {"跟著", "跟着"}, {"隨著", "随着"}, {"接著", "接着"},
    {"本著", "本着"}, {"沿著", "沿着"}, {"朝著", "朝着"}, {"意味著", "意味着"},
    {"著力", "着力"}, {"著眼", "着眼"}, {"著手", "着手"}, {"顯著", "显著"},
};

static size_t count_han(const struct u32 *s)
{
    size_t n = 0;
    for (size_t i = 0; i < s->n; i++)
        n += clean_is_han(s->v[i]);
    return n;
}

static void replace_words(struct u32 *s, const char *from, const char *to)
{
    size_t fl = word_len(from);
    struct u32 t = {0};
    uint32_t tv[16];
    size_t tn = 0, k = 0, tl = strlen(to);
    while (k < tl && tn < 16) {
        k += text_decode(to + k, tl - k, &tv[tn]);
        tn++;
    }
    for (size_t i = 0; i < s->n;) {
        if (at(s->v, s->n, i, from)) {
            for (size_t j = 0; j < tn; j++)
                u32_push(&t, tv[j]);
            i += fl;
        } else {
            u32_push(&t, s->v[i++]);
        }
    }
    free(s->v);
    *s = t;
}

static int to_simplified(struct cleaner *c, struct pt_error *err)
{
    size_t len;
    char *utf8 = u32_to_utf8(c->s.v, c->s.n, &len);
    if (!utf8)
        return pt_fail(err, PT_EENV, "%s", _("out of memory"));
    opencc_t cc = opencc_open(OPENCC_DEFAULT_CONFIG_TRAD_TO_SIMP);
    if (cc == (opencc_t)-1) {
        free(utf8);
        return pt_fail(err, PT_EENV,
                       _("cannot open OpenCC's %s: %s (install "
                         "libopencc-data)"),
                       OPENCC_DEFAULT_CONFIG_TRAD_TO_SIMP, opencc_error());
    }
    char *simp = opencc_convert_utf8(cc, utf8, len);
    opencc_close(cc);
    free(utf8);
    if (!simp)
        return pt_fail(err, PT_EENV, _("OpenCC failed: %s"), opencc_error());
    struct u32 t = {0};
    u32_from_utf8(&t, simp, strlen(simp));
    opencc_convert_utf8_free(simp);
    /* A simplified text passes through t2s almost unchanged; a few words
     * it would still change (著 in 著作) are left alone then. */
    size_t changed = 0, han = count_han(&c->s);
    for (size_t i = 0; i < t.n && i < c->s.n; i++)
        changed += t.v[i] != c->s.v[i];
    if (t.n != c->s.n || changed * 100 < han) {
        free(t.v);
        return 0;
    }
    free(c->s.v);
    c->s = t;
    for (size_t i = 0; i < sizeof VARIANTS / sizeof *VARIANTS; i++)
        replace_words(&c->s, VARIANTS[i].from, VARIANTS[i].to);
    c->out->converted = true;
    note(c,
         _("converted %zu traditional characters to simplified (OpenCC "
           "t2s)"),
         changed);
    return 0;
}

/* ---- lines ---- */

/* Where a heading starts: 一、 （一） (一) 1. 1． 1、 （1） —— 专栏. */
static size_t heading_at(const uint32_t *v, size_t n, size_t i)
{
    static const char NUMS[] = "一二三四五六七八九十";
    size_t j = i;
    bool han_num = false;
    while (j < n && j - i < 4) {
        bool is_num = false;
        size_t k = 0, nl = strlen(NUMS);
        while (k < nl) {
            uint32_t x;
            k += text_decode(NUMS + k, nl - k, &x);
            if (x == v[j])
                is_num = true;
        }
        if (!is_num)
            break;
        han_num = true;
        j++;
    }
    if (han_num && j < n && v[j] == 0x3001) /* 一、 */
        return j + 1 - i;
    if (i < n && (v[i] == '(' || v[i] == 0xFF08)) {
        j = i + 1;
        size_t d = j;
        while (j < n && j - d < 4 && (is_digit(v[j]) || j == d || han_num)) {
            bool num = is_digit(v[j]);
            size_t k = 0, nl = strlen(NUMS);
            while (!num && k < nl) {
                uint32_t x;
                k += text_decode(NUMS + k, nl - k, &x);
                num = x == v[j];
            }
            if (!num)
                break;
            j++;
        }
        if (j > d && j < n && (v[j] == ')' || v[j] == 0xFF09))
            return j + 1 - i;
        return 0;
    }
    j = i;
    while (j < n && is_digit(v[j]) && j - i < 3)
        j++;
    if (j > i && j + 1 < n &&
        (v[j] == '.' || v[j] == 0xFF0E || v[j] == 0x3001) &&
        clean_is_han(v[j + 1]))
        return j + 1 - i;
    if (at(v, n, i, "——") || at(v, n, i, "专栏") || at(v, n, i, "專欄"))
        return 2;
    return 0;
}

/* PDF text breaks every line of the page with a space, inside words and
 * sentences, and sets numbers apart ("到 2025 年"); a web page that lost
 * its paragraphs has spaces too, but after a full stop or a title line. */
static bool looks_like_pdf(const struct u32 *s)
{
    size_t gaps = 0, near = 0, han = 0, spaced_numbers = 0;
    for (size_t i = 0; i < s->n; i++) {
        han += clean_is_han(s->v[i]);
        if (s->v[i] != ' ' || i == 0 || i + 1 >= s->n)
            continue;
        uint32_t a = s->v[i - 1], b = s->v[i + 1];
        if (clean_is_cjk(a) || clean_is_cjk(b) || a == ',' || a == ')')
            near++;
        if (clean_is_han(a) && clean_is_han(b))
            gaps++;
        if (clean_is_han(a) && is_digit(b)) {
            size_t j = i + 1;
            while (j < s->n && (is_digit(s->v[j]) || s->v[j] == '.'))
                j++;
            if (j + 1 < s->n && s->v[j] == ' ' && clean_is_han(s->v[j + 1]))
                spaced_numbers++;
        }
    }
    if (!han)
        return false;
    return spaced_numbers >= 3 || (gaps * 100 > han && gaps * 5 > near * 2);
}

/* A standalone number between spaces in Chinese text. */
static bool standalone_number(const struct u32 *s, size_t i, size_t *end,
                              long *value)
{
    const uint32_t *v = s->v;
    if (!is_digit(v[i]) || (i > 0 && v[i - 1] != ' ' && v[i - 1] != '\n'))
        return false;
    size_t j = i;
    long x = 0;
    while (j < s->n && is_digit(v[j]) && j - i < 4)
        x = x * 10 + (long)(v[j++] - '0');
    if (j >= s->n || v[j] != ' ')
        return false;
    /* Neighbours beyond the spaces: Chinese on both sides (or the start). */
    size_t a = i, b = j;
    while (a > 0 && v[a - 1] == ' ')
        a--;
    while (b < s->n && v[b] == ' ')
        b++;
    uint32_t l = a == 0 ? '\n' : v[a - 1], r = b < s->n ? v[b] : '\n';
    bool left = l == '\n' || clean_is_cjk(l) || l == ')' || l == ',';
    /* A page number stands inside a sentence, never before its end. */
    bool right = (clean_is_cjk(r) || is_digit(r)) && r != 0x3002 &&
                 r != 0xFF0C && r != 0xFF1B && r != 0x3001;
    /* 到 2025 年, 10 个 and 0.5 万吨 are numbers of the text. */
    if (!left || !right || at(v, s->n, b, "年") || at(v, s->n, b, "月") ||
        at(v, s->n, b, "个") || at(v, s->n, b, "万") || at(v, s->n, b, "亿"))
        return false;
    *end = j;
    *value = x;
    return true;
}

/* Page numbers that PDF text leaves inside sentences ("实现 2 环境效益"):
 * standalone numbers that count up page by page, about a page apart.
 * Removed only when at least three of them follow each other, so a lone
 * number is never taken; where two candidates could be the same page
 * (含量 6 条件 and 发展， 6 推动), the one a page's length after the page
 * before is. */
struct cand {
    size_t a, b;
    long x;
};

static void drop_page_numbers(struct cleaner *c)
{
    struct u32 *s = &c->s;
    struct cand *cs = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < s->n; i++) {
        size_t end;
        long x;
        if (!standalone_number(s, i, &end, &x))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            struct cand *v = realloc(cs, cap * sizeof *v);
            if (!v)
                break;
            cs = v;
        }
        cs[n++] = (struct cand){i, end, x};
        i = end;
    }
    /* The chain: first greedily, to learn the length of a page. */
    size_t *chain = calloc(n ? n : 1, sizeof *chain), m = 0;
    long expect = 1;
    for (size_t k = 0; chain && k < n; k++)
        if (cs[k].x == expect || (m > 0 && cs[k].x == expect + 1) ||
            (m == 0 && cs[k].x == 2)) {
            chain[m++] = k;
            expect = cs[k].x + 1;
        }
    if (m >= 3) {
        double page = (double)(cs[chain[m - 1]].a - cs[chain[0]].a) /
                      (double)(cs[chain[m - 1]].x - cs[chain[0]].x);
        /* Then each page number the one nearest a page after the last. */
        size_t prev = 0;
        for (size_t j = 0; j < m; j++) {
            size_t best = chain[j];
            size_t hi = j + 1 < m ? cs[chain[j + 1]].a : s->n;
            double want = j ? (double)cs[prev].a +
                                  page * (double)(cs[chain[j]].x - cs[prev].x)
                            : (double)cs[chain[j]].a;
            for (size_t k = j ? prev + 1 : 0; k < n && cs[k].a < hi; k++)
                if (cs[k].x == cs[chain[j]].x &&
                    fabs((double)cs[k].a - want) <
                        fabs((double)cs[best].a - want))
                    best = k;
            chain[j] = best;
            prev = best;
        }
        size_t w = 0, k = 0;
        for (size_t i = 0; i < s->n;) {
            if (k < m && i == cs[chain[k]].a) {
                i = cs[chain[k++]].b;
                continue;
            }
            s->v[w++] = s->v[i++];
        }
        s->n = w;
        note(c,
             _("removed %zu page numbers that the PDF text left inside "
               "sentences (pages %ld to %ld)"),
             m, cs[chain[0]].x, cs[chain[m - 1]].x);
    }
    free(chain);
    free(cs);
}

/* "1 附件" and "附件1" at the very top is the page header of an attachment. */
static void drop_page_header(struct cleaner *c)
{
    struct u32 *s = &c->s;
    for (size_t i = 0; i + 4 < s->n && i < 400; i++) {
        if (s->v[i] == '1' && s->v[i + 1] == ' ' &&
            at(s->v, s->n, i + 2, "附件") && (i == 0 || s->v[i - 1] == '\n')) {
            memmove(s->v + i, s->v + i + 4, (s->n - i - 4) * sizeof *s->v);
            s->n -= 4;
            note(c, "%s", _("removed the page header \"1 附件\""));
            return;
        }
    }
}

/* ---- tables ---- */

/* A table copied from a web page arrives as one line a row, its cells
 * separated by tabs (or by | in a text copy). Each row stays one line, its
 * cells separated by ｜, so the drafting can read a responsibility table
 * (任务 ｜ 牵头单位 ｜ 配合单位 ｜ 完成时限). */
static void keep_table_rows(struct cleaner *c)
{
    struct u32 *s = &c->s;
    size_t w = 0, rows = 0;
    for (size_t a = 0; a < s->n;) {
        size_t b = a;
        size_t tabs = 0, pipes = 0;
        while (b < s->n && s->v[b] != '\n') {
            tabs += s->v[b] == '\t';
            pipes += s->v[b] == '|' || s->v[b] == 0xFF5C;
            b++;
        }
        bool row = tabs >= 2 || pipes >= 2;
        uint32_t sep = tabs >= 2 ? '\t' : '|';
        size_t start = w;
        for (size_t i = a; i < b; i++) {
            uint32_t ch = s->v[i];
            if (row && (ch == sep || ch == 0xFF5C)) {
                while (i + 1 < b &&
                       (s->v[i + 1] == ' ' || s->v[i + 1] == 0x3000))
                    i++;
                while (w > start &&
                       (s->v[w - 1] == ' ' || s->v[w - 1] == 0x3000))
                    w--;
                /* an empty cell keeps its place; none at either end */
                if (w > start && i + 1 < b)
                    s->v[w++] = 0xFF5C;
                continue;
            }
            s->v[w++] = ch;
        }
        rows += row;
        if (b < s->n)
            s->v[w++] = '\n';
        a = b + 1;
    }
    s->n = w;
    if (rows)
        note(c,
             _("kept %zu rows of a table, one a line, their cells separated "
               "by ｜"),
             rows);
}

/* Spaces: PDF text breaks lines with them (joined again); a web page that
 * lost its paragraphs keeps them as the only sign of one (a new line). A
 * space before a heading or after a full stop always ends a paragraph. */
static void resolve_spaces(struct cleaner *c)
{
    struct u32 *s = &c->s;
    bool pdf = c->out->pdf;
    size_t w = 0, joined = 0, broken = 0;
    for (size_t i = 0; i < s->n; i++) {
        uint32_t ch = s->v[i];
        if (ch == '\t' || ch == 0x3000 || ch == 0xA0)
            ch = ' ';
        if (ch != ' ') {
            s->v[w++] = ch;
            continue;
        }
        size_t j = i;
        while (j < s->n && (s->v[j] == ' ' || s->v[j] == '\t' ||
                            s->v[j] == 0x3000 || s->v[j] == 0xA0))
            j++;
        uint32_t a = w > 0 ? s->v[w - 1] : '\n';
        uint32_t b = j < s->n ? s->v[j] : '\n';
        i = j - 1;
        if (a == '\n' || b == '\n')
            continue; /* spaces at either end of a line */
        /* ASCII ) , ; : after Chinese are Chinese punctuation not yet
         * made full-width. */
        bool cjk_a =
            clean_is_cjk(a) || a == ')' || a == ',' || a == ';' || a == ':';
        bool cjk_b = clean_is_cjk(b);
        if ((cjk_a || is_final(a)) && heading_at(s->v, s->n, j)) {
            s->v[w++] = '\n';
            broken++;
        } else if (is_final(a) && !pdf) {
            s->v[w++] = '\n';
            broken++;
        } else if (pdf && (cjk_a || cjk_b)) {
            joined++;
        } else if (!pdf && cjk_a && (cjk_b || is_digit(b))) {
            /* A web page's lost paragraph: Chinese, a space, Chinese. */
            s->v[w++] = '\n';
            broken++;
        } else {
            s->v[w++] = ' ';
        }
    }
    s->n = w;
    if (pdf && joined)
        note(c,
             _("joined %zu lines that the PDF text broke with a space inside "
               "sentences"),
             joined);
    if (broken)
        note(c,
             _("started a new paragraph at %zu spaces that stood for one "
               "(before a heading, after a full stop%s)"),
             broken, pdf ? "" : _(", between two lines of Chinese"));
}

/* ---- punctuation ---- */

static bool chinese_side(uint32_t c)
{
    return clean_is_cjk(c);
}

/* Half-width , : ; ? ! ( ) in Chinese text made full-width; 5,000 and
 * 10:30 and (a) in Latin text stay as they are. */
static void fullwidth_punctuation(struct cleaner *c)
{
    struct u32 *s = &c->s;
    size_t n = 0;
    size_t stack[64], depth = 0;
    for (size_t i = 0; i < s->n; i++) {
        uint32_t ch = s->v[i], a = i ? s->v[i - 1] : '\n',
                 b = i + 1 < s->n ? s->v[i + 1] : '\n';
        if (ch == '(') {
            if (depth < 64)
                stack[depth++] = i;
            continue;
        }
        if (ch == ')' && depth > 0) {
            size_t o = stack[--depth];
            bool han = false;
            for (size_t k = o + 1; k < i && !han; k++)
                han = clean_is_cjk(s->v[k]);
            uint32_t before = o ? s->v[o - 1] : '\n';
            if (han || chinese_side(before) || chinese_side(b)) {
                s->v[o] = 0xFF08;
                s->v[i] = 0xFF09;
                n += 2;
            }
            continue;
        }
        if (ch == '\n')
            depth = 0;
        bool zh = chinese_side(a) || chinese_side(b);
        bool between_digits = is_digit(a) && is_digit(b);
        uint32_t to = 0;
        if (ch == ',' && !between_digits && zh)
            to = 0xFF0C;
        else if (ch == ':' && !between_digits && zh)
            to = 0xFF1A;
        else if (ch == ';' && zh)
            to = 0xFF1B;
        else if (ch == '?' && zh)
            to = 0xFF1F;
        else if (ch == '!' && zh)
            to = 0xFF01;
        if (to) {
            s->v[i] = to;
            n++;
        }
    }
    if (n)
        note(c,
             _("wrote %zu half-width punctuation marks in Chinese text "
               "full-width (，：；（）)"),
             n);
}

/* "(1(" that PDF text makes of a box item's "（1）". */
static void repair_item_numbers(struct cleaner *c)
{
    struct u32 *s = &c->s;
    size_t n = 0;
    for (size_t i = 0; i + 3 < s->n; i++) {
        if (!(s->v[i] == '(' || s->v[i] == 0xFF08) || !is_digit(s->v[i + 1]))
            continue;
        size_t j = i + 1;
        while (j < s->n && is_digit(s->v[j]))
            j++;
        if (j + 1 < s->n && (s->v[j] == '(' || s->v[j] == 0xFF08) &&
            clean_is_han(s->v[j + 1])) {
            s->v[i] = 0xFF08;
            s->v[j] = 0xFF09;
            n++;
        }
    }
    if (n)
        note(c, _("repaired %zu item numbers \"(1(\" to \"（1）\""), n);
}

/* ---- lost % signs ---- */

/* Words after which a bare number is a rate: 降低18 is 18%. */
static const char *const RATE_VERBS[] = {
    "降低", "下降",   "提高",   "提升",   "增长",   "达到",
    "超过", "不低于", "不少于", "高于",   "低于",   "至",
    "到",   "为",     "达",     "稳定在", "保持在", "实现",
};
static const char *const RATE_NOUNS[] = {"率",   "比例", "比重", "占比",
                                         "降低", "下降", "降幅"};

static bool clause_has_rate(const struct u32 *s, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        for (size_t k = 0; k < sizeof RATE_NOUNS / sizeof *RATE_NOUNS; k++)
            if (at(s->v, s->n, i, RATE_NOUNS[k]))
                return true;
    return false;
}

/* "的公交车80以上采用…": a whole number up to 100 right after a noun and
 * right before 以上/以下 and a verb is a share of that noun; PDF text
 * loses the % glyph, never a unit written in characters (辆, 吨). */
static bool share_of_noun(const struct u32 *s, size_t a, size_t i)
{
    if (a < 1 || !clean_is_han(s->v[a - 1]) || i + 3 >= s->n ||
        !clean_is_han(s->v[i + 3]))
        return false;
    unsigned v = 0;
    for (size_t k = a; k <= i; k++) {
        if (!is_digit(s->v[k]))
            return false; /* 1.3以下 is a dimensionless figure */
        v = v * 10 + (s->v[k] - '0');
        if (v > 100)
            return false;
    }
    return v > 0 &&
           (at(s->v, s->n, i + 1, "以上") || at(s->v, s->n, i + 1, "以下"));
}

/* A number with no unit before a clause ends, right after a rate verb, in
 * a clause about a rate, lost its % sign (PDF text drops it). */
static void restore_percent(struct cleaner *c)
{
    struct u32 *s = &c->s;
    struct u32 t = {0};
    size_t n = 0, clause = 0;
    char ex[3][96] = {{0}};
    for (size_t i = 0; i < s->n; i++) {
        uint32_t ch = s->v[i];
        u32_push(&t, ch);
        if (ch == 0xFF0C || ch == 0x3002 || ch == 0xFF1B || ch == '\n')
            clause = i + 1;
        if (!is_digit(ch) ||
            (i + 1 < s->n && (is_digit(s->v[i + 1]) || s->v[i + 1] == '.')))
            continue;
        size_t a = i;
        while (a > 0 && (is_digit(s->v[a - 1]) || s->v[a - 1] == '.'))
            a--;
        uint32_t next = i + 1 < s->n ? s->v[i + 1] : '\n';
        if (!(next == 0xFF0C || next == 0x3002 || next == 0xFF1B ||
              next == '\n' || at(s->v, s->n, i + 1, "以上") ||
              at(s->v, s->n, i + 1, "以下")))
            continue;
        bool verb = false;
        for (size_t k = 0; k < sizeof RATE_VERBS / sizeof *RATE_VERBS; k++) {
            size_t wl = word_len(RATE_VERBS[k]);
            if (a >= wl && at(s->v, s->n, a - wl, RATE_VERBS[k]))
                verb = true;
        }
        if (!verb && share_of_noun(s, a, i))
            verb = true; /* 公交车80以上采用新能源 */
        else if (!verb || a < 1 || !clause_has_rate(s, clause, a))
            continue;
        u32_push(&t, '%');
        if (n < 3)
            excerpt(s, i, ex[n], sizeof ex[n]);
        n++;
    }
    if (n) {
        free(s->v);
        *s = t;
        note(c,
             _("restored %zu %% signs that the PDF text lost after a rate "
               "(\"%s\"%s%s%s%s): check them"),
             n, ex[0], n > 1 ? ", \"" : "", n > 1 ? ex[1] : "",
             n > 1 ? "\"" : "", n > 2 ? ", …" : "");
    } else {
        free(t.v);
    }
}

/* ---- the document inside the page ---- */

struct line {
    size_t a, b; /* [a, b) in the text, without the newline */
};

static size_t split_lines(const struct u32 *s, struct line **out)
{
    size_t n = 0, cap = 64;
    struct line *v = malloc(cap * sizeof *v);
    size_t a = 0;
    for (size_t i = 0; v && i <= s->n; i++) {
        if (i < s->n && s->v[i] != '\n')
            continue;
        if (n == cap) {
            cap *= 2;
            struct line *nv = realloc(v, cap * sizeof *v);
            if (!nv)
                break;
            v = nv;
        }
        v[n++] = (struct line){a, i};
        a = i + 1;
    }
    *out = v;
    return v ? n : 0;
}

static bool line_has(const struct u32 *s, struct line l, const char *w)
{
    for (size_t i = l.a; i < l.b; i++)
        if (at(s->v, l.b, i, w))
            return true;
    return false;
}

static bool line_starts(const struct u32 *s, struct line l, const char *w)
{
    return at(s->v, l.b, l.a, w);
}

/* A short line naming who issues the notice (昆都仑区人民政府). */
static bool issuer_line(const struct u32 *s, struct line l)
{
    if (l.b - l.a > 30 || l.b == l.a)
        return false;
    for (size_t i = l.a; i < l.b; i++)
        if (!clean_is_han(s->v[i]))
            return false;
    static const char *const ENDS[] = {"政府", "委员会", "办公室", "办公厅",
                                       "厅",   "局",     "部"};
    for (size_t k = 0; k < sizeof ENDS / sizeof *ENDS; k++) {
        size_t wl = word_len(ENDS[k]);
        if (l.b - l.a >= wl && at(s->v, l.b, l.b - wl, ENDS[k]))
            return true;
    }
    return false;
}

/* A plan's title: a short line ending in 方案, 规划, 计划… */
static bool title_line(const struct u32 *s, struct line l)
{
    static const char *const ENDS[] = {"方案", "规划", "计划",
                                       "意见", "办法", "（征求意见稿）"};
    size_t n = l.b - l.a;
    if (n < 4 || n > 80)
        return false;
    for (size_t i = l.a; i < l.b; i++)
        if (s->v[i] == 0xFF0C || s->v[i] == 0x3002)
            return false;
    for (size_t k = 0; k < sizeof ENDS / sizeof *ENDS; k++) {
        size_t wl = word_len(ENDS[k]);
        if (n >= wl && at(s->v, l.b, l.b - wl, ENDS[k]))
            return true;
    }
    return false;
}

/* What web pages put after a document: print and close buttons, the
 * site's licence and address, an empty attachment list, the source. */
static bool chrome_line(const struct u32 *s, struct line l)
{
    static const char *const WORDS[] = {
        "打印",     "关闭",     "ICP",    "点击查看", "许可证", "邮编",
        "版权所有", "主办单位", "地址：", "分享到",   "扫一扫", "返回顶部"};
    bool text = false;
    for (size_t i = l.a; i < l.b; i++)
        if (clean_is_han(s->v[i]) || is_digit(s->v[i]) || is_latin(s->v[i]))
            text = true;
    if (!text)
        return true;
    for (size_t k = 0; k < sizeof WORDS / sizeof *WORDS; k++)
        if (line_has(s, l, WORDS[k]))
            return true;
    /* "附件：" with nothing after it, "（湖州市人民政府）" alone */
    if (line_starts(s, l, "附件") && l.b - l.a <= 4)
        return true;
    if (l.b - l.a >= 3 && s->v[l.a] == 0xFF08 &&
        (s->v[l.b - 1] == 0xFF09 || s->v[l.b - 1] == '|')) {
        struct line in = {l.a + 1, l.b - 1};
        while (in.b > in.a && (s->v[in.b - 1] == 0xFF09 ||
                               s->v[in.b - 1] == '|' || s->v[in.b - 1] == ' '))
            in.b--;
        return issuer_line(s, in);
    }
    return false;
}

static void keep_document(struct cleaner *c)
{
    struct u32 *s = &c->s;
    struct line *L;
    size_t n = split_lines(s, &L);
    if (!n) {
        free(L);
        return;
    }
    size_t first_heading = n, start = 0, end = n;
    for (size_t i = 0; i < n; i++)
        if (line_starts(s, L[i], "一、")) {
            first_heading = i;
            break;
        }
    /* A news summary that ends "原文如下" precedes the document. */
    for (size_t i = 0; i < first_heading; i++)
        if (line_has(s, L[i], "原文如下"))
            start = i + 1;
    /* The notice that issues the plan, the last one before the plan's
     * first heading (a summary of it may come first), with the issuers
     * named on the lines above it. */
    size_t notice = n;
    for (size_t i = start; i < first_heading; i++) {
        bool told = false; /* 通知 on this line or the next two, short ones */
        for (size_t k = i; k < i + 3 && k < first_heading && !told; k++) {
            if (L[k].b - L[k].a > 90)
                break;
            told = line_has(s, L[k], "通知");
        }
        if (line_has(s, L[i], "关于印发") && told)
            notice = i;
    }
    if (notice < n) {
        while (notice > start && issuer_line(s, L[notice - 1]))
            notice--;
        start = notice;
    } else {
        for (size_t i = start; i < first_heading; i++)
            if (title_line(s, L[i]) ||
                (line_has(s, L[i], "方案") && line_has(s, L[i], "为") &&
                 i + 3 >= first_heading)) {
                start = i;
                break;
            }
    }
    while (end > start + 1 && chrome_line(s, L[end - 1]))
        end--;
    /* Keep lines [start, end), and nothing empty. */
    struct u32 t = {0};
    size_t dropped_top = start, dropped_bottom = n - end;
    for (size_t i = start; i < end; i++) {
        if (L[i].b == L[i].a)
            continue;
        for (size_t k = L[i].a; k < L[i].b; k++)
            u32_push(&t, s->v[k]);
        u32_push(&t, '\n');
    }
    free(s->v);
    *s = t;
    free(L);
    if (dropped_top)
        note(c,
             _("dropped %zu lines of web page before the document (site "
               "navigation, a news summary)"),
             dropped_top);
    if (dropped_bottom)
        note(c,
             _("dropped %zu lines of web page after the document (buttons, "
               "site notices, the source line)"),
             dropped_bottom);
}

/* The title broken over lines by the page (湖州市…城市 / 建设实施方案):
 * a line at the top that goes on in the next without punctuation. */
static void join_title(struct cleaner *c)
{
    struct u32 *s = &c->s;
    struct line *L;
    size_t n = split_lines(s, &L), joined = 0;
    for (size_t i = n < 13 ? (n ? n - 1 : 0) : 12; i-- > 0;) {
        struct line a = L[i], b = L[i + 1];
        /* b was joined to the next (its newline marked 0) */
        if (b.b < s->n && s->v[b.b] == 0)
            for (size_t k = i + 2; k < n; k++) {
                b.b = L[k].b;
                if (L[k].b >= s->n || s->v[L[k].b] != 0)
                    break;
            }
        /* not the date that signs the notice, nor who signs it */
        if (a.b - a.a < 4 || b.a >= b.b || !clean_is_han(s->v[a.b - 1]) ||
            !clean_is_han(s->v[b.a]) || issuer_line(s, a) ||
            s->v[a.b - 1] == 0x65E5 /* 日 */)
            continue;
        bool b_ends =
            title_line(s, b) || (b.b - b.a <= 30 && line_has(s, b, "的通知"));
        if (!b_ends || line_has(s, a, "，") || line_has(s, a, "。"))
            continue;
        s->v[a.b] = 0; /* marks the newline to drop */
        joined++;
    }
    free(L);
    if (!joined)
        return;
    size_t w = 0;
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i] != 0)
            s->v[w++] = s->v[i];
    s->n = w;
    note(c, _("joined %zu title lines broken by the page"), joined);
}

static void trim_lines(struct u32 *s)
{
    size_t w = 0;
    for (size_t i = 0; i < s->n; i++) {
        uint32_t ch = s->v[i];
        if (ch == '\r')
            continue;
        if (ch == ' ' && (w == 0 || s->v[w - 1] == '\n' ||
                          (i + 1 < s->n && s->v[i + 1] == '\n')))
            continue;
        if (ch == '\n' && (w == 0 || s->v[w - 1] == '\n'))
            continue;
        s->v[w++] = ch;
    }
    while (w > 0 && (s->v[w - 1] == '\n' || s->v[w - 1] == ' '))
        w--;
    s->n = w;
    u32_push(s, '\n');
}

int clean_text(const char *raw, size_t len, struct clean_result *out,
               struct pt_error *err)
{
    memset(out, 0, sizeof *out);
    struct cleaner c = {.out = out};
    if (len >= 3 && memcmp(raw, "\xEF\xBB\xBF", 3) == 0)
        raw += 3, len -= 3;
    size_t bad = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = text_decode(raw + i, len - i, &cp);
        if (cp == 0xFFFD &&
            !(k == 3 && memcmp(raw + i, "\xEF\xBF\xBD", 3) == 0))
            bad++;
        if (cp == 0)
            bad++;
        i += k;
    }
    if (bad)
        return pt_fail(err, PT_EUSER,
                       _("the text is not UTF-8 (%zu invalid bytes): convert "
                         "it first, e.g. iconv -f GBK -t UTF-8"),
                       bad);
    if (u32_from_utf8(&c.s, raw, len) < 0)
        return pt_fail(err, PT_EENV, "%s", _("out of memory"));
    trim_lines(&c.s); /* CR, blank lines */
    drop_pinyin(&c);
    if (to_simplified(&c, err) < 0) {
        free(c.s.v);
        clean_result_free(out);
        return -1;
    }
    out->pdf = looks_like_pdf(&c.s);
    if (out->pdf) {
        drop_page_header(&c);
        drop_page_numbers(&c);
    }
    keep_table_rows(&c);
    resolve_spaces(&c);
    repair_item_numbers(&c);
    fullwidth_punctuation(&c);
    if (out->pdf) /* only PDF text loses its % signs */
        restore_percent(&c);
    trim_lines(&c.s);
    keep_document(&c);
    join_title(&c);
    trim_lines(&c.s);
    out->text = u32_to_utf8(c.s.v, c.s.n, &out->len);
    free(c.s.v);
    if (!out->text) {
        clean_result_free(out);
        return pt_fail(err, PT_EENV, "%s", _("out of memory"));
    }
    return 0;
}

void clean_result_free(struct clean_result *r)
{
    for (size_t i = 0; i < r->n_notes; i++)
        free(r->notes[i]);
    free(r->notes);
    free(r->text);
    memset(r, 0, sizeof *r);
}
