/* Plans: validate the YAML tree of a plan file into the model, with a
 * file:line:column message for everything wrong. */
#include "plantrack/plan.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plantrack/i18n.h"
#include "plantrack/text.h"
#include "plantrack/ydoc.h"

#define MAX_DIAGS_PER_FILE 100
/* Far above any real plan (62 targets, 28 agencies, 3 aliases), low enough
 * that checking each against the others stays instant. */
#define MAX_TARGETS 2000
#define MAX_AGENCIES 200
#define MAX_ALIASES 20
#define YEAR_MIN 2000
#define YEAR_MAX 2100

/* The UN Statistics Division's Progress Chart (technical note) sets the
 * thresholds of the ratio R at 0.95 / 0.5 / -0.1; Open SDG's own defaults
 * are 0.95 / 0.6 / 0. Both use 1.5% / 0.5% / 0 a year for a trend with no
 * target. */
const struct thresholds THRESHOLDS_DEFAULT = {0.95,  0.5, -0.1, 0.015,
                                              0.005, 0,   "un"};
const struct thresholds THRESHOLDS_OPEN_SDG = {0.95,  0.6, 0,         0.015,
                                               0.005, 0,   "open-sdg"};

static const char *const DOMAINS[] = {
    "energy",  "industry",    "transport", "buildings",  "agriculture",
    "ecology", "environment", "resources", "innovation", "governance",
};

static const char *const PLAN_KEYS[] = {
    "id",       "title",    "short",    "issuer", "document",
    "issued",   "standing", "period",   "source", "thresholds",
    "agencies", "targets",  "data_due",
};
static const char *const AGENCY_KEYS[] = {"id", "name", "aliases"};
static const char *const TARGET_KEYS[] = {
    "id",          "section",     "domain",      "indicator", "year",
    "comparator",  "value",       "unit",        "baseline",  "lead",
    "support",     "firmness",    "deferred",    "quote",     "note",
    "lead_stated", "year_stated", "approximate", "data_due",
};
static const char *const BASELINE_KEYS[] = {"year", "value"};
static const char *const THRESHOLD_KEYS[] = {
    "on_track",       "needs_acceleration",       "limited",
    "trend_on_track", "trend_needs_acceleration", "trend_limited",
    "preset",
};
static const char *const PRESETS[] = {"un", "open-sdg"};
static const char *const COMPARATORS[] = {
    ">=", ">", "<=", "<", "reduce-by", "increase-by", "done", "fall", "rise",
};

#define COUNT(a) (sizeof(a) / sizeof *(a))

const char *comparator_name(enum comparator c)
{
    return COMPARATORS[c];
}
bool comparator_numeric(enum comparator c)
{
    return c != CMP_DONE;
}
bool comparator_trend(enum comparator c)
{
    return c == CMP_FALL || c == CMP_RISE;
}
bool comparator_relative(enum comparator c)
{
    return c == CMP_REDUCE_BY || c == CMP_INCREASE_BY;
}
bool comparator_lower_better(enum comparator c)
{
    return c == CMP_LE || c == CMP_LT || c == CMP_FALL;
}

/* ---- diagnostics ---- */

void plan_diags_add(struct plan_diags *d, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    char **lines = realloc(d->lines, (d->n + 1) * sizeof *lines);
    if (!lines)
        return;
    d->lines = lines;
    d->lines[d->n] = text_sanitize(buf);
    if (d->lines[d->n])
        d->n++;
}

void plan_diags_free(struct plan_diags *d)
{
    for (size_t i = 0; i < d->n; i++)
        free(d->lines[i]);
    free(d->lines);
    d->lines = NULL;
    d->n = 0;
}

/* Validation context for one file. */
struct ctx {
    struct arena *mem; /* the plan's */
    const char *path;
    struct plan_diags *diags;
    int errors;
    /* The target being read, named in its messages: by id, else by its
     * place (index from 1); neither outside a target. */
    const char *target_id;
    size_t target_index;
};

static void report(struct ctx *c, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void report(struct ctx *c, int line, int col, const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    c->errors++;
    /* Made here, not for every target: it is needed only for a message. */
    char target[96] = "";
    if (c->target_id)
        snprintf(target, sizeof target, _("target '%.60s': "), c->target_id);
    else if (c->target_index)
        snprintf(target, sizeof target, _("target #%zu: "), c->target_index);
    if (c->errors <= MAX_DIAGS_PER_FILE)
        plan_diags_add(c->diags, "%s:%d:%d: %s%s", c->path, line, col, target,
                       msg);
    else if (c->errors == MAX_DIAGS_PER_FILE + 1)
        plan_diags_add(c->diags, _("%s: too many errors; stopping here"),
                       c->path);
}

#define AT(n) (n)->line, (n)->col

/* Past the last message there is no point checking on: a hostile file
 * could otherwise make each of thousands of errors search for a
 * suggestion. */
static bool given_up(const struct ctx *c)
{
    return c->errors > MAX_DIAGS_PER_FILE;
}

/* The closest of candidates to word, if close enough to be a typo. */
static const char *suggest(const char *word, const char *const *cands, size_t n)
{
    const char *best = NULL;
    int best_d = 1 << 30;
    for (size_t i = 0; i < n; i++) {
        int d = text_edit_distance(word, cands[i]);
        if (d < best_d) {
            best_d = d;
            best = cands[i];
        }
    }
    int len = (int)strlen(word);
    int limit = len <= 3 ? 1 : len <= 6 ? 2 : 3;
    return best && best_d <= limit ? best : NULL;
}

static void unknown(struct ctx *c, const struct ynode *at, const char *what,
                    const char *word, const char *const *cands, size_t n)
{
    const char *s = suggest(word, cands, n);
    if (s)
        report(c, AT(at), _("unknown %s '%s' (did you mean '%s'?)"), what, word,
               s);
    else
        report(c, AT(at), _("unknown %s '%s'"), what, word);
}

static void check_keys(struct ctx *c, const struct ynode *map,
                       const char *const *allowed, size_t n)
{
    for (size_t i = 0; i < map->n && !given_up(c); i++) {
        const char *k = map->keys[i]->text;
        size_t j;
        for (j = 0; j < n; j++) /* the first letter rules out most */
            if (k[0] == allowed[j][0] && strcmp(k, allowed[j]) == 0)
                break;
        if (j == n)
            unknown(c, map->keys[i], _("key"), k, allowed, n);
    }
}

static bool want_kind(struct ctx *c, const struct ynode *n, const char *key,
                      enum ynode_kind kind)
{
    if (n->kind == kind)
        return true;
    report(c, AT(n), _("'%s' must be %s, not %s"), key, ydoc_kind_name(kind),
           ydoc_kind_name(n->kind));
    return false;
}

static const struct ynode *require(struct ctx *c, const struct ynode *map,
                                   const char *key)
{
    const struct ynode *v = ydoc_get(map, key);
    if (!v)
        report(c, AT(map), _("missing required key '%s'"), key);
    return v;
}

/* A non-empty text, copied; NULL (reported) otherwise. */
static char *text_of(struct ctx *c, const struct ynode *v, const char *key)
{
    if (!v || !want_kind(c, v, key, YNODE_SCALAR))
        return NULL;
    if (strlen(v->text) != v->len) {
        report(c, AT(v), _("'%s' contains a NUL character"), key);
        return NULL;
    }
    char *s = arena_strdup(c->mem, v->text);
    if (s)
        text_trim(s);
    if (s && !*s) {
        report(c, AT(v), _("'%s' is empty"), key);
        return NULL;
    }
    return s;
}

static char *req_text(struct ctx *c, const struct ynode *map, const char *key)
{
    const struct ynode *v = require(c, map, key);
    return v ? text_of(c, v, key) : NULL;
}

/* Optional text: "" when absent. */
static char *opt_text(struct ctx *c, const struct ynode *map, const char *key)
{
    const struct ynode *v = ydoc_get(map, key);
    return v ? text_of(c, v, key) : arena_strdup(c->mem, "");
}

static bool int_of(struct ctx *c, const struct ynode *v, const char *key,
                   int *out)
{
    if (!want_kind(c, v, key, YNODE_SCALAR))
        return false;
    const char *s = v->text;
    long x = 0;
    size_t i = 0;
    for (; s[i] >= '0' && s[i] <= '9' && i < 6; i++)
        x = x * 10 + (s[i] - '0');
    if (i == 0 || s[i] != '\0' || !v->plain) {
        report(c, AT(v), _("'%s' must be a whole number (a year), not '%s'"),
               key, s);
        return false;
    }
    *out = (int)x;
    return true;
}

static bool year_of(struct ctx *c, const struct ynode *v, const char *key,
                    int *out)
{
    if (!int_of(c, v, key, out))
        return false;
    if (*out < YEAR_MIN || *out > YEAR_MAX) {
        report(c, AT(v), _("'%s' %d is not a plausible year (%d-%d)"), key,
               *out, YEAR_MIN, YEAR_MAX);
        return false;
    }
    return true;
}

static bool number_of(struct ctx *c, const struct ynode *v, const char *key,
                      double *out)
{
    if (!want_kind(c, v, key, YNODE_SCALAR))
        return false;
    const char *s = v->text;
    char *end;
    errno = 0;
    double x = strtod(s, &end);
    bool digits = strpbrk(s, "0123456789") != NULL &&
                  strspn(s, "0123456789+-.eE") == strlen(s);
    if (!v->plain || !digits || *end || end == s || errno == ERANGE ||
        !isfinite(x)) {
        double hint;
        const char *rest;
        char err[128];
        if (text_parse_number(s, &hint, &rest, err, sizeof err) == 0) {
            char num[64];
            text_format_number(hint, num, sizeof num);
            if (*rest)
                report(c, AT(v),
                       _("'%s' must be a plain number, not '%s' (write %s "
                         "and put '%s' in 'unit')"),
                       key, s, num, rest);
            else
                report(c, AT(v),
                       _("'%s' must be a plain number, not '%s' (write %s)"),
                       key, s, num);
        } else {
            report(c, AT(v), _("'%s' must be a number, not '%s'"), key, s);
        }
        return false;
    }
    *out = x == 0 ? 0 : x;
    return true;
}

static bool bool_of(struct ctx *c, const struct ynode *v, const char *key,
                    bool *out)
{
    if (!want_kind(c, v, key, YNODE_SCALAR))
        return false;
    if (v->plain && strcmp(v->text, "true") == 0)
        *out = true;
    else if (v->plain && strcmp(v->text, "false") == 0)
        *out = false;
    else {
        report(c, AT(v), _("'%s' must be true or false, not '%s'"), key,
               v->text);
        return false;
    }
    return true;
}

/* A text or a list of texts, as a NULL-free array. */
static bool texts_of(struct ctx *c, const struct ynode *v, const char *key,
                     char ***out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (v->kind == YNODE_SCALAR) {
        char *s = text_of(c, v, key);
        if (!s)
            return false;
        *out = arena_alloc(c->mem, sizeof **out);
        if (!*out)
            return false;
        (*out)[0] = s;
        *n = 1;
        return true;
    }
    if (!want_kind(c, v, key, YNODE_SEQ))
        return false;
    *out = arena_calloc(c->mem, (v->n ? v->n : 1) * sizeof **out);
    if (!*out)
        return false;
    bool ok = true;
    for (size_t i = 0; i < v->n; i++) {
        char *s = text_of(c, v->items[i], key);
        if (s)
            (*out)[(*n)++] = s;
        else
            ok = false;
    }
    return ok;
}

static bool ident_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 64)
        return false;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        bool ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
                  (i > 0 && ch == '-');
        if (!ok)
            return false;
    }
    return true;
}

static char *ident_of(struct ctx *c, const struct ynode *map, const char *key)
{
    const struct ynode *v = require(c, map, key);
    char *s = v ? text_of(c, v, key) : NULL;
    if (s && !ident_ok(s)) {
        report(c, AT(v),
               _("'%s' must be lower-case letters, digits and '-' (at most "
                 "64), not '%s'"),
               key, s);
        return NULL;
    }
    return s;
}

/* ---- freeing ---- */

void plan_free(struct plan *p)
{
    if (!p)
        return;
    arena_free(&p->mem);
    free(p);
}

/* ---- plan metadata ---- */

static bool issued_ok(const char *s)
{
    int y, m = 1, d = 1;
    char tail;
    int k = sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail);
    size_t len = strlen(s);
    if (!(len == 4 || len == 7 || len == 10) || (k != 1 && k != 2 && k != 3))
        return false;
    if ((len == 4 && k != 1) || (len == 7 && k != 2) || (len == 10 && k != 3))
        return false;
    return y >= YEAR_MIN && y <= YEAR_MAX && date_valid(y, m, d);
}

static void parse_period(struct ctx *c, struct plan *p, const struct ynode *v)
{
    char *s = text_of(c, v, "period");
    int a, b, used = 0;
    if (!s)
        return;
    if (sscanf(s, "%4d-%4d%n", &a, &b, &used) != 2 || s[used] != '\0' ||
        a < YEAR_MIN || b > YEAR_MAX || a > b)
        report(c, AT(v),
               _("'period' must be START-END years such as 2024-2026, not "
                 "'%s'"),
               s);
    else
        p->period_start = a, p->period_end = b;
}

static bool preset_of(struct ctx *c, const struct ynode *v,
                      struct thresholds *out)
{
    char *s = text_of(c, v, "thresholds");
    if (!s)
        return false;
    if (strcmp(s, "un") == 0)
        *out = THRESHOLDS_DEFAULT;
    else if (strcmp(s, "open-sdg") == 0)
        *out = THRESHOLDS_OPEN_SDG;
    else {
        unknown(c, v, _("thresholds preset"), s, PRESETS, COUNT(PRESETS));
        return false;
    }
    return true;
}

/* `thresholds: open-sdg` (or un, the default), or a mapping of numbers,
 * optionally on top of a `preset`. */
static void parse_thresholds(struct ctx *c, struct plan *p,
                             const struct ynode *v)
{
    p->thresholds = THRESHOLDS_DEFAULT;
    if (!v)
        return;
    if (v->kind == YNODE_SCALAR) {
        preset_of(c, v, &p->thresholds);
        return;
    }
    if (!want_kind(c, v, "thresholds", YNODE_MAP))
        return;
    check_keys(c, v, THRESHOLD_KEYS, COUNT(THRESHOLD_KEYS));
    const struct ynode *pre = ydoc_get(v, "preset");
    if (pre)
        preset_of(c, pre, &p->thresholds);
    double *slots[] = {&p->thresholds.on_track,
                       &p->thresholds.needs_acceleration,
                       &p->thresholds.limited,
                       &p->thresholds.trend_on_track,
                       &p->thresholds.trend_needs_acceleration,
                       &p->thresholds.trend_limited};
    bool own = false;
    for (size_t i = 0; i < COUNT(slots); i++) {
        const struct ynode *x = ydoc_get(v, THRESHOLD_KEYS[i]);
        if (x && number_of(c, x, THRESHOLD_KEYS[i], slots[i]))
            own = true;
    }
    if (own)
        p->thresholds.preset = "custom";
    if (!(p->thresholds.on_track > p->thresholds.needs_acceleration &&
          p->thresholds.needs_acceleration > p->thresholds.limited))
        report(c, AT(v),
               _("thresholds must decrease: on_track > needs_acceleration > "
                 "limited"));
    if (!(p->thresholds.trend_on_track >
              p->thresholds.trend_needs_acceleration &&
          p->thresholds.trend_needs_acceleration > p->thresholds.trend_limited))
        report(c, AT(v),
               _("thresholds must decrease: trend_on_track > "
                 "trend_needs_acceleration > trend_limited"));
}

/* `data_due`: "6 months", "90 days", "0", or (for a target) a date. */
static bool data_due_of(struct ctx *c, const struct ynode *v, bool date_ok,
                        struct data_due *out)
{
    char *s = text_of(c, v, "data_due");
    if (!s)
        return false;
    memset(out, 0, sizeof *out);
    int n = 0, used = 0;
    char unit[16] = "";
    struct pt_date d;
    char err[160];
    if (strcmp(s, "0") == 0) {
        out->set = true;
        return true;
    }
    if (sscanf(s, "%3d %15s%n", &n, unit, &used) == 2 && s[used] == '\0' &&
        n >= 0) {
        if (strcmp(unit, "months") == 0 || strcmp(unit, "month") == 0 ||
            strcmp(unit, "个月") == 0)
            out->months = n, out->set = true;
        else if (strcmp(unit, "days") == 0 || strcmp(unit, "day") == 0 ||
                 strcmp(unit, "天") == 0)
            out->days = n, out->set = true;
    }
    if (!out->set && date_ok && strlen(s) == 10 &&
        text_parse_date(s, &d, err, sizeof err) == 0) {
        out->set = out->is_date = true;
        out->date = d;
    }
    if (!out->set)
        report(c, AT(v),
               date_ok ? _("'data_due' must be a lag after the deadline such "
                           "as '6 months' or '90 days', or a date "
                           "YYYY-MM-DD, not '%s'")
                       : _("'data_due' must be a lag after the deadline such "
                           "as '6 months' or '90 days', not '%s'"),
               s);
    return out->set;
}

/* ---- agencies ---- */

static void parse_agencies(struct ctx *c, struct plan *p, const struct ynode *v)
{
    if (!v || !want_kind(c, v, "agencies", YNODE_SEQ))
        return;
    if (v->n == 0) {
        report(c, AT(v), _("'agencies' is empty: declare at least one"));
        return;
    }
    if (v->n > MAX_AGENCIES) {
        report(c, AT(v), _("too many agencies (%zu; at most %d)"), v->n,
               MAX_AGENCIES);
        return;
    }
    p->agencies = arena_calloc(&p->mem, v->n * sizeof *p->agencies);
    if (!p->agencies)
        return;
    for (size_t i = 0; i < v->n && !given_up(c); i++) {
        const struct ynode *m = v->items[i];
        if (!want_kind(c, m, "agencies", YNODE_MAP))
            continue;
        check_keys(c, m, AGENCY_KEYS, COUNT(AGENCY_KEYS));
        struct agency *a = &p->agencies[p->n_agencies];
        a->id = ident_of(c, m, "id");
        a->name = req_text(c, m, "name");
        const struct ynode *al = ydoc_get(m, "aliases");
        if (al && al->kind == YNODE_SEQ && al->n > MAX_ALIASES)
            report(c, AT(al), _("too many aliases (%zu; at most %d)"), al->n,
                   MAX_ALIASES);
        else if (al)
            texts_of(c, al, "aliases", &a->aliases, &a->n_aliases);
        p->n_agencies++;
        /* Every id, name and alias must point at one agency only. */
        for (size_t j = 0; j + 1 < p->n_agencies; j++) {
            const struct agency *b = &p->agencies[j];
            if (a->id && b->id && strcmp(a->id, b->id) == 0)
                report(c, AT(m), _("duplicate agency id '%s'"), a->id);
            if (a->name && b->name && strcmp(a->name, b->name) == 0)
                report(c, AT(m), _("agency '%s' is declared twice"), a->name);
            for (size_t k = 0; k < a->n_aliases; k++) {
                bool clash = b->name && strcmp(a->aliases[k], b->name) == 0;
                for (size_t l = 0; l < b->n_aliases; l++)
                    clash |= strcmp(a->aliases[k], b->aliases[l]) == 0;
                if (clash)
                    report(c, AT(m), _("alias '%s' also names agency '%s'"),
                           a->aliases[k], b->name ? b->name : "?");
            }
        }
    }
}

static bool agency_matches(const struct agency *a, const char *ref)
{
    if ((a->id && strcmp(a->id, ref) == 0) ||
        (a->name && strcmp(a->name, ref) == 0))
        return true;
    for (size_t i = 0; i < a->n_aliases; i++)
        if (strcmp(a->aliases[i], ref) == 0)
            return true;
    return false;
}

static bool resolve_agency(struct ctx *c, const struct plan *p,
                           const struct ynode *v, const char *key, size_t *out)
{
    char *ref = text_of(c, v, key);
    if (!ref)
        return false;
    for (size_t i = 0; i < p->n_agencies; i++) {
        if (agency_matches(&p->agencies[i], ref)) {
            *out = i;
            return true;
        }
    }
    const char **names = calloc(p->n_agencies * 2 + 1, sizeof *names);
    size_t n = 0;
    for (size_t i = 0; names && i < p->n_agencies; i++) {
        if (p->agencies[i].name)
            names[n++] = p->agencies[i].name;
        if (p->agencies[i].id)
            names[n++] = p->agencies[i].id;
    }
    const char *s = names ? suggest(ref, names, n) : NULL;
    if (s)
        report(c, AT(v),
               _("'%s': agency '%s' is not declared in 'agencies' (did you "
                 "mean '%s'?)"),
               key, ref, s);
    else
        report(c, AT(v),
               _("'%s': agency '%s' is not declared in 'agencies'; add it "
                 "there"),
               key, ref);
    free(names);
    return false;
}

/* ---- targets ---- */

static void parse_baseline(struct ctx *c, struct target *t,
                           const struct ynode *v)
{
    if (v->kind == YNODE_SCALAR) {
        year_of(c, v, "baseline", &t->baseline_year);
        return;
    }
    if (!want_kind(c, v, "baseline", YNODE_MAP))
        return;
    check_keys(c, v, BASELINE_KEYS, COUNT(BASELINE_KEYS));
    const struct ynode *y = require(c, v, "year");
    if (y)
        year_of(c, y, "baseline year", &t->baseline_year);
    const struct ynode *x = ydoc_get(v, "value");
    if (x && number_of(c, x, "baseline value", &t->baseline_value))
        t->has_baseline_value = true;
}

static void parse_comparator(struct ctx *c, struct target *t,
                             const struct ynode *v)
{
    char *s = text_of(c, v, "comparator");
    if (!s)
        return;
    for (size_t i = 0; i < COUNT(COMPARATORS); i++) {
        if (strcmp(s, COMPARATORS[i]) == 0) {
            t->cmp = (enum comparator)i;
            return;
        }
    }
    /* "=>" and "=<" are the usual slips: suggest the order YAML wants. */
    char swapped[3] = {s[1], s[0], '\0'};
    if (strlen(s) == 2 &&
        (strcmp(swapped, ">=") == 0 || strcmp(swapped, "<=") == 0))
        report(c, AT(v), _("unknown %s '%s' (did you mean '%s'?)"),
               _("comparator"), s, swapped);
    else
        unknown(c, v, _("comparator"), s, COMPARATORS, COUNT(COMPARATORS));
}

static void parse_domain(struct ctx *c, struct target *t, const struct ynode *v)
{
    char *s = text_of(c, v, "domain");
    if (!s)
        return;
    for (size_t i = 0; i < COUNT(DOMAINS); i++) {
        if (strcmp(s, DOMAINS[i]) == 0) {
            t->domain = s;
            return;
        }
    }
    unknown(c, v, _("domain"), s, DOMAINS, COUNT(DOMAINS));
}

static void parse_firmness(struct ctx *c, struct target *t,
                           const struct ynode *v)
{
    static const char *const F[] = {"firm", "striving"};
    char *s = text_of(c, v, "firmness");
    if (!s)
        return;
    if (strcmp(s, "firm") == 0)
        t->firmness = FIRM;
    else if (strcmp(s, "striving") == 0)
        t->firmness = STRIVING;
    else
        unknown(c, v, _("firmness"), s, F, COUNT(F));
}

/* The rules that relate one key to another. */
static void check_target_consistency(struct ctx *c, const struct plan *p,
                                     struct target *t, const struct ynode *m)
{
    const struct ynode *value = ydoc_get(m, "value");
    const struct ynode *unit = ydoc_get(m, "unit");
    if (t->cmp == CMP_DONE) {
        if (value)
            report(c, AT(value),
                   _("a 'done' target has no 'value'; use >=, <=, reduce-by "
                     "or increase-by for a number"));
        if (unit)
            report(c, AT(unit), _("a 'done' target has no 'unit'"));
    } else if (comparator_trend(t->cmp)) {
        if (value)
            report(c, AT(value),
                   _("a '%s' target (a trend: 持续下降 / 稳步提升) has no "
                     "'value'; use <= or >= for a number to reach"),
                   comparator_name(t->cmp));
    } else {
        if (!value)
            report(c, AT(m),
                   _("missing required key 'value' (comparator "
                     "'%s' needs a number)"),
                   comparator_name(t->cmp));
        if (value && !unit)
            report(c, AT(value),
                   _("missing required key 'unit' for the "
                     "value (use \"%%\" for percentages)"));
    }
    const struct ynode *ap = ydoc_get(m, "approximate");
    if (ap && t->approximate && !t->has_value)
        report(c, AT(ap), _("'approximate' needs a 'value' to qualify"));
    const struct ynode *def = ydoc_get(m, "deferred");
    if (def && t->deferred && t->cmp != CMP_DONE)
        report(c, AT(def),
               _("'deferred' targets have no number: use comparator 'done'"));
    const struct ynode *bl = ydoc_get(m, "baseline");
    if (comparator_relative(t->cmp) && !bl)
        report(c, AT(m),
               _("missing required key 'baseline' (comparator '%s' is "
                 "relative to a baseline year)"),
               comparator_name(t->cmp));
    if (bl && t->baseline_year && t->year && t->baseline_year >= t->year)
        report(c, AT(bl),
               _("baseline year %d must be before the milestone year %d"),
               t->baseline_year, t->year);
    const struct ynode *yr = ydoc_get(m, "year");
    if (yr && t->year && p->period_start &&
        (t->year < p->period_start || t->year > p->period_end))
        report(c, AT(yr), _("year %d is outside the plan period %d-%d"),
               t->year, p->period_start, p->period_end);
}

static void parse_target(struct ctx *c, struct plan *p, struct target *t,
                         const struct ynode *m, size_t index)
{
    t->plan = p;
    t->line = m->line;
    t->col = m->col;
    t->cmp = CMP_GE;
    const struct ynode *idn = ydoc_get(m, "id");
    if (idn && idn->kind == YNODE_SCALAR)
        c->target_id = idn->text, c->target_index = 0;
    else
        c->target_id = NULL, c->target_index = index + 1;
    check_keys(c, m, TARGET_KEYS, COUNT(TARGET_KEYS));
    t->id = ident_of(c, m, "id");
    const struct ynode *v = require(c, m, "section");
    if (v)
        texts_of(c, v, "section", &t->sections, &t->n_sections);
    if ((v = require(c, m, "domain")))
        parse_domain(c, t, v);
    t->indicator = req_text(c, m, "indicator");
    if ((v = require(c, m, "year")))
        year_of(c, v, "year", &t->year);
    if ((v = require(c, m, "comparator")))
        parse_comparator(c, t, v);
    if ((v = ydoc_get(m, "value")) && number_of(c, v, "value", &t->value))
        t->has_value = true;
    t->unit = opt_text(c, m, "unit");
    if ((v = ydoc_get(m, "baseline")))
        parse_baseline(c, t, v);
    if ((v = require(c, m, "lead")))
        resolve_agency(c, p, v, "lead", &t->lead);
    if ((v = ydoc_get(m, "support")) && v->kind == YNODE_SEQ &&
        v->n > MAX_AGENCIES) {
        report(c, AT(v), _("too many agencies (%zu; at most %d)"), v->n,
               MAX_AGENCIES);
    } else if (v && (v->kind == YNODE_SEQ ||
                     want_kind(c, v, "support", YNODE_SEQ))) {
        t->support =
            arena_calloc(c->mem, (v->n ? v->n : 1) * sizeof *t->support);
        for (size_t i = 0; t->support && i < v->n && !given_up(c); i++)
            if (resolve_agency(c, p, v->items[i], "support",
                               &t->support[t->n_support]))
                t->n_support++;
    }
    if ((v = ydoc_get(m, "firmness")))
        parse_firmness(c, t, v);
    if ((v = ydoc_get(m, "deferred")))
        bool_of(c, v, "deferred", &t->deferred);
    bool stated = true;
    if ((v = ydoc_get(m, "lead_stated")) &&
        bool_of(c, v, "lead_stated", &stated))
        t->lead_inferred = !stated;
    stated = true;
    if ((v = ydoc_get(m, "year_stated")) &&
        bool_of(c, v, "year_stated", &stated))
        t->year_inferred = !stated;
    if ((v = ydoc_get(m, "approximate")))
        bool_of(c, v, "approximate", &t->approximate);
    if ((v = ydoc_get(m, "data_due")))
        data_due_of(c, v, true, &t->data_due);
    t->quote = req_text(c, m, "quote");
    t->note = opt_text(c, m, "note");
    check_target_consistency(c, p, t, m);
    c->target_id = NULL;
    c->target_index = 0;
}

static void parse_targets(struct ctx *c, struct plan *p, const struct ynode *v)
{
    if (!v || !want_kind(c, v, "targets", YNODE_SEQ))
        return;
    if (v->n > MAX_TARGETS) {
        report(c, AT(v), _("too many targets (%zu; at most %d)"), v->n,
               MAX_TARGETS);
        return;
    }
    p->targets = arena_calloc(&p->mem, (v->n ? v->n : 1) * sizeof *p->targets);
    if (!p->targets)
        return;
    for (size_t i = 0; i < v->n && !given_up(c); i++) {
        const struct ynode *m = v->items[i];
        if (!want_kind(c, m, "targets", YNODE_MAP))
            continue;
        struct target *t = &p->targets[p->n_targets++];
        parse_target(c, p, t, m, i);
        for (size_t j = 0; t->id && j + 1 < p->n_targets; j++)
            if (p->targets[j].id && strcmp(p->targets[j].id, t->id) == 0)
                report(c, AT(m),
                       _("duplicate target id '%s' (first at line %d)"), t->id,
                       p->targets[j].line);
    }
}

/* ---- quotes against the source text ---- */

static bool number_in_text(double x, const char *s)
{
    char *h = text_halfwidth(s);
    bool found = false;
    for (const char *q = h; h && *q && !found; q++) {
        if (!(*q >= '0' && *q <= '9'))
            continue;
        if (q > h && (q[-1] == '.' || (q[-1] >= '0' && q[-1] <= '9')))
            continue;
        char *end;
        double y = strtod(q, &end);
        found = fabs(x - y) <= 1e-9 * fmax(1, fabs(x));
    }
    free(h);
    return found;
}

static void check_quotes(struct ctx *c, const struct plan *p, const char *text)
{
    for (size_t i = 0; i < p->n_targets; i++) {
        const struct target *t = &p->targets[i];
        if (!t->quote || !t->id)
            continue;
        c->target_id = t->id;
        if (strchr(t->quote, '\n') || !strstr(text, t->quote))
            report(c, t->line, t->col,
                   _("quote not found in sources/%s.txt: copy it exactly "
                     "from the source text"),
                   p->id);
        char num[64];
        if (t->has_value && !number_in_text(t->value, t->quote)) {
            text_format_number(t->value, num, sizeof num);
            report(c, t->line, t->col,
                   _("value %s does not appear in the quote: check the value "
                     "or quote the phrase that states it"),
                   num);
        }
        if (t->has_baseline_value &&
            !number_in_text(t->baseline_value, t->quote)) {
            text_format_number(t->baseline_value, num, sizeof num);
            report(c, t->line, t->col,
                   _("baseline value %s does not appear in the quote"), num);
        }
    }
    c->target_id = NULL;
    c->target_index = 0;
}

static char *read_file(const char *path, size_t max, size_t *len, char *err,
                       size_t errlen)
{
    /* O_NONBLOCK: opening a FIFO named like a plan would otherwise wait
     * for a writer for ever. Regular files ignore it. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    struct stat st;
    if (fd < 0) {
        char eb[128];
        snprintf(err, errlen, "%s", strerror_r(errno, eb, sizeof eb));
        return NULL;
    }
    if (fstat(fd, &st) < 0) {
        char eb[128];
        snprintf(err, errlen, "%s", strerror_r(errno, eb, sizeof eb));
        close(fd);
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "%s",
                 S_ISDIR(st.st_mode) ? _("is a directory")
                                     : _("not a regular file"));
        close(fd);
        return NULL;
    }
    if ((size_t)st.st_size > max) {
        snprintf(err, errlen, _("file too large (%lld bytes; at most %zu)"),
                 (long long)st.st_size, max);
        close(fd);
        return NULL;
    }
    char *buf = malloc((size_t)st.st_size + 1);
    size_t got = 0;
    while (buf && got < (size_t)st.st_size) {
        ssize_t r = read(fd, buf + got, (size_t)st.st_size - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    if (!buf) {
        snprintf(err, errlen, "%s", _("out of memory"));
        return NULL;
    }
    buf[got] = '\0';
    *len = got;
    return buf;
}

static char *source_path(const char *dir, const char *id)
{
    char *path = NULL;
    if (asprintf(&path, "%s/sources/%s.txt", dir ? dir : ".", id) < 0)
        return NULL;
    return path;
}

char *plan_source_text(const struct plan *p, size_t *len)
{
    char err[256];
    char *path = source_path(p->source_dir, p->id);
    size_t n = 0;
    char *text = path ? read_file(path, 16u << 20, &n, err, sizeof err) : NULL;
    free(path);
    if (len)
        *len = n;
    return text;
}

/* ---- the whole file ---- */

struct plan *plan_parse(const char *buf, size_t len, const char *path,
                        const char *source_dir, struct plan_diags *diags)
{
    struct ctx c = {.path = path, .diags = diags};
    char err[512];
    struct ydoc doc;
    if (ydoc_parse(buf, len, &doc, err, sizeof err) < 0) {
        plan_diags_add(diags, "%s:%s", path, err);
        return NULL;
    }
    const struct ynode *root = doc.root;
    if (root->kind != YNODE_MAP) {
        report(&c, AT(root),
               _("a plan file is a mapping of keys (id, title, …), not %s"),
               ydoc_kind_name(root->kind));
        ydoc_free(&doc);
        return NULL;
    }
    struct plan *p = calloc(1, sizeof *p);
    if (!p) {
        ydoc_free(&doc);
        return NULL;
    }
    c.mem = &p->mem;
    p->path = arena_strdup(&p->mem, path);
    p->source_dir = source_dir ? arena_strdup(&p->mem, source_dir) : NULL;
    check_keys(&c, root, PLAN_KEYS, COUNT(PLAN_KEYS));
    p->id = ident_of(&c, root, "id");
    p->title = req_text(&c, root, "title");
    p->short_name = opt_text(&c, root, "short");
    p->issuer = req_text(&c, root, "issuer");
    p->document = opt_text(&c, root, "document");
    p->issued = req_text(&c, root, "issued");
    if (p->issued && !issued_ok(p->issued))
        report(&c, AT(ydoc_get(root, "issued")),
               _("'issued' must be a date YYYY-MM-DD (or YYYY-MM, YYYY), not "
                 "'%s'"),
               p->issued);
    p->source = opt_text(&c, root, "source");
    const struct ynode *v = ydoc_get(root, "standing");
    if (v) {
        static const char *const S[] = {"issued", "draft"};
        char *s = text_of(&c, v, "standing");
        if (s && strcmp(s, "draft") == 0)
            p->draft = true;
        else if (s && strcmp(s, "issued") != 0)
            unknown(&c, v, _("standing"), s, S, COUNT(S));
    }
    if ((v = require(&c, root, "period")))
        parse_period(&c, p, v);
    parse_thresholds(&c, p, ydoc_get(root, "thresholds"));
    if ((v = ydoc_get(root, "data_due")))
        data_due_of(&c, v, false, &p->data_due);
    parse_agencies(&c, p, require(&c, root, "agencies"));
    parse_targets(&c, p, require(&c, root, "targets"));
    if (c.errors == 0 && source_dir) {
        char *sp = source_path(source_dir, p->id);
        size_t n;
        char *text = sp ? read_file(sp, 16u << 20, &n, err, sizeof err) : NULL;
        if (text)
            check_quotes(&c, p, text);
        free(text);
        free(sp);
    }
    ydoc_free(&doc);
    if (c.errors) {
        plan_free(p);
        return NULL;
    }
    return p;
}

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    if (slash == path)
        return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

static struct plan *load_file(const char *path, bool check_quotes,
                              struct plan_diags *diags)
{
    char err[256];
    size_t len;
    char *buf = read_file(path, YDOC_MAX_BYTES, &len, err, sizeof err);
    if (!buf) {
        plan_diags_add(diags, "%s:1:1: %s", path, err);
        return NULL;
    }
    char *dir = dir_of(path);
    struct plan *p =
        plan_parse(buf, len, path, check_quotes ? dir : NULL, diags);
    /* The viewer still finds the source text to show a quote in place. */
    if (p && !p->source_dir)
        p->source_dir = arena_strdup(&p->mem, dir);
    free(dir);
    free(buf);
    return p;
}

struct plan *plan_load(const char *path, struct plan_diags *diags)
{
    return load_file(path, true, diags);
}

/* ---- sets of plans ---- */

static void set_add(struct plan_set *set, struct plan *p)
{
    for (size_t i = 0; i < set->n; i++) {
        if (strcmp(set->plans[i]->id, p->id) == 0) {
            plan_diags_add(&set->diags,
                           _("%s:1:1: plan id '%s' is already used by %s; "
                             "the file is skipped"),
                           p->path, p->id, set->plans[i]->path);
            set->n_files_failed++;
            plan_free(p);
            return;
        }
    }
    struct plan **v = realloc(set->plans, (set->n + 1) * sizeof *v);
    if (!v) {
        plan_free(p);
        return;
    }
    set->plans = v;
    set->plans[set->n++] = p;
    set->n_targets += p->n_targets;
}

/* One file's result, kept until the files are added in name order. */
struct loaded {
    const char *path;
    struct plan *plan;
    struct plan_diags diags;
};

struct load_jobs {
    struct loaded *files;
    size_t n;
    size_t next; /* taken with __atomic_fetch_add by the workers */
    bool check_quotes;
};

static void *load_worker(void *arg)
{
    struct load_jobs *j = arg;
    size_t i;
    while ((i = __atomic_fetch_add(&j->next, 1, __ATOMIC_RELAXED)) < j->n)
        j->files[i].plan =
            load_file(j->files[i].path, j->check_quotes, &j->files[i].diags);
    return NULL;
}

/* Plan files are independent: read them on every core there is (they are
 * most of a start-up), then add them in the order given, so the result is
 * the same as reading them one by one. */
static void set_load_files(struct plan_set *set, char *const *paths, size_t n)
{
    struct load_jobs j = {calloc(n ? n : 1, sizeof *j.files), n, 0,
                          set->check_quotes};
    if (!j.files)
        return;
    for (size_t i = 0; i < n; i++)
        j.files[i].path = paths[i];
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    size_t workers = cores > 1 ? (size_t)(cores < 8 ? cores : 8) : 1;
    if (workers > n)
        workers = n;
    pthread_t threads[8];
    size_t started = 0;
    for (size_t w = 1; w < workers; w++) /* this thread is worker 0 */
        if (pthread_create(&threads[started], NULL, load_worker, &j) == 0)
            started++;
    load_worker(&j);
    for (size_t w = 0; w < started; w++)
        pthread_join(threads[w], NULL);
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < j.files[i].diags.n; k++) {
            plan_diags_add(&set->diags, "%s", j.files[i].diags.lines[k]);
        }
        plan_diags_free(&j.files[i].diags);
        if (j.files[i].plan)
            set_add(set, j.files[i].plan);
        else
            set->n_files_failed++;
    }
    free(j.files);
}

static void set_load_file(struct plan_set *set, const char *path)
{
    char *const paths[] = {(char *)path};
    set_load_files(set, paths, 1);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_plan_name(const char *name)
{
    size_t n = strlen(name);
    return name[0] != '.' && ((n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
                              (n > 4 && strcmp(name + n - 4, ".yml") == 0));
}

int plan_set_load_dir(struct plan_set *set, const char *dir,
                      struct pt_error *err)
{
    DIR *d = opendir(dir);
    if (!d)
        return pt_fail(err, PT_EUSER, _("cannot read plan directory %s: %s"),
                       dir, strerror(errno));
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!is_plan_name(e->d_name))
            continue;
        char **v = realloc(names, (n + 1) * sizeof *v);
        if (!v)
            break;
        names = v;
        if (asprintf(&names[n], "%s/%s", dir, e->d_name) >= 0)
            n++;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
    set_load_files(set, names, n);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return 0;
}

int plan_set_load_paths(struct plan_set *set, char *const *paths, size_t n,
                        struct pt_error *err)
{
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            if (plan_set_load_dir(set, paths[i], err) < 0)
                return -1;
        } else {
            set_load_file(set, paths[i]);
        }
    }
    return 0;
}

void plan_set_free(struct plan_set *set)
{
    for (size_t i = 0; i < set->n; i++)
        plan_free(set->plans[i]);
    free(set->plans);
    plan_diags_free(&set->diags);
    memset(set, 0, sizeof *set);
}

const struct plan *plan_set_find_plan(const struct plan_set *set,
                                      const char *id)
{
    for (size_t i = 0; i < set->n; i++)
        if (strcmp(set->plans[i]->id, id) == 0)
            return set->plans[i];
    return NULL;
}

const struct plan *plan_set_find_named(const struct plan_set *set,
                                       const char *name)
{
    const struct plan *found = NULL;
    for (size_t i = 0; i < set->n; i++) {
        const struct plan *p = set->plans[i];
        if (strcmp(p->id, name) == 0)
            return p;
    }
    for (size_t i = 0; i < set->n; i++) {
        const struct plan *p = set->plans[i];
        bool hit = strcasecmp(p->id, name) == 0 ||
                   (*p->short_name && strcmp(p->short_name, name) == 0) ||
                   strcmp(p->title, name) == 0;
        if (hit && found && found != p)
            return NULL; /* two plans answer to it: say which are valid */
        if (hit)
            found = p;
    }
    return found;
}

void plan_set_names(const struct plan_set *set, char *buf, size_t len)
{
    size_t n = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < set->n && n < len; i++) {
        const struct plan *p = set->plans[i];
        n += (size_t)snprintf(buf + n, len - n, "%s%s%s%s%s", i ? ", " : "",
                              p->id, *p->short_name ? " (" : "", p->short_name,
                              *p->short_name ? ")" : "");
    }
}

const struct target *plan_find_target(const struct plan *p, const char *id)
{
    for (size_t i = 0; i < p->n_targets; i++)
        if (strcmp(p->targets[i].id, id) == 0)
            return &p->targets[i];
    return NULL;
}

const struct target *plan_set_resolve(const struct plan_set *set,
                                      const char *ref, struct pt_error *err)
{
    const char *slash = strchr(ref, '/');
    if (!slash)
        return pt_fail(err, PT_EUSER,
                       _("'%s': name a target as PLAN/TARGET (e.g. "
                         "ordos/ne-capacity-2026)"),
                       ref),
               NULL;
    char plan_id[128];
    snprintf(plan_id, sizeof plan_id, "%.*s", (int)(slash - ref), ref);
    const struct plan *p = plan_set_find_plan(set, plan_id);
    if (!p) {
        const char **ids = calloc(set->n + 1, sizeof *ids);
        for (size_t i = 0; ids && i < set->n; i++)
            ids[i] = set->plans[i]->id;
        const char *s = ids ? suggest(plan_id, ids, set->n) : NULL;
        if (s)
            pt_fail(err, PT_EUSER, _("no plan '%s' (did you mean '%s'?)"),
                    plan_id, s);
        else
            pt_fail(err, PT_EUSER, _("no plan '%s'"), plan_id);
        free(ids);
        return NULL;
    }
    const struct target *t = plan_find_target(p, slash + 1);
    if (!t) {
        const char **ids = calloc(p->n_targets + 1, sizeof *ids);
        for (size_t i = 0; ids && i < p->n_targets; i++)
            ids[i] = p->targets[i].id;
        const char *s = ids ? suggest(slash + 1, ids, p->n_targets) : NULL;
        if (s)
            pt_fail(err, PT_EUSER,
                    _("plan '%s' has no target '%s' (did you mean '%s'?)"),
                    p->id, slash + 1, s);
        else
            pt_fail(err, PT_EUSER, _("plan '%s' has no target '%s'"), p->id,
                    slash + 1);
        free(ids);
        return NULL;
    }
    return t;
}

const struct agency *target_lead(const struct target *t)
{
    return &t->plan->agencies[t->lead];
}

bool unit_is_points(const char *unit)
{
    return unit &&
           (strcmp(unit, "百分点") == 0 || strcmp(unit, "个百分点") == 0);
}

void unit_format(double v, const char *unit, char *buf, size_t len)
{
    char num[64];
    text_format_number(v, num, sizeof num);
    bool tight = !unit || !*unit || strcmp(unit, "%") == 0;
    snprintf(buf, len, "%s%s%s", num, tight ? "" : " ", unit ? unit : "");
}

void target_value_phrase(const struct target *t, double v, char *buf,
                         size_t len)
{
    char vu[160];
    if (!comparator_relative(t->cmp)) {
        unit_format(v, t->unit, buf, len);
        return;
    }
    /* A change in words, its direction never left to a sign. */
    bool with = v >= 0;
    unit_format(fabs(v), t->unit, vu, sizeof vu);
    if ((t->cmp == CMP_REDUCE_BY) == with)
        snprintf(buf, len, _("fall %s"), vu);
    else
        snprintf(buf, len, _("rise %s"), vu);
}

void target_statement(const struct target *t, char *buf, size_t len)
{
    char vu[160];
    if (t->cmp == CMP_DONE) {
        snprintf(buf, len, "%s",
                 t->deferred ? _("as required from above") : _("deliverable"));
        return;
    }
    if (comparator_trend(t->cmp)) {
        snprintf(buf, len, "%s",
                 t->cmp == CMP_FALL ? _("falling (持续下降)")
                                    : _("rising (稳步提升)"));
        return;
    }
    unit_format(t->value, t->unit, vu, sizeof vu);
    const char *about = t->approximate ? "~" : "";
    switch (t->cmp) {
    case CMP_REDUCE_BY:
        snprintf(buf, len, _("a fall of %s%s vs %d"), about, vu,
                 t->baseline_year);
        break;
    case CMP_INCREASE_BY:
        snprintf(buf, len, _("a rise of %s%s vs %d"), about, vu,
                 t->baseline_year);
        break;
    default:
        snprintf(buf, len, "%s %s%s", comparator_name(t->cmp), about, vu);
        break;
    }
}
