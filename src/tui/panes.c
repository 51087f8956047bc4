/* The filter lists (plans, years, lead agencies, statuses), the target
 * list with its columns, and the status bar. */
#include <stdio.h>
#include <string.h>

#include "plantrack/i18n.h"
#include "plantrack/text.h"
#include "plantrack/tui/draw.h"
#include "plantrack/tui/editor.h"
#include "plantrack/tui/keys.h"

/* The filter kinds a pane lists, one after the other: the status pane
 * lists the lights (督办) first, then 序时进度, then the statuses. */
static size_t pane_kinds(enum pane p, enum facet_kind kinds[3])
{
    switch (p) {
    case PANE_PLANS:
        kinds[0] = FACET_PLAN;
        return 1;
    case PANE_YEARS:
        kinds[0] = FACET_YEAR;
        return 1;
    case PANE_LEADS:
        kinds[0] = FACET_LEAD;
        return 1;
    case PANE_STATUS:
        kinds[0] = FACET_LIGHT;
        kinds[1] = FACET_SCHEDULE;
        kinds[2] = FACET_STATUS;
        return 3;
    default:
        return 0;
    }
}

const struct facet *tui_pane_entry(const struct tui *t, enum pane p, long i,
                                   enum facet_kind *kind)
{
    enum facet_kind kinds[3];
    size_t n = pane_kinds(p, kinds);
    for (size_t k = 0; k < n && i >= 0; k++) {
        const struct facet_list *l = &t->v.f[kinds[k]];
        if (i < (long)l->n) {
            *kind = kinds[k];
            return &l->v[i];
        }
        i -= (long)l->n;
    }
    return NULL;
}

bool pane_is_filter(enum pane p)
{
    return p <= PANE_LEADS || p == PANE_STATUS;
}

WINDOW *pane_window(const struct tui *t, enum pane p)
{
    if (t->overlay == OVERLAY_FACETS && p == t->ov_pane)
        return t->ov;
    return t->win[p];
}

int pane_rows(const struct tui *t, enum pane p)
{
    int h, w;
    WINDOW *win = pane_window(t, p);
    if (!win) /* an overlay not drawn yet: about the screen's height */
        return t->lines > 8 ? t->lines - 8 : 1;
    getmaxyx(win, h, w);
    (void)w;
    /* The target list has a header row under its border. */
    return h - 2 - (p == PANE_TARGETS);
}

long pane_count(const struct tui *t, enum pane p)
{
    if (p == PANE_TARGETS)
        return (long)t->v.n_rows;
    if (p == PANE_DETAIL)
        return t->detail_lines;
    enum facet_kind kinds[3];
    size_t nk = pane_kinds(p, kinds);
    long n = 0;
    for (size_t k = 0; k < nk; k++)
        n += (long)t->v.f[kinds[k]].n;
    return n;
}

/* "3! 1~ 5+": the urgent counts first, then the good ones. */
static void breakdown(const struct facet *f, char *buf, size_t len)
{
    size_t n = 0;
    int good = 0;
    buf[0] = '\0';
    for (int s = 0; s < ST_COUNT; s++) {
        enum status_code c = (enum status_code)s;
        if (!f->by_status[s])
            continue;
        if (c < ST_NO_DATA)
            n += (size_t)snprintf(buf + n, len - n, "%s%d%c", n ? " " : "",
                                  f->by_status[s], status_mark(c));
        else if (c >= ST_ON_TRACK)
            good += f->by_status[s];
        if (n >= len)
            return;
    }
    if (good)
        snprintf(buf + n, len - n, "%s%d+", n ? " " : "", good);
}

static const char *pane_title(enum pane p)
{
    static const char *const T[PANE_COUNT] = {
        N_("1 Plans"), N_("2 Years"), N_("3 Lead agencies"),
        N_("Targets"), N_("Detail"),  N_("Light and status")};
    return _(T[p]);
}

void draw_facets(struct tui *t, WINDOW *w, enum pane p, bool focused)
{
    int h, wd;
    getmaxyx(w, h, wd);
    werase(w);
    char title[160];
    snprintf(title, sizeof title, "%s", pane_title(p));
    if (t->overlay == OVERLAY_FACETS && w == t->ov) {
        /* The keys that fit, whole, after the title. */
        const char *keys[] = {_("Enter only this"), _("x add/remove"), "Esc"};
        for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
            size_t n = strlen(title);
            if (text_width(title) + 3 + text_width(keys[k]) <= wd - 6)
                snprintf(title + n, sizeof title - n, " · %s", keys[k]);
        }
    }
    draw_frame(t, w, title, focused);
    struct cursor *c = &t->cur[p];
    int rows = h - 2, inner = wd - 2;
    for (int i = 0; i < rows; i++) {
        enum facet_kind kind;
        const struct facet *e = tui_pane_entry(t, p, c->top + i, &kind);
        if (!e)
            break;
        bool sel = c->top + i == c->sel;
        bool active = view_filter_has(&t->v, kind, e->key);
        attr_t a = active ? A_BOLD : A_NORMAL;
        if (sel && focused)
            a |= A_REVERSE;
        char right[64], extra[48] = "";
        if (p == PANE_LEADS || p == PANE_PLANS)
            breakdown(e, extra, sizeof extra);
        snprintf(right, sizeof right, "%d", e->count);
        /* The breakdown only where the label keeps all its room. */
        if (*extra &&
            text_width(e->label) + text_width(right) + text_width(extra) + 4 <=
                inner)
            snprintf(right, sizeof right, "%d %s", e->count, extra);
        int rw = text_width(right);
        const char *label = e->label;
        char with_mark[320];
        attr_t colour = 0;
        if (kind == FACET_STATUS && e->key && e->value >= 0) {
            snprintf(with_mark, sizeof with_mark, "%c %s",
                     status_mark((enum status_code)e->value), e->label);
            label = with_mark;
            colour = status_attr(t, (enum status_code)e->value);
        } else if (kind == FACET_LIGHT && e->key && e->value >= 0) {
            /* As the list shows it: its letter, then its word. */
            snprintf(with_mark, sizeof with_mark, "%s %s",
                     light_short((enum light)e->value), e->label);
            label = with_mark;
            colour = light_attr(t, (enum light)e->value);
        } else if (kind == FACET_SCHEDULE && e->key && e->value > 0) {
            /* The light it gives, when nothing else decides it. */
            colour = light_attr(t, e->value == SCHEDULE_BEHIND ? LIGHT_YELLOW
                                                               : LIGHT_GREEN);
        }
        draw_text(t, w, 1 + i, 1, active ? "*" : " ", 1, false, a);
        draw_text(t, w, 1 + i, 2, label, inner - rw - 2, true, a | colour);
        draw_text(t, w, 1 + i, 1 + inner - rw - 1, " ", 1, false, a);
        bool urgent = false;
        for (int s = 0; s < ST_NO_DATA; s++)
            urgent |= e->by_status[s] > 0 && s < ST_DETERIORATION;
        draw_text(t, w, 1 + i, 1 + inner - rw, right, rw, false,
                  a | (p == PANE_LEADS && urgent ? status_attr(t, 0) : 0));
    }
    wnoutrefresh(w);
}

/* ---- the target list ---- */

static int plan_name_width(const struct tui *t)
{
    int w = 4;
    for (size_t i = 0; i < t->m.plans.n; i++) {
        const struct plan *p = t->m.plans.plans[i];
        int pw = text_width(*p->short_name ? p->short_name : p->id);
        if (pw > w)
            w = pw;
    }
    return w > 10 ? 10 : w;
}

static int lead_name_width(const struct tui *t)
{
    int w = 6;
    for (size_t i = 0; i < t->v.n_rows && i < 2000; i++) {
        int lw = text_width(target_lead(t->m.rows[t->v.rows[i]].t)->name);
        if (lw > w)
            w = lw;
    }
    return w;
}

unsigned list_columns(const struct tui *t, int inner, int x[COL_COUNT],
                      int w[COL_COUNT])
{
    unsigned shown = t->columns | 1u << COL_INDICATOR;
    /* With one year picked the year column says nothing. */
    if (t->v.f[FACET_YEAR].n_sel == 1)
        shown &= ~(1u << COL_YEAR);
    memset(w, 0, sizeof(int) * COL_COUNT);
    /* As wide as the longest status word that some target has: the words
     * are those of every view, never cut and never shortened. */
    for (int s = 0; s < ST_COUNT; s++) {
        int sw = text_width(status_label((enum status_code)s));
        if (t->v.statuses & 1u << s && sw > w[COL_STATUS])
            w[COL_STATUS] = sw;
    }
    int lightw = 0; /* the light's letter (R/Y/G, 红/黄/绿) and a space */
    for (int l = 0; l < LIGHT_COUNT; l++)
        if (text_width(light_short((enum light)l)) > lightw)
            lightw = text_width(light_short((enum light)l));
    w[COL_STATUS] += lightw + 1;
    w[COL_YEAR] = 4;
    w[COL_PLAN] = plan_name_width(t);
    w[COL_TARGET] = inner >= 110 ? 20 : inner >= 70 ? 15 : 13;
    w[COL_LATEST] = inner >= 110 ? 16 : inner >= 70 ? 12 : 10;
    w[COL_DATE] = 10;
    /* Room for each title, and the sort mark after it. */
    for (int c = 0; c < COL_COUNT; c++) {
        if (c == COL_INDICATOR || c == COL_LEAD)
            continue;
        int tw = text_width(column_title((enum column)c)) +
                 (t->v.sort == (enum column)c);
        if (w[c] < tw)
            w[c] = tw;
    }
    /* What gives way on a narrow screen, first to last. */
    static const enum column DROP[] = {COL_DATE,   COL_PLAN, COL_LEAD,
                                       COL_TARGET, COL_YEAR, COL_LATEST,
                                       COL_STATUS};
    int min_flex = 10;
    for (size_t d = 0;; d++) {
        int fixed = 0, gaps = -1;
        for (int c = 0; c < COL_COUNT; c++)
            if (shown & 1u << c) {
                gaps++;
                if (c != COL_INDICATOR && c != COL_LEAD)
                    fixed += w[c];
            }
        int flex = inner - fixed - gaps;
        bool lead = shown & 1u << COL_LEAD;
        if (flex >= min_flex * (lead ? 2 : 1) ||
            d == sizeof DROP / sizeof *DROP) {
            if (lead) {
                int lw = lead_name_width(t);
                w[COL_LEAD] = lw < flex * 2 / 5 ? lw : flex * 2 / 5;
                w[COL_INDICATOR] = flex - w[COL_LEAD];
            } else {
                w[COL_INDICATOR] = flex;
            }
            break;
        }
        shown &= ~(1u << DROP[d]);
    }
    int pos = 1;
    for (int c = 0; c < COL_COUNT; c++) {
        if (!(shown & 1u << c)) {
            x[c] = -1;
            continue;
        }
        x[c] = pos;
        pos += w[c] + 1;
    }
    return shown;
}

static void list_title(struct tui *t, char *buf, size_t len)
{
    char what[400];
    view_describe(&t->v, what, sizeof what);
    size_t n = (size_t)snprintf(buf, len, "%s%s%s", _("Targets"),
                                *what ? " · " : "", what);
    if (n < len)
        n += (size_t)snprintf(buf + n, len - n, " (%zu)", t->v.n_rows);
    struct pt_date today = date_today();
    if (date_cmp(today, t->m.as_of) != 0 && n < len) {
        char d[11];
        date_format(t->m.as_of, d);
        snprintf(buf + n, len - n, " · %s %s", _("as of"), d);
    }
}

/* A cell with the search match in it shown: [a, b) bytes of s. */
static void draw_match(struct tui *t, WINDOW *w, int y, int x, const char *s,
                       int cols, attr_t base, size_t a, size_t b)
{
    draw_text(t, w, y, x, s, cols, true, base);
    int off = text_width_n(s, a);
    int room = cols - off - (text_width(s) > cols ? 1 : 0);
    if (room <= 0)
        return;
    char piece[512];
    snprintf(piece, sizeof piece, "%.*s", (int)(b - a), s + a);
    int pw = text_width(piece);
    if (pw > room) {
        size_t fit = text_fit(piece, room);
        piece[fit] = '\0';
        pw = text_width(piece);
    }
    draw_text(t, w, y, x + off, piece, pw, false,
              (base & ~A_REVERSE) | A_REVERSE | A_BOLD |
                  pair_attr(t, PAIR_MATCH));
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
    int cx[COL_COUNT], cw[COL_COUNT];
    unsigned shown = list_columns(t, inner, cx, cw);
    attr_t head = A_BOLD | A_UNDERLINE;
    for (int c = 0; c < COL_COUNT; c++) {
        if (!(shown & 1u << c))
            continue;
        char label[64];
        /* The sort is shown where it applies: ^ ascending, v descending. */
        snprintf(label, sizeof label, "%s%s", column_title((enum column)c),
                 t->v.sort == (enum column)c ? (t->v.sort_desc ? "v" : "^")
                                             : "");
        draw_text(t, w, 1, cx[c], label, cw[c], true,
                  head | (t->v.sort == (enum column)c ? A_REVERSE : 0));
    }
    struct cursor *c = &t->cur[PANE_TARGETS];
    int rows = pane_rows(t, PANE_TARGETS);
    if (t->v.n_rows == 0)
        draw_text(t, w, 2, 2,
                  view_filtered(&t->v)
                      ? _("No target matches these filters: X clears them.")
                      : _("No target."),
                  inner - 2, false, A_NORMAL);
    for (int i = 0; i < rows && c->top + i < (long)t->v.n_rows; i++) {
        long idx = c->top + i;
        const struct model_row *r = &t->m.rows[t->v.rows[idx]];
        bool sel = idx == c->sel;
        bool match = view_row_matches(&t->v, (size_t)idx);
        attr_t base =
            sel ? (t->focus == PANE_TARGETS ? A_REVERSE : A_BOLD) : A_NORMAL;
        char cell[COL_COUNT][200];
        enum light light = status_light(&r->st);
        /* "#" for competing corrections (the help explains it). */
        snprintf(cell[COL_STATUS], sizeof cell[0], "%s %s",
                 r->conflict ? "#" : light_short(light),
                 status_label(r->st.code));
        snprintf(cell[COL_YEAR], sizeof cell[0], "%d", r->t->year);
        snprintf(cell[COL_PLAN], sizeof cell[0], "%s",
                 *r->t->plan->short_name ? r->t->plan->short_name
                                         : r->t->plan->id);
        snprintf(cell[COL_INDICATOR], sizeof cell[0], "%s", r->t->indicator);
        target_statement(r->t, cell[COL_TARGET], sizeof cell[0]);
        model_row_latest(r, cell[COL_LATEST], sizeof cell[0]);
        cell[COL_DATE][0] = '\0';
        if (r->sum.has_latest)
            date_format(r->sum.latest.date, cell[COL_DATE]);
        snprintf(cell[COL_LEAD], sizeof cell[0], "%s", target_lead(r->t)->name);
        int y = 2 + i;
        /* One full-width pass first, so the row has no gaps. */
        draw_text(t, w, y, 1, "", inner, true, base);
        bool marked = false;
        for (int k = 0; k < COL_COUNT; k++) {
            if (!(shown & 1u << k))
                continue;
            attr_t a = base;
            if (k == COL_STATUS && !sel)
                a |= light_attr(t, light);
            if (k == COL_LATEST) { /* numbers to the right */
                int lw = text_width(cell[k]);
                if (lw > cw[k])
                    lw = cw[k];
                draw_text(t, w, y, cx[k] + cw[k] - lw, cell[k], lw, false, a);
                continue;
            }
            size_t ma, mb;
            if (match && (k == COL_INDICATOR || k == COL_LEAD) &&
                search_span(cell[k], &t->v.query,
                            k == COL_LEAD ? SEARCH_NAME : SEARCH_TITLE, &ma,
                            &mb)) {
                draw_match(t, w, y, cx[k], cell[k], cw[k], a, ma, mb);
                marked = true;
            } else {
                draw_text(t, w, y, cx[k], cell[k], cw[k], true, a);
            }
        }
        /* A match in text the list does not show (the quote, an alias):
         * the indicator is underlined. */
        if (match && !marked)
            draw_text(t, w, y, cx[COL_INDICATOR], cell[COL_INDICATOR],
                      cw[COL_INDICATOR], true,
                      base | A_UNDERLINE | pair_attr(t, PAIR_MATCH));
    }
    wnoutrefresh(w);
}

/* ---- the status bar ---- */

/* The log's path in `room` cells, after `prefix` (kept whole): the path
 * whole, or its end from a folder's start with "..." where the start was
 * cut (".../status/line/progress.db"), never a name cut in its middle
 * unless the file's own name is wider than the room. */
static void path_fit(const char *prefix, const char *path, int room, char *buf,
                     size_t len)
{
    int pw = text_width(prefix);
    if (pw + text_width(path) <= room) {
        snprintf(buf, len, "%s%s", prefix, path);
        return;
    }
    int left = room - pw - 3;
    const char *p = NULL;
    for (const char *s = strchr(path, '/'); s; s = strchr(s + 1, '/'))
        if (s[1] && text_width(s) <= left) {
            p = s;
            break;
        }
    if (!p) { /* the name alone is too wide: its end */
        p = path;
        while (*p && text_width(p) > left)
            p++;
        while (((unsigned char)*p & 0xC0) == 0x80)
            p++;
    }
    snprintf(buf, len, "%s...%s", prefix, p);
}

/* The search prompt's right side: "3/17", or why there is nothing. */
static void search_count(const struct tui *t, char *buf, size_t len)
{
    buf[0] = '\0';
    if (!t->v.query.len)
        return;
    if (!t->v.n_hits) {
        snprintf(buf, len, "%s", _("no target matches"));
        return;
    }
    size_t rank = view_match_rank(&t->v, (size_t)t->cur[PANE_TARGETS].sel);
    if (rank)
        snprintf(buf, len, "%zu/%zu", rank, t->v.n_hits);
    else
        snprintf(buf, len, _("%zu match(es)"), t->v.n_hits);
}

void draw_bar(struct tui *t)
{
    WINDOW *w = t->bar;
    int h, wd;
    getmaxyx(w, h, wd);
    (void)h;
    werase(w);
    /* Line 1: the statuses of the listed targets, and the log; first a
     * plan file that failed to load, for as long as it does. */
    int x = 0;
    if (t->m.plans.n_files_failed) {
        char bad[96];
        snprintf(bad, sizeof bad, _("[%zu plan file(s) not loaded] "),
                 t->m.plans.n_files_failed);
        x += draw_text(t, w, 0, x, bad, wd - x, false,
                       pair_attr(t, PAIR_ERROR) | A_BOLD);
    }
    /* Each status with its word when they all fit, else each count with
     * its mark only, as in the plans pane (the help's legend says them):
     * never some words and some counts missing. */
    int need = x;
    for (int s = 0; s < ST_COUNT; s++)
        if (t->v.counts[s])
            need += text_width(status_label((enum status_code)s)) +
                    snprintf(NULL, 0, "x  %d  ", t->v.counts[s]);
    bool words = need <= wd;
    for (int s = 0; s < ST_COUNT && x < wd; s++) {
        int n = t->v.counts[s];
        if (!n)
            continue;
        char item[96];
        if (words)
            snprintf(item, sizeof item, "%c %s %d  ",
                     status_mark((enum status_code)s),
                     status_label((enum status_code)s), n);
        else
            snprintf(item, sizeof item, "%d%c  ", n,
                     status_mark((enum status_code)s));
        if (text_width(item) > wd - x)
            break; /* whole items only */
        x += draw_text(t, w, 0, x, item, wd - x, false,
                       status_attr(t, (enum status_code)s));
    }
    char fitted[1300];
    int room = wd - x - 1;
    if (room > 12) {
        path_fit(t->writable ? "" : _("[read-only] "), log_path(t->m.log), room,
                 fitted, sizeof fitted);
        int pw = text_width(fitted);
        draw_text(t, w, 0, wd - pw, fitted, pw, false,
                  t->writable ? A_NORMAL : pair_attr(t, PAIR_WARN) | A_BOLD);
    }
    /* Line 2: the search prompt, a message, or the key hints. */
    if (t->searching) {
        char count[64];
        search_count(t, count, sizeof count);
        int nw = text_width(count);
        size_t first;
        int ccol;
        le_view(&t->search, wd - nw - 3, &first, &ccol);
        draw_text(t, w, 1, 0, t->narrowing ? "|" : "/", 1, false, A_BOLD);
        draw_text(t, w, 1, 1, t->search.buf + first, wd - 2 - nw, false,
                  A_NORMAL);
        if (nw)
            draw_text(t, w, 1, wd - nw, count, nw, false,
                      t->v.n_hits ? A_DIM : pair_attr(t, PAIR_ERROR) | A_BOLD);
        wmove(w, 1, 1 + ccol);
    } else if (t->ed && !t->msg[0]) {
        /* The form: its message when it has one, else its keys. */
        attr_t a;
        const char *m = editor_message(t, &a);
        char line[512];
        if (m && text_width(m) > getmaxx(t->win[PANE_DETAIL]) - 4) {
            draw_text(t, w, 1, 0, m, wd, false, a);
        } else {
            editor_hints(t, wd, line, sizeof line);
            draw_text(t, w, 1, 0, line, wd, false, A_NORMAL);
        }
    } else if (t->msg[0]) {
        attr_t a = t->msg_error ? pair_attr(t, PAIR_ERROR) | A_BOLD : A_BOLD;
        if (text_width(t->msg) <= wd) {
            draw_text(t, w, 1, 0, t->msg, wd, false, a);
        } else { /* the rest is one key away */
            char more[64], key[24];
            keys_names(&t->keys, REQ_MESSAGE, key, sizeof key);
            snprintf(more, sizeof more, " %s %s", strtok(key, " ") ?: "m",
                     _("more"));
            int mw = text_width(more);
            draw_text(t, w, 1, 0, t->msg, wd - mw, false, a);
            draw_text(t, w, 1, wd - mw, more, mw, false, A_REVERSE);
        }
    } else {
        struct hint hints[24];
        char names[24][24], line[512];
        size_t n = keys_main_hints(&t->keys, hints, 24, names);
        keys_fit_hints(hints, n, wd, line, sizeof line);
        draw_text(t, w, 1, 0, line, wd, false, A_NORMAL);
    }
    wnoutrefresh(w);
}
