/* Overlays drawn over the panes: help, the source text around a quote, and
 * the offer to recover drafts left by an earlier session. */
#ifndef PLANTRACK_TUI_OVERLAY_H
#define PLANTRACK_TUI_OVERLAY_H

#include "plantrack/tui/state.h"

void overlay_open_help(struct tui *t);
/* Show the target's quote in its place in the plan's source text. */
void overlay_open_source(struct tui *t, const struct target *tg);
/* Offer the drafts found at start; does nothing when there are none. */
void overlay_open_drafts(struct tui *t);
void overlay_close(struct tui *t);
/* Handle a key while an overlay is open; returns what to redraw. */
unsigned overlay_key(struct tui *t, int key);

#endif
