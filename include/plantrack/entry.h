/* Entry: what an official types for a new observation (on the command line
 * or in the TUI editor), checked field by field and normalised. */
#ifndef PLANTRACK_ENTRY_H
#define PLANTRACK_ENTRY_H

#include <stdbool.h>

#include "plantrack/log.h"
#include "plantrack/plan.h"
#include "plantrack/status.h"

enum entry_field {
    ENTRY_DATE,
    ENTRY_VALUE,
    ENTRY_UNIT,
    ENTRY_SOURCE,
    ENTRY_NOTE,
    ENTRY_NFIELDS
};

#define ENTRY_MAX_SOURCE 500
#define ENTRY_MAX_NOTE 2000

/* The normalised entry, ready to append. */
struct entry {
    char date[11];
    bool has_value;
    double value;
    char state[16];
    char unit[64];
    char source[ENTRY_MAX_SOURCE + 1];
    char note[ENTRY_MAX_NOTE + 1];
    bool from_level; /* typed as the level reached (水平 X, --level) */
    double level;
    bool against; /* stated in words as a move away (升 for a fall) */
};

/* A message per field (empty when the field is fine). */
struct entry_check {
    char msg[ENTRY_NFIELDS][200];
    int n_errors;
};

/* Check raw field texts (NULL or "" for an empty field) for target t.
 * An empty date means today; a correction needs a note (its reason).
 * Returns 0 when the entry can be saved, -1 otherwise. */
int entry_parse(const struct target *t, const char *const raw[ENTRY_NFIELDS],
                struct pt_date today, bool correction, struct entry *out,
                struct entry_check *chk);

/* The log input for a parsed entry. */
void entry_input(const struct entry *e, const struct target *t,
                 const char *corrects, struct obs_input *in);

/* A soft warning (saving is still allowed): the value is far from the last
 * observation or moves away from the target. "" when none. */
void entry_warning(const struct target *t, const struct target_summary *s,
                   const struct entry *e, char *buf, size_t len);

const char *entry_field_name(enum entry_field f);

/* What to type in the value field for t: "the fall achieved since 2020,
 * e.g. 18.5 or 降18.5 …". */
void entry_value_hint(const struct target *t, char *buf, size_t len);

/* Whether the figure is more than ten times away from `last` (the current
 * figure it follows, never one being corrected; NULL when none), else the
 * baseline, else the target: such a figure needs a confirmation (--confirm,
 * or a second save in the editor). The message goes in buf. */
bool entry_implausible(const struct target *t, const struct obs_point *last,
                       const struct entry *e, char *buf, size_t len);

#endif
