/* Which figure counts when corrections compete. The rows of a log that
 * correct or are corrected form groups: an observation with every row that
 * corrects it, or corrects one of its corrections. A group's current
 * figures are the rows nothing corrects. One current figure: nothing to
 * decide. Several (two laptops corrected the same figure offline): the one
 * recorded last, then the greatest id, counts in every log whatever order
 * the rows arrived in, the others are set aside, and when they disagree the
 * group is a conflict that a person resolves with a correction naming them
 * all. No SQL here: log.c reads the rows. */
#ifndef PLANTRACK_CORRECTION_H
#define PLANTRACK_CORRECTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct correction_row {
    /* what the log holds; strings owned by the caller */
    int64_t seq;
    char uuid[37];
    char corrects[37]; /* "" for an observation that corrects nothing */
    const char *also;  /* further ids it corrects, space-separated, or NULL */
    char recorded_at[32];
    char date[11];
    bool has_value;
    double value;
    char state[16];
    const char *plan, *target;
    /* what correction_resolve decides */
    bool corrected; /* another row of the set corrects it */
    bool set_aside; /* a current figure, but a competing one counts */
    bool conflict;  /* one of several current figures that disagree */
    bool counts;    /* the group's figure that counts (several or one) */
    size_t group;   /* the same for every row of a group */
};

/* Decide every row's standing. Sorts v by uuid (for correction_find); the
 * set must hold every row of each group it touches. */
void correction_resolve(struct correction_row *v, size_t n);
/* The row with this uuid in a resolved set, or NULL. */
const struct correction_row *correction_find(const struct correction_row *v,
                                             size_t n, const char *uuid);
/* An observation's standing in words for a table: "corrected",
 * "conflict: counts", "conflict: set aside", "same as a competing
 * correction", or "" for a current one. */
const char *correction_label(bool corrected, bool superseded, bool conflict);
/* What a corrects column says, short: "corrects 1a2b3c4d", or "resolves
 * 1a2b3c4d 5e6f7a8b" for a correction that names several; "" for none. */
void correction_refs(const char *corrects, char *buf, size_t len);
/* Whether a is recorded after b by the rule every log applies: the later
 * recorded time, then the greater id. */
bool correction_later(const char *a_recorded_at, const char *a_uuid,
                      const char *b_recorded_at, const char *b_uuid);

#endif
