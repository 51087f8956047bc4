/* The viewer: start-up, layout, the input loop, and the requests. Keys
 * become requests, requests change the state and say what to redraw; the
 * panes are drawn into their windows and painted once with doupdate(). */
#include "plantrack/tui.h"

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
#include "plantrack/text.h"
#include "plantrack/tui/draw.h"
#include "plantrack/tui/editor.h"
#include "plantrack/tui/keys.h"
#include "plantrack/tui/overlay.h"
#include "plantrack/tui/state.h"

#define MIN_LINES 24
#define MIN_COLS 80
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

static void layout(struct tui *t)
{
    drop_windows(t);
    getmaxyx(stdscr, t->lines, t->cols);
    t->too_small = t->lines < MIN_LINES || t->cols < MIN_COLS;
    if (t->too_small) {
        t->bar = make(t, &t->bar_panel, t->lines, t->cols, 0, 0);
        return;
    }
    int body = t->lines - 2;
    int left = clamp(t->cols / 4, 22, 36);
    int right = t->cols - left;
    int plans_h = clamp((int)t->v.n_plans + 2, 3, 9);
    int years_h = clamp((int)t->v.n_years + 2, 3, 8);
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
    for (int p = 0; p < PANE_DETAIL; p++) {
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
             _("Terminal too small: %dx%d, need %dx%d. q quits."), t->cols,
             t->lines, MIN_COLS, MIN_LINES);
    draw_text(t, t->bar, t->lines / 2, 0, buf, t->cols, false, A_BOLD);
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
    if (t->dirty & DIRTY_FILTERS)
        for (int p = PANE_PLANS; p <= PANE_LEADS; p++)
            draw_facets(t, (enum pane)p);
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

static bool is_filter_pane(enum pane p)
{
    return p <= PANE_LEADS;
}

static unsigned move_cursor(struct tui *t, long delta, bool absolute)
{
    enum pane p = t->focus;
    struct cursor *c = &t->cur[p];
    long n = pane_count(t, p);
    if (p == PANE_DETAIL && n == 0) { /* no history: scroll the pane */
        c->top = absolute ? (delta < 0 ? 0 : 1L << 20) : c->top + delta;
        if (c->top < 0)
            c->top = 0;
        return DIRTY_DETAIL;
    }
    c->sel = absolute ? (delta < 0 ? 0 : n - 1) : c->sel + delta;
    if (c->sel >= n)
        c->sel = n - 1;
    if (c->sel < 0)
        c->sel = 0;
    if (p == PANE_TARGETS) {
        tui_load_history(t, false);
        return DIRTY_LIST | DIRTY_DETAIL;
    }
    return p == PANE_DETAIL ? DIRTY_DETAIL : DIRTY_FILTERS;
}

static unsigned apply_filter(struct tui *t)
{
    enum pane p = t->focus;
    long sel = t->cur[p].sel;
    if (p == PANE_PLANS && sel < (long)t->v.n_plans)
        view_set_plan(&t->v, t->v.plans[sel].key);
    else if (p == PANE_YEARS && sel < (long)t->v.n_years)
        t->v.year = t->v.years[sel].year;
    else if (p == PANE_LEADS && sel < (long)t->v.n_leads)
        view_set_lead(&t->v, t->v.leads[sel].key);
    rebuild_view(t);
    /* The panes' lists changed under their cursors: follow the entries. */
    for (int q = PANE_PLANS; q <= PANE_LEADS; q++) {
        size_t n;
        const struct facet *f = q == PANE_PLANS   ? t->v.plans
                                : q == PANE_YEARS ? t->v.years
                                                  : t->v.leads;
        n = q == PANE_PLANS   ? t->v.n_plans
            : q == PANE_YEARS ? t->v.n_years
                              : t->v.n_leads;
        for (size_t i = 0; i < n; i++) {
            bool active =
                q == PANE_PLANS
                    ? (f[i].key && t->v.plan ? !strcmp(f[i].key, t->v.plan)
                                             : !f[i].key && !t->v.plan)
                : q == PANE_YEARS
                    ? f[i].year == t->v.year
                    : (f[i].key && t->v.lead ? !strcmp(f[i].key, t->v.lead)
                                             : !f[i].key && !t->v.lead);
            if (active)
                t->cur[q].sel = (long)i;
        }
    }
    return DIRTY_FILTERS | DIRTY_LIST | DIRTY_DETAIL | DIRTY_BAR;
}

/* The observation `c` corrects: the selected history row in the detail
 * pane, else the target's latest current observation. */
static const struct obs *observation_to_correct(struct tui *t)
{
    if (t->focus == PANE_DETAIL && t->cur[PANE_DETAIL].sel < (long)t->n_hist)
        return &t->hist[t->cur[PANE_DETAIL].sel];
    for (size_t i = 0; i < t->n_hist; i++)
        if (!t->hist[i].superseded)
            return &t->hist[i];
    return NULL;
}

static unsigned search_step(struct tui *t, int dir)
{
    if (!t->query[0]) {
        tui_message(t, false, "%s", _("no search yet: press / to search"));
        return DIRTY_BAR;
    }
    long from = t->cur[PANE_TARGETS].sel + dir;
    long pos =
        view_find(&t->v, t->query,
                  (size_t)(from < 0 ? (long)t->v.n_rows - 1 : from), dir);
    if (pos < 0) {
        tui_message(t, true, _("no target matches '%s'"), t->query);
        return DIRTY_BAR;
    }
    t->cur[PANE_TARGETS].sel = pos;
    t->focus = PANE_TARGETS;
    tui_load_history(t, false);
    return DIRTY_LIST | DIRTY_DETAIL | DIRTY_FILTERS | DIRTY_BAR;
}

static unsigned handle(struct tui *t, enum request r)
{
    const struct model_row *row = tui_selected_row(t);
    int page = pane_rows(t, t->focus) > 1 ? pane_rows(t, t->focus) - 1 : 1;
    switch (r) {
    case REQ_QUIT:
        t->quit = true;
        return 0;
    case REQ_HELP:
        overlay_open_help(t);
        return DIRTY_OVERLAY;
    case REQ_NEXT_PANE:
    case REQ_PREV_PANE:
        t->focus =
            (enum pane)((t->focus + (r == REQ_NEXT_PANE ? 1 : PANE_COUNT - 1)) %
                        PANE_COUNT);
        return DIRTY_FILTERS | DIRTY_LIST | DIRTY_DETAIL;
    case REQ_DOWN:
        return move_cursor(t, 1, false);
    case REQ_UP:
        return move_cursor(t, -1, false);
    case REQ_PAGE_DOWN:
        return move_cursor(t, page, false);
    case REQ_PAGE_UP:
        return move_cursor(t, -page, false);
    case REQ_FIRST:
        return move_cursor(t, -1, true);
    case REQ_LAST:
        return move_cursor(t, 1, true);
    case REQ_SELECT:
        if (is_filter_pane(t->focus))
            return apply_filter(t);
        if (t->focus == PANE_TARGETS && row) {
            t->focus = PANE_DETAIL;
            return DIRTY_LIST | DIRTY_DETAIL;
        }
        return 0;
    case REQ_CANCEL:
        if (t->query[0]) {
            t->query[0] = '\0';
            tui_message(t, false, "%s", _("search cleared"));
            return DIRTY_LIST | DIRTY_BAR;
        }
        if (t->focus == PANE_DETAIL) {
            t->focus = PANE_TARGETS;
            return DIRTY_LIST | DIRTY_DETAIL;
        }
        return 0;
    case REQ_SEARCH:
        t->searching = true;
        le_set(&t->search, "");
        t->search_origin = t->cur[PANE_TARGETS].sel;
        return DIRTY_BAR;
    case REQ_SEARCH_NEXT:
        return search_step(t, 1);
    case REQ_SEARCH_PREV:
        return search_step(t, -1);
    case REQ_ADD:
        if (!row) {
            tui_message(t, true, "%s", _("no target selected"));
            return DIRTY_BAR;
        }
        editor_open(t, row, NULL);
        if (!t->writable)
            tui_message(t, true, _("read-only: %s (the draft is kept)"),
                        t->log_note);
        return DIRTY_DETAIL | DIRTY_BAR;
    case REQ_CORRECT: {
        const struct obs *old = row ? observation_to_correct(t) : NULL;
        if (!old) {
            tui_message(t, true, "%s", _("no observation to correct"));
            return DIRTY_BAR;
        }
        if (old->superseded) {
            tui_message(t, true, "%s",
                        _("already corrected: correct the newer observation"));
            return DIRTY_BAR;
        }
        editor_open(t, row, old);
        return DIRTY_DETAIL | DIRTY_BAR;
    }
    case REQ_SOURCE:
        if (row)
            overlay_open_source(t, row->t);
        return DIRTY_OVERLAY | DIRTY_BAR;
    case REQ_RELOAD:
        return reload(t);
    case REQ_SORT:
        t->v.sort = (enum sort_order)((t->v.sort + 1) % SORT_COUNT);
        rebuild_view(t);
        tui_message(t, false, _("sorted by %s"), sort_order_label(t->v.sort));
        return DIRTY_LIST | DIRTY_DETAIL | DIRTY_BAR;
    case REQ_REPAINT:
        clearok(curscr, TRUE);
        return DIRTY_ALL;
    default:
        return 0;
    }
}

/* Incremental search: the list follows as the official types. */
static unsigned search_key(struct tui *t, int key)
{
    bool changed = false;
    switch (key) {
    case 27:
        t->searching = false;
        t->search_failed = false;
        t->query[0] = '\0';
        t->msg[0] = '\0';
        t->cur[PANE_TARGETS].sel = t->search_origin;
        tui_load_history(t, false);
        return DIRTY_LIST | DIRTY_DETAIL | DIRTY_BAR;
    case '\n':
    case '\r':
    case FKEY(KEY_ENTER):
        t->searching = false;
        t->search_failed = false;
        snprintf(t->query, sizeof t->query, "%s", t->search.buf);
        t->focus = PANE_TARGETS;
        if (t->query[0] &&
            !view_row_matches(&t->v, (size_t)t->cur[PANE_TARGETS].sel,
                              t->query))
            tui_message(t, true, _("no target matches '%s'"), t->query);
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
    default:
        if (key >= 0x20 && key <= 0x10FFFF)
            changed = le_insert(&t->search, (uint32_t)key);
        break;
    }
    if (!changed)
        return DIRTY_BAR;
    snprintf(t->query, sizeof t->query, "%s", t->search.buf);
    long pos = view_find(&t->v, t->query, (size_t)t->search_origin, 1);
    t->cur[PANE_TARGETS].sel = pos >= 0 ? pos : t->search_origin;
    t->search_failed = pos < 0 && t->query[0];
    tui_load_history(t, false);
    return DIRTY_LIST | DIRTY_DETAIL | DIRTY_BAR;
}

static unsigned dispatch(struct tui *t, int key)
{
    if (key == FKEY(KEY_RESIZE))
        return DIRTY_LAYOUT;
    if (t->too_small)
        return key == 'q' || key == 3 ? (t->quit = true, 0) : 0;
    if (t->overlay != OVERLAY_NONE)
        return overlay_key(t, key);
    if (t->ed)
        return key == 12 ? handle(t, REQ_REPAINT) : editor_key(t, key);
    if (t->searching)
        return search_key(t, key);
    if (key == 3) /* Ctrl-C quits like q */
        return handle(t, REQ_QUIT);
    unsigned had_msg = t->msg[0] ? DIRTY_BAR : 0;
    t->msg[0] = '\0';
    return handle(t, keys_request(key)) | had_msg;
}

/* Another session wrote to the log: pick it up without a key press. */
static void poll_log(struct tui *t)
{
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
    t->color = has_colors() && !(no_color && *no_color);
    if (!t->color)
        return;
    start_color();
    use_default_colors();
    init_pair(PAIR_BAD, COLOR_RED, -1);
    init_pair(PAIR_WARN, COLOR_YELLOW, -1);
    init_pair(PAIR_GOOD, COLOR_GREEN, -1);
    init_pair(PAIR_INFO, COLOR_CYAN, -1);
    init_pair(PAIR_TITLE, COLOR_CYAN, -1);
    init_pair(PAIR_MATCH, COLOR_YELLOW, -1);
    init_pair(PAIR_TARGET, COLOR_YELLOW, -1);
    init_pair(PAIR_PATH, COLOR_BLUE, -1);
    init_pair(PAIR_ERROR, COLOR_RED, -1);
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
    t.drafts = draft_dir();
    view_init(&t.v, &t.m);
    t.focus = PANE_TARGETS;
    const char *term = getenv("TERM");
    t.screen = newterm(NULL, stdout, stdin);
    if (!t.screen) {
        fprintf(stderr,
                _("plantrack: cannot start the viewer: terminal type '%s' is "
                  "unknown here; try TERM=xterm-256color\n"),
                term ? term : "");
        free_tui(&t);
        return PT_EENV;
    }
    set_term(t.screen);
    cbreak();
    noecho();
    nonl();
    no_flow_control();
    set_escdelay(40);
    curs_set(0);
    init_colors(&t);
    struct sigaction sa = {.sa_handler = on_signal};
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    stop_signal = 0;
    tui_load_history(&t, true);
    report_skipped(&t);
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
