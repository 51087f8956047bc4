/* Review of a drafted plan: the requests an official makes on it (accept,
 * reject, edit a field, add a missed sentence as a target) and the plan
 * file written back, only once plantrack check passes it. No curses: the
 * viewer room (src/tui/review.c) draws this and turns keys into these
 * requests. */
#ifndef PLANTRACK_EXTRACT_REVIEW_H
#define PLANTRACK_EXTRACT_REVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "plantrack/extract/draft.h"

struct review {
    struct xplan plan;
    char *path;   /* the plan file */
    char *source; /* its cleaned text, sources/ID.txt ("" when none) */
    size_t source_len;
    bool changed; /* since opened or written */
    size_t added; /* targets added in this review */
};

enum review_field {
    RF_INDICATOR,
    RF_YEAR,
    RF_COMPARATOR,
    RF_VALUE,
    RF_UNIT,
    RF_BASELINE,
    RF_LEAD,
    RF_SUPPORT,
    RF_FIRMNESS,
    RF_SECTION,
    RF_QUOTE,
    RF_COUNT
};

int review_open(struct review *r, const char *path, struct pt_error *err);
void review_close(struct review *r);

/* The field's label, translated ("year", "lead"…). */
const char *review_field_label(enum review_field f);
/* The field as text, as it is edited. */
void review_field_text(const struct xtarget *x, enum review_field f, char *buf,
                       size_t len);
/* Whether the draft inferred the field rather than read it in the text. */
bool review_field_inferred(const struct xtarget *x, enum review_field f);
/* Set a field from text. Returns 0, or -1 with a message that says what
 * is wrong (the field keeps its value). */
int review_set_field(struct review *r, size_t i, enum review_field f,
                     const char *text, char *msg, size_t msglen);

void review_accept(struct review *r, size_t i);
void review_reject(struct review *r, size_t i);
void review_undo(struct review *r, size_t i);

/* The sentence of the source that holds byte `at`: [*from, *to). */
void review_sentence_at(const struct review *r, size_t at, size_t *from,
                        size_t *to);
/* Where a target's quote is in the source, in bytes; (size_t)-1 if not. */
size_t review_quote_at(const struct review *r, const struct xtarget *x);
/* A new target from the source's sentence [from, to) that the draft
 * missed, its fields read by the grammar where it can. Returns its index,
 * or -1 with a message. */
long review_add(struct review *r, size_t from, size_t to, char *msg,
                size_t msglen);

/* Counts for the header. */
void review_counts(const struct review *r, size_t *pending, size_t *accepted,
                   size_t *rejected);

/* Write the plan file: accepted targets lose their "extract:" mark,
 * rejected ones are left out. Written to a temporary file, checked as
 * plantrack check does, and renamed into place only if it passes;
 * otherwise -1 with the first problems in msg. */
int review_save(struct review *r, char *msg, size_t msglen);

#endif
