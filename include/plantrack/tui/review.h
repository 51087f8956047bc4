/* The review room of the viewer: walks a drafted plan's targets with the
 * source text beside each, its quote highlighted and what was inferred
 * marked; keys accept, reject, edit a field or add a missed sentence. It
 * owns its screen and keys, and shares only the text helpers (text.c) and
 * the line editor with the rest of the viewer. */
#ifndef PLANTRACK_TUI_REVIEW_H
#define PLANTRACK_TUI_REVIEW_H

#include <stdbool.h>

#include "plantrack/extract/review.h"

/* Run the room on r until the official quits; returns the exit code. */
int tui_review(struct review *r, bool utf8);

#endif
