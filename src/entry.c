/* Entry: field-by-field checks of a new observation, shared by the command
 * line and the TUI editor so both accept and refuse the same things. */
#include "plantrack/entry.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plantrack/i18n.h"
#include "plantrack/text.h"

const char *entry_field_name(enum entry_field f)
{
    static const char *const N[] = {N_("date"), N_("value"), N_("unit"),
                                    N_("source"), N_("note")};
    return _(N[f]);
}

static void field_error(struct entry_check *chk, enum entry_field f,
                        const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void field_error(struct entry_check *chk, enum entry_field f,
                        const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(chk->msg[f], sizeof chk->msg[f], fmt, ap);
    va_end(ap);
    chk->n_errors++;
}

/* A copy of s with spaces trimmed and full-width forms folded. */
static char *clean(const char *s)
{
    char *h = text_halfwidth(s ? s : "");
    return h ? text_trim(h) : NULL;
}

static bool same_unit(const char *a, const char *b)
{
    char *x = clean(a), *y = clean(b);
    bool same = x && y && strcmp(x, y) == 0;
    free(x);
    free(y);
    return same;
}

static void parse_date(const char *raw, struct pt_date today, struct entry *out,
                       struct entry_check *chk)
{
    struct pt_date d = today;
    char err[160];
    if (raw && *raw) {
        char *s = clean(raw);
        int rc = s && *s ? text_parse_date(s, &d, err, sizeof err) : 0;
        free(s);
        if (rc < 0) {
            field_error(chk, ENTRY_DATE, "%s", err);
            return;
        }
    }
    if (date_cmp(d, today) > 0) {
        char buf[11];
        date_format(d, buf);
        field_error(chk, ENTRY_DATE,
                    _("%s is in the future: a figure is recorded for a date "
                      "that has passed"),
                    buf);
        return;
    }
    if (d.y < 2000) {
        field_error(chk, ENTRY_DATE,
                    _("%d is too early: plans start in 2000 "
                      "or later"),
                    d.y);
        return;
    }
    date_format(d, out->date);
}

static void parse_state(const struct target *t, const char *raw,
                        struct entry *out, struct entry_check *chk)
{
    (void)t;
    char *s = clean(raw);
    enum obs_state st = s ? obs_state_parse(s) : STATE_NONE;
    if (!s || !*s)
        field_error(chk, ENTRY_VALUE,
                    _("empty: this target takes a state: done, in-progress "
                      "or not-started"));
    else if (st == STATE_NONE)
        field_error(chk, ENTRY_VALUE,
                    _("'%s' is not a state: write done, in-progress or "
                      "not-started"),
                    s);
    else
        snprintf(out->state, sizeof out->state, "%s", obs_state_name(st));
    free(s);
}

static void parse_value(const struct target *t, const char *raw,
                        const char *unit_raw, struct entry *out,
                        struct entry_check *chk)
{
    const char *rest;
    char err[160];
    if (text_parse_number(raw ? raw : "", &out->value, &rest, err, sizeof err) <
        0) {
        field_error(chk, ENTRY_VALUE, "%s", err);
        return;
    }
    out->has_value = true;
    char *typed = clean(rest);
    char *given = clean(unit_raw);
    if (typed && *typed && !same_unit(typed, t->unit)) {
        field_error(chk, ENTRY_VALUE,
                    _("unit '%s' does not match the target's unit '%s'"), typed,
                    t->unit);
    } else if (given && *given && !same_unit(given, t->unit)) {
        field_error(chk, ENTRY_UNIT,
                    _("unit '%s' does not match the target's unit '%s'"), given,
                    t->unit);
    }
    snprintf(out->unit, sizeof out->unit, "%s", t->unit);
    free(typed);
    free(given);
}

/* Whether s is well-formed UTF-8 (text_decode gives U+FFFD from one byte
 * only for a malformed sequence). */
static bool valid_utf8(const char *s)
{
    size_t n = strlen(s), i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = text_decode(s + i, n - i, &cp);
        if (cp == 0xFFFD && k == 1)
            return false;
        i += k;
    }
    return true;
}

static void copy_text(const char *raw, char *dst, size_t cap,
                      enum entry_field f, size_t max, struct entry_check *chk)
{
    char *s = strdup(raw ? raw : "");
    if (!s)
        return;
    text_trim(s);
    /* Bytes from a terminal in another encoding (GBK) would be stored as
     * text that can never be shown or exported as what was typed. */
    if (!valid_utf8(s))
        field_error(chk, f,
                    _("not UTF-8 text: use a UTF-8 terminal (e.g. "
                      "LANG=zh_CN.UTF-8) and type it again"));
    else if (strlen(s) > max)
        field_error(chk, f, _("too long (%zu bytes; at most %zu)"), strlen(s),
                    max);
    else
        snprintf(dst, cap, "%s", s);
    free(s);
}

int entry_parse(const struct target *t, const char *const raw[ENTRY_NFIELDS],
                struct pt_date today, bool correction, struct entry *out,
                struct entry_check *chk)
{
    memset(out, 0, sizeof *out);
    memset(chk, 0, sizeof *chk);
    parse_date(raw[ENTRY_DATE], today, out, chk);
    if (t->cmp == CMP_DONE) {
        parse_state(t, raw[ENTRY_VALUE], out, chk);
        char *u = clean(raw[ENTRY_UNIT]);
        if (u && *u)
            field_error(chk, ENTRY_UNIT, _("this target has no unit"));
        free(u);
    } else {
        parse_value(t, raw[ENTRY_VALUE], raw[ENTRY_UNIT], out, chk);
    }
    copy_text(raw[ENTRY_SOURCE], out->source, sizeof out->source, ENTRY_SOURCE,
              ENTRY_MAX_SOURCE, chk);
    copy_text(raw[ENTRY_NOTE], out->note, sizeof out->note, ENTRY_NOTE,
              ENTRY_MAX_NOTE, chk);
    if (correction && !out->note[0] && !chk->msg[ENTRY_NOTE][0])
        field_error(chk, ENTRY_NOTE, _("give the reason for the correction"));
    return chk->n_errors ? -1 : 0;
}

void entry_input(const struct entry *e, const struct target *t,
                 const char *corrects, struct obs_input *in)
{
    memset(in, 0, sizeof *in);
    in->plan = t->plan->id;
    in->target = t->id;
    in->date = e->date;
    in->has_value = e->has_value;
    in->value = e->value;
    in->state = e->has_value ? NULL : e->state;
    in->unit = e->unit;
    in->source = e->source;
    in->note = e->note;
    in->corrects = corrects;
}

void entry_warning(const struct target *t, const struct target_summary *s,
                   const struct entry *e, char *buf, size_t len)
{
    buf[0] = '\0';
    if (!e->has_value || !s->has_latest || !s->latest.has_value)
        return;
    double last = s->latest.value, v = e->value;
    char a[64], b[64], d[11];
    text_format_number(v, a, sizeof a);
    text_format_number(last, b, sizeof b);
    date_format(s->latest.date, d);
    double scale = fmax(fabs(last), 1e-9);
    if (fabs(v - last) > scale) {
        snprintf(buf, len,
                 _("%s is far from the last value %s (%s): check the "
                   "figure and its unit"),
                 a, b, d);
        return;
    }
    bool up_is_good = !comparator_lower_better(t->cmp);
    bool later = strcmp(e->date, d) >= 0;
    if (later && ((up_is_good && v < last) || (!up_is_good && v > last)))
        snprintf(buf, len,
                 _("%s moves away from the target (last value %s on %s)"), a, b,
                 d);
}
