/* The inline editor: a small form in the detail pane for a new observation
 * or a correction, validated as the official types and saved as a draft on
 * every change. */
#ifndef PLANTRACK_TUI_EDITOR_H
#define PLANTRACK_TUI_EDITOR_H

#include "plantrack/tui/state.h"

/* Open the form for row's target; `old` is the observation to correct, or
 * NULL for a new one. A draft for the target is restored. */
void editor_open(struct tui *t, const struct model_row *row,
                 const struct obs *old);
/* Whether a draft's save went through before its session died (its id is
 * in the log); such a draft is dropped, not offered again. */
bool editor_draft_was_saved(struct tui *t, const struct draft *d);
/* Open the form from a recovered draft. */
void editor_open_draft(struct tui *t, const struct draft *d);
/* Handle a key while the form is open; returns what to redraw. */
unsigned editor_key(struct tui *t, int key);
/* Close the form, keeping its draft unless discard is set. */
void editor_close(struct tui *t, bool discard);
/* Put the terminal cursor in the focused field (after the panes are
 * drawn). */
void editor_place_cursor(struct tui *t);
/* The form's message (why saving failed, a field's problem, a warning)
 * and its attributes; NULL when there is none. */
const char *editor_message(const struct tui *t, attr_t *a);
/* The form's keys for the status bar, those that fit in `width`. */
void editor_hints(const struct tui *t, int width, char *buf, size_t len);
/* Help lines for the form's keys. */
size_t editor_help_lines(char lines[][160], size_t max);

#endif
