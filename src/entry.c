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
    bool same = x && y &&
                (strcmp(x, y) == 0 || (unit_is_points(x) && unit_is_points(y)));
    free(x);
    free(y);
    return same;
}

/* Words for a change, as officials write them before the number. */
enum direction { DIR_NONE, DIR_FALL, DIR_RISE };

static const struct {
    const char *word;
    enum direction dir;
} DIRECTION_WORDS[] = {
    /* longest first: 下降 before 降 */
    {"下降了", DIR_FALL}, {"下降", DIR_FALL}, {"降低", DIR_FALL},
    {"减少", DIR_FALL},   {"削减", DIR_FALL}, {"降幅", DIR_FALL},
    {"降", DIR_FALL},     {"减", DIR_FALL},   {"fall of", DIR_FALL},
    {"fall", DIR_FALL},   {"down", DIR_FALL}, {"cut", DIR_FALL},
    {"上升了", DIR_RISE}, {"上升", DIR_RISE}, {"提高", DIR_RISE},
    {"增加", DIR_RISE},   {"增长", DIR_RISE}, {"提升", DIR_RISE},
    {"升", DIR_RISE},     {"增", DIR_RISE},   {"rise of", DIR_RISE},
    {"rise", DIR_RISE},   {"up", DIR_RISE},
};

static enum direction strip_direction(const char **s)
{
    for (size_t i = 0; i < sizeof DIRECTION_WORDS / sizeof *DIRECTION_WORDS;
         i++) {
        size_t n = strlen(DIRECTION_WORDS[i].word);
        if (strncasecmp(*s, DIRECTION_WORDS[i].word, n) == 0) {
            *s += n;
            while (**s == ' ')
                (*s)++;
            return DIRECTION_WORDS[i].dir;
        }
    }
    return DIR_NONE;
}

/* "水平 0.81", "level 0.81", "=0.81": the level reached, not the change. */
static bool strip_level(const char **s)
{
    static const char *const W[] = {"水平", "level", "="};
    for (size_t i = 0; i < sizeof W / sizeof *W; i++) {
        size_t n = strlen(W[i]);
        if (strncasecmp(*s, W[i], n) == 0) {
            *s += n;
            while (**s == ' ' || **s == ':')
                (*s)++;
            return true;
        }
    }
    return false;
}

void entry_value_hint(const struct target *t, char *buf, size_t len)
{
    char eg[64];
    if (t->cmp == CMP_DONE) {
        snprintf(buf, len, "%s", _("done, in-progress or not-started"));
        return;
    }
    text_format_number(t->has_value ? t->value : 0, eg, sizeof eg);
    /* Short enough to stand under the form at 80 columns. */
    if (t->cmp == CMP_REDUCE_BY)
        snprintf(buf, len,
                 t->has_baseline_value
                     ? _("the fall since %d: %s or 降%s; a rise 升2; a "
                         "level 水平 X")
                     : _("the fall since %d: %s or 降%s; a rise 升2"),
                 t->baseline_year, eg, eg);
    else if (t->cmp == CMP_INCREASE_BY)
        snprintf(buf, len,
                 t->has_baseline_value
                     ? _("the rise since %d: %s or 升%s; a fall 降2; a "
                         "level 水平 X")
                     : _("the rise since %d: %s or 升%s; a fall 降2"),
                 t->baseline_year, eg, eg);
    else if (*t->unit)
        snprintf(buf, len, _("the level reached, in %s"), t->unit);
    else
        snprintf(buf, len, "%s", _("the level reached"));
}

/* The change a level stands for, against the plan's baseline value: in
 * percent of it for a "%" target, in points for 百分点, else in the unit. */
static double change_of_level(const struct target *t, double level)
{
    double b = t->baseline_value, d;
    if (strcmp(t->unit, "%") == 0)
        d = (level - b) / fabs(b) * 100;
    else
        d = level - b;
    if (t->cmp == CMP_REDUCE_BY)
        d = -d;
    return round(d * 1e6) / 1e6;
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

/* A change (reduce-by, increase-by) as typed: "19.2", "降19.2",
 * "下降19.2%", or the level "水平 0.81". Stored as the change in the
 * target's direction, so the same cut gives the same status whichever
 * way it was typed; a bare sign that says the opposite is refused. */
static bool parse_change(const struct target *t, const char *s,
                         struct entry *out, const char **rest,
                         struct entry_check *chk)
{
    char err[160], hint[200];
    bool level = strip_level(&s);
    enum direction dir = level ? DIR_NONE : strip_direction(&s);
    const char *num = s;
    while (*num == ' ')
        num++;
    entry_value_hint(t, hint, sizeof hint);
    if (!*num && !level && dir == DIR_NONE) { /* nothing typed: say what */
        field_error(chk, ENTRY_VALUE, "%s", hint);
        return false;
    }
    if (text_parse_number(s, &out->value, rest, err, sizeof err) < 0) {
        field_error(chk, ENTRY_VALUE, "%s (%s)", err, hint);
        return false;
    }
    if (level) {
        if (!t->has_baseline_value) {
            field_error(chk, ENTRY_VALUE,
                        _("the plan gives no baseline value for %d, so a "
                          "level cannot be turned into a change: type the "
                          "change (%s)"),
                        t->baseline_year, hint);
            return false;
        }
        if (strcmp(t->unit, "%") == 0 && t->baseline_value == 0) {
            field_error(chk, ENTRY_VALUE, "%s",
                        _("the baseline value is 0: a change in percent "
                          "of it is not defined; type the change"));
            return false;
        }
        out->level = out->value;
        out->from_level = true;
        out->value = change_of_level(t, out->value);
        return true;
    }
    bool signed_num = *num == '-' || *num == '+' ||
                      strncmp(num, "\xe2\x88\x92", 3) == 0 ||
                      strncmp(num, "\xef\xbc\x8d", 3) == 0 ||
                      strncmp(num, "\xef\xbc\x8b", 3) == 0;
    enum direction want = t->cmp == CMP_REDUCE_BY ? DIR_FALL : DIR_RISE;
    if (signed_num && (dir != DIR_NONE || out->value != 0)) {
        bool agrees = dir == DIR_NONE && want == DIR_RISE && out->value > 0;
        if (!agrees) {
            field_error(chk, ENTRY_VALUE,
                        want == DIR_FALL
                            ? _("'%s': a signed number is ambiguous for a "
                                "fall: type the fall achieved as a positive "
                                "number or in words (%s)")
                            : _("'%s': a negative number is ambiguous for a "
                                "rise: type the rise achieved as a positive "
                                "number or in words (%s)"),
                        num, hint);
            return false;
        }
    }
    if (dir != DIR_NONE && dir != want)
        out->value = -out->value; /* stated in words: a move away */
    out->against = dir != DIR_NONE && dir != want;
    return true;
}

static void parse_value(const struct target *t, const char *raw,
                        const char *unit_raw, struct entry *out,
                        struct entry_check *chk)
{
    const char *rest;
    char err[160];
    char *s = clean(raw);
    if (comparator_relative(t->cmp)) {
        bool ok = s && parse_change(t, s, out, &rest, chk);
        if (!ok) {
            free(s);
            return;
        }
    } else if (text_parse_number(s ? s : "", &out->value, &rest, err,
                                 sizeof err) < 0) {
        char hint[200];
        entry_value_hint(t, hint, sizeof hint);
        field_error(chk, ENTRY_VALUE, "%s (%s)", err, hint);
        free(s);
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
    free(s);
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
    if (out->from_level && !chk->n_errors) {
        /* What was typed stays on record beside the change computed. */
        char lv[64], bv[64], line[200];
        text_format_number(out->level, lv, sizeof lv);
        text_format_number(t->baseline_value, bv, sizeof bv);
        snprintf(line, sizeof line, _("level %s (baseline %s in %d)"), lv, bv,
                 t->baseline_year);
        size_t n = strlen(out->note);
        if (n + strlen(line) + 3 <= ENTRY_MAX_NOTE)
            snprintf(out->note + n, sizeof out->note - n, "%s%s", n ? "; " : "",
                     line);
    }
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

/* ODK's way: a figure ten times away from what it should be near is far
 * more often a slip (a unit, a digit) than the truth. */
bool entry_implausible(const struct target *t, const struct obs_point *last,
                       const struct entry *e, char *buf, size_t len)
{
    buf[0] = '\0';
    if (!e->has_value)
        return false;
    double ref;
    const char *what;
    char d[11] = "";
    if (last && last->has_value) {
        ref = last->value;
        what = _("the last figure");
        date_format(last->date, d);
    } else if (t->has_baseline_value && !comparator_relative(t->cmp)) {
        ref = t->baseline_value;
        what = _("the baseline");
    } else if (t->has_value) {
        ref = t->value;
        what = _("the target");
    } else {
        return false;
    }
    double v = e->value;
    /* Ten times or more: one zero too many or too few is exactly ten. */
    bool far = fabs(v) >= 10 * fabs(ref);
    /* A change may well be small early on: only a too large one counts. */
    if (!comparator_relative(t->cmp))
        far |= fabs(v) * 10 <= fabs(ref);
    if (!far || ref == 0)
        return false;
    char a[64], b[64];
    text_format_number(v, a, sizeof a);
    text_format_number(ref, b, sizeof b);
    if (*d)
        snprintf(buf, len,
                 _("%s is ten times or more away from %s, %s (%s): check "
                   "the figure and its unit"),
                 a, what, b, d);
    else
        snprintf(buf, len,
                 _("%s is ten times or more away from %s, %s: check the "
                   "figure and its unit"),
                 a, what, b);
    return true;
}
