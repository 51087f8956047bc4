/* The detail pane: the selected target in full, its history (newest first,
 * corrections shown as such) and a chart; or the inline editor. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plantrack/chart.h"
#include "plantrack/correction.h"
#include "plantrack/i18n.h"
#include "plantrack/text.h"
#include "plantrack/tui/draw.h"

/* The pane's content as lines, so it can scroll. */
enum line_kind { LINE_TEXT, LINE_HISTORY, LINE_CHART, LINE_LEGEND };

struct doc_line {
    char *text;
    attr_t attr;
    enum line_kind kind;
    long index; /* history entry or chart row */
};

struct doc {
    struct doc_line *v;
    size_t n, cap;
};

static void doc_add(struct doc *d, const char *text, attr_t attr,
                    enum line_kind kind, long index)
{
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 32;
        struct doc_line *v = realloc(d->v, d->cap * sizeof *v);
        if (!v)
            return;
        d->v = v;
    }
    d->v[d->n++] =
        (struct doc_line){strdup(text ? text : ""), attr, kind, index};
}

/* Text wrapped to `width` cells, the label on the first line and the rest
 * indented under the text. */
static void doc_wrap(struct doc *d, const char *label, const char *text,
                     int width, attr_t attr)
{
    char *clean = text_sanitize(text);
    int lw = text_width(label);
    int room = width - lw;
    const char *s = clean ? clean : "";
    bool first = true;
    if (room < 8)
        room = 8;
    do {
        size_t next;
        size_t take = text_wrap_n(s, strlen(s), room, &next);
        char line[2048];
        if (first)
            snprintf(line, sizeof line, "%s%.*s", label, (int)take, s);
        else
            snprintf(line, sizeof line, "%*s%.*s", lw, "", (int)take, s);
        doc_add(d, line, attr, LINE_TEXT, -1);
        s += next;
        first = false;
    } while (*s);
    free(clean);
}

static void doc_free(struct doc *d)
{
    for (size_t i = 0; i < d->n; i++)
        free(d->v[i].text);
    free(d->v);
}

/* ---- the chart ---- */

struct chart_view {
    bool ok;
    int w, h;    /* plot cells */
    int label_w; /* y-axis labels */
    struct chart_cell *cells;
    struct chart_range r;
    char ymax[24], ymin[24];
};

static void chart_build(struct tui *t, const struct model_row *r, int w, int h,
                        struct chart_view *cv)
{
    memset(cv, 0, sizeof *cv);
    if (!r || r->t->cmp == CMP_DONE || w < 8 || h < 3)
        return;
    struct chart_point *pts = calloc(t->n_hist ? t->n_hist : 1, sizeof *pts);
    size_t n = 0;
    for (size_t i = t->n_hist; pts && i-- > 0;) { /* oldest first */
        const struct obs *o = &t->hist[i];
        struct pt_date d;
        char err[64];
        if (o->superseded || !o->has_value ||
            text_parse_date(o->date, &d, err, sizeof err) < 0 ||
            date_cmp(d, t->m.as_of) > 0)
            continue;
        pts[n++] = (struct chart_point){date_year_fraction(d), o->value};
    }
    /* Time runs from the baseline (or the plan's start) to the deadline. */
    int from_year = r->t->baseline_year ? r->t->baseline_year + 1
                                        : r->t->plan->period_start;
    struct chart_input in = {.obs = pts,
                             .n_obs = n,
                             /* a trend (fall, rise) has no line */
                             .has_target = r->t->has_value,
                             .target = r->t->value,
                             .has_span = true,
                             .t_from = from_year,
                             .t_to = r->st.tT};
    if (r->t->has_value && isfinite(r->st.y0) && isfinite(r->st.t0)) {
        in.has_path = true;
        in.from = (struct chart_point){r->st.t0, r->st.y0};
        in.to = (struct chart_point){r->st.tT, r->t->value};
    }
    cv->h = h - 1; /* a row for the years */
    cv->label_w = 0;
    /* Labels need the range, the range needs the width: render once to
     * learn it, then again at the width the labels leave. */
    struct chart_cell *probe = calloc((size_t)w * (size_t)cv->h, sizeof *probe);
    struct chart_range range;
    if (probe && chart_render(&in, w, cv->h, t->utf8, probe, &range)) {
        text_format_rounded(range.y_max, 2, cv->ymax, sizeof cv->ymax);
        text_format_rounded(range.y_min, 2, cv->ymin, sizeof cv->ymin);
        cv->label_w = text_width(cv->ymax) > text_width(cv->ymin)
                          ? text_width(cv->ymax)
                          : text_width(cv->ymin);
        if (cv->label_w > 9)
            cv->label_w = 9;
        cv->w = w - cv->label_w - 1;
        cv->cells = calloc((size_t)cv->w * (size_t)cv->h, sizeof *cv->cells);
        cv->ok = cv->w >= 4 && cv->cells &&
                 chart_render(&in, cv->w, cv->h, t->utf8, cv->cells, &cv->r);
    }
    free(probe);
    free(pts);
}

static attr_t chart_attr(const struct tui *t, enum chart_kind k)
{
    switch (k) {
    case CHART_OBS:
        return A_BOLD;
    case CHART_PATH:
        return pair_attr(t, PAIR_PATH) | (t->color ? 0 : A_DIM);
    case CHART_TARGET:
        return pair_attr(t, PAIR_TARGET);
    default:
        return A_NORMAL;
    }
}

/* One row of the chart at (y, x): a label, then the cells; the last row
 * holds the first and last years. */
static void chart_draw_row(struct tui *t, WINDOW *w, int y, int x,
                           const struct chart_view *cv, int row)
{
    if (row == cv->h) {
        char a[8], b[8];
        snprintf(a, sizeof a, "%d", (int)floor(cv->r.t_min));
        snprintf(b, sizeof b, "%d", (int)floor(cv->r.t_max - 1e-9));
        draw_text(t, w, y, x + cv->label_w + 1, a, 4, false, A_DIM);
        draw_text(t, w, y, x + cv->label_w + 1 + cv->w - 4, b, 4, false, A_DIM);
        return;
    }
    const char *label = row == 0 ? cv->ymax : row == cv->h - 1 ? cv->ymin : "";
    int lw = text_width(label);
    if (lw > cv->label_w)
        lw = cv->label_w;
    draw_text(t, w, y, x + cv->label_w - lw, label, lw, false, A_DIM);
    for (int c = 0; c < cv->w; c++) {
        const struct chart_cell *cell = &cv->cells[row * cv->w + c];
        attr_t a = chart_attr(t, cell->kind);
        wattr_on(w, a, NULL);
        mvwaddstr(w, y, x + cv->label_w + 1 + c, cell->text);
        wattr_off(w, a, NULL);
    }
}

/* ---- the document ---- */

static void history_line(const struct tui *t, const struct obs *o,
                         const struct target *tg, char *buf, size_t len)
{
    char val[128], tag[96] = "";
    if (o->has_value)
        unit_format(o->value, tg->unit, val, sizeof val);
    else
        snprintf(val, sizeof val, "%s",
                 obs_state_label(obs_state_parse(o->state)));
    const char *standing =
        correction_label(o->corrected, o->superseded, o->conflict);
    if (*standing)
        snprintf(tag, sizeof tag, "(%s) ", standing);
    else if (*o->corrects) {
        char refs[80];
        correction_refs(o->corrects, refs, sizeof refs);
        snprintf(tag, sizeof tag, "%s: ", refs);
    }
    (void)t;
    snprintf(buf, len, "%s  %s  %s  %s%s%s%s", o->date, val, o->author, tag,
             o->source, *o->source && *o->note ? " / " : "", o->note);
}

static void build_doc(struct tui *t, const struct model_row *r, int width,
                      struct doc *d)
{
    const struct target *tg = r->t;
    char buf[2048], stmt[256], why[512];
    target_statement(tg, stmt, sizeof stmt);
    enum light light = status_light(&r->st);
    snprintf(buf, sizeof buf, "%s %s  %s", light_short(light),
             status_label(r->st.code), tg->indicator);
    doc_wrap(d, "", buf, width, A_BOLD | light_attr(t, light));
    if (tg->plan->draft)
        doc_wrap(d, _("Plan: "),
                 _("draft for comment (征求意见稿), not issued: nothing "
                   "under it is ever due"),
                 width, A_BOLD);
    snprintf(buf, sizeof buf, _("by %d%s: %s%s%s"), tg->year,
             tg->year_inferred ? _(" (year from context, not stated)") : "",
             stmt, tg->firmness == STRIVING ? _(" (striving: 力争)") : "",
             tg->deferred ? _(" (set by a higher authority)") : "");
    doc_wrap(d, _("Target: "), buf, width, A_NORMAL);
    if (tg->approximate)
        doc_wrap(d, "~ ",
                 _("approximate: the text says 约 or 左右; the value is not "
                   "a hard bound"),
                 width, A_NORMAL);
    /* 序时进度 while there is time left; past the deadline it is the
     * target itself. */
    if (!isnan(r->st.schedule_value) &&
        date_cmp(t->m.as_of, r->st.deadline) <= 0) {
        char v[128], asof[11];
        target_value_phrase(tg, round(r->st.schedule_value * 100) / 100, v,
                            sizeof v);
        date_format(t->m.as_of, asof);
        size_t k = (size_t)snprintf(buf, sizeof buf, _("%s by %s"), v, asof);
        if (r->st.schedule != SCHEDULE_NONE && k < sizeof buf)
            k += (size_t)snprintf(buf + k, sizeof buf - k, "; %s",
                                  r->st.schedule == SCHEDULE_AHEAD
                                      ? _("the latest figure is ahead of it")
                                      : _("the latest figure is behind it"));
        if (!isnan(r->st.required_annual_change) && k < sizeof buf) {
            unit_format(round(r->st.required_annual_change * 100) / 100,
                        tg->unit, v, sizeof v);
            snprintf(buf + k, sizeof buf - k, _("; %s a year still needed"), v);
        }
        doc_wrap(d, _("Schedule (序时进度): "), buf, width, A_NORMAL);
    }
    if (r->sum.has_latest) {
        char v[128], date[11];
        model_row_latest(r, v, sizeof v);
        date_format(r->sum.latest.date, date);
        snprintf(buf, sizeof buf, _("%s on %s (%d observation(s))"), v, date,
                 r->sum.n);
        doc_wrap(d, _("Latest: "), buf, width, A_BOLD);
    }
    if (tg->baseline_year && tg->has_baseline_value) {
        char v[128];
        unit_format(tg->baseline_value, tg->unit, v, sizeof v);
        snprintf(buf, sizeof buf, "%d: %s", tg->baseline_year, v);
    } else if (tg->baseline_year) {
        snprintf(buf, sizeof buf, "%d", tg->baseline_year);
    } else {
        snprintf(buf, sizeof buf, "%s", _("none given"));
    }
    doc_wrap(d, _("Baseline: "), buf, width, A_NORMAL);
    /* Each label starts its own line, so a label never breaks. */
    doc_wrap(d, _("Lead: "), target_lead(tg)->name, width, A_NORMAL);
    if (tg->lead_inferred)
        doc_wrap(d, "* ",
                 _("inferred lead: the text names no lead agency for this "
                   "target (see the note)"),
                 width, A_BOLD);
    if (tg->n_support) {
        size_t n = 0;
        buf[0] = '\0';
        for (size_t i = 0; i < tg->n_support && n < sizeof buf; i++)
            n +=
                (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", i ? "、" : "",
                                 tg->plan->agencies[tg->support[i]].name);
        doc_wrap(d, _("Support: "), buf, width, A_NORMAL);
    }
    size_t n = 0;
    for (size_t i = 0; i < tg->n_sections && n < sizeof buf; i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", i ? ", " : "",
                              tg->sections[i]);
    snprintf(buf + n, sizeof buf - n, "  (%s/%s)", tg->plan->id, tg->id);
    doc_wrap(d, _("Section: "), buf, width, A_NORMAL);
    snprintf(buf, sizeof buf, "「%s」", tg->quote);
    doc_wrap(d, _("Quote: "), buf, width, A_NORMAL);
    status_explain(tg, &r->st, why, sizeof why);
    doc_wrap(d, _("Why: "), why, width, A_NORMAL);
    if (r->conflict) {
        size_t k = 0;
        const char *date = "";
        for (size_t i = 0; i < t->n_hist; i++)
            if (t->hist[i].conflict) {
                k++;
                date = t->hist[i].date;
            }
        snprintf(buf, sizeof buf,
                 _("%zu competing corrections of the figure of %s; the one "
                   "recorded last counts until you correct one of them with "
                   "the right figure (c in the history)"),
                 k, date);
        doc_wrap(d, _("Conflict: "), buf, width, A_BOLD);
    }
    if (r->st.has_projection) {
        char v[128];
        /* to the cent, but never shown as 0 when it is not */
        double p = r->st.projected, pr = round(p * 100) / 100;
        unit_format(isfinite(pr) && (pr != 0 || p == 0) ? pr : p, tg->unit, v,
                    sizeof v);
        snprintf(buf, sizeof buf, _("%s by %d-12-31 on the present trend"), v,
                 tg->year);
        doc_wrap(d, _("Projection: "), buf, width, A_NORMAL);
    }
    snprintf(buf, sizeof buf, _("History (%zu): Enter shows one in full"),
             t->n_hist);
    doc_add(d, buf, A_BOLD | A_UNDERLINE, LINE_TEXT, -1);
    if (t->n_hist == 0)
        doc_add(d, _("  nothing recorded yet: press a to add"), A_DIM,
                LINE_TEXT, -1);
    for (size_t i = 0; i < t->n_hist; i++) {
        history_line(t, &t->hist[i], tg, buf, sizeof buf);
        doc_add(d, buf, t->hist[i].superseded ? A_DIM : A_NORMAL, LINE_HISTORY,
                (long)i);
    }
}

/* What the moving keys and the mouse need of the lines just laid out. */
static void remember_lines(struct tui *t, const struct doc *d)
{
    if (t->detail_cap < d->n) {
        long *v = realloc(t->detail_hist, d->n * sizeof *v);
        if (!v)
            return;
        t->detail_hist = v;
        t->detail_cap = d->n;
    }
    for (size_t i = 0; i < d->n; i++)
        t->detail_hist[i] = d->v[i].kind == LINE_HISTORY ? d->v[i].index : -1;
    t->detail_lines = (long)d->n;
}

/* What the chart's marks mean, and its unit. */
static void chart_legend(struct tui *t, WINDOW *w, int y, int x, int width,
                         const struct target *tg)
{
    static const char *const SAMPLE_UTF8[] = {"", "⠒ ⠒", "⠤⠤⠤", "⠶⠶⠶"};
    static const char *const SAMPLE_ASCII[] = {"", "- -", "...", "*"};
    const char *const *sample = t->utf8 ? SAMPLE_UTF8 : SAMPLE_ASCII;
    const struct {
        enum chart_kind k;
        const char *what;
    } items[] = {
        {CHART_OBS, _("figures")},
        {CHART_TARGET, _("target")},
        {CHART_PATH, _("path from the baseline")},
    };
    int used = 0;
    for (size_t i = 0; i < sizeof items / sizeof *items; i++) {
        int need =
            text_width(sample[items[i].k]) + 1 + text_width(items[i].what) + 2;
        if (used + need > width)
            return;
        used += draw_text(t, w, y, x + used, sample[items[i].k], width - used,
                          false, chart_attr(t, items[i].k));
        char what[128];
        snprintf(what, sizeof what, " %s  ", items[i].what);
        used += draw_text(t, w, y, x + used, what, width - used, false, A_DIM);
    }
    if (*tg->unit) {
        char unit[96];
        snprintf(unit, sizeof unit, "(%s)", tg->unit);
        if (text_width(unit) <= width - used)
            draw_text(t, w, y, x + used, unit, width - used, false, A_DIM);
    }
}

static void draw_editor_header(struct tui *t, WINDOW *w,
                               const struct target *tg, int inner)
{
    char buf[512], stmt[160];
    target_statement(tg, stmt, sizeof stmt);
    snprintf(buf, sizeof buf, _("%s  by %d: %s"), tg->indicator, tg->year,
             stmt);
    draw_text(t, w, 1, 1, buf, inner, false, A_BOLD);
}

void draw_detail(struct tui *t)
{
    WINDOW *w = t->win[PANE_DETAIL];
    int h, wd;
    getmaxyx(w, h, wd);
    werase(w);
    const struct model_row *r = tui_selected_row(t);
    if (t->ed) {
        const struct model_row *er =
            model_find(&t->m, t->ed->plan, t->ed->target);
        draw_frame(t, w,
                   t->ed->corrects[0] ? _("Correct an observation")
                                      : _("Add an observation"),
                   true);
        if (er)
            draw_editor_header(t, w, er->t, wd - 2);
        draw_editor(t, w, 2, h - 3, wd - 2);
        wnoutrefresh(w);
        return;
    }
    draw_frame(t, w, _("Detail"), t->focus == PANE_DETAIL);
    if (!r) {
        draw_text(t, w, 1, 2, _("No target selected."), wd - 4, false, A_DIM);
        wnoutrefresh(w);
        return;
    }
    int inner = wd - 2, rows = h - 2;
    /* Wide panes put the chart beside the text; narrow ones below it. */
    bool side = inner >= 90;
    int chart_w = side ? (inner / 3 < 44 ? inner / 3 : 44) : inner - 2;
    int chart_h = side ? (rows < 9 ? rows : 9) : 6;
    int text_w = side ? inner - chart_w - 2 : inner;
    struct chart_view cv;
    chart_build(t, r, chart_w, chart_h, &cv);
    struct doc d = {0};
    build_doc(t, r, text_w, &d);
    if (cv.ok && !side) {
        doc_add(&d, "", A_NORMAL, LINE_TEXT, -1);
        for (int i = 0; i <= cv.h; i++)
            doc_add(&d, "", A_NORMAL, LINE_CHART, i);
        doc_add(&d, "", A_NORMAL, LINE_LEGEND, 0);
    }
    remember_lines(t, &d);
    struct cursor *c = &t->cur[PANE_DETAIL];
    /* The cursor line stays in view. */
    if (c->sel >= (long)d.n)
        c->sel = (long)d.n - 1;
    if (c->sel < 0)
        c->sel = 0;
    if (c->sel < c->top)
        c->top = c->sel;
    if (c->sel >= c->top + rows)
        c->top = c->sel - rows + 1;
    if (c->top > (long)d.n - rows)
        c->top = (long)d.n - rows;
    if (c->top < 0)
        c->top = 0;
    for (int i = 0; i < rows && c->top + i < (long)d.n; i++) {
        const struct doc_line *l = &d.v[c->top + i];
        bool cursor = t->focus == PANE_DETAIL && c->top + i == c->sel;
        if (l->kind == LINE_CHART) {
            chart_draw_row(t, w, 1 + i, 2, &cv, (int)l->index);
            continue;
        }
        if (l->kind == LINE_LEGEND) {
            chart_legend(t, w, 1 + i, 2, text_w - 2, r->t);
            continue;
        }
        draw_text(t, w, 1 + i, 1, l->text, text_w, cursor,
                  l->attr | (cursor ? A_REVERSE : 0));
    }
    if (cv.ok && side) {
        for (int i = 0; i <= cv.h && i < rows; i++)
            chart_draw_row(t, w, 1 + i, 1 + text_w + 1, &cv, i);
        if (cv.h + 1 < rows)
            chart_legend(t, w, 2 + cv.h, 1 + text_w + 1, chart_w, r->t);
    }
    if (d.n > (size_t)rows) { /* a scroll hint in the border */
        char pos[48];
        snprintf(pos, sizeof pos, " %ld/%zu ", c->sel + 1, d.n);
        draw_text(t, w, h - 1, wd - 2 - (int)strlen(pos), pos, (int)strlen(pos),
                  false, A_DIM);
    }
    doc_free(&d);
    free(cv.cells);
    wnoutrefresh(w);
}
