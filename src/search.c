/* Search folding and matching: traditional, full-width and pinyin forms of
 * what an official types find the same targets. */
#include "plantrack/search.h"

#include <stdlib.h>
#include <string.h>

#include "plantrack/search_data.h"
#include "plantrack/text.h"

/* Units of a search_doc, one per code point of its text: the code point's
 * set of readings (0: none, not Chinese), ABBR on the code points of a
 * field that may match as an abbreviation, SEP at a field's end. */
#define UNIT_SEP 0xFFFFu
#define UNIT_ABBR 0x8000u
#define UNIT_SET(u) ((u)&0x7FFFu)

static uint32_t sparse_find(const struct search_pair *v, size_t n,
                            uint32_t cp)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (v[mid].from == cp)
            return v[mid].to;
        if (v[mid].from < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

uint32_t search_fold_cp(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
    if (cp >= 0xFF01 && cp <= 0xFF5E) { /* full-width ASCII */
        cp -= 0xFEE0;
        return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
    }
    if (cp == 0x3000) /* ideographic space */
        return ' ';
    if (cp >= 0x2080 && cp <= 0x2089) /* PM₂.₅ */
        return '0' + (cp - 0x2080);
    if (cp == 0x2070)
        return '0';
    if (cp >= 0x2074 && cp <= 0x2079)
        return '0' + (cp - 0x2070);
    if (cp == 0xB2 || cp == 0xB3)
        return '0' + (cp - 0xB0);
    if (cp == 0xB9)
        return '1';
    if (cp >= SEARCH_CJK_LO && cp <= SEARCH_CJK_HI) {
        uint32_t s = SEARCH_T2S_DENSE[cp - SEARCH_CJK_LO];
        return s ? s : cp;
    }
    if (cp >= 0x2E80) {
        uint32_t s = sparse_find(SEARCH_T2S_SPARSE, SEARCH_N_T2S_SPARSE, cp);
        return s ? s : cp;
    }
    return cp;
}

static size_t encode(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Fold s into out (room for 4 bytes per input byte + 1); returns bytes. */
static size_t fold_into(const char *s, size_t n, char *out)
{
    size_t i = 0, o = 0;
    while (i < n) {
        uint32_t cp;
        i += text_decode(s + i, n - i, &cp);
        o += encode(search_fold_cp(cp), out + o);
    }
    out[o] = '\0';
    return o;
}

char *search_fold(const char *s)
{
    size_t n = strlen(s);
    char *out = malloc(n * 4 + 1);
    if (out)
        fold_into(s, n, out);
    return out;
}

static uint16_t reading_set(uint32_t cp)
{
    if (cp >= SEARCH_CJK_LO && cp <= SEARCH_CJK_HI)
        return SEARCH_PY_DENSE[cp - SEARCH_CJK_LO];
    if (cp < 0x2E80)
        return 0;
    return (uint16_t)sparse_find(SEARCH_PY_SPARSE, SEARCH_N_PY_SPARSE, cp);
}

void search_query_init(struct search_query *q, const char *typed)
{
    size_t n = strlen(typed);
    char *folded = malloc(n * 4 + 1);
    memset(q, 0, sizeof *q);
    if (!folded)
        return;
    size_t len = fold_into(typed, n, folded);
    if (len >= sizeof q->text) /* cut at a character boundary */
        for (len = sizeof q->text - 1;
             len > 0 && ((unsigned char)folded[len] & 0xC0) == 0x80; len--)
            ;
    memcpy(q->text, folded, len);
    q->text[len] = '\0';
    q->len = len;
    free(folded);
    /* Pinyin: letters, with spaces or apostrophes between syllables. */
    size_t k = 0;
    for (size_t i = 0; i < len; i++) {
        char c = q->text[i];
        if (c >= 'a' && c <= 'z') {
            if (k + 1 >= sizeof q->letters)
                return;
            q->letters[k++] = c;
        } else if (c != ' ' && c != '\'') {
            return;
        }
    }
    if (k >= 2) {
        q->letters[k] = '\0';
        q->n_letters = k;
    }
}

bool search_query_narrows(const struct search_query *q,
                          const struct search_query *prev)
{
    return prev->len > 0 && q->len >= prev->len &&
           memcmp(q->text, prev->text, prev->len) == 0 &&
           (prev->n_letters > 0 || q->n_letters == 0);
}

int search_doc_init(struct search_doc *d, struct arena *mem,
                    const char *const *fields, const bool *abbrev, size_t n)
{
    size_t bytes = 0;
    for (size_t f = 0; f < n; f++)
        bytes += strlen(fields[f]) + 1;
    char *text = arena_alloc(mem, bytes * 4 + 1);
    uint16_t *units = arena_alloc(mem, (bytes + 1) * sizeof *units);
    if (!text || !units)
        return -1;
    size_t o = 0, u = 0;
    uint32_t initials = 0;
    for (size_t f = 0; f < n; f++) {
        const char *s = fields[f];
        size_t len = strlen(s), i = 0;
        if (f) {
            text[o++] = '\x1f';
            units[u++] = UNIT_SEP;
        }
        while (i < len) {
            uint32_t cp;
            i += text_decode(s + i, len - i, &cp);
            cp = search_fold_cp(cp);
            o += encode(cp, text + o);
            uint16_t set = reading_set(cp);
            initials |= SEARCH_PY_SET_INITIALS[set];
            units[u++] = (uint16_t)(set | (set && abbrev && abbrev[f]
                                               ? UNIT_ABBR
                                               : 0));
        }
    }
    text[o] = '\0';
    d->text = text;
    d->units = units;
    d->n_units = u;
    d->initials = initials;
    return 0;
}

/* Whether letters[qi..n) can be read from the characters at units[i...]:
 * each character gives its whole syllable, its initial (zh/ch/sh or one
 * letter), or, at the end of the query, the start of its syllable. */
static bool pinyin_at(const uint16_t *units, size_t nu, size_t i,
                      const char *L, size_t qi, size_t nL)
{
    if (qi == nL)
        return true;
    if (i >= nu || units[i] == UNIT_SEP || !UNIT_SET(units[i]))
        return false;
    const uint16_t *set = SEARCH_PY_SETS[UNIT_SET(units[i])];
    size_t rest = nL - qi;
    for (int r = 0; r < SEARCH_MAX_READINGS && set[r]; r++) {
        const char *s = SEARCH_SYLLABLES[set[r] - 1];
        if (s[0] != L[qi])
            continue;
        size_t sl = strlen(s);
        if (rest <= sl && memcmp(L + qi, s, rest) == 0)
            return true;
        if (rest > sl && memcmp(L + qi, s, sl) == 0 &&
            pinyin_at(units, nu, i + 1, L, qi + sl, nL))
            return true;
        if (pinyin_at(units, nu, i + 1, L, qi + 1, nL))
            return true;
        if (s[1] == 'h' && (s[0] == 'z' || s[0] == 'c' || s[0] == 's') &&
            rest >= 2 && L[qi + 1] == 'h' &&
            pinyin_at(units, nu, i + 1, L, qi + 2, nL))
            return true;
    }
    return false;
}

/* The first pinyin match: the units [*from, *to) it reads. */
static bool pinyin_find(const uint16_t *units, size_t nu,
                        const struct search_query *q, size_t *from,
                        size_t *to)
{
    uint32_t first = 1u << (q->letters[0] - 'a');
    for (size_t i = 0; i < nu; i++) {
        uint16_t set = UNIT_SET(units[i]);
        if (units[i] == UNIT_SEP || !(SEARCH_PY_SET_INITIALS[set] & first))
            continue;
        if (pinyin_at(units, nu, i, q->letters, 0, q->n_letters)) {
            if (from) {
                /* The shortest run of characters that reads the query. */
                size_t end;
                for (end = i + 1; end < nu; end++)
                    if (pinyin_at(units, end, i, q->letters, 0, q->n_letters))
                        break;
                *from = i;
                *to = end;
            }
            return true;
        }
    }
    return false;
}

static bool has_initial(uint16_t unit, char letter)
{
    return SEARCH_PY_SET_INITIALS[UNIT_SET(unit)] & (1u << (letter - 'a'));
}

/* An abbreviation of one name [fs, fe): its first letter on one of the
 * name's first two characters (市 and 区 are often left out), its last on
 * one of the last three (the kind of body: 局, 委员会), the others in order
 * between. 市生态环境局 is 生态局 (stj), 市发展和改革委员会 发改委 (fgw). */
static bool abbrev_in(const uint16_t *units, size_t fs, size_t fe,
                      const struct search_query *q)
{
    const char *L = q->letters;
    size_t n = q->n_letters;
    if (fe - fs < n)
        return false;
    for (size_t s = fs; s < fs + 2 && s < fe; s++) {
        if (!has_initial(units[s], L[0]))
            continue;
        size_t pos = s + 1, k = 1;
        for (; k + 1 < n && pos < fe; pos++)
            if (has_initial(units[pos], L[k]))
                k++;
        if (k + 1 < n)
            continue;
        size_t from = pos > fe - 3 && fe >= 3 ? pos : fe >= 3 ? fe - 3 : pos;
        if (from < s + 1)
            from = s + 1;
        for (size_t e = from; e < fe; e++)
            if (has_initial(units[e], L[n - 1]))
                return true;
    }
    return false;
}

/* The first name that q abbreviates: the whole name, [*from, *to). */
static bool abbrev_find(const uint16_t *units, size_t nu,
                        const struct search_query *q, size_t *from,
                        size_t *to)
{
    for (size_t i = 0; i < nu;) {
        if (units[i] == UNIT_SEP || !(units[i] & UNIT_ABBR)) {
            i++;
            continue;
        }
        size_t end = i;
        while (end < nu && units[end] != UNIT_SEP && (units[end] & UNIT_ABBR))
            end++;
        if (abbrev_in(units, i, end, q)) {
            if (from) {
                *from = i;
                *to = end;
            }
            return true;
        }
        i = end;
    }
    return false;
}

bool search_doc_matches(const struct search_doc *d,
                        const struct search_query *q)
{
    if (!q->len || !d->text)
        return false;
    if (strstr(d->text, q->text))
        return true;
    if (!q->n_letters || !(d->initials & (1u << (q->letters[0] - 'a'))))
        return false;
    return pinyin_find(d->units, d->n_units, q, NULL, NULL) ||
           abbrev_find(d->units, d->n_units, q, NULL, NULL);
}

bool search_span(const char *text, const struct search_query *q, bool abbrev,
                 size_t *start, size_t *end)
{
    size_t n = strlen(text);
    if (!q->len || !n)
        return false;
    /* Per code point: its folded form, its reading set, its byte offset. */
    uint32_t *cps = malloc((n + 1) * sizeof *cps);
    uint16_t *units = malloc((n + 1) * sizeof *units);
    size_t *offs = malloc((n + 1) * sizeof *offs);
    uint32_t qcp[SEARCH_QUERY_MAX];
    size_t nq = 0, nc = 0;
    bool found = false;
    if (!cps || !units || !offs)
        goto out;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        offs[nc] = i;
        i += text_decode(text + i, n - i, &cp);
        cps[nc] = search_fold_cp(cp);
        uint16_t set = reading_set(cps[nc]);
        units[nc] = (uint16_t)(set | (set && abbrev ? UNIT_ABBR : 0));
        nc++;
    }
    offs[nc] = n;
    for (size_t i = 0; i < q->len && nq < SEARCH_QUERY_MAX;)
        i += text_decode(q->text + i, q->len - i, &qcp[nq++]);
    size_t from = 0, to = 0;
    for (size_t i = 0; !found && nq && i + nq <= nc; i++)
        if (memcmp(cps + i, qcp, nq * sizeof *qcp) == 0) {
            from = i;
            to = i + nq;
            found = true;
        }
    if (!found && q->n_letters)
        found = pinyin_find(units, nc, q, &from, &to) ||
                abbrev_find(units, nc, q, &from, &to);
    if (found) {
        *start = offs[from];
        *end = offs[to];
    }
out:
    free(cps);
    free(units);
    free(offs);
    return found;
}
