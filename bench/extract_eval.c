/* make extract-eval: run the extractor on each seed text and measure its
 * draft against the hand-encoded plan that names the seed as its source.
 *
 *   extract_eval SEEDS_DIR PLANS_DIR [-v]
 *
 * A drafted target matches a hand-encoded one when the milestone year is
 * the same and, for a number, the value is the same once 万 and 亿 are
 * multiplied out (百分点 counts as %); a deliverable (done) matches one
 * whose quote is alike (character bigrams, Dice >= 0.35). Each hand target
 * is matched at most once, the most alike quote first. For matched pairs,
 * agreement of comparator, baseline year, lead and support is counted.
 * Prints a Markdown table; -v lists what was missed and what was extra. */
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "plantrack/extract/agencies.h"
#include "plantrack/extract/clean.h"
#include "plantrack/extract/draft.h"
#include "plantrack/plan.h"
#include "plantrack/text.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
        free(b);
        b = NULL;
    }
    fclose(f);
    if (b) {
        b[n] = '\0';
        *len = (size_t)n;
    }
    return b;
}

/* 5000 万千瓦 → 5e7 千瓦; 2 百分点 → 2 %. */
static double normal(double v, const char *unit, char *base, size_t cap)
{
    const char *u = unit;
    double k = 1;
    for (;;) {
        if (strncmp(u, "万", 3) == 0 && u[3])
            k *= 1e4, u += 3;
        else if (strncmp(u, "亿", 3) == 0 && u[3])
            k *= 1e8, u += 3;
        else
            break;
    }
    if (strcmp(u, "百分点") == 0 || strcmp(u, "％") == 0)
        u = "%";
    snprintf(base, cap, "%s", u);
    return v * k;
}

static double dice(const char *a, const char *b)
{
    uint32_t A[512], B[512];
    size_t na = 0, nb = 0, la = strlen(a), lb = strlen(b), common = 0;
    for (size_t i = 0; i < la && na < 512; na++)
        i += text_decode(a + i, la - i, &A[na]);
    for (size_t i = 0; i < lb && nb < 512; nb++)
        i += text_decode(b + i, lb - i, &B[nb]);
    if (na < 2 || nb < 2)
        return 0;
    char used[512] = {0};
    for (size_t i = 0; i + 1 < na; i++)
        for (size_t j = 0; j + 1 < nb; j++)
            if (!used[j] && A[i] == B[j] && A[i + 1] == B[j + 1]) {
                used[j] = 1;
                common++;
                break;
            }
    return 2.0 * (double)common / (double)(na + nb - 2);
}

/* The hand agency's names and aliases against a drafted name. */
static bool agency_agrees(const struct agency *a, const char *name)
{
    if (!a)
        return false;
    if (agencies_same(a->name, name))
        return true;
    for (size_t i = 0; i < a->n_aliases; i++)
        if (agencies_same(a->aliases[i], name))
            return true;
    return false;
}

struct tally {
    size_t hand, draft, matched, cmp, base_n, base, lead, support;
    double seconds;
    size_t bytes;
};

static bool matches(const struct target *h, const struct xtarget *d,
                    double *score)
{
    if (h->year != d->year)
        return false;
    double like = dice(h->quote, d->quote ? d->quote : "");
    double like2 = dice(h->indicator, d->indicator);
    if (like2 > like)
        like = like2;
    if (h->cmp == CMP_DONE || d->cmp == CMP_DONE || comparator_trend(h->cmp) ||
        comparator_trend(d->cmp)) {
        if (h->cmp != d->cmp || like < 0.35)
            return false;
        *score = like;
        return true;
    }
    char bh[64], bd[64];
    double vh = normal(h->value, h->unit, bh, sizeof bh);
    double vd = normal(d->value, d->unit, bd, sizeof bd);
    if (fabs(vh - vd) > 1e-9 * fmax(1, fabs(vh)))
        return false;
    *score = 1 + like;
    return true;
}

static bool support_agrees(const struct target *h, const struct xtarget *d)
{
    if (h->n_support != d->n_support)
        return false;
    for (size_t i = 0; i < h->n_support; i++) {
        const struct agency *a = &h->plan->agencies[h->support[i]];
        bool found = false;
        for (size_t k = 0; k < d->n_support && !found; k++)
            found = agency_agrees(a, d->support[k]);
        if (!found)
            return false;
    }
    return true;
}

static void measure(const struct plan *hand, const struct xplan *draft,
                    struct tally *t, bool verbose)
{
    size_t nh = hand->n_targets, nd = draft->n_targets;
    t->hand += nh;
    t->draft += nd;
    char *hu = calloc(nh + 1, 1), *du = calloc(nd + 1, 1);
    for (;;) {
        double best = 0;
        size_t bi = 0, bj = 0;
        for (size_t i = 0; i < nh; i++)
            for (size_t j = 0; !hu[i] && j < nd; j++) {
                double s;
                if (!du[j] &&
                    matches(&hand->targets[i], &draft->targets[j], &s) &&
                    s > best) {
                    best = s;
                    bi = i;
                    bj = j;
                }
            }
        if (best <= 0)
            break;
        hu[bi] = du[bj] = 1;
        const struct target *h = &hand->targets[bi];
        const struct xtarget *d = &draft->targets[bj];
        t->matched++;
        t->cmp += h->cmp == d->cmp;
        if (comparator_relative(h->cmp) || comparator_relative(d->cmp)) {
            t->base_n++;
            t->base += h->baseline_year == d->baseline_year;
        }
        bool lead = agency_agrees(target_lead(h), d->lead);
        t->lead += lead;
        t->support += support_agrees(h, d);
        if (verbose && (h->cmp != d->cmp || !lead))
            printf("    differs %s: cmp %s/%s lead %s/%s | %s\n", h->id,
                   comparator_name(h->cmp), comparator_name(d->cmp),
                   target_lead(h)->name, d->lead, h->quote);
    }
    if (verbose) {
        for (size_t i = 0; i < nh; i++)
            if (!hu[i]) {
                const struct target *h = &hand->targets[i];
                char v[64] = "";
                if (h->has_value)
                    text_format_number(h->value, v, sizeof v);
                printf("    missed %s %d %s %s%s | %s\n", h->id, h->year,
                       comparator_name(h->cmp), v, h->unit, h->quote);
            }
        for (size_t j = 0; j < nd; j++)
            if (!du[j]) {
                const struct xtarget *d = &draft->targets[j];
                char v[64] = "";
                if (d->has_value)
                    text_format_number(d->value, v, sizeof v);
                printf("    extra  %s %d %s %s%s | %s\n", d->id, d->year,
                       comparator_name(d->cmp), v, d->unit, d->quote);
            }
    }
    free(hu);
    free(du);
}

static double pct(size_t a, size_t b)
{
    return b ? 100.0 * (double)a / (double)b : 0;
}

static void row(const char *name, const struct tally *t)
{
    printf("| %s | %zu | %zu | %zu | %.1f%% | %.1f%% | %.1f%% | %.1f%% "
           "(%zu) | %.1f%% | %.1f%% | %.0f ms |\n",
           name, t->hand, t->draft, t->matched, pct(t->matched, t->hand),
           pct(t->matched, t->draft), pct(t->cmp, t->matched),
           pct(t->base, t->base_n), t->base_n, pct(t->lead, t->matched),
           pct(t->support, t->matched), t->seconds * 1000);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: extract_eval SEEDS_DIR PLANS_DIR [-v]\n");
        return 2;
    }
    bool verbose = argc > 3 && strcmp(argv[3], "-v") == 0;
    text_init();
    struct plan_set set = {0};
    struct pt_error err;
    if (plan_set_load_dir(&set, argv[2], &err) < 0) {
        fprintf(stderr, "%s\n", err.msg);
        return 2;
    }
    struct tally all = {0};
    printf("| plan | hand | drafted | matched | recall | precision | "
           "comparator | baseline year | lead | support | time |\n"
           "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (size_t i = 0; i < set.n; i++) {
        const struct plan *hand = set.plans[i];
        if (!hand->source || !*hand->source)
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", argv[1], hand->source);
        size_t len;
        char *raw = slurp(path, &len);
        if (!raw) {
            fprintf(stderr, "extract_eval: cannot read %s\n", path);
            return 2;
        }
        struct timespec a, b;
        clock_gettime(CLOCK_MONOTONIC, &a);
        struct clean_result c;
        struct xplan p;
        if (clean_text(raw, len, &c, &err) < 0 ||
            extract_run(c.text, c.len, hand->id, hand->source, &p, &err) < 0) {
            fprintf(stderr, "extract_eval: %s: %s\n", path, err.msg);
            return 2;
        }
        clock_gettime(CLOCK_MONOTONIC, &b);
        struct tally t = {0};
        t.seconds = (double)(b.tv_sec - a.tv_sec) +
                    (double)(b.tv_nsec - a.tv_nsec) / 1e9;
        t.bytes = len;
        if (verbose)
            printf("\n%s:\n", hand->id);
        measure(hand, &p, &t, verbose);
        row(hand->id, &t);
        all.hand += t.hand;
        all.draft += t.draft;
        all.matched += t.matched;
        all.cmp += t.cmp;
        all.base_n += t.base_n;
        all.base += t.base;
        all.lead += t.lead;
        all.support += t.support;
        all.seconds += t.seconds;
        xplan_free(&p);
        clean_result_free(&c);
        free(raw);
    }
    row("**all**", &all);
    plan_set_free(&set);
    return 0;
}
