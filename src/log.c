/* The progress log: SQLite, WAL, append-only by trigger, every row linked
 * into a hash chain, versioned by PRAGMA user_version. Every statement
 * binds its parameters. */
#include "plantrack/log.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <pwd.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "plantrack/chain.h"
#include "plantrack/correction.h"
#include "plantrack/i18n.h"
#include "plantrack/shared.h"

/* A trigger or view as plantrack made it. */
struct schema_item {
    char *name, *sql;
};

struct log {
    sqlite3 *db;
    char *path;
    int version;          /* of the schema; a read-only log may be older */
    bool placeholder;     /* LOG_READ of a log that does not exist yet */
    sqlite3_stmt *insert; /* log_append */
    sqlite3_stmt *import; /* log_import_row */
    sqlite3_stmt *find;   /* log_find */
    log_check_fn check;   /* the one check every row passes */
    void *check_ctx;
    void (*check_free)(void *);
    int64_t import_id; /* the import whose rows are being written; 0: none */
    struct schema_item *expected; /* triggers and views, once computed */
    size_t n_expected;
    dev_t dev; /* the file opened, to notice when it is replaced */
    ino_t ino;
    struct timespec began; /* of the open write transaction */
    double longest_ms;     /* the longest write transaction so far */
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

/* Version 4: the hash chain, the import receipts and the incidents.
 * chain holds one link per observation, keyed by its seq: SHA-256 over the
 * previous link (by seq) and the row, computed by plantrack_chain(), a
 * function only plantrack's connections have, so a row inserted by any
 * other means (the sqlite3 shell) fails unless the trigger is dropped,
 * which every write and plantrack verify notice. The chain is this log's
 * own: sync never carries it. imports holds who brought rows in from
 * which file; incidents what a repair found. All append-only. */
static const char SCHEMA_V4[] =
    "CREATE TABLE imports (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  run_by TEXT NOT NULL,\n"
    "  host TEXT NOT NULL,\n"
    "  at TEXT NOT NULL,\n"
    "  file TEXT NOT NULL,\n"
    "  sha256 TEXT NOT NULL,\n"
    "  bytes INTEGER NOT NULL,\n"
    "  rows INTEGER NOT NULL,\n"
    "  new_rows INTEGER NOT NULL,\n"
    "  duplicates INTEGER NOT NULL,\n"
    "  conflicts INTEGER NOT NULL\n"
    ");\n"
    "CREATE TABLE chain (\n"
    "  seq INTEGER PRIMARY KEY,\n"
    "  import_id INTEGER REFERENCES imports (id),\n"
    "  hash BLOB NOT NULL\n"
    ");\n"
    "CREATE INDEX chain_by_import ON chain (import_id)\n"
    "  WHERE import_id IS NOT NULL;\n"
    "CREATE TABLE incidents (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  at TEXT NOT NULL,\n"
    "  by TEXT NOT NULL,\n"
    "  host TEXT NOT NULL,\n"
    "  found TEXT NOT NULL,\n"
    "  head TEXT NOT NULL\n"
    ");\n"
    "CREATE TRIGGER observations_chain AFTER INSERT ON observations\n"
    "BEGIN INSERT INTO chain (seq, import_id, hash) VALUES (new.seq,\n"
    "  plantrack_import(), plantrack_chain((SELECT hash FROM chain\n"
    "  ORDER BY seq DESC LIMIT 1), new.seq, plantrack_import(), new.uuid,\n"
    "  new.plan, new.target, new.date, new.value, new.state, new.unit,\n"
    "  new.source, new.note, new.author, new.host, new.recorded_at,\n"
    "  new.corrects)); END;\n"
    "CREATE TRIGGER chain_no_update BEFORE UPDATE ON chain\n"
    "BEGIN SELECT RAISE(ABORT, 'the chain is append-only'); END;\n"
    "CREATE TRIGGER chain_no_delete BEFORE DELETE ON chain\n"
    "BEGIN SELECT RAISE(ABORT, 'the chain is append-only'); END;\n"
    "CREATE TRIGGER imports_no_update BEFORE UPDATE ON imports\n"
    "BEGIN SELECT RAISE(ABORT, 'import receipts are append-only'); END;\n"
    "CREATE TRIGGER imports_no_delete BEFORE DELETE ON imports\n"
    "BEGIN SELECT RAISE(ABORT, 'import receipts are append-only'); END;\n"
    "CREATE TRIGGER incidents_no_update BEFORE UPDATE ON incidents\n"
    "BEGIN SELECT RAISE(ABORT, 'incidents are append-only'); END;\n"
    "CREATE TRIGGER incidents_no_delete BEFORE DELETE ON incidents\n"
    "BEGIN SELECT RAISE(ABORT, 'incidents are append-only'); END;\n";

/* Version 5 (issue 13): sync. identity names this log to the others (the
 * last row counts: a copied log takes a new id); syncs holds a receipt of
 * every changeset written for or applied from another log, out of which
 * what each peer has seen is worked out; held keeps the rows a sync
 * brought under an id this log holds with other content: never
 * overwritten, never lost. All append-only. */
static const char SCHEMA_V5[] =
    "CREATE TABLE identity (\n"
    "  n INTEGER PRIMARY KEY,\n"
    "  id TEXT NOT NULL,\n"
    "  name TEXT NOT NULL,\n"
    "  at TEXT NOT NULL\n"
    ");\n"
    "CREATE TABLE syncs (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),\n"
    "  at TEXT NOT NULL,\n"
    "  run_by TEXT NOT NULL,\n"
    "  host TEXT NOT NULL,\n"
    "  peer_id TEXT NOT NULL,\n"
    "  peer_name TEXT NOT NULL,\n"
    "  for_id TEXT NOT NULL,\n"
    "  import_id INTEGER REFERENCES imports (id),\n"
    "  file TEXT NOT NULL,\n"
    "  sha256 TEXT NOT NULL,\n"
    "  lo INTEGER NOT NULL,\n"
    "  hi INTEGER NOT NULL,\n"
    "  ack INTEGER NOT NULL,\n"
    "  rows INTEGER NOT NULL,\n"
    "  added INTEGER NOT NULL,\n"
    "  duplicates INTEGER NOT NULL,\n"
    "  conflicts INTEGER NOT NULL,\n"
    "  head_before TEXT NOT NULL,\n"
    "  head_after TEXT NOT NULL\n"
    ");\n"
    "CREATE TABLE held (\n"
    "  sync_id INTEGER NOT NULL REFERENCES syncs (id),\n"
    "  uuid TEXT NOT NULL,\n"
    "  row TEXT NOT NULL\n"
    ");\n"
    "CREATE TRIGGER identity_no_update BEFORE UPDATE ON identity\n"
    "BEGIN SELECT RAISE(ABORT, 'the identity is append-only'); END;\n"
    "CREATE TRIGGER syncs_no_update BEFORE UPDATE ON syncs\n"
    "BEGIN SELECT RAISE(ABORT, 'sync receipts are append-only'); END;\n"
    "CREATE TRIGGER syncs_no_delete BEFORE DELETE ON syncs\n"
    "BEGIN SELECT RAISE(ABORT, 'sync receipts are append-only'); END;\n"
    "CREATE TRIGGER held_no_update BEFORE UPDATE ON held\n"
    "BEGIN SELECT RAISE(ABORT, 'held rows are append-only'); END;\n"
    "CREATE TRIGGER held_no_delete BEFORE DELETE ON held\n"
    "BEGIN SELECT RAISE(ABORT, 'held rows are append-only'); END;\n";

static int link_existing_rows(struct log *log, struct pt_error *err);

/* migrations[v] brings a log from version v to v + 1: SQL, then, when the
 * new tables must be filled from the old, a step in C. */
static const struct {
    const char *sql;
    int (*then)(struct log *log, struct pt_error *err);
} MIGRATIONS[] = {
    {SCHEMA_V1, NULL},
    {SCHEMA_V2, NULL},
    {SCHEMA_V3, NULL},
    {SCHEMA_V4, link_existing_rows},
    {SCHEMA_V5, NULL},
};
_Static_assert(sizeof MIGRATIONS / sizeof *MIGRATIONS == LOG_SCHEMA_VERSION,
               "one migration per schema version");

#define OBS_COLUMNS                                                            \
    "seq, uuid, plan, target, date, value, state, unit, source, note, "        \
    "author, host, recorded_at, coalesce(corrects, ''), "                      \
    "EXISTS (SELECT 1 FROM observations c WHERE c.corrects = o.uuid), "
/* The columns read_obs reads; the import that brought a row in is in the
 * chain, which a log older than schema 4 (opened read-only) lacks. */
static const char COLUMNS_V4[] =
    OBS_COLUMNS "(SELECT k.import_id FROM chain k WHERE k.seq = o.seq)";
static const char COLUMNS_OLD[] = OBS_COLUMNS "NULL";
#define COLUMNS (log->version >= 4 ? COLUMNS_V4 : COLUMNS_OLD)

char *log_default_path(void)
{
    const char *env = getenv("PLANTRACK_DB");
    char *path = NULL;
    if (shared_mode()) {
        if (asprintf(&path, "%s/progress.db", shared_dir()) < 0)
            return NULL;
        return path;
    }
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

/* The real user: a setgid plantrack runs with the group's rights but for
 * the official who started it, and the environment ($USER) is theirs to
 * set. */
const char *log_author(void)
{
    static char name[64];
    if (!name[0]) {
        struct passwd *pw = getpwuid(getuid());
        if (pw && pw->pw_name && strlen(pw->pw_name) < sizeof name)
            snprintf(name, sizeof name, "%s", pw->pw_name);
        else
            snprintf(name, sizeof name, "uid%ld", (long)getuid());
    }
    return name;
}

const char *log_host(void)
{
    static char host[256];
    if (!host[0] && gethostname(host, sizeof host - 1) < 0)
        snprintf(host, sizeof host, "unknown");
    if (!host[0])
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
        /* rc may be ours (out of memory) while the connection has no
         * error: "not an error" would say nothing. */
        return pt_fail(err, PT_EENV, _("%s: %s: %s"), path, doing,
                       log->db && sqlite3_errcode(log->db) != SQLITE_OK
                           ? sqlite3_errmsg(log->db)
                           : sqlite3_errstr(rc));
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

/* ---- the chain ---- */

#define CHAIN_NFIELDS 15 /* seq, import_id, then the 13 columns */

static void field_of_value(sqlite3_value *v, struct chain_field *f)
{
    memset(f, 0, sizeof *f);
    switch (sqlite3_value_type(v)) {
    case SQLITE_INTEGER:
        f->type = CHAIN_INT;
        f->i = sqlite3_value_int64(v);
        break;
    case SQLITE_FLOAT:
        f->type = CHAIN_REAL;
        f->r = sqlite3_value_double(v);
        break;
    case SQLITE_TEXT:
        f->type = CHAIN_TEXT;
        f->p = sqlite3_value_text(v);
        f->n = (size_t)sqlite3_value_bytes(v);
        break;
    case SQLITE_BLOB:
        f->type = CHAIN_BLOB;
        f->p = sqlite3_value_blob(v);
        f->n = (size_t)sqlite3_value_bytes(v);
        break;
    default:
        f->type = CHAIN_NULL;
    }
}

static void field_of_column(sqlite3_stmt *st, int i, struct chain_field *f)
{
    memset(f, 0, sizeof *f);
    switch (sqlite3_column_type(st, i)) {
    case SQLITE_INTEGER:
        f->type = CHAIN_INT;
        f->i = sqlite3_column_int64(st, i);
        break;
    case SQLITE_FLOAT:
        f->type = CHAIN_REAL;
        f->r = sqlite3_column_double(st, i);
        break;
    case SQLITE_TEXT:
        f->type = CHAIN_TEXT;
        f->p = sqlite3_column_text(st, i);
        f->n = (size_t)sqlite3_column_bytes(st, i);
        break;
    case SQLITE_BLOB:
        f->type = CHAIN_BLOB;
        f->p = sqlite3_column_blob(st, i);
        f->n = (size_t)sqlite3_column_bytes(st, i);
        break;
    default:
        f->type = CHAIN_NULL;
    }
}

/* plantrack_chain(prev, seq, import_id, uuid, ..., corrects): the link of
 * a new row, for the trigger observations_chain. */
static void sql_chain(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    struct chain_field f[CHAIN_NFIELDS];
    unsigned char out[CHAIN_HASH_LEN];
    if (argc != CHAIN_NFIELDS + 1) {
        sqlite3_result_error(ctx, "plantrack_chain: wrong arguments", -1);
        return;
    }
    const unsigned char *prev = NULL;
    if (sqlite3_value_type(argv[0]) == SQLITE_BLOB &&
        sqlite3_value_bytes(argv[0]) == CHAIN_HASH_LEN)
        prev = sqlite3_value_blob(argv[0]);
    for (int i = 0; i < CHAIN_NFIELDS; i++)
        field_of_value(argv[i + 1], &f[i]);
    chain_link(prev, f, CHAIN_NFIELDS, out);
    sqlite3_result_blob(ctx, out, sizeof out, SQLITE_TRANSIENT);
}

/* plantrack_import(): the import being written, NULL when none. */
static void sql_import(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    (void)argv;
    const struct log *log = sqlite3_user_data(ctx);
    if (log->import_id > 0)
        sqlite3_result_int64(ctx, log->import_id);
    else
        sqlite3_result_null(ctx);
}

/* The connection's functions and safety settings: nothing in a log's
 * schema runs but what plantrack put there and marked harmless. */
static void prepare_connection(struct log *log)
{
    sqlite3 *db = log->db;
    sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
    sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
    sqlite3_create_function_v2(db, "plantrack_chain", CHAIN_NFIELDS + 1,
                               SQLITE_UTF8 | SQLITE_DETERMINISTIC |
                                   SQLITE_INNOCUOUS,
                               NULL, sql_chain, NULL, NULL, NULL);
    sqlite3_create_function_v2(db, "plantrack_import", 0,
                               SQLITE_UTF8 | SQLITE_INNOCUOUS, log, sql_import,
                               NULL, NULL, NULL);
}

/* The columns a link covers, after seq and import_id. */
#define LINKED_COLUMNS                                                         \
    "o.uuid, o.plan, o.target, o.date, o.value, o.state, o.unit, o.source, "   \
    "o.note, o.author, o.host, o.recorded_at, o.corrects"

/* Schema 4 links the rows a log already had, in seq order. */
static int link_existing_rows(struct log *log, struct pt_error *err)
{
    sqlite3_stmt *rd = NULL, *wr = NULL;
    unsigned char prev[CHAIN_HASH_LEN];
    bool first = true;
    int rc = sqlite3_prepare_v2(log->db,
                                "SELECT o.seq, NULL, " LINKED_COLUMNS
                                " FROM observations o ORDER BY o.seq",
                                -1, &rd, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(log->db,
                                "INSERT INTO chain (seq, hash) VALUES (?1, ?2)",
                                -1, &wr, NULL);
    while (rc == SQLITE_OK && (rc = sqlite3_step(rd)) == SQLITE_ROW) {
        struct chain_field f[CHAIN_NFIELDS];
        for (int i = 0; i < CHAIN_NFIELDS; i++)
            field_of_column(rd, i, &f[i]);
        chain_link(first ? NULL : prev, f, CHAIN_NFIELDS, prev);
        first = false;
        sqlite3_bind_int64(wr, 1, sqlite3_column_int64(rd, 0));
        sqlite3_bind_blob(wr, 2, prev, sizeof prev, SQLITE_STATIC);
        rc = sqlite3_step(wr);
        sqlite3_reset(wr);
        rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
    sqlite3_finalize(rd);
    sqlite3_finalize(wr);
    if (rc != SQLITE_DONE && rc != SQLITE_OK)
        return sql_fail(log, err, rc, "linking the rows into the chain");
    return 0;
}

static int schema_version_ok(struct log *log, int version, struct pt_error *err)
{
    if (version > LOG_SCHEMA_VERSION)
        return pt_fail(err, PT_EENV,
                       _("%s: the log is from a newer plantrack (schema %d > "
                         "%d): upgrade plantrack"),
                       log->path, version, LOG_SCHEMA_VERSION);
    if (version < 0)
        return pt_fail(err, PT_EENV,
                       _("%s: the log's schema version %d is out of range "
                         "(0 to %d): it was not written by plantrack"),
                       log->path, version, LOG_SCHEMA_VERSION);
    return 0;
}

/* Bring the schema up to date inside one write transaction, so two
 * sessions creating the log at once cannot both run the migrations. */
static int migrate(struct log *log, struct pt_error *err)
{
    int version;
    if (pragma_int(log, "PRAGMA user_version", &version, err) < 0)
        return -1;
    log->version = version;
    if (schema_version_ok(log, version, err) < 0)
        return -1;
    if (version == LOG_SCHEMA_VERSION)
        return 0;
    if (exec(log, "BEGIN IMMEDIATE", err, "starting the schema update") < 0)
        return -1;
    if (pragma_int(log, "PRAGMA user_version", &version, err) < 0 ||
        schema_version_ok(log, version, err) < 0)
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
        if (exec(log, MIGRATIONS[v].sql, err, "updating the schema") < 0)
            goto fail;
        if (MIGRATIONS[v].then && MIGRATIONS[v].then(log, err) < 0)
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
    prepare_connection(log);
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

/* A log is a regular file: a FIFO would hang the open, a device would get
 * a -journal beside it, a directory is a mistake. Its -wal, -shm and
 * -journal, when there, must be regular files too: a symlink planted in
 * a shared directory would take the log offline for everyone or send its
 * writes elsewhere. In shared-server mode the log itself may not be a
 * symlink either. */
static int check_files(const char *path, bool *exists, struct pt_error *err)
{
    struct stat st;
    int rc = shared_mode() ? lstat(path, &st) : stat(path, &st);
    *exists = rc == 0;
    if (rc < 0 && errno != ENOENT)
        return pt_fail(err, PT_EENV, _("%s: cannot open the log (%s)"), path,
                       strerror(errno));
    if (*exists && S_ISDIR(st.st_mode))
        return pt_fail(err, PT_EENV, _("%s is a directory, not a log file"),
                       path);
    if (*exists && !S_ISREG(st.st_mode))
        return pt_fail(err, PT_EENV,
                       _("%s is not a regular file (a pipe, a device or a "
                         "link): a log is an ordinary file; give another "
                         "--db"),
                       path);
    static const char *const SIDE[] = {"-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof SIDE / sizeof *SIDE; i++) {
        char side[PATH_MAX];
        if (snprintf(side, sizeof side, "%s%s", path, SIDE[i]) >=
            (int)sizeof side)
            return pt_fail(err, PT_EENV, _("%s: path too long"), path);
        if (lstat(side, &st) == 0 && !S_ISREG(st.st_mode))
            return pt_fail(err, PT_EENV,
                           _("%s is not a regular file (someone put a link "
                             "or a device there): the log is not opened; "
                             "remove it (the log's owner or an "
                             "administrator)"),
                           side);
    }
    return 0;
}

/* Damaged pages are found before anything is read from a small log (a
 * full read of a few megabytes); a bigger one reports them when a read
 * reaches them, and plantrack verify checks it whole. */
#define QUICK_CHECK_MAX_BYTES (4 << 20)

static int quick_check(struct log *log, struct pt_error *err)
{
    struct stat st;
    if (stat(log->path, &st) < 0 || st.st_size > QUICK_CHECK_MAX_BYTES)
        return 0;
    sqlite3_stmt *q;
    int rc = sqlite3_prepare_v2(log->db, "PRAGMA quick_check(1)", -1, &q, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(q);
    char what[200] = "";
    if (rc == SQLITE_ROW)
        snprintf(what, sizeof what, "%s", sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
    if (rc != SQLITE_ROW)
        return sql_fail(log, err, rc, "checking the log");
    if (strcmp(what, "ok") != 0)
        return pt_fail(err, PT_EENV,
                       _("%s: the log is damaged (%s); nothing was read: keep "
                         "a copy and run sqlite3 '.recover'"),
                       log->path, what);
    return 0;
}

static int open_log(struct log *log, const char *path, enum log_mode mode,
                    struct pt_error *err)
{
    bool exists;
    if (check_files(path, &exists, err) < 0)
        return -1;
    if (mode == LOG_READ && !exists) {
        /* Browsing before anything was recorded: an empty log in memory. */
        log->placeholder = true;
        return open_db(log, ":memory:", SQLITE_OPEN_READWRITE, err) < 0 ||
                       migrate(log, err) < 0
                   ? -1
                   : 0;
    }
    if (mode == LOG_WRITE && !exists && create_file(path, err) < 0)
        return -1;
    int flags = mode == LOG_READ ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (shared_mode())
        flags |= SQLITE_OPEN_NOFOLLOW;
    if (open_db(log, path, flags, err) < 0)
        return -1;
    struct stat st;
    if (stat(path, &st) == 0) {
        log->dev = st.st_dev;
        log->ino = st.st_ino;
    }
    if (mode == LOG_WRITE && sqlite3_db_readonly(log->db, "main") == 1) {
        if (on_read_only_fs(path))
            return pt_fail(err, PT_EENV,
                           _("%s: the log is not writable: the file system is "
                             "read-only"),
                           path);
        return pt_fail(err, PT_EENV,
                       _("%s: the log is not writable by %s (check its owner, "
                         "group and mode)"),
                       path, log_author());
    }
    if (mode == LOG_WRITE) {
        /* WAL lets readers go on while one session writes; FULL sync so a
         * power cut cannot take back an acknowledged observation. */
        if (enable_wal(log, err) < 0 ||
            exec(log, "PRAGMA synchronous = FULL", err, "setting sync") < 0 ||
            quick_check(log, err) < 0 || migrate(log, err) < 0)
            return -1;
        return 0;
    }
    int version;
    if (pragma_int(log, "PRAGMA user_version", &version, NULL) < 0 &&
        reopen_immutable(log, path, err) < 0)
        return -1;
    if (pragma_int(log, "PRAGMA user_version", &version, err) < 0)
        return -1;
    log->version = version;
    if (schema_version_ok(log, version, err) < 0 || quick_check(log, err) < 0)
        return -1;
    if (version == 0) {
        /* An empty file: nothing recorded yet. */
        sqlite3_close(log->db);
        log->db = NULL;
        log->placeholder = true;
        if (open_db(log, ":memory:", SQLITE_OPEN_READWRITE, err) < 0 ||
            migrate(log, err) < 0)
            return -1;
    }
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
    /* In shared-server mode the group's rights serve for opening the log
     * (its -wal and -shm are opened with it, and stay open) and for
     * nothing else. */
    shared_raise();
    int rc = open_log(log, path, mode, err);
    shared_lower();
    if (rc < 0) {
        log_close(log);
        return -1;
    }
    *out = log;
    return 0;
}

bool log_file_replaced(const struct log *log)
{
    struct stat st;
    if (log->placeholder || !log->ino)
        return false;
    /* On a shared server only the group may look into the log's
     * directory. */
    shared_raise();
    int rc = stat(log->path, &st);
    shared_lower();
    return rc < 0 || st.st_dev != log->dev || st.st_ino != log->ino;
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
    sqlite3_finalize(log->find);
    /* The last connection to close removes the -wal, in the log's
     * directory. */
    shared_raise();
    sqlite3_close(log->db);
    shared_lower();
    if (log->check_free)
        log->check_free(log->check_ctx);
    for (size_t i = 0; i < log->n_expected; i++) {
        free(log->expected[i].name);
        free(log->expected[i].sql);
    }
    free(log->expected);
    free(log->path);
    free(log);
}

void log_set_check(struct log *log, log_check_fn fn, void *ctx,
                   void (*ctx_free)(void *))
{
    if (log->check_free)
        log->check_free(log->check_ctx);
    log->check = fn;
    log->check_ctx = ctx;
    log->check_free = ctx_free;
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
    o->import_id = sqlite3_column_int64(st, 15);
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

/* ---- corrections: which figure counts (the rule is in correction.c) ---- */

struct graph {
    struct correction_row *v;
    size_t n;
};

static void graph_free(struct graph *g)
{
    for (size_t i = 0; i < g->n; i++) {
        free((char *)g->v[i].plan);
        free((char *)g->v[i].target);
        free((char *)g->v[i].also);
    }
    free(g->v);
    g->v = NULL;
    g->n = 0;
}

static const char GRAPH_COLUMNS[] =
    "x.seq, x.uuid, x.plan, x.target, x.date, x.recorded_at, "
    "coalesce(x.corrects, ''), x.value, x.state";

/* Add the rows st gives to the graph. A correction that resolves a conflict
 * names every figure it replaces in `corrects`, separated by spaces: the
 * first is kept in corrects, the rest in also. */
static int graph_read(struct graph *g, size_t *cap, sqlite3_stmt *st)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (g->n == *cap) {
            *cap = *cap ? *cap * 2 : 16;
            struct correction_row *v = realloc(g->v, *cap * sizeof *v);
            if (!v)
                return SQLITE_NOMEM;
            g->v = v;
        }
        struct correction_row *c = &g->v[g->n++];
        memset(c, 0, sizeof *c);
        c->seq = sqlite3_column_int64(st, 0);
        copy_col(st, 1, c->uuid, sizeof c->uuid);
        c->plan = dup_col(st, 2);
        c->target = dup_col(st, 3);
        copy_col(st, 4, c->date, sizeof c->date);
        copy_col(st, 5, c->recorded_at, sizeof c->recorded_at);
        const char *ids = (const char *)sqlite3_column_text(st, 6);
        ids = ids ? ids : "";
        size_t first = strcspn(ids, " ");
        snprintf(c->corrects, sizeof c->corrects, "%.*s", (int)first, ids);
        if (ids[first])
            c->also = strdup(ids + first + 1);
        c->has_value = sqlite3_column_type(st, 7) != SQLITE_NULL;
        c->value = sqlite3_column_double(st, 7);
        copy_col(st, 8, c->state, sizeof c->state);
        if (!c->plan || !c->target || (ids[first] && !c->also))
            return SQLITE_NOMEM;
    }
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* The rows a resolution names beyond its first, which the join by
 * corrects cannot find: by id, one seek each. */
static int graph_add_named(struct log *log, struct graph *g, size_t *cap)
{
    char sql[256];
    sqlite3_stmt *st;
    snprintf(sql, sizeof sql, "SELECT %s FROM observations x WHERE x.uuid = ?1",
             GRAPH_COLUMNS);
    int rc = sqlite3_prepare_v2(log->db, sql, -1, &st, NULL);
    size_t n = g->n;
    for (size_t i = 0; i < n && rc == SQLITE_OK; i++) {
        for (const char *p = g->v[i].also; p && *p && rc == SQLITE_OK;) {
            size_t len = strcspn(p, " ");
            char id[37];
            snprintf(id, sizeof id, "%.*s", (int)(len < 36 ? len : 36), p);
            p += len + (p[len] == ' ');
            if (correction_find(g->v, n, id))
                continue;
            sqlite3_reset(st);
            bind_text(st, 1, id);
            rc = graph_read(g, cap, st);
        }
    }
    sqlite3_finalize(st);
    return rc;
}

/* Every row that corrects or is corrected, of one target, one plan or the
 * whole log, with the standing correction_resolve gives it. Corrections
 * are rare: the partial index on corrects finds them without a scan. */
static int load_graph(struct log *log, const char *plan, const char *target,
                      struct graph *g, struct pt_error *err)
{
    char sql[1024];
    const char *where = plan && target ? " AND x.plan = ?1 AND x.target = ?2"
                        : plan         ? " AND x.plan = ?1"
                                       : "";
    snprintf(sql, sizeof sql,
             "SELECT %s FROM observations x WHERE x.corrects IS NOT NULL%s "
             "UNION SELECT %s FROM observations c JOIN observations x ON "
             "x.uuid = c.corrects WHERE c.corrects IS NOT NULL%s",
             GRAPH_COLUMNS, where, GRAPH_COLUMNS, where);
    sqlite3_stmt *st;
    size_t cap = 0;
    memset(g, 0, sizeof *g);
    int rc = sqlite3_prepare_v2(log->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return sql_fail(log, err, rc, "reading the corrections");
    if (plan)
        bind_text(st, 1, plan);
    if (plan && target)
        bind_text(st, 2, target);
    rc = graph_read(g, &cap, st);
    sqlite3_finalize(st);
    if (rc == SQLITE_OK) {
        correction_resolve(g->v, g->n); /* sorted, for correction_find */
        rc = graph_add_named(log, g, &cap);
    }
    if (rc != SQLITE_OK) {
        graph_free(g);
        return sql_fail(log, err, rc, "reading the corrections");
    }
    correction_resolve(g->v, g->n);
    return 0;
}

/* An observation's standing among the corrections of its target. */
static void mark_standing(const struct graph *g, struct obs *o)
{
    const struct correction_row *c = correction_find(g->v, g->n, o->uuid);
    o->corrected = c && c->corrected;
    o->conflict = c && c->conflict;
    o->superseded = c && (c->corrected || c->set_aside);
}

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
static void utc_now(char buf[32]);

void log_utc_now(char buf[32])
{
    utc_now(buf);
}

static void utc_now(char buf[32])
{
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    size_t n = strftime(buf, 32, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(buf + n, 32 - n, ".%03ldZ", ts.tv_nsec / 1000000);
}

/* The time to record a row at: now, or a millisecond after the last row
 * recorded when the clock has not moved on since (two appends within a
 * millisecond), so that the order by recorded time, which every log
 * agrees on, is this log's own order of recording. A last row from a
 * clock well ahead (a laptop's) is not followed. */
static int later_than_last(struct log *log, char now[32], struct pt_error *err)
{
    sqlite3_stmt *st;
    utc_now(now);
    int rc = sqlite3_prepare_v2(log->db,
                                "SELECT recorded_at FROM observations ORDER "
                                "BY seq DESC LIMIT 1",
                                -1, &st, NULL);
    if (rc != SQLITE_OK)
        return sql_fail(log, err, rc, "recording");
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const char *last = (const char *)sqlite3_column_text(st, 0);
        struct tm tm = {0};
        int ms;
        if (last && strcmp(last, now) >= 0 && strlen(last) == 24 &&
            sscanf(last, "%4d-%2d-%2dT%2d:%2d:%2d.%3dZ", &tm.tm_year,
                   &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec,
                   &ms) == 7) {
            tm.tm_year -= 1900;
            tm.tm_mon -= 1;
            time_t t = timegm(&tm);
            struct timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            if (t != (time_t)-1 && t - ts.tv_sec <= 1) {
                if (++ms == 1000) {
                    ms = 0;
                    t++;
                }
                gmtime_r(&t, &tm);
                size_t n = strftime(now, 32, "%Y-%m-%dT%H:%M:%S", &tm);
                snprintf(now + n, 32 - n, ".%03dZ", ms);
            }
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE
               ? 0
               : sql_fail(log, err, rc, "recording");
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
    struct graph g;
    if (load_graph(log, out->plan, out->target, &g, err) < 0) {
        obs_clear(out);
        return -1;
    }
    mark_standing(&g, out);
    graph_free(&g);
    return 0;
}

/* ---- the schema's protection ---- */

static void free_items(struct schema_item *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].name);
        free(v[i].sql);
    }
    free(v);
}

/* The triggers and views of db, by name. */
static int read_items(sqlite3 *db, struct schema_item **out, size_t *n)
{
    sqlite3_stmt *st;
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    int rc = sqlite3_prepare_v2(db,
                                "SELECT name, coalesce(sql, '') FROM "
                                "sqlite_master WHERE type IN ('trigger', "
                                "'view') ORDER BY name",
                                -1, &st, NULL);
    while ((rc == SQLITE_OK || rc == SQLITE_ROW) &&
           (rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            struct schema_item *v = realloc(*out, cap * sizeof *v);
            if (!v) {
                rc = SQLITE_NOMEM;
                break;
            }
            *out = v;
        }
        (*out)[*n].name = dup_col(st, 0);
        (*out)[(*n)++].sql = dup_col(st, 1);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        free_items(*out, *n);
        *out = NULL;
        *n = 0;
        return rc == SQLITE_OK ? SQLITE_ERROR : rc;
    }
    return SQLITE_OK;
}

/* What a log of this version holds when plantrack made it: its migrations
 * run on an empty database in memory. */
static int load_expected(struct log *log, struct pt_error *err)
{
    if (log->expected)
        return 0;
    sqlite3 *mem;
    int rc = sqlite3_open_v2(":memory:", &mem,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
    for (int v = 0; rc == SQLITE_OK && v < log->version; v++)
        rc = sqlite3_exec(mem, MIGRATIONS[v].sql, NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = read_items(mem, &log->expected, &log->n_expected);
    sqlite3_close(mem);
    if (rc != SQLITE_OK)
        return pt_fail(err, PT_EENV, "%s: %s", log->path, sqlite3_errstr(rc));
    return 0;
}

/* Each difference between the log's triggers and views and plantrack's:
 * fn(ctx, name, what) with what "missing", "changed" or "added". */
static int schema_diff(struct log *log,
                       void (*fn)(void *ctx, const char *name,
                                  const char *what),
                       void *ctx, int *n_diff, struct pt_error *err)
{
    struct schema_item *have;
    size_t n_have;
    *n_diff = 0;
    if (load_expected(log, err) < 0)
        return -1;
    int rc = read_items(log->db, &have, &n_have);
    if (rc != SQLITE_OK)
        return sql_fail(log, err, rc, "reading the schema");
    size_t i = 0, j = 0;
    while (i < log->n_expected || j < n_have) {
        int c = i == log->n_expected ? 1
                : j == n_have        ? -1
                              : strcmp(log->expected[i].name, have[j].name);
        if (c < 0) {
            fn(ctx, log->expected[i++].name, "missing");
        } else if (c > 0) {
            fn(ctx, have[j++].name, "added");
        } else {
            if (strcmp(log->expected[i].sql, have[j].sql) != 0)
                fn(ctx, have[j].name, "changed");
            else
                (*n_diff)--;
            i++, j++;
        }
        (*n_diff)++;
    }
    free_items(have, n_have);
    return 0;
}

struct first_diff {
    char text[300];
};

static void note_first_diff(void *ctx, const char *name, const char *what)
{
    struct first_diff *d = ctx;
    if (d->text[0])
        return;
    if (strcmp(what, "missing") == 0)
        snprintf(d->text, sizeof d->text,
                 _("the trigger or view %s is missing"), name);
    else if (strcmp(what, "added") == 0)
        snprintf(d->text, sizeof d->text, _("a trigger or view %s was added"),
                 name);
    else
        snprintf(d->text, sizeof d->text,
                 _("the trigger or view %s was changed"), name);
}

int log_check_schema(struct log *log, struct pt_error *err)
{
    struct first_diff d = {""};
    int n;
    if (log->placeholder)
        return 0;
    if (schema_diff(log, note_first_diff, &d, &n, err) < 0)
        return -1;
    if (n == 0)
        return 0;
    return pt_fail(err, PT_EENV,
                   _("%s: the log was changed behind plantrack's back (%s%s); "
                     "nothing was written: run 'plantrack verify' and see "
                     "TAMPERING in plantrack(1)"),
                   log->path, d.text, n > 1 ? _(", and more") : "");
}

/* ---- writing ---- */

static void clock_ms_since(const struct timespec *t0, double *ms)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    *ms = (double)(now.tv_sec - t0->tv_sec) * 1e3 +
          (double)(now.tv_nsec - t0->tv_nsec) / 1e6;
}

/* BEGIN IMMEDIATE, then the check that the log is still as plantrack made
 * it: every write makes it, so a trigger dropped behind our back is
 * reported at the next write, not silently recreated. */
static int begin_write(struct log *log, struct pt_error *err, const char *doing)
{
    if (log->placeholder)
        return pt_fail(err, PT_EENV, _("%s: the log was opened read-only"),
                       log->path);
    /* What plantrack made is worked out before the lock is taken: only
     * the comparison with what is there happens while others wait. */
    if (load_expected(log, err) < 0)
        return -1;
    if (exec(log, "BEGIN IMMEDIATE", err, doing) < 0)
        return -1;
    clock_gettime(CLOCK_MONOTONIC, &log->began);
    if (log_check_schema(log, err) < 0) {
        sqlite3_exec(log->db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    return 0;
}

static int end_write(struct log *log, struct pt_error *err, const char *doing)
{
    int rc = exec(log, "COMMIT", err, doing);
    double ms;
    clock_ms_since(&log->began, &ms);
    if (ms > log->longest_ms)
        log->longest_ms = ms;
    return rc;
}

double log_longest_hold_ms(const struct log *log)
{
    return log->longest_ms;
}

int log_find(struct log *log, const char *uuid, bool *found, struct obs *out,
             struct pt_error *err)
{
    *found = false;
    if (!log->find) {
        char sql[512];
        snprintf(sql, sizeof sql,
                 "SELECT %s FROM observations o WHERE uuid = ?1", COLUMNS);
        int rc = sqlite3_prepare_v3(log->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
                                    &log->find, NULL);
        if (rc != SQLITE_OK)
            return sql_fail(log, err, rc, "finding an observation");
    }
    sqlite3_stmt *st = log->find;
    sqlite3_reset(st);
    bind_text(st, 1, uuid);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        read_obs(st, out);
        *found = true;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sql_fail(log, err, rc, "finding an observation");
    return 0;
}

static bool same_str(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

bool obs_same(const struct obs *a, const struct obs *b)
{
    if (a->has_value != b->has_value)
        return false;
    /* Bit for bit: a figure that reads back differently is not the same. */
    if (a->has_value && memcmp(&a->value, &b->value, sizeof a->value) != 0)
        return false;
    return strcmp(a->uuid, b->uuid) == 0 && same_str(a->plan, b->plan) &&
           same_str(a->target, b->target) && strcmp(a->date, b->date) == 0 &&
           same_str(a->has_value ? "" : a->state,
                    b->has_value ? "" : b->state) &&
           same_str(a->unit, b->unit) && same_str(a->source, b->source) &&
           same_str(a->note, b->note) && same_str(a->author, b->author) &&
           same_str(a->host, b->host) &&
           strcmp(a->recorded_at, b->recorded_at) == 0 &&
           same_str(a->corrects, b->corrects);
}

/* The same figure, whoever recorded it when. */
static bool same_figure(const struct obs *a, const struct obs *b)
{
    return same_str(a->plan, b->plan) && same_str(a->target, b->target) &&
           strcmp(a->date, b->date) == 0 && a->has_value == b->has_value &&
           (!a->has_value || a->value == b->value) &&
           (a->has_value || same_str(a->state, b->state)) &&
           same_str(a->unit, b->unit) && same_str(a->source, b->source) &&
           same_str(a->note, b->note) && same_str(a->corrects, b->corrects);
}

int log_fate(struct log *log, const struct obs *row, enum log_fate *out,
             struct pt_error *err)
{
    struct obs have;
    bool found;
    if (log_find(log, row->uuid, &found, &have, err) < 0)
        return -1;
    *out = !found                 ? LOG_FATE_NEW
           : obs_same(row, &have) ? LOG_FATE_DUPLICATE
                                  : LOG_FATE_CONFLICT;
    if (found)
        obs_clear(&have);
    return 0;
}

/* The observation a row corrects, for the check. A correction that
 * resolves competing ones names them all (ids separated by spaces): every
 * one must be in the log, of the row's target; the check is given the
 * first one missing (as not found) or of another target, else the first. */
static int find_corrected(struct log *log, const struct obs *row, bool *found,
                          struct obs *out, struct pt_error *err)
{
    const char *p = row->corrects;
    bool first = true;
    *found = false;
    while (*p) {
        size_t len = strcspn(p, " ");
        char id[37];
        struct obs o;
        bool here;
        snprintf(id, sizeof id, "%.*s", (int)(len < 36 ? len : 36), p);
        p += len + (p[len] == ' ');
        if (log_find(log, id, &here, &o, err) < 0)
            goto fail;
        if (!here)
            goto fail_quiet;
        bool other = strcmp(o.plan, row->plan) != 0 ||
                     strcmp(o.target, row->target) != 0;
        if (first || other) {
            if (*found)
                obs_clear(out);
            *out = o;
            *found = true;
        } else {
            obs_clear(&o);
        }
        first = false;
        if (other)
            return 0;
    }
    return 0;
fail_quiet:
    if (*found)
        obs_clear(out);
    *found = false;
    return 0;
fail:
    if (*found)
        obs_clear(out);
    *found = false;
    return -1;
}

/* The check, with the observation the row corrects looked up in the log;
 * a row no check has been set for is refused. */
static int run_check(struct log *log, const struct obs *row,
                     struct pt_error *err)
{
    char why[400] = "";
    struct obs old;
    bool found = false;
    if (!log->check)
        return pt_fail(err, PT_EENV,
                       "%s: no check is set for rows entering the log; "
                       "nothing was written",
                       log->path);
    if (row->corrects && *row->corrects &&
        find_corrected(log, row, &found, &old, err) < 0)
        return -1;
    int rc =
        log->check(log->check_ctx, row, found ? &old : NULL, why, sizeof why);
    if (found)
        obs_clear(&old);
    if (rc < 0)
        return pt_fail(err, PT_EUSER, "%s", why);
    return 0;
}

/* The INSERT, prepared once (its triggers compiled with it): best before
 * the write lock is taken. */
static int prepare_insert(struct log *log, sqlite3_stmt **stp,
                          struct pt_error *err)
{
    if (*stp)
        return 0;
    int rc = sqlite3_prepare_v3(log->db, "INSERT" INSERT_INTO, -1,
                                SQLITE_PREPARE_PERSISTENT, stp, NULL);
    return rc == SQLITE_OK ? 0 : sql_fail(log, err, rc, "preparing to record");
}

static int insert_row(struct log *log, sqlite3_stmt **stp, const struct obs *o,
                      bool *inserted, struct pt_error *err)
{
    if (prepare_insert(log, stp, err) < 0)
        return -1;
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
    sqlite3_stmt *st = *stp;
    bind_row(st, o->uuid, &in, o->author, o->host, o->recorded_at);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return sql_fail(log, err, rc, "recording");
    *inserted = sqlite3_changes(log->db) > 0;
    return 0;
}

/* What a correction of `asked` (an id or a prefix of one) records in its
 * corrects column: the observation's whole id, and when several current
 * figures compete for it (corrected differently on two laptops), every one
 * of them, so that the correction resolves the conflict. A figure already
 * corrected is refused: the newer one is what to correct. Caller frees. */
static int correction_target(struct log *log, const struct obs_input *in,
                             char **out, struct pt_error *err)
{
    struct obs old;
    struct graph g;
    *out = NULL;
    if (log_get(log, in->corrects, &old, err) < 0)
        return -1;
    bool same =
        strcmp(old.plan, in->plan) == 0 && strcmp(old.target, in->target) == 0;
    char id[37];
    memcpy(id, old.uuid, sizeof id);
    obs_clear(&old);
    if (!same) { /* the check says why not */
        *out = strdup(id);
        return *out ? 0 : pt_fail(err, PT_EENV, "out of memory");
    }
    if (load_graph(log, in->plan, in->target, &g, err) < 0)
        return -1;
    const struct correction_row *c = correction_find(g.v, g.n, id);
    int rc = 0;
    size_t len = 0;
    FILE *f = open_memstream(out, &len);
    if (!f) {
        graph_free(&g);
        return pt_fail(err, PT_EENV, "out of memory");
    }
    fputs(id, f);
    const struct correction_row *counting = NULL;
    for (size_t i = 0; c && i < g.n; i++)
        if (g.v[i].group == c->group && g.v[i].counts)
            counting = &g.v[i];
    for (size_t i = 0; c && i < g.n && rc == 0; i++) {
        const struct correction_row *o = &g.v[i];
        bool names =
            strcmp(o->corrects, id) == 0 || (o->also && strstr(o->also, id));
        if (c->corrected && names && counting && counting->conflict)
            rc = pt_fail(err, PT_EUSER,
                         _("observation %.8s was corrected differently on "
                           "two machines ('plantrack conflicts' lists them): "
                           "correct %.8s, the one that counts, to resolve"),
                         id, counting->uuid);
        else if (c->corrected && names)
            rc = pt_fail(err, PT_EUSER,
                         _("observation %.8s was already corrected by %.8s: "
                           "correct that one instead"),
                         id, counting ? counting->uuid : o->uuid);
        else if (!c->corrected && o->group == c->group && !o->corrected &&
                 o != c)
            fprintf(f, " %s", o->uuid);
    }
    fclose(f);
    graph_free(&g);
    if (rc < 0) {
        free(*out);
        *out = NULL;
    }
    return rc;
}

int log_append(struct log *log, const struct obs_input *in, char *uuid_out,
               struct pt_error *err)
{
    struct obs row = {
        .plan = (char *)in->plan,
        .target = (char *)in->target,
        .has_value = in->has_value,
        .value = in->value,
        .state = (char *)(in->has_value ? ""
                          : in->state   ? in->state
                                        : ""),
        .unit = (char *)(in->unit ? in->unit : ""),
        .source = (char *)(in->source ? in->source : ""),
        .note = (char *)(in->note ? in->note : ""),
        .author = (char *)log_author(),
        .host = (char *)log_host(),
        .corrects = (char *)(in->corrects ? in->corrects : ""),
    };
    snprintf(row.date, sizeof row.date, "%s", in->date ? in->date : "");
    if (in->uuid && *in->uuid)
        snprintf(row.uuid, sizeof row.uuid, "%s", in->uuid);
    else
        log_new_uuid(row.uuid);
    if (prepare_insert(log, &log->insert, err) < 0 ||
        begin_write(log, err, "starting to record") < 0)
        return -1;
    char *corrects = NULL;
    bool inserted = false;
    if (in->corrects && *in->corrects) {
        if (correction_target(log, in, &corrects, err) < 0)
            goto fail;
        row.corrects = corrects;
    }
    if (later_than_last(log, row.recorded_at, err) < 0 ||
        run_check(log, &row, err) < 0 ||
        insert_row(log, &log->insert, &row, &inserted, err) < 0)
        goto fail;
    if (!inserted) {
        /* The id is taken: the same figure saved again (a draft whose save
         * was not known to have happened) records nothing more; anything
         * else under that id is refused, never passed off as saved. */
        struct obs have;
        bool found = false;
        if (log_find(log, row.uuid, &found, &have, err) < 0)
            goto fail;
        bool same = found && same_figure(&have, &row);
        if (found)
            obs_clear(&have);
        if (!same) {
            pt_fail(err, PT_EUSER,
                    _("observation %s is already in the log with other "
                      "content; nothing was written"),
                    row.uuid);
            goto fail;
        }
    }
    if (end_write(log, err, "committing") < 0)
        goto fail;
    free(corrects);
    if (uuid_out)
        memcpy(uuid_out, row.uuid, 37);
    return 0;
fail:
    free(corrects);
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
    bool hidden;   /* not counted */
    bool conflict; /* its target has competing corrections */
};

struct log_reader {
    struct log *log;
    char as_of[11];
    sqlite3_stmt *latest, *first, *counts, *total, *order;
    sqlite3_stmt *series, *by_seq; /* prepared on first use (reports) */
    struct corrected *fixed; /* sorted by plan, target */
    size_t n_fixed;
    int64_t *fixed_seqs; /* the hidden ones, by seq, sorted: any seq SQLite
                            allows */
    size_t n_seqs;
    bool snapshot;   /* the reader's own read transaction is open */
    int64_t bad_seq; /* a row outside the schema's ranges */
};

static int cmp_corrected(const void *a, const void *b)
{
    const struct corrected *x = a, *y = b;
    int c = strcmp(x->plan, y->plan);
    return c ? c : strcmp(x->target, y->target);
}

static int cmp_seq(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static bool is_corrected(const struct log_reader *r, int64_t seq)
{
    if (!r->n_seqs)
        return false;
    size_t lo = 0, hi = r->n_seqs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (r->fixed_seqs[mid] < seq)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < r->n_seqs && r->fixed_seqs[lo] == seq;
}

/* The rows status skips (corrected, or set aside by a competing
 * correction) and those in conflict: of every target, or of one (plan,
 * target) when given. */
static int load_corrected(struct log_reader *r, const char *plan,
                          const char *target, struct pt_error *err)
{
    struct graph g;
    if (load_graph(r->log, plan, target, &g, err) < 0)
        return -1;
    r->fixed = calloc(g.n ? g.n : 1, sizeof *r->fixed);
    r->fixed_seqs = calloc(g.n ? g.n : 1, sizeof *r->fixed_seqs);
    if (!r->fixed || !r->fixed_seqs) {
        graph_free(&g);
        return pt_fail(err, PT_EENV, "out of memory");
    }
    for (size_t i = 0; i < g.n; i++) {
        const struct correction_row *c = &g.v[i];
        bool hidden = c->corrected || c->set_aside;
        if (!hidden && !c->conflict)
            continue;
        struct corrected *f = &r->fixed[r->n_fixed++];
        f->plan = strdup(c->plan);
        f->target = strdup(c->target);
        memcpy(f->date, c->date, sizeof f->date);
        f->seq = c->seq;
        f->hidden = hidden;
        f->conflict = c->conflict;
        if (!f->plan || !f->target) {
            graph_free(&g);
            return pt_fail(err, PT_EENV, "out of memory");
        }
        if (hidden)
            r->fixed_seqs[r->n_seqs++] = c->seq;
    }
    graph_free(&g);
    if (r->n_fixed)
        qsort(r->fixed, r->n_fixed, sizeof *r->fixed, cmp_corrected);
    if (r->n_seqs)
        qsort(r->fixed_seqs, r->n_seqs, sizeof *r->fixed_seqs, cmp_seq);
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
    sqlite3_finalize(r->order);
    sqlite3_finalize(r->series);
    sqlite3_finalize(r->by_seq);
    if (r->snapshot)
        sqlite3_exec(r->log->db, "COMMIT", NULL, NULL, NULL);
    for (size_t i = 0; i < r->n_fixed; i++) {
        free(r->fixed[i].plan);
        free(r->fixed[i].target);
    }
    free(r->fixed);
    free(r->fixed_seqs);
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
        /* between rows of one date, which was recorded later */
        "SELECT recorded_at, uuid FROM observations WHERE seq = ?1",
    };
    struct log_reader *r = calloc(1, sizeof *r);
    *out = NULL;
    if (!r)
        return pt_fail(err, PT_EENV, "out of memory");
    r->log = log;
    snprintf(r->as_of, sizeof r->as_of, "%s", as_of ? as_of : "9999-12-31");
    sqlite3_stmt **st[] = {&r->latest, &r->first, &r->counts, &r->total,
                           &r->order};
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

/* A row as status reads it, refused when it holds what the schema's
 * ranges do not allow (a log changed behind plantrack's back): a date not
 * YYYY-MM-DD, a value that is not a finite number, an unknown state. */
static int read_brief(struct log_reader *r, sqlite3_stmt *st,
                      struct obs_brief *b)
{
    b->seq = sqlite3_column_int64(st, 0);
    const unsigned char *d = sqlite3_column_text(st, 1);
    int vt = sqlite3_column_type(st, 2);
    b->has_value = vt != SQLITE_NULL;
    b->value = sqlite3_column_double(st, 2);
    copy_col(st, 1, b->date, sizeof b->date);
    copy_col(st, 3, b->state, sizeof b->state);
    bool ok = d && strlen((const char *)d) == 10 && d[4] == '-' && d[7] == '-';
    for (int i = 0; ok && i < 10; i++)
        ok = i == 4 || i == 7 || (d[i] >= '0' && d[i] <= '9');
    if (b->has_value)
        ok = ok && (vt == SQLITE_FLOAT || vt == SQLITE_INTEGER) &&
             isfinite(b->value);
    else
        ok = ok && (strcmp(b->state, "done") == 0 ||
                    strcmp(b->state, "in-progress") == 0 ||
                    strcmp(b->state, "not-started") == 0);
    if (ok)
        return SQLITE_OK;
    r->bad_seq = b->seq;
    return SQLITE_MISMATCH;
}

/* A row's place in the order every log agrees on between rows of one
 * date: its recorded time, then its id. */
static int order_key(struct log_reader *r, int64_t seq, char rec[32],
                     char id[37])
{
    sqlite3_stmt *st = r->order;
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, seq);
    int rc = sqlite3_step(st);
    rec[0] = id[0] = '\0';
    if (rc == SQLITE_ROW) {
        copy_col(st, 0, rec, 32);
        copy_col(st, 1, id, 37);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Step st (rows of one target by date, then record order) to the row
 * status counts. Several of that date: the one recorded later (latest) or
 * earlier (!latest) is taken, not the one this log happened to insert
 * last, so that every log reads the same figure. With `later`, rows dated
 * after as-of are counted there on the way. */
static int pick_current(struct log_reader *r, sqlite3_stmt *st, bool latest,
                        int *later, bool *found, struct obs_brief *out)
{
    char best_rec[32] = "", best_id[37] = "", rec[32], id[37];
    bool keyed = false;
    int rc;
    *found = false;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *date = (const char *)sqlite3_column_text(st, 1);
        if (!date)
            date = "";
        if (later && strcmp(date, r->as_of) > 0) {
            (*later)++;
            continue;
        }
        int64_t seq = sqlite3_column_int64(st, 0);
        if (is_corrected(r, seq))
            continue;
        if (*found) {
            if (strcmp(date, out->date) != 0)
                break;
            if (!keyed && (rc = order_key(r, out->seq, best_rec, best_id)))
                break;
            keyed = true;
            if ((rc = order_key(r, seq, rec, id)))
                break;
            if (correction_later(rec, id, best_rec, best_id) != latest)
                continue;
            memcpy(best_rec, rec, sizeof best_rec);
            memcpy(best_id, id, sizeof best_id);
        }
        if ((rc = read_brief(r, st, out)) != SQLITE_OK)
            break;
        *found = true;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE) {
        *found = false;
        return rc;
    }
    return SQLITE_OK;
}

/* The rows of a target status skips dated on or before as-of, and whether
 * the target has a conflict. */
static int corrected_count(const struct log_reader *r, const char *plan,
                           const char *target, bool *conflict)
{
    struct corrected key = {.plan = (char *)plan, .target = (char *)target};
    *conflict = false;
    if (!r->n_fixed)
        return 0;
    const struct corrected *hit =
        bsearch(&key, r->fixed, r->n_fixed, sizeof *r->fixed, cmp_corrected);
    if (!hit)
        return 0;
    while (hit > r->fixed && cmp_corrected(hit - 1, &key) == 0)
        hit--;
    int n = 0;
    for (; hit < r->fixed + r->n_fixed && cmp_corrected(hit, &key) == 0;
         hit++) {
        n += hit->hidden && strcmp(hit->date, r->as_of) <= 0;
        *conflict |= hit->conflict;
    }
    return n;
}

int log_reader_target(struct log_reader *r, const char *plan,
                      const char *target, int total, const char *from_date,
                      struct target_obs *out, struct pt_error *err)
{
    memset(out, 0, sizeof *out);
    if (total <= 0)
        return 0;
    int later = 0;
    sqlite3_reset(r->latest);
    sqlite3_bind_text(r->latest, 1, plan, -1, SQLITE_STATIC);
    sqlite3_bind_text(r->latest, 2, target, -1, SQLITE_STATIC);
    int rc = pick_current(r, r->latest, true, &later, &out->has_latest,
                          &out->latest);
    out->n = total - later - corrected_count(r, plan, target, &out->conflict);
    if (out->n < 0)
        out->n = 0;
    if (rc == SQLITE_OK && from_date && out->has_latest) {
        bind_key(r->first, plan, target, r->as_of);
        sqlite3_bind_text(r->first, 4, from_date, -1, SQLITE_STATIC);
        rc = pick_current(r, r->first, false, NULL, &out->has_first,
                          &out->first);
    }
    if (rc == SQLITE_MISMATCH)
        return pt_fail(err, PT_EENV,
                       _("%s: row %lld holds a value outside the log's ranges "
                         "(a date, a number or a state no plantrack wrote): "
                         "nothing was shown; run 'plantrack verify'"),
                       r->log->path, (long long)r->bad_seq);
    return rc == SQLITE_OK ? 0 : sql_fail(r->log, err, rc, "reading the log");
}

int log_reader_latest_until(struct log_reader *r, const char *plan,
                            const char *target, const char *until, bool *found,
                            struct obs_brief *out, struct pt_error *err)
{
    /* The same walk down from the newest row, with an earlier cut-off. */
    struct target_obs to = {0};
    char as_of[11];
    int later = 0;
    memcpy(as_of, r->as_of, sizeof as_of);
    if (strcmp(until, r->as_of) < 0)
        snprintf(r->as_of, sizeof r->as_of, "%s", until);
    sqlite3_reset(r->latest);
    sqlite3_bind_text(r->latest, 1, plan, -1, SQLITE_STATIC);
    sqlite3_bind_text(r->latest, 2, target, -1, SQLITE_STATIC);
    int rc =
        pick_current(r, r->latest, true, &later, &to.has_latest, &to.latest);
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

/* A statement of the reader that only reports use, prepared once. */
static int reader_stmt(struct log_reader *r, sqlite3_stmt **st,
                       const char *sql, struct pt_error *err)
{
    if (*st)
        return 0;
    int rc = sqlite3_prepare_v3(r->log->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
                                st, NULL);
    return rc == SQLITE_OK ? 0 : sql_fail(r->log, err, rc, "reading the log");
}

int log_reader_series(struct log_reader *r, const char *plan,
                      const char *target,
                      int (*fn)(void *ctx, const struct obs_brief *o),
                      void *ctx, struct pt_error *err)
{
    /* The index by target holds every column read: no table row is. */
    if (reader_stmt(r, &r->series,
                    "SELECT seq, date, value, state FROM observations WHERE "
                    "plan = ?1 AND target = ?2 AND date <= ?3 "
                    "ORDER BY date, seq",
                    err) < 0)
        return -1;
    sqlite3_stmt *st = r->series;
    int rc;
    bind_key(st, plan, target, r->as_of);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct obs_brief b;
        if (is_corrected(r, sqlite3_column_int64(st, 0)))
            continue;
        if ((rc = read_brief(r, st, &b)) != SQLITE_OK || fn(ctx, &b))
            break;
    }
    sqlite3_reset(st);
    if (rc == SQLITE_MISMATCH)
        return pt_fail(err, PT_EENV,
                       _("%s: row %lld holds a value outside the log's ranges "
                         "(a date, a number or a state no plantrack wrote): "
                         "nothing was shown; run 'plantrack verify'"),
                       r->log->path, (long long)r->bad_seq);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE && rc != SQLITE_OK)
        return sql_fail(r->log, err, rc, "reading the log");
    return 0;
}

int log_reader_provenance(struct log_reader *r, int64_t seq, char **source,
                          char **author, struct pt_error *err)
{
    if (reader_stmt(r, &r->by_seq,
                    "SELECT source, author FROM observations WHERE seq = ?1",
                    err) < 0)
        return -1;
    sqlite3_stmt *st = r->by_seq;
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, seq);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *source = dup_col(st, 0);
        *author = dup_col(st, 1);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return *source && *author ? 0
                                  : pt_fail(err, PT_EENV, "out of memory");
    if (rc == SQLITE_DONE)
        return pt_fail(err, PT_EENV, "the log has no observation %lld",
                       (long long)seq);
    return sql_fail(r->log, err, rc, "reading the log");
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
             "SELECT %s FROM observations o %s ORDER BY date DESC, "
             "recorded_at DESC, uuid DESC",
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
    struct graph g = {0};
    if (rc != SQLITE_DONE ||
        load_graph(log, plan, plan ? target : NULL, &g, err) < 0) {
        obs_list_free(*out, *n);
        *out = NULL;
        *n = 0;
        return rc != SQLITE_DONE ? sql_fail(log, err, rc, "reading the history")
                                 : -1;
    }
    for (size_t i = 0; i < *n; i++)
        mark_standing(&g, &(*out)[i]);
    graph_free(&g);
    return 0;
}

/* Every observation (of those `where` keeps, with ?1 bound to arg) in
 * record order, each passed to fn until it returns non-zero. */
static int visit(struct log *log, const char *where, const char *arg,
                 int (*fn)(void *ctx, const struct obs *o), void *ctx,
                 struct pt_error *err)
{
    char sql[512];
    sqlite3_stmt *st;
    struct graph g;
    snprintf(sql, sizeof sql, "SELECT %s FROM observations o %s ORDER BY seq",
             COLUMNS, where);
    if (load_graph(log, NULL, NULL, &g, err) < 0)
        return -1;
    int rc = sqlite3_prepare_v2(log->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK) {
        graph_free(&g);
        return sql_fail(log, err, rc, "reading the log");
    }
    if (arg)
        sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct obs o;
        read_obs(st, &o);
        mark_standing(&g, &o);
        int stop = fn(ctx, &o);
        obs_clear(&o);
        if (stop)
            break;
    }
    sqlite3_finalize(st);
    graph_free(&g);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sql_fail(log, err, rc, "reading the log");
    return 0;
}

int log_each(struct log *log, int (*fn)(void *ctx, const struct obs *o),
             void *ctx, struct pt_error *err)
{
    return visit(log, "", NULL, fn, ctx, err);
}

int log_recorded_since(struct log *log, const char *utc,
                       int (*fn)(void *ctx, const struct obs *o), void *ctx,
                       struct pt_error *err)
{
    return visit(log, "WHERE recorded_at >= ?1", utc, fn, ctx, err);
}

/* ---- conflicts ---- */

static int get_exact(struct log *log, const char *uuid, struct obs *out,
                     struct pt_error *err)
{
    char sql[512];
    sqlite3_stmt *st;
    snprintf(sql, sizeof sql, "SELECT %s FROM observations o WHERE uuid = ?1",
             COLUMNS);
    int rc = sqlite3_prepare_v2(log->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return sql_fail(log, err, rc, "reading a conflict");
    bind_text(st, 1, uuid);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        read_obs(st, out);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        return sql_fail(log, err, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc,
                        "reading a conflict");
    return 0;
}

/* The competing figures first (the one that counts first, then by recorded
 * time, newest first), then the rest of the group. */
static int by_standing(const void *a, const void *b)
{
    const struct correction_row *x = *(const struct correction_row *const *)a;
    const struct correction_row *y = *(const struct correction_row *const *)b;
    if (x->conflict != y->conflict)
        return x->conflict ? -1 : 1;
    if (x->counts != y->counts)
        return x->counts ? -1 : 1;
    if (x == y)
        return 0;
    return correction_later(x->recorded_at, x->uuid, y->recorded_at, y->uuid)
               ? -1
               : 1;
}

static int by_place(const void *a, const void *b)
{
    const struct log_conflict *x = a, *y = b;
    int c = strcmp(x->original.plan, y->original.plan);
    if (!c)
        c = strcmp(x->original.target, y->original.target);
    if (!c)
        c = strcmp(x->original.date, y->original.date);
    return c ? c : strcmp(x->original.uuid, y->original.uuid);
}

/* One conflict from the rows of its group: the original is the row that
 * corrects nothing in the group (the earliest recorded, should there be
 * several). */
static int read_conflict(struct log *log, const struct graph *g,
                         const struct correction_row **rows, size_t n,
                         struct log_conflict *c, struct pt_error *err)
{
    const struct correction_row *orig = NULL;
    size_t figures = 0;
    qsort(rows, n, sizeof *rows, by_standing);
    for (size_t i = 0; i < n; i++) {
        figures += rows[i]->conflict;
        bool root = !rows[i]->corrects[0] ||
                    !correction_find(g->v, g->n, rows[i]->corrects);
        if (root &&
            (!orig || correction_later(orig->recorded_at, orig->uuid,
                                       rows[i]->recorded_at, rows[i]->uuid)))
            orig = rows[i];
    }
    memset(c, 0, sizeof *c);
    c->figures = calloc(figures ? figures : 1, sizeof *c->figures);
    if (!c->figures)
        return pt_fail(err, PT_EENV, "out of memory");
    if (get_exact(log, (orig ? orig : rows[0])->uuid, &c->original, err) < 0)
        return -1;
    for (size_t i = 0; i < figures; i++) {
        if (get_exact(log, rows[i]->uuid, &c->figures[i], err) < 0)
            return -1;
        c->n++;
        mark_standing(g, &c->figures[i]);
    }
    mark_standing(g, &c->original);
    return 0;
}

static int by_group(const void *a, const void *b)
{
    const struct correction_row *x = *(const struct correction_row *const *)a;
    const struct correction_row *y = *(const struct correction_row *const *)b;
    return x->group < y->group ? -1 : x->group > y->group;
}

int log_conflicts(struct log *log, const char *plan, const char *target,
                  struct log_conflict **out, size_t *n, struct pt_error *err)
{
    struct graph g;
    *out = NULL;
    *n = 0;
    if (load_graph(log, plan, plan ? target : NULL, &g, err) < 0)
        return -1;
    const struct correction_row **rows = calloc(g.n ? g.n : 1, sizeof *rows);
    int rc = rows ? 0 : pt_fail(err, PT_EENV, "out of memory");
    for (size_t i = 0; rows && i < g.n; i++)
        rows[i] = &g.v[i];
    if (rows)
        qsort(rows, g.n, sizeof *rows, by_group);
    size_t cap = 0;
    for (size_t start = 0, end; rc == 0 && start < g.n; start = end) {
        bool conflict = false;
        for (end = start; end < g.n && rows[end]->group == rows[start]->group;
             end++)
            conflict |= rows[end]->conflict;
        if (!conflict)
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 8;
            struct log_conflict *v = realloc(*out, cap * sizeof *v);
            if (!v) {
                rc = pt_fail(err, PT_EENV, "out of memory");
                break;
            }
            *out = v;
        }
        rc =
            read_conflict(log, &g, rows + start, end - start, &(*out)[*n], err);
        (*n)++;
    }
    if (rc == 0 && *n)
        qsort(*out, *n, sizeof **out, by_place);
    free(rows);
    graph_free(&g);
    if (rc < 0) {
        log_conflicts_free(*out, *n);
        *out = NULL;
        *n = 0;
    }
    return rc;
}

void log_conflicts_free(struct log_conflict *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        obs_clear(&v[i].original);
        obs_list_free(v[i].figures, v[i].n);
    }
    free(v);
}

/* ---- import ---- */

int log_import_start(struct log *log, const struct log_receipt *r, int64_t *id,
                     struct pt_error *err)
{
    sqlite3_stmt *st;
    char now[32];
    if (begin_write(log, err, "starting the import") < 0)
        return -1;
    int rc = sqlite3_prepare_v2(
        log->db,
        "INSERT INTO imports (run_by, host, at, file, sha256, bytes, rows, "
        "new_rows, duplicates, conflicts) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
        "?8, ?9, ?10)",
        -1, &st, NULL);
    if (rc == SQLITE_OK) {
        utc_now(now);
        bind_text(st, 1, log_author());
        bind_text(st, 2, log_host());
        bind_text(st, 3, now);
        bind_text(st, 4, r->file);
        bind_text(st, 5, r->sha256);
        sqlite3_bind_int64(st, 6, r->bytes);
        sqlite3_bind_int64(st, 7, r->rows);
        sqlite3_bind_int64(st, 8, r->new_rows);
        sqlite3_bind_int64(st, 9, r->duplicates);
        sqlite3_bind_int64(st, 10, r->conflicts);
        rc = sqlite3_step(st);
        sqlite3_finalize(st);
    }
    if (rc != SQLITE_DONE) {
        sql_fail(log, err, rc, "recording the import");
        sqlite3_exec(log->db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    *id = sqlite3_last_insert_rowid(log->db);
    if (end_write(log, err, "recording the import") < 0) {
        sqlite3_exec(log->db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    log->import_id = *id;
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
    return begin_write(log, err, "starting the import");
}

int log_commit(struct log *log, struct pt_error *err)
{
    return end_write(log, err, "committing the import");
}

void log_rollback(struct log *log)
{
    sqlite3_exec(log->db, "ROLLBACK", NULL, NULL, NULL);
}

int log_import_row(struct log *log, const struct obs *o, enum log_fate *fate,
                   struct pt_error *err)
{
    if (log_fate(log, o, fate, err) < 0)
        return -1;
    if (*fate != LOG_FATE_NEW)
        return 0;
    bool inserted;
    if (run_check(log, o, err) < 0 ||
        insert_row(log, &log->import, o, &inserted, err) < 0)
        return -1;
    if (!inserted) /* the no-replace trigger; log_fate saw no such uuid */
        return pt_fail(err, PT_EENV, "%s: %s: not recorded", log->path,
                       o->uuid);
    return 0;
}

int log_imports(struct log *log, struct log_import_info **out, size_t *n,
                struct pt_error *err)
{
    sqlite3_stmt *st;
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    if (log->version < 4)
        return 0;
    int rc = sqlite3_prepare_v2(
        log->db,
        "SELECT id, run_by, host, at, file, sha256, bytes, rows, new_rows, "
        "duplicates, conflicts, (SELECT count(*) FROM chain c WHERE "
        "c.import_id = i.id) FROM imports i ORDER BY id",
        -1, &st, NULL);
    while ((rc == SQLITE_OK || rc == SQLITE_ROW) &&
           (rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 8;
            struct log_import_info *v = realloc(*out, cap * sizeof *v);
            if (!v) {
                rc = SQLITE_NOMEM;
                break;
            }
            *out = v;
        }
        struct log_import_info *r = &(*out)[(*n)++];
        memset(r, 0, sizeof *r);
        r->id = sqlite3_column_int64(st, 0);
        r->run_by = dup_col(st, 1);
        r->host = dup_col(st, 2);
        copy_col(st, 3, r->at, sizeof r->at);
        r->file = dup_col(st, 4);
        copy_col(st, 5, r->sha256, sizeof r->sha256);
        r->bytes = sqlite3_column_int64(st, 6);
        r->rows = sqlite3_column_int64(st, 7);
        r->new_rows = sqlite3_column_int64(st, 8);
        r->duplicates = sqlite3_column_int64(st, 9);
        r->conflicts = sqlite3_column_int64(st, 10);
        r->added = sqlite3_column_int64(st, 11);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        log_imports_free(*out, *n);
        *out = NULL;
        *n = 0;
        return sql_fail(log, err, rc, "reading the imports");
    }
    return 0;
}

void log_imports_free(struct log_import_info *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].run_by);
        free(v[i].host);
        free(v[i].file);
    }
    free(v);
}

/* ---- another log, untrusted ---- */

static void foreign_text(sqlite3_stmt *st, int i, char **dst, struct obs *o,
                         bool null_ok)
{
    int type = sqlite3_column_type(st, i);
    const unsigned char *s = sqlite3_column_text(st, i);
    int n = sqlite3_column_bytes(st, i);
    *dst = strdup(s ? (const char *)s : "");
    if (type == SQLITE_NULL && null_ok)
        return;
    if (type != SQLITE_TEXT && !o->defect)
        o->defect = _("a text field holds something else");
    else if (s && strlen((const char *)s) != (size_t)n && !o->defect)
        o->defect = _("a text field holds a NUL byte");
}

static void foreign_row(sqlite3_stmt *st, struct obs *o)
{
    memset(o, 0, sizeof *o);
    o->seq = sqlite3_column_int64(st, 0);
    char *uuid, *date, *at;
    foreign_text(st, 1, &uuid, o, false);
    foreign_text(st, 2, &o->plan, o, false);
    foreign_text(st, 3, &o->target, o, false);
    foreign_text(st, 4, &date, o, false);
    int vt = sqlite3_column_type(st, 5);
    o->has_value = vt != SQLITE_NULL;
    o->value = sqlite3_column_double(st, 5);
    if (vt != SQLITE_NULL && vt != SQLITE_INTEGER && vt != SQLITE_FLOAT &&
        !o->defect)
        o->defect = _("the value is not a number");
    foreign_text(st, 6, &o->state, o, true);
    foreign_text(st, 7, &o->unit, o, false);
    foreign_text(st, 8, &o->source, o, false);
    foreign_text(st, 9, &o->note, o, false);
    foreign_text(st, 10, &o->author, o, false);
    foreign_text(st, 11, &o->host, o, false);
    foreign_text(st, 12, &at, o, false);
    foreign_text(st, 13, &o->corrects, o, true);
    /* Fixed-size fields: a longer text is not silently cut. */
    if ((strlen(uuid) >= sizeof o->uuid || strlen(date) >= sizeof o->date ||
         strlen(at) >= sizeof o->recorded_at) &&
        !o->defect)
        o->defect = _("the uuid, date or recorded_at is too long");
    snprintf(o->uuid, sizeof o->uuid, "%s", uuid);
    snprintf(o->date, sizeof o->date, "%s", date);
    snprintf(o->recorded_at, sizeof o->recorded_at, "%s", at);
    free(uuid);
    free(date);
    free(at);
}

static int foreign_fail(sqlite3 *db, const char *name, struct pt_error *err)
{
    return pt_fail(err, PT_EUSER,
                   _("%s: cannot be read as a plantrack log (%s)"), name,
                   sqlite3_errmsg(db));
}

int log_each_foreign(const void *bytes, size_t len, const char *name,
                     int64_t max_rows,
                     int (*fn)(void *ctx, const struct obs *o), void *ctx,
                     struct pt_error *err)
{
    sqlite3 *db;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_open_v2(":memory:", &db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        sqlite3_close(db);
        return pt_fail(err, PT_EENV, "out of memory");
    }
    /* Nothing of the file runs: no trigger, view or virtual table, no
     * function of its schema; no field longer than a megabyte. */
    sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
    sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
    sqlite3_limit(db, SQLITE_LIMIT_LENGTH, 1 << 20);
    /* A log in WAL mode says so in its header (bytes 18 and 19 are 2);
     * read from memory it is an ordinary database. */
    unsigned char *copy = sqlite3_malloc64(len ? len : 1);
    if (!copy) {
        sqlite3_close(db);
        return pt_fail(err, PT_EENV, "out of memory");
    }
    memcpy(copy, bytes, len);
    if (len >= 20 && copy[18] == 2 && copy[19] == 2)
        copy[18] = copy[19] = 1;
    rc = sqlite3_deserialize(
        db, "main", copy, (sqlite3_int64)len, (sqlite3_int64)len,
        SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY);
    if (rc != SQLITE_OK) {
        pt_fail(err, PT_EUSER, _("%s: not a SQLite database"), name);
        goto done;
    }
    int is_table = 0;
    rc = sqlite3_prepare_v2(db,
                            "SELECT type = 'table' AND sql NOT LIKE "
                            "'CREATE VIRTUAL%' FROM sqlite_master WHERE "
                            "name = 'observations'",
                            -1, &st, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
        is_table = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    st = NULL;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        foreign_fail(db, name, err);
        goto done;
    }
    if (!is_table) {
        pt_fail(err, PT_EUSER,
                _("%s: not a plantrack log (it has no observations table; a "
                  "view or a virtual table is not read)"),
                name);
        rc = SQLITE_ERROR;
        goto done;
    }
    rc = sqlite3_prepare_v2(db, "SELECT count(*) FROM observations", -1, &st,
                            NULL);
    int64_t n = -1;
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    st = NULL;
    if (n < 0) {
        foreign_fail(db, name, err);
        rc = SQLITE_ERROR;
        goto done;
    }
    if (n > max_rows) {
        pt_fail(err, PT_EUSER,
                _("%s: %lld observations, more than the %lld one import takes: "
                  "split it"),
                name, (long long)n, (long long)max_rows);
        rc = SQLITE_ERROR;
        goto done;
    }
    rc = sqlite3_prepare_v2(db,
                            "SELECT seq, uuid, plan, target, date, value, "
                            "state, unit, source, note, author, host, "
                            "recorded_at, corrects FROM observations ORDER "
                            "BY seq",
                            -1, &st, NULL);
    if (rc != SQLITE_OK) {
        foreign_fail(db, name, err);
        goto done;
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct obs o;
        foreign_row(st, &o);
        int stop = fn(ctx, &o);
        obs_clear(&o);
        if (stop)
            break;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        foreign_fail(db, name, err);
done:
    sqlite3_finalize(st);
    sqlite3_close(db);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/* ---- the chain ---- */

int log_head(struct log *log, char hex[65], int64_t *rows, struct pt_error *err)
{
    sqlite3_stmt *st;
    chain_hex(NULL, hex);
    *rows = 0;
    if (log->version < 4)
        return pt_fail(err, PT_EENV,
                       _("%s: the log has no chain yet (schema %d): it gets "
                         "one at its next write"),
                       log->path, log->version);
    int rc = sqlite3_prepare_v2(log->db,
                                "SELECT (SELECT hash FROM chain ORDER BY seq "
                                "DESC LIMIT 1), (SELECT count(*) FROM chain)",
                                -1, &st, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (sqlite3_column_bytes(st, 0) == CHAIN_HASH_LEN)
            chain_hex(sqlite3_column_blob(st, 0), hex);
        *rows = sqlite3_column_int64(st, 1);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK ? 0 : sql_fail(log, err, rc, "reading the chain");
}

struct verify_run {
    void (*fn)(void *ctx, const struct log_finding *f);
    void *ctx;
    struct log_verify_result *res;
    int64_t first_bad; /* the first row changed, removed or slipped in */
};

static void found(struct verify_run *v, enum log_finding_kind kind, int64_t seq,
                  const char *uuid, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void found(struct verify_run *v, enum log_finding_kind kind, int64_t seq,
                  const char *uuid, const char *fmt, ...)
{
    struct log_finding f = {.kind = kind, .seq = seq};
    snprintf(f.uuid, sizeof f.uuid, "%s", uuid ? uuid : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(f.what, sizeof f.what, fmt, ap);
    va_end(ap);
    if (kind != LOG_FOUND_INCIDENT)
        v->res->problems++;
    if ((kind == LOG_FOUND_CHANGED || kind == LOG_FOUND_REMOVED ||
         kind == LOG_FOUND_UNLINKED) &&
        seq > 0 && (v->first_bad == 0 || seq < v->first_bad))
        v->first_bad = seq;
    v->fn(v->ctx, &f);
}

static void trigger_found(void *ctx, const char *name, const char *what)
{
    struct verify_run *v = ctx;
    if (strcmp(what, "missing") == 0)
        found(v, LOG_FOUND_TRIGGER, 0, NULL,
              _("the trigger or view %s is missing: it was dropped behind "
                "plantrack's back"),
              name);
    else if (strcmp(what, "added") == 0)
        found(v, LOG_FOUND_TRIGGER, 0, NULL,
              _("a trigger or view %s was added behind plantrack's back"),
              name);
    else
        found(v, LOG_FOUND_TRIGGER, 0, NULL,
              _("the trigger or view %s was changed behind plantrack's back"),
              name);
}

/* Every row against its link, in seq order: observations and chain walked
 * side by side. */
static int walk_chain(struct log *log, struct verify_run *v,
                      const unsigned char *head, struct pt_error *err)
{
    sqlite3_stmt *a = NULL, *b = NULL;
    unsigned char prev[CHAIN_HASH_LEN], want[CHAIN_HASH_LEN];
    bool have_prev = false;
    int64_t prev_seq = 0;
    int rc = sqlite3_prepare_v2(log->db,
                                "SELECT o.seq, " LINKED_COLUMNS
                                " FROM observations o ORDER BY o.seq",
                                -1, &a, NULL);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(a);
        return sql_fail(log, err, rc, "reading the log");
    }
    rc = sqlite3_prepare_v2(log->db,
                            "SELECT seq, import_id, hash FROM chain ORDER BY "
                            "seq",
                            -1, &b, NULL);
    if (rc != SQLITE_OK) {
        found(v, LOG_FOUND_REMOVED, 0, NULL,
              _("the chain itself is gone (%s): nothing can be verified"),
              sqlite3_errmsg(log->db));
        sqlite3_finalize(a);
        return 0;
    }
    if (head &&
        memcmp(head, (unsigned char[CHAIN_HASH_LEN]){0}, CHAIN_HASH_LEN) == 0)
        v->res->head_seq = -1; /* the empty log's head: always passed */
    int ra = sqlite3_step(a), rb = sqlite3_step(b);
    while (ra == SQLITE_ROW || rb == SQLITE_ROW) {
        int64_t sa = ra == SQLITE_ROW ? sqlite3_column_int64(a, 0) : INT64_MAX;
        int64_t sb = rb == SQLITE_ROW ? sqlite3_column_int64(b, 0) : INT64_MAX;
        const char *uuid =
            sa <= sb ? (const char *)sqlite3_column_text(a, 1) : NULL;
        if (sa < sb) {
            v->res->rows++;
            found(v, LOG_FOUND_UNLINKED, sa, uuid,
                  _("row %lld (%s) has no link in the chain: it was inserted "
                    "behind plantrack's back"),
                  (long long)sa, uuid ? uuid : "?");
            ra = sqlite3_step(a);
            continue;
        }
        const void *stored = sqlite3_column_blob(b, 2);
        bool stored_ok = sqlite3_column_bytes(b, 2) == CHAIN_HASH_LEN;
        v->res->links++;
        if (sb < sa) {
            found(v, LOG_FOUND_REMOVED, sb, NULL,
                  _("row %lld was removed (its link remains)"), (long long)sb);
        } else {
            v->res->rows++;
            struct chain_field f[CHAIN_NFIELDS];
            field_of_column(a, 0, &f[0]);
            field_of_column(b, 1, &f[1]);
            for (int i = 2; i < CHAIN_NFIELDS; i++)
                field_of_column(a, i - 1, &f[i]);
            chain_link(have_prev ? prev : NULL, f, CHAIN_NFIELDS, want);
            if (!stored_ok || memcmp(want, stored, CHAIN_HASH_LEN) != 0) {
                if (sa == prev_seq + 2)
                    found(v, LOG_FOUND_REMOVED, sa, uuid,
                          _("row %lld, before row %lld (%s), was removed"),
                          (long long)(prev_seq + 1), (long long)sa,
                          uuid ? uuid : "?");
                else if (sa > prev_seq + 2)
                    found(v, LOG_FOUND_REMOVED, sa, uuid,
                          _("rows %lld to %lld, before row %lld (%s), were "
                            "removed"),
                          (long long)(prev_seq + 1), (long long)(sa - 1),
                          (long long)sa, uuid ? uuid : "?");
                else
                    found(v, LOG_FOUND_CHANGED, sa, uuid,
                          _("row %lld (%s) was changed after it was recorded "
                            "(it no longer matches its link)"),
                          (long long)sa, uuid ? uuid : "?");
            }
            ra = sqlite3_step(a);
        }
        if (v->res->head_seq < 0 ||
            (v->res->head_seq > 0 && sb > v->res->head_seq))
            v->res->since_head++;
        if (stored_ok) {
            memcpy(prev, stored, CHAIN_HASH_LEN);
            have_prev = true;
            if (head && memcmp(head, stored, CHAIN_HASH_LEN) == 0) {
                v->res->head_seq = sb;
                v->res->since_head = 0;
            }
        }
        prev_seq = sb;
        rb = sqlite3_step(b);
    }
    sqlite3_finalize(a);
    sqlite3_finalize(b);
    if ((ra != SQLITE_DONE && ra != SQLITE_ROW) ||
        (rb != SQLITE_DONE && rb != SQLITE_ROW))
        return sql_fail(log, err, ra != SQLITE_DONE ? ra : rb,
                        "reading the chain");
    if (have_prev)
        chain_hex(prev, v->res->head);
    return 0;
}

/* The per-target counts status reads, against the rows they count. */
static int check_counts(struct log *log, struct verify_run *v,
                        struct pt_error *err)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(
        log->db,
        "SELECT plan, target FROM (SELECT plan, target, count(*), max(date) "
        "FROM observations GROUP BY plan, target EXCEPT SELECT plan, target, "
        "n, last_date FROM target_counts) UNION SELECT plan, target FROM "
        "(SELECT plan, target, n, last_date FROM target_counts EXCEPT SELECT "
        "plan, target, count(*), max(date) FROM observations GROUP BY plan, "
        "target) LIMIT 20",
        -1, &st, NULL);
    while ((rc == SQLITE_OK || rc == SQLITE_ROW) &&
           (rc = sqlite3_step(st)) == SQLITE_ROW)
        found(v, LOG_FOUND_COUNTS, 0, NULL,
              _("the count of %s/%s that status reads does not match its "
                "rows: target_counts was changed behind plantrack's back"),
              sqlite3_column_text(st, 0), sqlite3_column_text(st, 1));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : sql_fail(log, err, rc, "counting");
}

static int check_integrity(struct log *log, struct verify_run *v,
                           struct pt_error *err)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(log->db, "PRAGMA integrity_check(20)", -1, &st,
                                NULL);
    while ((rc == SQLITE_OK || rc == SQLITE_ROW) &&
           (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *what = (const char *)sqlite3_column_text(st, 0);
        if (what && strcmp(what, "ok") != 0)
            found(v, LOG_FOUND_DAMAGED, 0, NULL, _("damaged: %s"), what);
    }
    sqlite3_finalize(st);
    if ((rc & 0xFF) == SQLITE_CORRUPT) {
        found(v, LOG_FOUND_DAMAGED, 0, NULL, _("damaged: %s"),
              sqlite3_errmsg(log->db));
        return 0;
    }
    return rc == SQLITE_DONE ? 0 : sql_fail(log, err, rc, "checking");
}

static int list_incidents(struct log *log, struct verify_run *v,
                          struct pt_error *err)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(log->db,
                                "SELECT at, by, host, found, head FROM "
                                "incidents ORDER BY id",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) { /* the table itself was dropped */
        found(v, LOG_FOUND_REMOVED, 0, NULL,
              _("the incidents table is gone (%s)"), sqlite3_errmsg(log->db));
        return 0;
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        found(v, LOG_FOUND_INCIDENT, 0, NULL,
              _("on %s %s@%s repaired the log after finding: %s (head then "
                "%.16s)"),
              sqlite3_column_text(st, 0), sqlite3_column_text(st, 1),
              sqlite3_column_text(st, 2), sqlite3_column_text(st, 3),
              sqlite3_column_text(st, 4));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : sql_fail(log, err, rc, "reading");
}

int log_verify(struct log *log, const char *head,
               void (*fn)(void *ctx, const struct log_finding *f), void *ctx,
               struct log_verify_result *res, struct pt_error *err)
{
    struct verify_run v = {fn, ctx, res, 0};
    unsigned char want[CHAIN_HASH_LEN];
    memset(res, 0, sizeof *res);
    chain_hex(NULL, res->head);
    if (head && chain_unhex(head, want) < 0)
        return pt_fail(err, PT_EUSER,
                       _("'%s' is not a head (64 hexadecimal digits, as "
                         "plantrack verify prints it)"),
                       head);
    if (log->placeholder) {
        /* An empty (or emptied) log holds nothing a printed head covered. */
        if (head && memcmp(want, (unsigned char[CHAIN_HASH_LEN]){0},
                           CHAIN_HASH_LEN) != 0)
            found(&v, LOG_FOUND_HEAD, 0, NULL,
                  _("the log is empty: the rows head %.16s… covered are gone "
                    "(the log was emptied, removed or replaced)"),
                  head);
        else if (head)
            res->head_held = true;
        return 0;
    }
    if (log->version < 4)
        return pt_fail(err, PT_EENV,
                       _("%s: the log has no chain yet (schema %d): it gets "
                         "one at its next write"),
                       log->path, log->version);
    int n_diff;
    if (sqlite3_exec(log->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        return sql_fail(log, err, sqlite3_errcode(log->db), "reading the log");
    int rc = check_integrity(log, &v, err);
    if (rc == 0)
        rc = schema_diff(log, trigger_found, &v, &n_diff, err);
    if (rc == 0)
        rc = walk_chain(log, &v, head ? want : NULL, err);
    if (rc == 0)
        rc = check_counts(log, &v, err);
    if (rc == 0)
        rc = list_incidents(log, &v, err);
    sqlite3_exec(log->db, "COMMIT", NULL, NULL, NULL);
    if (rc == 0 && head && res->head_seq == 0)
        found(&v, LOG_FOUND_HEAD, 0, NULL,
              _("the chain no longer passes through %.16s…: rows it covered "
                "were removed or changed since it was printed (or it is "
                "another log's)"),
              head);
    else if (rc == 0 && head && v.first_bad &&
             (res->head_seq < 0 || v.first_bad <= res->head_seq))
        found(&v, LOG_FOUND_HEAD, v.first_bad, NULL,
              _("rows covered by head %.16s… were changed or removed since "
                "it was printed (row %lld first)"),
              head, (long long)v.first_bad);
    else if (rc == 0 && head)
        res->head_held = true;
    return rc;
}

int log_repair(struct log *log, const char *found_text, struct pt_error *err)
{
    struct schema_item *have = NULL;
    size_t n_have = 0;
    char head[65], now[32];
    int64_t rows;
    if (log->placeholder)
        return pt_fail(err, PT_EENV, _("%s: the log was opened read-only"),
                       log->path);
    if (load_expected(log, err) < 0 ||
        exec(log, "BEGIN IMMEDIATE", err, "starting the repair") < 0)
        return -1;
    int rc = read_items(log->db, &have, &n_have);
    /* Take away what plantrack did not make, put back what it did. */
    for (size_t j = 0; rc == SQLITE_OK && j < n_have; j++) {
        bool same = false;
        for (size_t i = 0; i < log->n_expected; i++)
            same |= strcmp(log->expected[i].name, have[j].name) == 0 &&
                    strcmp(log->expected[i].sql, have[j].sql) == 0;
        if (same)
            continue;
        char *sql = sqlite3_mprintf(strncmp(have[j].sql, "CREATE VIEW", 11) == 0
                                        ? "DROP VIEW \"%w\""
                                        : "DROP TRIGGER \"%w\"",
                                    have[j].name);
        rc = sql ? sqlite3_exec(log->db, sql, NULL, NULL, NULL) : SQLITE_NOMEM;
        sqlite3_free(sql);
    }
    for (size_t i = 0; rc == SQLITE_OK && i < log->n_expected; i++) {
        bool there = false;
        for (size_t j = 0; j < n_have; j++)
            there |= strcmp(log->expected[i].name, have[j].name) == 0 &&
                     strcmp(log->expected[i].sql, have[j].sql) == 0;
        if (!there)
            rc = sqlite3_exec(log->db, log->expected[i].sql, NULL, NULL, NULL);
    }
    free_items(have, n_have);
    if (rc != SQLITE_OK) {
        sql_fail(log, err, rc, "repairing");
        goto fail;
    }
    if (log_head(log, head, &rows, err) < 0)
        goto fail;
    sqlite3_stmt *st;
    rc = sqlite3_prepare_v2(log->db,
                            "INSERT INTO incidents (at, by, host, found, head) "
                            "VALUES (?1, ?2, ?3, ?4, ?5)",
                            -1, &st, NULL);
    if (rc == SQLITE_OK) {
        utc_now(now);
        bind_text(st, 1, now);
        bind_text(st, 2, log_author());
        bind_text(st, 3, log_host());
        bind_text(st, 4, found_text);
        bind_text(st, 5, head);
        rc = sqlite3_step(st);
        sqlite3_finalize(st);
    }
    if (rc != SQLITE_DONE) {
        sql_fail(log, err, rc, "recording the incident");
        goto fail;
    }
    return exec(log, "COMMIT", err, "committing the repair");
fail:
    sqlite3_exec(log->db, "ROLLBACK", NULL, NULL, NULL);
    return -1;
}

int log_read_begin(struct log *log, struct pt_error *err)
{
    return exec(log, "BEGIN", err, "reading the log");
}

void log_read_end(struct log *log)
{
    sqlite3_exec(log->db, "COMMIT", NULL, NULL, NULL);
}

int log_data_version(struct log *log, int64_t *out)
{
    int v;
    if (pragma_int(log, "PRAGMA data_version", &v, NULL) < 0)
        return -1;
    *out = v;
    return 0;
}

/* ---- sync: identity, receipts, what each peer has seen ---- */

static int pragma_int64(struct log *log, const char *sql, int64_t *out,
                        struct pt_error *err)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(log->db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            *out = sqlite3_column_int64(st, 0);
            rc = SQLITE_OK;
        }
        sqlite3_finalize(st);
    }
    return rc == SQLITE_OK ? 0 : sql_fail(log, err, rc, "reading the log");
}

static int sync_ready(struct log *log, struct pt_error *err)
{
    if (log->placeholder || log->version < 5)
        return pt_fail(err, PT_EENV,
                       _("%s: the log cannot be written (open it once with "
                         "this plantrack to bring it up to date)"),
                       log->path);
    return 0;
}

static int read_identity(struct log *log, struct log_identity *id, bool *found)
{
    sqlite3_stmt *st;
    *found = false;
    int rc = sqlite3_prepare_v2(
        log->db, "SELECT id, name, at FROM identity ORDER BY n DESC LIMIT 1",
        -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        copy_col(st, 0, id->id, sizeof id->id);
        copy_col(st, 1, id->name, sizeof id->name);
        copy_col(st, 2, id->since, sizeof id->since);
        *found = true;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int write_identity(struct log *log, const char *id, const char *name,
                          struct pt_error *err)
{
    sqlite3_stmt *st;
    char now[32];
    utc_now(now);
    int rc = sqlite3_prepare_v2(
        log->db, "INSERT INTO identity (id, name, at) VALUES (?1, ?2, ?3)", -1,
        &st, NULL);
    if (rc == SQLITE_OK) {
        bind_text(st, 1, id);
        bind_text(st, 2, name);
        bind_text(st, 3, now);
        rc = sqlite3_step(st);
        sqlite3_finalize(st);
    }
    return rc == SQLITE_DONE ? 0 : sql_fail(log, err, rc, "naming the log");
}

int log_identity(struct log *log, const char *new_name, bool renew,
                 struct log_identity *out, struct pt_error *err)
{
    bool found;
    memset(out, 0, sizeof *out);
    if (sync_ready(log, err) < 0)
        return -1;
    int rc = read_identity(log, out, &found);
    if (rc != SQLITE_OK)
        return sql_fail(log, err, rc, "reading the log's identity");
    if (found && !renew && (!new_name || strcmp(new_name, out->name) == 0))
        return 0;
    if (begin_write(log, err, "naming the log") < 0)
        return -1;
    rc = read_identity(log, out, &found);
    if (rc != SQLITE_OK) {
        sql_fail(log, err, rc, "reading the log's identity");
        goto fail;
    }
    if (!found || renew)
        log_new_uuid(out->id);
    if (new_name)
        snprintf(out->name, sizeof out->name, "%s", new_name);
    else if (!found) {
        /* the machine's name: what a person calls a laptop or a server */
        snprintf(out->name, sizeof out->name, "%.*s",
                 (int)strcspn(log_host(), "."), log_host());
        if (!out->name[0])
            snprintf(out->name, sizeof out->name, "log");
    }
    if (write_identity(log, out->id, out->name, err) < 0 ||
        end_write(log, err, "naming the log") < 0)
        goto fail;
    rc = read_identity(log, out, &found);
    return rc == SQLITE_OK ? 0 : sql_fail(log, err, rc, "naming the log");
fail:
    sqlite3_exec(log->db, "ROLLBACK", NULL, NULL, NULL);
    return -1;
}

int log_peer(struct log *log, const char *self_id, const char *who,
             struct log_peer *out, struct pt_error *err)
{
    sqlite3_stmt *st;
    memset(out, 0, sizeof *out);
    if (sync_ready(log, err) < 0)
        return -1;
    /* who: an id, or the name the peer last gave itself */
    int rc = sqlite3_prepare_v2(
        log->db,
        "SELECT direction, peer_id, peer_name, for_id, lo, hi, ack FROM syncs "
        "WHERE peer_id = (SELECT peer_id FROM syncs WHERE peer_id = ?1 OR "
        "(peer_name = ?1 AND peer_id <> '') ORDER BY id DESC LIMIT 1) "
        "ORDER BY id",
        -1, &st, NULL);
    if (rc != SQLITE_OK)
        return sql_fail(log, err, rc, "reading the sync receipts");
    bind_text(st, 1, who);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *dir = (const char *)sqlite3_column_text(st, 0);
        const char *for_id = (const char *)sqlite3_column_text(st, 3);
        int64_t lo = sqlite3_column_int64(st, 4);
        int64_t hi = sqlite3_column_int64(st, 5);
        int64_t ack = sqlite3_column_int64(st, 6);
        out->known = true;
        copy_col(st, 1, out->id, sizeof out->id);
        if (dir && strcmp(dir, "in") == 0) {
            copy_col(st, 2, out->name, sizeof out->name);
            /* contiguous from the start: a changeset after a gap does not
             * say the rows in the gap arrived */
            if (lo <= out->received && hi > out->received)
                out->received = hi;
            if (for_id && self_id && strcmp(for_id, self_id) == 0 &&
                ack > out->acked)
                out->acked = ack;
        } else if (hi > out->sent) {
            out->sent = hi;
        }
        if (!out->name[0])
            copy_col(st, 2, out->name, sizeof out->name);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return sql_fail(log, err, rc, "reading the sync receipts");
    if (out->acked > out->sent && out->sent)
        out->acked = out->sent;
    return 0;
}

int log_max_seq(struct log *log, int64_t *out, struct pt_error *err)
{
    return pragma_int64(log, "SELECT coalesce(max(seq), 0) FROM observations",
                        out, err);
}

static int insert_sync(struct log *log, const struct log_sync *r, int64_t *id,
                       struct pt_error *err)
{
    sqlite3_stmt *st;
    char now[32];
    utc_now(now);
    int rc = sqlite3_prepare_v2(
        log->db,
        "INSERT INTO syncs (direction, at, run_by, host, peer_id, peer_name, "
        "for_id, import_id, file, sha256, lo, hi, ack, rows, added, "
        "duplicates, conflicts, head_before, head_after) VALUES (?1, ?2, ?3, "
        "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
        "?19)",
        -1, &st, NULL);
    if (rc == SQLITE_OK) {
        bind_text(st, 1, r->out ? "out" : "in");
        bind_text(st, 2, now);
        bind_text(st, 3, log_author());
        bind_text(st, 4, log_host());
        bind_text(st, 5, r->peer_id);
        bind_text(st, 6, r->peer_name);
        bind_text(st, 7, r->for_id);
        if (r->import_id > 0)
            sqlite3_bind_int64(st, 8, r->import_id);
        bind_text(st, 9, r->file);
        bind_text(st, 10, r->sha256);
        sqlite3_bind_int64(st, 11, r->lo);
        sqlite3_bind_int64(st, 12, r->hi);
        sqlite3_bind_int64(st, 13, r->ack);
        sqlite3_bind_int64(st, 14, r->rows);
        sqlite3_bind_int64(st, 15, r->added);
        sqlite3_bind_int64(st, 16, r->duplicates);
        sqlite3_bind_int64(st, 17, r->conflicts);
        bind_text(st, 18, r->head_before);
        bind_text(st, 19, r->head_after);
        rc = sqlite3_step(st);
        sqlite3_finalize(st);
    }
    if (rc != SQLITE_DONE)
        return sql_fail(log, err, rc, "recording the sync");
    *id = sqlite3_last_insert_rowid(log->db);
    return 0;
}

int log_sync_record(struct log *log, struct log_sync *r,
                    const char *const *held_ids, const char *const *held_rows,
                    size_t n_held, struct pt_error *err)
{
    int64_t n;
    if (sync_ready(log, err) < 0 ||
        begin_write(log, err, "recording the sync") < 0)
        return -1;
    if (log_head(log, r->head_after, &n, err) < 0 ||
        insert_sync(log, r, &r->id, err) < 0)
        goto fail;
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(
        log->db, "INSERT INTO held (sync_id, uuid, row) VALUES (?1, ?2, ?3)",
        -1, &st, NULL);
    for (size_t i = 0; rc == SQLITE_OK && i < n_held; i++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, r->id);
        bind_text(st, 2, held_ids[i]);
        bind_text(st, 3, held_rows[i]);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK
                                             : sqlite3_errcode(log->db);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_OK) {
        sql_fail(log, err, rc, "keeping the conflicting rows");
        goto fail;
    }
    if (end_write(log, err, "recording the sync") < 0)
        goto fail;
    return 0;
fail:
    sqlite3_exec(log->db, "ROLLBACK", NULL, NULL, NULL);
    return -1;
}

int log_syncs(struct log *log, struct log_sync **out, size_t *n,
              struct pt_error *err)
{
    sqlite3_stmt *st;
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    if (log->version < 5)
        return 0;
    int rc = sqlite3_prepare_v2(
        log->db,
        "SELECT id, direction, at, run_by, host, peer_id, peer_name, for_id, "
        "coalesce(import_id, 0), file, sha256, lo, hi, ack, rows, added, "
        "duplicates, conflicts, head_before, head_after FROM syncs ORDER BY id",
        -1, &st, NULL);
    while ((rc == SQLITE_OK || rc == SQLITE_ROW) &&
           (rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 8;
            struct log_sync *v = realloc(*out, cap * sizeof *v);
            if (!v) {
                rc = SQLITE_NOMEM;
                break;
            }
            *out = v;
        }
        struct log_sync *r = &(*out)[(*n)++];
        memset(r, 0, sizeof *r);
        const char *dir = (const char *)sqlite3_column_text(st, 1);
        r->id = sqlite3_column_int64(st, 0);
        r->out = dir && strcmp(dir, "out") == 0;
        copy_col(st, 2, r->at, sizeof r->at);
        copy_col(st, 3, r->run_by, sizeof r->run_by);
        copy_col(st, 4, r->host, sizeof r->host);
        copy_col(st, 5, r->peer_id, sizeof r->peer_id);
        copy_col(st, 6, r->peer_name, sizeof r->peer_name);
        copy_col(st, 7, r->for_id, sizeof r->for_id);
        r->import_id = sqlite3_column_int64(st, 8);
        copy_col(st, 9, r->file, sizeof r->file);
        copy_col(st, 10, r->sha256, sizeof r->sha256);
        r->lo = sqlite3_column_int64(st, 11);
        r->hi = sqlite3_column_int64(st, 12);
        r->ack = sqlite3_column_int64(st, 13);
        r->rows = sqlite3_column_int64(st, 14);
        r->added = sqlite3_column_int64(st, 15);
        r->duplicates = sqlite3_column_int64(st, 16);
        r->conflicts = sqlite3_column_int64(st, 17);
        copy_col(st, 18, r->head_before, sizeof r->head_before);
        copy_col(st, 19, r->head_after, sizeof r->head_after);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        free(*out);
        *out = NULL;
        *n = 0;
        return sql_fail(log, err, rc, "reading the sync receipts");
    }
    return 0;
}

int log_held(struct log *log,
             int (*fn)(void *ctx, int64_t sync_id, const char *uuid,
                       const char *row),
             void *ctx, struct pt_error *err)
{
    sqlite3_stmt *st;
    if (log->version < 5)
        return 0;
    int rc = sqlite3_prepare_v2(
        log->db, "SELECT sync_id, uuid, row FROM held ORDER BY rowid", -1, &st,
        NULL);
    while ((rc == SQLITE_OK || rc == SQLITE_ROW) &&
           (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *u = (const char *)sqlite3_column_text(st, 1);
        const char *row = (const char *)sqlite3_column_text(st, 2);
        if (fn(ctx, sqlite3_column_int64(st, 0), u ? u : "", row ? row : "")) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : sql_fail(log, err, rc, "reading held rows");
}
