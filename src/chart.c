/* Chart: plot into a pixel grid (2×4 dots per cell for braille, one per
 * cell for ASCII), then turn each cell into a character. */
#include "plantrack/chart.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Braille dot bits by (column, row) inside a cell. */
static const uint8_t DOT[2][4] = {{0x01, 0x02, 0x04, 0x40},
                                  {0x08, 0x10, 0x20, 0x80}};

struct canvas {
    int w, h;   /* cells */
    int pw, ph; /* pixels */
    int dx, dy; /* pixels per cell */
    uint8_t *dots;
    enum chart_kind *kind;
    struct chart_range r;
};

static void plot(struct canvas *c, int px, int py, enum chart_kind k)
{
    if (px < 0 || py < 0 || px >= c->pw || py >= c->ph)
        return;
    int cx = px / c->dx, cy = py / c->dy;
    size_t i = (size_t)cy * (size_t)c->w + (size_t)cx;
    if (c->dx == 2)
        c->dots[i] |= DOT[px % 2][py % 4];
    else
        c->dots[i] = 1;
    if (k > c->kind[i])
        c->kind[i] = k;
}

static int to_px(const struct canvas *c, double t)
{
    double span = c->r.t_max - c->r.t_min;
    return (int)lround((t - c->r.t_min) / span * (c->pw - 1));
}

static int to_py(const struct canvas *c, double y)
{
    double span = c->r.y_max - c->r.y_min;
    return (int)lround((c->r.y_max - y) / span * (c->ph - 1));
}

/* Bresenham, with every `step`-th pixel drawn (2 for a dotted line). */
static void line(struct canvas *c, int x0, int y0, int x1, int y1,
                 enum chart_kind k, int step)
{
    int dx = abs(x1 - x0), sx = x0 < x1 ? 1 : -1;
    int dy = -abs(y1 - y0), sy = y0 < y1 ? 1 : -1;
    int err = dx + dy, n = 0;
    for (;;) {
        if (n++ % step == 0)
            plot(c, x0, y0, k);
        if (x0 == x1 && y0 == y1)
            break;
        int e2 = 2 * err;
        if (e2 >= dy) {
            err += dy;
            x0 += sx;
        }
        if (e2 <= dx) {
            err += dx;
            y0 += sy;
        }
    }
}

static void include(struct chart_range *r, double t, double y)
{
    if (t < r->t_min)
        r->t_min = t;
    if (t > r->t_max)
        r->t_max = t;
    if (y < r->y_min)
        r->y_min = y;
    if (y > r->y_max)
        r->y_max = y;
}

static bool find_range(const struct chart_input *in, struct chart_range *r)
{
    r->t_min = r->y_min = INFINITY;
    r->t_max = r->y_max = -INFINITY;
    for (size_t i = 0; i < in->n_obs; i++)
        include(r, in->obs[i].t, in->obs[i].y);
    if (in->has_path) {
        include(r, in->from.t, in->from.y);
        include(r, in->to.t, in->to.y);
    }
    if (in->has_span) {
        if (in->t_from < r->t_min)
            r->t_min = in->t_from;
        if (in->t_to > r->t_max)
            r->t_max = in->t_to;
    }
    if (in->has_target) {
        double t = isfinite(r->t_min) ? r->t_min : 0;
        include(r, t, in->target);
    }
    if (!isfinite(r->t_min) || !isfinite(r->y_min))
        return false;
    if (r->t_max - r->t_min < 1e-9) { /* one moment: give it a year */
        r->t_min -= 0.5;
        r->t_max += 0.5;
    }
    double pad = (r->y_max - r->y_min) * 0.08;
    if (pad < 1e-9)
        pad = fabs(r->y_max) > 1e-9 ? fabs(r->y_max) * 0.1 : 1;
    r->y_min -= pad;
    r->y_max += pad;
    return true;
}

static void to_text(uint8_t dots, enum chart_kind k, bool utf8, char out[5])
{
    if (utf8) {
        uint32_t cp = 0x2800u + dots;
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        out[3] = '\0';
        return;
    }
    static const char ascii[] = {' ', '-', '.', '*'};
    out[0] = dots ? ascii[k] : ' ';
    out[1] = '\0';
}

bool chart_render(const struct chart_input *in, int w, int h, bool utf8,
                  struct chart_cell *cells, struct chart_range *range)
{
    struct canvas c = {.w = w, .h = h, .dx = utf8 ? 2 : 1, .dy = utf8 ? 4 : 1};
    if (w <= 0 || h <= 0)
        return false;
    c.pw = w * c.dx;
    c.ph = h * c.dy;
    size_t n = (size_t)w * (size_t)h;
    c.dots = calloc(n, 1);
    c.kind = calloc(n, sizeof *c.kind);
    bool ok = c.dots && c.kind && find_range(in, &c.r);
    if (ok) {
        if (in->has_target) {
            int y = to_py(&c, in->target);
            line(&c, 0, y, c.pw - 1, y, CHART_TARGET, 2);
        }
        if (in->has_path)
            line(&c, to_px(&c, in->from.t), to_py(&c, in->from.y),
                 to_px(&c, in->to.t), to_py(&c, in->to.y), CHART_PATH, 1);
        for (size_t i = 0; i < in->n_obs; i++) {
            int x = to_px(&c, in->obs[i].t), y = to_py(&c, in->obs[i].y);
            if (i > 0)
                line(&c, to_px(&c, in->obs[i - 1].t),
                     to_py(&c, in->obs[i - 1].y), x, y, CHART_OBS, 1);
            plot(&c, x, y, CHART_OBS);
        }
        for (size_t i = 0; i < n; i++) {
            to_text(c.dots[i], c.kind[i], utf8, cells[i].text);
            cells[i].kind = c.dots[i] ? c.kind[i] : CHART_EMPTY;
        }
        if (range)
            *range = c.r;
    }
    free(c.dots);
    free(c.kind);
    return ok;
}
