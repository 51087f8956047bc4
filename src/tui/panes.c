/* The filter panes (plans, years, lead agencies), the target list and the
 * status bar. */
#include <stdio.h>
#include <string.h>

#include "plantrack/i18n.h"
#include "plantrack/text.h"
#include "plantrack/tui/draw.h"
#include "plantrack/tui/keys.h"

static const struct facet *facets_of(const struct tui *t, enum pane p,
                                     size_t *n)
{
    switch (p) {
    case PANE_PLANS:
        *n = t->v.n_plans;
        return t->v.plans;
    case PANE_YEARS:
        *n = t->v.n_years;
        return t->v.years;
    case PANE_LEADS:
        *n = t->v.n_leads;
        return t->v.leads;
    default:
        *n = 0;
        return NULL;
    }
}

int pane_rows(const struct tui *t, enum pane p)
{
    int h, w;
    if (!t->win[p])
        return 0;
    getmaxyx(t->win[p], h, w);
    (void)w;
    /* The target list has a header row under its border. */
    return h - 2 - (p == PANE_TARGETS);
}

long pane_count(const struct tui *t, enum pane p)
{
    size_t n;
    if (p == PANE_TARGETS)
        return (long)t->v.n_rows;
    if (p == PANE_DETAIL)
        return (long)t->n_hist;
    facets_of(t, p, &n);
    return (long)n;
}

static bool facet_active(const struct tui *t, enum pane p,
                         const struct facet *f)
{
    switch (p) {
    case PANE_PLANS:
        return f->key ? t->v.plan && strcmp(t->v.plan, f->key) == 0
                      : !t->v.plan;
    case PANE_YEARS:
        return f->year == t->v.year;
    case PANE_LEADS:
        return f->key ? t->v.lead && strcmp(t->v.lead, f->key) == 0
                      : !t->v.lead;
    default:
        return false;
    }
}

/* "3! 1~ 5+": the urgent counts first, then the good ones. */
static void breakdown(const struct facet *f, char *buf, size_t len)
{
    static const enum status_code order[] = {ST_OVERDUE, ST_DETERIORATION,
                                             ST_LIMITED, ST_NEEDS_ACCELERATION};
    size_t n = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof order / sizeof *order; i++)
        if (f->by_status[order[i]])
            n +=
                (size_t)snprintf(buf + n, len - n, "%s%d%c", n ? " " : "",
                                 f->by_status[order[i]], status_mark(order[i]));
    int good = f->by_status[ST_MET] + f->by_status[ST_DONE] +
               f->by_status[ST_ON_TRACK];
    if (good && n < len)
        snprintf(buf + n, len - n, "%s%d+", n ? " " : "", good);
}

static const char *pane_title(enum pane p)
{
    static const char *const T[] = {N_("Plans"), N_("Years"),
                                    N_("Lead agencies")};
    return _(T[p]);
}

void draw_facets(struct tui *t, enum pane p)
{
    WINDOW *w = t->win[p];
    int h, wd;
    getmaxyx(w, h, wd);
    werase(w);
    draw_frame(t, w, pane_title(p), t->focus == p);
    size_t n;
    const struct facet *f = facets_of(t, p, &n);
    struct cursor *c = &t->cur[p];
    int rows = h - 2, inner = wd - 2;
    for (int i = 0; i < rows && c->top + i < (long)n; i++) {
        const struct facet *e = &f[c->top + i];
        bool sel = c->top + i == c->sel;
        bool active = facet_active(t, p, e);
        attr_t a = active ? A_BOLD : A_NORMAL;
        if (sel && t->focus == p)
            a |= A_REVERSE;
        char right[64], extra[48] = "";
        if (p == PANE_LEADS)
            breakdown(e, extra, sizeof extra);
        snprintf(right, sizeof right, "%d%s%s", e->count, *extra ? " " : "",
                 extra);
        /* Narrow panes keep the label readable: the breakdown goes first. */
        if (text_width(right) > inner / 2)
            snprintf(right, sizeof right, "%d", e->count);
        int rw = text_width(right);
        draw_text(t, w, 1 + i, 1, active ? "*" : " ", 1, false, a);
        draw_text(t, w, 1 + i, 2, e->label, inner - rw - 2, true, a);
        draw_text(t, w, 1 + i, 1 + inner - rw - 1, " ", 1, false, a);
        draw_text(t, w, 1 + i, 1 + inner - rw, right, rw, false,
                  a | (p == PANE_LEADS && e->by_status[ST_OVERDUE]
                           ? status_attr(t, ST_OVERDUE)
                           : 0));
    }
    wnoutrefresh(w);
}

/* Column widths of the target list for an inner width. */
struct columns {
    int status, year, indicator, target, latest, date;
};

static struct columns layout_columns(int inner, bool show_year)
{
    struct columns c = {0};
    for (int s = 0; s < ST_COUNT; s++) {
        int w = text_width(status_word((enum status_code)s));
        if (w > c.status)
            c.status = w;
    }
    c.status += 2; /* mark and space */
    c.year = show_year ? 4 : 0;
    c.target = inner >= 110 ? 20 : inner >= 70 ? 15 : 13;
    c.latest = inner >= 110 ? 16 : inner >= 70 ? 12 : 10;
    c.date = inner >= 96 ? 10 : 0;
    int fixed = c.status + 1 + (c.year ? c.year + 1 : 0) + 1 + c.target + 1 +
                c.latest + (c.date ? c.date + 1 : 0);
    c.indicator = inner - fixed;
    return c;
}

static void list_title(struct tui *t, char *buf, size_t len)
{
    size_t n = (size_t)snprintf(buf, len, "%s", _("Targets"));
    const struct plan *p =
        t->v.plan ? plan_set_find_plan(&t->m.plans, t->v.plan) : NULL;
    if (p)
        n += (size_t)snprintf(buf + n, len - n, " · %s",
                              *p->short_name ? p->short_name : p->id);
    if (t->v.year && n < len)
        n += (size_t)snprintf(buf + n, len - n, " · %d", t->v.year);
    if (t->v.lead && n < len)
        n += (size_t)snprintf(buf + n, len - n, " · %s", t->v.lead);
    if (n < len)
        snprintf(buf + n, len - n, " (%zu) · %s%s", t->v.n_rows, _("sort: "),
                 sort_order_label(t->v.sort));
}

void draw_targets(struct tui *t)
{
    WINDOW *w = t->win[PANE_TARGETS];
    int h, wd;
    getmaxyx(w, h, wd);
    (void)h;
    werase(w);
    char title[512];
    list_title(t, title, sizeof title);
    draw_frame(t, w, title, t->focus == PANE_TARGETS);
    int inner = wd - 2;
    /* With one year selected the year column says nothing. */
    struct columns col = layout_columns(inner, t->v.year == 0);
    int x = 1;
    attr_t head = A_BOLD | A_UNDERLINE;
    int y = 1;
    x += draw_text(t, w, y, x, _("STATUS"), col.status, true, head) + 1;
    if (col.year)
        x += draw_text(t, w, y, x, _("YEAR"), col.year, true, head) + 1;
    x += draw_text(t, w, y, x, _("INDICATOR"), col.indicator, true, head) + 1;
    x += draw_text(t, w, y, x, _("TARGET"), col.target, true, head) + 1;
    x += draw_text(t, w, y, x, _("LATEST"), col.latest, true, head) + 1;
    if (col.date)
        draw_text(t, w, y, x, _("DATE"), col.date, true, head);
    struct cursor *c = &t->cur[PANE_TARGETS];
    int rows = pane_rows(t, PANE_TARGETS);
    if (t->v.n_rows == 0)
        draw_text(t, w, 2, 2, _("No target matches these filters."), inner - 2,
                  false, A_NORMAL);
    for (int i = 0; i < rows && c->top + i < (long)t->v.n_rows; i++) {
        long idx = c->top + i;
        const struct model_row *r = &t->m.rows[t->v.rows[idx]];
        bool sel = idx == c->sel;
        bool match =
            t->query[0] && view_row_matches(&t->v, (size_t)idx, t->query);
        attr_t base =
            sel ? (t->focus == PANE_TARGETS ? A_REVERSE : A_BOLD) : A_NORMAL;
        char mark[96], year[8], stmt[160], latest[96], date[11] = "";
        snprintf(mark, sizeof mark, "%c %s", status_mark(r->st.code),
                 status_word(r->st.code));
        snprintf(year, sizeof year, "%d", r->t->year);
        target_statement(r->t, stmt, sizeof stmt);
        model_row_latest(r, latest, sizeof latest);
        if (r->sum.has_latest)
            date_format(r->sum.latest.date, date);
        y = 2 + i;
        x = 1;
        /* One full-width pass first, so the row has no gaps. */
        draw_text(t, w, y, 1, "", inner, true, base);
        x += draw_text(t, w, y, x, mark, col.status, true,
                       base | (sel ? 0 : status_attr(t, r->st.code))) +
             1;
        if (col.year)
            x += draw_text(t, w, y, x, year, col.year, true, base) + 1;
        x += draw_text(
                 t, w, y, x, r->t->indicator, col.indicator, true,
                 base | (match ? A_UNDERLINE | pair_attr(t, PAIR_MATCH) : 0)) +
             1;
        x += draw_text(t, w, y, x, stmt, col.target, true, base) + 1;
        int lw = text_width(latest);
        if (lw > col.latest)
            lw = col.latest;
        draw_text(t, w, y, x + col.latest - lw, latest, lw, false, base);
        x += col.latest + 1;
        if (col.date)
            draw_text(t, w, y, x, date, col.date, true, base);
    }
    wnoutrefresh(w);
}

void draw_bar(struct tui *t)
{
    WINDOW *w = t->bar;
    int h, wd;
    getmaxyx(w, h, wd);
    (void)h;
    werase(w);
    /* Line 1: the statuses of the listed targets, and the log. */
    int x = 0;
    for (int s = 0; s < ST_COUNT && x < wd; s++) {
        int n = t->v.counts[s];
        if (!n)
            continue;
        char item[96];
        snprintf(item, sizeof item, "%c %s %d  ",
                 status_mark((enum status_code)s),
                 status_word((enum status_code)s), n);
        x += draw_text(t, w, 0, x, item, wd - x, false,
                       status_attr(t, (enum status_code)s));
    }
    char logs[600];
    snprintf(logs, sizeof logs, "%s%s", t->writable ? "" : _("[read-only] "),
             log_path(t->m.log));
    int room = wd - x - 1;
    if (room > 12) {
        /* Keep the end of the path: the file name matters most. */
        const char *p = logs;
        while (text_width(p) > room && *p)
            p++;
        while (((unsigned char)*p & 0xC0) == 0x80)
            p++;
        int pw = text_width(p);
        draw_text(t, w, 0, wd - pw, p, pw, false,
                  t->writable ? A_NORMAL : pair_attr(t, PAIR_WARN) | A_BOLD);
    }
    /* Line 2: the search prompt, a message, or the key hints. */
    if (t->searching) {
        size_t first;
        int ccol;
        le_view(&t->search, wd - 24, &first, &ccol);
        const char *note = t->search_failed ? _("no target matches") : "";
        int nw = text_width(note);
        draw_text(t, w, 1, 0, "/", 1, false, A_BOLD);
        draw_text(t, w, 1, 1, t->search.buf + first, wd - 2 - nw, false,
                  A_NORMAL);
        if (nw)
            draw_text(t, w, 1, wd - nw, note, nw, false,
                      pair_attr(t, PAIR_ERROR) | A_BOLD);
        wmove(w, 1, 1 + ccol);
    } else if (t->msg[0]) {
        draw_text(t, w, 1, 0, t->msg, wd, false,
                  t->msg_error ? pair_attr(t, PAIR_ERROR) | A_BOLD : A_BOLD);
    } else {
        char hints[512];
        keys_hints(hints, sizeof hints);
        draw_text(t, w, 1, 0, hints, wd, false, A_NORMAL);
    }
    wnoutrefresh(w);
}
