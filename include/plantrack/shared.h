/* Shared-server mode: plantrack installed setgid to a group the officials
 * are not in (make install SHARED_GROUP=plantrack), the log in a directory
 * only that group may enter (SHARED_DIR, /var/lib/plantrack). Officials
 * can then change the log only through plantrack, which records their
 * real account as the author: the pattern of crontab and shared score
 * files. Outside that installation every function here does nothing. */
#ifndef PLANTRACK_SHARED_H
#define PLANTRACK_SHARED_H

#include <stdbool.h>

#include "plantrack/error.h"

/* Whether this process runs in shared-server mode: the program file is
 * setgid (or the effective group differs from the real one). */
bool shared_mode(void);

/* First thing in main, before the locale or anything else reads the
 * environment. In shared-server mode: make sure the group's rights are
 * really there (a nosuid mount or a user namespace drops them: then
 * nothing is done, rather than writing to a private log by mistake), keep
 * only the environment plantrack needs and only values that name no file
 * (no TERMINFO, TMPDIR, SQLITE_TMPDIR, LOCPATH; a LANGUAGE, LANG, TERM or
 * TZ with a path in it is dropped), forbid core dumps, and set the group's
 * rights aside until the log is opened. Returns -1 with a message when the
 * mode cannot be honoured. */
int shared_init(struct pt_error *err);

/* Take up the group's rights (to open or close the log) and put them down
 * again. Everything else, the user's own files among them (plans, drafts,
 * a file to import), is opened with the user's own rights. */
void shared_raise(void);
void shared_lower(void);

/* Around the terminal's setup (newterm). ncurses reads terminal
 * descriptions from $HOME/.terminfo unless it deems the process privileged,
 * and once shared_init has set the group's rights aside it no longer does:
 * a description the caller wrote would be parsed by a process that can
 * take those rights up again. In shared-server mode HOME is hidden in
 * between, so only the system's descriptions are read; outside it, both do
 * nothing. */
void shared_terminal_begin(void);
void shared_terminal_end(void);

/* The shared log's directory, compiled in (SHARED_DIR). */
const char *shared_dir(void);

/* In shared-server mode, whether an option may name this log: only a file
 * directly in the shared directory. 0 when allowed, else -1 with a
 * message. Outside the mode, always 0. */
int shared_check_db(const char *path, struct pt_error *err);

#endif
