/* Reviewing a draft: each request changes one target and says what went
 * wrong in words an official can act on; the file is written back only
 * when the plan loader accepts it, quotes checked against the source. */
#include "plantrack/extract/review.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plantrack/extract/grammar.h"
#include "plantrack/i18n.h"
#include "plantrack/text.h"

#define COUNT(a) (sizeof(a) / sizeof *(a))

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

static char *slurp(const char *path, size_t max, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = malloc(max + 1);
    size_t n = buf ? fread(buf, 1, max, f) : 0;
    bool more = buf && fgetc(f) != EOF;
    fclose(f);
    if (!buf || more) {
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

int review_open(struct review *r, const char *path, struct pt_error *err)
{
    memset(r, 0, sizeof *r);
    size_t len;
    char *buf = slurp(path, 4u << 20, &len);
    if (!buf)
        return pt_fail(err, PT_EUSER, _("cannot read %s: %s"), path,
                       errno ? strerror(errno) : _("too large"));
    int rc = extract_read_yaml(buf, len, &r->plan, err);
    free(buf);
    if (rc < 0) {
        char m[sizeof err->msg];
        put(m, sizeof m, err->msg);
        return pt_fail(err, PT_EUSER, "%s:%s", path, m);
    }
    if (!r->plan.id[0] || !r->plan.n_targets) {
        xplan_free(&r->plan);
        return pt_fail(err, PT_EUSER,
                       _("%s: not a plan file with targets to review"), path);
    }
    r->path = strdup(path);
    const char *slash = strrchr(path, '/');
    char *src = NULL;
    if (asprintf(&src, "%.*s%ssources/%s.txt",
                 slash ? (int)(slash - path + 1) : 0, path, "", r->plan.id) < 0)
        src = NULL;
    r->source = src ? slurp(src, 16u << 20, &r->source_len) : NULL;
    free(src);
    if (!r->source) {
        r->source = strdup("");
        r->source_len = 0;
    }
    for (size_t i = 0; i < r->plan.n_targets; i++)
        r->plan.targets[i].offset =
            extract_quote_offset(r->source, r->plan.targets[i].quote);
    return 0;
}

void review_close(struct review *r)
{
    xplan_free(&r->plan);
    free(r->path);
    free(r->source);
    memset(r, 0, sizeof *r);
}

const char *review_field_label(enum review_field f)
{
    static const char *const L[RF_COUNT] = {
        [RF_INDICATOR] = N_("indicator"),
        [RF_YEAR] = N_("year"),
        [RF_COMPARATOR] = N_("comparator"),
        [RF_VALUE] = N_("value"),
        [RF_UNIT] = N_("unit"),
        [RF_BASELINE] = N_("baseline"),
        [RF_LEAD] = N_("lead"),
        [RF_SUPPORT] = N_("support"),
        [RF_FIRMNESS] = N_("firmness"),
        [RF_SECTION] = N_("section"),
        [RF_QUOTE] = N_("quote"),
    };
    return _(L[f]);
}

void review_field_text(const struct xtarget *x, enum review_field f, char *buf,
                       size_t len)
{
    buf[0] = '\0';
    switch (f) {
    case RF_INDICATOR:
        put(buf, len, x->indicator);
        break;
    case RF_YEAR:
        snprintf(buf, len, "%d", x->year);
        break;
    case RF_COMPARATOR:
        put(buf, len, comparator_name(x->cmp));
        break;
    case RF_VALUE:
        if (x->has_value && x->cmp != CMP_DONE)
            text_format_number(x->value, buf, len);
        break;
    case RF_UNIT:
        if (x->cmp != CMP_DONE)
            put(buf, len, x->unit);
        break;
    case RF_BASELINE:
        if (x->baseline_year && x->cmp != CMP_DONE)
            snprintf(buf, len, "%d", x->baseline_year);
        break;
    case RF_LEAD:
        put(buf, len, x->lead);
        break;
    case RF_SUPPORT: {
        size_t k = 0;
        for (size_t i = 0; i < x->n_support && k + 1 < len; i++) {
            int n = snprintf(buf + k, len - k, "%s%s", i ? "、" : "",
                             x->support[i]);
            if (n < 0)
                break;
            k += (size_t)n;
        }
        break;
    }
    case RF_FIRMNESS:
        put(buf, len,
            x->deferred   ? "deferred"
            : x->striving ? "striving"
                          : "firm");
        break;
    case RF_SECTION: {
        size_t k = 0;
        for (size_t i = 0; i < x->n_sections && k + 1 < len; i++) {
            int n = snprintf(buf + k, len - k, "%s%s", i ? ", " : "",
                             x->section[i]);
            if (n < 0)
                break;
            k += (size_t)n;
        }
        break;
    }
    case RF_QUOTE:
        put(buf, len, x->quote ? x->quote : "");
        break;
    case RF_COUNT:
        break;
    }
}

bool review_field_inferred(const struct xtarget *x, enum review_field f)
{
    switch (f) {
    case RF_YEAR:
        return !x->year_stated;
    case RF_LEAD:
        return !x->lead_stated;
    case RF_BASELINE:
        return comparator_relative(x->cmp) && !x->baseline_stated;
    case RF_VALUE:
        return x->approximate;
    default:
        return false;
    }
}

/* Drop "extract: confidence 0.62; " or a bare "extract: confidence 0.62". */
static void strip_draft_mark(struct xtarget *x)
{
    if (strncmp(x->note, "extract:", 8) != 0)
        return;
    const char *rest = strstr(x->note, "; ");
    if (rest)
        memmove(x->note, rest + 2, strlen(rest + 2) + 1);
    else
        x->note[0] = '\0';
}

static void mark_reviewed(struct review *r, struct xtarget *x)
{
    r->changed = true;
    /* an edited draft is the official's: it stays to be accepted */
    (void)x;
}

static bool plain_year(const char *s, int *y)
{
    char *end;
    long v = strtol(s, &end, 10);
    while (*end == ' ')
        end++;
    if (end == s || *end || v < 2000 || v > 2100)
        return false;
    *y = (int)v;
    return true;
}

/* The declared agency a name refers to; declared anew when it is new. */
static const char *agency_named(struct review *r, const char *name)
{
    struct xplan *p = &r->plan;
    for (size_t i = 0; i < p->n_agencies; i++) {
        if (strcmp(p->agencies[i].name, name) == 0 ||
            strcmp(p->agencies[i].id, name) == 0)
            return p->agencies[i].name;
        for (size_t k = 0; k < p->agencies[i].n_aliases; k++)
            if (strcmp(p->agencies[i].aliases[k], name) == 0)
                return p->agencies[i].aliases[k];
    }
    struct agency_entry *v =
        realloc(p->agencies, (p->n_agencies + 1) * sizeof *v);
    if (!v)
        return NULL;
    p->agencies = v;
    struct agency_entry *a = &v[p->n_agencies];
    memset(a, 0, sizeof *a);
    put(a->name, sizeof a->name, name);
    for (int n = (int)p->n_agencies + 1;; n++) {
        snprintf(a->id, sizeof a->id, "agency-%d", n);
        bool taken = false;
        for (size_t i = 0; i < p->n_agencies; i++)
            taken |= strcmp(p->agencies[i].id, a->id) == 0;
        if (!taken)
            break;
    }
    p->n_agencies++;
    return a->name;
}

static char *trimmed(const char *text)
{
    char *s = strdup(text);
    if (s)
        text_trim(s);
    return s;
}

int review_set_field(struct review *r, size_t i, enum review_field f,
                     const char *text, char *msg, size_t msglen)
{
    if (i >= r->plan.n_targets)
        return -1;
    struct xtarget *x = &r->plan.targets[i];
    char *s = trimmed(text);
    int rc = 0;
    int y;
    double v;
    const char *rest;
    char err[160];
    msg[0] = '\0';
    if (!s)
        return -1;
    switch (f) {
    case RF_INDICATOR:
        if (!*s) {
            snprintf(msg, msglen, "%s", _("the indicator cannot be empty"));
            rc = -1;
        } else {
            put(x->indicator, sizeof x->indicator, s);
        }
        break;
    case RF_YEAR:
        if (!plain_year(s, &y)) {
            snprintf(msg, msglen, _("'%s' is not a year such as 2025"), s);
            rc = -1;
        } else if (y < r->plan.period_start || y > r->plan.period_end) {
            snprintf(msg, msglen, _("%d is outside the plan period %d-%d"), y,
                     r->plan.period_start, r->plan.period_end);
            rc = -1;
        } else {
            x->year = y;
            x->year_stated = true;
        }
        break;
    case RF_COMPARATOR: {
        int found = -1;
        for (int c = CMP_GE; c <= CMP_RISE; c++)
            if (strcmp(s, comparator_name((enum comparator)c)) == 0)
                found = c;
        if (found < 0) {
            snprintf(msg, msglen,
                     _("comparator must be one of >= > <= < reduce-by "
                       "increase-by done fall rise, not '%s'"),
                     s);
            rc = -1;
            break;
        }
        x->cmp = (enum comparator)found;
        if (x->cmp == CMP_DONE || comparator_trend(x->cmp)) {
            x->has_value = false;
            x->unit[0] = '\0';
            x->baseline_year = 0;
        } else if (comparator_relative(x->cmp) && !x->baseline_year) {
            x->baseline_year = r->plan.period_start - 1;
            x->baseline_stated = false;
        }
        break;
    }
    case RF_VALUE:
        if (text_parse_number(s, &v, &rest, err, sizeof err) < 0 || *rest) {
            snprintf(msg, msglen,
                     _("'%s' is not a number (the unit is a field of its "
                       "own)"),
                     s);
            rc = -1;
        } else if (x->cmp == CMP_DONE) {
            snprintf(msg, msglen, "%s",
                     _("a done target has no value: change the comparator "
                       "first"));
            rc = -1;
        } else {
            x->value = v;
            x->has_value = true;
            x->approximate = false;
        }
        break;
    case RF_UNIT:
        if (!*s && x->cmp != CMP_DONE) {
            snprintf(msg, msglen, "%s",
                     _("a target with a value needs a unit, such as 万千瓦 or "
                       "%"));
            rc = -1;
        } else {
            put(x->unit, sizeof x->unit, s);
        }
        break;
    case RF_BASELINE:
        if (!*s && !comparator_relative(x->cmp)) {
            x->baseline_year = 0;
        } else if (!plain_year(s, &y) || y >= x->year) {
            snprintf(msg, msglen,
                     _("the baseline is a year before the milestone year "
                       "%d"),
                     x->year);
            rc = -1;
        } else {
            x->baseline_year = y;
            x->baseline_stated = true;
        }
        break;
    case RF_LEAD: {
        const char *name = *s ? agency_named(r, s) : NULL;
        if (!name) {
            snprintf(msg, msglen, "%s", _("a target needs a lead agency"));
            rc = -1;
        } else {
            put(x->lead, sizeof x->lead, name);
            x->lead_stated = true;
        }
        break;
    }
    case RF_SUPPORT: {
        /* 、 or , between names */
        x->n_support = 0;
        char *save = NULL;
        for (char *p = s; *p; p++)
            if (*p == ',')
                *p = '\n';
        char *q;
        while ((q = strstr(s, "、")) || (q = strstr(s, "，")))
            memcpy(q, "\n\n\n", 3);
        for (char *tok = strtok_r(s, "\n", &save); tok;
             tok = strtok_r(NULL, "\n", &save)) {
            text_trim(tok);
            const char *name = *tok ? agency_named(r, tok) : NULL;
            if (name && x->n_support < AGENCY_MAX_SUPPORT &&
                strcmp(name, x->lead) != 0)
                put(x->support[x->n_support++], AGENCY_NAME_MAX, name);
        }
        break;
    }
    case RF_FIRMNESS:
        if (strcmp(s, "firm") == 0)
            x->striving = x->deferred = false;
        else if (strcmp(s, "striving") == 0)
            x->striving = true, x->deferred = false;
        else if (strcmp(s, "deferred") == 0) {
            x->deferred = true;
            x->cmp = CMP_DONE;
            x->has_value = false;
            x->unit[0] = '\0';
        } else {
            snprintf(msg, msglen,
                     _("firmness is firm, striving or deferred, not '%s'"), s);
            rc = -1;
        }
        break;
    case RF_SECTION: {
        x->n_sections = 0;
        char *save = NULL;
        for (char *tok = strtok_r(s, ",", &save);
             tok && x->n_sections < XT_MAX_SECTIONS;
             tok = strtok_r(NULL, ",", &save)) {
            text_trim(tok);
            if (*tok)
                put(x->section[x->n_sections++], sizeof x->section[0], tok);
        }
        if (!x->n_sections) {
            put(x->section[0], sizeof x->section[0], "一");
            x->n_sections = 1;
        }
        break;
    }
    case RF_QUOTE:
        if (!*s || strchr(s, '\n') ||
            (r->source_len && !strstr(r->source, s))) {
            snprintf(msg, msglen, "%s",
                     _("the quote must be copied exactly from the source "
                       "text"));
            rc = -1;
        } else {
            free(x->quote);
            x->quote = strdup(s);
            x->offset = extract_quote_offset(r->source, s);
        }
        break;
    case RF_COUNT:
        rc = -1;
        break;
    }
    free(s);
    if (rc == 0)
        mark_reviewed(r, x);
    return rc;
}

void review_accept(struct review *r, size_t i)
{
    if (i < r->plan.n_targets) {
        r->plan.targets[i].review = XR_ACCEPTED;
        r->changed = true;
    }
}

void review_reject(struct review *r, size_t i)
{
    if (i < r->plan.n_targets) {
        r->plan.targets[i].review = XR_REJECTED;
        r->changed = true;
    }
}

void review_undo(struct review *r, size_t i)
{
    if (i < r->plan.n_targets) {
        r->plan.targets[i].review = XR_PENDING;
        r->changed = true;
    }
}

static bool sentence_end(const char *s, size_t i, size_t n)
{
    return s[i] == '\n' || grammar_starts(s + i, n - i, "。") ||
           grammar_starts(s + i, n - i, "；") ||
           grammar_starts(s + i, n - i, "！") ||
           grammar_starts(s + i, n - i, "？");
}

void review_sentence_at(const struct review *r, size_t at, size_t *from,
                        size_t *to)
{
    const char *s = r->source;
    size_t n = r->source_len;
    if (at >= n) {
        *from = *to = n;
        return;
    }
    size_t a = at;
    while (a > 0) {
        size_t p = a - 1;
        while (p > 0 && ((unsigned char)s[p] & 0xC0) == 0x80)
            p--;
        if (sentence_end(s, p, n))
            break;
        a = p;
    }
    size_t b = at;
    while (b < n && !sentence_end(s, b, n))
        b++;
    *from = a;
    *to = b;
}

size_t review_quote_at(const struct review *r, const struct xtarget *x)
{
    const char *q = x->quote && *x->quote ? strstr(r->source, x->quote) : NULL;
    return q ? (size_t)(q - r->source) : (size_t)-1;
}

long review_add(struct review *r, size_t from, size_t to, char *msg,
                size_t msglen)
{
    msg[0] = '\0';
    if (from >= to || to > r->source_len) {
        snprintf(msg, msglen, "%s",
                 _("no sentence to add: move to one with "
                   "[ and ] first"));
        return -1;
    }
    struct grammar_context ctx = {.period_start = r->plan.period_start,
                                  .default_year = r->plan.period_end};
    struct stated_list l = {0};
    grammar_sentence(r->source, from, to, &ctx, &l);
    struct xtarget *x = xplan_add_target(&r->plan);
    if (!x) {
        free(l.v);
        return -1;
    }
    const struct stated *s = l.n ? &l.v[0] : NULL;
    size_t qa = s ? s->q_from : from, qb = s ? s->q_to : to;
    x->quote = strndup(r->source + qa, qb - qa);
    if (s) {
        put(x->indicator, sizeof x->indicator, s->indicator);
        x->year = s->year;
        x->year_stated = s->year_stated;
        x->cmp = s->cmp;
        x->has_value = s->has_value;
        x->value = s->value;
        put(x->unit, sizeof x->unit, s->unit);
        x->baseline_year = s->baseline_year;
        x->baseline_stated = s->baseline_stated;
        x->striving = s->striving;
        x->deferred = s->deferred;
        x->approximate = s->approximate;
    } else {
        put(x->indicator, sizeof x->indicator, x->quote);
        x->year = r->plan.period_end;
        x->cmp = CMP_DONE;
    }
    free(l.v);
    if (x->year < r->plan.period_start || x->year > r->plan.period_end)
        x->year = r->plan.period_end;
    /* the lead of the nearest target before it in the text, to be checked */
    size_t best = 0;
    const char *lead = r->plan.n_agencies ? r->plan.agencies[0].name : "";
    for (size_t i = 0; i + 1 < r->plan.n_targets; i++) {
        size_t at = review_quote_at(r, &r->plan.targets[i]);
        if (at != (size_t)-1 && at <= from && at >= best &&
            r->plan.targets[i].lead[0]) {
            best = at;
            lead = r->plan.targets[i].lead;
        }
    }
    put(x->lead, sizeof x->lead, lead);
    x->lead_stated = false;
    extract_section_at(r->source, r->source_len, from, x->section[0],
                       sizeof x->section[0]);
    x->n_sections = 1;
    put(x->domain, sizeof x->domain, "governance");
    r->added++;
    for (size_t n = r->added;; n++) {
        snprintf(x->id, sizeof x->id, "added-%zu-%d", n, x->year);
        bool taken = false;
        for (size_t i = 0; i + 1 < r->plan.n_targets; i++)
            taken |= strcmp(r->plan.targets[i].id, x->id) == 0;
        if (!taken)
            break;
    }
    x->offset = extract_quote_offset(r->source, x->quote);
    x->confidence = 0.5;
    snprintf(x->note, sizeof x->note,
             "extract: confidence 0.50; added in review from a sentence the "
             "draft missed; lead from the target before it");
    x->review = XR_PENDING;
    r->changed = true;
    return (long)(r->plan.n_targets - 1);
}

void review_counts(const struct review *r, size_t *pending, size_t *accepted,
                   size_t *rejected)
{
    *pending = *accepted = *rejected = 0;
    for (size_t i = 0; i < r->plan.n_targets; i++) {
        enum xreview s = r->plan.targets[i].review;
        *pending += s == XR_PENDING;
        *accepted += s == XR_ACCEPTED;
        *rejected += s == XR_REJECTED;
    }
}

/* The header's line that says how the review stands. */
static void header_review_line(struct review *r)
{
    size_t p, a, x;
    review_counts(r, &p, &a, &x);
    char *h = r->plan.header;
    char *old = strstr(h, "\nReviewed with plantrack review:");
    if (old)
        *old = '\0';
    size_t k = strlen(h);
    snprintf(h + k, sizeof r->plan.header - k,
             "\nReviewed with plantrack review: %zu accepted, %zu rejected, "
             "%zu still drafts.",
             a, x, p);
}

int review_save(struct review *r, char *msg, size_t msglen)
{
    msg[0] = '\0';
    /* the file as it will be: accepted targets are no longer drafts */
    struct xplan *p = &r->plan;
    for (size_t i = 0; i < p->n_targets; i++)
        if (p->targets[i].review == XR_ACCEPTED)
            strip_draft_mark(&p->targets[i]);
    header_review_line(r);
    char *tmp = NULL;
    if (asprintf(&tmp, "%s.review.%ld.yaml", r->path, (long)getpid()) < 0)
        return -1;
    FILE *f = fopen(tmp, "wx");
    struct pt_error err = {0};
    if (!f) {
        snprintf(msg, msglen, _("cannot write %s: %s"), tmp, strerror(errno));
        free(tmp);
        return -1;
    }
    int rc = extract_write_yaml(p, f, &err);
    if (fflush(f) != 0 || fsync(fileno(f)) != 0)
        rc = -1;
    if (fclose(f) != 0)
        rc = -1;
    if (rc < 0) {
        snprintf(msg, msglen, "%s", err.msg[0] ? err.msg : strerror(errno));
        unlink(tmp);
        free(tmp);
        return -1;
    }
    /* what plantrack check says, quotes against sources/ID.txt included;
     * the temporary file has another id's name, so load it as the plan */
    struct plan_diags d = {0};
    struct plan *pl = plan_load(tmp, &d);
    if (!pl) {
        size_t k = 0;
        for (size_t i = 0; i < d.n && i < 2 && k + 1 < msglen; i++) {
            const char *line = d.lines[i];
            const char *c = strstr(line, ": ");
            int n = snprintf(msg + k, msglen - k, "%s%s", i ? " | " : "",
                             c ? c + 2 : line);
            if (n < 0)
                break;
            k += (size_t)n;
        }
        plan_diags_free(&d);
        unlink(tmp);
        free(tmp);
        return -1;
    }
    plan_free(pl);
    plan_diags_free(&d);
    if (rename(tmp, r->path) != 0) {
        snprintf(msg, msglen, _("cannot write %s: %s"), r->path,
                 strerror(errno));
        unlink(tmp);
        free(tmp);
        return -1;
    }
    free(tmp);
    /* rejected targets are gone from the file, and from the review */
    for (size_t i = 0; i < p->n_targets;)
        if (p->targets[i].review == XR_REJECTED)
            xplan_remove_target(p, i);
        else
            i++;
    r->changed = false;
    return 0;
}
