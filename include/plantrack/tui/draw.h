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
/* The colour of a 督办 light (red, yellow, green; none plain). */
attr_t light_attr(const struct tui *t, enum light l);
attr_t pair_attr(const struct tui *t, int pair);
/* Whether the terminal can move its cursor (TERM=dumb cannot: the viewer
 * would fill it with garbage, so it says so instead). */
bool draw_terminal_can_address(void);

/* Pane drawing (panes.c, detail.c, overlay.c, editor.c). A filter list
 * draws into its pane or, on a narrow terminal, an overlay window. */
void draw_facets(struct tui *t, WINDOW *w, enum pane p, bool focused);
void draw_targets(struct tui *t);
void draw_detail(struct tui *t);
void draw_bar(struct tui *t);
void draw_overlay(struct tui *t);
void draw_editor(struct tui *t, WINDOW *w, int top, int height, int width);

/* Rows a pane shows (inside its border). */
int pane_rows(const struct tui *t, enum pane p);
bool pane_is_filter(enum pane p);
/* The window a pane is drawn in now (its overlay when it is one). */
WINDOW *pane_window(const struct tui *t, enum pane p);
/* The columns of the target list in `inner` cells: their x (inside the
 * border, -1 when not shown) and width; returns the set shown. */
unsigned list_columns(const struct tui *t, int inner, int x[COL_COUNT],
                      int w[COL_COUNT]);
/* Number of entries of a pane's list (lines, for the detail). */
long pane_count(const struct tui *t, enum pane p);

#endif
