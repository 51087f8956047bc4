/* Search folding and matching: traditional, full-width and pinyin forms of
 * what an official types find the same targets. */
#include "plantrack/search.h"

#include <stdlib.h>
#include <string.h>

#include "plantrack/search_data.h"
#include "plantrack/text.h"

/* Units of a search_doc, one per code point of its text: the code point's
 * set of readings (0: none, not Chinese), SEP at a field's end. */
#define UNIT_SEP 0xFFFFu

/* Where an indicator's or a name's initials may begin: its first unit,
 * its first after the place it begins with (or the same), its end. */
struct search_start {
    uint32_t at, place, end;
    bool gaps; /* a name: its abbreviation may leave characters out */
};

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

/* A code point (prev 0) or a pair of neighbours, into a bloom filter of
 * 512 bits. */
static void bloom_add(uint64_t bloom[8], uint32_t prev, uint32_t cp)
{
    unsigned h = ((cp + prev * 0x9E3779B9u) * 2654435761u) >> 23; /* 9 bits */
    bloom[h >> 6] |= 1ull << (h & 63);
}

static bool bloom_has(const uint64_t have[8], const uint64_t want[8])
{
    uint64_t miss = 0;
    for (int i = 0; i < 8; i++)
        miss |= want[i] & ~have[i];
    return !miss;
}

static void bit_set(uint64_t *bits, unsigned bit)
{
    bits[bit >> 6] |= 1ull << (bit & 63);
}

static bool bits_meet(const uint64_t *a, const uint64_t *b)
{
    uint64_t any = 0;
    for (int i = 0; i < SEARCH_SYLLABLE_WORDS; i++)
        any |= a[i] & b[i];
    return any;
}

static const char *syllable(uint16_t id)
{
    return SEARCH_SYLLABLES[id - 1];
}

/* Whether the letters read as whole syllables, the last perhaps only
 * begun ("shengtai", "shengt", "sh"; not "stj"), and by which first
 * syllables: one that reads them all, or the first of several. */
static void read_syllables(struct search_query *q)
{
    const char *L = q->letters;
    size_t n = q->n_letters;
    bool ok[65] = {true}; /* ok[i]: L[0..i) is whole syllables */
    for (size_t i = 0; i < n; i++) {
        if (!ok[i])
            continue;
        for (int s = 0; s < SEARCH_N_SYLLABLES; s++) {
            const char *y = SEARCH_SYLLABLES[s];
            size_t yl = strlen(y), rest = n - i;
            if (rest <= yl && memcmp(L + i, y, rest) == 0) {
                q->syllabic = true;
                if (i == 0)
                    bit_set(q->one_syllable, (unsigned)s);
            } else if (rest > yl && memcmp(L + i, y, yl) == 0) {
                ok[i + yl] = true;
                if (i == 0) /* perhaps: the rest may not read */
                    bit_set(q->first_syllable, (unsigned)s);
            }
        }
    }
}

void search_query_init(struct search_query *q, const char *typed)
{
    char folded[SEARCH_QUERY_MAX * 4 + 1];
    size_t n = strlen(typed);
    memset(q, 0, sizeof *q);
    if (n > SEARCH_QUERY_MAX) /* at a character boundary */
        for (n = SEARCH_QUERY_MAX;
             n > 0 && ((unsigned char)typed[n] & 0xC0) == 0x80; n--)
            ;
    size_t len = fold_into(typed, n, folded);
    if (len >= sizeof q->text) /* cut at a character boundary */
        for (len = sizeof q->text - 1;
             len > 0 && ((unsigned char)folded[len] & 0xC0) == 0x80; len--)
            ;
    memcpy(q->text, folded, len);
    q->text[len] = '\0';
    q->len = len;
    for (size_t i = 0, prev = 0; i < len;) {
        uint32_t cp;
        i += text_decode(q->text + i, len - i, &cp);
        bloom_add(q->bloom, 0, cp);
        if (prev)
            bloom_add(q->bloom, (uint32_t)prev, cp);
        prev = cp;
    }
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
    if (k < 2)
        return;
    q->letters[k] = '\0';
    q->n_letters = k;
    for (size_t i = 0; i < k; i++)
        q->at_letter[q->letters[i] - 'a'] |= 1ull << i;
    read_syllables(q);
    if (!q->syllabic)
        return;
    /* The reading sets whose character can be the first of a syllabic
     * reading: the scan of a text tests one bit per character. */
    for (int set = 1; set < SEARCH_N_PY_SETS && set < SEARCH_MAX_SETS; set++)
        for (int r = 0; r < SEARCH_MAX_READINGS && SEARCH_PY_SETS[set][r];
             r++) {
            const char *y = syllable(SEARCH_PY_SETS[set][r]);
            size_t yl = strlen(y);
            if (k <= yl ? memcmp(q->letters, y, k) == 0
                        : memcmp(q->letters, y, yl) == 0) {
                q->lead_sets[set >> 6] |= 1ull << (set & 63);
                break;
            }
        }
}

bool search_query_narrows(const struct search_query *q,
                          const struct search_query *prev)
{
    return prev->len > 0 && q->len >= prev->len &&
           memcmp(q->text, prev->text, prev->len) == 0 &&
           (prev->n_letters > 0 || q->n_letters == 0);
}

static bool is_place_end(uint32_t cp)
{
    return cp == 0x5E02 /* 市 */ || cp == 0x533A /* 区 */ ||
           cp == 0x53BF /* 县 */ || cp == 0x65D7 /* 旗 */ ||
           cp == 0x76DF /* 盟 */ || cp == 0x7701 /* 省 */;
}

/* The place a name or an indicator begins with: the leading characters up
 * to 市, 区, 县, 旗, 盟 or 省 among its first six (市, 包头市, 全市,
 * 鄂尔多斯市). Returns the index of the first character after it that has
 * a reading, or 0 when there is no place. */
static uint32_t place_end(const uint32_t *cps, const uint16_t *units,
                          uint32_t n)
{
    for (uint32_t i = 0; i < n && i < 6; i++)
        if (is_place_end(cps[i])) {
            uint32_t p = i + 1;
            while (p < n && !units[p])
                p++;
            return p < n ? p : 0;
        }
    return 0;
}

/* Fill units[0..n) and starts for one field of cps[0..n). */
static void field_units(const uint32_t *cps, uint16_t *units, uint32_t n,
                        uint32_t base, enum search_field kind,
                        struct search_start *start, uint32_t *n_starts)
{
    for (uint32_t i = 0; i < n; i++)
        units[i] = reading_set(cps[i]);
    if (kind == SEARCH_TEXT || !n)
        return;
    uint32_t p = place_end(cps, units, n);
    start[(*n_starts)++] = (struct search_start){
        base, base + p, base + n, kind == SEARCH_NAME};
}

int search_doc_init(struct search_doc *d, struct arena *mem,
                    const char *const *fields, const enum search_field *kind,
                    size_t n)
{
    size_t bytes = 0, n_named = 0;
    for (size_t f = 0; f < n; f++) {
        bytes += strlen(fields[f]) + 1;
        n_named += kind[f] != SEARCH_TEXT;
    }
    char *text = arena_alloc(mem, bytes * 4 + 1);
    uint16_t *units = arena_alloc(mem, (bytes + 1) * sizeof *units);
    struct search_start *starts =
        arena_alloc(mem, (n_named ? n_named : 1) * sizeof *starts);
    uint32_t *cps = malloc((bytes + 1) * sizeof *cps);
    if (!text || !units || !starts || !cps) {
        free(cps);
        return -1;
    }
    memset(d, 0, sizeof *d);
    size_t o = 0;
    uint32_t u = 0, ns = 0;
    for (size_t f = 0; f < n; f++) {
        const char *s = fields[f];
        size_t len = strlen(s), i = 0;
        uint32_t first = u;
        if (f) {
            text[o++] = '\x1f';
            units[u++] = UNIT_SEP;
            first = u;
        }
        while (i < len) {
            uint32_t cp;
            i += text_decode(s + i, len - i, &cp);
            cp = search_fold_cp(cp);
            o += encode(cp, text + o);
            bloom_add(d->bloom, 0, cp);
            if (u > first)
                bloom_add(d->bloom, cps[u - 1], cp);
            cps[u++] = cp;
        }
        field_units(cps + first, units + first, u - first, first, kind[f],
                    starts, &ns);
        for (uint32_t k = first; k < u; k++) {
            d->initials |= SEARCH_PY_SET_INITIALS[units[k]];
            for (int r = 0;
                 units[k] && r < SEARCH_MAX_READINGS && SEARCH_PY_SETS[units[k]][r];
                 r++)
                bit_set(d->syllables, SEARCH_PY_SETS[units[k]][r] - 1u);
        }
    }
    free(cps);
    text[o] = '\0';
    d->text = text;
    d->units = units;
    d->n_units = u;
    d->starts = starts;
    d->n_starts = ns;
    return 0;
}

/* ---- reading pinyin ----
 * A reading moves through the query's letters; the letters consumed so far
 * are a set of positions (bit i: L[0..i) read), bit n the whole query. */

/* The positions reachable from `at` through one character of reading set
 * `set`: by its whole syllable, by the start of it when that ends the
 * query, or (with initials) by its first letter or zh/ch/sh. */
static uint64_t step(uint16_t set, uint64_t at, const struct search_query *q,
                     bool initials)
{
    if (!set || set == UNIT_SEP || !at)
        return 0;
    /* Only where the next letter is the first of one of its readings:
     * most characters are passed over here. */
    uint64_t can = 0;
    for (uint32_t f = SEARCH_PY_SET_INITIALS[set]; f; f &= f - 1)
        can |= q->at_letter[__builtin_ctz(f)];
    if (!(at &= can))
        return 0;
    const char *L = q->letters;
    size_t n = q->n_letters;
    uint64_t out = 0;
    for (int r = 0; r < SEARCH_MAX_READINGS && SEARCH_PY_SETS[set][r]; r++) {
        const char *y = syllable(SEARCH_PY_SETS[set][r]);
        size_t yl = strlen(y);
        for (uint64_t m = at; m; m &= m - 1) {
            size_t i = (size_t)__builtin_ctzll(m), rest = n - i;
            if (i >= n || L[i] != y[0])
                continue;
            if (rest <= yl ? memcmp(L + i, y, rest) == 0
                           : memcmp(L + i, y, yl) == 0)
                out |= 1ull << (rest <= yl ? n : i + yl);
            if (initials) {
                out |= 1ull << (i + 1);
                if (yl > 1 && y[1] == 'h' && rest >= 2 && L[i + 1] == 'h')
                    out |= 1ull << (i + 2);
            }
        }
    }
    return out;
}

/* Syllables from unit i on: the first unit after the match, or 0. */
static uint32_t syllables_at(const uint16_t *units, uint32_t nu, uint32_t i,
                             const struct search_query *q)
{
    uint64_t at = 1, done = 1ull << q->n_letters;
    for (uint32_t j = i; j < nu; j++) {
        at = step(units[j], at, q, false);
        if (at & done)
            return j + 1;
        if (!at)
            break;
    }
    return 0;
}

/* Syllables anywhere: the units [*from, *to) of the first match. */
static bool syllables_find(const uint16_t *units, uint32_t nu,
                           const struct search_query *q, uint32_t *from,
                           uint32_t *to)
{
    if (!q->syllabic)
        return false;
    for (uint32_t i = 0; i < nu; i++) {
        uint16_t set = units[i];
        if (set == UNIT_SEP || !(q->lead_sets[set >> 6] >> (set & 63) & 1))
            continue;
        uint32_t end = syllables_at(units, nu, i, q);
        if (end) {
            *from = i;
            *to = end;
            return true;
        }
    }
    return false;
}

/* Initials (or an abbreviation) of one indicator or name: from its first
 * character after the place, or from the place typed in full; a name's
 * characters after the first may be left out. Returns the unit after the
 * match (after the name, for an abbreviation), or 0; *from is where it
 * began. */
static uint32_t initials_at(const uint16_t *units, const struct search_start *s,
                            const struct search_query *q, uint32_t *from)
{
    uint64_t done = 1ull << q->n_letters;
    uint64_t placed = s->place > s->at ? 1 : 0; /* reading the place */
    *from = s->at;
    for (uint32_t j = s->at; j < s->place && placed; j++) {
        placed = step(units[j], placed, q, true);
        if (placed & done)
            return j + 1;
    }
    if (!(placed & ~1ull))
        *from = s->place; /* the place is not typed */
    uint64_t at = step(units[s->place], 1 | placed, q, true);
    for (uint32_t j = s->place + 1; j < s->end && at && !(at & done); j++) {
        uint64_t next = step(units[j], at, q, true);
        if (next & done)
            return s->gaps ? s->end : j + 1;
        at = s->gaps ? at | next : next;
    }
    return at & done ? (s->gaps ? s->end : s->place + 1) : 0;
}

static bool initials_find(const struct search_doc *d,
                          const struct search_query *q, uint32_t *from,
                          uint32_t *to)
{
    uint32_t first = 1u << (q->letters[0] - 'a');
    for (uint32_t k = 0; k < d->n_starts; k++) {
        const struct search_start *s = &d->starts[k];
        if (!(SEARCH_PY_SET_INITIALS[d->units[s->at]] & first) &&
            !(SEARCH_PY_SET_INITIALS[d->units[s->place]] & first))
            continue;
        uint32_t end = initials_at(d->units, s, q, from);
        if (end) {
            if (s->gaps) /* an abbreviation: the whole name */
                *from = s->at;
            *to = end;
            return true;
        }
    }
    return false;
}

bool search_doc_matches(const struct search_doc *d,
                        const struct search_query *q)
{
    if (!q->len || !d->text)
        return false;
    if (bloom_has(d->bloom, q->bloom) && strstr(d->text, q->text))
        return true;
    if (!q->n_letters || !(d->initials & (1u << (q->letters[0] - 'a'))))
        return false;
    uint32_t a, b;
    if (initials_find(d, q, &a, &b))
        return true;
    /* Syllables: one that the letters begin is enough; a reading of
     * several needs its first syllable here, and then a look. */
    if (!q->syllabic)
        return false;
    if (bits_meet(d->syllables, q->one_syllable))
        return true;
    return bits_meet(d->syllables, q->first_syllable) &&
           syllables_find(d->units, d->n_units, q, &a, &b);
}

bool search_span(const char *text, const struct search_query *q,
                 enum search_field kind, size_t *start, size_t *end)
{
    size_t n = strlen(text);
    if (!q->len || !n)
        return false;
    /* Per code point: its folded form, its reading set, its byte offset. */
    uint32_t *cps = malloc((n + 1) * sizeof *cps);
    uint16_t *units = malloc((n + 1) * sizeof *units);
    size_t *offs = malloc((n + 1) * sizeof *offs);
    uint32_t qcp[SEARCH_QUERY_MAX];
    uint32_t nq = 0, nc = 0;
    bool found = false;
    if (!cps || !units || !offs)
        goto out;
    for (size_t i = 0; i < n;) {
        offs[nc] = i;
        i += text_decode(text + i, n - i, &cps[nc]);
        cps[nc] = search_fold_cp(cps[nc]);
        nc++;
    }
    offs[nc] = n;
    struct search_start st;
    uint32_t ns = 0;
    field_units(cps, units, nc, 0, kind, &st, &ns);
    for (size_t i = 0; i < q->len && nq < SEARCH_QUERY_MAX;)
        i += text_decode(q->text + i, q->len - i, &qcp[nq++]);
    uint32_t from = 0, to = 0;
    for (uint32_t i = 0; !found && nq && i + nq <= nc; i++)
        if (memcmp(cps + i, qcp, nq * sizeof *qcp) == 0) {
            from = i;
            to = i + nq;
            found = true;
        }
    if (!found && q->n_letters) {
        struct search_doc d = {.units = units, .n_units = nc, .starts = &st,
                               .n_starts = ns};
        found = syllables_find(units, nc, q, &from, &to) ||
                initials_find(&d, q, &from, &to);
    }
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
