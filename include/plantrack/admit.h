/* Admission: the one check every row passes before it enters the log,
 * whatever door it came through (add, correct, the viewer's editor, every
 * row of an import or a sync). The log runs it (log_set_check); importers
 * also run it on every row before they write any. */
#ifndef PLANTRACK_ADMIT_H
#define PLANTRACK_ADMIT_H

#include <stdbool.h>
#include <stddef.h>

#include "plantrack/log.h"
#include "plantrack/plan.h"
#include "plantrack/text.h"

/* Longest author (an account name) and host names a row may carry. */
#define ADMIT_MAX_AUTHOR 64
#define ADMIT_MAX_HOST 255

/* Whether row may enter the log, given the plans and today's date (local
 * time): a UUID; a plan and a target the plans hold; a date YYYY-MM-DD,
 * a real day, from 2000 and not after today; a finite number in the
 * target's unit, or a state for a done/not-done target; source and note
 * as UTF-8 within the editor's lengths; an author and a host; a UTC
 * recorded_at (YYYY-MM-DDTHH:MM:SS[.mmm]Z) not in the future; and, for a
 * correction, a reason (note) and the corrected observation, of the same
 * target (`corrected`: NULL when it was not found). 0 when it may, else
 * -1 with the first reason in why. */
int admit_row(const struct plan_set *plans, struct pt_date today,
              const struct obs *row, const struct obs *corrected, char *why,
              size_t len);

/* The same check with the plans' targets indexed by (plan, target): one
 * lookup a row however many plans there are, for imports of millions of
 * rows. The plans must outlive it; NULL when out of memory. */
struct admit;
struct admit *admit_new(const struct plan_set *plans);
void admit_free(struct admit *a);
int admit_check(const struct admit *a, struct pt_date today,
                const struct obs *row, const struct obs *corrected, char *why,
                size_t len);
/* The target a row names, NULL when the plans have none such. */
const struct target *admit_target(const struct admit *a, const char *plan,
                                  const char *target);

/* Set the check, with these plans, as log's check (today's date is taken
 * at each row). The plans must outlive the log (the model owns both). */
int admit_attach(struct log *log, const struct plan_set *plans);

/* Whether s is a UUID as plantrack writes it (lower-case hex, 8-4-4-4-12). */
bool admit_uuid(const char *s);
/* What a correction's corrects column holds: one UUID, or several
 * separated by single spaces (a correction resolving competing ones). */
bool admit_uuid_list(const char *s);
/* Whether s is well-formed UTF-8 with no NUL before its end (n bytes). */
bool admit_utf8(const char *s, size_t n);

#endif
