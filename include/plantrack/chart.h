/* Chart: a target's observations against its target line and the straight
 * path from baseline to target, as a grid of terminal cells (braille dots,
 * or ASCII when the terminal is not UTF-8). No curses here. */
#ifndef PLANTRACK_CHART_H
#define PLANTRACK_CHART_H

#include <stdbool.h>
#include <stddef.h>

struct chart_point {
    double t, y; /* fractional year, value */
};

struct chart_input {
    const struct chart_point *obs; /* in time order */
    size_t n_obs;
    bool has_target;
    double target; /* the level to reach */
    bool has_path;
    struct chart_point from, to; /* baseline → target */
    bool has_span;
    double t_from, t_to; /* the time axis covers at least this */
};

/* What a cell shows, most important last: a cell holding an observation
 * is drawn as one whatever else passes through it. */
enum chart_kind { CHART_EMPTY, CHART_TARGET, CHART_PATH, CHART_OBS };

struct chart_cell {
    char text[5]; /* one UTF-8 character, NUL-terminated */
    enum chart_kind kind;
};

/* The ranges the chart spans (for axis labels). */
struct chart_range {
    double t_min, t_max, y_min, y_max;
};

/* Render into cells[w * h] (row-major, top row first). Returns false when
 * there is nothing to draw (no observation and no target). */
bool chart_render(const struct chart_input *in, int w, int h, bool utf8,
                  struct chart_cell *cells, struct chart_range *range);

#endif
