/* The progress log: SQLite, WAL, append-only by trigger, versioned by
 * PRAGMA user_version. Every statement binds its parameters. */
#include "plantrack/log.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "plantrack/i18n.h"

struct log {
    sqlite3 *db;
    char *path;
    bool placeholder;     /* LOG_READ of a log that does not exist yet */
    sqlite3_stmt *insert; /* log_append */
    sqlite3_stmt *import; /* log_import_row */
};

/* Version 1: the observations table, its indexes, the append-only
 * triggers and a view of the current (uncorrected) observations. */
static const char SCHEMA_V1[] =
    "CREATE TABLE observations (\n"
    "  seq INTEGER PRIMARY KEY,\n"
    "  uuid TEXT NOT NULL UNIQUE,\n"
    "  plan TEXT NOT NULL,\n"
    "  target TEXT NOT NULL,\n"
    "  date TEXT NOT NULL CHECK (date GLOB "
    "'[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),\n"
    "  value REAL,\n"
    "  state TEXT CHECK (state IN ('not-started', 'in-progress', 'done')),\n"
    "  unit TEXT NOT NULL DEFAULT '',\n"
    "  source TEXT NOT NULL DEFAULT '',\n"
    "  note TEXT NOT NULL DEFAULT '',\n"
    "  author TEXT NOT NULL,\n"
    "  host TEXT NOT NULL,\n"
    "  recorded_at TEXT NOT NULL,\n"
    "  corrects TEXT,\n"
    "  CHECK ((value IS NULL) <> (state IS NULL))\n"
    ");\n"
    "CREATE INDEX observations_target ON observations (plan, target, date);\n"
    "CREATE INDEX observations_corrects ON observations (corrects)\n"
    "  WHERE corrects IS NOT NULL;\n"
    "CREATE TRIGGER observations_no_update BEFORE UPDATE ON observations\n"
    "BEGIN SELECT RAISE(ABORT, 'observations are append-only: record a "
    "correction instead'); END;\n"
    "CREATE TRIGGER observations_no_delete BEFORE DELETE ON observations\n"
    "BEGIN SELECT RAISE(ABORT, 'observations are append-only: record a "
    "correction instead'); END;\n"
    "CREATE VIEW current_observations AS\n"
    "  SELECT * FROM observations o WHERE NOT EXISTS\n"
    "  (SELECT 1 FROM observations c WHERE c.corrects = o.uuid);\n";

/* migrations[v] brings a log from version v to v + 1. */
static const char *const MIGRATIONS[] = {SCHEMA_V1};

static const char COLUMNS[] =
    "seq, uuid, plan, target, date, value, state, unit, source, note, "
    "author, host, recorded_at, coalesce(corrects, ''), "
    "EXISTS (SELECT 1 FROM observations c WHERE c.corrects = o.uuid)";

char *log_default_path(void)
{
    const char *env = getenv("PLANTRACK_DB");
    char *path = NULL;
    if (env && *env)
        return strdup(env);
    const char *xdg = getenv("XDG_DATA_HOME");
    if (xdg && *xdg == '/') {
        if (asprintf(&path, "%s/plantrack/progress.db", xdg) < 0)
            return NULL;
        return path;
    }
    const char *home = getenv("HOME");
    if (!home || !*home) {
        struct passwd *pw = getpwuid(geteuid());
        home = pw ? pw->pw_dir : "/tmp";
    }
    if (asprintf(&path, "%s/.local/share/plantrack/progress.db", home) < 0)
        return NULL;
    return path;
}

const char *log_author(void)
{
    static char name[64];
    if (!name[0]) {
        struct passwd *pw = getpwuid(geteuid());
        if (pw && pw->pw_name)
            snprintf(name, sizeof name, "%s", pw->pw_name);
        else
            snprintf(name, sizeof name, "uid%ld", (long)geteuid());
    }
    return name;
}

static const char *host_name(void)
{
    static char host[256];
    if (!host[0] && gethostname(host, sizeof host - 1) < 0)
        snprintf(host, sizeof host, "unknown");
    return host;
}

static void new_uuid(char out[37])
{
    unsigned char b[16];
    size_t got = 0;
    while (got < sizeof b) {
        ssize_t r = getrandom(b + got, sizeof b - got, 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    b[6] = (unsigned char)((b[6] & 0x0F) | 0x40); /* version 4 */
    b[8] = (unsigned char)((b[8] & 0x3F) | 0x80); /* RFC 4122 variant */
    snprintf(out, 37,
             "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
             "%02x%02x%02x%02x%02x%02x",
             b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10],
             b[11], b[12], b[13], b[14], b[15]);
}

/* A message for a failed SQLite call that says what to do about it. */
static int sql_fail(struct log *log, struct pt_error *err, int rc,
                    const char *doing)
{
    const char *path = log->path;
    switch (rc & 0xFF) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return pt_fail(err, PT_EENV,
                       _("%s: the log is busy (another session has held it "
                         "for %d s); nothing was written, try again"),
                       path, LOG_BUSY_TIMEOUT_MS / 1000);
    case SQLITE_READONLY:
        return pt_fail(err, PT_EENV,
                       _("%s: the log is read-only (check the file's "
                         "permissions and the file system); nothing was "
                         "written"),
                       path);
    case SQLITE_FULL:
        return pt_fail(err, PT_EENV,
                       _("%s: the disk is full; nothing was written"), path);
    case SQLITE_NOTADB:
        return pt_fail(err, PT_EENV,
                       _("%s is not a plantrack log (not a "
                         "SQLite database)"),
                       path);
    case SQLITE_CORRUPT:
        return pt_fail(err, PT_EENV,
                       _("%s: the log is damaged (%s); keep a copy and run "
                         "sqlite3 '.recover'"),
                       path, sqlite3_errmsg(log->db));
    case SQLITE_CANTOPEN:
        return pt_fail(err, PT_EENV, _("%s: cannot open the log (%s)"), path,
                       strerror(errno ? errno : EACCES));
    default:
        return pt_fail(err, PT_EENV, _("%s: %s: %s"), path, doing,
                       sqlite3_errmsg(log->db));
    }
}

static int exec(struct log *log, const char *sql, struct pt_error *err,
                const char *doing)
{
    int rc = sqlite3_exec(log->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? 0 : sql_fail(log, err, rc, doing);
}

static int pragma_int(struct log *log, const char *sql, int *out,
                      struct pt_error *err)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(log->db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            *out = sqlite3_column_int(st, 0);
            rc = SQLITE_OK;
        }
        sqlite3_finalize(st);
    }
    return rc == SQLITE_OK ? 0 : sql_fail(log, err, rc, "reading the schema");
}

/* Bring the schema up to date inside one write transaction, so two
 * sessions creating the log at once cannot both run the migrations. */
static int migrate(struct log *log, struct pt_error *err)
{
    int version;
    if (pragma_int(log, "PRAGMA user_version", &version, err) < 0)
        return -1;
    if (version == LOG_SCHEMA_VERSION)
        return 0;
    if (version > LOG_SCHEMA_VERSION)
        return pt_fail(err, PT_EENV,
                       _("%s: the log is from a newer plantrack (schema %d > "
                         "%d): upgrade plantrack"),
                       log->path, version, LOG_SCHEMA_VERSION);
    if (exec(log, "BEGIN IMMEDIATE", err, "starting the schema update") < 0)
        return -1;
    if (pragma_int(log, "PRAGMA user_version", &version, err) < 0)
        goto fail;
    if (version == 0) {
        int tables;
        if (pragma_int(log,
                       "SELECT count(*) FROM sqlite_master WHERE type = "
                       "'table'",
                       &tables, err) < 0)
            goto fail;
        if (tables > 0) {
            pt_fail(err, PT_EENV,
                    _("%s: this SQLite database is not a plantrack log"),
                    log->path);
            goto fail;
        }
    }
    for (int v = version; v < LOG_SCHEMA_VERSION; v++) {
        if (exec(log, MIGRATIONS[v], err, "updating the schema") < 0)
            goto fail;
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v + 1);
        if (exec(log, sql, err, "updating the schema") < 0)
            goto fail;
    }
    return exec(log, "COMMIT", err, "committing the schema");
fail:
    sqlite3_exec(log->db, "ROLLBACK", NULL, NULL, NULL);
    return -1;
}

/* Create the file with the permissions a shared log needs: group
 * read-write when its directory is shared (setgid or group-writable),
 * owner-only otherwise; the umask is not consulted on purpose. */
static int create_file(const char *path, struct pt_error *err)
{
    char *dir = strdup(path);
    if (!dir)
        return pt_fail(err, PT_EENV, "out of memory");
    char *slash = strrchr(dir, '/');
    if (slash)
        *(slash == dir ? slash + 1 : slash) = '\0';
    else
        strcpy(dir, ".");
    struct stat st;
    int found = stat(dir, &st);
    if (found < 0 || !S_ISDIR(st.st_mode)) {
        int e = found < 0 ? errno : ENOTDIR;
        pt_fail(err, PT_EENV,
                _("%s: the directory %s does not exist (%s): create it, or "
                  "give another --db"),
                path, dir, strerror(e));
        free(dir);
        return -1;
    }
    mode_t mode = (st.st_mode & (S_ISGID | S_IWGRP)) ? 0660 : 0600;
    free(dir);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0 && errno == EEXIST)
        return 0;
    if (fd < 0)
        return pt_fail(err, PT_EENV, _("%s: cannot create the log: %s"), path,
                       strerror(errno));
    fchmod(fd, mode);
    close(fd);
    return 0;
}

int log_ensure_dir(const char *path, struct pt_error *err);

int log_ensure_dir(const char *path, struct pt_error *err)
{
    char buf[PATH_MAX];
    if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf)
        return pt_fail(err, PT_EENV, _("%s: path too long"), path);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0700) < 0 && errno != EEXIST)
            return pt_fail(err, PT_EENV, _("cannot create %s: %s"), buf,
                           strerror(errno));
        *p = '/';
    }
    return 0;
}

static int open_db(struct log *log, const char *path, int flags,
                   struct pt_error *err)
{
    errno = 0;
    int rc = sqlite3_open_v2(path, &log->db, flags | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK)
        return sql_fail(log, err, rc, "opening");
    sqlite3_busy_timeout(log->db, LOG_BUSY_TIMEOUT_MS);
    sqlite3_extended_result_codes(log->db, 0);
    return 0;
}

int log_open(struct log **out, const char *path, enum log_mode mode,
             struct pt_error *err)
{
    struct log *log = calloc(1, sizeof *log);
    *out = NULL;
    if (!log || !(log->path = strdup(path))) {
        free(log);
        return pt_fail(err, PT_EENV, "out of memory");
    }
    struct stat st;
    bool exists = stat(path, &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) {
        pt_fail(err, PT_EENV, _("%s is a directory, not a log file"), path);
        goto fail;
    }
    if (mode == LOG_READ && !exists) {
        /* Browsing before anything was recorded: an empty log in memory. */
        log->placeholder = true;
        if (open_db(log, ":memory:", SQLITE_OPEN_READWRITE, err) < 0 ||
            migrate(log, err) < 0)
            goto fail;
        *out = log;
        return 0;
    }
    if (mode == LOG_WRITE && !exists && create_file(path, err) < 0)
        goto fail;
    if (open_db(log, path,
                mode == LOG_READ ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE,
                err) < 0)
        goto fail;
    if (mode == LOG_WRITE && sqlite3_db_readonly(log->db, "main") == 1) {
        pt_fail(err, PT_EENV,
                _("%s: the log is not writable by %s (check its owner, "
                  "group and mode)"),
                path, log_author());
        goto fail;
    }
    if (mode == LOG_WRITE) {
        /* WAL lets readers go on while one session writes; FULL sync so a
         * power cut cannot take back an acknowledged observation. */
        if (exec(log, "PRAGMA journal_mode = WAL", err, "enabling WAL") < 0 ||
            exec(log, "PRAGMA synchronous = FULL", err, "setting sync") < 0 ||
            migrate(log, err) < 0)
            goto fail;
    } else {
        int version;
        if (pragma_int(log, "PRAGMA user_version", &version, err) < 0)
            goto fail;
        if (version > LOG_SCHEMA_VERSION) {
            pt_fail(err, PT_EENV,
                    _("%s: the log is from a newer plantrack (schema %d > "
                      "%d): upgrade plantrack"),
                    path, version, LOG_SCHEMA_VERSION);
            goto fail;
        }
        if (version == 0) {
            /* An empty file: nothing recorded yet. */
            sqlite3_close(log->db);
            log->db = NULL;
            log->placeholder = true;
            if (open_db(log, ":memory:", SQLITE_OPEN_READWRITE, err) < 0 ||
                migrate(log, err) < 0)
                goto fail;
        }
    }
    *out = log;
    return 0;
fail:
    log_close(log);
    return -1;
}

int log_open_placeholder(struct log **out, const char *shown_path,
                         struct pt_error *err)
{
    struct log *log = calloc(1, sizeof *log);
    *out = NULL;
    if (!log || !(log->path = strdup(shown_path))) {
        free(log);
        return pt_fail(err, PT_EENV, "out of memory");
    }
    log->placeholder = true;
    if (open_db(log, ":memory:", SQLITE_OPEN_READWRITE, err) < 0 ||
        migrate(log, err) < 0) {
        log_close(log);
        return -1;
    }
    *out = log;
    return 0;
}

void log_close(struct log *log)
{
    if (!log)
        return;
    sqlite3_finalize(log->insert);
    sqlite3_finalize(log->import);
    sqlite3_close(log->db);
    free(log->path);
    free(log);
}

const char *log_path(const struct log *log)
{
    return log->path;
}
bool log_is_empty_placeholder(const struct log *log)
{
    return log->placeholder;
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
    sqlite3_bind_text(st, i, s ? s : "", -1, SQLITE_TRANSIENT);
}

static char *dup_col(sqlite3_stmt *st, int i)
{
    const unsigned char *s = sqlite3_column_text(st, i);
    return strdup(s ? (const char *)s : "");
}

static void copy_col(sqlite3_stmt *st, int i, char *dst, size_t cap)
{
    const unsigned char *s = sqlite3_column_text(st, i);
    snprintf(dst, cap, "%s", s ? (const char *)s : "");
}

static void read_obs(sqlite3_stmt *st, struct obs *o)
{
    memset(o, 0, sizeof *o);
    o->seq = sqlite3_column_int64(st, 0);
    copy_col(st, 1, o->uuid, sizeof o->uuid);
    o->plan = dup_col(st, 2);
    o->target = dup_col(st, 3);
    copy_col(st, 4, o->date, sizeof o->date);
    o->has_value = sqlite3_column_type(st, 5) != SQLITE_NULL;
    o->value = sqlite3_column_double(st, 5);
    o->state = dup_col(st, 6);
    o->unit = dup_col(st, 7);
    o->source = dup_col(st, 8);
    o->note = dup_col(st, 9);
    o->author = dup_col(st, 10);
    o->host = dup_col(st, 11);
    copy_col(st, 12, o->recorded_at, sizeof o->recorded_at);
    o->corrects = dup_col(st, 13);
    o->superseded = sqlite3_column_int(st, 14) != 0;
}

void obs_clear(struct obs *o)
{
    free(o->plan);
    free(o->target);
    free(o->state);
    free(o->unit);
    free(o->source);
    free(o->note);
    free(o->author);
    free(o->host);
    free(o->corrects);
    memset(o, 0, sizeof *o);
}

void obs_list_free(struct obs *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        obs_clear(&v[i]);
    free(v);
}

/* Append and import write the same columns; only the INSERT differs. */
#define INSERT_INTO                                                            \
    " INTO observations (uuid, plan, target, date, value, state, unit, "       \
    "source, note, author, host, recorded_at, corrects) VALUES (?1, ?2, ?3, "  \
    "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"

static void bind_row(sqlite3_stmt *st, const char *uuid,
                     const struct obs_input *in, const char *author,
                     const char *host, const char *recorded_at)
{
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    bind_text(st, 1, uuid);
    bind_text(st, 2, in->plan);
    bind_text(st, 3, in->target);
    bind_text(st, 4, in->date);
    if (in->has_value)
        sqlite3_bind_double(st, 5, in->value);
    else
        bind_text(st, 6, in->state);
    bind_text(st, 7, in->unit);
    bind_text(st, 8, in->source);
    bind_text(st, 9, in->note);
    bind_text(st, 10, author);
    bind_text(st, 11, host);
    bind_text(st, 12, recorded_at);
    if (in->corrects && *in->corrects)
        bind_text(st, 13, in->corrects);
}

/* UTC now, ISO 8601 with milliseconds: 2025-06-30T08:15:02.123Z. */
static void utc_now(char buf[32])
{
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    size_t n = strftime(buf, 32, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(buf + n, 32 - n, ".%03ldZ", ts.tv_nsec / 1000000);
}

int log_get(struct log *log, const char *uuid, struct obs *out,
            struct pt_error *err)
{
    char sql[512];
    sqlite3_stmt *st;
    if (strlen(uuid) < 8)
        return pt_fail(err, PT_EUSER,
                       _("'%s': give at least 8 characters of the "
                         "observation id"),
                       uuid);
    snprintf(sql, sizeof sql,
             "SELECT %s FROM observations o WHERE uuid >= ?1 AND uuid < ?1 "
             "|| 'g' ORDER BY uuid LIMIT 2",
             COLUMNS);
    int rc = sqlite3_prepare_v2(log->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return sql_fail(log, err, rc, "finding an observation");
    bind_text(st, 1, uuid);
    int found = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (found++ == 0)
            read_obs(st, out);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        if (found)
            obs_clear(out);
        return sql_fail(log, err, rc, "finding an observation");
    }
    if (found == 0)
        return pt_fail(err, PT_EUSER, _("no observation '%s' in the log"),
                       uuid);
    if (found > 1) {
        obs_clear(out);
        return pt_fail(err, PT_EUSER,
                       _("'%s' matches several observations: give more of "
                         "its id"),
                       uuid);
    }
    return 0;
}

int log_append(struct log *log, const struct obs_input *in, char *uuid_out,
               struct pt_error *err)
{
    if (log->placeholder)
        return pt_fail(err, PT_EENV, _("%s: the log was opened read-only"),
                       log->path);
    if (!log->insert) {
        int rc =
            sqlite3_prepare_v3(log->db, "INSERT" INSERT_INTO, -1,
                               SQLITE_PREPARE_PERSISTENT, &log->insert, NULL);
        if (rc != SQLITE_OK)
            return sql_fail(log, err, rc, "preparing to record");
    }
    if (exec(log, "BEGIN IMMEDIATE", err, "starting to record") < 0)
        return -1;
    if (in->corrects && *in->corrects) {
        struct obs old;
        if (log_get(log, in->corrects, &old, err) < 0)
            goto fail;
        bool same = strcmp(old.plan, in->plan) == 0 &&
                    strcmp(old.target, in->target) == 0;
        obs_clear(&old);
        if (!same) {
            pt_fail(err, PT_EUSER,
                    _("observation %s belongs to another target"),
                    in->corrects);
            goto fail;
        }
    }
    char uuid[37], now[32];
    new_uuid(uuid);
    utc_now(now);
    sqlite3_stmt *st = log->insert;
    bind_row(st, uuid, in, log_author(), host_name(), now);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        sql_fail(log, err, rc, "recording");
        goto fail;
    }
    if (exec(log, "COMMIT", err, "committing") < 0)
        goto fail;
    if (uuid_out)
        memcpy(uuid_out, uuid, 37);
    return 0;
fail:
    sqlite3_exec(log->db, "ROLLBACK", NULL, NULL, NULL);
    return -1;
}

int log_scan_current(struct log *log, const char *as_of,
                     int (*fn)(void *ctx, const struct obs_row *row), void *ctx,
                     struct pt_error *err)
{
    sqlite3_stmt *st;
    /* Corrections are rare: the partial index on corrects makes the
     * NOT EXISTS a probe of a tiny tree. */
    int rc = sqlite3_prepare_v2(
        log->db,
        "SELECT seq, plan, target, date, value, state FROM observations o "
        "WHERE date <= ?1 AND NOT EXISTS "
        "(SELECT 1 FROM observations c WHERE c.corrects = o.uuid)",
        -1, &st, NULL);
    if (rc != SQLITE_OK)
        return sql_fail(log, err, rc, "reading the log");
    bind_text(st, 1, as_of ? as_of : "9999-12-31");
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct obs_row row = {
            .seq = sqlite3_column_int64(st, 0),
            .plan = (const char *)sqlite3_column_text(st, 1),
            .plan_len = (size_t)sqlite3_column_bytes(st, 1),
            .target = (const char *)sqlite3_column_text(st, 2),
            .target_len = (size_t)sqlite3_column_bytes(st, 2),
            .date = (const char *)sqlite3_column_text(st, 3),
            .has_value = sqlite3_column_type(st, 4) != SQLITE_NULL,
            .value = sqlite3_column_double(st, 4),
            .state = (const char *)sqlite3_column_text(st, 5),
        };
        if (!row.state)
            row.state = "";
        if (fn(ctx, &row))
            break;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sql_fail(log, err, rc, "reading the log");
    return 0;
}

int log_history(struct log *log, const char *plan, const char *target,
                struct obs **out, size_t *n, struct pt_error *err)
{
    char sql[768];
    sqlite3_stmt *st;
    *out = NULL;
    *n = 0;
    snprintf(sql, sizeof sql,
             "SELECT %s FROM observations o WHERE (?1 IS NULL OR plan = ?1) "
             "AND (?2 IS NULL OR target = ?2) "
             "ORDER BY date DESC, seq DESC",
             COLUMNS);
    int rc = sqlite3_prepare_v2(log->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return sql_fail(log, err, rc, "reading the history");
    if (plan)
        bind_text(st, 1, plan);
    if (target)
        bind_text(st, 2, target);
    size_t cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            struct obs *v = realloc(*out, cap * sizeof *v);
            if (!v) {
                rc = SQLITE_NOMEM;
                break;
            }
            *out = v;
        }
        read_obs(st, &(*out)[(*n)++]);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        obs_list_free(*out, *n);
        *out = NULL;
        *n = 0;
        return sql_fail(log, err, rc, "reading the history");
    }
    return 0;
}

int log_each(struct log *log, int (*fn)(void *ctx, const struct obs *o),
             void *ctx, struct pt_error *err)
{
    char sql[512];
    sqlite3_stmt *st;
    snprintf(sql, sizeof sql, "SELECT %s FROM observations o ORDER BY seq",
             COLUMNS);
    int rc = sqlite3_prepare_v2(log->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return sql_fail(log, err, rc, "reading the log");
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct obs o;
        read_obs(st, &o);
        int stop = fn(ctx, &o);
        obs_clear(&o);
        if (stop)
            break;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sql_fail(log, err, rc, "reading the log");
    return 0;
}

int log_begin(struct log *log, struct pt_error *err)
{
    if (log->placeholder)
        return pt_fail(err, PT_EENV, _("%s: the log was opened read-only"),
                       log->path);
    /* A bulk import touches index pages all over the uuid index: a larger
     * page cache for this connection keeps them in memory. */
    exec(log, "PRAGMA cache_size = -65536", NULL, "sizing the cache");
    return exec(log, "BEGIN IMMEDIATE", err, "starting the import");
}

int log_commit(struct log *log, struct pt_error *err)
{
    return exec(log, "COMMIT", err, "committing the import");
}

void log_rollback(struct log *log)
{
    sqlite3_exec(log->db, "ROLLBACK", NULL, NULL, NULL);
}

int log_import_row(struct log *log, const struct obs *o, bool *added,
                   struct pt_error *err)
{
    if (!log->import) {
        int rc =
            sqlite3_prepare_v3(log->db, "INSERT OR IGNORE" INSERT_INTO, -1,
                               SQLITE_PREPARE_PERSISTENT, &log->import, NULL);
        if (rc != SQLITE_OK)
            return sql_fail(log, err, rc, "importing");
    }
    struct obs_input in = {
        .plan = o->plan,
        .target = o->target,
        .date = o->date,
        .has_value = o->has_value,
        .value = o->value,
        .state = o->state,
        .unit = o->unit,
        .source = o->source,
        .note = o->note,
        .corrects = o->corrects,
    };
    sqlite3_stmt *st = log->import;
    bind_row(st, o->uuid, &in, o->author, o->host, o->recorded_at);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return sql_fail(log, err, rc, "importing");
    if (added)
        *added = sqlite3_changes(log->db) > 0;
    return 0;
}

int log_merge(struct log *log, const char *other_path, size_t *added,
              size_t *skipped, struct pt_error *err)
{
    struct log *other;
    char sql[512];
    sqlite3_stmt *st = NULL;
    *added = *skipped = 0;
    if (log_open(&other, other_path, LOG_READ, err) < 0)
        return -1;
    if (log_is_empty_placeholder(other)) {
        log_close(other);
        return pt_fail(err, PT_EUSER, _("%s: no such log, or it is empty"),
                       other_path);
    }
    if (log_begin(log, err) < 0) {
        log_close(other);
        return -1;
    }
    snprintf(sql, sizeof sql, "SELECT %s FROM observations o ORDER BY seq",
             COLUMNS);
    int rc = sqlite3_prepare_v2(other->db, sql, -1, &st, NULL);
    bool failed = false;
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct obs o;
        bool was_added;
        read_obs(st, &o);
        int r = log_import_row(log, &o, &was_added, err);
        obs_clear(&o);
        if (r < 0) {
            failed = true;
            break;
        }
        *added += was_added;
        *skipped += !was_added;
        rc = SQLITE_OK;
    }
    if (!failed && rc != SQLITE_DONE) {
        sql_fail(other, err, rc, "reading the other log");
        failed = true;
    }
    sqlite3_finalize(st);
    log_close(other);
    if (failed || log_commit(log, err) < 0) {
        log_rollback(log);
        return -1;
    }
    return 0;
}

int log_data_version(struct log *log, int64_t *out)
{
    int v;
    if (pragma_int(log, "PRAGMA data_version", &v, NULL) < 0)
        return -1;
    *out = v;
    return 0;
}
