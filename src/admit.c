/* Admission: the one check every row passes before it enters the log. */
#include "plantrack/admit.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "plantrack/entry.h"
#include "plantrack/i18n.h"
#include "plantrack/status.h"

bool admit_uuid(const char *s)
{
    if (strlen(s) != 36)
        return false;
    for (int i = 0; i < 36; i++) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        char c = s[i];
        if (dash ? c != '-'
                 : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    return true;
}

bool admit_utf8(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        if (s[i] == '\0')
            return false;
        size_t k = text_decode(s + i, n - i, &cp);
        if (cp == 0xFFFD && k == 1)
            return false;
        i += k;
    }
    return true;
}

static int refuse(char *why, size_t len, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int refuse(char *why, size_t len, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, len, fmt, ap);
    va_end(ap);
    return -1;
}

/* Digits at s[from..to), as a number. */
static int digits(const char *s, int from, int to, bool *ok)
{
    int v = 0;
    for (int i = from; i < to; i++) {
        if (s[i] < '0' || s[i] > '9')
            *ok = false;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* Exactly YYYY-MM-DD, a real day. */
static bool strict_date(const char *s, struct pt_date *d)
{
    bool ok = strlen(s) == 10 && s[4] == '-' && s[7] == '-';
    if (!ok)
        return false;
    d->y = digits(s, 0, 4, &ok);
    d->m = digits(s, 5, 7, &ok);
    d->d = digits(s, 8, 10, &ok);
    return ok && date_valid(d->y, d->m, d->d);
}

/* 2025-06-30T08:15:02Z or with .123 milliseconds; seconds since 1970. */
static bool strict_time(const char *s, struct pt_date *d, time_t *t)
{
    size_t n = strlen(s);
    bool ok = (n == 20 || n == 24) && s[10] == 'T' && s[13] == ':' &&
              s[16] == ':' && s[n - 1] == 'Z';
    if (!ok)
        return false;
    char date[11];
    memcpy(date, s, 10);
    date[10] = '\0';
    if (!strict_date(date, d))
        return false;
    int h = digits(s, 11, 13, &ok), mi = digits(s, 14, 16, &ok),
        sec = digits(s, 17, 19, &ok);
    if (n == 24)
        ok = ok && s[19] == '.' && (digits(s, 20, 23, &ok), ok);
    if (!ok || h > 23 || mi > 59 || sec > 60)
        return false;
    *t = (time_t)date_days(*d) * 86400 + h * 3600 + mi * 60 + sec;
    return true;
}

/* `what` is the field's name, untranslated (N_): it is looked up only
 * when the row is refused, not for every row of a large import. */
static int check_text(const char *what, const char *s, size_t max, bool needed,
                      char *why, size_t len)
{
    size_t n = strlen(s ? s : "");
    if (needed && n == 0)
        return refuse(why, len, _("%s is empty"), _(what));
    if (!admit_utf8(s ? s : "", n))
        return refuse(why, len,
                      _("%s is not UTF-8 text (GBK or another encoding? save "
                        "the file as UTF-8)"),
                      _(what));
    if (n > max)
        return refuse(why, len, _("%s is too long (%zu bytes; at most %zu)"),
                      _(what), n, max);
    return 0;
}

/* An account or host name: no control character, no line break. */
static int check_name(const char *what, const char *s, size_t max, char *why,
                      size_t len)
{
    if (check_text(what, s, max, true, why, len) < 0)
        return -1;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7F)
            return refuse(why, len, _("%s holds a control character"), _(what));
    return 0;
}

static int check_value(const struct target *t, const struct obs *row, char *why,
                       size_t len)
{
    if (comparator_numeric(t->cmp)) {
        if (!row->has_value)
            return refuse(why, len, _("%s/%s takes a number, not a state"),
                          t->plan->id, t->id);
        if (!isfinite(row->value))
            return refuse(why, len, _("the value is not a finite number"));
        if (row->state && *row->state)
            return refuse(why, len,
                          _("a row has a value or a state, not both"));
        if (strcmp(row->unit ? row->unit : "", t->unit) != 0)
            return refuse(why, len,
                          _("unit '%s' is not the target's unit '%s'"),
                          row->unit ? row->unit : "", t->unit);
        return 0;
    }
    if (row->has_value)
        return refuse(why, len,
                      _("%s/%s takes a state (done, in-progress or "
                        "not-started), not a number"),
                      t->plan->id, t->id);
    if (!row->state || !*row->state ||
        strcmp(row->state, obs_state_name(obs_state_parse(row->state))) != 0)
        return refuse(why, len,
                      _("state must be done, in-progress or not-started"));
    if (row->unit && *row->unit)
        return refuse(why, len, _("this target has no unit"));
    return 0;
}

/* ---- the targets, indexed ---- */

struct admit {
    const struct target **slots; /* open addressing by (plan, target) */
    size_t n_slots;
};

static size_t key_hash(const char *plan, const char *target)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a over "plan\x1ftarget" */
    for (const unsigned char *p = (const unsigned char *)plan; *p; p++)
        h = (h ^ *p) * 1099511628211u;
    h = (h ^ 0x1f) * 1099511628211u;
    for (const unsigned char *p = (const unsigned char *)target; *p; p++)
        h = (h ^ *p) * 1099511628211u;
    return (size_t)h;
}

struct admit *admit_new(const struct plan_set *plans)
{
    struct admit *a = calloc(1, sizeof *a);
    size_t n = 0;
    for (size_t i = 0; i < plans->n; i++)
        n += plans->plans[i]->n_targets;
    if (!a)
        return NULL;
    a->n_slots = 16;
    while (a->n_slots < 2 * n)
        a->n_slots *= 2;
    a->slots = calloc(a->n_slots, sizeof *a->slots);
    if (!a->slots) {
        free(a);
        return NULL;
    }
    for (size_t i = 0; i < plans->n; i++) {
        const struct plan *p = plans->plans[i];
        for (size_t j = 0; j < p->n_targets; j++) {
            const struct target *t = &p->targets[j];
            size_t k = key_hash(p->id, t->id) & (a->n_slots - 1);
            /* the first of two alike wins, as plan_find_target would */
            while (a->slots[k] && !(strcmp(a->slots[k]->plan->id, p->id) == 0 &&
                                    strcmp(a->slots[k]->id, t->id) == 0))
                k = (k + 1) & (a->n_slots - 1);
            if (!a->slots[k])
                a->slots[k] = t;
        }
    }
    return a;
}

void admit_free(struct admit *a)
{
    if (!a)
        return;
    free(a->slots);
    free(a);
}

const struct target *admit_target(const struct admit *a, const char *plan,
                                  const char *target)
{
    if (!plan || !target)
        return NULL;
    size_t k = key_hash(plan, target) & (a->n_slots - 1);
    for (; a->slots[k]; k = (k + 1) & (a->n_slots - 1))
        if (strcmp(a->slots[k]->id, target) == 0 &&
            strcmp(a->slots[k]->plan->id, plan) == 0)
            return a->slots[k];
    return NULL;
}

static bool plan_known(const struct admit *a, const char *plan)
{
    for (size_t k = 0; k < a->n_slots; k++)
        if (a->slots[k] && strcmp(a->slots[k]->plan->id, plan) == 0)
            return true;
    return false;
}

bool admit_uuid_list(const char *s)
{
    char id[37];
    for (;;) {
        size_t n = strcspn(s, " ");
        if (n != 36)
            return false;
        memcpy(id, s, n);
        id[n] = '\0';
        if (!admit_uuid(id))
            return false;
        if (!s[n])
            return true;
        s += n + 1;
    }
}

int admit_check(const struct admit *a, struct pt_date today,
                const struct obs *row, const struct obs *corrected, char *why,
                size_t len)
{
    struct pt_date d, rd;
    time_t at;
    if (!admit_uuid(row->uuid))
        return refuse(why, len, _("uuid '%s' is not a UUID"), row->uuid);
    if (check_text(N_("plan id"), row->plan, 64, true, why, len) < 0 ||
        check_text(N_("target id"), row->target, 128, true, why, len) < 0)
        return -1;
    const struct target *t = admit_target(a, row->plan, row->target);
    if (!t && !plan_known(a, row->plan))
        return refuse(why, len, _("no plan '%s' in the plans"), row->plan);
    if (!t)
        return refuse(why, len, _("plan '%s' has no target '%s'"), row->plan,
                      row->target);
    if (!strict_date(row->date, &d))
        return refuse(why, len, _("date '%s' is not a date written YYYY-MM-DD"),
                      row->date);
    if (d.y < 2000)
        return refuse(why, len,
                      _("date %s is too early: plans start in 2000 "
                        "or later"),
                      row->date);
    if (date_cmp(d, today) > 0)
        return refuse(why, len,
                      _("date %s is in the future: a figure is recorded for "
                        "a date that has passed"),
                      row->date);
    if (check_value(t, row, why, len) < 0 ||
        check_text(N_("source"), row->source, ENTRY_MAX_SOURCE, false, why,
                   len) < 0 ||
        check_text(N_("note"), row->note, ENTRY_MAX_NOTE, false, why, len) <
            0 ||
        check_name(N_("author"), row->author, ADMIT_MAX_AUTHOR, why, len) < 0 ||
        check_name(N_("host"), row->host, ADMIT_MAX_HOST, why, len) < 0)
        return -1;
    if (!strict_time(row->recorded_at, &rd, &at))
        return refuse(why, len,
                      _("recorded_at '%s' is not a UTC time written "
                        "YYYY-MM-DDTHH:MM:SS.mmmZ"),
                      row->recorded_at);
    /* A day of clock difference between machines is allowed. */
    if (rd.y < 2000 || at > time(NULL) + 86400)
        return refuse(why, len,
                      _("recorded_at %s is not a time when it could have been "
                        "recorded"),
                      row->recorded_at);
    if (date_days(d) > date_days(rd) + 1)
        return refuse(why, len,
                      _("date %s is after the day it was recorded (%.10s)"),
                      row->date, row->recorded_at);
    if (!row->corrects || !*row->corrects)
        return 0;
    if (!admit_uuid_list(row->corrects))
        return refuse(why, len,
                      _("corrects '%s' is not a UUID (or UUIDs separated by "
                        "single spaces)"),
                      row->corrects);
    if (strstr(row->corrects, row->uuid))
        return refuse(why, len, _("a row cannot correct itself"));
    if (!corrected)
        return refuse(why, len,
                      _("corrects %s, which is not in the log (nor before "
                        "this row in the file)"),
                      row->corrects);
    if (strcmp(corrected->plan, row->plan) != 0 ||
        strcmp(corrected->target, row->target) != 0)
        return refuse(why, len,
                      _("corrects %s, an observation of another target "
                        "(%s/%s): a correction is of the same target"),
                      row->corrects, corrected->plan, corrected->target);
    if (!row->note || !*row->note)
        return refuse(why, len, _("a correction needs its reason in the note"));
    return 0;
}

int admit_row(const struct plan_set *plans, struct pt_date today,
              const struct obs *row, const struct obs *corrected, char *why,
              size_t len)
{
    struct admit *a = admit_new(plans);
    if (!a)
        return refuse(why, len, "out of memory");
    int rc = admit_check(a, today, row, corrected, why, len);
    admit_free(a);
    return rc;
}

/* The log's check: the index points at the targets themselves, which stay
 * where they are while the model that owns the plans and the log is moved
 * about. */
static int admit_hook(void *ctx, const struct obs *row,
                      const struct obs *corrected, char *why, size_t len)
{
    return admit_check(ctx, date_today(), row, corrected, why, len);
}

static void admit_free_ctx(void *ctx)
{
    admit_free(ctx);
}

int admit_attach(struct log *log, const struct plan_set *plans)
{
    struct admit *a = admit_new(plans);
    if (!a)
        return -1;
    log_set_check(log, admit_hook, a, admit_free_ctx);
    return 0;
}
