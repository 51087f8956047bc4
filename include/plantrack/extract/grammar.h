/* The extractor's second room: how Chinese plans state a target, as small
 * grammars over a cleaned sentence: milestone years (到2025年, 2025年底前,
 * "十四五"期间, 经过三年), baselines (较2020年), numbers with their units
 * (5000万千瓦, 17.5%, 2个百分点), comparators (以上, 不低于, 控制在, 下降,
 * 提高…), firmness (力争), approximations (约, 左右), deferral to a higher
 * authority (达到上级要求) and deliverables (出台…办法, 全部完成…). */
#ifndef PLANTRACK_EXTRACT_GRAMMAR_H
#define PLANTRACK_EXTRACT_GRAMMAR_H

#include <stdbool.h>
#include <stddef.h>

#include "plantrack/plan.h"

/* What the sentence's surroundings say. */
struct grammar_context {
    int para_year;    /* year that opens the paragraph, 0 if none */
    int default_year; /* for undated numbers: the plan's near milestone */
    int period_start; /* the plan's first year (issue year) */
    int span_years;   /* "经过三年": the plan's span, 0 if unknown */
    bool headline;    /* in 主要目标 */
};

/* A target as the sentence states it. Offsets are bytes into the text
 * given to grammar_sentence. */
struct stated {
    size_t q_from, q_to; /* the quote */
    char indicator[256]; /* what is measured, in the text's words */
    int year;
    bool year_stated;   /* false: from the paragraph's or plan's context */
    char year_from[48]; /* how the year was found, for the note */
    enum comparator cmp;
    bool has_value;
    double value;
    char unit[48];
    int baseline_year;
    bool baseline_stated;
    bool striving, deferred, approximate;
    bool split; /* one of several indicators sharing a value */
    bool bare;  /* a list item with no verb of its own */
};

struct stated_list {
    struct stated *v;
    size_t n, cap;
};

/* Every target stated in text[from, to) (one sentence, without its final
 * punctuation), appended to out. */
void grammar_sentence(const char *text, size_t from, size_t to,
                      const struct grammar_context *ctx,
                      struct stated_list *out);

/* A milestone year phrase at text[i, n): its length in bytes (0 if none)
 * and the year(s) it names (year2 = 0 unless "到2025年和2030年"). */
size_t grammar_year_at(const char *text, size_t i, size_t n,
                       const struct grammar_context *ctx, int *year,
                       int *year2);

/* The year "经过三年试点建设" names in text[a, b), 0 if none. */
int grammar_span_year(const char *text, size_t a, size_t b,
                      const struct grammar_context *ctx);

/* A number with its unit at s: the bytes used (0 if none). "5000万千瓦" →
 * 5000, "万千瓦"; "2个百分点" → 2, "百分点". */
size_t grammar_quantity(const char *s, size_t n, double *value, char *unit,
                        size_t unit_cap);

/* Whether s starts with the UTF-8 word w. */
bool grammar_starts(const char *s, size_t n, const char *w);

#endif
