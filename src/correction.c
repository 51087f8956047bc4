/* Competing corrections: groups by union-find over the correction links,
 * then one rule for the figure that counts. See correction.h. */
#include "plantrack/correction.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plantrack/i18n.h"

static int by_uuid(const void *a, const void *b)
{
    const struct correction_row *x = a, *y = b;
    return strcmp(x->uuid, y->uuid);
}

const struct correction_row *correction_find(const struct correction_row *v,
                                             size_t n, const char *uuid)
{
    struct correction_row key;
    size_t len = strlen(uuid);
    if (len >= sizeof key.uuid)
        return NULL;
    memcpy(key.uuid, uuid, len + 1);
    return n ? bsearch(&key, v, n, sizeof *v, by_uuid) : NULL;
}

bool correction_later(const char *a_recorded_at, const char *a_uuid,
                      const char *b_recorded_at, const char *b_uuid)
{
    int c = strcmp(a_recorded_at, b_recorded_at);
    return c > 0 || (c == 0 && strcmp(a_uuid, b_uuid) > 0);
}

static size_t find_root(size_t *up, size_t i)
{
    while (up[i] != i) {
        up[i] = up[up[i]]; /* halve the path on the way */
        i = up[i];
    }
    return i;
}

static void join(size_t *up, size_t a, size_t b)
{
    a = find_root(up, a);
    b = find_root(up, b);
    if (a != b)
        up[a > b ? a : b] = a < b ? a : b;
}

/* Row i corrects the row with id `uuid` (len bytes), when the set has it. */
static void link_to(struct correction_row *v, size_t n, size_t *up, size_t i,
                    const char *uuid, size_t len)
{
    char id[37];
    if (len == 0 || len >= sizeof id)
        return;
    memcpy(id, uuid, len);
    id[len] = '\0';
    const struct correction_row *p = correction_find(v, n, id);
    if (!p || p == &v[i])
        return;
    size_t j = (size_t)(p - v);
    v[j].corrected = true;
    join(up, i, j);
}

static bool same_figure(const struct correction_row *a,
                        const struct correction_row *b)
{
    if (strcmp(a->date, b->date) != 0 || a->has_value != b->has_value)
        return false;
    return a->has_value ? a->value == b->value
                        : strcmp(a->state, b->state) == 0;
}

void correction_resolve(struct correction_row *v, size_t n)
{
    if (n == 0)
        return;
    qsort(v, n, sizeof *v, by_uuid);
    size_t *up = malloc(n * sizeof *up);
    size_t *best = malloc(n * sizeof *best); /* per root: its counting row */
    if (!up || !best) {
        free(up);
        free(best);
        /* Without memory nothing is set aside: every current figure
         * counts, as before this rule existed. */
        return;
    }
    for (size_t i = 0; i < n; i++) {
        up[i] = i;
        best[i] = SIZE_MAX;
        v[i].corrected = v[i].set_aside = v[i].conflict = v[i].counts = false;
    }
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && strcmp(v[i].uuid, v[i - 1].uuid) == 0)
            join(up, i, i - 1); /* the same row given twice */
        link_to(v, n, up, i, v[i].corrects, strlen(v[i].corrects));
        for (const char *p = v[i].also; p && *p;) {
            size_t len = strcspn(p, " ,");
            link_to(v, n, up, i, p, len);
            p += len;
            p += strspn(p, " ,");
        }
    }
    /* A row given twice stands as its twin does. */
    for (size_t i = 1; i < n; i++)
        if (strcmp(v[i].uuid, v[i - 1].uuid) == 0)
            v[i].corrected = v[i - 1].corrected =
                v[i].corrected || v[i - 1].corrected;
    /* The current figure of each group that counts: recorded last. */
    for (size_t i = 0; i < n; i++) {
        size_t g = find_root(up, i);
        v[i].group = g;
        if (v[i].corrected)
            continue;
        if (best[g] == SIZE_MAX ||
            correction_later(v[i].recorded_at, v[i].uuid,
                             v[best[g]].recorded_at, v[best[g]].uuid))
            best[g] = i;
    }
    for (size_t i = 0; i < n; i++) {
        size_t g = v[i].group, b = best[g];
        if (v[i].corrected || b == SIZE_MAX)
            continue;
        v[i].counts = i == b || strcmp(v[i].uuid, v[b].uuid) == 0;
        v[i].set_aside = !v[i].counts;
        if (v[i].set_aside && !same_figure(&v[i], &v[b]))
            v[i].conflict = v[b].conflict = true;
    }
    /* The counting row of a conflict is marked above through its rivals;
     * rivals that agree with it but not with another rival are in the
     * conflict too. */
    for (size_t i = 0; i < n; i++)
        if (!v[i].corrected && best[v[i].group] != SIZE_MAX &&
            v[best[v[i].group]].conflict)
            v[i].conflict = true;
    free(up);
    free(best);
}

const char *correction_label(bool corrected, bool superseded, bool conflict)
{
    if (corrected)
        return _("corrected");
    if (conflict)
        return superseded ? _("conflict: set aside") : _("conflict: counts");
    return superseded ? _("same as a competing correction") : "";
}

void correction_refs(const char *corrects, char *buf, size_t len)
{
    size_t used = 0;
    bool several = strchr(corrects, ' ') != NULL;
    buf[0] = '\0';
    if (!*corrects || len == 0)
        return;
    used = (size_t)snprintf(buf, len, "%s",
                            several ? _("resolves") : _("corrects"));
    for (const char *p = corrects; *p && used < len;) {
        size_t n = strcspn(p, " ");
        used += (size_t)snprintf(buf + used, len - used, " %.*s",
                                 (int)(n < 8 ? n : 8), p);
        p += n;
        p += strspn(p, " ");
    }
}
