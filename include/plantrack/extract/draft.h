/* The extractor's last room: a cleaned plan text made into a draft plan
 * (plantrack-plans(5)): metadata, the agencies named, and every dated
 * target with its quote, the quote's offset, a confidence and what was
 * inferred. Written as YAML with libyaml's emitter or as JSON, and read
 * back from YAML for review. */
#ifndef PLANTRACK_EXTRACT_DRAFT_H
#define PLANTRACK_EXTRACT_DRAFT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "plantrack/error.h"
#include "plantrack/extract/agencies.h"
#include "plantrack/plan.h"

#define XT_MAX_SECTIONS 4

/* Where a drafted target stands in review. */
enum xreview { XR_PENDING, XR_ACCEPTED, XR_REJECTED };

struct xtarget {
    char id[72];
    char section[XT_MAX_SECTIONS][48];
    size_t n_sections;
    char domain[16];
    char indicator[256];
    int year;
    bool year_stated;
    char year_from[48]; /* the words that gave the year, or "context" */
    enum comparator cmp;
    bool has_value;
    double value;
    char unit[48];
    int baseline_year;
    bool baseline_stated;
    char lead[AGENCY_NAME_MAX];
    bool lead_stated;
    char support[AGENCY_MAX_SUPPORT][AGENCY_NAME_MAX];
    size_t n_support;
    bool striving, deferred, approximate;
    char *quote;
    size_t offset;     /* characters into the cleaned text */
    double confidence; /* 0..1 */
    char note[640];
    bool headline; /* stated in 主要目标 */
    size_t at;     /* where the statement starts, in bytes (while drafting) */
    enum xreview review;
};

struct xplan {
    char id[72];
    char title[256];
    char short_name[64];
    char issuer[256];
    char document[96];
    char issued[16];
    bool standing_draft; /* 征求意见稿 */
    int period_start, period_end;
    char source[256];
    struct agency_entry *agencies;
    size_t n_agencies;
    struct xtarget *targets;
    size_t n_targets, cap;
    char header[4096]; /* the comment written above the plan */
};

/* Draft a plan from the cleaned text (clean_text's output). id names the
 * plan, source the file it was collected as. */
int extract_run(const char *text, size_t len, const char *id,
                const char *source, struct xplan *out, struct pt_error *err);

/* The plan file, with the header comment, as libyaml emits it. */
int extract_write_yaml(const struct xplan *p, FILE *out, struct pt_error *err);
/* The targets as a JSON array (plan, year, indicator, comparator, value,
 * unit, baseline_year, lead, support, quote, offset, confidence, …). */
void extract_write_json(const struct xplan *p, FILE *out);

/* Read a plan file back (a draft, or any plan) for review. The header
 * comment is kept. Returns -1 with err on a file that is not a plan. */
int extract_read_yaml(const char *buf, size_t len, struct xplan *out,
                      struct pt_error *err);

/* The section (二(一)1, 专栏5(1)) of the text at byte `at`. */
void extract_section_at(const char *text, size_t len, size_t at, char *out,
                        size_t cap);

/* Where the quote stands in text, in characters; (size_t)-1 if not. */
size_t extract_quote_offset(const char *text, const char *quote);

struct xtarget *xplan_add_target(struct xplan *p);
void xplan_remove_target(struct xplan *p, size_t i);
void xplan_free(struct xplan *p);

#endif
