/* The viewer: start-up, layout, the input loop, and the requests. Keys
 * become requests, requests change the state and say what to redraw; the
 * panes are drawn into their windows and painted once with doupdate(). */
#include "plantrack/tui.h"

#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "plantrack/i18n.h"
#include "plantrack/report.h"
#include "plantrack/shared.h"
#include "plantrack/text.h"
#include "plantrack/tui/draw.h"
#include "plantrack/tui/editor.h"
#include "plantrack/tui/keys.h"
#include "plantrack/tui/overlay.h"
#include "plantrack/tui/state.h"

/* Below WIDE_* the viewer shows one pane at a time; below MIN_* it asks
 * for a larger terminal. */
#define WIDE_LINES 24
#define WIDE_COLS 80
#define MIN_LINES 15
#define MIN_COLS 40
#define POLL_MS 1000

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
    stop_signal = sig;
}

void tui_message(struct tui *t, bool error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(t->msg, sizeof t->msg, fmt, ap);
    va_end(ap);
    t->msg_error = error;
    t->dirty |= DIRTY_BAR;
}

const struct model_row *tui_selected_row(const struct tui *t)
{
    long sel = t->cur[PANE_TARGETS].sel;
    if (sel < 0 || sel >= (long)t->v.n_rows)
        return NULL;
    return &t->m.rows[t->v.rows[sel]];
}

void tui_load_history(struct tui *t, bool force)
{
    const struct model_row *r = tui_selected_row(t);
    bool same = r == t->shown;
    if (same && !force)
        return;
    obs_list_free(t->hist, t->n_hist);
    t->hist = NULL;
    t->n_hist = 0;
    t->shown = r;
    if (!same) /* a new target starts at the top of its detail */
        t->cur[PANE_DETAIL] = (struct cursor){0, 0};
    struct pt_error err;
    if (r && log_history(t->m.log, r->t->plan->id, r->t->id, &t->hist,
                         &t->n_hist, &err) < 0)
        tui_message(t, true, "%s", err.msg);
    if (t->cur[PANE_DETAIL].sel >= (long)t->n_hist)
        t->cur[PANE_DETAIL].sel = t->n_hist ? (long)t->n_hist - 1 : 0;
}

/* Put the list cursor on plan/target if it is listed. */
static void select_key(struct tui *t, const char *plan, const char *target)
{
    struct model_row *r = plan ? model_find(&t->m, plan, target) : NULL;
    long pos = r ? view_position(&t->v, r) : -1;
    t->cur[PANE_TARGETS].sel = pos >= 0 ? pos : 0;
}

/* The selected target's key, kept across a rebuild of the model or view;
 * false when nothing is selected. */
static bool selected_key(const struct tui *t, char plan[72], char target[72])
{
    const struct model_row *r = tui_selected_row(t);
    plan[0] = target[0] = '\0';
    if (r) {
        snprintf(plan, 72, "%s", r->t->plan->id);
        snprintf(target, 72, "%s", r->t->id);
    }
    return r != NULL;
}

/* Rebuild the view, keeping the cursor on the same target. */
static void rebuild_view(struct tui *t)
{
    char plan[72], target[72];
    bool had = selected_key(t, plan, target);
    view_rebuild(&t->v);
    select_key(t, had ? plan : NULL, target);
    tui_load_history(t, false);
}

void tui_refresh(struct tui *t)
{
    struct pt_error err;
    if (model_refresh(&t->m, &err) < 0)
        tui_message(t, true, "%s", err.msg);
    rebuild_view(t);
    tui_load_history(t, true);
    t->dirty |= DIRTY_FILTERS | DIRTY_LIST | DIRTY_DETAIL | DIRTY_BAR;
}

/* ---- loading ---- */

static int load(struct tui *t, struct model *m)
{
    struct pt_error err;
    t->writable = true;
    t->log_note[0] = '\0';
    if (cli_load_model(t->opts, LOG_WRITE, m, &err) == 0)
        return 0;
    if (err.code == PT_EUSER) /* the plans cannot be read at all */
        return -1;
    /* Browse read-only rather than not at all; the editor keeps drafts. */
    t->writable = false;
    snprintf(t->log_note, sizeof t->log_note, "%s", err.msg);
    if (cli_load_model(t->opts, LOG_READ, m, &err) == 0)
        return 0;
    /* Not even readable (a newer schema, not a database): the plans alone. */
    snprintf(t->log_note, sizeof t->log_note, "%s", err.msg);
    struct plan_set set = {0};
    struct log *log;
    if (plan_set_load_dir(&set, t->opts->plans, &err) < 0)
        return -1;
    if (log_open_placeholder(&log, t->opts->db, &err) < 0) {
        plan_set_free(&set);
        return -1;
    }
    return model_init(m, &set, log, t->opts->as_of, &err);
}

static void report_skipped(struct tui *t)
{
    if (!t->writable)
        tui_message(t, true, _("read-only: %s"), t->log_note);
    else if (t->m.plans.n_files_failed)
        tui_message(t, true,
                    _("%zu plan file(s) skipped: run 'plantrack check' "
                      "(first: %s)"),
                    t->m.plans.n_files_failed, t->m.plans.diags.lines[0]);
}

static unsigned reload(struct tui *t)
{
    char plan[72], target[72];
    bool had = selected_key(t, plan, target);
    struct model fresh;
    if (load(t, &fresh) < 0) {
        tui_message(t, true, "%s",
                    _("reload failed: the plans cannot be read"));
        return DIRTY_BAR;
    }
    if (t->ed)
        editor_close(t, false);
    overlay_close(t);
    obs_list_free(t->hist, t->n_hist);
    t->hist = NULL;
    t->n_hist = 0;
    t->shown = NULL;
    view_forget_model(&t->v);
    model_free(&t->m);
    t->m = fresh;
    t->told_replaced = false;
    t->v.m = &t->m;
    view_rebuild(&t->v);
    select_key(t, had ? plan : NULL, target);
    tui_load_history(t, true);
    tui_message(t, false, _("reloaded: %zu plan(s), %zu target(s)"),
                t->m.plans.n, t->m.n_rows);
    report_skipped(t);
    return DIRTY_ALL;
}

/* ---- layout ---- */

static void drop_windows(struct tui *t)
{
    for (int p = 0; p < PANE_COUNT; p++) {
        if (t->panel[p])
            del_panel(t->panel[p]);
        if (t->win[p])
            delwin(t->win[p]);
        t->panel[p] = NULL;
        t->win[p] = NULL;
    }
    if (t->bar_panel)
        del_panel(t->bar_panel);
    if (t->bar)
        delwin(t->bar);
    if (t->ov_panel)
        del_panel(t->ov_panel);
    if (t->ov)
        delwin(t->ov);
    t->bar_panel = t->ov_panel = NULL;
    t->bar = t->ov = NULL;
}

static WINDOW *make(struct tui *t, PANEL **panel, int h, int w, int y, int x)
{
    WINDOW *win = newwin(h, w, y, x);
    if (win) {
        keypad(win, TRUE);
        wtimeout(win, POLL_MS);
        *panel = new_panel(win);
    }
    (void)t;
    return win;
}

static int clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* One pane at a time on a narrow terminal: the list or the detail, both
 * the whole screen above the bar; the filters open as overlays. */
static void layout_narrow(struct tui *t)
{
    int body = t->lines - 2;
    t->win[PANE_TARGETS] =
        make(t, &t->panel[PANE_TARGETS], body, t->cols, 0, 0);
    t->win[PANE_DETAIL] = make(t, &t->panel[PANE_DETAIL], body, t->cols, 0, 0);
    t->bar = make(t, &t->bar_panel, 2, t->cols, body, 0);
    if (t->focus != PANE_TARGETS && t->focus != PANE_DETAIL)
        t->focus = PANE_TARGETS;
}

static void layout(struct tui *t)
{
    drop_windows(t);
    getmaxyx(stdscr, t->lines, t->cols);
    t->too_small = t->lines < MIN_LINES || t->cols < MIN_COLS;
    t->narrow = !t->too_small &&
                (t->lines < WIDE_LINES || t->cols < WIDE_COLS);
    if (t->too_small) {
        t->bar = make(t, &t->bar_panel, t->lines, t->cols, 0, 0);
        return;
    }
    if (t->narrow) {
        layout_narrow(t);
        return;
    }
    int body = t->lines - 2;
    int left = clamp(t->cols / 4, 22, 36);
    int right = t->cols - left;
    int plans_h = clamp((int)t->v.f[FACET_PLAN].n + 2, 3, 9);
    int years_h = clamp((int)t->v.f[FACET_YEAR].n + 2, 3, 8);
    int leads_h = body - plans_h - years_h;
    if (leads_h < 5) {
        plans_h = clamp(body / 3, 3, plans_h);
        years_h = clamp(body / 3, 3, years_h);
        leads_h = body - plans_h - years_h;
    }
    int list_h = body * 11 / 20;
    t->win[PANE_PLANS] = make(t, &t->panel[PANE_PLANS], plans_h, left, 0, 0);
    t->win[PANE_YEARS] =
        make(t, &t->panel[PANE_YEARS], years_h, left, plans_h, 0);
    t->win[PANE_LEADS] =
        make(t, &t->panel[PANE_LEADS], leads_h, left, plans_h + years_h, 0);
    t->win[PANE_TARGETS] =
        make(t, &t->panel[PANE_TARGETS], list_h, right, 0, left);
    t->win[PANE_DETAIL] =
        make(t, &t->panel[PANE_DETAIL], body - list_h, right, list_h, left);
    t->bar = make(t, &t->bar_panel, 2, t->cols, body, 0);
}

/* Keep each cursor inside its list and on screen. */
static void clamp_cursors(struct tui *t)
{
    for (int p = 0; p < PANE_COUNT; p++) {
        if (p == PANE_DETAIL) /* laid out as it is drawn */
            continue;
        struct cursor *c = &t->cur[p];
        long n = pane_count(t, (enum pane)p);
        int rows = pane_rows(t, (enum pane)p);
        if (rows < 1)
            rows = 1;
        if (c->sel >= n)
            c->sel = n - 1;
        if (c->sel < 0)
            c->sel = 0;
        if (c->top > c->sel)
            c->top = c->sel;
        if (c->sel >= c->top + rows)
            c->top = c->sel - rows + 1;
        if (c->top > n - rows)
            c->top = n - rows > 0 ? n - rows : 0;
        if (c->top < 0)
            c->top = 0;
    }
}

static void draw_too_small(struct tui *t)
{
    char buf[160];
    werase(t->bar);
    snprintf(buf, sizeof buf,
             _("Terminal too small: %dx%d, need at least %dx%d. q quits."),
             t->cols, t->lines, MIN_COLS, MIN_LINES);
    /* Wrapped, so that even a tiny terminal shows the whole sentence. */
    const char *p = buf;
    for (int y = 0; *p && y < t->lines; y++) {
        size_t next, take = text_wrap_n(p, strlen(p), t->cols, &next);
        char line[200];
        snprintf(line, sizeof line, "%.*s", (int)take, p);
        draw_text(t, t->bar, y, 0, line, t->cols, false, A_BOLD);
        p += next ? next : strlen(p);
    }
    wnoutrefresh(t->bar);
}

static void render(struct tui *t)
{
    if (t->dirty & DIRTY_LAYOUT) {
        layout(t);
        t->dirty = DIRTY_ALL;
    }
    if (t->too_small) {
        draw_too_small(t);
        curs_set(0);
        doupdate();
        t->dirty = 0;
        return;
    }
    clamp_cursors(t);
    if (t->narrow) { /* the one pane shown, the other not drawn at all */
        bool detail = t->focus == PANE_DETAIL || t->ed;
        (detail ? show_panel : hide_panel)(t->panel[PANE_DETAIL]);
        (detail ? hide_panel : show_panel)(t->panel[PANE_TARGETS]);
        if (t->dirty & (DIRTY_LIST | DIRTY_DETAIL))
            t->dirty |= detail ? DIRTY_DETAIL : DIRTY_LIST;
        t->dirty &= ~(unsigned)(detail ? DIRTY_LIST : DIRTY_DETAIL);
    }
    if ((t->dirty & DIRTY_FILTERS) && !t->narrow)
        for (int p = PANE_PLANS; p <= PANE_LEADS; p++)
            draw_facets(t, t->win[p], (enum pane)p, (int)t->focus == p);
    if (t->dirty & DIRTY_LIST)
        draw_targets(t);
    if (t->dirty & DIRTY_DETAIL)
        draw_detail(t);
    if (t->dirty & DIRTY_BAR)
        draw_bar(t);
    if (t->overlay != OVERLAY_NONE)
        draw_overlay(t);
    else if (t->ov_panel)
        hide_panel(t->ov_panel);
    update_panels();
    bool cursor = t->overlay == OVERLAY_NONE && (t->ed || t->searching);
    if (cursor && t->ed)
        editor_place_cursor(t);
    else if (cursor)
        draw_bar(t); /* leaves the cursor after the search text */
    curs_set(cursor ? 1 : 0);
    doupdate();
    t->dirty = 0;
}

/* The window whose cursor the terminal shows, read for keys. */
static WINDOW *input_window(const struct tui *t)
{
    if (t->too_small || t->searching || !t->win[PANE_DETAIL])
        return t->bar;
    return t->ed ? t->win[PANE_DETAIL] : t->bar;
}

/* Whether the terminal has hung up (the SSH connection or the terminal
 * window closed). A viewer whose SIGHUP did not reach it (run by make, by
 * a wrapper that ignores it) would otherwise get ERR at once, for ever,
 * and spin; what was typed is already in its draft. */
static bool terminal_gone(void)
{
    struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
    return poll(&p, 1, 0) == 1 &&
           (p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

static int read_key(struct tui *t)
{
    wint_t ch;
    int rc = wget_wch(input_window(t), &ch);
    if (rc == ERR) {
        if (terminal_gone())
            t->quit = true;
        return -1;
    }
    return rc == KEY_CODE_YES ? FKEY((int)ch) : (int)ch;
}

/* ---- requests ---- */

static unsigned move_cursor(struct tui *t, long delta, bool absolute)
{
    enum pane p = t->focus;
    struct cursor *c = &t->cur[p];
    long n = pane_count(t, p);
    c->sel = absolute ? (delta < 0 ? 0 : n - 1) : c->sel + delta;
    if (c->sel >= n)
        c->sel = n - 1;
    if (c->sel < 0)
        c->sel = 0;
    if (p == PANE_TARGETS) {
        tui_load_history(t, false);
        return DIRTY_LIST | DIRTY_DETAIL | DIRTY_BAR;
    }
    return p == PANE_DETAIL ? DIRTY_DETAIL : DIRTY_FILTERS;
}

/* The wheel moves the view; the cursor stays on a line in it. */
static unsigned scroll_view(struct tui *t, enum pane p, long delta)
{
    struct cursor *c = &t->cur[p];
    long n = pane_count(t, p), rows = pane_rows(t, p);
    c->top += delta;
    if (c->top > n - rows)
        c->top = n - rows;
    if (c->top < 0)
        c->top = 0;
    if (c->sel < c->top)
        c->sel = c->top;
    if (c->sel > c->top + rows - 1)
        c->sel = c->top + rows - 1;
    if (p == PANE_TARGETS) {
        tui_load_history(t, false);
        return DIRTY_LIST | DIRTY_DETAIL | DIRTY_BAR;
    }
    return p == PANE_DETAIL ? DIRTY_DETAIL : DIRTY_FILTERS;
}

/* After the filters changed: each filter cursor on an active entry. */
static void follow_filters(struct tui *t)
{
    for (int p = 0; p < PANE_COUNT; p++) {
        if (!pane_is_filter((enum pane)p))
            continue;
        enum facet_kind k;
        const struct facet *e = tui_pane_entry(t, (enum pane)p, t->cur[p].sel,
                                               &k);
        if (e && view_filter_has(&t->v, k, e->key))
            continue;
        for (long i = 0; (e = tui_pane_entry(t, (enum pane)p, i, &k)); i++)
            if (e->key && view_filter_has(&t->v, k, e->key)) {
                t->cur[p].sel = i;
                break;
            }
    }
}

unsigned tui_apply_facet(struct tui *t, enum pane p, long sel, bool toggle)
{
    enum facet_kind k;
    const struct facet *e = tui_pane_entry(t, p, sel, &k);
    if (!e)
        return 0;
    char *key = e->key ? strdup(e->key) : NULL;
    if (toggle && key)
        view_filter_toggle(&t->v, k, key);
    else
        view_filter_only(&t->v, k, key);
    free(key);
    rebuild_view(t);
    if (!toggle)
        follow_filters(t);
    return DIRTY_FILTERS | DIRTY_LIST | DIRTY_DETAIL | DIRTY_BAR;
}

/* The observation `c` corrects: the history row under the detail's
 * cursor, else the target's latest current observation. */
static const struct obs *observation_to_correct(struct tui *t)
{
    long line = t->cur[PANE_DETAIL].sel;
    if (t->focus == PANE_DETAIL && line >= 0 && line < t->detail_lines &&
        t->detail_hist[line] >= 0 && t->detail_hist[line] < (long)t->n_hist)
        return &t->hist[t->detail_hist[line]];
    for (size_t i = 0; i < t->n_hist; i++)
        if (!t->hist[i].superseded)
            return &t->hist[i];
    return NULL;
}

static void match_message(struct tui *t, bool wrapped, int dir)
{
    size_t rank = view_match_rank(&t->v, (size_t)t->cur[PANE_TARGETS].sel);
    if (wrapped)
        tui_message(t, false,
                    dir > 0 ? _("match %zu/%zu: went on from the top")
                            : _("match %zu/%zu: went on from the bottom"),
                    rank, t->v.n_hits);
    else
        tui_message(t, false, _("match %zu/%zu"), rank, t->v.n_hits);
}

static unsigned search_step(struct tui *t, int dir)
{
    if (!t->v.query.len) {
        tui_message(t, false, "%s", _("no search yet: press / to search"));
        return DIRTY_BAR;
    }
    long sel = t->cur[PANE_TARGETS].sel;
    long from = sel + dir;
    long pos = view_find(
        &t->v, (size_t)(from < 0 ? (long)t->v.n_rows - 1 : from), dir);
    if (pos < 0) {
        tui_message(t, true, _("no target matches '%s'"), t->v.query.text);
        return DIRTY_BAR;
    }
    bool wrapped = dir > 0 ? pos <= sel : pos >= sel;
    t->cur[PANE_TARGETS].sel = pos;
    if (!t->narrow || t->focus != PANE_DETAIL)
        t->focus = PANE_TARGETS;
    tui_load_history(t, false);
    match_message(t, wrapped, dir);
    return DIRTY_LIST | DIRTY_DETAIL | DIRTY_FILTERS | DIRTY_BAR;
}

static unsigned clear_search(struct tui *t)
{
    char plan[72], target[72];
    bool had = selected_key(t, plan, target);
    view_search(&t->v, "", false);
    select_key(t, had ? plan : NULL, target);
    tui_load_history(t, false);
    return DIRTY_LIST | DIRTY_DETAIL | DIRTY_BAR;
}

static unsigned clear_filters(struct tui *t)
{
    view_filter_clear(&t->v);
    view_search(&t->v, "", false);
    rebuild_view(t);
    for (int p = 0; p < PANE_COUNT; p++)
        if (pane_is_filter((enum pane)p))
            t->cur[p] = (struct cursor){0, 0};
    tui_message(t, false, "%s", _("every filter cleared"));
    return DIRTY_FILTERS | DIRTY_LIST | DIRTY_DETAIL | DIRTY_BAR;
}

/* The single entry of a filter, or NULL: what names the report's file. */
static const char *only_entry(const struct view *v, enum facet_kind k)
{
    return v->f[k].n_sel == 1 ? v->f[k].sel[0] : NULL;
}

/* The targets listed, written by the code of `plantrack report` as its
 * HTML report, in the folder the viewer was started in. */
static unsigned write_report(struct tui *t)
{
    struct report r;
    struct pt_error err;
    char what[400], name[512], cwd[PATH_MAX];
    bool *rows = calloc(t->m.n_rows + 1, sizeof *rows);
    if (!rows) {
        tui_message(t, true, "%s", "out of memory");
        return DIRTY_BAR;
    }
    for (size_t i = 0; i < t->v.n_rows; i++)
        rows[t->v.rows[i]] = true;
    view_describe(&t->v, what, sizeof what);
    struct report_options o = {
        .rows = rows, .selection = what, .details = true, .charts = true};
    /* The file's name says the plan, year and agency when one is picked. */
    const char *year = only_entry(&t->v, FACET_YEAR);
    const char *lead = only_entry(&t->v, FACET_LEAD);
    o.filter.plan = only_entry(&t->v, FACET_PLAN);
    o.filter.year = year ? atoi(year) : 0;
    o.filter.lead = lead ? strchr(lead, '/') + 1 : NULL;
    report_default_name(&o, t->m.as_of, REPORT_HTML, name, sizeof name);
    int rc = report_build(&r, &t->m, NULL, &o, &err);
    if (rc == 0)
        rc = report_write(&r, REPORT_HTML, name, &err);
    if (rc == 0)
        tui_message(t, false,
                    _("report written: %s/%s (%d target(s), %d need "
                      "attention)"),
                    getcwd(cwd, sizeof cwd) ? cwd : ".", name, r.total.total,
                    r.total.attention);
    else
        tui_message(t, true, "%s", err.msg);
    report_free(&r);
    free(rows);
    return DIRTY_BAR;
}

/* Sort by the next column shown, or the same one the other way round. */
static unsigned sort_by(struct tui *t, int column, bool reverse)
{
    int cx[COL_COUNT], cw[COL_COUNT];
    int inner = t->win[PANE_TARGETS] ? getmaxx(t->win[PANE_TARGETS]) - 2 : 76;
    unsigned shown = list_columns(t, inner, cx, cw);
    if (reverse) {
        t->v.sort_desc = !t->v.sort_desc;
    } else if (column < 0) {
        int c = (int)t->v.sort;
        do
            c = (c + 1) % COL_COUNT;
        while (!(shown & 1u << c));
        t->v.sort = (enum column)c;
        t->v.sort_desc = false;
    } else {
        t->v.sort_desc = t->v.sort == (enum column)column && !t->v.sort_desc;
        t->v.sort = (enum column)column;
    }
    rebuild_view(t);
    tui_message(t, false,
                t->v.sort_desc ? _("sorted by %s, descending (O reverses)")
                               : _("sorted by %s (O reverses)"),
                column_title(t->v.sort));
    return DIRTY_LIST | DIRTY_DETAIL | DIRTY_BAR;
}

static unsigned focus_pane(struct tui *t, enum pane p)
{
    if (t->narrow && pane_is_filter(p)) {
        overlay_open_facets(t, p);
        return DIRTY_OVERLAY | DIRTY_BAR;
    }
    t->focus = p;
    return DIRTY_FILTERS | DIRTY_LIST | DIRTY_DETAIL | DIRTY_BAR;
}

static unsigned next_pane(struct tui *t, int dir)
{
    if (t->narrow)
        return focus_pane(t, t->focus == PANE_TARGETS ? PANE_DETAIL
                                                      : PANE_TARGETS);
    return focus_pane(
        t, (enum pane)((t->focus + PANE_DETAIL + 1 + dir) % (PANE_DETAIL + 1)));
}

static unsigned open_selected(struct tui *t, const struct model_row *row)
{
    if (pane_is_filter(t->focus))
        return tui_apply_facet(t, t->focus, t->cur[t->focus].sel, false);
    if (t->focus == PANE_TARGETS && row) {
        t->focus = PANE_DETAIL;
        t->cur[PANE_DETAIL] = (struct cursor){0, 0};
        return DIRTY_LIST | DIRTY_DETAIL | DIRTY_BAR;
    }
    if (t->focus == PANE_DETAIL) {
        long line = t->cur[PANE_DETAIL].sel;
        if (line >= 0 && line < t->detail_lines && t->detail_hist[line] >= 0) {
            overlay_open_obs(t, t->detail_hist[line]);
            return DIRTY_OVERLAY;
        }
        tui_message(t, false, "%s",
                    _("Enter on a history row shows that observation in "
                      "full"));
        return DIRTY_BAR;
    }
    return 0;
}

static unsigned handle(struct tui *t, enum request r, int key)
{
    const struct model_row *row = tui_selected_row(t);
    int rows = pane_rows(t, t->focus);
    int page = rows > 1 ? rows - 1 : 1;
    switch (r) {
    case REQ_QUIT:
        t->quit = true;
        return 0;
    case REQ_HELP:
        overlay_open_help(t);
        return DIRTY_OVERLAY;
    case REQ_NEXT_PANE:
        return next_pane(t, 1);
    case REQ_PREV_PANE:
        return next_pane(t, -1);
    case REQ_PANE_LEFT:
        if (t->focus == PANE_DETAIL)
            return focus_pane(t, PANE_TARGETS);
        if (t->focus == PANE_TARGETS)
            return focus_pane(t, PANE_LEADS);
        return 0;
    case REQ_PANE_RIGHT:
        return focus_pane(t, t->focus == PANE_TARGETS ? PANE_DETAIL
                                                      : t->focus == PANE_DETAIL
                                                            ? PANE_DETAIL
                                                            : PANE_TARGETS);
    case REQ_PANE_1:
    case REQ_PANE_2:
    case REQ_PANE_3:
    case REQ_PANE_4:
    case REQ_PANE_5:
        return focus_pane(t, (enum pane)(PANE_PLANS + (r - REQ_PANE_1)));
    case REQ_DOWN:
        return move_cursor(t, 1, false);
    case REQ_UP:
        return move_cursor(t, -1, false);
    case REQ_PAGE_DOWN:
        return move_cursor(t, page, false);
    case REQ_PAGE_UP:
        return move_cursor(t, -page, false);
    case REQ_HALF_DOWN:
        return move_cursor(t, page / 2 ? page / 2 : 1, false);
    case REQ_HALF_UP:
        return move_cursor(t, -(page / 2 ? page / 2 : 1), false);
    case REQ_FIRST:
        return move_cursor(t, -1, true);
    case REQ_LAST:
        return move_cursor(t, 1, true);
    case REQ_SELECT:
        return open_selected(t, row);
    case REQ_TOGGLE:
        if (pane_is_filter(t->focus))
            return tui_apply_facet(t, t->focus, t->cur[t->focus].sel, true);
        tui_message(t, false, "%s",
                    _("x adds or removes a filter entry: go to a filter "
                      "(1, 2, 3 or f) first"));
        return DIRTY_BAR;
    case REQ_CANCEL:
        if (t->v.query.len) {
            tui_message(t, false, "%s", _("search cleared"));
            return clear_search(t);
        }
        if (t->focus == PANE_DETAIL) {
            t->focus = PANE_TARGETS;
            return DIRTY_LIST | DIRTY_DETAIL | DIRTY_BAR;
        }
        if (view_filtered(&t->v)) {
            tui_message(t, false, "%s", _("X clears every filter"));
            return DIRTY_BAR;
        }
        return 0;
    case REQ_SEARCH:
    case REQ_NARROW:
        t->searching = true;
        t->narrowing = r == REQ_NARROW;
        le_set(&t->search, "");
        t->search_origin = t->cur[PANE_TARGETS].sel;
        if (t->v.query.len)
            clear_search(t);
        return DIRTY_BAR | DIRTY_LIST;
    case REQ_SEARCH_NEXT:
        return search_step(t, 1);
    case REQ_SEARCH_PREV:
        return search_step(t, -1);
    case REQ_STATUS_FILTER:
        overlay_open_facets(t, PANE_STATUS);
        return DIRTY_OVERLAY;
    case REQ_CLEAR_FILTERS:
        return clear_filters(t);
    case REQ_ADD:
        if (!row) {
            tui_message(t, true, "%s", _("no target selected"));
            return DIRTY_BAR;
        }
        editor_open(t, row, NULL);
        if (t->narrow)
            t->focus = PANE_DETAIL;
        if (!t->writable)
            tui_message(t, true, _("read-only: %s (the draft is kept)"),
                        t->log_note);
        return DIRTY_DETAIL | DIRTY_BAR | DIRTY_LIST;
    case REQ_CORRECT: {
        const struct obs *old = row ? observation_to_correct(t) : NULL;
        if (!old) {
            tui_message(t, true, "%s", _("no observation to correct"));
            return DIRTY_BAR;
        }
        if (old->corrected) {
            tui_message(t, true, "%s",
                        _("already corrected: correct the newer observation"));
            return DIRTY_BAR;
        }
        editor_open(t, row, old);
        if (t->narrow)
            t->focus = PANE_DETAIL;
        return DIRTY_DETAIL | DIRTY_BAR | DIRTY_LIST;
    }
    case REQ_SOURCE:
        if (row)
            overlay_open_source(t, row->t);
        return DIRTY_OVERLAY | DIRTY_BAR;
    case REQ_SORT:
        return sort_by(t, -1, false);
    case REQ_SORT_REVERSE:
        return sort_by(t, -1, true);
    case REQ_COLUMNS:
        overlay_open_columns(t);
        return DIRTY_OVERLAY;
    case REQ_MESSAGE:
        if (!t->last_msg[0]) {
            tui_message(t, false, "%s", _("no message to show"));
            return DIRTY_BAR;
        }
        overlay_open_message(t);
        return DIRTY_OVERLAY;
    case REQ_RELOAD:
        return reload(t);
    case REQ_REPORT:
        return write_report(t);
    case REQ_REPAINT:
        clearok(curscr, TRUE);
        return DIRTY_ALL;
    case REQ_NONE:
    case REQ_COUNT: {
        char name[24];
        keys_key_name(key, name, sizeof name);
        tui_message(t, false, _("unknown key %s: ? shows the keys"), name);
        return DIRTY_BAR;
    }
    }
    return 0;
}

/* Incremental search: the list follows as the official types; with |
 * it shows only the matches. */
static unsigned search_key(struct tui *t, int key)
{
    bool changed = false;
    switch (key) {
    case 27:
        t->searching = false;
        t->msg[0] = '\0';
        clear_search(t);
        t->cur[PANE_TARGETS].sel = t->search_origin;
        tui_load_history(t, false);
        return DIRTY_LIST | DIRTY_DETAIL | DIRTY_BAR | DIRTY_FILTERS;
    case '\n':
    case '\r':
    case FKEY(KEY_ENTER):
        t->searching = false;
        if (!t->narrow)
            t->focus = PANE_TARGETS;
        if (t->v.query.len && !t->v.n_hits)
            tui_message(t, true, _("no target matches '%s'"),
                        t->v.query.text);
        else if (t->v.query.len)
            match_message(t, false, 1);
        return DIRTY_ALL & ~DIRTY_LAYOUT;
    case FKEY(KEY_BACKSPACE):
    case 127:
    case 8:
        changed = le_backspace(&t->search);
        break;
    case 21: /* Ctrl-U */
        changed = le_kill_to_start(&t->search);
        break;
    case 23: /* Ctrl-W */
        changed = le_kill_word(&t->search);
        break;
    case FKEY(KEY_LEFT):
        le_left(&t->search);
        return DIRTY_BAR;
    case FKEY(KEY_RIGHT):
        le_right(&t->search);
        return DIRTY_BAR;
    case FKEY(KEY_RESIZE):
        return DIRTY_LAYOUT;
    default:
        if (key >= 0x20 && key <= 0x10FFFF)
            changed = le_insert(&t->search, (uint32_t)key);
        break;
    }
    if (!changed)
        return DIRTY_BAR;
    if (t->narrowing) {
        char plan[72], target[72];
        bool had = selected_key(t, plan, target);
        view_search(&t->v, t->search.buf, true);
        select_key(t, had ? plan : NULL, target);
    } else {
        view_search(&t->v, t->search.buf, false);
        long pos = view_find(&t->v, (size_t)t->search_origin, 1);
        t->cur[PANE_TARGETS].sel = pos >= 0 ? pos : t->search_origin;
    }
    tui_load_history(t, false);
    return DIRTY_LIST | DIRTY_DETAIL | DIRTY_BAR;
}

/* ---- the mouse ---- */

/* The pane under screen cell (y, x), and the cell in its window. */
static int pane_at(const struct tui *t, int y, int x, int *wy, int *wx)
{
    for (int p = 0; p < PANE_COUNT; p++) {
        WINDOW *w = t->win[p];
        if (!w || (t->narrow && p != (t->focus == PANE_DETAIL || t->ed
                                          ? PANE_DETAIL
                                          : PANE_TARGETS)))
            continue;
        if (wenclose(w, y, x)) {
            *wy = y - getbegy(w);
            *wx = x - getbegx(w);
            return p;
        }
    }
    return -1;
}

static unsigned click_targets(struct tui *t, int wy, int wx, bool focused)
{
    if (wy == 1) { /* a column's title sorts by it */
        int cx[COL_COUNT], cw[COL_COUNT];
        unsigned shown =
            list_columns(t, getmaxx(t->win[PANE_TARGETS]) - 2, cx, cw);
        for (int c = 0; c < COL_COUNT; c++)
            if ((shown & 1u << c) && wx >= cx[c] && wx < cx[c] + cw[c] + 1)
                return sort_by(t, c, false);
        return 0;
    }
    long row = t->cur[PANE_TARGETS].top + wy - 2;
    if (wy < 2 || row >= (long)t->v.n_rows)
        return DIRTY_LIST;
    if (focused && row == t->cur[PANE_TARGETS].sel)
        return open_selected(t, tui_selected_row(t));
    t->cur[PANE_TARGETS].sel = row;
    tui_load_history(t, false);
    return DIRTY_LIST | DIRTY_DETAIL | DIRTY_BAR;
}

static unsigned click_pane(struct tui *t, enum pane p, int wy, int wx)
{
    bool focused = t->focus == p;
    unsigned d = focus_pane(t, p);
    if (wy == 0) /* the title: focus only */
        return d;
    if (pane_is_filter(p)) {
        long row = t->cur[p].top + wy - 1;
        return row < pane_count(t, p) ? d | tui_apply_facet(t, p, row, false)
                                      : d;
    }
    if (p == PANE_TARGETS)
        return d | click_targets(t, wy, wx, focused);
    long line = t->cur[PANE_DETAIL].top + wy - 1;
    if (line >= t->detail_lines)
        return d;
    if (focused && line == t->cur[PANE_DETAIL].sel)
        return d | open_selected(t, tui_selected_row(t));
    t->cur[PANE_DETAIL].sel = line;
    return d | DIRTY_DETAIL;
}

static unsigned mouse_overlay(struct tui *t, const MEVENT *ev, int wheel)
{
    if (!t->ov || !wenclose(t->ov, ev->y, ev->x)) {
        if (wheel || t->overlay == OVERLAY_DRAFTS)
            return 0;
        overlay_close(t); /* a click beside it closes it */
        return DIRTY_ALL & ~DIRTY_LAYOUT;
    }
    int wy = ev->y - getbegy(t->ov);
    if (t->overlay == OVERLAY_FACETS) {
        struct cursor *c = &t->cur[t->ov_pane];
        if (wheel) {
            c->sel += wheel * 3;
            return DIRTY_OVERLAY;
        }
        long row = c->top + wy - 1;
        if (wy < 1 || row >= pane_count(t, t->ov_pane))
            return 0;
        enum pane p = t->ov_pane;
        overlay_close(t);
        return tui_apply_facet(t, p, row, false) | (DIRTY_ALL & ~DIRTY_LAYOUT);
    }
    if (t->overlay == OVERLAY_COLUMNS) {
        if (wy >= 1 && wy <= COL_COUNT) {
            t->ov_sel = wy - 1;
            return overlay_key(t, 'x');
        }
        return 0;
    }
    if (wheel) {
        t->ov_top += wheel * 3;
        if (t->ov_top < 0)
            t->ov_top = 0;
        return DIRTY_OVERLAY;
    }
    return 0;
}

static unsigned mouse(struct tui *t)
{
    MEVENT ev;
    if (getmouse(&ev) != OK)
        return 0;
    int wheel = ev.bstate & BUTTON4_PRESSED   ? -1
                : ev.bstate & BUTTON5_PRESSED ? 1
                                              : 0;
    bool click = ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED);
    if (!wheel && !click)
        return 0;
    if (t->overlay != OVERLAY_NONE)
        return mouse_overlay(t, &ev, wheel);
    if (t->ed || t->searching || t->too_small)
        return 0;
    int wy, wx;
    int p = pane_at(t, ev.y, ev.x, &wy, &wx);
    if (p < 0) { /* the bar: a cut message opens in full */
        if (click && t->msg[0] && ev.y == t->lines - 1) {
            memcpy(t->last_msg, t->msg, sizeof t->last_msg);
            t->last_msg_error = t->msg_error;
            overlay_open_message(t);
            return DIRTY_OVERLAY;
        }
        return 0;
    }
    if (wheel) {
        unsigned d =
            (int)t->focus == p ? 0 : focus_pane(t, (enum pane)p);
        return d | scroll_view(t, (enum pane)p, wheel * 3);
    }
    return click_pane(t, (enum pane)p, wy, wx);
}

static unsigned dispatch(struct tui *t, int key)
{
    if (key == FKEY(KEY_RESIZE))
        return DIRTY_LAYOUT;
    if (key == FKEY(KEY_MOUSE))
        return mouse(t);
    if (t->too_small)
        return key == 'q' || key == 3 ? (t->quit = true, 0) : 0;
    if (t->overlay == OVERLAY_OBS &&
        keys_request(&t->keys, key) == REQ_CORRECT) {
        overlay_close(t);
        return handle(t, REQ_CORRECT, key) | (DIRTY_ALL & ~DIRTY_LAYOUT);
    }
    if (t->overlay != OVERLAY_NONE)
        return overlay_key(t, key);
    if (t->ed)
        return key == 12 ? handle(t, REQ_REPAINT, key)
                         : editor_key(t, key) | DIRTY_BAR;
    if (t->searching)
        return search_key(t, key);
    if (key == 3) /* Ctrl-C quits like q */
        return handle(t, REQ_QUIT, key);
    unsigned had_msg = t->msg[0] ? DIRTY_BAR : 0;
    if (t->msg[0]) { /* gone from the bar, still there for m */
        memcpy(t->last_msg, t->msg, sizeof t->last_msg);
        t->last_msg_error = t->msg_error;
    }
    t->msg[0] = '\0';
    return handle(t, keys_request(&t->keys, key), key) | had_msg;
}

/* Another session wrote to the log: pick it up without a key press. */
static void poll_log(struct tui *t)
{
    if (!t->told_replaced && log_file_replaced(t->m.log)) {
        t->told_replaced = true;
        tui_message(t, true, "%s",
                    _("the log file was replaced or removed: r reopens it; "
                      "nothing is saved to the old one"));
        return;
    }
    if (!model_log_changed(&t->m))
        return;
    tui_refresh(t);
    if (!t->msg[0])
        tui_message(t, false, "%s", _("the log changed: figures updated"));
}

/* ---- start and stop ---- */

static void init_colors(struct tui *t)
{
    const char *no_color = getenv("NO_COLOR");
    if (no_color && *no_color)
        t->theme = THEME_MONOCHROME;
    t->color = has_colors() && t->theme != THEME_MONOCHROME;
    if (!t->color)
        return;
    start_color();
    /* High contrast: bright colours on black, never the terminal's own
     * (often grey) background or blue, which are hard to read. */
    bool hc = t->theme == THEME_HIGH_CONTRAST;
    short bg = -1;
    if (hc || use_default_colors() == ERR)
        bg = COLOR_BLACK;
    if (hc)
        assume_default_colors(COLOR_WHITE, COLOR_BLACK);
    short bright = hc && COLORS >= 16 ? 8 : 0;
    init_pair(PAIR_BAD, (short)(COLOR_RED + bright), bg);
    init_pair(PAIR_WARN, (short)(COLOR_YELLOW + bright), bg);
    init_pair(PAIR_GOOD, (short)(COLOR_GREEN + bright), bg);
    init_pair(PAIR_INFO, (short)(COLOR_CYAN + bright), bg);
    init_pair(PAIR_TITLE, hc ? COLOR_WHITE : COLOR_CYAN, bg);
    init_pair(PAIR_MATCH, (short)(COLOR_YELLOW + bright), bg);
    init_pair(PAIR_TARGET, (short)(COLOR_YELLOW + bright), bg);
    init_pair(PAIR_PATH, hc ? (short)(COLOR_CYAN + bright) : COLOR_BLUE, bg);
    init_pair(PAIR_ERROR, (short)(COLOR_RED + bright), bg);
}

/* The config file's theme, bindings and columns; what cannot be used is
 * said once the viewer is up. */
static void apply_config(struct tui *t)
{
    struct config *c = t->cfg;
    keymap_init(&t->keys);
    t->columns = 1u << COL_STATUS | 1u << COL_YEAR | 1u << COL_INDICATOR |
                 1u << COL_TARGET | 1u << COL_LATEST | 1u << COL_DATE;
    t->mouse = true;
    if (!c)
        return;
    t->mouse = c->mouse != 0;
    t->theme = strcmp(c->theme, "high-contrast") == 0 ? THEME_HIGH_CONTRAST
               : strcmp(c->theme, "monochrome") == 0  ? THEME_MONOCHROME
                                                      : THEME_DEFAULT;
    char err[600];
    for (size_t i = 0; i < c->n_binds; i++)
        if (keymap_bind(&t->keys, c->binds[i].key, c->binds[i].action, err,
                        sizeof err) < 0)
            config_problem(c, c->binds[i].line, "%s", err);
    unsigned cols;
    if (c->columns && column_parse_list(c->columns, &cols, err, sizeof err) < 0)
        config_problem(c, 0, "columns: %s", err);
    else if (c->columns)
        t->columns = cols;
    if (c->sort) {
        const char *name = c->sort[0] == '-' ? c->sort + 1 : c->sort;
        int col = column_parse(name);
        if (col < 0) {
            config_problem(c, 0, _("sort: unknown column '%s'"), name);
        } else {
            t->v.sort = (enum column)col;
            t->v.sort_desc = c->sort[0] == '-';
        }
    }
}

static void report_config(struct tui *t)
{
    if (!t->cfg || !t->cfg->n_problems)
        return;
    char all[1800];
    size_t n = 0;
    all[0] = '\0';
    for (size_t i = 0; i < t->cfg->n_problems && n < sizeof all; i++)
        n += (size_t)snprintf(all + n, sizeof all - n, "%s%s", i ? "; " : "",
                              t->cfg->problems[i]);
    tui_message(t, true, _("config: %s (m shows it; %zu problem(s))"), all,
                t->cfg->n_problems);
}

/* Ctrl-S is the editor's save key: take it back from terminal flow
 * control, but keep Ctrl-C and Ctrl-Z working. */
static void no_flow_control(void)
{
    struct termios tio;
    if (tcgetattr(STDIN_FILENO, &tio) == 0) {
        tio.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
        tcsetattr(STDIN_FILENO, TCSANOW, &tio);
    }
}

static void free_tui(struct tui *t)
{
    editor_close(t, false);
    overlay_close(t);
    drop_windows(t);
    obs_list_free(t->hist, t->n_hist);
    free(t->detail_hist);
    free(t->recover);
    free(t->drafts);
    view_free(&t->v);
    model_free(&t->m);
}

int tui_main(const struct cli_opts *o)
{
    struct tui t;
    memset(&t, 0, sizeof t);
    t.opts = o;
    t.utf8 = o->utf8;
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        fputs(_("plantrack: the viewer needs a terminal; for scripts use "
                "'plantrack status' (see --help)\n"),
              stderr);
        return PT_EUSER;
    }
    if (load(&t, &t.m) < 0) {
        fprintf(stderr, _("plantrack: cannot read the plans in %s\n"),
                o->plans);
        return PT_EUSER;
    }
    t.cfg = o->config;
    t.drafts = draft_dir_for_log(o->db);
    view_init(&t.v, &t.m);
    apply_config(&t);
    view_rebuild(&t.v);
    t.focus = PANE_TARGETS;
    const char *term = getenv("TERM");
    shared_terminal_begin();
    t.screen = newterm(NULL, stdout, stdin);
    shared_terminal_end();
    if (!t.screen) {
        fprintf(stderr,
                _("plantrack: cannot start the viewer: terminal type '%s' is "
                  "unknown here; try TERM=xterm-256color\n"),
                term ? term : "");
        free_tui(&t);
        return PT_EENV;
    }
    set_term(t.screen);
    if (!draw_terminal_can_address()) {
        endwin();
        delscreen(t.screen);
        fprintf(stderr,
                _("plantrack: the terminal '%s' cannot move its cursor, which "
                  "the viewer needs; use a terminal such as xterm, screen or "
                  "tmux (TERM=xterm-256color), or the commands: 'plantrack "
                  "status', 'plantrack log'\n"),
                term ? term : "");
        free_tui(&t);
        return PT_EENV;
    }
    cbreak();
    noecho();
    nonl();
    no_flow_control();
    set_escdelay(40);
    curs_set(0);
    init_colors(&t);
    if (t.mouse) {
        /* Presses, not clicks: no wait to tell a click from a drag. */
        mouseinterval(0);
        mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
    }
    struct sigaction sa = {.sa_handler = on_signal};
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    stop_signal = 0;
    tui_load_history(&t, true);
    report_skipped(&t);
    report_config(&t);
    overlay_open_drafts(&t);
    t.dirty = DIRTY_LAYOUT;
    struct timespec last_poll;
    clock_gettime(CLOCK_MONOTONIC, &last_poll);
    while (!t.quit && !stop_signal) {
        render(&t);
        /* Once the screen is painted: the search texts, so that no
         * keystroke of a search pays for building them. */
        view_prepare_search(&t.v);
        int key = read_key(&t);
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        long since = (now.tv_sec - last_poll.tv_sec) * 1000 +
                     (now.tv_nsec - last_poll.tv_nsec) / 1000000;
        if (key < 0 || since >= POLL_MS) {
            poll_log(&t);
            last_poll = now;
        }
        if (key >= 0)
            t.dirty |= dispatch(&t, key);
    }
    drop_windows(&t); /* windows belong to the screen: delete them first */
    endwin();
    delscreen(t.screen);
    free_tui(&t);
    return 0;
}
