/* The sync file: rows survive the trip exactly; the payload is a genuine
 * SQLite changeset (SQLite's session extension writes the same bytes and
 * applies it); a truncated, damaged, newer or foreign file is refused. */
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include <sqlite3.h>
#include <stdlib.h>

#include "plantrack/changeset.h"
#include "unit.h"

static struct obs sample(int i)
{
    static char uuids[4][37];
    struct obs o = {.plan = "ordos",
                    .target = "ne-capacity-2026",
                    .date = "2025-06-30",
                    .has_value = i != 2,
                    .value = i == 1 ? 4.9e-11 : 4200.5,
                    .state = i == 2 ? "in-progress" : "",
                    .unit = "万千瓦",
                    .source = "市能源局",
                    .note = i == 3 ? "=1+1, \"quoted\"\nnewline" : "",
                    .author = "wang",
                    .host = "laptop-wang",
                    .recorded_at = "2025-07-01T08:15:02.123Z",
                    .corrects = ""};
    snprintf(uuids[i], 37, "1a2b3c4d-1111-4111-8111-11111111111%c",
             '0' + (i & 3));
    memcpy(o.uuid, uuids[i], 37);
    if (i == 3)
        o.corrects = "1a2b3c4d-1111-4111-8111-111111111110 "
                     "1a2b3c4d-1111-4111-8111-111111111111";
    return o;
}

static struct changeset_header header(void)
{
    struct changeset_header h = {.lo = 0, .hi = 4, .ack = -1};
    snprintf(h.from_id, sizeof h.from_id,
             "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa");
    snprintf(h.from_name, sizeof h.from_name, "laptop-wang");
    snprintf(h.created, sizeof h.created, "2025-07-01T09:00:00.000Z");
    return h;
}

/* A whole file in memory: n sample rows. */
static char *file_of(int n, size_t *len)
{
    struct changeset_encoder e;
    struct changeset_header h = header();
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);
    changeset_encoder_init(&e);
    for (int i = 0; i < n; i++) {
        struct obs o = sample(i);
        changeset_encode(&e, &o);
    }
    changeset_write(&e, &h, f);
    changeset_encoder_free(&e);
    fclose(f);
    return buf;
}

struct seen {
    int n;
    struct obs rows[8];
    char text[8][512];
};

static int keep(void *ctx, const struct obs *o)
{
    struct seen *s = ctx;
    if (s->n < 8) {
        s->rows[s->n] = *o;
        snprintf(s->text[s->n], 512, "%s|%s|%s|%s|%s|%s|%s|%s|%s", o->plan,
                 o->target, o->state, o->unit, o->source, o->note, o->author,
                 o->host, o->corrects);
    }
    s->n++;
    return 0;
}

TEST(a_changeset_carries_every_field_exactly)
{
    size_t len;
    char *buf = file_of(4, &len);
    struct changeset_header h;
    const unsigned char *payload;
    char why[256] = "";
    CHECK(changeset_open(buf, len, &h, &payload, why, sizeof why) == 0);
    CHECK_STR(why, "");
    CHECK(h.rows == 4 && h.lo == 0 && h.hi == 4 && h.ack == -1);
    CHECK_STR(h.from_name, "laptop-wang");
    CHECK_STR(h.for_id, "");
    struct seen s = {0};
    CHECK(changeset_each(payload, (size_t)h.bytes, keep, &s, why, sizeof why) ==
          0);
    CHECK(s.n == 4);
    for (int i = 0; i < 4 && i < s.n; i++) {
        struct obs o = sample(i);
        char want[512];
        snprintf(want, 512, "%s|%s|%s|%s|%s|%s|%s|%s|%s", o.plan, o.target,
                 o.state, o.unit, o.source, o.note, o.author, o.host,
                 o.corrects);
        CHECK_STR(s.text[i], want);
        CHECK_STR(s.rows[i].uuid, o.uuid);
        CHECK_STR(s.rows[i].date, o.date);
        CHECK_STR(s.rows[i].recorded_at, o.recorded_at);
        CHECK(s.rows[i].has_value == o.has_value);
        CHECK(!o.has_value || s.rows[i].value == o.value); /* bit for bit */
    }
    free(buf);
}

/* The bytes SQLite's session extension records for the same insert. */
static int session_bytes(const struct obs *o, int *n, void **p)
{
    sqlite3 *db;
    sqlite3_session *s;
    sqlite3_stmt *st;
    sqlite3_open(":memory:", &db);
    sqlite3_exec(db,
                 "CREATE TABLE observations (uuid TEXT PRIMARY KEY, plan, "
                 "target, date, value, state, unit, source, note, author, "
                 "host, recorded_at, corrects)",
                 NULL, NULL, NULL);
    sqlite3session_create(db, "main", &s);
    sqlite3session_attach(s, "observations");
    sqlite3_prepare_v2(db,
                       "INSERT INTO observations VALUES (?1, ?2, ?3, ?4, ?5, "
                       "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                       -1, &st, NULL);
    const char *t[] = {o->uuid, o->plan, o->target, o->date};
    for (int i = 0; i < 4; i++)
        sqlite3_bind_text(st, i + 1, t[i], -1, SQLITE_STATIC);
    if (o->has_value)
        sqlite3_bind_double(st, 5, o->value);
    else
        sqlite3_bind_text(st, 6, o->state, -1, SQLITE_STATIC);
    const char *u[] = {o->unit,   o->source, o->note,
                       o->author, o->host,   o->recorded_at};
    for (int i = 0; i < 6; i++)
        sqlite3_bind_text(st, i + 7, u[i], -1, SQLITE_STATIC);
    if (*o->corrects)
        sqlite3_bind_text(st, 13, o->corrects, -1, SQLITE_STATIC);
    sqlite3_step(st);
    sqlite3_finalize(st);
    int rc = sqlite3session_changeset(s, n, p);
    sqlite3session_delete(s);
    sqlite3_close(db);
    return rc;
}

TEST(the_payload_is_what_sqlites_session_extension_writes)
{
    for (int i = 0; i < 4; i++) {
        struct obs o = sample(i);
        struct changeset_encoder e;
        changeset_encoder_init(&e);
        changeset_encode(&e, &o);
        fflush(e.mem);
        int n = 0;
        void *p = NULL;
        CHECK(session_bytes(&o, &n, &p) == SQLITE_OK);
        CHECK((size_t)n == e.len && memcmp(p, e.buf, e.len) == 0);
        sqlite3_free(p);
        changeset_encoder_free(&e);
    }
}

static int keep_all(sqlite3 *db, int n)
{
    int rows = -1;
    sqlite3_stmt *st;
    (void)n;
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM observations", -1, &st,
                           NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        rows = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return rows;
}

static int on_conflict(void *ctx, int kind, sqlite3_changeset_iter *it)
{
    (void)ctx;
    (void)kind;
    (void)it;
    return SQLITE_CHANGESET_OMIT;
}

TEST(sqlite_applies_the_payload_as_its_own)
{
    size_t len;
    char *buf = file_of(4, &len);
    struct changeset_header h;
    const unsigned char *payload;
    char why[256];
    CHECK(changeset_open(buf, len, &h, &payload, why, sizeof why) == 0);
    sqlite3 *db;
    sqlite3_open(":memory:", &db);
    sqlite3_exec(db,
                 "CREATE TABLE observations (uuid TEXT PRIMARY KEY, plan, "
                 "target, date, value, state, unit, source, note, author, "
                 "host, recorded_at, corrects)",
                 NULL, NULL, NULL);
    CHECK(sqlite3changeset_apply_v2(db, (int)h.bytes, (void *)payload, NULL,
                                    on_conflict, NULL, NULL, NULL,
                                    0) == SQLITE_OK);
    CHECK(keep_all(db, 4) == 4);
    sqlite3_close(db);
    free(buf);
}

static int open_status(char *buf, size_t len, char *why, size_t why_len)
{
    struct changeset_header h;
    const unsigned char *payload;
    return changeset_open(buf, len, &h, &payload, why, why_len);
}

TEST(a_truncated_changeset_is_refused_wherever_it_is_cut)
{
    size_t len;
    char *buf = file_of(4, &len);
    char why[256];
    for (size_t cut = 0; cut < len; cut += 7) {
        bool refused = open_status(buf, cut, why, sizeof why) < 0;
        if (!CHECK(refused))
            printf("#   cut at %zu of %zu bytes\n", cut, len);
    }
    CHECK(open_status(buf, len - 1, why, sizeof why) < 0);
    CHECK_CONTAINS(why, "truncated");
    free(buf);
}

TEST(a_changeset_damaged_anywhere_is_refused)
{
    size_t len;
    char *buf = file_of(4, &len);
    char why[256];
    for (size_t i = 0; i < len; i++) {
        buf[i] ^= 0x20;
        bool refused = open_status(buf, len, why, sizeof why) < 0;
        buf[i] ^= 0x20;
        if (!CHECK(refused))
            printf("#   byte %zu of %zu changed\n", i, len);
    }
    buf[len - 3] ^= 1;
    open_status(buf, len, why, sizeof why);
    CHECK_CONTAINS(why, "SHA-256 does not match");
    free(buf);
}

TEST(a_changeset_from_a_newer_plantrack_is_refused)
{
    size_t len;
    char *buf = file_of(1, &len);
    char *fmt = strstr(buf, "format 1\n");
    char why[256];
    fmt[7] = '2';
    CHECK(open_status(buf, len, why, sizeof why) < 0);
    CHECK_CONTAINS(why, "made by a newer plantrack (changeset format 2");
    free(buf);
}

TEST(a_file_that_is_not_a_changeset_is_refused)
{
    char why[256];
    char csv[] = "uuid,plan,target\n";
    CHECK(open_status(csv, sizeof csv - 1, why, sizeof why) < 0);
    CHECK_CONTAINS(why, "not a plantrack changeset");
}

TEST(a_changeset_of_another_table_is_refused)
{
    /* A genuine SQLite changeset, of something else. */
    sqlite3 *db;
    sqlite3_session *s;
    int n;
    void *p;
    sqlite3_open(":memory:", &db);
    sqlite3_exec(db, "CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner)",
                 NULL, NULL, NULL);
    sqlite3session_create(db, "main", &s);
    sqlite3session_attach(s, NULL);
    sqlite3_exec(db, "INSERT INTO accounts VALUES (1, 'x')", NULL, NULL, NULL);
    sqlite3session_changeset(s, &n, &p);
    char why[256];
    CHECK(changeset_each(p, (size_t)n, keep, &(struct seen){0}, why,
                         sizeof why) < 0);
    CHECK_CONTAINS(why, "not rows of plantrack's observations");
    sqlite3_free(p);
    sqlite3session_delete(s);
    sqlite3_close(db);
}
