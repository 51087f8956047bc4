/* Overlays: help, source text, draft recovery. Each is a window in a panel
 * above the panes, so closing it uncovers them without a repaint. */
#include "plantrack/tui/overlay.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "plantrack/i18n.h"
#include "plantrack/text.h"
#include "plantrack/tui/draw.h"
#include "plantrack/tui/editor.h"
#include "plantrack/tui/keys.h"

#define HELP_MAX 64

void overlay_close(struct tui *t)
{
    t->overlay = OVERLAY_NONE;
    free(t->source);
    t->source = NULL;
    t->source_target = NULL;
    if (t->ov_panel)
        hide_panel(t->ov_panel);
}

void overlay_open_help(struct tui *t)
{
    t->overlay = OVERLAY_HELP;
    t->ov_top = 0;
}

void overlay_open_obs(struct tui *t, long index)
{
    t->overlay = OVERLAY_OBS;
    t->ov_obs = index;
    t->ov_top = 0;
}

void overlay_open_message(struct tui *t)
{
    t->overlay = OVERLAY_MESSAGE;
    t->ov_top = 0;
}

void overlay_open_facets(struct tui *t, enum pane p)
{
    t->overlay = OVERLAY_FACETS;
    t->ov_pane = p;
}

void overlay_open_columns(struct tui *t)
{
    t->overlay = OVERLAY_COLUMNS;
    t->ov_sel = 0;
}

void overlay_open_source(struct tui *t, const struct target *tg)
{
    size_t len;
    char *text = plan_source_text(tg->plan, &len);
    if (!text) {
        tui_message(t, true, _("no source text for plan %s (sources/%s.txt)"),
                    tg->plan->id, tg->plan->id);
        return;
    }
    free(t->source);
    t->source = text;
    t->source_len = len;
    t->source_target = tg;
    t->overlay = OVERLAY_SOURCE;
    t->ov_top = -1; /* placed on the quote when first drawn */
}

void overlay_open_drafts(struct tui *t)
{
    free(t->recover);
    t->recover = NULL;
    t->n_recover = 0;
    if (!t->drafts)
        return;
    draft_list(t->drafts, &t->recover, &t->n_recover);
    /* Only drafts of targets still in the plans, with something in, and
     * not saved already by a session that died before dropping them. */
    size_t k = 0, saved = 0;
    for (size_t i = 0; i < t->n_recover; i++) {
        if (editor_draft_was_saved(t, &t->recover[i]))
            saved++;
        else if (!draft_is_empty(&t->recover[i]) &&
                 model_find(&t->m, t->recover[i].plan, t->recover[i].target))
            t->recover[k++] = t->recover[i];
    }
    t->n_recover = k;
    if (saved)
        tui_message(t, false,
                    _("%zu draft(s) had been saved before the session ended; "
                      "they are gone"),
                    saved);
    if (k) {
        t->overlay = OVERLAY_DRAFTS;
        t->recover_sel = 0;
    }
}

static void ensure_window(struct tui *t, int h, int w, int y, int x)
{
    if (t->ov) {
        int oh, ow, oy, ox;
        getmaxyx(t->ov, oh, ow);
        getbegyx(t->ov, oy, ox);
        if (oh == h && ow == w && oy == y && ox == x) {
            show_panel(t->ov_panel);
            top_panel(t->ov_panel);
            return;
        }
        del_panel(t->ov_panel);
        delwin(t->ov);
    }
    t->ov = newwin(h, w, y, x);
    t->ov_panel = new_panel(t->ov);
}

/* ---- text overlays: help, an observation, a message ---- */

/* Lines of text, each wrapped to the overlay's width. */
struct lines {
    char **v;
    attr_t *attr;
    size_t n, cap;
};

static void lines_add(struct lines *l, const char *s, attr_t a)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        char **v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return;
        l->v = v;
        attr_t *at = realloc(l->attr, cap * sizeof *at);
        if (!at)
            return;
        l->attr = at;
        l->cap = cap;
    }
    l->attr[l->n] = a;
    l->v[l->n++] = strdup(s);
}

/* "label  text" with the text wrapped under itself: a label never
 * breaks, and nothing is cut. */
static void lines_wrap(struct lines *l, const char *label, const char *text,
                       int width, attr_t a)
{
    char *clean = text_sanitize(text ? text : "");
    int lw = text_width(label);
    int room = width - lw > 8 ? width - lw : 8;
    const char *p = clean ? clean : "";
    bool first = true;
    do {
        size_t next, take = text_wrap_n(p, strlen(p), room, &next);
        char line[2400];
        snprintf(line, sizeof line, "%s%*s%.*s", first ? label : "",
                 first ? 0 : lw, "", (int)take, p);
        lines_add(l, line, a);
        p += next ? next : strlen(p);
        first = false;
    } while (*p);
    free(clean);
}

static void lines_free(struct lines *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    free(l->attr);
}

static void help_lines(struct tui *t, struct lines *l, int width)
{
    static char buf[HELP_MAX][160];
    lines_add(l, _("Keys"), A_BOLD | A_UNDERLINE);
    for (int r = REQ_NONE + 1; r < REQ_COUNT; r++) {
        char names[64], label[80];
        keys_names(&t->keys, (enum request)r, names, sizeof names);
        if (!names[0])
            continue; /* unbound in the config */
        int pad = 17 - text_width(names);
        snprintf(label, sizeof label, "%s%*s", names, pad > 1 ? pad : 1, "");
        lines_wrap(l, label, keys_help((enum request)r), width, A_NORMAL);
    }
    lines_add(l, "", A_NORMAL);
    lines_add(l, _("In the form"), A_BOLD | A_UNDERLINE);
    size_t n = editor_help_lines(buf, HELP_MAX);
    for (size_t i = 0; i < n; i++) {
        char keys[64];
        snprintf(keys, sizeof keys, "%.17s", buf[i]);
        lines_wrap(l, keys, buf[i] + strlen(keys), width, A_NORMAL);
    }
    lines_add(l, "", A_NORMAL);
    /* The words are those of every view (status_label): the list, the
     * bar, the filter, the CLI and reports. */
    lines_add(l, _("Statuses: mark, word, --status name"),
              A_BOLD | A_UNDERLINE);
    int sw = 0;
    for (int s = 0; s < ST_COUNT; s++)
        if (text_width(status_label((enum status_code)s)) > sw)
            sw = text_width(status_label((enum status_code)s));
    for (int s = 0; s < ST_COUNT; s++) {
        char label[96];
        const char *word = status_label((enum status_code)s);
        snprintf(label, sizeof label, "  %c %s%*s",
                 status_mark((enum status_code)s), word,
                 sw + 2 - text_width(word), "");
        lines_wrap(l, label, status_name((enum status_code)s), width,
                   status_attr(t, (enum status_code)s));
    }
    lines_wrap(l, "  #          ",
               _("competing corrections of one figure (a conflict to "
                 "resolve)"),
               width, A_NORMAL);
    lines_add(l, "", A_NORMAL);
    lines_add(l, _("Lights (督办), before the status word"),
              A_BOLD | A_UNDERLINE);
    static const char *const LIGHT_HELP[LIGHT_COUNT] = {
        N_("not yet due and nothing recorded"),
        N_("met, or on schedule (序时进度)"),
        N_("limited, needs acceleration, not started, or behind schedule "
           "(序时进度)"),
        N_("missed, unreported or deterioration")};
    for (int k = LIGHT_COUNT - 1; k >= 0; k--) {
        char label[96];
        snprintf(label, sizeof label, "  %s %s: ", light_short((enum light)k),
                 light_label((enum light)k));
        lines_wrap(l, label, _(LIGHT_HELP[k]), width,
                   light_attr(t, (enum light)k));
    }
    lines_add(l, "", A_NORMAL);
    lines_add(l, _("Marks"), A_BOLD | A_UNDERLINE);
    {
        char label[96];
        snprintf(label, sizeof label, "  %s ", _("(draft)"));
        lines_wrap(l, label,
                   _("in the plans: a plan published for comment "
                     "(征求意见稿), not issued; nothing under it is due"),
                   width, A_NORMAL);
    }
    lines_wrap(l, "  * ",
               _("in the detail: a lead agency or year the text does not "
                 "state (inferred)"),
               width, A_NORMAL);
    lines_wrap(l, "  ~ ",
               _("in the detail: an approximate value (约, 左右)"), width,
               A_NORMAL);
    lines_add(l, "", A_NORMAL);
    lines_add(l, _("Mouse"), A_BOLD | A_UNDERLINE);
    lines_wrap(l, "",
               _("a click selects and focuses; a click on the selected row "
                 "opens it; a click on a column's title sorts by it; the "
                 "wheel scrolls. 'mouse = off' in the config turns it off."),
               width, A_NORMAL);
    lines_add(l, "", A_NORMAL);
    char path[600];
    snprintf(path, sizeof path, _("Config file: %s (see plantrack-config(5))"),
             t->cfg && t->cfg->path ? t->cfg->path : "-");
    lines_wrap(l, "", path, width, A_DIM);
}

/* The value of an observation of the shown target, with its unit. */
static void obs_value(const struct tui *t, const struct obs *o, char *buf,
                      size_t len)
{
    if (o->has_value)
        unit_format(o->value, t->shown ? t->shown->t->unit : o->unit, buf,
                    len);
    else
        snprintf(buf, len, "%s", obs_state_label(obs_state_parse(o->state)));
}

static void obs_lines(struct tui *t, struct lines *l, int width)
{
    if (t->ov_obs < 0 || t->ov_obs >= (long)t->n_hist)
        return;
    const struct obs *o = &t->hist[t->ov_obs];
    char buf[600], v[200];
    lines_wrap(l, _("Id: "), o->uuid, width, A_BOLD);
    snprintf(buf, sizeof buf, "%s/%s", o->plan, o->target);
    lines_wrap(l, _("Target: "), buf, width, A_NORMAL);
    obs_value(t, o, v, sizeof v);
    lines_wrap(l, _("Value: "), v, width, A_BOLD);
    if (*o->unit)
        lines_wrap(l, _("Unit as recorded: "), o->unit, width, A_NORMAL);
    lines_wrap(l, _("As of: "), o->date, width, A_NORMAL);
    lines_wrap(l, _("Source: "), *o->source ? o->source : "-", width,
               A_NORMAL);
    lines_wrap(l, _("Note: "), *o->note ? o->note : "-", width, A_NORMAL);
    lines_wrap(l, _("Author: "), o->author, width, A_NORMAL);
    lines_wrap(l, _("Host: "), o->host, width, A_NORMAL);
    lines_wrap(l, _("Recorded: "), o->recorded_at, width, A_NORMAL);
    for (size_t i = 0; *o->corrects && i < t->n_hist; i++)
        if (strcmp(t->hist[i].uuid, o->corrects) == 0) {
            obs_value(t, &t->hist[i], v, sizeof v);
            snprintf(buf, sizeof buf, "%s (%s)", o->corrects, v);
            lines_wrap(l, _("Corrects: "), buf, width, A_NORMAL);
        }
    for (size_t i = 0; i < t->n_hist; i++)
        if (strcmp(t->hist[i].corrects, o->uuid) == 0) {
            obs_value(t, &t->hist[i], v, sizeof v);
            snprintf(buf, sizeof buf, "%s (%s)", t->hist[i].uuid, v);
            lines_wrap(l, _("Corrected by: "), buf, width,
                       pair_attr(t, PAIR_WARN) | A_BOLD);
        }
    lines_add(l, "", A_NORMAL);
    lines_wrap(l, "",
               o->superseded
                   ? _("A later observation corrects this one.")
                   : _("c corrects it · Esc closes"),
               width, A_DIM);
}

/* A scrolling box of lines; the title says how to close it. */
static void draw_lines_box(struct tui *t, const char *title, struct lines *l,
                           int w)
{
    int h = (int)l->n + 2 < t->lines - 2 ? (int)l->n + 2 : t->lines - 2;
    if (h < 3)
        h = 3;
    ensure_window(t, h, w, (t->lines - 2 - h) / 2, (t->cols - w) / 2);
    werase(t->ov);
    draw_frame(t, t->ov, title, true);
    int rows = h - 2;
    t->ov_lines = (long)l->n;
    if (t->ov_top > (long)l->n - rows)
        t->ov_top = (long)l->n - rows;
    if (t->ov_top < 0)
        t->ov_top = 0;
    for (int i = 0; i < rows && t->ov_top + i < (long)l->n; i++)
        draw_text(t, t->ov, 1 + i, 2, l->v[t->ov_top + i], w - 4, false,
                  l->attr[t->ov_top + i]);
    if ((long)l->n > rows) { /* where we are, in the border */
        char pos[48];
        snprintf(pos, sizeof pos, " %ld-%ld/%zu ", t->ov_top + 1,
                 t->ov_top + rows, l->n);
        int pw = (int)strlen(pos);
        draw_text(t, t->ov, h - 1, w - 2 - pw, pos, pw, false, A_BOLD);
    }
}

static int box_width(const struct tui *t, int want)
{
    int w = t->cols - (t->narrow ? 0 : 4);
    return w < want ? w : want;
}

static void draw_help(struct tui *t)
{
    struct lines l = {0};
    int w = box_width(t, 78);
    help_lines(t, &l, w - 4);
    draw_lines_box(t, _("Help: j/k scroll · Esc, q or ? closes"), &l, w);
    lines_free(&l);
}

static void draw_obs(struct tui *t)
{
    struct lines l = {0};
    int w = box_width(t, 90);
    obs_lines(t, &l, w - 4);
    draw_lines_box(t, _("Observation · Esc closes"), &l, w);
    lines_free(&l);
}

static void draw_message(struct tui *t)
{
    struct lines l = {0};
    int w = box_width(t, 90);
    lines_wrap(&l, "", t->last_msg, w - 4,
               t->last_msg_error ? pair_attr(t, PAIR_ERROR) | A_BOLD
                                 : A_NORMAL);
    draw_lines_box(t, _("Message · Esc closes"), &l, w);
    lines_free(&l);
}

/* One wrapped row of the source: bytes [start, end) of the text. */
struct span {
    size_t start, end;
};

static size_t wrap_source(const char *s, size_t len, int width,
                          struct span *out, size_t max)
{
    size_t n = 0, i = 0;
    while (i <= len && n < max) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t line_end = nl ? (size_t)(nl - s) : len;
        size_t pos = i;
        do {
            size_t next;
            size_t take = text_wrap_n(s + pos, line_end - pos, width, &next);
            out[n++] = (struct span){pos, pos + take};
            pos += next ? next : 1;
        } while (pos < line_end && n < max);
        if (!nl)
            break;
        i = line_end + 1;
    }
    return n;
}

static void draw_source(struct tui *t)
{
    int h = t->lines - 2, w = t->cols;
    ensure_window(t, h, w, 0, 0);
    werase(t->ov);
    const struct target *tg = t->source_target;
    char title[512];
    snprintf(title, sizeof title, _("Source: %s (sources/%s.txt) · Esc closes"),
             tg->plan->title, tg->plan->id);
    draw_frame(t, t->ov, title, true);
    int inner = w - 4, rows = h - 2;
    size_t max = t->source_len / 2 + 64;
    struct span *sp = calloc(max, sizeof *sp);
    if (!sp)
        return;
    size_t n = wrap_source(t->source, t->source_len, inner, sp, max);
    const char *q = strstr(t->source, tg->quote);
    size_t qs = q ? (size_t)(q - t->source) : 0;
    size_t qe = q ? qs + strlen(tg->quote) : 0;
    if (t->ov_top < 0) { /* first view: the quote a third of the way down */
        t->ov_top = 0;
        for (size_t i = 0; q && i < n; i++)
            if (sp[i].end > qs) {
                t->ov_top = (long)i - rows / 3;
                break;
            }
        if (!q)
            tui_message(t, true, "%s", _("the quote is not in the source"));
    }
    if (t->ov_top > (long)n - rows)
        t->ov_top = (long)n - rows;
    if (t->ov_top < 0)
        t->ov_top = 0;
    for (int i = 0; i < rows && t->ov_top + i < (long)n; i++) {
        struct span s = sp[t->ov_top + i];
        int x = 2;
        /* Up to three pieces: before, inside and after the quote. */
        size_t cuts[4] = {s.start, s.start, s.end, s.end};
        if (q && qe > s.start && qs < s.end) {
            cuts[1] = qs > s.start ? qs : s.start;
            cuts[2] = qe < s.end ? qe : s.end;
        } else {
            cuts[1] = cuts[2] = s.end;
        }
        for (int k = 0; k < 3; k++) {
            if (cuts[k + 1] <= cuts[k])
                continue;
            char piece[2048];
            snprintf(piece, sizeof piece, "%.*s", (int)(cuts[k + 1] - cuts[k]),
                     t->source + cuts[k]);
            attr_t a = k == 1 ? (A_REVERSE | A_BOLD | pair_attr(t, PAIR_MATCH))
                              : A_NORMAL;
            x += draw_text(t, t->ov, 1 + i, x, piece, w - 2 - x, false, a);
        }
    }
    free(sp);
}

static void draw_drafts(struct tui *t)
{
    int w = t->cols - 4 < 90 ? t->cols - 4 : 90;
    int h = (int)t->n_recover + 5 < t->lines - 3 ? (int)t->n_recover + 5
                                                 : t->lines - 3;
    ensure_window(t, h, w, (t->lines - 2 - h) / 2, (t->cols - w) / 2);
    werase(t->ov);
    draw_frame(t, t->ov, _("Unsaved observations from an earlier session"),
               true);
    draw_text(t, t->ov, 1, 2,
              _("Enter: reopen in the form · d: discard · Esc: keep for later"),
              w - 4, false, A_DIM);
    for (int i = 0; i < h - 4 && i < (int)t->n_recover; i++) {
        const struct draft *d = &t->recover[i];
        char when[32], line[4400];
        struct tm tm;
        localtime_r(&d->saved, &tm);
        strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
        snprintf(line, sizeof line, "%s/%s  %s %s  %s%s  (%s)", d->plan,
                 d->target, entry_field_name(ENTRY_VALUE),
                 d->fields[ENTRY_VALUE][0] ? d->fields[ENTRY_VALUE] : "-",
                 d->corrects[0] ? _("correction ") : "", d->fields[ENTRY_NOTE],
                 when);
        draw_text(t, t->ov, 3 + i, 2, line, w - 4, true,
                  i == t->recover_sel ? A_REVERSE : A_NORMAL);
    }
}

/* A filter list over the screen (a narrow terminal, or the statuses). */
static void draw_facet_overlay(struct tui *t)
{
    long n = pane_count(t, t->ov_pane);
    int w = box_width(t, 56);
    int h = (int)n + 2 < t->lines - 2 ? (int)n + 2 : t->lines - 2;
    ensure_window(t, h, w, (t->lines - 2 - h) / 2, (t->cols - w) / 2);
    struct cursor *c = &t->cur[t->ov_pane];
    int rows = h - 2;
    if (c->sel >= n)
        c->sel = n - 1;
    if (c->sel < 0)
        c->sel = 0;
    if (c->sel < c->top)
        c->top = c->sel;
    if (c->sel >= c->top + rows)
        c->top = c->sel - rows + 1;
    draw_facets(t, t->ov, t->ov_pane, true);
}

static void draw_columns(struct tui *t)
{
    int w = box_width(t, 50), h = COL_COUNT + 4;
    ensure_window(t, h, w, (t->lines - 2 - h) / 2, (t->cols - w) / 2);
    werase(t->ov);
    draw_frame(t, t->ov, _("Columns · x shows/hides · Esc saves"), true);
    for (int c = 0; c < COL_COUNT; c++) {
        char line[160];
        bool on = c == COL_INDICATOR || (t->columns & 1u << c);
        snprintf(line, sizeof line, "[%c] %s%s", on ? 'x' : ' ',
                 column_title((enum column)c),
                 c == COL_INDICATOR ? _(" (always)") : "");
        draw_text(t, t->ov, 1 + c, 2, line, w - 4, true,
                  c == t->ov_sel ? A_REVERSE : A_NORMAL);
    }
    draw_text(t, t->ov, h - 2, 2,
              _("Columns that do not fit give way: date, plan, lead…"), w - 4,
              false, A_DIM);
}

void draw_overlay(struct tui *t)
{
    switch (t->overlay) {
    case OVERLAY_HELP:
        draw_help(t);
        break;
    case OVERLAY_SOURCE:
        draw_source(t);
        break;
    case OVERLAY_DRAFTS:
        draw_drafts(t);
        break;
    case OVERLAY_OBS:
        draw_obs(t);
        break;
    case OVERLAY_MESSAGE:
        draw_message(t);
        break;
    case OVERLAY_FACETS:
        draw_facet_overlay(t);
        break;
    case OVERLAY_COLUMNS:
        draw_columns(t);
        break;
    case OVERLAY_NONE:
        if (t->ov_panel)
            hide_panel(t->ov_panel);
        return;
    }
    wnoutrefresh(t->ov);
}

static unsigned drafts_key(struct tui *t, int key)
{
    enum request r = keys_request(&t->keys, key);
    if (r == REQ_DOWN && t->recover_sel + 1 < (long)t->n_recover)
        t->recover_sel++;
    else if (r == REQ_UP && t->recover_sel > 0)
        t->recover_sel--;
    else if (key == 'd' && t->n_recover) {
        const struct draft *d = &t->recover[t->recover_sel];
        draft_discard(t->drafts, d->plan, d->target, d->corrects);
        memmove(&t->recover[t->recover_sel], &t->recover[t->recover_sel + 1],
                (t->n_recover - (size_t)t->recover_sel - 1) *
                    sizeof *t->recover);
        if (--t->n_recover == 0)
            overlay_close(t);
        else if (t->recover_sel >= (long)t->n_recover)
            t->recover_sel--;
    } else if (r == REQ_SELECT && t->n_recover) {
        struct draft d = t->recover[t->recover_sel];
        overlay_close(t);
        const struct model_row *row = model_find(&t->m, d.plan, d.target);
        long pos = row ? view_position(&t->v, row) : -1;
        if (pos < 0) { /* make it visible: clear the filters */
            view_filter_clear(&t->v);
            view_search(&t->v, "", false);
            view_rebuild(&t->v);
            pos = row ? view_position(&t->v, row) : -1;
        }
        if (pos >= 0)
            t->cur[PANE_TARGETS].sel = pos;
        t->focus = PANE_TARGETS;
        tui_load_history(t, true);
        editor_open_draft(t, &d);
        return DIRTY_ALL & ~DIRTY_LAYOUT;
    } else if (r == REQ_CANCEL || r == REQ_QUIT) {
        overlay_close(t);
        tui_message(t, false, "%s",
                    _("drafts kept: press a on their target to go on"));
        return DIRTY_ALL & ~DIRTY_LAYOUT;
    }
    return DIRTY_OVERLAY;
}

static unsigned facets_key(struct tui *t, enum request r)
{
    struct cursor *c = &t->cur[t->ov_pane];
    long n = pane_count(t, t->ov_pane);
    int page = pane_rows(t, t->ov_pane) > 1 ? pane_rows(t, t->ov_pane) - 1 : 1;
    switch (r) {
    case REQ_DOWN:
        c->sel++;
        break;
    case REQ_UP:
        c->sel--;
        break;
    case REQ_PAGE_DOWN:
    case REQ_HALF_DOWN:
        c->sel += r == REQ_HALF_DOWN ? page / 2 : page;
        break;
    case REQ_PAGE_UP:
    case REQ_HALF_UP:
        c->sel -= r == REQ_HALF_UP ? page / 2 : page;
        break;
    case REQ_FIRST:
        c->sel = 0;
        break;
    case REQ_LAST:
        c->sel = n - 1;
        break;
    case REQ_SELECT: {
        enum pane p = t->ov_pane;
        overlay_close(t);
        return tui_apply_facet(t, p, c->sel, false) | DIRTY_ALL;
    }
    case REQ_TOGGLE:
        return tui_apply_facet(t, t->ov_pane, c->sel, true) | DIRTY_OVERLAY;
    case REQ_PANE_1:
    case REQ_PANE_2:
    case REQ_PANE_3:
        t->ov_pane = (enum pane)(PANE_PLANS + (r - REQ_PANE_1));
        return DIRTY_ALL & ~DIRTY_LAYOUT;
    case REQ_STATUS_FILTER:
        t->ov_pane = PANE_STATUS;
        return DIRTY_ALL & ~DIRTY_LAYOUT;
    case REQ_CANCEL:
    case REQ_QUIT:
        overlay_close(t);
        return DIRTY_ALL & ~DIRTY_LAYOUT;
    case REQ_REPAINT:
        return DIRTY_ALL;
    default:
        return 0;
    }
    if (c->sel >= n)
        c->sel = n - 1;
    if (c->sel < 0)
        c->sel = 0;
    return DIRTY_OVERLAY;
}

/* The columns chosen are kept in the config file. */
static void save_columns(struct tui *t)
{
    char list[200];
    size_t n = 0;
    list[0] = '\0';
    for (int c = 0; c < COL_COUNT && n < sizeof list; c++)
        if (t->columns & 1u << c)
            n += (size_t)snprintf(list + n, sizeof list - n, "%s%s",
                                  n ? "," : "", column_name((enum column)c));
    struct pt_error err;
    if (!t->cfg || !t->cfg->path)
        return;
    if (config_save_value(t->cfg->path, "columns", list, &err) < 0)
        tui_message(t, true, "%s", err.msg);
    else
        tui_message(t, false, _("columns %s, saved in %s"), list,
                    t->cfg->path);
}

static unsigned columns_key(struct tui *t, enum request r)
{
    switch (r) {
    case REQ_DOWN:
        t->ov_sel = (t->ov_sel + 1) % COL_COUNT;
        break;
    case REQ_UP:
        t->ov_sel = (t->ov_sel + COL_COUNT - 1) % COL_COUNT;
        break;
    case REQ_TOGGLE:
    case REQ_SELECT:
        if (t->ov_sel != COL_INDICATOR)
            t->columns ^= 1u << t->ov_sel;
        /* The sort stays on a column that is shown. */
        if (!(t->columns & 1u << t->v.sort) && t->v.sort != COL_INDICATOR) {
            t->v.sort = COL_INDICATOR;
            view_rebuild(&t->v);
        }
        return DIRTY_OVERLAY | DIRTY_LIST;
    case REQ_CANCEL:
    case REQ_QUIT:
    case REQ_COLUMNS:
        overlay_close(t);
        save_columns(t);
        return DIRTY_ALL & ~DIRTY_LAYOUT;
    default:
        break;
    }
    return DIRTY_OVERLAY;
}

unsigned overlay_key(struct tui *t, int key)
{
    if (t->overlay == OVERLAY_DRAFTS)
        return drafts_key(t, key);
    enum request r = keys_request(&t->keys, key);
    if (t->overlay == OVERLAY_FACETS)
        return facets_key(t, r);
    if (t->overlay == OVERLAY_COLUMNS)
        return columns_key(t, r);
    int page = (int)(t->lines - 6);
    switch (r) {
    case REQ_CANCEL:
    case REQ_QUIT:
        overlay_close(t);
        return DIRTY_ALL & ~DIRTY_LAYOUT;
    case REQ_HELP:
    case REQ_SOURCE:
    case REQ_MESSAGE:
        if ((r == REQ_HELP && t->overlay == OVERLAY_HELP) ||
            (r == REQ_SOURCE && t->overlay == OVERLAY_SOURCE) ||
            (r == REQ_MESSAGE && t->overlay == OVERLAY_MESSAGE)) {
            overlay_close(t);
            return DIRTY_ALL & ~DIRTY_LAYOUT;
        }
        break;
    case REQ_DOWN:
        t->ov_top++;
        break;
    case REQ_UP:
        t->ov_top--;
        break;
    case REQ_PAGE_DOWN:
        t->ov_top += page;
        break;
    case REQ_PAGE_UP:
        t->ov_top -= page;
        break;
    case REQ_HALF_DOWN:
        t->ov_top += page / 2;
        break;
    case REQ_HALF_UP:
        t->ov_top -= page / 2;
        break;
    case REQ_FIRST:
        t->ov_top = 0;
        break;
    case REQ_LAST:
        t->ov_top = 1L << 30;
        break;
    case REQ_REPAINT:
        return DIRTY_ALL;
    case REQ_NONE:
        if (key != -1) {
            char name[24];
            keys_key_name(key, name, sizeof name);
            tui_message(t, false, _("key %s does nothing here: Esc closes"),
                        name);
            return DIRTY_BAR | DIRTY_OVERLAY;
        }
        break;
    default:
        break;
    }
    if (t->ov_top < 0)
        t->ov_top = 0;
    return DIRTY_OVERLAY;
}
