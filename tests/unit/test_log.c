/* The progress log: append-only, corrections as new rows, versioned, safe
 * with many connections, never built from input. */
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "plantrack/log.h"
#include "unit.h"

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

static struct log *open_write(const char *path)
{
    struct log *log = NULL;
    struct pt_error err;
    if (log_open(&log, path, LOG_WRITE, &err) < 0)
        printf("#   %s\n", err.msg);
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
    CHECK(sql_exec(path, "INSERT OR REPLACE INTO observations (seq, uuid, "
                         "plan, target, date, value, author, host, "
                         "recorded_at) VALUES (1, 'other', 'ordos', 't', "
                         "'2025-01-01', 99, 'x', 'x', 'x')") == SQLITE_OK);
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
    /* the same id again records nothing more */
    CHECK(log_append(log, &in, got, &err) == 0);
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

TEST(a_correction_must_name_an_observation_of_the_same_target)
{
    const char *path = db_in_tmp();
    struct log *log = open_write(path);
    struct pt_error err;
    char first[37];
    struct obs_input in = obs("t", "2025-01-01", 1);
    log_append(log, &in, first, &err);
    struct obs_input c = obs("other", "2025-01-01", 2);
    c.corrects = first;
    CHECK(log_append(log, &c, NULL, &err) == -1);
    CHECK_CONTAINS(err.msg, "belongs to another target");
    c.target = "t";
    c.corrects = "00000000-0000-4000-8000-000000000000";
    CHECK(log_append(log, &c, NULL, &err) == -1);
    CHECK_CONTAINS(err.msg, "no observation");
    log_close(log);
    CHECK(sql_int(path, "SELECT count(*) FROM observations") == 1);
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
    const char *path = db_in_tmp();
    struct log *log = open_write(path);
    struct pt_error err;
    struct obs_input a = obs("t", "2025-01-01", 9),
                     b = obs("t", "2025-01-01", 1);
    log_append(log, &a, NULL, &err);
    log_append(log, &b, NULL, &err);
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

TEST(merging_another_log_adds_only_what_is_new)
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
    size_t added = 0, skipped = 0;
    CHECK(log_merge(la, b, &added, &skipped, &err) == 0);
    CHECK(added == 1 && skipped == 0);
    CHECK(log_merge(la, b, &added, &skipped, &err) == 0);
    CHECK(added == 0 && skipped == 1);
    log_close(la);
    CHECK(sql_int(a, "SELECT count(*) FROM observations") == 2);
}

/* The observations table and index as plantrack's schema version 1 made
 * them. */
#define V1_SCHEMA                                                              \
    "CREATE TABLE observations (seq INTEGER PRIMARY KEY, uuid TEXT NOT NULL "  \
    "UNIQUE, plan TEXT NOT NULL, target TEXT NOT NULL, date TEXT NOT NULL, "   \
    "value REAL, state TEXT, unit TEXT NOT NULL DEFAULT '', source TEXT NOT "  \
    "NULL DEFAULT '', note TEXT NOT NULL DEFAULT '', author TEXT NOT NULL, "   \
    "host TEXT NOT NULL, recorded_at TEXT NOT NULL, corrects TEXT);"           \
    "CREATE INDEX observations_target ON observations (plan, target, date);"

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
