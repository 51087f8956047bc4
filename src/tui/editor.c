/* The inline editor: date, value (or state), unit, source, note. Nothing
 * typed is lost: every change is saved as a draft on disk. */
#include "plantrack/tui/editor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plantrack/entry.h"
#include "plantrack/i18n.h"
#include "plantrack/text.h"
#include "plantrack/tui/draw.h"
#include "plantrack/tui/keys.h"

#define CTRL(c) ((c)&0x1f)

static const struct {
    const char *keys, *help;
} FORM_KEYS[] = {
    {"Tab Shift-Tab", N_("next / previous field")},
    {"Enter", N_("next field; in the last field, save")},
    {"Ctrl-S", N_("save the observation")},
    {"Esc", N_("close the form; the draft is kept")},
    {"Ctrl-D", N_("discard the draft and close the form")},
    {"Ctrl-U Ctrl-W", N_("delete to the start / the word before")},
    {"Space Left Right", N_("the state of a qualitative target: pick it")},
};

size_t editor_help_lines(char lines[][160], size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < sizeof FORM_KEYS / sizeof *FORM_KEYS && n < max; i++)
        snprintf(lines[n++], 160, "%-16s %s", FORM_KEYS[i].keys,
                 _(FORM_KEYS[i].help));
    return n;
}

static const struct target *editor_target(const struct tui *t)
{
    struct model_row *r =
        model_find((struct model *)&t->m, t->ed->plan, t->ed->target);
    return r ? r->t : NULL;
}

/* The figure a new one follows: the current latest, or, for a correction,
 * the latest current one other than the figure corrected (read from the
 * history the detail pane holds for this target). */
static bool reference_figure(const struct tui *t, struct obs_point *out)
{
    const struct editor *e = t->ed;
    const struct model_row *r =
        model_find((struct model *)&t->m, e->plan, e->target);
    if (!e->corrects[0]) {
        if (!r || !r->sum.has_latest || !r->sum.latest.has_value)
            return false;
        *out = r->sum.latest;
        return true;
    }
    if (!t->shown || t->shown != r)
        return false;
    for (size_t i = 0; i < t->n_hist; i++) {
        const struct obs *o = &t->hist[i];
        char err[160];
        if (o->superseded || !o->has_value ||
            strcmp(o->uuid, e->corrects) == 0 ||
            text_parse_date(o->date, &out->date, err, sizeof err) < 0)
            continue;
        out->has_value = true;
        out->value = o->value;
        out->state = STATE_NONE;
        return true;
    }
    return false;
}

/* A figure ten times away: its warning, and whether it is the one the
 * official already confirmed by saving it once. */
static bool implausible(const struct tui *t, const struct target *tg,
                        const struct entry *en, char *msg, size_t len)
{
    struct obs_point last;
    bool has = reference_figure(t, &last);
    return entry_implausible(tg, has ? &last : NULL, en, msg, len);
}

static void validate(struct tui *t)
{
    struct editor *e = t->ed;
    const struct target *tg = editor_target(t);
    const char *raw[ENTRY_NFIELDS];
    struct entry en;
    e->warning[0] = '\0';
    if (!tg)
        return;
    for (int i = 0; i < ENTRY_NFIELDS; i++)
        raw[i] = e->f[i].buf;
    /* An untouched value field is not yet an error worth shouting about. */
    entry_parse(tg, raw, date_today(), e->corrects[0] != '\0', &en, &e->chk);
    if (e->chk.n_errors == 0 &&
        !implausible(t, tg, &en, e->warning, sizeof e->warning)) {
        const struct model_row *r = model_find(&t->m, e->plan, e->target);
        entry_warning(tg, &r->sum, &en, e->warning, sizeof e->warning);
    }
}

static void autosave(struct tui *t)
{
    struct editor *e = t->ed;
    struct draft d = {0};
    struct pt_error err;
    snprintf(d.plan, sizeof d.plan, "%s", e->plan);
    snprintf(d.target, sizeof d.target, "%s", e->target);
    snprintf(d.corrects, sizeof d.corrects, "%s", e->corrects);
    snprintf(d.uuid, sizeof d.uuid, "%s", e->uuid);
    for (int i = 0; i < ENTRY_NFIELDS; i++)
        snprintf(d.fields[i], sizeof d.fields[i], "%s", e->f[i].buf);
    if (t->drafts && draft_save(t->drafts, &d, &err) < 0)
        snprintf(e->failure, sizeof e->failure, "%s", err.msg);
}

static void editor_start(struct tui *t, const char *plan, const char *target)
{
    free(t->ed);
    t->ed = calloc(1, sizeof *t->ed);
    snprintf(t->ed->plan, sizeof t->ed->plan, "%s", plan);
    snprintf(t->ed->target, sizeof t->ed->target, "%s", target);
    t->ed->field = ENTRY_VALUE;
}

static void fill_from_draft(struct editor *e, const struct draft *d)
{
    snprintf(e->corrects, sizeof e->corrects, "%s", d->corrects);
    snprintf(e->uuid, sizeof e->uuid, "%s", d->uuid);
    for (int i = 0; i < ENTRY_NFIELDS; i++)
        le_set(&e->f[i], d->fields[i]);
    e->restored = true;
}

bool editor_draft_was_saved(struct tui *t, const struct draft *d)
{
    struct obs o;
    if (!d->uuid[0] || log_get(t->m.log, d->uuid, &o, NULL) < 0)
        return false;
    obs_clear(&o);
    if (t->drafts)
        draft_discard(t->drafts, d->plan, d->target, d->corrects);
    return true;
}

void editor_open(struct tui *t, const struct model_row *row,
                 const struct obs *old)
{
    const struct target *tg = row->t;
    struct draft d;
    char today[11];
    editor_start(t, tg->plan->id, tg->id);
    struct editor *e = t->ed;
    /* The draft of this entry (new, or this correction) is resumed. */
    bool have_draft = t->drafts &&
                      draft_load(t->drafts, tg->plan->id, tg->id,
                                 old ? old->uuid : "", &d) == 1 &&
                      !editor_draft_was_saved(t, &d) && !draft_is_empty(&d);
    if (have_draft) {
        fill_from_draft(e, &d);
    } else {
        date_format(date_today(), today);
        le_set(&e->f[ENTRY_DATE], old ? old->date : today);
        le_set(&e->f[ENTRY_UNIT], tg->unit);
        if (old) {
            char v[96];
            snprintf(e->corrects, sizeof e->corrects, "%s", old->uuid);
            if (old->has_value) /* exact: saved unchanged, it stays */
                text_format_exact(old->value, v, sizeof v);
            else
                snprintf(v, sizeof v, "%s", old->state);
            le_set(&e->f[ENTRY_VALUE], v);
            le_set(&e->f[ENTRY_SOURCE], old->source);
            e->field = ENTRY_VALUE;
        }
    }
    if (old) {
        char v[96];
        if (old->has_value)
            unit_format(old->value, tg->unit, v, sizeof v);
        else
            snprintf(v, sizeof v, "%s", old->state);
        snprintf(e->old_value, sizeof e->old_value, "%s (%s, %.8s)", v,
                 old->date, old->uuid);
    }
    validate(t);
}

void editor_open_draft(struct tui *t, const struct draft *d)
{
    editor_start(t, d->plan, d->target);
    fill_from_draft(t->ed, d);
    if (d->corrects[0])
        snprintf(t->ed->old_value, sizeof t->ed->old_value, "%.8s",
                 d->corrects);
    validate(t);
}

void editor_close(struct tui *t, bool discard)
{
    if (!t->ed)
        return;
    if (discard && t->drafts)
        draft_discard(t->drafts, t->ed->plan, t->ed->target, t->ed->corrects);
    free(t->ed);
    t->ed = NULL;
}

/* Save to the log; on failure the form stays open with the reason. */
static unsigned save(struct tui *t)
{
    struct editor *e = t->ed;
    const struct target *tg = editor_target(t);
    const char *raw[ENTRY_NFIELDS];
    struct entry en;
    struct obs_input in;
    struct pt_error err;
    char uuid[37];
    if (!tg) {
        snprintf(e->failure, sizeof e->failure, "%s",
                 _("this target is no longer in the plans"));
        return DIRTY_DETAIL;
    }
    for (int i = 0; i < ENTRY_NFIELDS; i++)
        raw[i] = e->f[i].buf;
    if (entry_parse(tg, raw, date_today(), e->corrects[0] != '\0', &en,
                    &e->chk) < 0) {
        for (int i = 0; i < ENTRY_NFIELDS; i++)
            if (e->chk.msg[i][0]) {
                e->field = i;
                break;
            }
        snprintf(e->failure, sizeof e->failure, "%s",
                 _("not saved: correct the fields marked !"));
        return DIRTY_DETAIL;
    }
    if (!t->writable) {
        snprintf(e->failure, sizeof e->failure, _("not saved: %s"),
                 t->log_note);
        return DIRTY_DETAIL;
    }
    /* Saved to a file no one reads any more is not saved. */
    if (log_file_replaced(t->m.log)) {
        snprintf(e->failure, sizeof e->failure, "%s",
                 _("not saved: the log file was replaced or removed; Esc "
                   "keeps this as a draft, r reopens the log"));
        return DIRTY_DETAIL;
    }
    /* ODK's way: a figure ten times away is saved only when the official
     * saves the same figure a second time. */
    char msg[300];
    if (implausible(t, tg, &en, msg, sizeof msg) &&
        strcmp(e->confirmed, e->f[ENTRY_VALUE].buf) != 0) {
        snprintf(e->confirmed, sizeof e->confirmed, "%s",
                 e->f[ENTRY_VALUE].buf);
        snprintf(e->failure, sizeof e->failure,
                 _("not saved; press Ctrl-S again to save it as it is: %s"),
                 msg);
        return DIRTY_DETAIL;
    }
    /* The id goes into the draft before the save: if the session dies
     * between saving and dropping the draft, the next start knows the
     * draft was saved and does not record it twice. */
    if (!e->uuid[0]) {
        log_new_uuid(e->uuid);
        autosave(t);
    }
    entry_input(&en, tg, e->corrects[0] ? e->corrects : NULL, &in);
    in.uuid = e->uuid;
    if (log_append(t->m.log, &in, uuid, &err) < 0) {
        snprintf(e->failure, sizeof e->failure, _("not saved: %s"), err.msg);
        return DIRTY_DETAIL | DIRTY_BAR;
    }
    char shown[128];
    if (en.has_value)
        target_value_phrase(tg, en.value, shown, sizeof shown);
    else
        snprintf(shown, sizeof shown, "%s", en.state);
    char plan[72], target[72];
    snprintf(plan, sizeof plan, "%s", e->plan);
    snprintf(target, sizeof target, "%s", e->target);
    editor_close(t, true);
    tui_refresh(t);
    const struct model_row *r = model_find(&t->m, plan, target);
    tui_message(t, false, _("saved %s as of %s for %s/%s; status: %s"), shown,
                en.date, plan, target, r ? status_label(r->st.code) : "?");
    return DIRTY_ALL & ~DIRTY_LAYOUT;
}

/* The states a qualitative target can be in, in the picker's order. */
static const enum obs_state PICK[] = {STATE_DONE, STATE_IN_PROGRESS,
                                      STATE_NOT_STARTED};
#define N_PICK (sizeof PICK / sizeof *PICK)

/* Whether the cursor is in the state of a qualitative target, which is
 * picked rather than typed. */
static bool picking_state(const struct tui *t)
{
    const struct target *tg = editor_target(t);
    return tg && tg->cmp == CMP_DONE && t->ed->field == ENTRY_VALUE;
}

/* Space or Left / Right move the picker to the next / previous state. */
static void pick_state(struct tui *t, int dir)
{
    struct lineedit *f = &t->ed->f[ENTRY_VALUE];
    enum obs_state cur = obs_state_parse(text_trim(f->buf));
    size_t i = 0;
    while (i < N_PICK && PICK[i] != cur)
        i++;
    i = i == N_PICK
            ? (dir > 0 ? 0 : N_PICK - 1)
            : (i + N_PICK + (size_t)(dir > 0 ? 1 : N_PICK - 1)) % N_PICK;
    le_set(f, obs_state_label(PICK[i]));
}

unsigned editor_key(struct tui *t, int key)
{
    struct editor *e = t->ed;
    struct lineedit *f = &e->f[e->field];
    bool changed = false;
    e->failure[0] = '\0';
    if (picking_state(t) &&
        (key == ' ' || key == FKEY(KEY_LEFT) || key == FKEY(KEY_RIGHT))) {
        pick_state(t, key == FKEY(KEY_LEFT) ? -1 : 1);
        e->edited = true;
        validate(t);
        autosave(t);
        return DIRTY_DETAIL;
    }
    switch (key) {
    case 27: { /* Esc: close the form; what was typed stays a draft */
        char ref[160];
        bool kept = e->edited || e->restored;
        bool correcting = e->corrects[0] != '\0';
        snprintf(ref, sizeof ref, "%s/%s", e->plan, e->target);
        editor_close(t, !kept);
        if (kept && correcting)
            tui_message(t, false,
                        _("draft of the correction kept for %s: press c on "
                          "the same observation to go on"),
                        ref);
        else if (kept)
            tui_message(t, false, _("draft kept for %s: press a to go on"),
                        ref);
        return DIRTY_DETAIL | DIRTY_BAR;
    }
    case CTRL('d'):
        editor_close(t, true);
        tui_message(t, false, "%s", _("draft discarded"));
        return DIRTY_DETAIL | DIRTY_BAR;
    case CTRL('s'):
        return save(t);
    case '\n':
    case '\r':
    case FKEY(KEY_ENTER):
        if (e->field == ENTRY_NFIELDS - 1)
            return save(t);
        e->field++;
        return DIRTY_DETAIL;
    case '\t':
    case FKEY(KEY_DOWN):
        e->field = (e->field + 1) % ENTRY_NFIELDS;
        return DIRTY_DETAIL;
    case FKEY(KEY_BTAB):
    case FKEY(KEY_UP):
        e->field = (e->field + ENTRY_NFIELDS - 1) % ENTRY_NFIELDS;
        return DIRTY_DETAIL;
    case FKEY(KEY_LEFT):
        le_left(f);
        return DIRTY_DETAIL;
    case FKEY(KEY_RIGHT):
        le_right(f);
        return DIRTY_DETAIL;
    case FKEY(KEY_HOME):
    case CTRL('a'):
        le_home(f);
        return DIRTY_DETAIL;
    case FKEY(KEY_END):
    case CTRL('e'):
        le_end(f);
        return DIRTY_DETAIL;
    case FKEY(KEY_BACKSPACE):
    case 127:
    case CTRL('h'):
        changed = le_backspace(f);
        break;
    case FKEY(KEY_DC):
        changed = le_delete(f);
        break;
    case CTRL('u'):
        changed = le_kill_to_start(f);
        break;
    case CTRL('w'):
        changed = le_kill_word(f);
        break;
    default:
        if (key >= 0x20 && key <= 0x10FFFF)
            changed = le_insert(f, (uint32_t)key);
        break;
    }
    if (changed) {
        e->edited = true;
        validate(t);
        autosave(t);
    }
    return DIRTY_DETAIL;
}

/* The states beside the field, the one chosen marked: Space picks. */
static void draw_picker(struct tui *t, WINDOW *w, int y, int x, int width,
                        const char *typed)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%s", typed);
    enum obs_state cur = obs_state_parse(text_trim(buf));
    const char *how = _("(Space picks)");
    int need = text_width(how);
    for (size_t k = 0; k < N_PICK; k++)
        need += text_width(obs_state_label(PICK[k])) + 1;
    if (need > width) { /* the field shows the state; here, how to pick */
        draw_text(t, w, y, x, how, width, false, A_DIM);
        return;
    }
    int used = 0;
    for (size_t k = 0; k < N_PICK; k++) {
        used +=
            draw_text(t, w, y, x + used, obs_state_label(PICK[k]), width - used,
                      false, PICK[k] == cur ? A_REVERSE | A_BOLD : A_DIM);
        used += draw_text(t, w, y, x + used, " ", 1, false, A_NORMAL);
    }
    draw_text(t, w, y, x + used, how, width - used, false, A_DIM);
}

static const char *field_label(const struct tui *t, int i)
{
    const struct target *tg = editor_target(t);
    if (i == ENTRY_VALUE && tg && tg->cmp == CMP_DONE)
        return _("state");
    if (i == ENTRY_NOTE && t->ed->corrects[0])
        return _("reason");
    return entry_field_name((enum entry_field)i);
}

void draw_editor(struct tui *t, WINDOW *w, int top, int height, int width)
{
    struct editor *e = t->ed;
    const struct target *tg = editor_target(t);
    int label_w = 0;
    for (int i = 0; i < ENTRY_NFIELDS; i++) {
        int lw = text_width(field_label(t, i));
        if (lw > label_w)
            label_w = lw;
    }
    int field_w = width - label_w - 4;
    if (field_w > 32)
        field_w = 32;
    int msg_x = 1 + label_w + 2 + field_w + 2;
    int msg_w = width + 1 - msg_x;
    int y = top;
    if (e->corrects[0] && y < top + height) {
        char buf[320];
        snprintf(buf, sizeof buf,
                 e->restored ? _("correcting %s · restored from your draft")
                             : _("correcting %s"),
                 e->old_value);
        draw_text(t, w, y++, 2, buf, width - 2, false, A_DIM);
    } else if (e->restored && y < top + height) {
        draw_text(t, w, y++, 2, _("restored from your draft"), width - 2, false,
                  A_DIM);
    }
    for (int i = 0; i < ENTRY_NFIELDS && y < top + height; i++, y++) {
        bool focus = i == e->field;
        bool bad = e->chk.msg[i][0] &&
                   (i != ENTRY_VALUE || e->f[i].len || e->corrects[0]);
        draw_text(t, w, y, 1, field_label(t, i), label_w, true,
                  focus ? A_BOLD : A_NORMAL);
        size_t first;
        int ccol;
        le_view(&e->f[i], field_w, &first, &ccol);
        attr_t fa = A_UNDERLINE | (focus ? A_BOLD : A_NORMAL);
        draw_text(t, w, y, 1 + label_w + 1, bad ? "!" : " ", 1, false,
                  pair_attr(t, PAIR_ERROR) | A_BOLD);
        draw_text(t, w, y, 1 + label_w + 2, e->f[i].buf + first, field_w, true,
                  fa);
        const char *side = bad ? e->chk.msg[i] : "";
        char hint[200];
        if (!bad && i == ENTRY_VALUE && tg && tg->cmp == CMP_DONE &&
            msg_w > 8) {
            draw_picker(t, w, y, msg_x, msg_w, e->f[i].buf);
            continue;
        }
        if (!bad && i == ENTRY_VALUE && tg && comparator_relative(tg->cmp)) {
            /* What to type for a change: its direction is never a sign. */
            entry_value_hint(tg, hint, sizeof hint);
            side = hint;
        } else if (!bad && i == ENTRY_VALUE && tg && *tg->unit)
            side = tg->unit;
        if (msg_w > 8)
            draw_text(t, w, y, msg_x, side, msg_w, false,
                      bad ? pair_attr(t, PAIR_ERROR) : A_DIM);
    }
    /* Under the fields, wrapped over the rows left: why saving failed,
     * else the focused field's problem, a warning. The form's keys are in
     * the status bar. */
    attr_t a;
    const char *p = editor_message(t, &a);
    if (p && !*(e->failure) &&
        !(e->chk.msg[e->field][0] &&
          text_width(e->chk.msg[e->field]) > msg_w) &&
        !e->warning[0])
        p = NULL; /* a field's problem that fits beside it */
    while (p && *p && y < top + height) {
        size_t next, take = text_wrap_n(p, strlen(p), width - 2, &next);
        char row[1300];
        snprintf(row, sizeof row, "%.*s", (int)take, p);
        draw_text(t, w, y++, 2, row, width - 2, false, a);
        p += next ? next : strlen(p);
    }
}

const char *editor_message(const struct tui *t, attr_t *a)
{
    const struct editor *e = t->ed;
    if (!e)
        return NULL;
    if (e->failure[0]) {
        *a = pair_attr(t, PAIR_ERROR) | A_BOLD;
        return e->failure;
    }
    if (e->chk.msg[e->field][0] &&
        (e->field != ENTRY_VALUE || e->f[e->field].len || e->corrects[0])) {
        *a = pair_attr(t, PAIR_ERROR);
        return e->chk.msg[e->field];
    }
    if (e->warning[0]) {
        *a = pair_attr(t, PAIR_WARN) | A_BOLD;
        return e->warning;
    }
    /* An empty value of a fall or rise: what to type, whole (beside the
     * field it is cut on an 80-column screen). */
    const struct target *tg = editor_target(t);
    if (e->field == ENTRY_VALUE && !e->f[ENTRY_VALUE].len && tg &&
        comparator_relative(tg->cmp) && e->chk.msg[ENTRY_VALUE][0]) {
        *a = A_DIM;
        return e->chk.msg[ENTRY_VALUE];
    }
    return NULL;
}

void editor_hints(const struct tui *t, int width, char *buf, size_t len)
{
    const char *all =
        _("Tab next field · Ctrl-S save · Esc close (draft kept) · "
          "Ctrl-D discard");
    if (text_width(all) <= width && !picking_state(t)) {
        snprintf(buf, len, "%s", all);
        return;
    }
    /* Not enough room: the keys that matter most, each whole. */
    const struct hint hints[] = {
        {"Space", _("pick the state"), 7}, {"Tab", _("next field"), 5},
        {"Ctrl-S", _("save"), 9},          {"Esc", _("close (draft kept)"), 8},
        {"Ctrl-D", _("discard"), 6},
    };
    size_t first = picking_state(t) ? 0 : 1;
    keys_fit_hints(hints + first, sizeof hints / sizeof *hints - first, width,
                   buf, len);
}

void editor_place_cursor(struct tui *t)
{
    struct editor *e = t->ed;
    WINDOW *w = t->win[PANE_DETAIL];
    int label_w = 0, h, wd;
    getmaxyx(w, h, wd);
    (void)h;
    for (int i = 0; i < ENTRY_NFIELDS; i++) {
        int lw = text_width(field_label(t, i));
        if (lw > label_w)
            label_w = lw;
    }
    int field_w = wd - 2 - label_w - 4;
    if (field_w > 32)
        field_w = 32;
    size_t first;
    int ccol;
    le_view(&e->f[e->field], field_w, &first, &ccol);
    int y = 2 + (e->corrects[0] || e->restored) + e->field;
    wmove(w, y, 1 + label_w + 2 + ccol);
    wnoutrefresh(w);
}
