/* Drafts: what an official has typed into the editor, kept on disk as they
 * type (as ODK Collect does), so nothing typed is lost to a cancel, a crash
 * or a dropped SSH connection. A target has one draft for a new observation
 * and one for each observation being corrected, kept apart. */
#ifndef PLANTRACK_DRAFT_H
#define PLANTRACK_DRAFT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "plantrack/entry.h"
#include "plantrack/error.h"

#define DRAFT_FIELD_MAX 2048

struct draft {
    char plan[72], target[72];
    char corrects[37]; /* "" for a new observation */
    char uuid[37];     /* the id a save records it under, once saving began */
    char fields[ENTRY_NFIELDS][DRAFT_FIELD_MAX + 1];
    time_t saved;
};

/* $PLANTRACK_DRAFTS, else $XDG_STATE_HOME/plantrack/drafts
 * (~/.local/state/plantrack/drafts). Caller frees. */
char *draft_dir(void);
/* The drafts of one log, in a folder of draft_dir() named after the log
 * (its file name and a hash of its absolute path), so a draft typed
 * against one log is never offered for another. Caller frees. */
char *draft_dir_for_log(const char *log_path);

/* Write atomically (temporary file, fsync, rename); creates the directory. */
int draft_save(const char *dir, const struct draft *d, struct pt_error *err);
/* 1 when a draft for plan/target exists (filled into d), 0 when none;
 * `corrects` is the uuid of the observation a correction corrects, "" for
 * a new observation. */
int draft_load(const char *dir, const char *plan, const char *target,
               const char *corrects, struct draft *d);
void draft_discard(const char *dir, const char *plan, const char *target,
                   const char *corrects);
/* Every draft in dir, oldest first. Caller frees the array. */
int draft_list(const char *dir, struct draft **out, size_t *n);
/* Whether the draft holds anything typed. */
bool draft_is_empty(const struct draft *d);

#endif
