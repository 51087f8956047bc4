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

/* Lines of the help overlay. */
static size_t help_lines(char lines[][160])
{
    size_t n = 0;
    snprintf(lines[n++], 160, "%s", _("Keys"));
    n += keys_help_lines(lines + n, HELP_MAX - n - 16);
    snprintf(lines[n++], 160, "%s", "");
    snprintf(lines[n++], 160, "%s", _("In the form"));
    n += editor_help_lines(lines + n, HELP_MAX - n - 14);
    snprintf(lines[n++], 160, "%s", "");
    snprintf(lines[n++], 160, "%s", _("Status marks"));
    for (int s = 0; s < ST_COUNT && n < HELP_MAX; s++)
        snprintf(lines[n++], 160, "  %c  %s", status_mark((enum status_code)s),
                 status_label((enum status_code)s));
    return n;
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

static void draw_help(struct tui *t)
{
    static char lines[HELP_MAX][160];
    size_t n = help_lines(lines);
    int w = t->cols - 4 < 78 ? t->cols - 4 : 78;
    int h = (int)n + 2 < t->lines - 3 ? (int)n + 2 : t->lines - 3;
    ensure_window(t, h, w, (t->lines - 2 - h) / 2, (t->cols - w) / 2);
    werase(t->ov);
    draw_frame(t, t->ov, _("Help: Esc, q or ? closes"), true);
    if (t->ov_top > (long)n - (h - 2))
        t->ov_top = (long)n - (h - 2);
    if (t->ov_top < 0)
        t->ov_top = 0;
    for (int i = 0; i < h - 2 && t->ov_top + i < (long)n; i++) {
        const char *l = lines[t->ov_top + i];
        bool heading = l[0] && l[0] != ' ' && strchr(l, ' ') == NULL;
        draw_text(t, t->ov, 1 + i, 2, l, w - 4, false,
                  heading ? A_BOLD | A_UNDERLINE : A_NORMAL);
    }
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
    case OVERLAY_NONE:
        if (t->ov_panel)
            hide_panel(t->ov_panel);
        return;
    }
    wnoutrefresh(t->ov);
}

static unsigned drafts_key(struct tui *t, int key)
{
    enum request r = keys_request(key);
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
            view_set_plan(&t->v, NULL);
            view_set_lead(&t->v, NULL);
            t->v.year = 0;
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

unsigned overlay_key(struct tui *t, int key)
{
    if (t->overlay == OVERLAY_DRAFTS)
        return drafts_key(t, key);
    enum request r = keys_request(key);
    int page = t->lines - 6;
    switch (r) {
    case REQ_CANCEL:
    case REQ_QUIT:
        overlay_close(t);
        return DIRTY_ALL & ~DIRTY_LAYOUT;
    case REQ_HELP:
    case REQ_SOURCE:
        if ((r == REQ_HELP) == (t->overlay == OVERLAY_HELP)) {
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
    case REQ_FIRST:
        t->ov_top = 0;
        break;
    case REQ_LAST:
        t->ov_top = 1L << 30;
        break;
    case REQ_REPAINT:
        return DIRTY_ALL;
    default:
        break;
    }
    if (t->ov_top < 0)
        t->ov_top = 0;
    return DIRTY_OVERLAY;
}
