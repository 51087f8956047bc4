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
/* One observation of the detail's history in full. */
void overlay_open_obs(struct tui *t, long index);
/* The status bar's message in full. */
void overlay_open_message(struct tui *t);
/* A filter list over the screen. */
void overlay_open_facets(struct tui *t, enum pane p);
/* The choice of the list's columns, saved in the config file on close. */
void overlay_open_columns(struct tui *t);
void overlay_close(struct tui *t);
/* Handle a key while an overlay is open; returns what to redraw. */
unsigned overlay_key(struct tui *t, int key);

#endif
