/* Drawing: every pane is drawn through these, so untrusted text is always
 * sanitised and cut at a character boundary to the cells it may use. */
#ifndef PLANTRACK_TUI_DRAW_H
#define PLANTRACK_TUI_DRAW_H

#include "plantrack/tui/state.h"

/* Put s at (y, x) in at most `cols` cells (padded to exactly cols when pad
 * is set), with attributes. Returns the cells used. */
int draw_text(struct tui *t, WINDOW *w, int y, int x, const char *s, int cols,
              bool pad, attr_t attr);
/* A bordered pane with its title in the top border. */
void draw_frame(struct tui *t, WINDOW *w, const char *title, bool focused);
/* Attributes for a status: colour when there is colour, bold for the
 * urgent ones so a monochrome terminal still tells them apart. */
attr_t status_attr(const struct tui *t, enum status_code c);
attr_t pair_attr(const struct tui *t, int pair);
/* Short word for a status in a narrow column. */
const char *status_word(enum status_code c);

/* Pane drawing (panes.c, detail.c, overlay.c, editor.c). */
void draw_facets(struct tui *t, enum pane p);
void draw_targets(struct tui *t);
void draw_detail(struct tui *t);
void draw_bar(struct tui *t);
void draw_overlay(struct tui *t);
void draw_editor(struct tui *t, WINDOW *w, int top, int height, int width);

/* Rows a pane shows (inside its border). */
int pane_rows(const struct tui *t, enum pane p);
/* Number of entries of a pane's list. */
long pane_count(const struct tui *t, enum pane p);

#endif
