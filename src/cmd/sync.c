/* plantrack sync: carry observations between logs (a field laptop and the
 * city server, a city and the province) as changesets (src/changeset.c).
 *
 *   sync export [-o FILE] [--for PEER]   what PEER has not seen yet
 *   sync apply FILE|- [--dry-run]        merge a changeset
 *   sync HOST                            both ways, through ssh
 *   sync log                             the receipts
 *   sync id [NAME] [--renew]             this log's identity
 *
 * Rows enter through the import machinery (src/cmd/import.c), so each
 * passes the one check and is linked into this log's own chain; the chain
 * never travels. Every changeset written or applied leaves a receipt. */
#include "plantrack/cmd.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "plantrack/admit.h"
#include "plantrack/chain.h"
#include "plantrack/changeset.h"
#include "plantrack/i18n.h"
#include "plantrack/shared.h"

extern char **environ;

/* A changeset is read whole, like an import. */
#define SYNC_MAX_BYTES ((size_t)1 << 30)

/* ---- reading and writing bytes ---- */

struct bytes {
    char *p;
    size_t len, cap;
};

static int read_fd(int fd, struct bytes *b, const char *name,
                   struct pt_error *err)
{
    for (;;) {
        if (b->len == b->cap) {
            if (b->cap > SYNC_MAX_BYTES)
                return pt_fail(err, PT_EUSER,
                               _("%s: more than %zu MiB: not a changeset "
                                 "this program takes"),
                               name, SYNC_MAX_BYTES >> 20);
            size_t cap = b->cap ? b->cap * 2 : 1 << 16;
            char *p = realloc(b->p, cap);
            if (!p)
                return pt_fail(err, PT_EENV, "out of memory");
            b->p = p;
            b->cap = cap;
        }
        ssize_t n = read(fd, b->p + b->len, b->cap - b->len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return pt_fail(err, PT_EUSER, "%s: %s", name, strerror(errno));
        if (n == 0)
            return 0;
        b->len += (size_t)n;
    }
}

static int read_path(const char *path, struct bytes *b, struct pt_error *err)
{
    if (strcmp(path, "-") == 0)
        return read_fd(STDIN_FILENO, b, _("standard input"), err);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return pt_fail(err, PT_EUSER, "%s: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        return pt_fail(err, PT_EUSER, _("%s is a directory"), path);
    }
    int rc = read_fd(fd, b, path, err);
    close(fd);
    return rc;
}

/* ---- export ---- */

struct gather {
    struct changeset_encoder enc;
    int64_t lo, hi;
};

static int gather_row(void *ctx, const struct obs *o)
{
    struct gather *g = ctx;
    if (o->seq <= g->lo)
        return 0;
    changeset_encode(&g->enc, o);
    if (o->seq > g->hi)
        g->hi = o->seq;
    return 0;
}

/* The changeset for a peer (NULL: for any log) in memory, and its receipt
 * recorded. */
static int make_changeset(const struct cli_opts *o, struct log *log,
                          const struct log_identity *self, const char *peer,
                          const char *file, struct bytes *out,
                          struct pt_error *err)
{
    struct log_peer p = {0};
    struct changeset_header h = {0};
    struct gather g = {0};
    (void)o;
    if (peer && log_peer(log, self->id, peer, &p, err) < 0)
        return -1;
    if (peer && !p.known && !admit_uuid(peer) && !changeset_name_ok(peer))
        return pt_fail(err, PT_EUSER,
                       _("--for '%s': a log is named by 1 to 64 characters "
                         "with no space, or by its id"),
                       peer);
    snprintf(h.from_id, sizeof h.from_id, "%s", self->id);
    snprintf(h.from_name, sizeof h.from_name, "%s", self->name);
    if (peer && p.known) {
        snprintf(h.for_id, sizeof h.for_id, "%s", p.id);
        snprintf(h.for_name, sizeof h.for_name, "%s", p.name);
    } else if (peer && admit_uuid(peer)) {
        snprintf(h.for_id, sizeof h.for_id, "%s", peer);
    } else if (peer) {
        snprintf(h.for_name, sizeof h.for_name, "%s", peer);
    }
    /* What the peer said it holds of ours; the rest goes, again if need
     * be: applying a row twice changes nothing. */
    g.lo = g.hi = p.acked;
    h.ack = p.known ? p.received : -1;
    log_utc_now(h.created);
    if (changeset_encoder_init(&g.enc) < 0)
        return pt_fail(err, PT_EENV, "out of memory");
    if (log_each(log, gather_row, &g, err) < 0) {
        changeset_encoder_free(&g.enc);
        return -1;
    }
    h.lo = g.lo;
    h.hi = g.hi;
    FILE *f = open_memstream(&out->p, &out->len);
    if (!f) {
        changeset_encoder_free(&g.enc);
        return pt_fail(err, PT_EENV, "out of memory");
    }
    int rc = changeset_write(&g.enc, &h, f);
    changeset_encoder_free(&g.enc);
    if (fclose(f) != 0 || rc < 0)
        return pt_fail(err, PT_EENV, "out of memory");
    struct log_sync r = {
        .out = true,
        .lo = h.lo,
        .hi = h.hi,
        .ack = h.ack,
        .rows = h.rows,
    };
    snprintf(r.peer_id, sizeof r.peer_id, "%s", h.for_id);
    snprintf(r.peer_name, sizeof r.peer_name, "%s",
             *h.for_name ? h.for_name
             : peer      ? peer
                         : "");
    snprintf(r.for_id, sizeof r.for_id, "%s", h.for_id);
    snprintf(r.file, sizeof r.file, "%s", file);
    snprintf(r.sha256, sizeof r.sha256, "%s", h.sha256);
    int64_t n;
    if (log_head(log, r.head_before, &n, err) < 0 ||
        log_sync_record(log, &r, NULL, NULL, 0, err) < 0)
        return -1;
    cmd_say(stderr,
            _("plantrack: %lld observation(s) for %s (rows %lld to %lld of "
              "%s; sync %lld)\n"),
            (long long)h.rows, peer ? peer : _("any log"),
            (long long)(h.lo + 1), (long long)h.hi, self->name,
            (long long)r.id);
    return 0;
}

static int write_all(int fd, const char *p, size_t len)
{
    while (len) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Into FILE through a temporary one renamed over it: a changeset is never
 * seen half-written. */
static int write_file(const char *path, const struct bytes *b,
                      struct pt_error *err)
{
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid()) >=
        (int)sizeof tmp)
        return pt_fail(err, PT_EUSER, _("%s: name too long"), path);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        return pt_fail(err, PT_EUSER, "%s: %s", path, strerror(errno));
    int rc = write_all(fd, b->p, b->len);
    if (rc == 0)
        rc = fsync(fd);
    if (close(fd) != 0)
        rc = -1;
    if (rc == 0)
        rc = rename(tmp, path);
    if (rc != 0) {
        int e = errno;
        unlink(tmp);
        return pt_fail(err, PT_EUSER, "%s: %s", path, strerror(e));
    }
    return 0;
}

static int open_own_log(const struct cli_opts *o, struct log **log,
                        struct log_identity *self, struct pt_error *err)
{
    if (cmd_open_log(o, LOG_WRITE, log, err) < 0)
        return -1;
    if (log_identity(*log, NULL, false, self, err) < 0) {
        log_close(*log);
        *log = NULL;
        return -1;
    }
    return 0;
}

static int sync_export(const struct cli_opts *o)
{
    struct pt_error err;
    struct log *log;
    struct log_identity self;
    struct bytes b = {0};
    if (o->nargs > 1)
        return cmd_bad_usage(_("sync export takes no operand ('%s'): -o FILE "
                               "names the file"),
                             o->args[1]);
    if (!o->output && isatty(STDOUT_FILENO))
        return cmd_bad_usage("%s",
                             _("a changeset is not for a terminal: give -o "
                               "FILE, or pipe it (| plantrack sync apply -)"));
    if (open_own_log(o, &log, &self, &err) < 0)
        return cmd_report_err(&err);
    int rc = make_changeset(o, log, &self, o->peer, o->output ? o->output : "-",
                            &b, &err);
    log_close(log);
    if (rc == 0 && o->output)
        rc = write_file(o->output, &b, &err);
    else if (rc == 0 && write_all(STDOUT_FILENO, b.p, b.len) < 0)
        rc = pt_fail(&err, PT_EENV, _("writing the changeset: %s"),
                     strerror(errno));
    free(b.p);
    return rc < 0 ? cmd_report_err(&err) : 0;
}

/* ---- apply ---- */

struct apply {
    const struct cli_opts *o;
    const char *name;
    struct changeset_header h;
    struct log_identity self;
    char label[200];
    char **held_ids, **held_rows;
    size_t n_held;
    bool quiet_done; /* sync HOST says it in its own words */
};

static int apply_opened(void *ctx, struct log *log, struct pt_error *err)
{
    struct apply *a = ctx;
    if (log_identity(log, NULL, false, &a->self, err) < 0)
        return -1;
    if (strcmp(a->h.from_id, a->self.id) == 0)
        return pt_fail(err, PT_EUSER,
                       _("%s was made by this log (%s), or by a copy of it: "
                         "nothing to apply. A log copied from another needs "
                         "an identity of its own: plantrack sync id --renew"),
                       a->name, a->self.name);
    if (*a->h.for_id && strcmp(a->h.for_id, a->self.id) != 0)
        return pt_fail(err, PT_EUSER,
                       _("%s was made for another log (%s, %.8s), not this "
                         "one (%s, %.8s): ask %s for one made --for %s"),
                       a->name, *a->h.for_name ? a->h.for_name : "?",
                       a->h.for_id, a->self.name, a->self.id, a->h.from_name,
                       a->self.name);
    if (!*a->h.for_id && *a->h.for_name &&
        strcmp(a->h.for_name, a->self.name) != 0)
        cmd_say(stderr,
                _("plantrack: note: %s was made for '%s'; this log is named "
                  "'%s' (plantrack sync id NAME renames it)\n"),
                a->name, a->h.for_name, a->self.name);
    return 0;
}

static int apply_conflict(void *ctx, const struct obs *o)
{
    struct apply *a = ctx;
    char *line = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&line, &len);
    if (!f)
        return -1;
    cmd_csv_obs(f, o);
    if (fclose(f) != 0)
        return -1;
    char **ids = realloc(a->held_ids, (a->n_held + 1) * sizeof *ids);
    if (ids)
        a->held_ids = ids;
    char **rows = realloc(a->held_rows, (a->n_held + 1) * sizeof *rows);
    if (rows)
        a->held_rows = rows;
    char *id = strdup(o->uuid);
    if (!ids || !rows || !id) {
        free(line);
        free(id);
        return -1;
    }
    a->held_ids[a->n_held] = id;
    a->held_rows[a->n_held++] = line;
    return 0;
}

static int apply_done(void *ctx, struct log *log, const struct import_counts *c,
                      struct pt_error *err)
{
    struct apply *a = ctx;
    struct log_sync r = {
        .out = false,
        .import_id = c->import_id,
        .lo = a->h.lo,
        .hi = a->h.hi,
        .ack = a->h.ack,
        .rows = (int64_t)c->rows,
        .added = (int64_t)c->added,
        .duplicates = (int64_t)c->duplicates,
        .conflicts = (int64_t)c->conflicts,
    };
    snprintf(r.peer_id, sizeof r.peer_id, "%s", a->h.from_id);
    snprintf(r.peer_name, sizeof r.peer_name, "%s", a->h.from_name);
    snprintf(r.for_id, sizeof r.for_id, "%s", a->h.for_id);
    snprintf(r.file, sizeof r.file, "%s", a->name);
    snprintf(r.sha256, sizeof r.sha256, "%s", a->h.sha256);
    memcpy(r.head_before, c->head_before, sizeof r.head_before);
    if (log_sync_record(log, &r, (const char *const *)a->held_ids,
                        (const char *const *)a->held_rows, a->n_held, err) < 0)
        return -1;
    cmd_say(stdout,
            _("applied %s from %s: %zu new observation(s), %zu duplicate(s), "
              "%zu conflict(s) kept apart (sync %lld; head %.16s…)\n"),
            a->name, a->h.from_name, c->added, c->duplicates, c->conflicts,
            (long long)r.id, r.head_after);
    return c->conflicts ? PT_EUSER : 0;
}

static void apply_free(struct apply *a)
{
    for (size_t i = 0; i < a->n_held; i++) {
        free(a->held_ids[i]);
        free(a->held_rows[i]);
    }
    free(a->held_ids);
    free(a->held_rows);
}

/* Check the file whole (truncated, damaged, foreign, of a newer format:
 * refused, nothing changed), then its rows go the way of an import. */
static int apply_bytes(const struct cli_opts *o, const char *name,
                       const struct bytes *b)
{
    struct apply a = {.o = o, .name = name};
    const unsigned char *payload;
    char why[400];
    if (changeset_open(b->p, b->len, &a.h, &payload, why, sizeof why) < 0) {
        cmd_say(stderr, _("plantrack: %s: %s; nothing was applied\n"), name,
                why);
        return PT_EUSER;
    }
    snprintf(a.label, sizeof a.label, _("sync from %s (%.8s): %s"),
             a.h.from_name, a.h.from_id, name);
    struct import_hooks hooks = {
        .ctx = &a,
        .label = a.label,
        .opened = apply_opened,
        .conflict = apply_conflict,
        .done = apply_done,
    };
    unsigned char sha[CHAIN_HASH_LEN];
    chain_unhex(a.h.sha256, sha);
    size_t len = (size_t)a.h.bytes;
    int rc = cmd_import_changeset(o, name, payload, len, sha, &hooks);
    apply_free(&a);
    return rc;
}

static int sync_apply(const struct cli_opts *o)
{
    struct pt_error err;
    struct bytes b = {0};
    if (o->nargs != 2)
        return cmd_bad_usage("%s", _("sync apply needs one FILE (or - for "
                                     "standard input)"));
    const char *name = o->args[1];
    if (read_path(name, &b, &err) < 0) {
        free(b.p);
        return cmd_report_err(&err);
    }
    int rc =
        apply_bytes(o, strcmp(name, "-") == 0 ? _("standard input") : name, &b);
    free(b.p);
    return rc;
}

/* ---- both ways through ssh ---- */

/* The ssh to run and the plantrack at the other end: $PLANTRACK_SSH and
 * $PLANTRACK_REMOTE, else ssh and plantrack. */
static const char *env_or(const char *name, const char *dflt)
{
    const char *v = getenv(name);
    return v && *v ? v : dflt;
}

/* Run argv; feed `in` (may be NULL) to its standard input, collect its
 * standard output in out (may be NULL: it goes to ours). Its standard
 * error is ours. Returns its exit status, or -1. */
static int run(char *const argv[], const struct bytes *in, struct bytes *out,
               struct pt_error *err)
{
    int to[2] = {-1, -1}, from[2] = {-1, -1};
    posix_spawn_file_actions_t fa;
    pid_t pid;
    if ((in && pipe2(to, O_CLOEXEC) < 0) || (out && pipe2(from, O_CLOEXEC) < 0))
        return pt_fail(err, PT_EENV, "pipe: %s", strerror(errno));
    posix_spawn_file_actions_init(&fa);
    if (in)
        posix_spawn_file_actions_adddup2(&fa, to[0], STDIN_FILENO);
    else
        posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null",
                                         O_RDONLY, 0);
    if (out)
        posix_spawn_file_actions_adddup2(&fa, from[1], STDOUT_FILENO);
    int rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (in)
        close(to[0]);
    if (out)
        close(from[1]);
    if (rc != 0) {
        if (in)
            close(to[1]);
        if (out)
            close(from[0]);
        return pt_fail(err, PT_EENV, _("cannot run %s: %s"), argv[0],
                       strerror(rc));
    }
    int wrc = 0;
    if (in) {
        void (*old)(int) = signal(SIGPIPE, SIG_IGN);
        wrc = write_all(to[1], in->p, in->len);
        close(to[1]);
        signal(SIGPIPE, old);
    }
    int rrc = out ? read_fd(from[0], out, argv[0], err) : 0;
    if (out)
        close(from[0]);
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return pt_fail(err, PT_EENV, "waitpid: %s", strerror(errno));
    if (rrc < 0)
        return -1;
    if (!WIFEXITED(status))
        return pt_fail(err, PT_EENV, _("%s was stopped by a signal"), argv[0]);
    if (wrc < 0 && WEXITSTATUS(status) == 0)
        return pt_fail(err, PT_EENV, _("%s did not take the changeset"),
                       argv[0]);
    return WEXITSTATUS(status);
}

static int sync_host(const struct cli_opts *o, const char *host)
{
    struct pt_error err;
    struct log *log;
    struct log_identity self;
    struct bytes pulled = {0}, pushed = {0};
    char *ssh = (char *)env_or("PLANTRACK_SSH", "ssh");
    char *remote = (char *)env_or("PLANTRACK_REMOTE", "plantrack");
    if (host[0] == '-')
        return cmd_bad_usage(_("'%s' is not a host"), host);
    /* ssh would run with the shared log's group: the other end runs it. */
    if (shared_mode())
        return cmd_bad_usage("%s", _("on this shared server, sync HOST is "
                                     "run from the other machine (ssh this "
                                     "server plantrack sync export | "
                                     "apply)"));
    if (open_own_log(o, &log, &self, &err) < 0)
        return cmd_report_err(&err);
    log_close(log);
    /* Theirs first: its header says who they are, for ours. */
    char *get[] = {ssh,      (char *)host, remote,  "sync",
                   "export", "--for",      self.id, NULL};
    cmd_say(stderr, _("plantrack: from %s…\n"), host);
    int rc = run(get, NULL, &pulled, &err);
    if (rc < 0) {
        free(pulled.p);
        return cmd_report_err(&err);
    }
    if (rc != 0) {
        free(pulled.p);
        cmd_say(stderr,
                _("plantrack: '%s %s %s sync export' failed (exit %d): "
                  "nothing was exchanged\n"),
                ssh, host, remote, rc);
        return PT_EENV;
    }
    struct changeset_header h;
    const unsigned char *payload;
    char why[400], name[300];
    if (changeset_open(pulled.p, pulled.len, &h, &payload, why, sizeof why) <
        0) {
        cmd_say(stderr, _("plantrack: what %s sent: %s; nothing was applied\n"),
                host, why);
        free(pulled.p);
        return PT_EUSER;
    }
    snprintf(name, sizeof name, "%s:%s", host, h.from_name);
    int applied = apply_bytes(o, name, &pulled);
    free(pulled.p);
    if (applied != 0 && applied != PT_EUSER)
        return applied;
    if (applied == PT_EUSER) {
        /* refused rows or conflicts: say so, but still send ours */
        cmd_say(stderr, _("plantrack: %s: see above\n"), name);
    }
    if (open_own_log(o, &log, &self, &err) < 0)
        return cmd_report_err(&err);
    rc = make_changeset(o, log, &self, h.from_id, host, &pushed, &err);
    log_close(log);
    if (rc < 0) {
        free(pushed.p);
        return cmd_report_err(&err);
    }
    char *put[] = {ssh, (char *)host, remote, "sync", "apply", "-", NULL};
    cmd_say(stderr, _("plantrack: to %s…\n"), host);
    rc = run(put, &pushed, NULL, &err);
    free(pushed.p);
    if (rc < 0)
        return cmd_report_err(&err);
    if (rc != 0 && rc != PT_EUSER) {
        cmd_say(stderr,
                _("plantrack: '%s %s %s sync apply -' failed (exit %d): "
                  "nothing of ours was applied there; run it again\n"),
                ssh, host, remote, rc);
        return PT_EENV;
    }
    return applied || rc ? PT_EUSER : 0;
}

/* ---- receipts and identity ---- */

static int sync_log(const struct cli_opts *o)
{
    struct pt_error err;
    struct log *log;
    struct log_sync *v;
    size_t n;
    if (o->nargs > 1)
        return cmd_bad_usage(_("sync log takes no operand ('%s')"), o->args[1]);
    if (cmd_open_log(o, LOG_READ, &log, &err) < 0)
        return cmd_report_err(&err);
    if (log_syncs(log, &v, &n, &err) < 0) {
        log_close(log);
        return cmd_report_err(&err);
    }
    if (n == 0)
        cmd_say(stdout, "%s\n", _("no sync yet"));
    for (size_t i = 0; i < n; i++) {
        const struct log_sync *r = &v[i];
        char at[20];
        cmd_local_minute(r->at, at, sizeof at);
        if (r->out && r->rows == 0)
            cmd_say(stdout,
                    _("sync %lld  %s  out  for %s%s%.8s  by %s@%s\n"
                      "    nothing new for it (it holds our rows to %lld); "
                      "we hold its rows to %lld\n"),
                    (long long)r->id, at,
                    *r->peer_name ? r->peer_name : _("any log"),
                    *r->peer_id ? " " : "", r->peer_id, r->run_by, r->host,
                    (long long)r->lo, (long long)(r->ack < 0 ? 0 : r->ack));
        else if (r->out)
            cmd_say(stdout,
                    _("sync %lld  %s  out  for %s%s%.8s  by %s@%s\n"
                      "    rows %lld to %lld (%lld observation(s)); we hold "
                      "its rows to %lld; %s sha256 %.16s…\n"),
                    (long long)r->id, at,
                    *r->peer_name ? r->peer_name : _("any log"),
                    *r->peer_id ? " " : "", r->peer_id, r->run_by, r->host,
                    (long long)(r->lo + 1), (long long)r->hi,
                    (long long)r->rows, (long long)(r->ack < 0 ? 0 : r->ack),
                    r->file, r->sha256);
        else
            cmd_say(stdout,
                    _("sync %lld  %s  in   from %s %.8s  by %s@%s\n"
                      "    %lld row(s): %lld added, %lld duplicate(s), %lld "
                      "conflict(s) kept apart; %s sha256 %.16s…\n"
                      "    head before %.16s…  after %.16s…\n"),
                    (long long)r->id, at, r->peer_name, r->peer_id, r->run_by,
                    r->host, (long long)r->rows, (long long)r->added,
                    (long long)r->duplicates, (long long)r->conflicts, r->file,
                    r->sha256, r->head_before, r->head_after);
    }
    free(v);
    log_close(log);
    return cmd_flush_stdout();
}

static int sync_id(const struct cli_opts *o, bool renew)
{
    struct pt_error err;
    struct log *log;
    struct log_identity self;
    if (o->nargs > 2)
        return cmd_bad_usage("%s", _("sync id takes one NAME"));
    const char *name = o->nargs == 2 ? o->args[1] : NULL;
    if (name && !changeset_name_ok(name))
        return cmd_bad_usage(_("'%s': a log's name is 1 to 64 characters, "
                               "no space"),
                             name);
    if (cmd_open_log(o, LOG_WRITE, &log, &err) < 0 ||
        log_identity(log, name, renew, &self, &err) < 0) {
        log_close(log);
        return cmd_report_err(&err);
    }
    log_close(log);
    cmd_say(stdout, "%s %s\n", self.id, self.name);
    return cmd_flush_stdout();
}

int cmd_sync(const struct cli_opts *o)
{
    if (o->nargs < 1)
        return cmd_bad_usage("%s", _("sync needs export, apply, log, id or a "
                                     "HOST to sync with through ssh"));
    const char *what = o->args[0];
    if (strcmp(what, "export") == 0)
        return sync_export(o);
    if (strcmp(what, "apply") == 0)
        return sync_apply(o);
    if (strcmp(what, "log") == 0)
        return sync_log(o);
    if (strcmp(what, "id") == 0)
        return sync_id(o, o->renew);
    if (o->nargs > 1)
        return cmd_bad_usage(_("sync HOST takes nothing more ('%s')"),
                             o->args[1]);
    return sync_host(o, what);
}
