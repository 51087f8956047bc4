/* plantrack's sync file: a text header and an SQLite changeset (the session
 * extension's format). The payload is written here rather than recorded by
 * sqlite3session: recording 100,000 inserts in a session and asking for
 * the changeset took seconds, and structured ids (11111111-...) defeat the
 * session's hash table; the format is SQLite's all the same, and SQLite's
 * iterator reads it back. */
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include "plantrack/changeset.h"

#include <errno.h>
#include <inttypes.h>
#include <nettle/sha2.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plantrack/i18n.h"

static const char MAGIC[] = "plantrack changeset\n";
static const char TABLE[] = "observations";
#define NCOLS 13

/* Type codes of a changeset record (sqlite3session.h, "CHANGESET FORMAT"). */
enum { CS_INTEGER = 1, CS_FLOAT = 2, CS_TEXT = 3, CS_BLOB = 4, CS_NULL = 5 };

bool changeset_name_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > CHANGESET_MAX_NAME)
        return false;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p <= ' ' || *p == 0x7F)
            return false;
    return true;
}

/* SQLite's varint: big-endian groups of 7 bits, the high bit set on every
 * byte but the last; a ninth byte carries 8 bits. */
static void put_varint(FILE *f, uint64_t v)
{
    unsigned char b[9];
    int n = 0;
    if (v >> 56) {
        b[8] = (unsigned char)v;
        v >>= 8;
        for (int i = 7; i >= 0; i--) {
            b[i] = (unsigned char)((v & 0x7F) | 0x80);
            v >>= 7;
        }
        fwrite(b, 1, 9, f);
        return;
    }
    do {
        b[n++] = (unsigned char)((v & 0x7F) | 0x80);
        v >>= 7;
    } while (v);
    b[0] &= 0x7F;
    while (n-- > 0)
        fputc(b[n], f);
}

static void put_text(FILE *f, const char *s)
{
    size_t n = strlen(s ? s : "");
    fputc(CS_TEXT, f);
    put_varint(f, n);
    fwrite(s ? s : "", 1, n, f);
}

static void put_text_or_null(FILE *f, const char *s)
{
    if (s && *s)
        put_text(f, s);
    else
        fputc(CS_NULL, f);
}

static void put_real(FILE *f, double v)
{
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    fputc(CS_FLOAT, f);
    for (int i = 7; i >= 0; i--)
        fputc((int)((bits >> (i * 8)) & 0xFF), f);
}

int changeset_encoder_init(struct changeset_encoder *e)
{
    memset(e, 0, sizeof *e);
    e->mem = open_memstream(&e->buf, &e->len);
    if (!e->mem)
        return -1;
    /* One table: 13 columns, the first (uuid) the primary key. */
    fputc('T', e->mem);
    put_varint(e->mem, NCOLS);
    for (int i = 0; i < NCOLS; i++)
        fputc(i == 0, e->mem);
    fwrite(TABLE, 1, sizeof TABLE, e->mem); /* with its NUL */
    return 0;
}

void changeset_encode(struct changeset_encoder *e, const struct obs *o)
{
    FILE *f = e->mem;
    fputc(SQLITE_INSERT, f);
    fputc(0, f); /* not indirect */
    put_text(f, o->uuid);
    put_text(f, o->plan);
    put_text(f, o->target);
    put_text(f, o->date);
    if (o->has_value)
        put_real(f, o->value);
    else
        fputc(CS_NULL, f);
    if (o->has_value)
        fputc(CS_NULL, f);
    else
        put_text(f, o->state);
    put_text(f, o->unit);
    put_text(f, o->source);
    put_text(f, o->note);
    put_text(f, o->author);
    put_text(f, o->host);
    put_text(f, o->recorded_at);
    put_text_or_null(f, o->corrects);
    e->rows++;
}

void changeset_encoder_free(struct changeset_encoder *e)
{
    if (e->mem)
        fclose(e->mem);
    free(e->buf);
    memset(e, 0, sizeof *e);
}

static void hex(const unsigned char *d, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++)
        sprintf(out + 2 * i, "%02x", d[i]);
}

/* The header up to (not including) its sha256 line. */
static char *header_text(const struct changeset_header *h, size_t *len)
{
    char *s = NULL;
    FILE *f = open_memstream(&s, len);
    if (!f)
        return NULL;
    fputs(MAGIC, f);
    fprintf(f, "format %d\n", h->format);
    fprintf(f, "from %s %s\n", h->from_id, h->from_name);
    fprintf(f, "for %s %s\n", *h->for_id ? h->for_id : "-",
            *h->for_name ? h->for_name : "-");
    fprintf(f, "range %" PRId64 " %" PRId64 "\n", h->lo, h->hi);
    if (h->ack >= 0)
        fprintf(f, "ack %" PRId64 "\n", h->ack);
    else
        fputs("ack -\n", f);
    fprintf(f, "rows %" PRId64 "\n", h->rows);
    fprintf(f, "created %s\n", h->created);
    fprintf(f, "bytes %" PRId64 "\n", h->bytes);
    if (fclose(f) != 0) {
        free(s);
        return NULL;
    }
    return s;
}

static void digest(const char *head, size_t head_len, const void *payload,
                   size_t len, char out[65])
{
    struct sha256_ctx c;
    unsigned char d[SHA256_DIGEST_SIZE];
    sha256_init(&c);
    sha256_update(&c, head_len, (const uint8_t *)head);
    sha256_update(&c, len, payload);
    sha256_digest(&c, sizeof d, d);
    hex(d, sizeof d, out);
}

int changeset_write(struct changeset_encoder *e, struct changeset_header *h,
                    FILE *out)
{
    if (fflush(e->mem) != 0)
        return -1;
    h->format = CHANGESET_FORMAT;
    h->rows = e->rows;
    h->bytes = (int64_t)e->len;
    size_t head_len;
    char *head = header_text(h, &head_len);
    if (!head)
        return -1;
    digest(head, head_len, e->buf, e->len, h->sha256);
    int rc = fwrite(head, 1, head_len, out) == head_len &&
                     fprintf(out, "sha256 %s\n\n", h->sha256) > 0 &&
                     fwrite(e->buf, 1, e->len, out) == e->len
                 ? 0
                 : -1;
    free(head);
    return rc;
}

static int say(char *why, size_t len, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int say(char *why, size_t len, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, len, fmt, ap);
    va_end(ap);
    return -1;
}

/* The next header line of the form "KEY VALUE..." into buf; the position
 * moves past it. 0, or -1 at the end of the data (no newline). */
static int next_line(const char *data, size_t len, size_t *pos, char *buf,
                     size_t cap)
{
    const char *start = data + *pos;
    const char *nl = memchr(start, '\n', len - *pos);
    if (!nl)
        return -1;
    size_t n = (size_t)(nl - start);
    if (n >= cap)
        n = cap - 1; /* too long: cut, then refused by its parser */
    memcpy(buf, start, n);
    buf[n] = '\0';
    *pos += (size_t)(nl - start) + 1;
    return 0;
}

static bool parse_int(const char *s, int64_t *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || end == s || *end || v < 0)
        return false;
    *out = v;
    return true;
}

/* "ID NAME", or "- -" when allowed. */
static bool parse_log(const char *s, char *id, char *name, bool dash_ok)
{
    char a[64], b[CHANGESET_MAX_NAME + 2];
    if (sscanf(s, "%63s %65s", a, b) != 2 || strchr(s, '\t'))
        return false;
    if (strlen(s) != strlen(a) + 1 + strlen(b))
        return false;
    /* for a log known by its name only, or by its id only: "-" */
    bool no_id = dash_ok && strcmp(a, "-") == 0;
    bool no_name = dash_ok && strcmp(b, "-") == 0;
    if ((!no_id && strlen(a) != 36) || (!no_name && !changeset_name_ok(b)))
        return false;
    for (const char *p = a; !no_id && *p; p++)
        if (!(*p == '-' || (*p >= '0' && *p <= '9') ||
              (*p >= 'a' && *p <= 'f')))
            return false;
    if (no_id)
        a[0] = '\0';
    if (no_name)
        b[0] = '\0';
    strcpy(id, a);
    strcpy(name, b);
    return true;
}

int changeset_open(const void *data, size_t len, struct changeset_header *h,
                   const unsigned char **payload, char *why, size_t why_len)
{
    const char *d = data;
    size_t pos = 0;
    char line[256];
    memset(h, 0, sizeof *h);
    if (len < sizeof MAGIC - 1 || memcmp(d, MAGIC, sizeof MAGIC - 1) != 0)
        return say(why, why_len, "%s",
                   _("not a plantrack changeset (it does not begin as "
                     "'plantrack sync export' writes one)"));
    pos = sizeof MAGIC - 1;
    static const char *const KEYS[] = {"format",  "from",  "for",
                                       "range",   "ack",   "rows",
                                       "created", "bytes", "sha256"};
    size_t head_len = 0;
    for (size_t k = 0; k < sizeof KEYS / sizeof *KEYS; k++) {
        size_t klen = strlen(KEYS[k]);
        if (k == 8)
            head_len = pos;
        if (next_line(d, len, &pos, line, sizeof line) < 0)
            return say(why, why_len, "%s",
                       _("truncated: the file ends inside its header"));
        if (strncmp(line, KEYS[k], klen) != 0 || line[klen] != ' ')
            return say(why, why_len,
                       _("not a plantrack changeset of a format this "
                         "plantrack reads (line '%s' where '%s' belongs)"),
                       line, KEYS[k]);
        const char *v = line + klen + 1;
        int64_t a = 0, b = 0;
        bool ok = true;
        switch (k) {
        case 0:
            ok = parse_int(v, &a) && a >= 1 && a <= INT32_MAX;
            h->format = ok ? (int)a : 0;
            if (ok && a > CHANGESET_FORMAT)
                return say(why, why_len,
                           _("made by a newer plantrack (changeset format "
                             "%d; this one reads format %d): upgrade "
                             "plantrack here"),
                           h->format, CHANGESET_FORMAT);
            break;
        case 1:
            ok = parse_log(v, h->from_id, h->from_name, false);
            break;
        case 2:
            ok = parse_log(v, h->for_id, h->for_name, true);
            break;
        case 3: {
            char x[32], y[32];
            ok = sscanf(v, "%31s %31s", x, y) == 2 && parse_int(x, &a) &&
                 parse_int(y, &b) && a <= b;
            h->lo = a;
            h->hi = b;
            break;
        }
        case 4:
            if (strcmp(v, "-") == 0)
                h->ack = -1;
            else
                ok = parse_int(v, &h->ack);
            break;
        case 5:
            ok = parse_int(v, &h->rows);
            break;
        case 6:
            ok = strlen(v) < sizeof h->created;
            if (ok)
                memcpy(h->created, v, strlen(v) + 1);
            break;
        case 7:
            ok = parse_int(v, &h->bytes);
            break;
        case 8:
            ok = strlen(v) == 64 && strspn(v, "0123456789abcdef") == 64;
            if (ok)
                memcpy(h->sha256, v, 65);
            break;
        }
        if (!ok)
            return say(why, why_len,
                       _("damaged: its header line '%s' cannot be read"), line);
    }
    if (next_line(d, len, &pos, line, sizeof line) < 0)
        return say(why, why_len, "%s",
                   _("truncated: the file ends inside its header"));
    if (*line)
        return say(why, why_len,
                   _("damaged: its header line '%s' cannot be read"), line);
    size_t have = len - pos;
    if ((uint64_t)have < (uint64_t)h->bytes)
        return say(why, why_len,
                   _("truncated: it holds %zu of the %lld bytes of rows it "
                     "announces"),
                   have, (long long)h->bytes);
    if ((uint64_t)have > (uint64_t)h->bytes)
        return say(why, why_len,
                   _("damaged: %zu bytes follow the %lld bytes of rows it "
                     "announces"),
                   have - (size_t)h->bytes, (long long)h->bytes);
    char sum[65];
    digest(d, head_len, d + pos, have, sum);
    if (strcmp(sum, h->sha256) != 0)
        return say(why, why_len, "%s",
                   _("damaged: its SHA-256 does not match its content (it "
                     "was changed or corrupted on the way)"));
    *payload = (const unsigned char *)d + pos;
    return 0;
}

/* A text field of a change, or NULL with why set: `null_ok` for the
 * columns that may be NULL. */
static char *text_of(sqlite3_value *v, bool null_ok, size_t max, int col,
                     long long n, char *why, size_t why_len)
{
    static const char *const NAMES[NCOLS] = {
        "uuid",   "plan", "target", "date", "value",       "state",   "unit",
        "source", "note", "author", "host", "recorded_at", "corrects"};
    int type = v ? sqlite3_value_type(v) : SQLITE_NULL;
    if (type == SQLITE_NULL && null_ok)
        return (char *)"";
    const char *s =
        type == SQLITE_TEXT ? (const char *)sqlite3_value_text(v) : NULL;
    if (!s) {
        say(why, why_len, _("row %lld: %s is not text"), n, NAMES[col]);
        return NULL;
    }
    size_t bytes = (size_t)sqlite3_value_bytes(v);
    if (strlen(s) != bytes) {
        say(why, why_len, _("row %lld: %s holds a NUL byte"), n, NAMES[col]);
        return NULL;
    }
    if (max && bytes > max) {
        say(why, why_len, _("row %lld: %s is too long"), n, NAMES[col]);
        return NULL;
    }
    return (char *)s;
}

int changeset_each(const unsigned char *payload, size_t len,
                   int (*fn)(void *ctx, const struct obs *o), void *ctx,
                   char *why, size_t why_len)
{
    sqlite3_changeset_iter *it;
    if (len > INT32_MAX)
        return say(why, why_len, "%s",
                   _("too large: a changeset holds at most 2 GB"));
    int rc = sqlite3changeset_start_v2(&it, (int)len, (void *)payload, 0);
    if (rc != SQLITE_OK)
        return say(why, why_len, _("damaged: %s"), sqlite3_errstr(rc));
    long long n = 0;
    int fail = 0;
    while (!fail && (rc = sqlite3changeset_next(it)) == SQLITE_ROW) {
        const char *tab;
        int ncol, op, indirect, npk;
        unsigned char *pk;
        n++;
        sqlite3changeset_op(it, &tab, &ncol, &op, &indirect);
        sqlite3changeset_pk(it, &pk, &npk);
        bool shape = strcmp(tab, TABLE) == 0 && ncol == NCOLS && npk == NCOLS;
        for (int i = 0; shape && i < NCOLS; i++)
            shape = (pk[i] != 0) == (i == 0);
        if (!shape) {
            fail = say(why, why_len,
                       _("not rows of plantrack's observations (change %lld is "
                         "to a table '%s' of %d columns)"),
                       n, tab, ncol);
            break;
        }
        if (op != SQLITE_INSERT) {
            fail = say(why, why_len,
                       _("change %lld is not an insert: a log only "
                         "grows"),
                       n);
            break;
        }
        sqlite3_value *v[NCOLS];
        for (int i = 0; i < NCOLS; i++)
            if (sqlite3changeset_new(it, i, &v[i]) != SQLITE_OK)
                v[i] = NULL;
        struct obs o;
        memset(&o, 0, sizeof o);
        char *uuid = text_of(v[0], false, 36, 0, n, why, why_len);
        char *date = uuid ? text_of(v[3], false, 10, 3, n, why, why_len) : NULL;
        char *rec =
            date ? text_of(v[11], false, 31, 11, n, why, why_len) : NULL;
        if (!rec) {
            fail = -1;
            break;
        }
        snprintf(o.uuid, sizeof o.uuid, "%s", uuid);
        snprintf(o.date, sizeof o.date, "%s", date);
        snprintf(o.recorded_at, sizeof o.recorded_at, "%s", rec);
        char **fields[] = {&o.plan, &o.target, &o.unit, &o.source,
                           &o.note, &o.author, &o.host, &o.corrects};
        const int cols[] = {1, 2, 6, 7, 8, 9, 10, 12};
        for (size_t i = 0; i < sizeof cols / sizeof *cols; i++) {
            *fields[i] =
                text_of(v[cols[i]], cols[i] == 12, 0, cols[i], n, why, why_len);
            if (!*fields[i])
                fail = -1;
        }
        int vt = v[4] ? sqlite3_value_type(v[4]) : SQLITE_NULL;
        if (!fail && vt != SQLITE_NULL && vt != SQLITE_FLOAT)
            fail = say(why, why_len, _("row %lld: value is not a number"), n);
        o.has_value = vt == SQLITE_FLOAT;
        o.value = o.has_value ? sqlite3_value_double(v[4]) : 0;
        if (!fail && o.has_value && v[5] &&
            sqlite3_value_type(v[5]) != SQLITE_NULL)
            fail = say(why, why_len,
                       _("row %lld: a value and a state: a row has "
                         "one or the other"),
                       n);
        if (!fail)
            o.state = text_of(v[5], o.has_value, 0, 5, n, why, why_len);
        if (!fail && !o.state)
            fail = -1;
        if (fail)
            break;
        if (fn(ctx, &o))
            break;
    }
    int end = sqlite3changeset_finalize(it);
    if (fail)
        return -1;
    if ((rc != SQLITE_ROW && rc != SQLITE_DONE) || end != SQLITE_OK)
        return say(
            why, why_len, _("damaged: %s"),
            sqlite3_errstr(rc != SQLITE_ROW && rc != SQLITE_DONE ? rc : end));
    return 0;
}
