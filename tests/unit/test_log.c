/* The progress log: append-only, corrections as new rows, versioned, safe
 * with many connections, never built from input. */
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plantrack/log.h"
#include "unit.h"

/* The observations table and index as plantrack's schema version 1 made
 * them. */
#define V1_SCHEMA                                                              \
    "CREATE TABLE observations (seq INTEGER PRIMARY KEY, uuid TEXT NOT NULL "  \
    "UNIQUE, plan TEXT NOT NULL, target TEXT NOT NULL, date TEXT NOT NULL, "   \
    "value REAL, state TEXT, unit TEXT NOT NULL DEFAULT '', source TEXT NOT "  \
    "NULL DEFAULT '', note TEXT NOT NULL DEFAULT '', author TEXT NOT NULL, "   \
    "host TEXT NOT NULL, recorded_at TEXT NOT NULL, corrects TEXT);"           \
    "CREATE INDEX observations_target ON observations (plan, target, date);"

#define V1_SCHEMA_FOR_CHAIN                                                    \
    V1_SCHEMA                                                                  \
    "INSERT INTO observations (uuid, plan, target, date, value, author, "      \
    "host, recorded_at) VALUES ('u1', 'p', 't', '2025-01-01', 7, 'a', 'h', "   \
    "'2025-01-02T00:00:00Z'), ('u2', 'p', 't', '2025-02-01', 8, 'a', 'h', "    \
    "'2025-02-02T00:00:00Z'); PRAGMA user_version = 1;"

static const char *db_in_tmp(void)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/progress.db", unit_tmpdir());
    return path;
}

static struct obs_input obs(const char *target, const char *date, double v)
{
    struct obs_input in = {.plan = "ordos",
                           .target = target,
                           .date = date,
                           .has_value = true,
                           .value = v,
                           .unit = "万千瓦"};
    return in;
}

/* The log runs whatever check it is given (admit_row in the program,
 * tested in test_admit.c); these tests of the log itself let every row
 * in, and keep what the check was shown. */
struct seen_by_check {
    int calls;
    char corrected[37]; /* uuid of the corrected row it was given */
    bool refuse;
};

static int accept_all(void *ctx, const struct obs *row,
                      const struct obs *corrected, char *why, size_t len)
{
    struct seen_by_check *s = ctx;
    (void)row;
    if (!s)
        return 0;
    s->calls++;
    snprintf(s->corrected, sizeof s->corrected, "%s",
             corrected ? corrected->uuid : "");
    if (s->refuse)
        snprintf(why, len, "refused by the check");
    return s->refuse ? -1 : 0;
}

static struct log *open_write(const char *path)
{
    struct log *log = NULL;
    struct pt_error err;
    if (log_open(&log, path, LOG_WRITE, &err) < 0)
        printf("#   %s\n", err.msg);
    else
        log_set_check(log, accept_all, NULL, NULL);
    return log;
}

static int sql_int(const char *path, const char *sql)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    int v = -1;
    sqlite3_open(path, &db);
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

static int sql_exec(const char *path, const char *sql)
{
    sqlite3 *db;
    sqlite3_open(path, &db);
    sqlite3_busy_timeout(db, 2000);
    int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    sqlite3_close(db);
    return rc;
}

TEST(a_new_log_is_created_with_the_schema_and_version)
{
    const char *path = db_in_tmp();
    struct log *log = open_write(path);
    CHECK(log != NULL);
    log_close(log);
    CHECK(sql_int(path, "PRAGMA user_version") == LOG_SCHEMA_VERSION);
    CHECK(sql_int(path, "SELECT count(*) FROM observations") == 0);
    CHECK(sql_int(path, "PRAGMA journal_mode = WAL") >= 0);
}

TEST(appended_observations_carry_author_host_time_and_uuid)
{
    const char *path = db_in_tmp();
    struct log *log = open_write(path);
    struct obs_input in = obs("ne-capacity-2026", "2025-06-30", 4200);
    in.source = "市能源局";
    char uuid[37];
    struct pt_error err;
    CHECK(log_append(log, &in, uuid, &err) == 0);
    CHECK(strlen(uuid) == 36 && uuid[14] == '4');
    struct obs o;
    CHECK(log_get(log, uuid, &o, &err) == 0);
    CHECK_STR(o.author, log_author());
    CHECK(strlen(o.host) > 0);
    CHECK(strlen(o.recorded_at) >= 20 && o.recorded_at[10] == 'T');
    CHECK_STR(o.source, "市能源局");
    CHECK(o.has_value && o.value == 4200);
    obs_clear(&o);
    log_close(log);
}

TEST(update_and_delete_are_refused_by_the_database)
{
    const char *path = db_in_tmp();
    struct log *log = open_write(path);
    struct obs_input in = obs("t", "2025-01-01", 1);
    struct pt_error err;
    log_append(log, &in, NULL, &err);
    log_close(log);
    CHECK(sql_exec(path, "UPDATE observations SET value = 2") ==
          SQLITE_CONSTRAINT);
    CHECK(sql_exec(path, "DELETE FROM observations") == SQLITE_CONSTRAINT);
    CHECK(sql_int(path, "SELECT value FROM observations") == 1);
}

/* The target as a reader sees it, as of a date. */
static struct target_obs read_target(struct log *log, const char *as_of,
                                     const char *target, const char *from)
{
    struct log_reader *r;
    struct target_obs to = {0};
    struct pt_error err;
    if (log_reader_open(log, as_of, &r, &err) == 0) {
        int total = 0;
        log_reader_total(r, "ordos", target, &total, &err);
        log_reader_target(r, "ordos", target, total, from, &to, &err);
        log_reader_close(r);
    }
    return to;
}

TEST(insert_or_replace_cannot_rewrite_an_observation)
{
    const char *path = db_in_tmp();
    struct log *log = open_write(path);
    struct obs_input in = obs("t", "2025-01-01", 1);
    struct pt_error err;
    char uuid[37], sql[512];
    log_append(log, &in, uuid, &err);
    log_close(log);
    snprintf(sql, sizeof sql,
             "INSERT OR REPLACE INTO observations (uuid, plan, target, date, "
             "value, author, host, recorded_at) VALUES ('%s', 'ordos', 't', "
             "'2025-01-01', 99, 'x', 'x', 'x')",
             uuid);
    sql_exec(path, sql);
    CHECK(sql_int(path, "SELECT value FROM observations") == 1);
    /* (a connection without plantrack's chain function cannot even
     * prepare it) */
    sql_exec(path, "INSERT OR REPLACE INTO observations (seq, uuid, plan, "
                   "target, date, value, author, host, recorded_at) VALUES "
                   "(1, 'other', 'ordos', 't', '2025-01-01', 99, 'x', 'x', "
                   "'x')");
    CHECK(sql_int(path, "SELECT count(*) FROM observations") == 1);
    CHECK(sql_int(path, "SELECT value FROM observations") == 1);
}

TEST(an_observation_can_be_recorded_under_an_id_chosen_before)
{
    const char *path = db_in_tmp();
    struct log *log = open_write(path);
    struct pt_error err;
    char chosen[37], got[37];
    log_new_uuid(chosen);
    struct obs_input in = obs("t", "2025-01-01", 1);
    in.uuid = chosen;
    CHECK(log_append(log, &in, got, &err) == 0);
    CHECK_STR(got, chosen);
    /* the same figure under the same id again records nothing more */
    CHECK(log_append(log, &in, got, &err) == 0);
    /* another figure under it is refused, not passed off as saved */
    in.value = 2;
    CHECK(log_append(log, &in, got, &err) == -1);
    CHECK_CONTAINS(err.msg, "already in the log with other content");
    log_close(log);
    CHECK(sql_int(path, "SELECT count(*) FROM observations") == 1);
}

TEST(a_correction_is_a_new_row_that_hides_the_old_one)
{
    const char *path = db_in_tmp();
    struct log *log = open_write(path);
    struct pt_error err;
    char first[37], fix[37];
    struct obs_input in = obs("t", "2025-01-01", 42);
    CHECK(log_append(log, &in, first, &err) == 0);
    struct obs_input c = obs("t", "2025-01-01", 24);
    c.corrects = first;
    c.note = "typo: digits swapped";
    CHECK(log_append(log, &c, fix, &err) == 0);
    struct target_obs to = read_target(log, NULL, "t", "2000-01-01");
    CHECK(to.n == 1 && to.latest.value == 24 && to.first.value == 24);
    struct obs *h;
    size_t n;
    CHECK(log_history(log, "ordos", "t", &h, &n, &err) == 0);
    CHECK(n == 2);
    if (n == 2) { /* the old value stays visible, marked */
        CHECK_STR(h[0].uuid, fix);
        CHECK_STR(h[0].corrects, first);
        CHECK(h[1].superseded && h[1].value == 42);
    }
    obs_list_free(h, n);
    CHECK(sql_int(path, "SELECT count(*) FROM current_observations") == 1);
    log_close(log);
}

TEST(the_check_sees_every_row_and_the_row_it_corrects)
{
    const char *path = db_in_tmp();
    struct log *log = open_write(path);
    struct seen_by_check seen = {0};
    log_set_check(log, accept_all, &seen, NULL);
    struct pt_error err;
    char first[37];
    struct obs_input in = obs("t", "2025-01-01", 1);
    CHECK(log_append(log, &in, first, &err) == 0);
    CHECK(seen.calls == 1 && seen.corrected[0] == '\0');
    struct obs_input c = obs("t", "2025-01-01", 2);
    c.corrects = first;
    CHECK(log_append(log, &c, NULL, &err) == 0);
    CHECK_STR(seen.corrected, first);
    seen.refuse = true;
    CHECK(log_append(log, &in, NULL, &err) == -1);
    CHECK(err.code == PT_EUSER);
    CHECK_CONTAINS(err.msg, "refused by the check");
    log_close(log);
    CHECK(sql_int(path, "SELECT count(*) FROM observations") == 2);
}

TEST(a_log_with_no_check_takes_no_row)
{
    const char *path = db_in_tmp();
    struct log *log = open_write(path);
    log_set_check(log, NULL, NULL, NULL);
    struct pt_error err;
    struct obs_input in = obs("t", "2025-01-01", 1);
    CHECK(log_append(log, &in, NULL, &err) == -1);
    CHECK_CONTAINS(err.msg, "no check");
    log_close(log);
    CHECK(sql_int(path, "SELECT count(*) FROM observations") == 0);
}

TEST(a_reader_sees_a_target_up_to_the_as_of_date)
{
    const char *path = db_in_tmp();
    struct log *log = open_write(path);
    struct pt_error err;
    const char *dates[] = {"2024-06-30", "2025-01-01", "2025-02-01",
                           "2025-03-01"};
    for (int i = 0; i < 4; i++) {
        struct obs_input in = obs("a", dates[i], i + 1);
        log_append(log, &in, NULL, &err);
    }
    struct obs_input other = obs("b", "2025-01-15", 9);
    log_append(log, &other, NULL, &err);
    struct target_obs to = read_target(log, "2025-02-15", "a", "2025-01-01");
    CHECK(to.n == 3);
    CHECK(to.has_latest && to.latest.value == 3);
    CHECK_STR(to.latest.date, "2025-02-01");
    CHECK(to.has_first && to.first.value == 2); /* on or after 2025-01-01 */
    log_close(log);
}

TEST(on_one_date_the_later_record_is_the_latest)
{
    /* By the recorded time, not the order rows reached this log (an
     * import may bring the later one first). */
    const char *path = db_in_tmp();
    struct log *log = open_write(path);
    struct pt_error err;
    struct obs later = {.uuid = "11111111-1111-4111-8111-111111111111",
                        .plan = "ordos",
                        .target = "t",
                        .date = "2025-01-01",
                        .has_value = true,
                        .value = 1,
                        .state = "",
                        .unit = "",
                        .source = "",
                        .note = "",
                        .author = "li",
                        .host = "b",
                        .recorded_at = "2025-01-02T10:00:00.000Z",
                        .corrects = ""};
    struct obs earlier = later;
    memcpy(earlier.uuid, "22222222-2222-4222-8222-222222222222", 37);
    earlier.value = 9;
    memcpy(earlier.recorded_at, "2025-01-02T09:00:00.000Z", 25);
    enum log_fate fate;
    CHECK(log_begin(log, &err) == 0);
    CHECK(log_import_row(log, &later, &fate, &err) == 0);
    CHECK(log_import_row(log, &earlier, &fate, &err) == 0);
    CHECK(log_commit(log, &err) == 0);
    struct target_obs to = read_target(log, NULL, "t", "2000-01-01");
    CHECK(to.latest.value == 1 && to.first.value == 9);
    log_close(log);
}

static int collect_key(void *ctx, const char *plan, const char *target,
                       int count)
{
    char *buf = ctx;
    size_t n = strlen(buf);
    snprintf(buf + n, 256 - n, "%s/%s=%d;", plan, target, count);
    return 0;
}

TEST(a_reader_counts_every_target_the_log_names)
{
    const char *path = db_in_tmp();
    struct log *log = open_write(path);
    struct pt_error err;
    const char *targets[] = {"b", "a", "c", "a"};
    for (int i = 0; i < 4; i++) {
        struct obs_input in = obs(targets[i], "2025-01-01", i);
        log_append(log, &in, NULL, &err);
    }
    struct log_reader *r;
    char keys[256] = "";
    CHECK(log_reader_open(log, NULL, &r, &err) == 0);
    CHECK(log_reader_counts(r, collect_key, keys, &err) == 0);
    log_reader_close(r);
    CHECK_STR(keys, "ordos/a=2;ordos/b=1;ordos/c=1;");
    log_close(log);
}

TEST(notes_that_look_like_sql_are_stored_verbatim)
{
    const char *path = db_in_tmp();
    struct log *log = open_write(path);
    struct pt_error err;
    char uuid[37];
    struct obs_input in =
        obs("t'; DROP TABLE observations;--", "2025-01-01", 1);
    in.note = "'); DROP TABLE observations;--";
    in.source = "\" OR 1=1 --";
    CHECK(log_append(log, &in, uuid, &err) == 0);
    struct obs o;
    CHECK(log_get(log, uuid, &o, &err) == 0);
    CHECK_STR(o.note, "'); DROP TABLE observations;--");
    CHECK_STR(o.source, "\" OR 1=1 --");
    CHECK_STR(o.target, "t'; DROP TABLE observations;--");
    obs_clear(&o);
    log_close(log);
    CHECK(sql_int(path, "SELECT count(*) FROM observations") == 1);
}

TEST(a_log_of_a_newer_schema_is_refused_with_advice)
{
    const char *path = db_in_tmp();
    log_close(open_write(path));
    sql_exec(path, "PRAGMA user_version = 99");
    struct log *log;
    struct pt_error err;
    CHECK(log_open(&log, path, LOG_WRITE, &err) == -1);
    CHECK(err.code == PT_EENV);
    CHECK_CONTAINS(err.msg, "schema 99 >");
    CHECK_CONTAINS(err.msg, "upgrade plantrack");
    CHECK(log_open(&log, path, LOG_READ, &err) == -1);
}

TEST(another_database_is_not_taken_for_a_log)
{
    const char *path = db_in_tmp();
    sql_exec(path, "CREATE TABLE accounts (x)");
    struct log *log;
    struct pt_error err;
    CHECK(log_open(&log, path, LOG_WRITE, &err) == -1);
    CHECK_CONTAINS(err.msg, "not a plantrack log");
    const char *junk = unit_write(unit_tmpdir(), "junk.db",
                                  "not sqlite at all, "
                                  "just text padding "
                                  "to fill a page");
    CHECK(log_open(&log, junk, LOG_WRITE, &err) == -1);
    CHECK(err.code == PT_EENV);
}

TEST(reading_a_missing_log_creates_nothing)
{
    const char *path = db_in_tmp();
    struct log *log;
    struct pt_error err;
    CHECK(log_open(&log, path, LOG_READ, &err) == 0);
    CHECK(log_is_empty_placeholder(log));
    struct stat st;
    CHECK(stat(path, &st) == -1);
    CHECK(log_append(log,
                     &(struct obs_input){.plan = "p",
                                         .target = "t",
                                         .date = "2025-01-01",
                                         .has_value = true},
                     NULL, &err) == -1);
    log_close(log);
}

TEST(a_missing_directory_is_reported_not_created)
{
    struct log *log;
    struct pt_error err;
    char path[512];
    snprintf(path, sizeof path, "%s/no/such/dir/p.db", unit_tmpdir());
    CHECK(log_open(&log, path, LOG_WRITE, &err) == -1);
    CHECK(err.code == PT_EENV);
    CHECK_CONTAINS(err.msg, "does not exist");
}

TEST(a_log_in_a_shared_directory_is_group_writable)
{
    const char *dir = unit_tmpdir();
    chmod(dir, 02770);
    char path[512];
    snprintf(path, sizeof path, "%s/shared.db", dir);
    log_close(open_write(path));
    struct stat st;
    CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0660);
    const char *priv = db_in_tmp(); /* a 0700 directory */
    log_close(open_write(priv));
    CHECK(stat(priv, &st) == 0 && (st.st_mode & 0777) == 0600);
}

TEST(data_version_changes_when_another_connection_writes)
{
    const char *path = db_in_tmp();
    struct log *reader = open_write(path);
    struct log *writer = open_write(path);
    struct pt_error err;
    int64_t before, after, again;
    CHECK(log_data_version(reader, &before) == 0);
    struct obs_input in = obs("t", "2025-01-01", 1);
    log_append(writer, &in, NULL, &err);
    CHECK(log_data_version(reader, &after) == 0);
    CHECK(after != before);
    CHECK(log_data_version(reader, &again) == 0 && again == after);
    log_close(writer);
    log_close(reader);
}

/* The whole of a file, for log_each_foreign. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    *len = 0;
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) == (size_t)n)
        *len = (size_t)n;
    fclose(f);
    return buf;
}

struct import_ctx {
    struct log *log;
    int added, duplicates, conflicts;
};

static int import_one(void *ctx, const struct obs *o)
{
    struct import_ctx *c = ctx;
    enum log_fate fate;
    struct pt_error err;
    if (log_import_row(c->log, o, &fate, &err) < 0)
        return 1;
    c->added += fate == LOG_FATE_NEW;
    c->duplicates += fate == LOG_FATE_DUPLICATE;
    c->conflicts += fate == LOG_FATE_CONFLICT;
    return 0;
}

static struct import_ctx import_file(struct log *log, const char *path)
{
    struct import_ctx c = {log, 0, 0, 0};
    struct pt_error err;
    size_t len;
    char *buf = slurp(path, &len);
    struct log_receipt r = {.file = path, .sha256 = "x"};
    int64_t id;
    CHECK(log_import_start(log, &r, &id, &err) == 0);
    CHECK(log_begin(log, &err) == 0);
    CHECK(log_each_foreign(buf, len, path, 1000, import_one, &c, &err) == 0);
    CHECK(log_commit(log, &err) == 0);
    free(buf);
    return c;
}

TEST(importing_another_log_adds_only_what_is_new_and_names_the_import)
{
    char a[512], b[512];
    snprintf(a, sizeof a, "%s", db_in_tmp());
    snprintf(b, sizeof b, "%s", db_in_tmp());
    struct log *la = open_write(a), *lb = open_write(b);
    struct pt_error err;
    struct obs_input x = obs("t", "2025-01-01", 1),
                     y = obs("t", "2025-02-01", 2);
    log_append(la, &x, NULL, &err);
    log_append(lb, &y, NULL, &err);
    log_close(lb);
    struct import_ctx c = import_file(la, b);
    CHECK(c.added == 1 && c.duplicates == 0);
    c = import_file(la, b);
    CHECK(c.added == 0 && c.duplicates == 1);
    log_close(la);
    CHECK(sql_int(a, "SELECT count(*) FROM observations") == 2);
    /* the imported row keeps its author and names the first import */
    CHECK(sql_int(a, "SELECT import_id FROM chain WHERE seq = 2") == 1);
    CHECK(sql_int(a, "SELECT count(*) FROM chain WHERE seq = 1 AND import_id "
                     "IS NULL") == 1);
    CHECK(sql_int(a, "SELECT count(*) FROM imports") == 2);
}

TEST(the_same_uuid_with_other_content_is_a_conflict_never_a_duplicate)
{
    char a[512], b[512];
    snprintf(a, sizeof a, "%s", db_in_tmp());
    snprintf(b, sizeof b, "%s", db_in_tmp());
    struct log *la = open_write(a);
    struct pt_error err;
    char uuid[37];
    struct obs_input x = obs("t", "2025-01-01", 1);
    log_append(la, &x, uuid, &err);
    /* b holds the same uuid with another value */
    struct log *lb = open_write(b);
    struct obs_input y = obs("t", "2025-01-01", 2);
    y.uuid = uuid;
    log_append(lb, &y, NULL, &err);
    log_close(lb);
    struct import_ctx c = import_file(la, b);
    CHECK(c.added == 0 && c.duplicates == 0 && c.conflicts == 1);
    log_close(la);
    CHECK(sql_int(a, "SELECT value FROM observations") == 1);
}

TEST(a_foreign_file_is_read_only_as_a_table)
{
    const char *path = db_in_tmp();
    /* "observations" is an endless view here: never run */
    CHECK(sql_exec(path,
                   "CREATE TABLE t (x); CREATE VIEW observations AS "
                   "WITH RECURSIVE r(seq) AS (SELECT 1 UNION ALL "
                   "SELECT seq + 1 FROM r) SELECT seq, 'u' AS uuid, "
                   "'p' AS plan, 't' AS target, '2025-01-01' AS date, "
                   "1 AS value, NULL AS state, '' AS unit, '' AS "
                   "source, '' AS note, 'a' AS author, 'h' AS host, "
                   "'x' AS recorded_at, NULL AS corrects FROM r") == SQLITE_OK);
    size_t len;
    char *buf = slurp(path, &len);
    struct pt_error err;
    struct import_ctx c = {0};
    CHECK(log_each_foreign(buf, len, "v.db", 1000, import_one, &c, &err) == -1);
    CHECK_CONTAINS(err.msg, "no observations table");
    free(buf);
    buf = slurp(db_in_tmp(), &len); /* missing: no bytes */
    CHECK(log_each_foreign("not a database", 14, "x.db", 1000, import_one, &c,
                           &err) == -1);
    free(buf);
}

TEST(a_foreign_log_of_too_many_rows_is_refused_before_reading)
{
    const char *path = db_in_tmp();
    struct log *l = open_write(path);
    struct pt_error err;
    for (int i = 0; i < 3; i++) {
        struct obs_input in = obs("t", "2025-01-01", i);
        log_append(l, &in, NULL, &err);
    }
    log_close(l);
    size_t len;
    char *buf = slurp(path, &len);
    struct import_ctx c = {0};
    CHECK(log_each_foreign(buf, len, "big.db", 2, import_one, &c, &err) == -1);
    CHECK_CONTAINS(err.msg, "3 observations");
    free(buf);
}

/* ---- the chain ---- */

struct findings {
    int n;
    int kinds[16];
    char text[2048];
};

static void note_finding(void *ctx, const struct log_finding *f)
{
    struct findings *fs = ctx;
    if (fs->n < 16)
        fs->kinds[fs->n] = f->kind;
    fs->n++;
    size_t used = strlen(fs->text);
    snprintf(fs->text + used, sizeof fs->text - used, "%s\n", f->what);
}

static struct findings verify(const char *path, struct log_verify_result *res)
{
    struct findings fs = {0};
    struct log *log;
    struct pt_error err;
    if (log_open(&log, path, LOG_READ, &err) < 0) {
        printf("#   %s\n", err.msg);
        fs.n = -1;
        return fs;
    }
    if (log_verify(log, NULL, note_finding, &fs, res, &err) < 0) {
        printf("#   %s\n", err.msg);
        fs.n = -1;
    }
    log_close(log);
    return fs;
}

static void three_rows(const char *path)
{
    struct log *log = open_write(path);
    struct pt_error err;
    for (int i = 0; i < 3; i++) {
        struct obs_input in = obs("t", "2025-01-01", i + 1);
        log_append(log, &in, NULL, &err);
    }
    log_close(log);
}

TEST(an_untouched_log_verifies_and_its_head_moves_with_each_row)
{
    const char *path = db_in_tmp();
    three_rows(path);
    struct log_verify_result res;
    struct findings fs = verify(path, &res);
    CHECK(fs.n == 0 && res.rows == 3 && res.links == 3 && res.problems == 0);
    struct log *log = open_write(path);
    char before[65], after[65];
    int64_t n;
    struct pt_error err;
    CHECK(log_head(log, before, &n, &err) == 0 && n == 3);
    CHECK_STR(before, res.head);
    struct obs_input in = obs("t", "2025-01-02", 9);
    log_append(log, &in, NULL, &err);
    CHECK(log_head(log, after, &n, &err) == 0 && n == 4);
    CHECK(strcmp(before, after) != 0);
    /* the old head is still in the chain, one row back */
    fs = (struct findings){0};
    CHECK(log_verify(log, before, note_finding, &fs, &res, &err) == 0);
    CHECK(fs.n == 0 && res.head_seq == 3 && res.since_head == 1);
    log_close(log);
}

TEST(verify_names_the_row_changed_behind_plantracks_back)
{
    const char *path = db_in_tmp();
    three_rows(path);
    CHECK(sql_exec(path,
                   "DROP TRIGGER observations_no_update; UPDATE "
                   "observations SET value = 99 WHERE seq = 2") == SQLITE_OK);
    struct log_verify_result res;
    struct findings fs = verify(path, &res);
    CHECK_CONTAINS(fs.text, "observations_no_update is missing");
    CHECK_CONTAINS(fs.text, "row 2 (");
    CHECK_CONTAINS(fs.text, "was changed");
    CHECK(res.problems == 2);
}

TEST(verify_names_the_row_removed_and_the_row_slipped_in)
{
    const char *path = db_in_tmp();
    three_rows(path);
    CHECK(sql_exec(path, "DROP TRIGGER observations_no_delete; DROP TRIGGER "
                         "chain_no_delete; DELETE FROM observations WHERE "
                         "seq = 2; DELETE FROM chain WHERE seq = 2; DROP "
                         "TRIGGER observations_chain; INSERT INTO "
                         "observations (uuid, plan, target, date, value, "
                         "author, host, recorded_at) VALUES ('x', 'ordos', "
                         "'t', '2025-01-01', 5, 'a', 'h', 'r')") == SQLITE_OK);
    struct log_verify_result res;
    struct findings fs = verify(path, &res);
    CHECK_CONTAINS(fs.text, "row 2, before row 3");
    CHECK_CONTAINS(fs.text, "was removed");
    CHECK_CONTAINS(fs.text, "row 4 (x) has no link");
}

TEST(the_sqlite3_shell_cannot_add_a_row_while_the_chain_trigger_stands)
{
    const char *path = db_in_tmp();
    three_rows(path);
    CHECK(sql_exec(path, "INSERT INTO observations (uuid, plan, target, "
                         "date, value, author, host, recorded_at) VALUES "
                         "('x', 'ordos', 't', '2025-01-01', 5, 'a', 'h', "
                         "'r')") == SQLITE_ERROR);
    CHECK(sql_int(path, "SELECT count(*) FROM observations") == 3);
}

TEST(a_write_notices_a_dropped_trigger_and_writes_nothing)
{
    const char *path = db_in_tmp();
    three_rows(path);
    CHECK(sql_exec(path, "DROP TRIGGER observations_no_delete") == SQLITE_OK);
    struct log *log = open_write(path);
    struct pt_error err;
    struct obs_input in = obs("t", "2025-01-02", 9);
    CHECK(log_append(log, &in, NULL, &err) == -1);
    CHECK(err.code == PT_EENV);
    CHECK_CONTAINS(err.msg, "observations_no_delete is missing");
    CHECK(sql_int(path, "SELECT count(*) FROM observations") == 3);
    /* nor is it quietly put back: a repair says so, for good */
    CHECK(sql_int(path, "SELECT count(*) FROM sqlite_master WHERE name = "
                        "'observations_no_delete'") == 0);
    CHECK(log_repair(log, "observations_no_delete was missing", &err) == 0);
    CHECK(log_append(log, &in, NULL, &err) == 0);
    log_close(log);
    CHECK(sql_int(path, "SELECT count(*) FROM incidents") == 1);
    struct log_verify_result res;
    struct findings fs = verify(path, &res);
    CHECK(res.problems == 0);
    CHECK_CONTAINS(fs.text, "observations_no_delete was missing");
}

TEST(a_trigger_added_behind_plantracks_back_is_found_too)
{
    const char *path = db_in_tmp();
    three_rows(path);
    CHECK(sql_exec(path, "CREATE TRIGGER sneaky AFTER INSERT ON "
                         "observations BEGIN SELECT 1; END") == SQLITE_OK);
    struct log *log = open_write(path);
    struct pt_error err;
    struct obs_input in = obs("t", "2025-01-02", 9);
    CHECK(log_append(log, &in, NULL, &err) == -1);
    CHECK_CONTAINS(err.msg, "sneaky was added");
    log_close(log);
}

TEST(a_log_from_before_the_chain_gets_one_linking_every_row)
{
    const char *path = db_in_tmp();
    CHECK(sql_exec(path, V1_SCHEMA_FOR_CHAIN) == SQLITE_OK);
    log_close(open_write(path));
    CHECK(sql_int(path, "SELECT count(*) FROM chain") == 2);
    struct log_verify_result res;
    struct findings fs = verify(path, &res);
    /* (this fixture has the table of version 1, not its triggers) */
    CHECK(res.rows == 2 && res.links == 2 && fs.n >= 0);
    for (int i = 0; i < fs.n && i < 16; i++)
        CHECK(fs.kinds[i] == LOG_FOUND_TRIGGER);
}

/* ---- odd logs ---- */

TEST(a_schema_version_out_of_range_is_refused)
{
    const char *path = db_in_tmp();
    log_close(open_write(path));
    sql_exec(path, "PRAGMA user_version = -1");
    struct log *log;
    struct pt_error err;
    CHECK(log_open(&log, path, LOG_WRITE, &err) == -1);
    CHECK_CONTAINS(err.msg, "out of range");
    CHECK(log_open(&log, path, LOG_READ, &err) == -1);
    CHECK_CONTAINS(err.msg, "out of range");
}

TEST(a_huge_record_number_is_read_like_any_other)
{
    const char *path = db_in_tmp();
    three_rows(path);
    struct log *log = open_write(path);
    struct pt_error err;
    char first[37];
    struct obs_input in = obs("u", "2025-01-01", 1);
    log_append(log, &in, first, &err);
    log_close(log);
    CHECK(sql_exec(path, "DROP TRIGGER observations_chain; INSERT INTO "
                         "observations (seq, uuid, plan, target, date, value, "
                         "author, host, recorded_at, corrects) SELECT "
                         "4000000000000000000, 'big', 'ordos', 'u', "
                         "'2025-01-02', 2, 'a', 'h', 'r', uuid FROM "
                         "observations WHERE target = 'u'") == SQLITE_OK);
    log_open(&log, path, LOG_READ, &err);
    struct target_obs to = read_target(log, NULL, "u", NULL);
    CHECK(to.n == 1 && to.latest.value == 2);
    log_close(log);
}

TEST(a_value_outside_the_schemas_ranges_is_refused_not_shown)
{
    const char *path = db_in_tmp();
    three_rows(path);
    CHECK(sql_exec(path, "DROP TRIGGER observations_no_update; UPDATE "
                         "observations SET value = 9e999 WHERE seq = 3") ==
          SQLITE_OK);
    struct log *log;
    struct pt_error err;
    CHECK(log_open(&log, path, LOG_READ, &err) == 0);
    struct log_reader *r;
    struct target_obs to;
    CHECK(log_reader_open(log, NULL, &r, &err) == 0);
    CHECK(log_reader_target(r, "ordos", "t", 3, NULL, &to, &err) == -1);
    CHECK_CONTAINS(err.msg, "row 3");
    log_reader_close(r);
    log_close(log);
}

TEST(a_log_that_is_not_a_regular_file_is_refused)
{
    char fifo[512];
    snprintf(fifo, sizeof fifo, "%s/fifo.db", unit_tmpdir());
    CHECK(mkfifo(fifo, 0600) == 0);
    struct log *log;
    struct pt_error err;
    CHECK(log_open(&log, fifo, LOG_READ, &err) == -1);
    CHECK(err.code == PT_EENV);
    CHECK_CONTAINS(err.msg, "not a regular file");
    CHECK(log_open(&log, "/dev/null", LOG_WRITE, &err) == -1);
    CHECK_CONTAINS(err.msg, "not a regular file");
}

TEST(a_link_planted_as_the_logs_shm_is_refused)
{
    const char *path = db_in_tmp();
    three_rows(path);
    char shm[600];
    snprintf(shm, sizeof shm, "%s-shm", path);
    unlink(shm);
    CHECK(symlink("/dev/null", shm) == 0);
    struct log *log;
    struct pt_error err;
    CHECK(log_open(&log, path, LOG_READ, &err) == -1);
    CHECK_CONTAINS(err.msg, "-shm is not a regular file");
    unlink(shm);
}

TEST(a_replaced_log_file_is_noticed)
{
    const char *path = db_in_tmp();
    three_rows(path);
    struct log *log = open_write(path);
    CHECK(!log_file_replaced(log));
    char other[600];
    snprintf(other, sizeof other, "%s.new", path);
    three_rows(other);
    CHECK(rename(other, path) == 0);
    CHECK(log_file_replaced(log));
    unlink(path);
    CHECK(log_file_replaced(log));
    log_close(log);
}

TEST(a_version_1_log_is_migrated_forward_keeping_every_row)
{
    const char *path = db_in_tmp();
    /* A log as plantrack's schema version 1 wrote it. */
    CHECK(sql_exec(path, V1_SCHEMA
                   "INSERT INTO observations (uuid, plan, target, date, value, "
                   "author, host, recorded_at) VALUES ('u1', 'p', 't', "
                   "'2025-01-01', 7, 'a', 'h', '2025-01-02T00:00:00Z');"
                   "PRAGMA user_version = 1;") == SQLITE_OK);
    struct log *log = open_write(path);
    CHECK(log != NULL);
    log_close(log);
    CHECK(sql_int(path, "PRAGMA user_version") == LOG_SCHEMA_VERSION);
    CHECK(sql_int(path, "SELECT count(*) FROM sqlite_master WHERE name = "
                        "'observations_by_target'") == 1);
    CHECK(sql_int(path, "SELECT n FROM target_counts WHERE target = 't'") == 1);
    CHECK(sql_int(path, "SELECT count(*) FROM sqlite_master WHERE name = "
                        "'observations_target'") == 0);
    CHECK(sql_int(path, "SELECT value FROM observations WHERE uuid = 'u1'") ==
          7);
}

TEST(status_reads_targets_with_index_seeks_only)
{
    const char *path = db_in_tmp();
    struct log *log = open_write(path);
    struct pt_error err;
    char target[16], date[11];
    for (int i = 0; i < 500; i++) {
        snprintf(target, sizeof target, "t%d", i % 10);
        snprintf(date, sizeof date, "2025-%02d-%02d", 1 + i % 12, 1 + i % 28);
        struct obs_input in = obs(target, date, i);
        log_append(log, &in, NULL, &err);
    }
    struct log_reader *r;
    CHECK(log_reader_open(log, "2025-12-31", &r, &err) == 0);
    struct target_obs to;
    for (int i = 0; i < 10; i++) {
        snprintf(target, sizeof target, "t%d", i);
        int total = 0;
        log_reader_total(r, "ordos", target, &total, &err);
        log_reader_target(r, "ordos", target, total, "2025-01-01", &to, &err);
        CHECK(to.n == 50 && to.has_latest && to.has_first);
    }
    char keys[256] = "";
    log_reader_counts(r, collect_key, keys, &err);
    CHECK_CONTAINS(keys, "ordos/t0=50;");
    int scans, sorts;
    log_reader_costs(r, &scans, &sorts);
    CHECK(scans == 0);
    CHECK(sorts == 0);
    log_reader_close(r);
    log_close(log);
}

TEST(counts_come_from_the_trigger_and_respect_the_as_of_date)
{
    const char *path = db_in_tmp();
    struct log *log = open_write(path);
    struct pt_error err;
    char first[37];
    const char *dates[] = {"2024-01-01", "2024-06-01", "2025-06-01"};
    for (int i = 0; i < 3; i++) {
        struct obs_input in = obs("a", dates[i], i);
        log_append(log, &in, i == 0 ? first : NULL, &err);
    }
    struct obs_input fix = obs("a", "2024-01-01", 7);
    fix.corrects = first;
    fix.note = "typo";
    log_append(log, &fix, NULL, &err);
    CHECK(sql_int(path, "SELECT n FROM target_counts WHERE target = 'a'") == 4);
    struct log_reader *r;
    char counts[256] = "";
    CHECK(log_reader_open(log, "2026-01-01", &r, &err) == 0);
    log_reader_counts(r, collect_key, counts, &err);
    log_reader_close(r);
    CHECK_STR(counts, "ordos/a=4;"); /* every row, as kept */
    /* all before as-of: 4 rows, one of them corrected */
    struct target_obs to = read_target(log, "2026-01-01", "a", "2000-01-01");
    CHECK(to.n == 3 && to.latest.value == 2);
    /* as of 2024-12-31 the 2025 observation does not count yet */
    to = read_target(log, "2024-12-31", "a", "2000-01-01");
    CHECK(to.n == 2 && to.latest.value == 1);
    CHECK_STR(to.latest.date, "2024-06-01");
    log_close(log);
}

TEST(a_reader_of_one_target_sees_it_as_the_reader_of_all_does)
{
    const char *path = db_in_tmp();
    struct log *log = open_write(path);
    struct pt_error err;
    char ids[3][37];
    const char *dates[] = {"2024-01-01", "2024-06-01", "2025-06-01"};
    for (int t = 0; t < 2; t++)
        for (int i = 0; i < 3; i++) {
            struct obs_input in = obs(t ? "b" : "a", dates[i], 10 * t + i);
            log_append(log, &in, t ? NULL : ids[i], &err);
        }
    /* the latest of a is corrected, and so is one of b's, as of 2024 */
    struct obs_input fix = obs("a", "2025-06-01", 9);
    fix.corrects = ids[2];
    fix.note = "typo";
    log_append(log, &fix, NULL, &err);
    struct target_obs all[2], one[2];
    const char *targets[] = {"a", "b"};
    for (int t = 0; t < 2; t++) {
        struct log_reader *r;
        int total = 0;
        CHECK(log_reader_open(log, "2026-01-01", &r, &err) == 0);
        log_reader_total(r, "ordos", targets[t], &total, &err);
        log_reader_target(r, "ordos", targets[t], total, "2000-01-01", &all[t],
                          &err);
        log_reader_close(r);
        CHECK(log_reader_open_target(log, "2026-01-01", "ordos", targets[t], &r,
                                     &err) == 0);
        log_reader_total(r, "ordos", targets[t], &total, &err);
        log_reader_target(r, "ordos", targets[t], total, "2000-01-01", &one[t],
                          &err);
        log_reader_close(r);
        CHECK(one[t].n == all[t].n);
        CHECK(one[t].latest.value == all[t].latest.value);
        CHECK(one[t].first.value == all[t].first.value);
    }
    CHECK(one[0].n == 3 && one[0].latest.value == 9); /* corrected: 2 → 9 */
    CHECK(one[1].n == 3 && one[1].latest.value == 12);
    log_close(log);
}

TEST(a_version_1_log_read_without_migrating_still_gives_counts)
{
    const char *path = db_in_tmp();
    CHECK(sql_exec(path, V1_SCHEMA
                   "INSERT INTO observations (uuid, plan, target, date, value, "
                   "author, host, recorded_at) VALUES ('u1', 'ordos', 't', "
                   "'2025-01-01', 7, 'a', 'h', '2025-01-02T00:00:00Z');"
                   "PRAGMA user_version = 1;") == SQLITE_OK);
    struct log *log;
    struct pt_error err;
    CHECK(log_open(&log, path, LOG_READ, &err) == 0);
    struct target_obs to = read_target(log, NULL, "t", "2000-01-01");
    CHECK(to.n == 1 && to.latest.value == 7);
    struct log_reader *r;
    char counts[256] = "";
    CHECK(log_reader_open(log, NULL, &r, &err) == 0);
    log_reader_counts(r, collect_key, counts, &err);
    log_reader_close(r);
    CHECK_STR(counts, "ordos/t=1;");
    log_close(log);
    CHECK(sql_int(path, "PRAGMA user_version") == 1); /* read, not changed */
}
