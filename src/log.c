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
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "plantrack/i18n.h"

struct log {
    sqlite3 *db;
    char *path;
    int version;          /* of the schema; a read-only log may be older */
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

/* Version 2: the index by target covers everything status reads, in the
 * order it wants it (date, then record order), so each target costs a few
 * seeks and no table row is fetched. */
static const char SCHEMA_V2[] =
    "DROP INDEX observations_target;\n"
    "CREATE INDEX observations_by_target ON observations\n"
    "  (plan, target, date, seq, value, state);\n"
    /* How many observations each target has and the newest date: derived,
     * kept by a trigger, so status need not count a million rows. */
    "CREATE TABLE target_counts (plan TEXT NOT NULL, target TEXT NOT NULL,\n"
    "  n INTEGER NOT NULL, last_date TEXT NOT NULL,\n"
    "  PRIMARY KEY (plan, target)) WITHOUT ROWID;\n"
    "INSERT INTO target_counts SELECT plan, target, count(*), max(date)\n"
    "  FROM observations GROUP BY plan, target;\n"
    "CREATE TRIGGER observations_count AFTER INSERT ON observations\n"
    "BEGIN INSERT INTO target_counts VALUES (new.plan, new.target, 1, "
    "new.date)\n"
    "  ON CONFLICT (plan, target) DO UPDATE SET n = n + 1,\n"
    "  last_date = max(last_date, excluded.last_date); END;\n";

/* Version 3: INSERT OR REPLACE deletes the row it replaces without firing
 * the DELETE trigger; an insert that would replace is ignored instead
 * (which keeps INSERT OR IGNORE, the import, as it was). */
static const char SCHEMA_V3[] =
    "CREATE TRIGGER observations_no_replace BEFORE INSERT ON observations\n"
    "WHEN EXISTS (SELECT 1 FROM observations WHERE uuid = NEW.uuid)\n"
    "  OR EXISTS (SELECT 1 FROM observations WHERE seq = NEW.seq)\n"
    "BEGIN SELECT RAISE(IGNORE); END;\n";

/* migrations[v] brings a log from version v to v + 1. */
static const char *const MIGRATIONS[] = {SCHEMA_V1, SCHEMA_V2, SCHEMA_V3};

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

void log_new_uuid(char out[37])
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
    /* Behind an I/O error, the system's own reason says what to do. */
    int os = log->db ? sqlite3_system_errno(log->db) : 0;
    int code = rc & 0xFF;
    if (code == SQLITE_IOERR || code == SQLITE_CANTOPEN ||
        code == SQLITE_READONLY || code == SQLITE_FULL) {
        if (os == ENOSPC || os == EDQUOT || code == SQLITE_FULL)
            return pt_fail(err, PT_EENV,
                           _("%s: the disk is full; nothing was written"),
                           path);
        if (os == EROFS)
            return pt_fail(err, PT_EENV,
                           _("%s: the file system is read-only; nothing was "
                             "written"),
                           path);
    }
    switch (code) {
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
    log->version = version;
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
    if (exec(log, "COMMIT", err, "committing the schema") < 0)
        return -1;
    log->version = LOG_SCHEMA_VERSION;
    return 0;
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

/* Whether path (or its directory, when it does not exist) is on a
 * read-only file system. */
static bool on_read_only_fs(const char *path)
{
    struct statvfs vfs;
    return statvfs(path, &vfs) == 0 && (vfs.f_flag & ST_RDONLY);
}

/* Switching a new log to WAL needs the database to itself; SQLite answers
 * SQLITE_BUSY at once rather than calling the busy handler, so sessions
 * creating the log together wait here, up to the busy timeout. */
static int enable_wal(struct log *log, struct pt_error *err)
{
    struct timespec start, now, pause = {0, 10 * 1000000L};
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
        int rc = sqlite3_exec(log->db, "PRAGMA journal_mode = WAL", NULL, NULL,
                              NULL);
        if (rc == SQLITE_OK)
            return 0;
        clock_gettime(CLOCK_MONOTONIC, &now);
        long ms = (now.tv_sec - start.tv_sec) * 1000 +
                  (now.tv_nsec - start.tv_nsec) / 1000000;
        if ((rc & 0xFF) != SQLITE_BUSY || ms >= LOG_BUSY_TIMEOUT_MS)
            return sql_fail(log, err, rc, "enabling WAL");
        nanosleep(&pause, NULL);
    }
}

/* A WAL log that cannot be read the usual way (its -shm cannot be made:
 * read-only media, a directory the user may not write) is read as an
 * immutable file. Safe there, as nothing can write it meanwhile. */
static int reopen_immutable(struct log *log, const char *path,
                            struct pt_error *err)
{
    char *uri = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&uri, &len);
    if (!f)
        return pt_fail(err, PT_EENV, "out of memory");
    fputs("file:", f);
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (*p == '%' || *p == '?' || *p == '#' || *p <= ' ' || *p >= 0x7F)
            fprintf(f, "%%%02X", *p);
        else
            fputc(*p, f);
    }
    fputs("?immutable=1", f);
    fclose(f);
    sqlite3_close(log->db);
    log->db = NULL;
    int rc = open_db(log, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, err);
    free(uri);
    return rc;
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
        if (on_read_only_fs(path))
            pt_fail(err, PT_EENV,
                    _("%s: the log is not writable: the file system is "
                      "read-only"),
                    path);
        else
            pt_fail(err, PT_EENV,
                    _("%s: the log is not writable by %s (check its owner, "
                      "group and mode)"),
                    path, log_author());
        goto fail;
    }
    if (mode == LOG_WRITE) {
        /* WAL lets readers go on while one session writes; FULL sync so a
         * power cut cannot take back an acknowledged observation. */
        if (enable_wal(log, err) < 0 ||
            exec(log, "PRAGMA synchronous = FULL", err, "setting sync") < 0 ||
            migrate(log, err) < 0)
            goto fail;
    } else {
        int version;
        if (pragma_int(log, "PRAGMA user_version", &version, NULL) < 0 &&
            reopen_immutable(log, path, err) < 0)
            goto fail;
        if (pragma_int(log, "PRAGMA user_version", &version, err) < 0)
            goto fail;
        log->version = version;
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
    if (in->uuid && *in->uuid)
        snprintf(uuid, sizeof uuid, "%s", in->uuid);
    else
        log_new_uuid(uuid);
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

/* ---- reading targets ---- */

/* A corrected observation: known by its record number (to skip it when
 * stepping through a target's rows) and by its target and date (to take it
 * out of the target's count). Corrections are rare. */
struct corrected {
    char *plan, *target;
    char date[11];
    int64_t seq;
};

struct log_reader {
    struct log *log;
    char as_of[11];
    sqlite3_stmt *latest, *first, *counts, *total;
    struct corrected *fixed; /* sorted by plan, target */
    size_t n_fixed;
    unsigned char *fixed_bits; /* by seq */
    int64_t max_seq;
    bool snapshot; /* the reader's own read transaction is open */
};

static int cmp_corrected(const void *a, const void *b)
{
    const struct corrected *x = a, *y = b;
    int c = strcmp(x->plan, y->plan);
    return c ? c : strcmp(x->target, y->target);
}

static bool is_corrected(const struct log_reader *r, int64_t seq)
{
    return r->fixed_bits && seq >= 0 && seq <= r->max_seq &&
           (r->fixed_bits[seq >> 3] & (1u << (seq & 7)));
}

/* The corrected observations: of every target, or of one (plan, target)
 * when given, which a seek or two finds, where every target's means a join
 * over all the log's corrections. */
static int load_corrected(struct log_reader *r, const char *plan,
                          const char *target, struct pt_error *err)
{
    sqlite3_stmt *st;
    size_t cap = 0;
    int rc = sqlite3_prepare_v2(
        r->log->db,
        plan ? "SELECT o.seq, o.plan, o.target, o.date, "
               "(SELECT max(seq) FROM observations) FROM observations o "
               "JOIN observations c ON c.corrects = o.uuid "
               "WHERE o.plan = ?1 AND o.target = ?2"
             : "SELECT o.seq, o.plan, o.target, o.date, "
               "(SELECT max(seq) FROM observations) FROM observations c "
               "JOIN observations o ON o.uuid = c.corrects "
               "WHERE c.corrects IS NOT NULL",
        -1, &st, NULL);
    if (rc != SQLITE_OK)
        return sql_fail(r->log, err, rc, "reading the corrections");
    if (plan) {
        sqlite3_bind_text(st, 1, plan, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, target, -1, SQLITE_STATIC);
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (!r->fixed_bits) {
            r->max_seq = sqlite3_column_int64(st, 4);
            r->fixed_bits = calloc((size_t)(r->max_seq >> 3) + 1, 1);
        }
        if (r->n_fixed == cap) {
            cap = cap ? cap * 2 : 64;
            struct corrected *v = realloc(r->fixed, cap * sizeof *v);
            if (!v || !r->fixed_bits) {
                free(v);
                rc = SQLITE_NOMEM;
                break;
            }
            r->fixed = v;
        }
        struct corrected *c = &r->fixed[r->n_fixed++];
        c->seq = sqlite3_column_int64(st, 0);
        c->plan = dup_col(st, 1);
        c->target = dup_col(st, 2);
        copy_col(st, 3, c->date, sizeof c->date);
        if (c->seq >= 0 && c->seq <= r->max_seq)
            r->fixed_bits[c->seq >> 3] |= (unsigned char)(1u << (c->seq & 7));
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return sql_fail(r->log, err, rc, "reading the corrections");
    if (r->n_fixed)
        qsort(r->fixed, r->n_fixed, sizeof *r->fixed, cmp_corrected);
    return 0;
}

void log_reader_costs(const struct log_reader *r, int *fullscan_steps,
                      int *sorts)
{
    /* The counting pass walks the index once by design; the per-target
     * statements must only seek. */
    sqlite3_stmt *seeks[] = {r->latest, r->first, r->total};
    *fullscan_steps = 0;
    for (size_t i = 0; i < sizeof seeks / sizeof *seeks; i++)
        *fullscan_steps +=
            sqlite3_stmt_status(seeks[i], SQLITE_STMTSTATUS_FULLSCAN_STEP, 0);
    *sorts = sqlite3_stmt_status(r->counts, SQLITE_STMTSTATUS_SORT, 0);
    for (size_t i = 0; i < sizeof seeks / sizeof *seeks; i++)
        *sorts += sqlite3_stmt_status(seeks[i], SQLITE_STMTSTATUS_SORT, 0);
}

void log_reader_close(struct log_reader *r)
{
    if (!r)
        return;
    sqlite3_finalize(r->latest);
    sqlite3_finalize(r->first);
    sqlite3_finalize(r->counts);
    sqlite3_finalize(r->total);
    if (r->snapshot)
        sqlite3_exec(r->log->db, "COMMIT", NULL, NULL, NULL);
    for (size_t i = 0; i < r->n_fixed; i++) {
        free(r->fixed[i].plan);
        free(r->fixed[i].target);
    }
    free(r->fixed);
    free(r->fixed_bits);
    free(r);
}

static int reader_open(struct log *log, const char *as_of, const char *plan,
                       const char *target, struct log_reader **out,
                       struct pt_error *err)
{
    const char *const SQL[] = {
        /* newest first, after-as-of rows included: they are counted on the
         * way down to the latest current one */
        "SELECT seq, date, value, state FROM observations WHERE plan = ?1 "
        "AND target = ?2 ORDER BY date DESC, seq DESC",
        "SELECT seq, date, value, state FROM observations WHERE plan = ?1 "
        "AND target = ?2 AND date >= ?4 AND date <= ?3 AND value IS NOT NULL "
        "ORDER BY date, seq",
        /* every target once, from the counts the trigger keeps; a log
         * read before its migration to version 2 is counted instead */
        log->version >= 2 ? "SELECT plan, target, n FROM target_counts "
                            "ORDER BY plan, target"
                          : "SELECT plan, target, count(*) FROM observations "
                            "GROUP BY plan, target",
        log->version >= 2 ? "SELECT n FROM target_counts WHERE plan = ?1 AND "
                            "target = ?2"
                          : "SELECT count(*) FROM observations WHERE plan = "
                            "?1 AND target = ?2",
    };
    struct log_reader *r = calloc(1, sizeof *r);
    *out = NULL;
    if (!r)
        return pt_fail(err, PT_EENV, "out of memory");
    r->log = log;
    snprintf(r->as_of, sizeof r->as_of, "%s", as_of ? as_of : "9999-12-31");
    sqlite3_stmt **st[] = {&r->latest, &r->first, &r->counts, &r->total};
    for (size_t i = 0; i < sizeof st / sizeof *st; i++) {
        int rc = sqlite3_prepare_v3(log->db, SQL[i], -1,
                                    SQLITE_PREPARE_PERSISTENT, st[i], NULL);
        if (rc != SQLITE_OK) {
            sql_fail(log, err, rc, "reading the log");
            log_reader_close(r);
            return -1;
        }
    }
    /* One read transaction for all the reader's statements: they see one
     * snapshot of the log, and SQLite takes its locks once, not for each
     * of the thousands of seeks (which cost a quarter of status's time in
     * fcntl calls). A writer is not held up by it in WAL mode. */
    if (sqlite3_get_autocommit(log->db)) {
        int rc = sqlite3_exec(log->db, "BEGIN", NULL, NULL, NULL);
        if (rc != SQLITE_OK) {
            sql_fail(log, err, rc, "reading the log");
            log_reader_close(r);
            return -1;
        }
        r->snapshot = true;
    }
    if (load_corrected(r, plan, target, err) < 0) {
        log_reader_close(r);
        return -1;
    }
    *out = r;
    return 0;
}

int log_reader_open(struct log *log, const char *as_of, struct log_reader **out,
                    struct pt_error *err)
{
    return reader_open(log, as_of, NULL, NULL, out, err);
}

int log_reader_open_target(struct log *log, const char *as_of, const char *plan,
                           const char *target, struct log_reader **out,
                           struct pt_error *err)
{
    return reader_open(log, as_of, plan, target, out, err);
}

static void bind_key(sqlite3_stmt *st, const char *plan, const char *target,
                     const char *as_of)
{
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, plan, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, target, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, as_of, -1, SQLITE_STATIC);
}

/* The first row of st that no correction replaced. */
static int first_current(struct log_reader *r, sqlite3_stmt *st, bool *found,
                         struct obs_brief *out)
{
    int rc;
    *found = false;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t seq = sqlite3_column_int64(st, 0);
        if (is_corrected(r, seq))
            continue;
        out->seq = seq;
        copy_col(st, 1, out->date, sizeof out->date);
        out->has_value = sqlite3_column_type(st, 2) != SQLITE_NULL;
        out->value = sqlite3_column_double(st, 2);
        copy_col(st, 3, out->state, sizeof out->state);
        *found = true;
        break;
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Corrected observations of a target dated on or before as-of. */
static int corrected_count(const struct log_reader *r, const char *plan,
                           const char *target)
{
    struct corrected key = {.plan = (char *)plan, .target = (char *)target};
    if (!r->n_fixed)
        return 0;
    const struct corrected *hit =
        bsearch(&key, r->fixed, r->n_fixed, sizeof *r->fixed, cmp_corrected);
    if (!hit)
        return 0;
    while (hit > r->fixed && cmp_corrected(hit - 1, &key) == 0)
        hit--;
    int n = 0;
    for (; hit < r->fixed + r->n_fixed && cmp_corrected(hit, &key) == 0; hit++)
        n += strcmp(hit->date, r->as_of) <= 0;
    return n;
}

/* Down from the newest row: those dated after as-of are counted, corrected
 * ones skipped, and the first of the rest is the latest. */
static int walk_to_latest(struct log_reader *r, struct target_obs *out,
                          int *later)
{
    sqlite3_stmt *st = r->latest;
    int rc;
    *later = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *date = (const char *)sqlite3_column_text(st, 1);
        if (date && strcmp(date, r->as_of) > 0) {
            (*later)++;
            continue;
        }
        int64_t seq = sqlite3_column_int64(st, 0);
        if (is_corrected(r, seq))
            continue;
        struct obs_brief *b = &out->latest;
        b->seq = seq;
        copy_col(st, 1, b->date, sizeof b->date);
        b->has_value = sqlite3_column_type(st, 2) != SQLITE_NULL;
        b->value = sqlite3_column_double(st, 2);
        copy_col(st, 3, b->state, sizeof b->state);
        out->has_latest = true;
        break;
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int log_reader_target(struct log_reader *r, const char *plan,
                      const char *target, int total, const char *from_date,
                      struct target_obs *out, struct pt_error *err)
{
    memset(out, 0, sizeof *out);
    if (total <= 0)
        return 0;
    int later;
    sqlite3_reset(r->latest);
    sqlite3_bind_text(r->latest, 1, plan, -1, SQLITE_STATIC);
    sqlite3_bind_text(r->latest, 2, target, -1, SQLITE_STATIC);
    int rc = walk_to_latest(r, out, &later);
    out->n = total - later - corrected_count(r, plan, target);
    if (out->n < 0)
        out->n = 0;
    if (rc == SQLITE_OK && from_date && out->has_latest) {
        bind_key(r->first, plan, target, r->as_of);
        sqlite3_bind_text(r->first, 4, from_date, -1, SQLITE_STATIC);
        rc = first_current(r, r->first, &out->has_first, &out->first);
    }
    return rc == SQLITE_OK ? 0 : sql_fail(r->log, err, rc, "reading the log");
}

int log_reader_latest_until(struct log_reader *r, const char *plan,
                            const char *target, const char *until, bool *found,
                            struct obs_brief *out, struct pt_error *err)
{
    /* The same walk down from the newest row, with an earlier cut-off. */
    struct target_obs to = {0};
    char as_of[11];
    int later;
    memcpy(as_of, r->as_of, sizeof as_of);
    if (strcmp(until, r->as_of) < 0)
        snprintf(r->as_of, sizeof r->as_of, "%s", until);
    sqlite3_reset(r->latest);
    sqlite3_bind_text(r->latest, 1, plan, -1, SQLITE_STATIC);
    sqlite3_bind_text(r->latest, 2, target, -1, SQLITE_STATIC);
    int rc = walk_to_latest(r, &to, &later);
    memcpy(r->as_of, as_of, sizeof as_of);
    *found = to.has_latest;
    if (to.has_latest)
        *out = to.latest;
    return rc == SQLITE_OK ? 0 : sql_fail(r->log, err, rc, "reading the log");
}

int log_reader_total(struct log_reader *r, const char *plan, const char *target,
                     int *total, struct pt_error *err)
{
    sqlite3_stmt *st = r->total;
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, plan, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, target, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    *total = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sql_fail(r->log, err, rc, "reading the log");
    return 0;
}

int log_reader_counts(struct log_reader *r,
                      int (*fn)(void *ctx, const char *plan, const char *target,
                                int total),
                      void *ctx, struct pt_error *err)
{
    sqlite3_stmt *st = r->counts;
    int rc;
    sqlite3_reset(st);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *plan = (const char *)sqlite3_column_text(st, 0);
        const char *target = (const char *)sqlite3_column_text(st, 1);
        if (plan && target && fn(ctx, plan, target, sqlite3_column_int(st, 2)))
            break;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sql_fail(r->log, err, rc, "reading the log");
    return 0;
}

int log_history(struct log *log, const char *plan, const char *target,
                struct obs **out, size_t *n, struct pt_error *err)
{
    char sql[768];
    sqlite3_stmt *st;
    *out = NULL;
    *n = 0;
    /* Only the conditions that apply, so the index by target is used. */
    snprintf(sql, sizeof sql,
             "SELECT %s FROM observations o %s ORDER BY date DESC, seq DESC",
             COLUMNS,
             plan && target ? "WHERE plan = ?1 AND target = ?2"
             : plan         ? "WHERE plan = ?1"
                            : "");
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
