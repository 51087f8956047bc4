/* The file `plantrack sync` carries between logs: a short text header
 * (which log sent it, for whom, which of its rows, how many, a SHA-256 over
 * header and payload), then the rows as an SQLite changeset: the binary
 * format of SQLite's session extension, one INSERT per observation into a
 * table `observations` keyed by uuid. SQLite's own iterator
 * (sqlite3changeset_start_v2) reads it back, and sqlite3changeset_apply_v2
 * would apply it to such a table; plantrack instead passes each row through
 * the log's one check (see log.h). No log here: rows in, rows out. */
#ifndef PLANTRACK_CHANGESET_H
#define PLANTRACK_CHANGESET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "plantrack/log.h"

/* The version of this file format; a reader refuses a newer one. */
#define CHANGESET_FORMAT 1
#define CHANGESET_MAX_NAME 64

struct changeset_header {
    int format;
    char from_id[37]; /* the sending log's identity */
    char from_name[CHANGESET_MAX_NAME + 1];
    char for_id[37];                       /* "" when made for any log */
    char for_name[CHANGESET_MAX_NAME + 1]; /* "" likewise */
    int64_t lo, hi; /* the sender's rows with lo < seq <= hi */
    int64_t ack;    /* the sender holds the recipient's rows up to this
                       seq of the recipient's; -1 when it does not say */
    int64_t rows;
    char created[32]; /* UTC, as recorded_at */
    int64_t bytes;    /* of the payload */
    char sha256[65];
};

/* Whether s may be a log's name in a header: 1 to 64 bytes of UTF-8, no
 * space or control character. */
bool changeset_name_ok(const char *s);

/* The payload, built in memory row by row. */
struct changeset_encoder {
    FILE *mem;
    char *buf;
    size_t len;
    int64_t rows;
};
int changeset_encoder_init(struct changeset_encoder *e);
void changeset_encode(struct changeset_encoder *e, const struct obs *o);
/* Header (rows, bytes and sha256 filled here) and payload to out; the
 * encoder is freed by changeset_encoder_free. Returns 0, or -1 when
 * writing failed (errno says why). */
int changeset_write(struct changeset_encoder *e, struct changeset_header *h,
                    FILE *out);
void changeset_encoder_free(struct changeset_encoder *e);

/* Check a whole file held in memory: a plantrack changeset, of a format
 * this program reads, complete and undamaged. On success h is filled and
 * *payload points into data. Returns 0, or -1 with why (for a person:
 * "truncated: ...", "damaged: ...") filled. */
int changeset_open(const void *data, size_t len, struct changeset_header *h,
                   const unsigned char **payload, char *why, size_t why_len);
/* Each row of a payload, in order, through SQLite's changeset iterator. The
 * row's strings live until fn returns; fn returns non-zero to stop. A
 * payload that is not rows of plantrack's observations table (another
 * table, another shape, a change other than an insert, a field of the
 * wrong type) is refused with why naming the change. */
int changeset_each(const unsigned char *payload, size_t len,
                   int (*fn)(void *ctx, const struct obs *o), void *ctx,
                   char *why, size_t why_len);

#endif
